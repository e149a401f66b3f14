import { EventEmitter } from 'node:events';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CORE_FATAL_EXIT, type CoreControlMessage, PORT_CHANNEL } from '../../src-main/electron/channels';
import { handPort } from '../../src-main/electron/ports';
import {
  buildCoreEnv,
  createSupervisor,
  DEFAULT_RESTART_POLICY,
  decideRestart,
  type RestartPolicy,
} from '../../src-main/electron/supervisor';

/** Electron's UtilityProcess: records what main posts, exits when told. */
class FakeCore extends EventEmitter {
  static forked: FakeCore[] = [];
  readonly messages: Array<{ message: CoreControlMessage; transfer: MessagePort[] }> = [];
  killed = false;
  /** Whether `{type:'shutdown'}` makes it exit by itself. */
  obeysShutdown = true;

  constructor() {
    super();
    FakeCore.forked.push(this);
  }
  postMessage(message: CoreControlMessage, transfer: MessagePort[] = []): void {
    this.messages.push({ message, transfer });
    if (message.type === 'shutdown' && this.obeysShutdown) queueMicrotask(() => this.emit('exit', 0));
  }
  kill(): boolean {
    this.killed = true;
    queueMicrotask(() => this.emit('exit', 15));
    return true;
  }
  crash(code = 1): void {
    this.emit('exit', code);
  }
}

/** A window's WebContents: records the ports it is handed. */
class FakeWindow {
  readonly received: Array<{ channel: string; ports: MessagePort[] }> = [];
  postMessage(channel: string, _message: unknown, transfer: MessagePort[] = []): void {
    this.received.push({ channel, ports: transfer });
  }
}

const policy: RestartPolicy = { quickCrashMs: 10_000, maxQuickCrashes: 3, baseDelayMs: 100, maxDelayMs: 1_000 };
const channels: MessagePort[] = [];
const createChannel = () => {
  const pair = new MessageChannel();
  channels.push(pair.port1, pair.port2);
  return pair;
};

beforeEach(() => {
  vi.useFakeTimers();
  FakeCore.forked = [];
});
afterEach(() => {
  vi.useRealTimers();
  for (const port of channels.splice(0)) port.close();
});

function setup() {
  const window = new FakeWindow();
  const onGiveUp = vi.fn();
  const onCrash = vi.fn();
  const onFatal = vi.fn();
  const supervisor = createSupervisor<FakeCore>({
    fork: () => new FakeCore(),
    onStart: (core) => handPort(core, window, createChannel),
    onCrash,
    onGiveUp,
    onFatal,
    log: () => {},
    policy,
  });
  return { supervisor, window, onGiveUp, onCrash, onFatal };
}

describe('decideRestart', () => {
  it('doubles the delay for each quick crash and gives up at the limit', () => {
    const p = { ...DEFAULT_RESTART_POLICY, maxQuickCrashes: 5, baseDelayMs: 500, maxDelayMs: 3_000 };
    const decisions = [];
    let count = 0;
    for (let i = 0; i < 5; i++) {
      const decision = decideRestart(1_000, count, p);
      decisions.push(decision);
      count = decision.quickCrashes;
    }
    expect(decisions).toEqual([
      { action: 'restart', delayMs: 500, quickCrashes: 1 },
      { action: 'restart', delayMs: 1_000, quickCrashes: 2 },
      { action: 'restart', delayMs: 2_000, quickCrashes: 3 },
      { action: 'restart', delayMs: 3_000, quickCrashes: 4 },
      { action: 'give-up', quickCrashes: 5 },
    ]);
  });

  it('starts a fresh count after a run that lasted', () => {
    expect(decideRestart(DEFAULT_RESTART_POLICY.quickCrashMs, 4, DEFAULT_RESTART_POLICY)).toEqual({
      action: 'restart',
      delayMs: DEFAULT_RESTART_POLICY.baseDelayMs,
      quickCrashes: 0,
    });
  });
});

describe('createSupervisor', () => {
  it('starts the core and hands the window a port connected to it', () => {
    const t = setup();
    t.supervisor.start();
    expect(FakeCore.forked).toHaveLength(1);
    const core = FakeCore.forked[0]!;
    expect(t.supervisor.current).toBe(core);
    expect(core.messages.map((m) => m.message)).toEqual([{ type: 'connect' }]);
    expect(core.messages[0]?.transfer).toHaveLength(1);
    expect(t.window.received).toHaveLength(1);
    expect(t.window.received[0]?.channel).toBe(PORT_CHANNEL);
    expect(t.window.received[0]?.ports).toHaveLength(1);
    t.supervisor.start(); // already running
    expect(FakeCore.forked).toHaveLength(1);
  });

  it('restarts a crashed core after the backoff and hands the window a new port', async () => {
    const t = setup();
    t.supervisor.start();
    const first = FakeCore.forked[0]!;
    first.crash(3);
    expect(t.supervisor.current).toBeNull();
    expect(t.supervisor.state).toBe('waiting');
    expect(t.onCrash).toHaveBeenCalledWith({ code: 3, uptimeMs: 0, restartInMs: 100 });
    await vi.advanceTimersByTimeAsync(99);
    expect(FakeCore.forked).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeCore.forked).toHaveLength(2);
    const second = FakeCore.forked[1]!;
    expect(t.supervisor.current).toBe(second);
    expect(second.messages.map((m) => m.message)).toEqual([{ type: 'connect' }]);
    expect(t.window.received).toHaveLength(2);
    expect(t.window.received[1]?.ports[0]).not.toBe(t.window.received[0]?.ports[0]);
  });

  it('gives up after too many quick crashes in a row, and start() tries again', async () => {
    const t = setup();
    t.supervisor.start();
    for (let i = 0; i < policy.maxQuickCrashes; i++) {
      FakeCore.forked.at(-1)!.crash();
      await vi.advanceTimersByTimeAsync(policy.maxDelayMs);
    }
    expect(FakeCore.forked).toHaveLength(policy.maxQuickCrashes);
    expect(t.supervisor.state).toBe('gave-up');
    expect(t.onGiveUp).toHaveBeenCalledTimes(1);
    expect(t.onGiveUp).toHaveBeenCalledWith({ code: 1, quickCrashes: policy.maxQuickCrashes });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeCore.forked).toHaveLength(policy.maxQuickCrashes);

    t.supervisor.start();
    expect(FakeCore.forked).toHaveLength(policy.maxQuickCrashes + 1);
    expect(t.supervisor.state).toBe('running');
    FakeCore.forked.at(-1)!.crash();
    expect(t.supervisor.state).toBe('waiting'); // a fresh count, not an immediate give-up
  });

  it('a core that cannot start for good (data folder held by another Balcão) is not restarted: the user reads why', async () => {
    const t = setup();
    t.supervisor.start();
    const core = FakeCore.forked[0]!;
    const why = 'O Balcão já está aberto neste computador (processo 4242).';
    core.emit('message', { type: 'fatal', message: why });
    core.crash(CORE_FATAL_EXIT);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeCore.forked).toHaveLength(1);
    expect(t.supervisor.state).toBe('gave-up');
    expect(t.onFatal).toHaveBeenCalledWith({ code: CORE_FATAL_EXIT, message: why });
    expect(t.onCrash).not.toHaveBeenCalled();
    expect(t.onGiveUp).not.toHaveBeenCalled();
  });

  it('an ordinary crash is still restarted even if some message came before', async () => {
    const t = setup();
    t.supervisor.start();
    FakeCore.forked[0]!.emit('message', { type: 'something-else' });
    FakeCore.forked[0]!.crash(1);
    await vi.advanceTimersByTimeAsync(policy.maxDelayMs);
    expect(FakeCore.forked).toHaveLength(2);
    expect(t.onFatal).not.toHaveBeenCalled();
  });

  it('keeps restarting a core that crashes only after long runs', async () => {
    const t = setup();
    t.supervisor.start();
    for (let i = 0; i < policy.maxQuickCrashes + 2; i++) {
      await vi.advanceTimersByTimeAsync(policy.quickCrashMs);
      FakeCore.forked.at(-1)!.crash();
      await vi.advanceTimersByTimeAsync(policy.baseDelayMs);
    }
    expect(t.onGiveUp).not.toHaveBeenCalled();
    expect(FakeCore.forked).toHaveLength(policy.maxQuickCrashes + 3);
  });

  it('treats a fork that throws as a crash', async () => {
    let attempts = 0;
    const onGiveUp = vi.fn();
    const supervisor = createSupervisor<FakeCore>({
      fork: () => {
        attempts++;
        throw new Error('core.mjs não encontrado');
      },
      onGiveUp,
      log: () => {},
      policy,
    });
    supervisor.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(attempts).toBe(policy.maxQuickCrashes);
    expect(onGiveUp).toHaveBeenCalledTimes(1);
  });

  it('does not restart a core that was asked to stop', async () => {
    const t = setup();
    t.supervisor.start();
    const core = FakeCore.forked[0]!;
    await t.supervisor.stop(1_000);
    expect(core.messages.at(-1)?.message).toEqual({ type: 'shutdown' });
    expect(core.killed).toBe(false);
    expect(t.supervisor.state).toBe('stopped');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeCore.forked).toHaveLength(1);
    expect(t.onCrash).not.toHaveBeenCalled();
  });

  it('kills a core that does not exit in time', async () => {
    const t = setup();
    t.supervisor.start();
    const core = FakeCore.forked[0]!;
    core.obeysShutdown = false;
    const stopped = t.supervisor.stop(1_000);
    await vi.advanceTimersByTimeAsync(999);
    expect(core.killed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(core.killed).toBe(true);
    await stopped;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeCore.forked).toHaveLength(1);
  });

  it('cancels a pending restart when stopped in between', async () => {
    const t = setup();
    t.supervisor.start();
    FakeCore.forked[0]!.crash();
    await t.supervisor.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeCore.forked).toHaveLength(1);
  });
});

describe('buildCoreEnv', () => {
  it('keeps the parent environment and sets where the core keeps data and listens', () => {
    const env = buildCoreEnv(
      { PATH: '/bin', BALCAO_HOST: 'x', UNSET: undefined },
      { dataDir: 'C:\\Users\\ana\\AppData\\Roaming\\Balcão\\data', host: '0.0.0.0', port: '8787' },
    );
    expect(env).toEqual({
      PATH: '/bin',
      BALCAO_DATA_DIR: 'C:\\Users\\ana\\AppData\\Roaming\\Balcão\\data',
      BALCAO_HOST: '0.0.0.0',
      BALCAO_PORT: '8787',
    });
  });
});

describe('handPort', () => {
  it('closes both ends when the core cannot take its end', async () => {
    vi.useRealTimers();
    const { port1, port2 } = createChannel();
    const core = {
      postMessage: () => {
        throw new Error('processo encerrado');
      },
    };
    const window = new FakeWindow();
    const closed = new Promise((resolve) => port2.once('close', resolve));
    expect(handPort(core, window, () => ({ port1, port2 }))).toBe(false);
    expect(window.received).toEqual([]);
    await closed;
  });

  it("closes the window's end when the window is gone, so the core detaches its end", async () => {
    vi.useRealTimers();
    const { port1, port2 } = createChannel();
    const core = new FakeCore();
    const closed = new Promise((resolve) => port1.once('close', resolve));
    const window = {
      postMessage: () => {
        throw new Error('janela destruída');
      },
    };
    expect(handPort(core, window, () => ({ port1, port2 }))).toBe(false);
    expect(core.messages.map((m) => m.message)).toEqual([{ type: 'connect' }]);
    await closed;
  });
});
