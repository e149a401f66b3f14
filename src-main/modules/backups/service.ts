import fs from 'node:fs';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import schedule from 'node-schedule';
import { migrations as knownMigrations } from '../../../migrations';
import { AppError } from '../../../src-shared/errors';
import { type Msg, msg, storedMsg } from '../../../src-shared/i18n';
import type { Clock } from '../../clock';
import { checkDatabaseFile } from '../../db/check-worker';
import { type OpenedDatabase, openDatabase, openSqlite } from '../../db/connection';
import type { StorageMonitor } from '../../db/storage';
import type { EventBus } from '../../events/bus';
import type { WriteGate } from '../../rpc/write-gate';
import { type BackupKind, DB_ENTRY, type Inspection, inspectBackup, MAIN_TABLES, type Progress } from './archive';
import { DEFAULT_RETENTION, toRemove } from './retention';
import {
  type BackupConfig,
  type BackupRecord,
  BackupStore,
  type CareState,
  copyToSecond,
  ID_PATTERN,
  makeBackup,
} from './store';
import { abortSwap, commitSwap, STAGING, swapIn } from './swap';

/** What the app is busy with (one at a time): shown as a progress bar. */
export interface Task {
  kind: 'backup' | 'restore' | 'maintenance';
  backupId: string | null;
  phase: Progress['phase'] | 'before' | 'migrate' | 'swap' | 'check';
  done: number;
  total: number;
  startedAt: string;
}

/** What the backups service needs from the app around it. */
export interface BackupHost {
  dataDir: string;
  mediaDir: string;
  database: OpenedDatabase;
  clock: Clock;
  events: EventBus;
  version: string;
  storage: StorageMonitor;
  writeGate: WriteGate;
  /**
   * States a fact about data safety (`backupFailed`, `databaseCheckFailed`, `diskLow`, see
   * `modules/hooks.ts`) in a system transaction; the notifications module writes the admins' notes.
   */
  stateFact(fact: DataSafetyFact): Promise<void>;
  /** Waits until the writes already accepted have committed. */
  drainWrites(): Promise<void>;
  /**
   * After the database was replaced: caches of the old one are dropped and every session of the
   * restored one is ended (it may hold sessions that were logged out since the backup).
   */
  afterSwap(): Promise<void>;
  log?: (message: string, err?: unknown) => void;
}

/** The facts this module states (typed in `modules/hooks.ts` → `Facts`). */
export type DataSafetyFact =
  | { fact: 'backupFailed'; payload: { backupId: string; kind: string; problem: string } }
  | { fact: 'databaseCheckFailed'; payload: { detail: string } }
  | { fact: 'diskLow'; payload: { freeBytes: number } };

/** Database figures for the care screen. */
export interface DatabaseInfo {
  fileBytes: number;
  walBytes: number;
  pageSize: number;
  pageCount: number;
  freePages: number;
  schemaVersion: string | null;
  counts: Record<string, number>;
  freeDiskBytes: number | null;
  lowDisk: boolean;
  care: CareState;
  lastBackup: BackupRecord | null;
  lastVerifiedBackup: BackupRecord | null;
}

export interface MaintenanceResult {
  check: 'quick' | 'full';
  ok: boolean;
  messages: string[];
  vacuumed: boolean;
  freePagesBefore: number;
  pageCount: number;
}

const DAY_MS = 86_400_000;

export class BackupService {
  readonly store: BackupStore | null;
  private task: Task | null = null;
  private running: Promise<unknown> | null = null;
  private seq = 0;
  private lastPercent = -1;
  private lastProgressAt = 0;
  private jobs: schedule.Job[] = [];
  private stopped = false;

  constructor(private readonly host: BackupHost) {
    this.store = host.dataDir === ':memory:' ? null : new BackupStore(host.dataDir);
  }

  private requireStore(): BackupStore {
    if (!this.store) throw new AppError('BUSINESS_RULE', msg('backups.unavailable'));
    return this.store;
  }

  /** Finishes what a crash left (records `running`, temp files). */
  async init(): Promise<void> {
    await this.store?.recover(this.host.clock.nowIso());
  }

  status(): { task: Task | null; writesClosed: boolean } {
    return { task: this.task ? { ...this.task } : null, writesClosed: this.host.writeGate.closed };
  }

  list(): Promise<BackupRecord[]> {
    return this.store ? this.store.list() : Promise.resolve([]);
  }

  async get(id: string): Promise<BackupRecord> {
    const record = ID_PATTERN.test(id) ? await this.requireStore().get(id) : null;
    if (!record) throw new AppError('NOT_FOUND', msg('backups.notFound'));
    return record;
  }

  config(): Promise<BackupConfig> {
    return this.requireStore().config();
  }

  async setConfig(config: BackupConfig): Promise<BackupConfig> {
    await this.requireStore().setConfig(config);
    if (this.jobs.length) this.schedule();
    return config;
  }

  // ---- tasks and progress ----

  private begin(kind: Task['kind'], backupId: string | null): Task {
    if (this.task || this.stopped) throw new AppError('CONFLICT', msg('backups.busy'));
    this.seq++;
    this.lastPercent = -1;
    this.task = { kind, backupId, phase: 'before', done: 0, total: 0, startedAt: this.host.clock.nowIso() };
    return this.task;
  }

  private progress(p: { phase: Task['phase']; done: number; total: number }): void {
    if (!this.task) return;
    Object.assign(this.task, p);
    const percent = p.total > 0 ? Math.floor((p.done / p.total) * 100) : 0;
    const now = Date.now();
    if (percent === this.lastPercent && now - this.lastProgressAt < 1000) return;
    if (now - this.lastProgressAt < 200 && percent !== 100 && percent - this.lastPercent < 5) return;
    this.lastPercent = percent;
    this.lastProgressAt = now;
    // The percent travels as the event's `version`; GET /api/backups/status has pages and bytes.
    this.host.events.publish({ type: 'backup.progress', id: this.seq, version: percent, by: null });
  }

  private end(): void {
    this.task = null;
    this.host.events.publish({ type: 'backup.progress', id: this.seq, version: null, by: null });
  }

  private changed(): void {
    this.host.events.publish({ type: 'backup.updated', id: this.seq, version: null, by: null });
  }

  /** Waits for the task under way, if any. */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  // ---- backups ----

  /** Starts a backup and answers at once with its record (`running`); progress and the end come as events. */
  async start(kind: BackupKind): Promise<BackupRecord> {
    const store = this.requireStore();
    this.begin('backup', null);
    let resolveStarted!: (r: BackupRecord) => void;
    let rejectStarted!: (err: unknown) => void;
    const started = new Promise<BackupRecord>((resolve, reject) => {
      resolveStarted = resolve;
      rejectStarted = reject;
    });
    const work = this.backupNow(store, kind, resolveStarted).then(
      (made) => {
        resolveStarted(made);
        return made;
      },
      (err: unknown) => {
        rejectStarted(err);
        this.host.log?.('Falha no backup', err);
      },
    );
    this.track(work);
    return started;
  }

  /** Makes a backup and waits for it (verified or failed). */
  async create(kind: BackupKind): Promise<BackupRecord> {
    const store = this.requireStore();
    this.begin('backup', null);
    const work = this.backupNow(store, kind);
    this.track(work);
    return work;
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.finally(() => {
      if (this.running === tracked) this.running = null;
    });
    this.running = tracked;
  }

  /** The backup itself, inside a task begun by the caller (ends it). */
  private async backupNow(
    store: BackupStore,
    kind: BackupKind,
    onStart?: (record: BackupRecord) => void,
    keepTask = false,
  ): Promise<BackupRecord> {
    try {
      const made = await makeBackup({
        store,
        sqlite: this.host.database.sqlite,
        mediaDir: this.host.mediaDir,
        kind,
        nowIso: this.host.clock.nowIso(),
        date: this.host.clock.today(),
        appVersion: this.host.version,
        now: () => this.host.clock.nowIso(),
        onStart: (record) => {
          if (this.task) this.task.backupId = record.id;
          this.changed();
          onStart?.(record);
        },
        onProgress: (p) => this.progress(p),
      });
      let record = made.record;
      const config = await store.config();
      record = await copyToSecond(store, record, config.secondDestination, this.host.clock.nowIso());
      if (record.status === 'failed')
        await this.notifyFailed(record, record.problems[0] ?? storedMsg(msg('backups.writeFailed', { detail: '' })));
      else if (record.copy && !record.copy.ok && record.copy.problem)
        await this.notifyFailed(record, record.copy.problem);
      if (kind !== 'manual' && kind !== 'uploaded') await this.applyRetention(store, config);
      this.changed();
      void this.checkDisk().catch(() => undefined);
      return record;
    } finally {
      if (!keepTask) this.end();
    }
  }

  private async notifyFailed(record: BackupRecord, problem: string): Promise<void> {
    try {
      await this.host.stateFact({ fact: 'backupFailed', payload: { backupId: record.id, kind: record.kind, problem } });
    } catch (err) {
      this.host.log?.('Não foi possível avisar da falha do backup', err);
    }
  }

  /** Removes what retention no longer keeps (also from the second destination). */
  async applyRetention(store: BackupStore, config: BackupConfig): Promise<string[]> {
    const ids = toRemove(
      await store.list(),
      {
        ...DEFAULT_RETENTION,
        keepDaily: config.keepDaily,
        keepWeekly: config.keepWeekly,
        keepMonthly: config.keepMonthly,
      },
      this.host.clock.today(),
    );
    for (const id of ids) await this.removeFiles(store, id);
    return ids;
  }

  /** Removes a backup, and its copy in the second destination (where it was copied to). */
  private async removeFiles(store: BackupStore, id: string): Promise<void> {
    const copy = (await store.get(id))?.copy;
    await store.remove(id);
    if (copy?.ok && copy.path) await fs.promises.rm(copy.path, { force: true }).catch(() => undefined);
  }

  async delete(id: string): Promise<void> {
    const store = this.requireStore();
    await this.get(id);
    if (this.task?.backupId === id) throw new AppError('CONFLICT', msg('backups.busy'));
    await this.removeFiles(store, id);
    this.changed();
  }

  async fileOf(id: string): Promise<{ file: string; record: BackupRecord }> {
    const record = await this.get(id);
    if (record.status === 'running') throw new AppError('CONFLICT', msg('backups.busy'));
    const file = this.requireStore().zipOf(id);
    if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', msg('backups.notFound'));
    return { file, record };
  }

  /** Validates a backup of the list without touching anything. */
  async validate(id: string): Promise<Inspection> {
    const { file } = await this.fileOf(id);
    const store = this.requireStore();
    await store.ensure();
    return inspectBackup(file, {
      appVersion: this.host.version,
      knownMigrations: Object.keys(knownMigrations),
      scratchDir: store.scratch,
    });
  }

  /** Where an upload is streamed to (`token`: random hex the server chose). */
  async incomingFile(token: string): Promise<string> {
    const store = this.requireStore();
    await store.ensure();
    return path.join(store.incoming, `${token}.upload`);
  }

  /**
   * An uploaded ZIP (already streamed to disk by the server) is validated; a valid one joins the
   * list as kind `uploaded`, anything else is deleted and refused with what is wrong.
   */
  async acceptUpload(token: string): Promise<{ record: BackupRecord; inspection: Inspection }> {
    const store = this.requireStore();
    const file = await this.incomingFile(token);
    if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', msg('backups.uploadMissing'));
    try {
      const inspection = await inspectBackup(file, {
        appVersion: this.host.version,
        knownMigrations: Object.keys(knownMigrations),
        scratchDir: store.scratch,
      });
      if (!inspection.ok || !inspection.manifest) throw refusal(inspection.problems);
      const manifest = inspection.manifest;
      const id = await store.newId(this.host.clock.nowIso(), 'uploaded');
      await fs.promises.rename(file, store.zipOf(id));
      const record: BackupRecord = {
        id,
        kind: 'uploaded',
        status: 'verified',
        createdAt: this.host.clock.nowIso(),
        finishedAt: this.host.clock.nowIso(),
        date: this.host.clock.today(),
        sizeBytes: (await fs.promises.stat(store.zipOf(id))).size,
        appVersion: manifest.appVersion,
        lastMigration: manifest.lastMigration,
        counts: manifest.counts,
        problems: [],
        copy: null,
      };
      await store.save(record);
      this.changed();
      return { record, inspection };
    } finally {
      await fs.promises.rm(file, { force: true });
    }
  }

  // ---- restore ----

  /**
   * Restores a backup of the list. Everything that can fail before the data is touched happens
   * first: validation (extracting into a staging folder), migrating the staged copy if it is older.
   * Then writes are refused (503), a `before_restore` backup of the current data is made, and the
   * database and media are swapped under the closed connection, which reopens on the new file.
   * Any failure leaves the current data as it was. Clients are told to reload.
   */
  async restore(id: string): Promise<{ restored: BackupRecord; safety: BackupRecord }> {
    const store = this.requireStore();
    const { file, record } = await this.fileOf(id);
    this.begin('restore', id);
    const work = this.restoreNow(store, file, record);
    this.track(work);
    return work;
  }

  private async restoreNow(
    store: BackupStore,
    file: string,
    record: BackupRecord,
  ): Promise<{ restored: BackupRecord; safety: BackupRecord }> {
    const staging = path.join(this.host.dataDir, STAGING);
    try {
      const inspection = await inspectBackup(file, {
        appVersion: this.host.version,
        knownMigrations: Object.keys(knownMigrations),
        scratchDir: store.scratch,
        extractTo: staging,
        onProgress: (p) => this.progress({ ...p, phase: 'extract' }),
      });
      if (!inspection.ok) throw refusal(inspection.problems);
      // An older backup is brought to this version's schema before anything is swapped.
      this.progress({ phase: 'migrate', done: 0, total: 1 });
      try {
        const staged = await openDatabase(path.join(staging, DB_ENTRY));
        await staged.close();
      } catch (err) {
        throw new AppError('BUSINESS_RULE', msg('backups.migrateFailed', { detail: (err as Error).message }));
      }

      this.host.writeGate.close('restore');
      try {
        await this.host.drainWrites();
        const safety = await this.backupNow(store, 'before_restore', undefined, true);
        if (safety.status !== 'verified') throw new AppError('BUSINESS_RULE', msg('backups.safetyFailed'));
        this.progress({ phase: 'swap', done: 0, total: 1 });
        let failure: unknown = null;
        await this.host.database.swap(async (current) => {
          current.pragma('wal_checkpoint(TRUNCATE)');
          current.close();
          const file = path.join(this.host.dataDir, DB_ENTRY);
          try {
            await swapIn(this.host.dataDir, staging);
          } catch (err) {
            failure = err;
            return openSqlite(file);
          }
          let next: SQLite.Database | null = null;
          try {
            next = openSqlite(file);
            next.prepare('select count(*) from sqlite_master').get();
            await commitSwap(this.host.dataDir);
            return next;
          } catch (err) {
            next?.close();
            failure = err;
            await abortSwap(this.host.dataDir);
            return openSqlite(file);
          }
        });
        if (failure) throw new AppError('BUSINESS_RULE', msg('backups.swapFailed', { detail: String(failure) }));
        await this.host.afterSwap();
        this.changed();
        return { restored: record, safety };
      } finally {
        this.host.writeGate.open();
      }
    } finally {
      this.end();
      await fs.promises.rm(staging, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  /** Every connected client reloads (after a restore, once the answer is on its way). */
  announceReload(): void {
    this.host.events.publish({ type: 'system.reload', id: 0, version: null, by: null });
  }

  // ---- database care ----

  private dbFile(): string {
    return path.join(this.host.dataDir, DB_ENTRY);
  }

  /** 503 MAINTENANCE while a restore runs: these open their own connection to the file being swapped. */
  private refuseDuringRestore(): void {
    if (this.task?.kind === 'restore') throw new AppError('MAINTENANCE', msg('error.maintenance'));
  }

  async databaseInfo(): Promise<DatabaseInfo> {
    this.refuseDuringRestore();
    const store = this.requireStore();
    const file = this.dbFile();
    const size = async (p: string) => (await fs.promises.stat(p).catch(() => null))?.size ?? 0;
    const check = await checkDatabaseFile(file, { check: null, tables: MAIN_TABLES });
    const counts: Record<string, number> = {};
    for (const [t, n] of Object.entries(check.counts)) if (n !== null) counts[t] = n;
    const { freeBytes } = await this.host.storage.status();
    const config = await store.config();
    const backups = await store.list();
    return {
      fileBytes: await size(file),
      walBytes: await size(`${file}-wal`),
      pageSize: check.pageSize,
      pageCount: check.pageCount,
      freePages: check.freePages,
      schemaVersion: check.migrations.at(-1) ?? null,
      counts,
      freeDiskBytes: freeBytes,
      lowDisk: freeBytes !== null && freeBytes < config.lowDiskBytes,
      care: await store.care(),
      lastBackup: backups.find((b) => b.status !== 'running') ?? null,
      lastVerifiedBackup: backups.find((b) => b.status === 'verified') ?? null,
    };
  }

  /**
   * The maintenance job: `PRAGMA quick_check` (a full `integrity_check` when asked or when the last
   * full one is a month old) on its own connection in a worker, then `PRAGMA optimize`, a WAL
   * checkpoint, and `VACUUM` only when over 20% of the pages are free and the disk has room for a
   * copy. A failed check warns the admins.
   */
  async maintain(options: { full?: boolean } = {}): Promise<MaintenanceResult> {
    this.refuseDuringRestore();
    const store = this.requireStore();
    this.begin('maintenance', null);
    const work = this.maintainNow(store, options);
    this.track(work);
    return work;
  }

  private async maintainNow(store: BackupStore, options: { full?: boolean }): Promise<MaintenanceResult> {
    try {
      const care = await store.care();
      const nowMs = this.host.clock.now().getTime();
      const full =
        options.full === true || !care.lastFullCheckAt || nowMs - Date.parse(care.lastFullCheckAt) >= 28 * DAY_MS;
      this.progress({ phase: 'check', done: 0, total: 1 });
      const check = await checkDatabaseFile(this.dbFile(), {
        check: full ? 'integrity_check' : 'quick_check',
        tables: [],
      });
      const ok = check.messages.length === 1 && check.messages[0] === 'ok';
      const at = this.host.clock.nowIso();
      let vacuumed = false as boolean;
      if (ok) {
        const freeRatio = check.pageCount > 0 ? check.freePages / check.pageCount : 0;
        const { freeBytes } = await this.host.storage.status();
        const fileBytes = check.pageCount * check.pageSize;
        const roomy = freeBytes === null || freeBytes > fileBytes * 2;
        await this.host.database.swap(async (sqlite) => {
          sqlite.pragma('optimize');
          sqlite.pragma('wal_checkpoint(TRUNCATE)');
          if (freeRatio > 0.2 && roomy) {
            sqlite.exec('VACUUM');
            sqlite.pragma('wal_checkpoint(TRUNCATE)');
            vacuumed = true;
          }
          return sqlite;
        });
      }
      await store.setCare({
        lastCheck: { at, kind: full ? 'full' : 'quick', ok, messages: check.messages.slice(0, 20) },
        ...(full && { lastFullCheckAt: at }),
        lastMaintenanceAt: at,
        ...(vacuumed && { lastVacuumAt: at }),
      });
      if (!ok) {
        try {
          await this.host.stateFact({
            fact: 'databaseCheckFailed',
            payload: { detail: check.messages.slice(0, 3).join('; ') },
          });
        } catch (err) {
          this.host.log?.('Não foi possível avisar do problema no banco', err);
        }
      }
      this.changed();
      return {
        check: full ? 'full' : 'quick',
        ok,
        messages: check.messages.slice(0, 20),
        vacuumed,
        freePagesBefore: check.freePages,
        pageCount: check.pageCount,
      };
    } finally {
      this.end();
    }
  }

  /** Warns the admins (once a day) when the data folder's disk runs low. */
  async checkDisk(): Promise<boolean> {
    if (!this.store) return false;
    const { freeBytes } = await this.host.storage.status();
    const config = await this.store.config();
    if (freeBytes === null || freeBytes >= config.lowDiskBytes) return false;
    const care = await this.store.care();
    const now = this.host.clock.now().getTime();
    if (care.lowDiskWarnedAt && now - Date.parse(care.lowDiskWarnedAt) < DAY_MS) return true;
    await this.store.setCare({ lowDiskWarnedAt: this.host.clock.nowIso() });
    await this.host.stateFact({ fact: 'diskLow', payload: { freeBytes } });
    return true;
  }

  // ---- schedule ----

  /**
   * The automatic work: the daily backup at the configured hour (and once at start when today's
   * was missed after that hour), the weekly maintenance after it, and an hourly disk check.
   */
  async daily(): Promise<void> {
    const store = this.store;
    if (!store || this.stopped) return;
    const config = await store.config();
    const today = this.host.clock.today();
    const list = await store.list();
    if (!list.some((b) => b.kind === 'daily' && b.date === today && b.status !== 'failed') && !this.task)
      await this.create('daily');
    const care = await store.care();
    const nowMs = this.host.clock.now().getTime();
    if ((!care.lastMaintenanceAt || nowMs - Date.parse(care.lastMaintenanceAt) >= 7 * DAY_MS) && !this.task)
      await this.maintain();
    void config;
  }

  schedule(): void {
    for (const job of this.jobs) job.cancel();
    this.jobs = [];
    if (!this.store || this.stopped) return;
    void this.store.config().then((config) => {
      const [hour, minute] = config.dailyAt.split(':').map(Number);
      const tz = this.host.clock.timeZone;
      const run = () => {
        this.daily().catch((err: unknown) => this.host.log?.('Falha no backup diário', err));
      };
      const daily = schedule.scheduleJob({ rule: `${minute ?? 30} ${hour ?? 12} * * *`, tz }, run);
      const disk = schedule.scheduleJob({ rule: '17 * * * *', tz }, () => {
        this.checkDisk().catch(() => undefined);
      });
      this.jobs = [daily, disk].filter((j): j is schedule.Job => !!j);
      // Catch-up: the PC was off at the hour.
      const local = new Intl.DateTimeFormat('en-GB', {
        timeZone: tz,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(this.host.clock.now());
      if (local >= config.dailyAt) run();
      this.checkDisk().catch(() => undefined);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const job of this.jobs) job.cancel();
    this.jobs = [];
    await this.idle();
  }
}

/** A refused backup: the first problem is the message; every problem is listed in `fields`. */
function refusal(problems: Msg[]): AppError {
  const first = problems[0] ?? msg('backups.invalid');
  const fields: Record<string, Msg> = {};
  problems.slice(0, 20).forEach((p, i) => {
    fields[`problems.${i}`] = p;
  });
  return new AppError('BUSINESS_RULE', first, { fields });
}

/**
 * Before pending migrations change an existing database (an app update): a verified backup of
 * kind `before_migration` in the backups folder, copied to the second destination too. Runs
 * before the app exists (no events, no notifications); a backup that cannot be made stops the
 * migration, so an update that migrates always has a way back.
 */
export async function backupBeforeMigration(options: {
  dataDir: string;
  mediaDir: string;
  sqlite: SQLite.Database;
  clock: Clock;
  version: string;
}): Promise<BackupRecord> {
  const store = new BackupStore(options.dataDir);
  const { record } = await makeBackup({
    store,
    sqlite: options.sqlite,
    mediaDir: options.mediaDir,
    kind: 'before_migration',
    nowIso: options.clock.nowIso(),
    date: options.clock.today(),
    appVersion: options.version,
  });
  if (record.status !== 'verified')
    throw new Error(
      `Não foi possível fazer o backup antes de atualizar o banco de dados (${record.problems.join('; ')}); nada foi alterado.`,
    );
  await copyToSecond(store, record, (await store.config()).secondDestination, options.clock.nowIso());
  return record;
}
