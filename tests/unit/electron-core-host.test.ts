import { EventEmitter, once } from 'node:events';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { MessagePortMain, ParentPort } from 'electron';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { type CoreHostDeps, hostOnParentPort, type ParentPortLike } from '../../src-main/electron/core-host';
import { PresenceHub } from '../../src-main/events/presence';
import type { PortLike } from '../../src-main/rpc/port-bridge';
import type { EventSource } from '../../src-main/rpc/types';
import type { ServerMessage } from '../../src-shared/contract/bridge';

class FakeParentPort extends EventEmitter {
  deliver(data: unknown, ports: MessagePort[] = []): void {
    this.emit('message', { data, ports });
  }
}

const noEvents: EventSource = { subscribe: () => () => {} };
const openPorts: MessagePort[] = [];
afterEach(() => {
  for (const port of openPorts.splice(0)) port.close();
});

function channel() {
  const { port1, port2 } = new MessageChannel();
  openPorts.push(port1, port2);
  return { port1, port2 };
}

function setup(overrides: Partial<CoreHostDeps> = {}) {
  const parent = new FakeParentPort();
  const exit = vi.fn<(code: number) => void>();
  const stop = vi.fn(async () => {});
  const deps: CoreHostDeps = {
    dispatch: { call: async (name, input) => ({ name, input }) },
    events: noEvents,
    checkSession: async () => null,
    presence: new PresenceHub(),
    stop,
    exit,
    log: vi.fn(),
    ...overrides,
  };
  const unhost = hostOnParentPort(parent, deps);
  return { parent, exit, stop, unhost };
}

async function callOver(port: MessagePort, id: number): Promise<ServerMessage> {
  const answer = once(port, 'message');
  port.postMessage({ kind: 'call', id, name: 'customers.list', input: { page: 1 }, token: null });
  return (await answer)[0] as ServerMessage;
}

describe('hostOnParentPort', () => {
  it('serves every port that main connects', async () => {
    const t = setup();
    const a = channel();
    const b = channel();
    t.parent.deliver({ type: 'connect' }, [a.port1]);
    t.parent.deliver({ type: 'connect' }, [b.port1]);
    expect(await callOver(a.port2, 1)).toEqual({
      kind: 'result',
      id: 1,
      ok: true,
      value: { name: 'customers.list', input: { page: 1 } },
    });
    expect(await callOver(b.port2, 2)).toMatchObject({ id: 2, ok: true });
  });

  it('ignores messages that are not control messages, and connects without a port', async () => {
    const t = setup();
    const a = channel();
    t.parent.deliver({ type: 'hack' }, [a.port1]);
    t.parent.deliver('connect', [a.port1]);
    t.parent.deliver({ type: 'connect' }, []);
    a.port2.postMessage({ kind: 'call', id: 1, name: 'x', input: null, token: null });
    const answered = vi.fn();
    a.port2.on('message', answered);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(answered).not.toHaveBeenCalled();
    expect(t.exit).not.toHaveBeenCalled();
  });

  it('on shutdown closes every port, awaits stop() and exits with 0', async () => {
    let finishStop: () => void = () => {};
    const stop = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          finishStop = resolve;
        }),
    );
    const t = setup({ stop });
    const a = channel();
    t.parent.deliver({ type: 'connect' }, [a.port1]);
    await callOver(a.port2, 1);
    const closed = once(a.port2, 'close');
    t.parent.deliver({ type: 'shutdown' });
    await closed;
    expect(stop).toHaveBeenCalledTimes(1);
    expect(t.exit).not.toHaveBeenCalled(); // still stopping
    finishStop();
    await vi.waitFor(() => expect(t.exit).toHaveBeenCalledWith(0));
    t.parent.deliver({ type: 'shutdown' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('exits with 1 when stop() fails', async () => {
    const t = setup({
      stop: async () => {
        throw new Error('disco cheio');
      },
    });
    t.parent.deliver({ type: 'shutdown' });
    await vi.waitFor(() => expect(t.exit).toHaveBeenCalledWith(1));
  });

  it('refuses ports that arrive during shutdown', async () => {
    const t = setup({ stop: () => new Promise<void>(() => {}) });
    t.parent.deliver({ type: 'shutdown' });
    const late = channel();
    const closed = once(late.port2, 'close');
    t.parent.deliver({ type: 'connect' }, [late.port1]);
    await closed;
  });

  it('the returned function stops hosting and detaches the ports', async () => {
    const t = setup();
    const a = channel();
    t.parent.deliver({ type: 'connect' }, [a.port1]);
    const closed = once(a.port2, 'close');
    t.unhost();
    await closed;
    expect(t.parent.listenerCount('message')).toBe(0);
  });

  it("accepts Electron's own ParentPort and MessagePortMain", () => {
    expectTypeOf<ParentPort>().toExtend<ParentPortLike>();
    expectTypeOf<MessagePortMain>().toExtend<PortLike>();
  });
});
