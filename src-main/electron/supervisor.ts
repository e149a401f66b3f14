import { CORE_FATAL_EXIT, type CoreControlMessage, isCoreStatusMessage } from './channels';

/**
 * Keeps the core (an Electron `utilityProcess`) running: restarts it with backoff when it exits
 * without being asked to, gives up after too many quick crashes in a row, and stops it gracefully
 * on quit. Electron is reached only through `fork` and the returned process, so tests use fakes.
 */

/** The part of Electron's `UtilityProcess` the supervisor uses. */
export interface CoreProcess {
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'error', listener: (type: string, location: string, report: string) => void): unknown;
  /** Messages the core posts to main (`process.parentPort.postMessage`). */
  on(event: 'message', listener: (message: unknown) => void): unknown;
  postMessage(message: CoreControlMessage): void;
  kill(): boolean;
}

export interface RestartPolicy {
  /** A run shorter than this counts as a quick crash. */
  quickCrashMs: number;
  /** After this many quick crashes in a row the supervisor gives up and asks the user. */
  maxQuickCrashes: number;
  /** Delay before the first restart; doubled for each further quick crash. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  quickCrashMs: 60_000,
  maxQuickCrashes: 5,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
};

export type RestartDecision =
  | { action: 'restart'; delayMs: number; quickCrashes: number }
  | { action: 'give-up'; quickCrashes: number };

/**
 * After an unexpected exit: a run that lasted at least `quickCrashMs` starts a fresh count and is
 * restarted after the base delay; a quick crash adds to the streak, doubling the delay, until
 * `maxQuickCrashes` in a row make it give up.
 */
export function decideRestart(uptimeMs: number, quickCrashesBefore: number, policy: RestartPolicy): RestartDecision {
  if (uptimeMs >= policy.quickCrashMs) return { action: 'restart', delayMs: policy.baseDelayMs, quickCrashes: 0 };
  const quickCrashes = quickCrashesBefore + 1;
  if (quickCrashes >= policy.maxQuickCrashes) return { action: 'give-up', quickCrashes };
  const delayMs = Math.min(policy.baseDelayMs * 2 ** (quickCrashes - 1), policy.maxDelayMs);
  return { action: 'restart', delayMs, quickCrashes };
}

export type SupervisorState = 'idle' | 'running' | 'waiting' | 'gave-up' | 'stopping' | 'stopped';

export interface SupervisorDeps<C extends CoreProcess> {
  /** Starts a new core process (`utilityProcess.fork(...)`). */
  fork(): C;
  /** Called with every new core, first start and restarts alike: hand every window a port here. */
  onStart?(core: C): void;
  /** Called when the core exited unexpectedly and will be restarted. */
  onCrash?(info: { code: number; uptimeMs: number; restartInMs: number }): void;
  /** Called when the supervisor gave up; `start()` tries again with a fresh count. */
  onGiveUp?(info: { code: number; quickCrashes: number }): void;
  /**
   * Called when the core said it cannot start for a reason restarting will not fix (another Balcão
   * holds the data folder, …): no restart; `message` is the core's own explanation for the user.
   */
  onFatal?(info: { code: number; message: string }): void;
  log?(message: string, err?: unknown): void;
  policy?: Partial<RestartPolicy>;
  now?(): number;
}

export interface CoreSupervisor<C extends CoreProcess> {
  /** Starts the core; after a give-up, starts over with a fresh crash count. No-op while running. */
  start(): void;
  /**
   * Intentional stop: no restart. Sends `{type:'shutdown'}`, waits up to `timeoutMs` for the exit,
   * then kills the process. Resolves once the core is gone (or the kill was given time to land).
   */
  stop(timeoutMs?: number): Promise<void>;
  /** The running core, or null while it is down. */
  readonly current: C | null;
  readonly state: SupervisorState;
}

const KILL_GRACE_MS = 2_000;

export function createSupervisor<C extends CoreProcess>(deps: SupervisorDeps<C>): CoreSupervisor<C> {
  const policy: RestartPolicy = { ...DEFAULT_RESTART_POLICY, ...deps.policy };
  const now = deps.now ?? Date.now;
  const log = deps.log ?? ((message: string, err?: unknown) => console.error(message, err ?? ''));

  let state: SupervisorState = 'idle';
  let current: C | null = null;
  let startedAt = 0;
  let quickCrashes = 0;
  let restartTimer: ReturnType<typeof setTimeout> | null = null;
  let exited: Promise<void> = Promise.resolve();
  let stopping: Promise<void> | null = null;

  const onUnexpectedExit = (code: number, uptimeMs: number): void => {
    const decision = decideRestart(uptimeMs, quickCrashes, policy);
    quickCrashes = decision.quickCrashes;
    if (decision.action === 'give-up') {
      state = 'gave-up';
      log(`[supervisor] o núcleo falhou ${quickCrashes} vezes seguidas; desistindo (código ${code})`);
      deps.onGiveUp?.({ code, quickCrashes });
      return;
    }
    state = 'waiting';
    log(`[supervisor] o núcleo saiu com código ${code}; reiniciando em ${decision.delayMs} ms`);
    deps.onCrash?.({ code, uptimeMs, restartInMs: decision.delayMs });
    restartTimer = setTimeout(() => {
      restartTimer = null;
      if (state === 'waiting') spawn();
    }, decision.delayMs);
  };

  const spawn = (): void => {
    let child: C;
    try {
      child = deps.fork();
    } catch (err) {
      log('[supervisor] não foi possível iniciar o núcleo', err);
      current = null;
      onUnexpectedExit(-1, 0);
      return;
    }
    current = child;
    startedAt = now();
    state = 'running';
    let markExited: () => void = () => {};
    exited = new Promise<void>((resolve) => {
      markExited = resolve;
    });
    let fatal: string | null = null;
    child.on('error', (type, location) => log(`[supervisor] erro fatal no núcleo: ${type} em ${location}`));
    child.on('message', (message) => {
      if (isCoreStatusMessage(message)) fatal = message.message;
    });
    child.on('exit', (code) => {
      markExited();
      if (child !== current) return;
      current = null;
      if (state !== 'running') return; // stopping: an exit we asked for
      if (code === CORE_FATAL_EXIT) {
        state = 'gave-up';
        const message = fatal ?? 'O núcleo do Balcão não pôde iniciar.';
        log(`[supervisor] o núcleo não pode iniciar: ${message}`);
        deps.onFatal?.({ code, message });
        return;
      }
      onUnexpectedExit(code, now() - startedAt);
    });
    try {
      deps.onStart?.(child);
    } catch (err) {
      log('[supervisor] falha ao conectar as janelas ao núcleo', err);
    }
  };

  const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  async function stopCore(timeoutMs: number): Promise<void> {
    if (restartTimer) {
      clearTimeout(restartTimer);
      restartTimer = null;
    }
    const child = current;
    state = 'stopping';
    if (child) {
      try {
        child.postMessage({ type: 'shutdown' });
      } catch (err) {
        log('[supervisor] não foi possível pedir o encerramento do núcleo', err);
      }
      let done = false;
      await Promise.race([exited.then(() => (done = true)), delay(timeoutMs)]);
      if (!done) {
        log(`[supervisor] o núcleo não encerrou em ${timeoutMs} ms; forçando`);
        child.kill();
        await Promise.race([exited, delay(KILL_GRACE_MS)]);
      }
    }
    current = null;
    state = 'stopped';
  }

  return {
    get current() {
      return current;
    },
    get state() {
      return state;
    },
    start() {
      if (state === 'running' || state === 'waiting' || state === 'stopping') return;
      quickCrashes = 0;
      spawn();
    },
    stop(timeoutMs = 5_000) {
      stopping ??= stopCore(timeoutMs).finally(() => {
        stopping = null;
      });
      return stopping;
    },
  };
}

export interface CoreEnvOptions {
  dataDir: string;
  host: string;
  port: string;
}

/** Environment of the core process: the parent's, plus where the data lives and where the LAN server listens. */
export function buildCoreEnv(base: NodeJS.ProcessEnv, options: CoreEnvOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) if (value !== undefined) env[key] = value;
  env.BALCAO_DATA_DIR = options.dataDir;
  env.BALCAO_HOST = options.host;
  env.BALCAO_PORT = options.port;
  return env;
}
