/**
 * The percent of the backup, restore or maintenance under way, as `backup.progress` events say it
 * (the event's `version`; null when it ended). Read with `useSyncExternalStore`.
 */
type Listener = () => void;

let percent: number | null = null;
const listeners = new Set<Listener>();

export const progressStore = {
  get: (): number | null => percent,
  set(next: number | null): void {
    percent = next;
    for (const listener of [...listeners]) listener();
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};

/** What the app does with the core's own events: `system.reload` reloads, `backup.progress` moves the bar. */
export function handleSystemEvent(event: { type: string; version: number | null }, reload: () => void): boolean {
  if (event.type === 'system.reload') {
    reload();
    return true;
  }
  if (event.type === 'backup.progress') {
    progressStore.set(event.version);
    return true;
  }
  return false;
}
