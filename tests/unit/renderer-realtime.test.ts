import { describe, expect, it } from 'vitest';
import { domainsForEvent, queryKeyOf, queryMatchesEvent } from '../../src-renderer/api/query-keys';
import {
  openRealtime,
  parseEventMessage,
  reconnectDelay,
  type SocketHandlers,
  type Timers,
  wsUrlFor,
} from '../../src-renderer/api/realtime';
import type { ChangeEvent } from '../../src-shared/contract/procedure';

function fakeTimers() {
  let now = 0;
  let nextId = 1;
  const timeouts = new Map<number, { at: number; fn: () => void }>();
  const intervals = new Map<number, { every: number; next: number; fn: () => void }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timeouts.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => void timeouts.delete(id as number),
    setInterval: (fn, ms) => {
      const id = nextId++;
      intervals.set(id, { every: ms, next: now + ms, fn });
      return id;
    },
    clearInterval: (id) => void intervals.delete(id as number),
    now: () => now,
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = [
        ...[...timeouts].map(([id, t]) => ({
          at: t.at,
          run: () => {
            timeouts.delete(id);
            t.fn();
          },
        })),
        ...[...intervals].map(([, t]) => ({
          at: t.next,
          run: () => {
            t.next += t.every;
            t.fn();
          },
        })),
      ]
        .filter((d) => d.at <= end)
        .sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      now = due.at;
      due.run();
    }
    now = end;
  };
  return { timers, advance, pending: () => timeouts.size };
}

function fakeSockets() {
  const sockets: Array<{ url: string; handlers: SocketHandlers; sent: string[]; closed: boolean }> = [];
  const factory = (url: string, handlers: SocketHandlers) => {
    const s = { url, handlers, sent: [] as string[], closed: false };
    sockets.push(s);
    return {
      send: (d: string) => void s.sent.push(d),
      close: () => {
        s.closed = true;
      },
    };
  };
  return { sockets, factory };
}

describe('realtime helpers', () => {
  it('backs off 1 s, 2 s, 4 s… up to 30 s, with jitter', () => {
    expect(reconnectDelay(0, () => 1)).toBe(1000);
    expect(reconnectDelay(0, () => 0)).toBe(500);
    expect(reconnectDelay(2, () => 1)).toBe(4000);
    expect(reconnectDelay(20, () => 1)).toBe(30_000);
  });

  it('builds the socket URL on the page’s own origin', () => {
    expect(wsUrlFor({ protocol: 'http:', host: '192.168.0.10:8787' }, 'a b')).toBe(
      'ws://192.168.0.10:8787/ws?token=a%20b',
    );
    expect(wsUrlFor({ protocol: 'https:', host: 'loja.local' }, 't')).toBe('wss://loja.local/ws?token=t');
  });

  it('parses event messages and ignores anything else', () => {
    expect(parseEventMessage('{"kind":"event","event":{"type":"customer.updated","id":3,"version":2,"by":1}}')).toEqual(
      {
        type: 'customer.updated',
        id: 3,
        version: 2,
        by: 1,
      },
    );
    expect(parseEventMessage('{"kind":"pong"}')).toBeNull();
    expect(parseEventMessage('not json')).toBeNull();
  });
});

describe('openRealtime', () => {
  it('delivers events, reconnects after a drop and asks for a resync', () => {
    const { timers, advance } = fakeTimers();
    const { sockets, factory } = fakeSockets();
    const events: ChangeEvent[] = [];
    const statuses: string[] = [];
    let resyncs = 0;
    const stop = openRealtime({
      url: 'ws://x/ws?token=t',
      socket: factory,
      timers,
      random: () => 1,
      onEvent: (e) => events.push(e),
      onStatus: (s) => statuses.push(s),
      onResync: () => resyncs++,
    });
    expect(sockets).toHaveLength(1);
    sockets[0]?.handlers.onOpen();
    sockets[0]?.handlers.onMessage('{"kind":"event","event":{"type":"customer.created","id":1,"version":1,"by":2}}');
    expect(events.map((e) => e.type)).toEqual(['customer.created']);
    expect(resyncs).toBe(0);

    sockets[0]?.handlers.onClose(1006);
    expect(statuses.at(-1)).toBe('offline');
    advance(999);
    expect(sockets).toHaveLength(1);
    advance(1);
    expect(sockets).toHaveLength(2);
    sockets[1]?.handlers.onClose(1006); // still down: next wait is longer
    advance(1999);
    expect(sockets).toHaveLength(2);
    advance(1);
    expect(sockets).toHaveLength(3);
    sockets[2]?.handlers.onOpen();
    expect(resyncs).toBe(1);
    expect(statuses.at(-1)).toBe('open');
    stop();
    expect(sockets[2]?.closed).toBe(true);
  });

  it('stops for good when the server ends the session (4401)', () => {
    const { timers, advance, pending } = fakeTimers();
    const { sockets, factory } = fakeSockets();
    let ended = 0;
    openRealtime({ url: 'ws://x', socket: factory, timers, onEvent: () => {}, onSessionEnded: () => ended++ });
    sockets[0]?.handlers.onOpen();
    sockets[0]?.handlers.onClose(4401);
    advance(60_000);
    expect(ended).toBe(1);
    expect(sockets).toHaveLength(1);
    expect(pending()).toBe(0);
  });

  it('pings, and drops a socket that went silent', () => {
    const { timers, advance } = fakeTimers();
    const { sockets, factory } = fakeSockets();
    const seen: string[] = [];
    openRealtime({
      url: 'ws://x',
      socket: factory,
      timers,
      random: () => 1,
      pingIntervalMs: 1000,
      onEvent: (e) => seen.push(e.type),
    });
    sockets[0]?.handlers.onOpen();
    advance(1000);
    expect(sockets[0]?.sent).toEqual(['{"kind":"ping"}']);
    advance(2000); // no answer for more than two intervals
    expect(sockets[0]?.closed).toBe(true);
    advance(1000);
    expect(sockets).toHaveLength(2);
    // Late events from the dropped socket are ignored; the new one's arrive.
    sockets[0]?.handlers.onMessage('{"kind":"event","event":{"type":"user.updated","id":1,"version":1,"by":1}}');
    expect(seen).toEqual([]);
    sockets[1]?.handlers.onOpen();
    sockets[1]?.handlers.onMessage('{"kind":"event","event":{"type":"user.created","id":2,"version":1,"by":1}}');
    expect(seen).toEqual(['user.created']);
  });
});

describe('query keys and events', () => {
  it('keys by domain, procedure and input', () => {
    expect(queryKeyOf('customers.list', { page: 1 })).toEqual(['customers', 'customers.list', { page: 1 }]);
  });

  it('maps an event to the domains it changes', () => {
    expect(domainsForEvent('customer.updated')).toEqual(['customer', 'customers']);
    expect(domainsForEvent('customer.interaction.created')).toContain('customers');
    expect(domainsForEvent('user.updated')).toEqual(['user', 'users', 'auth']);
  });

  it('a customer event refetches every customers query and nothing else', () => {
    expect(queryMatchesEvent(queryKeyOf('customers.get', { id: 1 }), 'customer.updated')).toBe(true);
    expect(queryMatchesEvent(queryKeyOf('customers.tags', {}), 'customer.created')).toBe(true);
    expect(queryMatchesEvent(queryKeyOf('users.list', {}), 'customer.updated')).toBe(false);
    expect(queryMatchesEvent(queryKeyOf('auth.me', {}), 'user.updated')).toBe(true);
  });
});
