import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBridgeClient } from '../../src-main/electron/bridge-client';
import { PresenceHub } from '../../src-main/events/presence';
import { attachPort } from '../../src-main/rpc/port-bridge';
import type { Dispatch, EventSource } from '../../src-main/rpc/types';
import type { PresenceMessage } from '../../src-shared/contract/bridge';
import type { ChangeEvent } from '../../src-shared/contract/procedure';
import { AppError, type ErrorBody } from '../../src-shared/errors';
import { msg } from '../../src-shared/i18n';

class FakeEvents implements EventSource {
  readonly listeners = new Set<(event: ChangeEvent) => void>();
  subscribe(listener: (event: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  publish(event: ChangeEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

const openPorts: MessagePort[] = [];
afterEach(() => {
  for (const port of openPorts.splice(0)) port.close();
});

/** A core end served by the real port bridge; returns the renderer end. */
function core(dispatch: Dispatch, events = new FakeEvents(), presence = new PresenceHub()) {
  const { port1, port2 } = new MessageChannel();
  openPorts.push(port1, port2);
  attachPort(port1, {
    dispatch,
    events,
    presence,
    log: () => undefined,
    checkSession: async (t) => (t === 'ok' ? { userId: 1, name: 'Ana', role: 'admin' as const, sessionId: 1 } : null),
  });
  return { rendererPort: port2, corePort: port1, events, presence };
}

const echo: Dispatch = {
  async call(name, input, ctx) {
    if (name === 'fail')
      throw AppError.rendered('CONFLICT', msg('customers.documentTaken', { document: 'CPF', name: 'Ana', id: 1 }), {
        cpf: 'Em uso.',
      });
    return { name, input, token: ctx.token };
  },
};

const neverAnswers: Dispatch = { call: () => new Promise(() => {}) };

describe('createBridgeClient', () => {
  it('exposes exactly call, presence and subscribe', () => {
    const { bridge } = createBridgeClient();
    expect(Object.keys(bridge).sort()).toEqual(['call', 'presence', 'subscribe']);
    expect(typeof bridge.call).toBe('function');
  });

  it('resolves calls with the value from the core', async () => {
    const client = createBridgeClient();
    client.connect(core(echo).rendererPort);
    await expect(client.bridge.call('customers.get', { id: 7 }, 'tok')).resolves.toEqual({
      name: 'customers.get',
      input: { id: 7 },
      token: 'tok',
    });
  });

  it('queues calls made before the port arrives', async () => {
    const client = createBridgeClient();
    const first = client.bridge.call('a', 1, null);
    const second = client.bridge.call('b', 2, null);
    client.connect(core(echo).rendererPort);
    await expect(Promise.all([first, second])).resolves.toEqual([
      { name: 'a', input: 1, token: null },
      { name: 'b', input: 2, token: null },
    ]);
  });

  it('rejects with a plain ErrorBody the renderer can turn back into an AppError', async () => {
    const client = createBridgeClient();
    client.connect(core(echo).rendererPort);
    const error: unknown = await client.bridge.call('fail', {}, null).catch((e: unknown) => e);
    expect(error).toEqual({
      code: 'CONFLICT',
      key: 'customers.documentTaken',
      message: 'Já existe um cliente com este CPF: Ana (nº 1).',
      fields: { cpf: 'Em uso.' },
    });
    expect(Object.getPrototypeOf(error)).toBe(Object.prototype);
    const rebuilt = AppError.fromBody(error as ErrorBody);
    expect(rebuilt.status).toBe(409);
  });

  it('rejects a call whose input cannot be sent, without sending it', async () => {
    const client = createBridgeClient();
    client.connect(core(echo).rendererPort);
    await expect(client.bridge.call('x', { f: () => 1 }, null)).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('delivers change events to subscribers until they unsubscribe', async () => {
    const client = createBridgeClient();
    const c = core(echo);
    client.connect(c.rendererPort);
    const a = vi.fn();
    const b = vi.fn();
    const stopA = client.bridge.subscribe('ok', a);
    client.bridge.subscribe('ok', b);
    await vi.waitFor(() => expect(c.events.listeners.size).toBe(1));
    const event: ChangeEvent = { type: 'order.updated', id: 5, version: 2, by: 1 };
    c.events.publish(event);
    await vi.waitFor(() => expect(b).toHaveBeenCalledWith(event));
    expect(a).toHaveBeenCalledWith(event);
    stopA();
    c.events.publish({ ...event, id: 6 });
    await vi.waitFor(() => expect(b).toHaveBeenCalledTimes(2));
    expect(a).toHaveBeenCalledTimes(1);
  });

  it('on a new port: rejects calls lost with the old one, renews the subscription, keeps working', async () => {
    const client = createBridgeClient();
    const old = core(neverAnswers);
    client.connect(old.rendererPort);
    const handler = vi.fn();
    client.bridge.subscribe('ok', handler);
    await vi.waitFor(() => expect(old.events.listeners.size).toBe(1));
    const lost = client.bridge.call('orders.create', {}, 'ok');
    await new Promise((resolve) => setTimeout(resolve, 10));

    const fresh = core(echo);
    client.connect(fresh.rendererPort);
    await expect(lost).rejects.toMatchObject({ code: 'INTERNAL' });
    await vi.waitFor(() => expect(old.events.listeners.size).toBe(0)); // old port closed → core unsubscribed
    await vi.waitFor(() => expect(fresh.events.listeners.size).toBe(1));
    const event: ChangeEvent = { type: 'order.created', id: 1, version: 1, by: 1 };
    fresh.events.publish(event);
    await vi.waitFor(() => expect(handler).toHaveBeenCalledWith(event));
    await expect(client.bridge.call('ping', null, null)).resolves.toMatchObject({ name: 'ping' });
  });

  it('rejects pending calls when the core closes the port', async () => {
    const client = createBridgeClient();
    const c = core(neverAnswers);
    client.connect(c.rendererPort);
    const pending = client.bridge.call('reports.sales', {}, 'ok');
    await new Promise((resolve) => setTimeout(resolve, 10));
    c.corePort.close();
    await expect(pending).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('keeps other subscribers going when one handler throws', async () => {
    const log = vi.fn();
    const client = createBridgeClient({ log });
    const c = core(echo);
    client.connect(c.rendererPort);
    const good = vi.fn();
    client.bridge.subscribe('ok', () => {
      throw new Error('handler quebrado');
    });
    client.bridge.subscribe('ok', good);
    await vi.waitFor(() => expect(c.events.listeners.size).toBe(1));
    c.events.publish({ type: 'customer.updated', id: 1, version: null, by: null });
    await vi.waitFor(() => expect(good).toHaveBeenCalledTimes(1));
    expect(log).toHaveBeenCalledTimes(1);
  });

  it('presence: tells the core what the window edits and delivers who edits what to presence subscribers', async () => {
    const client = createBridgeClient();
    const c = core(echo);
    const browser = {};
    c.presence.set(browser, { id: 3, name: 'Carla' }, { entity: 'order', id: 123 });
    client.bridge.presence('order', 123); // before any port: held
    client.connect(c.rendererPort);
    const got: PresenceMessage[] = [];
    const events = vi.fn();
    client.bridge.subscribe('ok', events, (m) => got.push(m));
    const both: PresenceMessage = {
      kind: 'presence',
      entity: 'order',
      id: 123,
      users: [
        { id: 3, name: 'Carla' },
        { id: 1, name: 'Ana' },
      ],
    };
    await vi.waitFor(() => expect(got).toContainEqual(both));
    expect(c.presence.snapshot()).toEqual([both]);
    expect(events).not.toHaveBeenCalled();
    client.bridge.presence('order', null);
    await vi.waitFor(() => expect(c.presence.snapshot()).toEqual([{ ...both, users: [{ id: 3, name: 'Carla' }] }]));
    expect(got.at(-1)).toEqual({ ...both, users: [{ id: 3, name: 'Carla' }] });
    // Malformed presence from the page never reaches the core.
    client.bridge.presence('invoice' as 'order', 5);
    client.bridge.presence('order', -1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(c.presence.snapshot()).toEqual([{ ...both, users: [{ id: 3, name: 'Carla' }] }]);
  });

  it('presence: is sent again on a new port (core restart) and leaves with the old one', async () => {
    const client = createBridgeClient();
    const old = core(echo);
    client.connect(old.rendererPort);
    client.bridge.subscribe('ok', () => {});
    client.bridge.presence('customer', 9);
    const ana: PresenceMessage = { kind: 'presence', entity: 'customer', id: 9, users: [{ id: 1, name: 'Ana' }] };
    await vi.waitFor(() => expect(old.presence.snapshot()).toEqual([ana]));
    const fresh = core(echo);
    client.connect(fresh.rendererPort);
    await vi.waitFor(() => expect(old.presence.snapshot()).toEqual([])); // the old port closed → left
    await vi.waitFor(() => expect(fresh.presence.snapshot()).toEqual([ana])); // announced again
  });
});
