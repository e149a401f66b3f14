import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import { createBridgeClient } from '../../src-main/electron/bridge-client';
import { PresenceHub } from '../../src-main/events/presence';
import { attachPort } from '../../src-main/rpc/port-bridge';
import { createClient } from '../../src-renderer/api/client';
import { createPresenceStore, othersEditing } from '../../src-renderer/api/presence';
import { domainsForEvent, eventConcernsUser, queryKeyOf, queryMatchesEvent } from '../../src-renderer/api/query-keys';
import { openRealtime, parsePresenceMessage, type SocketHandlers } from '../../src-renderer/api/realtime';
import { createTokenStore } from '../../src-renderer/api/token';
import { createBridgeTransport, createHttpTransport } from '../../src-renderer/api/transport';
import type { BalcaoBridge, PresenceMessage } from '../../src-shared/contract/bridge';

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

/** Timers that never fire on their own; reconnects happen when `fire()` is called. */
function manualTimers() {
  const pending: Array<() => void> = [];
  return {
    timers: {
      setTimeout: (fn: () => void) => pending.push(fn),
      clearTimeout: () => {},
      setInterval: () => 0,
      clearInterval: () => {},
      now: () => 0,
    },
    fire: () => {
      for (const fn of pending.splice(0)) fn();
    },
  };
}

const presence = (id: number | null) => ({ kind: 'presence' as const, entity: 'order' as const, id });
const sentPresence = (sent: string[]) => sent.filter((s) => s.includes('presence')).map((s) => JSON.parse(s));

describe('presence over the realtime socket', () => {
  it('parses presence messages and ignores anything else', () => {
    expect(parsePresenceMessage('{"kind":"presence","entity":"order","id":7,"users":[{"id":2,"name":"Ana"}]}')).toEqual(
      { kind: 'presence', entity: 'order', id: 7, users: [{ id: 2, name: 'Ana' }] },
    );
    expect(parsePresenceMessage('{"kind":"presence","entity":"boleto","id":7,"users":[]}')).toBeNull();
    expect(parsePresenceMessage('{"kind":"presence","entity":"order","users":[]}')).toBeNull();
    expect(parsePresenceMessage('{"kind":"event","event":{"type":"order.updated","id":1}}')).toBeNull();
    expect(parsePresenceMessage('{"kind":"presence","entity":"order","id":1,"users":[{"id":"x"}]}')).toEqual({
      kind: 'presence',
      entity: 'order',
      id: 1,
      users: [],
    });
    expect(parsePresenceMessage('nope')).toBeNull();
  });

  it('delivers presence messages apart from change events', () => {
    const { sockets, factory } = fakeSockets();
    const got: PresenceMessage[] = [];
    const events: string[] = [];
    openRealtime({
      url: 'ws://x',
      socket: factory,
      onEvent: (e) => events.push(e.type),
      onPresence: (m) => got.push(m),
    });
    sockets[0]?.handlers.onOpen();
    sockets[0]?.handlers.onMessage('{"kind":"presence","entity":"order","id":3,"users":[{"id":5,"name":"Bia"}]}');
    sockets[0]?.handlers.onMessage('{"kind":"event","event":{"type":"order.updated","id":3,"version":2,"by":5}}');
    expect(got.map((m) => m.users[0]?.name)).toEqual(['Bia']);
    expect(events).toEqual(['order.updated']);
  });

  it('sends what is being edited once connected, again after a reconnect, and the leave only if it was sent', () => {
    const { sockets, factory } = fakeSockets();
    const { timers, fire } = manualTimers();
    const handle = openRealtime({ url: 'ws://x', socket: factory, onEvent: () => {}, timers, random: () => 0 });
    handle.setPresence(presence(null)); // nothing was being edited: nothing to say
    handle.setPresence(presence(9)); // not open yet: held
    expect(sockets[0]?.sent).toEqual([]);
    sockets[0]?.handlers.onOpen();
    expect(sentPresence(sockets[0]?.sent ?? [])).toEqual([presence(9)]);

    // The socket drops; the server forgot. The new socket tells it again.
    sockets[0]?.handlers.onClose(1006);
    fire();
    sockets[1]?.handlers.onOpen();
    expect(sentPresence(sockets[1]?.sent ?? [])).toEqual([presence(9)]);

    handle.setPresence(presence(null));
    expect(sentPresence(sockets[1]?.sent ?? [])).toEqual([presence(9), presence(null)]);
    // Left: a later reconnect says nothing.
    sockets[1]?.handlers.onClose(1006);
    fire();
    sockets[2]?.handlers.onOpen();
    expect(sentPresence(sockets[2]?.sent ?? [])).toEqual([]);
    handle();
    handle.setPresence(presence(4));
    expect(sentPresence(sockets[2]?.sent ?? [])).toEqual([]);
  });

  it('the HTTP transport keeps the presence for sockets opened later and forwards it to open ones', () => {
    const { sockets, factory } = fakeSockets();
    const transport = createHttpTransport({
      fetch: async () => ({ status: 200, ok: true, text: async () => '{}', headers: { get: () => null } }),
      location: { protocol: 'http:', host: 'loja:8787' },
      socket: factory,
      randomUUID: () => 'u',
    });
    transport.setPresence(presence(12));
    const stop = transport.subscribe('tok', () => {});
    sockets[0]?.handlers.onOpen();
    expect(sentPresence(sockets[0]?.sent ?? [])).toEqual([presence(12)]);
    transport.setPresence(presence(null));
    expect(sentPresence(sockets[0]?.sent ?? [])).toEqual([presence(12), presence(null)]);
    stop();
    expect(sockets[0]?.closed).toBe(true);
    transport.setPresence(presence(3));
    expect(sentPresence(sockets[0]?.sent ?? [])).toHaveLength(2);
  });
});

describe('the presence store', () => {
  it('keeps who edits each record, the same array until it changes, and forgets on clear', () => {
    const store = createPresenceStore();
    let calls = 0;
    store.subscribe(() => calls++);
    expect(store.users('order', 1)).toEqual([]);
    expect(store.users('order', 1)).toBe(store.users('order', 2));
    store.apply({ kind: 'presence', entity: 'order', id: 1, users: [{ id: 2, name: 'Ana' }] });
    const first = store.users('order', 1);
    expect(first).toEqual([{ id: 2, name: 'Ana' }]);
    store.apply({ kind: 'presence', entity: 'customer', id: 1, users: [{ id: 3, name: 'Bia' }] });
    expect(store.users('order', 1)).toBe(first);
    expect(store.users('customer', 1)).toEqual([{ id: 3, name: 'Bia' }]);
    store.apply({ kind: 'presence', entity: 'order', id: 1, users: [] });
    expect(store.users('order', 1)).toEqual([]);
    store.clear();
    expect(store.users('customer', 1)).toEqual([]);
    expect(calls).toBe(4);
    store.clear();
    expect(calls).toBe(4);
  });

  it('leaves the user out of "who else is editing"', () => {
    const users = [
      { id: 1, name: 'Ana' },
      { id: 2, name: 'Bia' },
    ];
    expect(othersEditing(users, 1)).toEqual([{ id: 2, name: 'Bia' }]);
    expect(othersEditing(users, 9)).toBe(users);
  });
});

describe('events that refresh orders, production, registries and notifications', () => {
  it('an order change refreshes the orders, the board and the customers’ order history', () => {
    expect(domainsForEvent('order.updated')).toEqual(expect.arrayContaining(['orders', 'customers', 'finance']));
    expect(queryMatchesEvent(queryKeyOf('orders.board', {}), 'order.created')).toBe(true);
    expect(queryMatchesEvent(queryKeyOf('orders.byCustomer', { id: 1 }), 'order.updated')).toBe(true);
    expect(queryMatchesEvent(queryKeyOf('orders.deadlines', { days: 7 }), 'order.deleted')).toBe(true);
    expect(queryMatchesEvent(queryKeyOf('notifications.list', {}), 'order.updated')).toBe(false);
  });

  it('registry events refresh their own lists', () => {
    const cases: Array<[string, Parameters<typeof queryKeyOf>[0]]> = [
      ['product.updated', 'products.list'],
      ['material.created', 'materials.list'],
      ['finish.updated', 'finishes.list'],
      ['machine.updated', 'machines.list'],
      ['staff.created', 'staff.list'],
      ['shippingMethod.updated', 'shippingMethods.list'],
      ['paymentMethod.updated', 'paymentMethods.list'],
    ];
    for (const [event, name] of cases) expect(queryMatchesEvent(queryKeyOf(name, {}), event)).toBe(true);
    expect(queryMatchesEvent(queryKeyOf('orders.board', {}), 'settings.updated')).toBe(true);
  });

  it('a notification event concerns only the user it names', () => {
    expect(queryMatchesEvent(queryKeyOf('notifications.list', {}), 'notification.created')).toBe(true);
    expect(eventConcernsUser({ type: 'notification.created', id: 4 }, 4)).toBe(true);
    expect(eventConcernsUser({ type: 'notification.created', id: 4 }, 5)).toBe(false);
    expect(eventConcernsUser({ type: 'notification.created', id: 4 }, null)).toBe(false);
    expect(eventConcernsUser({ type: 'order.updated', id: 4 }, 5)).toBe(true);
  });
});

describe('presence over IPC (the desktop window)', () => {
  it('the bridge transport forwards setPresence and hands presence messages to onPresence', () => {
    const told: Array<[string, number | null]> = [];
    let deliver: ((m: PresenceMessage) => void) | undefined;
    const bridge: BalcaoBridge = {
      call: async () => null,
      subscribe: (_token, _onEvent, onPresence) => {
        deliver = onPresence;
        return () => {};
      },
      presence: (entity, id) => void told.push([entity, id]),
    };
    const transport = createBridgeTransport(bridge);
    transport.setPresence(presence(12));
    transport.setPresence(presence(null));
    expect(told).toEqual([
      ['order', 12],
      ['order', null],
    ]);
    const store = createPresenceStore();
    transport.subscribe('tok', () => {}, { onPresence: store.apply });
    deliver?.({ kind: 'presence', entity: 'order', id: 12, users: [{ id: 2, name: 'Bia' }] });
    expect(store.users('order', 12)).toEqual([{ id: 2, name: 'Bia' }]);
  });

  it('a desktop window and a LAN browser see each other through the core', async () => {
    const hub = new PresenceHub();
    const { port1, port2 } = new MessageChannel();
    attachPort(port1, {
      dispatch: { call: async () => null },
      events: { subscribe: () => () => {} },
      presence: hub,
      log: () => undefined,
      checkSession: async (t) =>
        t === 'tok-ana' ? { userId: 1, name: 'Ana', role: 'admin' as const, sessionId: 1 } : null,
    });
    const preload = createBridgeClient();
    preload.connect(port2);
    const tokens = createTokenStore(null);
    tokens.set('tok-ana');
    const client = createClient(createBridgeTransport(preload.bridge), tokens);
    const store = createPresenceStore();
    const stop = client.subscribe(() => {}, { onPresence: store.apply });

    // The browser (Carla, over the WebSocket) edits order 123; the window shows it.
    const browser = {};
    hub.set(browser, { id: 3, name: 'Carla' }, { entity: 'order', id: 123 });
    await vi.waitFor(() => expect(store.users('order', 123)).toEqual([{ id: 3, name: 'Carla' }]));

    // The window edits it too; the browser's side of the hub sees Ana.
    client.setPresence('order', 123);
    await vi.waitFor(() =>
      expect(hub.snapshot()).toEqual([
        {
          kind: 'presence',
          entity: 'order',
          id: 123,
          users: [
            { id: 3, name: 'Carla' },
            { id: 1, name: 'Ana' },
          ],
        },
      ]),
    );
    client.setPresence('order', null);
    await vi.waitFor(() => expect(store.users('order', 123)).toEqual([{ id: 3, name: 'Carla' }]));
    expect(hub.snapshot()[0]?.users).toEqual([{ id: 3, name: 'Carla' }]);
    stop();
    port1.close();
    port2.close();
  });
});
