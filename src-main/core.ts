import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type App, createApp } from './app';
import type { Clock } from './clock';
import { DatabaseTooNewError } from './db/connection';
import {
  assertLocalDataDir,
  type DataDirLock,
  DataDirLockedError,
  lockDataDir,
  NetworkDataDirError,
} from './db/data-lock';
import { CORE_FATAL_EXIT, type CoreReport, type CoreStatusMessage } from './electron/channels';
import { buildServer } from './http/server';
import { startJobs } from './jobs/scheduler';
import { logCrashes } from './log/logger';
import { hostForMode, type NetworkSettings, readNetworkSettings } from './modules/settings/network';
import { APP_VERSION } from './version';

export interface CoreOptions {
  dataDir: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  rendererDir?: string | null;
  clock?: Clock;
  pingIntervalMs?: number;
  /** Scheduled jobs with catch-up (default on). */
  jobs?: boolean;
  /** How long a held data folder is retried at start (default 10 s; tests shorten it). */
  lockWaitMs?: number;
  /** desk: update mirror folder served at `/updates/…` (the desktop app's `<userData>/updates`). */
  updatesDir?: string | null;
  /** desk: told how many people use Balcão from other devices. */
  onLanUsers?: (count: number) => void;
  /** desk: test-only peer address override (`http/peer.ts`). */
  peerAddress?: import('./http/peer').PeerAddress;
}

export interface Core {
  app: App;
  server: FastifyInstance;
  url: string;
  port: number;
  /** Closes the server and the database (WAL checkpointed). */
  stop(): Promise<void>;
}

/** `BALCAO_HOST`: unset or blank means this computer only (an empty host would listen everywhere). */
export function envHost(value: string | undefined): string {
  const host = value?.trim();
  return host ? host : '127.0.0.1';
}

/**
 * desk: the address to bind. `'network-setting'` follows the shop's network mode (settings →
 * "Só este computador" 127.0.0.1, "Rede da loja" 0.0.0.0); anything else is taken as given.
 */
export const FROM_SETTING = 'network-setting';

async function listenHost(app: App, host: string | undefined): Promise<string> {
  if (host !== FROM_SETTING) return host ?? '127.0.0.1';
  return hostForMode((await readNetworkSettings(app.db)).mode);
}

/** Where the built renderer is: next to the bundle (dist/renderer) or, from source, ../dist/renderer. */
export function findRendererDir(): string | null {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    process.env.BALCAO_RENDERER_DIR,
    path.join(here, 'renderer'),
    path.join(here, '../dist/renderer'),
  ];
  for (const dir of candidates) if (dir && fs.existsSync(path.join(dir, 'index.html'))) return dir;
  return null;
}

/** The core: database, modules, dispatcher, events and the LAN server. Same code headless and in Electron. */
export async function startCore(options: CoreOptions): Promise<Core> {
  // One core per data folder, on this computer's own disk: refused with a typed error otherwise.
  let lock: DataDirLock | null = null;
  if (options.dataDir !== ':memory:') {
    assertLocalDataDir(options.dataDir);
    lock = await lockDataDir(options.dataDir, {
      ...(options.lockWaitMs !== undefined && { waitMs: options.lockWaitMs }),
    });
  }
  let app: App;
  try {
    app = await createApp({
      dataDir: options.dataDir,
      ...(options.clock && { clock: options.clock }),
    });
  } catch (err) {
    lock?.release();
    throw err;
  }
  let server: FastifyInstance;
  try {
    server = await buildServer(app, {
      rendererDir: options.rendererDir === undefined ? findRendererDir() : options.rendererDir,
      ...(options.pingIntervalMs && { pingIntervalMs: options.pingIntervalMs }),
      ...(options.updatesDir && { updatesDir: options.updatesDir }),
      ...(options.onLanUsers && { onLanUsers: options.onLanUsers }),
      ...(options.peerAddress && { peerAddress: options.peerAddress }),
    });
    await server.listen({ host: await listenHost(app, options.host), port: options.port ?? 8787 });
  } catch (err) {
    await app.close();
    lock?.release();
    throw err;
  }
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 8787);
  const host = typeof address === 'object' && address ? address.address : '127.0.0.1';
  app.services.listening = { host, port };
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const stopJobs = options.jobs === false ? () => {} : startJobs(app);
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
  app.services.log.info({ evt: 'core', url, version: app.services.version, dataDir: options.dataDir }, 'core started');
  let stopping: Promise<void> | null = null;
  return {
    app,
    server,
    port,
    url,
    stop: () => {
      stopping ??= (async () => {
        stopJobs();
        await server.close();
        app.services.log.info({ evt: 'core' }, 'core stopping');
        try {
          await app.close();
        } finally {
          lock?.release();
        }
      })();
      return stopping;
    },
  };
}

/**
 * Start failures that restarting will not fix, each with a message for the shop in pt-BR: another
 * Balcão holds the data folder, the folder is on a network share, or the database is from a newer version.
 */
export function isFatalStartError(err: unknown): err is Error {
  return err instanceof DataDirLockedError || err instanceof NetworkDataDirError || err instanceof DatabaseTooNewError;
}

/**
 * A core in Electron's utilityProcess that failed to start: when restarting will not help, main is
 * told why (it shows the user and does not restart) and the exit code says so; otherwise a plain
 * failure exit, which the supervisor restarts with backoff.
 */
export function reportStartFailure(
  err: unknown,
  parentPort: { postMessage(message: unknown): void },
  exit: (code: number) => void,
  delayMs = 200,
): void {
  if (!isFatalStartError(err)) {
    exit(1);
    return;
  }
  const status: CoreStatusMessage = { type: 'fatal', message: err.message };
  parentPort.postMessage(status);
  // Give the message time to cross to main before the process goes.
  setTimeout(() => exit(CORE_FATAL_EXIT), delayMs);
}

/** Inside Electron's utilityProcess: start the core from the environment main gave us and serve its windows. */
async function runInUtilityProcess(parentPort: NonNullable<typeof process.parentPort>): Promise<void> {
  const { hostOnParentPort } = await import('./electron/core-host');
  const report = (message: CoreReport) => parentPort.postMessage(message);
  let core: Core;
  try {
    // desk: the shell asked to restore the backup made before an update that cannot start.
    const rescueFrom = process.env.BALCAO_RESCUE_FROM;
    if (rescueFrom) {
      const dataDir = process.env.BALCAO_DATA_DIR ?? 'data';
      const lock = await lockDataDir(dataDir);
      try {
        const { rescueRestore } = await import('./modules/backups/rescue');
        await rescueRestore(dataDir, rescueFrom, APP_VERSION);
      } finally {
        lock.release();
      }
    }
    core = await startCore({
      dataDir: process.env.BALCAO_DATA_DIR ?? 'data',
      host: envHost(process.env.BALCAO_HOST),
      port: Number(process.env.BALCAO_PORT ?? 8787),
      updatesDir: process.env.BALCAO_UPDATES_DIR || null,
      onLanUsers: (count) => report({ type: 'lan-users', count }),
    });
  } catch (err) {
    console.error('Não foi possível iniciar o núcleo do Balcão:', err);
    reportStartFailure(err, parentPort, (code) => process.exit(code));
    return;
  }
  console.log(`Balcão (núcleo) rodando em ${core.url}`);
  const { sessions } = core.app.services;
  const log = core.app.services.log;
  logCrashes(log, core.app.services.logs);
  hostOnParentPort(parentPort, {
    log: (message, err) => log.error({ evt: 'ipc', err }, message),
    dispatch: core.app.dispatcher,
    events: core.app.events,
    presence: core.app.presence,
    checkSession: async (token) => {
      const s = await sessions.resolve(token);
      return s ? { userId: s.user.id, name: s.user.name, role: s.user.role, sessionId: s.sessionId } : null;
    },
    stop: () => core.stop(),
    onRequest: (request) => {
      core.app.services.backups.create(request.kind).then(
        (record) =>
          report({
            type: 'backup-done',
            requestId: request.requestId,
            ok: record.status === 'verified',
            detail: path.join(core.app.dataDir, 'backups', `${record.id}.zip`),
          }),
        (err: unknown) => report({ type: 'backup-done', requestId: request.requestId, ok: false, detail: String(err) }),
      );
    },
  });
  // The shell follows the network setting (update URL and channel), now and after each change.
  const tellNetwork = (value: NetworkSettings) =>
    report({
      type: 'network',
      port: core.port,
      mode: value.mode,
      updateUrl: value.updateUrl,
      updateChannel: value.updateChannel,
    });
  core.app.services.onNetworkChanged = tellNetwork;
  core.app.services.devices.onRegistered = (device) => report({ type: 'device-waiting', ...device });
  tellNetwork(await readNetworkSettings(core.app.db));
}

if (process.parentPort) void runInUtilityProcess(process.parentPort);
