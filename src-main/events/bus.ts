import type { ChangeEvent } from '../../src-shared/contract/procedure';
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

/** Events meant for one user (their notifications carry that user's id): everyone else skips them. */
export function eventIsFor(event: ChangeEvent, userId: number): boolean {
  return !event.type.startsWith('notification.') || event.id === userId;
}
