/** Names and messages shared by main, preload and the core host. Kept free of imports so every bundle can use it. */

/** main → renderer: carries the MessagePort to the core (in `event.ports[0]`). */
export const PORT_CHANNEL = 'balcao:port';

/** renderer → main: "give me a port" (after load or reload). The only ipcMain channel, sender frame validated. */
export const HELLO_CHANNEL = 'balcao:hello';

/** main → core over `process.parentPort`. `connect` carries the port to serve in `ports[0]`. */
export type CoreControlMessage = { type: 'connect' } | { type: 'shutdown' } | CoreRequest;

export function isCoreControlMessage(value: unknown): value is CoreControlMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'connect' || type === 'shutdown' || isCoreRequest(value);
}

/**
 * core → main over `process.parentPort`: the core cannot start for a reason a restart will not fix
 * (the data folder is held by another Balcão, is on a network share, or is from a newer version).
 * It sends this, then exits with `CORE_FATAL_EXIT`.
 */
export type CoreStatusMessage = { type: 'fatal'; message: string };

/** Exit code of a core that cannot start for a reason restarting will not fix (sysexits' EX_CONFIG). */
export const CORE_FATAL_EXIT = 78;

export function isCoreStatusMessage(value: unknown): value is CoreStatusMessage {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; message?: unknown };
  return v.type === 'fatal' && typeof v.message === 'string';
}

// --- desk: the tray and the updater talk to the core (issue 13) ---

/** main → core: make a backup now (tray "Fazer backup agora", or before installing an update). */
export type CoreRequest = { type: 'backup'; kind: 'manual' | 'before_update'; requestId: number };

export function isCoreRequest(value: unknown): value is CoreRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; kind?: unknown; requestId?: unknown };
  return v.type === 'backup' && (v.kind === 'manual' || v.kind === 'before_update') && typeof v.requestId === 'number';
}

/** core → main: what the shell shows or decides on (LAN users before quitting, the network setting, a backup's end). */
export type CoreReport =
  | { type: 'lan-users'; count: number }
  | {
      type: 'network';
      port: number;
      mode: 'local' | 'lan';
      updateUrl: string | null;
      updateChannel: 'stable' | 'beta';
    }
  | { type: 'backup-done'; requestId: number; ok: boolean; detail: string }
  | { type: 'device-waiting'; code: string; address: string | null };

export function isCoreReport(value: unknown): value is CoreReport {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'lan-users' || type === 'network' || type === 'backup-done' || type === 'device-waiting';
}
