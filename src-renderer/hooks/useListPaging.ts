import { type Dispatch, type SetStateAction, useEffect, useRef } from 'react';
import { pageCount } from '../lib/format';

export interface Paging {
  page: number;
  perPage: number;
}

/** The page and page size of a stored list state, when still acceptable (else page 1 of 50). */
export function storedPaging(s: Record<string, unknown>): Paging {
  return {
    page: typeof s.page === 'number' && Number.isInteger(s.page) && s.page > 0 ? s.page : 1,
    perPage: typeof s.perPage === 'number' && [25, 50, 100, 200].includes(s.perPage) ? s.perPage : 50,
  };
}

/** A shrinking list (deletions, new filters elsewhere) can leave us past the last page: go to the last one. */
export function useClampPage<S extends Paging>(
  total: number | undefined,
  state: S,
  setState: Dispatch<SetStateAction<S>>,
): void {
  const { page, perPage } = state;
  useEffect(() => {
    if (total === undefined) return;
    const last = pageCount(perPage, total);
    if (page > last) setState((s) => ({ ...s, page: last }));
  }, [total, page, perPage, setState]);
}

/**
 * Keyset paging for lists that give `nextCursor`: the cursor that ends page n is remembered, and
 * page n+1 is then asked by it (as fast on page 9,000 as on page 1; rows added meanwhile do not
 * shift it). A page reached otherwise (typed, stored, after new filters) goes by number. The
 * remembered cursors are forgotten when `filterKey` (filters, sort, page size) changes.
 */
export function useCursorPaging(filterKey: string): {
  cursorFor: (page: number) => string | undefined;
  learn: (page: number, nextCursor: string | null | undefined) => void;
} {
  const memory = useRef({ key: filterKey, cursors: new Map<number, string>() });
  if (memory.current.key !== filterKey) memory.current = { key: filterKey, cursors: new Map() };
  const { cursors } = memory.current;
  return {
    cursorFor: (page) => cursors.get(page),
    learn: (page, nextCursor) => {
      if (nextCursor) cursors.set(page + 1, nextCursor);
    },
  };
}
