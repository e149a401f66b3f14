import type { ServerMessage } from '../../src-shared/contract/bridge';
import type { ChangeEvent } from '../../src-shared/contract/procedure';

/**
 * The LAN browser's live-update socket: `/ws?token=…`, reconnecting with backoff. The socket itself
 * comes from a factory, so the reconnect logic is unit-tested without a browser or a server.
 */

export type RealtimeStatus = 'connecting' | 'open' | 'offline';

/** Close code the server uses when the session behind the socket was ended (logout, password change). */
export const SESSION_ENDED_CLOSE_CODE = 4401;

export interface SocketHandlers {
  onOpen(): void;
  onMessage(data: string): void;
  onClose(code: number): void;
}

export interface SocketConn {
  send(data: string): void;
  close(): void;
}

export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketConn;

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  now(): number;
}

export interface RealtimeOptions {
  url: string;
  socket: SocketFactory;
  onEvent(event: ChangeEvent): void;
  onStatus?(status: RealtimeStatus): void;
  /** After a reconnect: events may have been missed while offline, so refetch what is on screen. */
  onResync?(): void;
  /** The server closed the socket because the session no longer exists. */
  onSessionEnded?(): void;
  timers?: Timers;
  random?: () => number;
  /** How often to ping; a socket silent for more than two intervals is considered dead. */
  pingIntervalMs?: number;
}

/** Delay before reconnect attempt `attempt` (0-based): 1 s, 2 s, 4 s… up to 30 s, with jitter in [50%, 100%]. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, Math.min(attempt, 10)));
  return Math.round(base / 2 + (random() * base) / 2);
}

/** `ws://host/ws?token=…` for an http page, `wss://` for https. */
export function wsUrlFor(location: { protocol: string; host: string }, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws?token=${encodeURIComponent(token)}`;
}

/** A change event out of a socket message, or null for anything else (pong, garbage). */
export function parseEventMessage(data: string): ChangeEvent | null {
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Partial<ServerMessage>;
  if (m.kind !== 'event' || !('event' in m)) return null;
  const event = m.event as Partial<ChangeEvent> | undefined;
  if (typeof event !== 'object' || event === null || typeof event.type !== 'string') return null;
  return {
    type: event.type,
    id: typeof event.id === 'number' ? event.id : 0,
    version: typeof event.version === 'number' ? event.version : null,
    by: typeof event.by === 'number' ? event.by : null,
  };
}

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (handle) => globalThis.clearInterval(handle as ReturnType<typeof globalThis.setInterval>),
  now: () => Date.now(),
};

/** Opens the socket and keeps it open until the returned function is called. */
export function openRealtime(options: RealtimeOptions): () => void {
  const timers = options.timers ?? defaultTimers;
  const random = options.random ?? Math.random;
  const pingMs = options.pingIntervalMs ?? 25_000;
  let stopped = false;
  let attempt = 0;
  let generation = 0;
  let everOpened = false;
  let conn: SocketConn | null = null;
  let retryTimer: unknown = null;
  let pingTimer: unknown = null;
  let lastSeen = 0;

  const status = (s: RealtimeStatus) => options.onStatus?.(s);

  const stopPing = () => {
    if (pingTimer !== null) timers.clearInterval(pingTimer);
    pingTimer = null;
  };

  const scheduleReconnect = () => {
    if (stopped) return;
    status('offline');
    const delay = reconnectDelay(attempt++, random);
    retryTimer = timers.setTimeout(() => {
      retryTimer = null;
      connect();
    }, delay);
  };

  /** Gives up on the current socket (dead or closed) and plans the next attempt. */
  const drop = () => {
    generation++;
    stopPing();
    const old = conn;
    conn = null;
    try {
      old?.close();
    } catch {
      // Already closed.
    }
    scheduleReconnect();
  };

  function connect(): void {
    if (stopped) return;
    const mine = ++generation;
    status('connecting');
    conn = options.socket(options.url, {
      onOpen() {
        if (mine !== generation || stopped) return;
        attempt = 0;
        lastSeen = timers.now();
        status('open');
        if (everOpened) options.onResync?.();
        everOpened = true;
        stopPing();
        pingTimer = timers.setInterval(() => {
          if (mine !== generation || !conn) return;
          if (timers.now() - lastSeen > pingMs * 2) drop();
          else conn.send('{"kind":"ping"}');
        }, pingMs);
      },
      onMessage(data) {
        if (mine !== generation || stopped) return;
        lastSeen = timers.now();
        const event = parseEventMessage(data);
        if (event) options.onEvent(event);
      },
      onClose(code) {
        if (mine !== generation || stopped) return;
        if (code === SESSION_ENDED_CLOSE_CODE) {
          stopped = true;
          stopPing();
          conn = null;
          status('offline');
          options.onSessionEnded?.();
          return;
        }
        drop();
      },
    });
  }

  connect();

  return () => {
    stopped = true;
    generation++;
    stopPing();
    if (retryTimer !== null) timers.clearTimeout(retryTimer);
    retryTimer = null;
    const old = conn;
    conn = null;
    try {
      old?.close();
    } catch {
      // Already closed.
    }
  };
}

/** The browser's WebSocket behind the factory interface. */
export const browserSocket: SocketFactory = (url, handlers) => {
  const ws = new WebSocket(url);
  ws.onopen = () => handlers.onOpen();
  ws.onmessage = (event: MessageEvent) => {
    if (typeof event.data === 'string') handlers.onMessage(event.data);
  };
  ws.onclose = (event: CloseEvent) => handlers.onClose(event.code);
  ws.onerror = () => {
    // A close event always follows; reconnecting is handled there.
  };
  return {
    send(data) {
      if (ws.readyState === WebSocket.OPEN) ws.send(data);
    },
    close() {
      ws.onopen = null;
      ws.onmessage = null;
      ws.onclose = null;
      ws.close();
    },
  };
};
