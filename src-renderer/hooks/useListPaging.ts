import { type Dispatch, type SetStateAction, useEffect } from 'react';
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
