import type { PresenceClientMessage, PresenceMessage, ServerMessage } from '../../src-shared/contract/bridge';
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
  /** Who is editing a record, as the server reports it (also a snapshot right after connecting). */
  onPresence?(message: PresenceMessage): void;
}

/** Stops the socket when called; `setPresence` says what this client is editing (re-sent after a reconnect). */
export interface RealtimeHandle {
  (): void;
  setPresence(message: PresenceClientMessage): void;
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

/** A presence message out of a socket message, or null for anything else. */
export function parsePresenceMessage(data: string): PresenceMessage | null {
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Partial<PresenceMessage>;
  if (m.kind !== 'presence' || (m.entity !== 'order' && m.entity !== 'customer')) return null;
  if (typeof m.id !== 'number' || !Array.isArray(m.users)) return null;
  const users = m.users.filter(
    (u): u is { id: number; name: string } =>
      typeof u === 'object' && u !== null && typeof u.id === 'number' && typeof u.name === 'string',
  );
  return { kind: 'presence', entity: m.entity, id: m.id, users: users.map((u) => ({ id: u.id, name: u.name })) };
}

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (handle) => globalThis.clearInterval(handle as ReturnType<typeof globalThis.setInterval>),
  now: () => Date.now(),
};

/** Opens the socket and keeps it open until the returned function is called. */
export function openRealtime(options: RealtimeOptions): RealtimeHandle {
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
  let isOpen = false;
  /** What this client is editing; sent again on every (re)connection, since the server forgets on close. */
  let presence: PresenceClientMessage | null = null;

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
    isOpen = false;
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
        isOpen = true;
        if (presence) conn?.send(JSON.stringify(presence));
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
        if (event) {
          options.onEvent(event);
          return;
        }
        const who = options.onPresence ? parsePresenceMessage(data) : null;
        if (who) options.onPresence?.(who);
      },
      onClose(code) {
        if (mine !== generation || stopped) return;
        isOpen = false;
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

  const stop = () => {
    stopped = true;
    isOpen = false;
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
  return Object.assign(stop, {
    setPresence(message: PresenceClientMessage) {
      if (stopped) return;
      const before = presence;
      presence = message.id === null ? null : message;
      // Nothing to tell the server when it never heard of an edit; otherwise it learns now, or on connecting.
      if (message.id === null && !before) return;
      if (isOpen && conn) conn.send(JSON.stringify(message));
    },
  });
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
