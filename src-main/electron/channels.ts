/** Names and messages shared by main, preload and the core host. Kept free of imports so every bundle can use it. */

/** main → renderer: carries the MessagePort to the core (in `event.ports[0]`). */
export const PORT_CHANNEL = 'balcao:port';

/** renderer → main: "give me a port" (after load or reload). The only ipcMain channel, sender frame validated. */
export const HELLO_CHANNEL = 'balcao:hello';

/** main → core over `process.parentPort`. `connect` carries the port to serve in `ports[0]`. */
export type CoreControlMessage = { type: 'connect' } | { type: 'shutdown' };

export function isCoreControlMessage(value: unknown): value is CoreControlMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'connect' || type === 'shutdown';
}
