import { eventPermission, eventScope, namesUser } from '../../src-shared/contract/events';
import type { ChangeEvent } from '../../src-shared/contract/procedure';
import { ROW_SCOPES } from '../../src-shared/contract/visibility';
import { can, type Role } from '../../src-shared/permissions';
import type { EventSource } from '../rpc/types';

/** In-process bus: committed writes go out to WebSocket clients and renderer windows. */
export class EventBus implements EventSource {
  private readonly listeners = new Set<(event: ChangeEvent) => void>();

  subscribe(listener: (event: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  publish(event: ChangeEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A broken listener must not stop the others.
      }
    }
  }
}

/**
 * The one rule for who receives a change event, used by the WebSocket and the desktop windows'
 * port bridge alike: a user hears only about what they may read (the event's read permission,
 * derived from the contract: `payment.created` needs `payments.read`, so production never gets
 * it); an event about a scoped record (a payment, a crediário: `eventScope`) reaches a user
 * without the scope's bypass (`finance.shop`) only when they are among its `owners` (the seller of
 * the customer, resolved once when it was published); notifications only reach the user whose id
 * they carry. Pure: no query per connection.
 */
export function eventIsFor(event: ChangeEvent, user: { id: number; role: Role }): boolean {
  const permission = eventPermission(event.type);
  if (permission === null || !can(user.role, permission)) return false;
  const scope = eventScope(event.type);
  if (scope && !can(user.role, ROW_SCOPES[scope].unless) && !event.owners?.includes(user.id)) return false;
  return namesUser(event, user.id);
}
