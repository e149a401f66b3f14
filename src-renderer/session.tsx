import { createContext, useContext } from 'react';
import type { OutputOf } from '../src-shared/contract';
import { type Access, can } from '../src-shared/permissions';
import type { RealtimeStatus } from './api/realtime';

export type Me = OutputOf<'auth.me'>;

export interface Session {
  me: Me;
  can(permission: Access): boolean;
  logout(): Promise<void>;
  realtime: RealtimeStatus;
}

export const SessionContext = createContext<Session | null>(null);

/** The logged-in user; only used below the authenticated part of the app. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession fora da sessão');
  return session;
}

export function makeSession(me: Me, logout: () => Promise<void>, realtime: RealtimeStatus): Session {
  return { me, can: (permission) => can(me.user.role, permission), logout, realtime };
}
