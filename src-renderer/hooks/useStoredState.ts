import { type Dispatch, type SetStateAction, useEffect, useState } from 'react';

/**
 * useState kept in sessionStorage: a list's search, filters and page survive opening a record and
 * coming back. `parse` decides what of the stored value is still acceptable.
 */
export function useStoredState<T>(
  key: string,
  initial: T,
  parse: (stored: unknown) => T,
): [T, Dispatch<SetStateAction<T>>] {
  const [value, setValue] = useState<T>(() => {
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
