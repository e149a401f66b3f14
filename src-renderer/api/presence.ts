import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { PresenceMessage } from '../../src-shared/contract/bridge';
import { getClient } from './client';

/**
 * Who is editing what ("Ana está editando"), as the core reports it over the LAN WebSocket or,
 * in the desktop window, over IPC: both feed the same presence, so browsers and windows see each other.
 */

export type PresenceEntity = PresenceMessage['entity'];
export type PresenceUser = PresenceMessage['users'][number];

export interface PresenceStore {
  apply(message: PresenceMessage): void;
  /** Forgets everything (socket closed: the server sends a fresh snapshot on the next connection). */
  clear(): void;
  /** The users editing one record; the same array until that record's presence changes. */
  users(entity: PresenceEntity, id: number): readonly PresenceUser[];
  subscribe(listener: () => void): () => void;
}

const NOBODY: readonly PresenceUser[] = Object.freeze([]);

export function createPresenceStore(): PresenceStore {
  let byKey = new Map<string, readonly PresenceUser[]>();
  const listeners = new Set<() => void>();
  const emit = () => {
    for (const listener of [...listeners]) listener();
  };
  return {
    apply(message) {
      const key = `${message.entity}:${message.id}`;
      const next = new Map(byKey);
      if (message.users.length) next.set(key, message.users.slice());
      else next.delete(key);
      byKey = next;
      emit();
    },
    clear() {
      if (byKey.size === 0) return;
      byKey = new Map();
      emit();
    },
    users: (entity, id) => byKey.get(`${entity}:${id}`) ?? NOBODY,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/** The app's one store, fed by the realtime subscription (see useRealtime). */
export const presenceStore = createPresenceStore();

/** The others (not `meId`) editing a record right now. */
export function othersEditing(
  users: readonly PresenceUser[],
  meId: number | null | undefined,
): readonly PresenceUser[] {
  return users.some((u) => u.id === meId) ? users.filter((u) => u.id !== meId) : users;
}

export function usePresence(
  entity: PresenceEntity,
  id: number | null,
  meId: number | null | undefined,
): readonly PresenceUser[] {
  const users = useSyncExternalStore(
    presenceStore.subscribe,
    () => (id === null ? NOBODY : presenceStore.users(entity, id)),
    () => NOBODY,
  );
  return useMemo(() => othersEditing(users, meId), [users, meId]);
}

/** While mounted with an id, tells the others this user is editing that record. */
export function useAnnounceEditing(entity: PresenceEntity, id: number | null): void {
  useEffect(() => {
    if (id === null) return;
    const client = getClient();
    client.setPresence(entity, id);
    return () => client.setPresence(entity, null);
  }, [entity, id]);
}
