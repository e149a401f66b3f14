import type { PresenceClientMessage, PresenceMessage } from '../../src-shared/contract/bridge';

/**
 * Who is editing what ("Ana está editando o pedido 123"), shared by every transport: LAN
 * WebSocket clients and desktop windows (IPC) set their presence here and every subscriber
 * gets the resulting `PresenceMessage`s, so a browser and a desktop window see each other.
 */

export type PresenceEntity = PresenceClientMessage['entity'];
export type PresenceUser = PresenceMessage['users'][number];
export interface PresenceTarget {
  entity: PresenceEntity;
  id: number;
}

/** A client's presence message (any transport), or null for anything else. */
export function toPresenceClientMessage(value: unknown): PresenceClientMessage | null {
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Partial<PresenceClientMessage>;
  if (m.kind !== 'presence' || (m.entity !== 'order' && m.entity !== 'customer')) return null;
  if (m.id !== null && !(Number.isInteger(m.id) && (m.id as number) > 0)) return null;
  return { kind: 'presence', entity: m.entity, id: m.id ?? null };
}

/**
 * Presence per connection (a WebSocket client, a window's port…), keyed by any object the
 * transport owns. A change of target is told about the record left and the record entered;
 * leaving (connection gone) is told about the record that was being edited.
 */
export class PresenceHub {
  private readonly editing = new Map<object, { user: PresenceUser; target: PresenceTarget }>();
  private readonly listeners = new Set<(message: PresenceMessage) => void>();

  /** What `conn` (as `user`) is editing now; null: nothing. */
  set(conn: object, user: PresenceUser, target: PresenceTarget | null): void {
    const before = this.editing.get(conn)?.target ?? null;
    if (target) this.editing.set(conn, { user: { id: user.id, name: user.name }, target: { ...target } });
    else this.editing.delete(conn);
    if (before) this.publish(before.entity, before.id);
    if (target && (target.entity !== before?.entity || target.id !== before?.id))
      this.publish(target.entity, target.id);
  }

  /** The connection is gone: it edits nothing any more. */
  leave(conn: object): void {
    const before = this.editing.get(conn)?.target;
    if (!before) return;
    this.editing.delete(conn);
    this.publish(before.entity, before.id);
  }

  /** Who is editing one record, each user once. */
  presenceOf(entity: PresenceEntity, id: number): PresenceMessage {
    const users = new Map<number, string>();
    for (const { user, target } of this.editing.values())
      if (target.entity === entity && target.id === id) users.set(user.id, user.name);
    return { kind: 'presence', entity, id, users: [...users].map(([uid, name]) => ({ id: uid, name })) };
  }

  /** One message per record someone is editing right now (what a newcomer is told). */
  snapshot(): PresenceMessage[] {
    const open = new Map<string, PresenceTarget>();
    for (const { target } of this.editing.values()) open.set(`${target.entity}:${target.id}`, target);
    return [...open.values()].map((target) => this.presenceOf(target.entity, target.id));
  }

  /** Every presence change, as the message to send; returns an unsubscribe function. */
  subscribe(listener: (message: PresenceMessage) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private publish(entity: PresenceEntity, id: number): void {
    const message = this.presenceOf(entity, id);
    for (const listener of [...this.listeners]) {
      try {
        listener(message);
      } catch {
        // A broken listener must not stop the others.
      }
    }
  }
}
