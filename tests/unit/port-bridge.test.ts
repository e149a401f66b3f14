import { EventEmitter, once } from 'node:events';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PresenceHub } from '../../src-main/events/presence';
import { attachPort, type PortBridgeDeps, unwrapPortMessage } from '../../src-main/rpc/port-bridge';
import type { CallContext, Dispatch, EventSource, SessionCheck } from '../../src-main/rpc/types';
import type { ClientMessage, PresenceMessage, ServerMessage } from '../../src-shared/contract/bridge';
import type { ChangeEvent } from '../../src-shared/contract/procedure';
import { AppError } from '../../src-shared/errors';
import { msg, t as text } from '../../src-shared/i18n';

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

const VALID = 'token-valido';
const checkSession: SessionCheck = async (token) =>
  token === VALID ? { userId: 1, name: 'Ana', role: 'admin', sessionId: 10 } : null;

const openPorts: MessagePort[] = [];
afterEach(() => {
  for (const port of openPorts.splice(0)) port.close();
});

function setup(overrides: Partial<PortBridgeDeps> = {}) {
  const { port1, port2 } = new MessageChannel();
  openPorts.push(port1, port2);
  const events = new FakeEvents();
  const calls: Array<{ name: string; input: unknown; ctx: CallContext }> = [];
  const dispatch: Dispatch = {
    async call(name, input, ctx) {
      calls.push({ name, input, ctx });
      if (name === 'echo') return { echoed: input };
      if (name === 'forbidden') throw new AppError('FORBIDDEN', msg('error.FORBIDDEN'));
      if (name === 'invalid')
        throw new AppError('VALIDATION', msg('error.VALIDATION'), { fields: { name: msg('field.required') } });
      if (name === 'boom') throw new Error('SQLITE_CORRUPT at /home/loja/data/balcao.db');
      if (name === 'uncloneable') return { callback: () => 1 };
      return null;
    },
  };
  const log = vi.fn();
  const deps: PortBridgeDeps = { dispatch, events, checkSession, presence: new PresenceHub(), log, ...overrides };
  const detach = attachPort(port1, deps);
  const received: ServerMessage[] = [];
  port2.on('message', (message: ServerMessage) => received.push(message));
  const send = (message: ClientMessage | unknown) => port2.postMessage(message);
  /** Resolves with the result for `id`; everything before it is in `received`. */
  const resultFor = (id: number) =>
    vi.waitFor(() => {
      const found = received.find((m) => m.kind === 'result' && m.id === id);
      if (!found) throw new Error(`no result ${id} yet`);
      return found;
    });
  return { port1, port2, events, calls, log, detach, received, send, resultFor };
}

describe('attachPort', () => {
  it('answers a call with the dispatcher result, over the ipc transport with the token', async () => {
    const t = setup();
    t.send({ kind: 'call', id: 1, name: 'echo', input: { a: 1 }, token: 'abc' });
    expect(await t.resultFor(1)).toEqual({ kind: 'result', id: 1, ok: true, value: { echoed: { a: 1 } } });
    expect(t.calls).toEqual([{ name: 'echo', input: { a: 1 }, ctx: { token: 'abc', transport: 'ipc' } }]);
  });

  it('turns an AppError into its error body, fields included', async () => {
    const t = setup();
    t.send({ kind: 'call', id: 2, name: 'forbidden', input: {}, token: null });
    t.send({ kind: 'call', id: 3, name: 'invalid', input: {}, token: null });
    expect(await t.resultFor(2)).toEqual({
      kind: 'result',
      id: 2,
      ok: false,
      error: {
        code: 'FORBIDDEN',
        key: 'error.FORBIDDEN',
        message: 'Você não tem permissão para fazer isso.',
        fields: {},
      },
    });
    expect(await t.resultFor(3)).toEqual({
      kind: 'result',
      id: 3,
      ok: false,
      error: {
        code: 'VALIDATION',
        key: 'error.VALIDATION',
        message: 'Dados inválidos. Confira os campos destacados.',
        fields: { name: 'Campo obrigatório.' },
      },
    });
  });

  it('hides unexpected errors behind INTERNAL, without message or stack, and logs them', async () => {
    const t = setup();
    t.send({ kind: 'call', id: 4, name: 'boom', input: {}, token: null });
    const result = await t.resultFor(4);
    expect(result).toEqual({
      kind: 'result',
      id: 4,
      ok: false,
      error: { code: 'INTERNAL', key: 'error.INTERNAL', message: text('error.INTERNAL'), fields: {} },
    });
    expect(JSON.stringify(result)).not.toMatch(/SQLITE|stack|balcao\.db/);
    expect(t.log).toHaveBeenCalledTimes(1);
    expect(t.log.mock.calls[0]?.[1]).toBeInstanceOf(Error);
  });

  it('answers INTERNAL when the output cannot be sent over the port', async () => {
    const t = setup();
    t.send({ kind: 'call', id: 5, name: 'uncloneable', input: {}, token: null });
    expect(await t.resultFor(5)).toMatchObject({ id: 5, ok: false, error: { code: 'INTERNAL' } });
  });

  it('answers VALIDATION to a malformed message that has an id, and ignores other garbage', async () => {
    const t = setup();
    t.send('lixo');
    t.send(null);
    t.send({ kind: 'call', name: 'echo', input: {} }); // no id: nothing to answer
    t.send({ kind: 'unknown', id: 8 });
    t.send({ kind: 'call', id: 6, name: 42, input: {}, token: null });
    t.send({ kind: 'call', id: 7, name: 'echo', input: {}, token: 123 });
    t.send({ kind: 'call', id: 9, name: 'echo', input: 'ok', token: null });
    const six = await t.resultFor(6);
    expect(six).toEqual({
      kind: 'result',
      id: 6,
      ok: false,
      error: { code: 'VALIDATION', key: 'error.VALIDATION', message: text('error.VALIDATION'), fields: {} },
    });
    expect(await t.resultFor(7)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await t.resultFor(9);
    expect(await t.resultFor(8)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(t.received.map((m) => (m.kind === 'result' ? m.id : 'event'))).toEqual([8, 6, 7, 9]);
    expect(t.calls.map((c) => c.input)).toEqual(['ok']);
  });

  it('delivers every change event after a subscribe with a valid session', async () => {
    const t = setup();
    t.send({ kind: 'subscribe', token: VALID });
    await vi.waitFor(() => expect(t.events.listeners.size).toBe(1));
    const event: ChangeEvent = { type: 'customer.updated', id: 12, version: 3, by: 1 };
    t.events.publish(event);
    t.events.publish({ ...event, id: 13 });
    await vi.waitFor(() => expect(t.received).toHaveLength(2));
    expect(t.received).toEqual([
      { kind: 'event', event },
      { kind: 'event', event: { ...event, id: 13 } },
    ]);
  });

  it("delivers only events about what the window's user may read (production gets no payment events)", async () => {
    const asRole =
      (role: 'producao' | 'financeiro'): SessionCheck =>
      async (token) =>
        token === VALID ? { userId: 5, name: 'Pedro', role, sessionId: 50 } : null;
    for (const role of ['producao', 'financeiro'] as const) {
      const t = setup({ checkSession: asRole(role) });
      t.send({ kind: 'subscribe', token: VALID });
      await vi.waitFor(() => expect(t.events.listeners.size).toBe(1));
      t.events.publish({ type: 'payment.created', id: 1, version: null, by: 1 });
      t.events.publish({ type: 'order.updated', id: 2, version: 2, by: 1 });
      // Messages arrive in order: had an earlier event been sent, it would come before this answer.
      t.send({ kind: 'call', id: 1, name: 'echo', input: null, token: null });
      await t.resultFor(1);
      const types = t.received.flatMap((m) => (m.kind === 'event' ? [m.event.type] : []));
      expect(types, role).toEqual(role === 'producao' ? ['order.updated'] : ['payment.created', 'order.updated']);
    }
  });

  it('subscribes once however often the same session subscribes', async () => {
    const t = setup();
    t.send({ kind: 'subscribe', token: VALID });
    t.send({ kind: 'subscribe', token: VALID });
    t.send({ kind: 'call', id: 1, name: 'echo', input: null, token: null });
    await t.resultFor(1);
    await vi.waitFor(() => expect(t.events.listeners.size).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(t.events.listeners.size).toBe(1);
  });

  it('sends nothing to a port that subscribed with an invalid token', async () => {
    const check = vi.fn(checkSession);
    const t = setup({ checkSession: check });
    t.send({ kind: 'subscribe', token: 'expirado' });
    await vi.waitFor(() => expect(check).toHaveBeenCalledWith('expirado'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(t.events.listeners.size).toBe(0);
    t.events.publish({ type: 'customer.updated', id: 1, version: 1, by: 1 });
    // Messages arrive in order: had the event been sent, it would come before this answer.
    t.send({ kind: 'call', id: 1, name: 'echo', input: null, token: null });
    await t.resultFor(1);
    expect(t.received.filter((m) => m.kind === 'event')).toEqual([]);
  });

  it('stops the events when a later subscribe carries an invalid token', async () => {
    const t = setup();
    t.send({ kind: 'subscribe', token: VALID });
    await vi.waitFor(() => expect(t.events.listeners.size).toBe(1));
    t.send({ kind: 'subscribe', token: 'sessao-encerrada' });
    await vi.waitFor(() => expect(t.events.listeners.size).toBe(0));
  });

  it('unsubscribes when the other end closes the port', async () => {
    const t = setup();
    t.send({ kind: 'subscribe', token: VALID });
    await vi.waitFor(() => expect(t.events.listeners.size).toBe(1));
    t.port2.close();
    await vi.waitFor(() => expect(t.events.listeners.size).toBe(0));
  });

  it('detach unsubscribes and closes the port', async () => {
    const t = setup();
    t.send({ kind: 'subscribe', token: VALID });
    await vi.waitFor(() => expect(t.events.listeners.size).toBe(1));
    const closed = once(t.port2, 'close');
    t.detach();
    expect(t.events.listeners.size).toBe(0);
    await closed;
    t.detach(); // idempotent
  });

  it('does not subscribe when the port was detached while the session was being checked', async () => {
    let release: (value: { userId: number; name: string; role: 'admin'; sessionId: number }) => void = () => {};
    const check = vi.fn<SessionCheck>(
      () =>
        new Promise((resolve) => {
          release = resolve;
        }),
    );
    const t = setup({ checkSession: check });
    t.send({ kind: 'subscribe', token: VALID });
    await vi.waitFor(() => expect(check).toHaveBeenCalled());
    t.detach();
    release({ userId: 1, name: 'Ana', role: 'admin', sessionId: 1 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(t.events.listeners.size).toBe(0);
  });
});

/** Electron's MessagePortMain: an EventEmitter whose 'message' listeners get `{data, ports}`. */
class FakeElectronPort extends EventEmitter {
  readonly sent: unknown[] = [];
  started = false;
  closed = false;
  postMessage(message: unknown): void {
    this.sent.push(message);
  }
  start(): void {
    this.started = true;
  }
  close(): void {
    this.closed = true;
    this.emit('close');
  }
}

describe('attachPort with an Electron-shaped port', () => {
  it('starts the port and unwraps MessageEvents', async () => {
    const port = new FakeElectronPort();
    const dispatch: Dispatch = { call: async (_name, input) => input };
    attachPort(port, { dispatch, events: new FakeEvents(), checkSession, presence: new PresenceHub(), log: vi.fn() });
    expect(port.started).toBe(true);
    port.emit('message', { data: { kind: 'call', id: 1, name: 'x', input: 'olá', token: null }, ports: [] });
    await vi.waitFor(() => expect(port.sent).toEqual([{ kind: 'result', id: 1, ok: true, value: 'olá' }]));
  });

  it('stops listening once closed', async () => {
    const port = new FakeElectronPort();
    const call = vi.fn(async () => null);
    attachPort(port, {
      dispatch: { call },
      events: new FakeEvents(),
      checkSession,
      presence: new PresenceHub(),
      log: vi.fn(),
    });
    port.close();
    expect(port.listenerCount('message')).toBe(0);
    port.emit('message', { data: { kind: 'call', id: 1, name: 'x', input: null, token: null }, ports: [] });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(call).not.toHaveBeenCalled();
  });
});

describe('unwrapPortMessage', () => {
  it('takes .data from an Electron MessageEvent and leaves client messages alone', () => {
    const message = { kind: 'subscribe', token: 't' };
    expect(unwrapPortMessage({ data: message, ports: [] })).toBe(message);
    expect(unwrapPortMessage(message)).toBe(message);
    expect(unwrapPortMessage({ kind: 'call', data: 1, ports: [] })).toEqual({ kind: 'call', data: 1, ports: [] });
    expect(unwrapPortMessage({ data: 1, ports: 'x' })).toEqual({ data: 1, ports: 'x' });
    expect(unwrapPortMessage('texto')).toBe('texto');
  });
});

describe('attachPort presence', () => {
  const BIA = 'token-bia';
  const twoUsers: SessionCheck = async (token) =>
    token === VALID
      ? { userId: 1, name: 'Ana', role: 'admin', sessionId: 10 }
      : token === BIA
        ? { userId: 2, name: 'Bia', role: 'admin', sessionId: 20 }
        : null;
  const presenceIn = (received: ServerMessage[]) => received.filter((m) => m.kind === 'presence');
  const order123 = (users: Array<{ id: number; name: string }>): PresenceMessage => ({
    kind: 'presence',
    entity: 'order',
    id: 123,
    users,
  });

  it('two windows and a WebSocket-like hub client see each other, and detaching leaves', async () => {
    const hub = new PresenceHub();
    const ws: PresenceMessage[] = [];
    hub.subscribe((m) => ws.push(m));
    const ana = setup({ presence: hub, checkSession: twoUsers });
    const bia = setup({ presence: hub, checkSession: twoUsers });
    // A LAN browser (Carla) is already editing order 123: each window gets the snapshot on subscribe.
    const browser = {};
    hub.set(browser, { id: 3, name: 'Carla' }, { entity: 'order', id: 123 });
    // Ana says what she edits right after subscribing, before the session check answered.
    ana.send({ kind: 'subscribe', token: VALID });
    ana.send({ kind: 'presence', entity: 'order', id: 123 });
    bia.send({ kind: 'subscribe', token: BIA });
    const both = order123([
      { id: 3, name: 'Carla' },
      { id: 1, name: 'Ana' },
    ]);
    await vi.waitFor(() => expect(presenceIn(ana.received)).toContainEqual(both));
    await vi.waitFor(() => expect(presenceIn(bia.received)).toContainEqual(both));
    expect(presenceIn(ana.received)[0]).toEqual(order123([{ id: 3, name: 'Carla' }])); // the snapshot first
    expect(ws).toContainEqual(both);

    bia.send({ kind: 'presence', entity: 'customer', id: 7 });
    const biaOn7: PresenceMessage = { kind: 'presence', entity: 'customer', id: 7, users: [{ id: 2, name: 'Bia' }] };
    await vi.waitFor(() => expect(presenceIn(ana.received)).toContainEqual(biaOn7));
    expect(ws).toContainEqual(biaOn7);

    // The browser leaves: both windows hear it.
    hub.leave(browser);
    await vi.waitFor(() => expect(presenceIn(bia.received).at(-1)).toEqual(order123([{ id: 1, name: 'Ana' }])));

    // Ana's window goes away: her presence ends for everyone else.
    ana.detach();
    await vi.waitFor(() => expect(presenceIn(bia.received).at(-1)).toEqual(order123([])));
    expect(ws.at(-1)).toEqual(order123([]));
    expect(hub.snapshot()).toEqual([biaOn7]);

    // The port closing from the other side leaves too.
    bia.port2.close();
    await vi.waitFor(() => expect(hub.snapshot()).toEqual([]));
    expect(ws.at(-1)).toEqual({ ...biaOn7, users: [] });
  });

  it('ignores presence without a valid session, ends it when the session is no longer valid', async () => {
    const hub = new PresenceHub();
    const t = setup({ presence: hub, checkSession: twoUsers });
    t.send({ kind: 'presence', entity: 'order', id: 5 });
    t.send({ kind: 'subscribe', token: 'invalido' });
    t.send({ kind: 'call', id: 1, name: 'echo', input: null, token: null });
    await t.resultFor(1);
    expect(hub.snapshot()).toEqual([]);
    expect(presenceIn(t.received)).toEqual([]);

    t.send({ kind: 'subscribe', token: VALID });
    await vi.waitFor(() => expect(hub.snapshot()).toEqual([order(5, [{ id: 1, name: 'Ana' }])]));
    t.send({ kind: 'subscribe', token: 'invalido' });
    await vi.waitFor(() => expect(hub.snapshot()).toEqual([]));
    expect(t.events.listeners.size).toBe(0);
  });

  it('drops a malformed presence message without answering it as a call', async () => {
    const hub = new PresenceHub();
    const t = setup({ presence: hub, checkSession: twoUsers });
    t.send({ kind: 'subscribe', token: VALID });
    t.send({ kind: 'presence', entity: 'order', id: 7 });
    await vi.waitFor(() => expect(hub.snapshot()).toHaveLength(1));
    t.send({ kind: 'presence', entity: 'invoice', id: 3 });
    t.send({ kind: 'presence', entity: 'order', id: 1.5 });
    t.send({ kind: 'call', id: 2, name: 'echo', input: null, token: null });
    await t.resultFor(2);
    expect(t.received.filter((m) => m.kind === 'result').map((m) => m.kind === 'result' && m.id)).toEqual([2]);
    expect(hub.snapshot()).toEqual([order(7, [{ id: 1, name: 'Ana' }])]);
    t.send({ kind: 'presence', entity: 'order', id: null });
    await vi.waitFor(() => expect(hub.snapshot()).toEqual([]));
  });

  function order(id: number, users: Array<{ id: number; name: string }>): PresenceMessage {
    return { kind: 'presence', entity: 'order', id, users };
  }
});
