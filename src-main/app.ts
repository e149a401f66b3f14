import os from 'node:os';
import path from 'node:path';
import type { LevelWithSilent } from 'pino';
import { type Clock, systemClock } from './clock';
import { type Db, type OpenedDatabase, openDatabase } from './db/connection';
import { StorageMonitor } from './db/storage';
import { EventBus } from './events/bus';
import { PresenceHub } from './events/presence';
import { Scheduler } from './jobs/scheduler';
import { createLogger, logsDirFor } from './log/logger';
import { handlers, rowScopes, subscribeModules } from './modules';
import { ArtStore } from './modules/art/store';
import { DeviceStore } from './modules/auth/devices';
import { FileLinks } from './modules/auth/file-links';
import { LoginLimiter } from './modules/auth/rate-limit';
import { SessionStore } from './modules/auth/sessions';
import { BackupService, backupBeforeMigration } from './modules/backups/service';
import { recoverInterruptedRestore } from './modules/backups/swap';
import { Hooks, stateFact } from './modules/hooks';
import { closeTransports } from './modules/messages/channels';
import { OutboxSender } from './modules/messages/outbox';
import { DEFAULT_LAN_URL, type Services } from './rpc/context';
import { Dispatcher } from './rpc/dispatcher';
import { isStorageFull } from './rpc/errors';
import type { CallContext } from './rpc/types';
import { WriteGate } from './rpc/write-gate';
import { APP_VERSION } from './version';

export interface AppOptions {
  /**
   * Folder for the SQLite file and media; ':memory:' (tests) keeps the database in memory and the
   * media in a per-process temp folder.
   */
  dataDir: string;
  clock?: Clock;
  /** Least level written to the log files (default `BALCAO_LOG_LEVEL`, else `info`). */
  logLevel?: LevelWithSilent;
}

export interface App {
  db: Db;
  database: OpenedDatabase;
  dataDir: string;
  clock: Clock;
  events: EventBus;
  /** Who is editing what, shared by the LAN WebSocket and the desktop windows' ports. */
  presence: PresenceHub;
  services: Services;
  /** Who reacts to which fact (`modules/hooks.ts`); modules subscribed at start, tests may add. */
  hooks: Hooks;
  dispatcher: Dispatcher;
  /** Scheduled jobs (started by `startJobs`; tests run them with `catchUp`/`dueJobs`). */
  scheduler: Scheduler;
  /** Delivers the outbox after commit (started by `startJobs`; tests call `deliverDue`). */
  outbox: OutboxSender;
  /** Direct caller (scripts, jobs, tests): same path as IPC and HTTP. */
  call(name: string, input: unknown, ctx?: Partial<CallContext>): Promise<unknown>;
  close(): Promise<void>;
}

export function databaseFile(dataDir: string): string {
  return dataDir === ':memory:' ? ':memory:' : path.join(dataDir, 'balcao.sqlite');
}

export function mediaDirFor(dataDir: string): string {
  return dataDir === ':memory:' ? path.join(os.tmpdir(), `balcao-media-${process.pid}`) : path.join(dataDir, 'media');
}

/** Opens the database (running migrations) and wires modules, dispatcher and events. */
export async function createApp(options: AppOptions): Promise<App> {
  const clock = options.clock ?? systemClock();
  const { log, files: logs } = createLogger({
    dir: logsDirFor(options.dataDir),
    clock,
    ...(options.logLevel && { level: options.logLevel }),
  });
  const onDisk = options.dataDir !== ':memory:';
  const mediaDir = mediaDirFor(options.dataDir);
  let database: OpenedDatabase;
  try {
    // A restore cut short (crash, power cut) is undone before the database opens.
    if (onDisk && (await recoverInterruptedRestore(options.dataDir, (step) => log.warn({ evt: 'restore' }, step))))
      log.warn({ evt: 'restore' }, 'an interrupted restore was undone: the previous data was kept');
    database = await openDatabase(databaseFile(options.dataDir), undefined, {
      ...(onDisk && {
        beforeMigrating: async (_pending, sqlite) => {
          await backupBeforeMigration({ dataDir: options.dataDir, mediaDir, sqlite, clock, version: APP_VERSION });
        },
      }),
    });
  } catch (err) {
    log.fatal({ evt: 'core', err }, 'database could not be opened');
    await logs.close();
    throw err;
  }
  const { db } = database;
  const events = new EventBus();
  const hooks = new Hooks();
  subscribeModules(hooks);
  const services: Services = {
    sessions: new SessionStore(db, clock),
    loginLimiter: new LoginLimiter(db, clock),
    version: APP_VERSION,
    startedAt: Date.now(),
    mediaDir,
    storage: new StorageMonitor(options.dataDir === ':memory:' ? null : options.dataDir),
    fileLinks: await FileLinks.open(db, clock),
    hooks,
    log,
    logs,
    writeGate: new WriteGate(),
    art: new ArtStore(mediaDir, log),
    lanUrl: DEFAULT_LAN_URL,
    // Wired below, once the dispatcher it runs system work through exists.
    backups: null as unknown as BackupService,
    devices: new DeviceStore(db, clock),
    listening: null,
    dataDir: options.dataDir,
    automation: { runJob: () => null, kickOutbox: () => {} },
  };
  services.sessions.onTouchError = (err) => {
    if (isStorageFull(err)) services.storage.markFull();
    log.warn({ evt: 'session', err }, 'session last-use could not be written');
  };
  const dispatcher = new Dispatcher({ db, clock, events, services, handlers, rowScopes });
  services.backups = new BackupService({
    dataDir: options.dataDir,
    mediaDir,
    database,
    clock,
    events,
    version: APP_VERSION,
    storage: services.storage,
    writeGate: services.writeGate,
    stateFact: (f) =>
      dispatcher.system(f.fact, async (ctx) => {
        if (f.fact === 'backupFailed') await stateFact(ctx, f.fact, f.payload);
        else if (f.fact === 'databaseCheckFailed') await stateFact(ctx, f.fact, f.payload);
        else await stateFact(ctx, f.fact, f.payload);
      }),
    drainWrites: () => dispatcher.drainWrites(),
    afterSwap: () => services.sessions.revokeAll(),
    log: (message, err) => log.error({ evt: 'backup', err }, message),
  });
  await services.backups.init();
  const outbox = new OutboxSender({
    db,
    clock,
    mediaDir,
    log,
    system: (label, work) => dispatcher.system(label, work),
  });
  const scheduler = new Scheduler({ db, clock, dispatcher, services });
  services.automation = { runJob: (name) => scheduler.run(name), kickOutbox: () => outbox.kick() };
  return {
    db,
    database,
    dataDir: options.dataDir,
    clock,
    events,
    presence: new PresenceHub(),
    services,
    hooks,
    dispatcher,
    scheduler,
    outbox,
    call: (name, input, ctx = {}) => dispatcher.call(name, input, { transport: 'direct', ...ctx }),
    close: async () => {
      try {
        await scheduler.stop();
        await outbox.stop();
        closeTransports();
        await services.backups.stop();
        await database.close();
      } finally {
        await logs.close();
      }
    },
  };
}
