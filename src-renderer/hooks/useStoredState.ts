import { type Dispatch, type SetStateAction, useEffect, useState } from 'react';
import { queryParams } from '../lib/url-filters';

/**
 * useState kept in sessionStorage: a list's search, filters and page survive opening a record and
 * coming back. `parse` decides what of the stored value is still acceptable. `fromUrl`, when given,
 * reads filters from the page's address (a link such as Início's `/pedidos?status=pronto`): they
 * replace the remembered ones, and the query is then taken off the address so going back or
 * reloading keeps the list as the user leaves it.
 */
export function useStoredState<T>(
  key: string,
  initial: T,
  parse: (stored: unknown) => T,
  fromUrl?: (params: Record<string, string>) => T,
): [T, Dispatch<SetStateAction<T>>] {
  const [value, setValue] = useState<T>(() => {
    const params = fromUrl ? queryParams(window.location.search) : null;
    if (fromUrl && params) {
      // The app routes by hash (`/?status=pronto#/pedidos`): keep the hash, drop the query.
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.hash}`);
      return fromUrl(params);
    }
    try {
      const raw = window.sessionStorage.getItem(key);
      return raw === null ? initial : parse(JSON.parse(raw));
    } catch {
      return initial;
    }
  });
  useEffect(() => {
    try {
      window.sessionStorage.setItem(key, JSON.stringify(value));
    } catch {
      // Storage blocked or full: the state simply is not remembered.
    }
  }, [key, value]);
  return [value, setValue];
}
