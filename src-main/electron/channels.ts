/** Names and messages shared by main, preload and the core host. Kept free of imports so every bundle can use it. */

/** main → renderer: carries the MessagePort to the core (in `event.ports[0]`). */
export const PORT_CHANNEL = 'balcao:port';

/** renderer → main: "give me a port" (after load or reload). Sender frame validated, like the print channels below. */
export const HELLO_CHANNEL = 'balcao:hello';

/** main → core over `process.parentPort`. `connect` carries the port to serve in `ports[0]`. */
export type CoreControlMessage = { type: 'connect' } | { type: 'shutdown' };

export function isCoreControlMessage(value: unknown): value is CoreControlMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'connect' || type === 'shutdown';
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

/** renderer → main (invoke), sender frame validated: print a document, list printers, remember a kind's printer (`print.ts`). */
export const PRINT_CHANNEL = 'balcao:print';
export const PRINTERS_CHANNEL = 'balcao:printers';
export const SET_PRINTER_CHANNEL = 'balcao:set-printer';
