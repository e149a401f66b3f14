/** The session token, kept in localStorage (`balcao.token`) so a reload or a new tab stays logged in. */

export const TOKEN_STORAGE_KEY = 'balcao.token';

/** Why the token went away: the user left, or the server said the session no longer exists. */
export type LogoutReason = 'logout' | 'expired';

export interface TokenState {
  token: string | null;
  /** Set when the token was cleared; shown on the login screen. */
  reason: LogoutReason | null;
}

export interface TokenStore {
  get(): string | null;
  state(): TokenState;
  set(token: string): void;
  clear(reason: LogoutReason): void;
  subscribe(listener: () => void): () => void;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function createTokenStore(storage: StorageLike | null): TokenStore {
  const read = (): string | null => {
    try {
      return storage?.getItem(TOKEN_STORAGE_KEY) || null;
    } catch {
      return null;
    }
  };
  let state: TokenState = { token: read(), reason: null };
  const listeners = new Set<() => void>();
  const emit = () => {
    for (const listener of [...listeners]) listener();
  };

  return {
    get: () => state.token,
    state: () => state,
    set(token) {
      try {
        storage?.setItem(TOKEN_STORAGE_KEY, token);
      } catch {
        // Storage blocked: the session lasts until the page is closed.
      }
      state = { token, reason: null };
      emit();
    },
    clear(reason) {
      if (state.token === null && state.reason === reason) return;
      try {
        storage?.removeItem(TOKEN_STORAGE_KEY);
      } catch {
        // Nothing to remove.
      }
      state = { token: null, reason };
      emit();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/** Follows logins and logouts made in other tabs of the same browser. */
export function followOtherTabs(store: TokenStore, target: Pick<Window, 'addEventListener'>): void {
  target.addEventListener('storage', (event: StorageEvent) => {
    if (event.key !== TOKEN_STORAGE_KEY && event.key !== null) return;
    const token = event.key === null ? null : event.newValue;
    if (token === store.get()) return;
    if (token) store.set(token);
    else store.clear('logout');
  });
}
