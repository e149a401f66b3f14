import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import { migrations as knownMigrations } from '../../../migrations';
import { type Msg, msg, storedMsg } from '../../../src-shared/i18n';
import { type BackupKind, inspectBackup, type Manifest, type Progress, writeBackup } from './archive';
import { DEFAULT_RETENTION } from './retention';

/**
 * The backups folder (`<data>/backups/`) is the truth about backups: each is `<id>.zip` with its
 * record `<id>.json` next to it (kind, status, size, problems, the copy to the second destination).
 * Nothing about backups lives in the database, so restoring an old database never forgets the
 * backups made since; the folder's `config.json` (schedule, retention, second destination) and
 * `care.json` (last checks) survive a restore for the same reason.
 */
export const BACKUP_DIR = 'backups';

export interface BackupRecord {
  id: string;
  kind: BackupKind;
  status: 'running' | 'verified' | 'failed';
  createdAt: string;
  finishedAt: string | null;
  /** Shop date it was made (retention). */
  date: string;
  sizeBytes: number | null;
  appVersion: string;
  lastMigration: string | null;
  counts: Record<string, number>;
  /** Why it failed, as stored catalogue messages. */
  problems: string[];
  /** The copy to the second destination, when one is configured. */
  copy: { ok: boolean; at: string; path: string | null; problem: string | null } | null;
}

export interface BackupConfig {
  /** Daily backup time, `HH:MM` in the shop's time zone. */
  dailyAt: string;
  keepDaily: number;
  keepWeekly: number;
  keepMonthly: number;
  /** A second folder (USB drive, network share) every backup is copied to; null for none. */
  secondDestination: string | null;
  /** Below this many free bytes on the data folder's disk, admins are warned. */
  lowDiskBytes: number;
}

export const DEFAULT_CONFIG: BackupConfig = {
  dailyAt: '12:30',
  keepDaily: DEFAULT_RETENTION.keepDaily,
  keepWeekly: DEFAULT_RETENTION.keepWeekly,
  keepMonthly: DEFAULT_RETENTION.keepMonthly,
  secondDestination: null,
  lowDiskBytes: 1_000_000_000,
};

/** What the maintenance job last found (`care.json`). */
export interface CareState {
  lastCheck: { at: string; kind: 'quick' | 'full'; ok: boolean; messages: string[] } | null;
  lastFullCheckAt: string | null;
  lastMaintenanceAt: string | null;
  lastVacuumAt: string | null;
  lowDiskWarnedAt: string | null;
}

const EMPTY_CARE: CareState = {
  lastCheck: null,
  lastFullCheckAt: null,
  lastMaintenanceAt: null,
  lastVacuumAt: null,
  lowDiskWarnedAt: null,
};

export const ID_PATTERN = /^[0-9]{8}-[0-9]{6}-[a-z_]+(?:-[0-9]+)?$/;

async function readJson<T>(file: string): Promise<T | null> {
  try {
    return JSON.parse(await fs.promises.readFile(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** Writes JSON through a temp file and a rename, so a crash never leaves half a record. */
async function writeJson(file: string, value: unknown): Promise<void> {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.promises.writeFile(tmp, `${JSON.stringify(value, null, 2)}\n`);
  await fs.promises.rename(tmp, file);
}

export class BackupStore {
  readonly dir: string;
  readonly scratch: string;
  readonly incoming: string;

  constructor(readonly dataDir: string) {
    this.dir = path.join(dataDir, BACKUP_DIR);
    this.scratch = path.join(this.dir, '.scratch');
    this.incoming = path.join(this.dir, '.incoming');
  }

  zipOf(id: string): string {
    return path.join(this.dir, `${id}.zip`);
  }

  recordFile(id: string): string {
    return path.join(this.dir, `${id}.json`);
  }

  async ensure(): Promise<void> {
    await fs.promises.mkdir(this.scratch, { recursive: true });
    await fs.promises.mkdir(this.incoming, { recursive: true });
  }

  async config(): Promise<BackupConfig> {
    return {
      ...DEFAULT_CONFIG,
      ...((await readJson<Partial<BackupConfig>>(path.join(this.dir, 'config.json'))) ?? {}),
    };
  }

  async setConfig(config: BackupConfig): Promise<void> {
    await fs.promises.mkdir(this.dir, { recursive: true });
    await writeJson(path.join(this.dir, 'config.json'), config);
  }

  async care(): Promise<CareState> {
    return { ...EMPTY_CARE, ...((await readJson<Partial<CareState>>(path.join(this.dir, 'care.json'))) ?? {}) };
  }

  async setCare(change: Partial<CareState>): Promise<CareState> {
    const next = { ...(await this.care()), ...change };
    await fs.promises.mkdir(this.dir, { recursive: true });
    await writeJson(path.join(this.dir, 'care.json'), next);
    return next;
  }

  async list(): Promise<BackupRecord[]> {
    let names: string[];
    try {
      names = await fs.promises.readdir(this.dir);
    } catch {
      return [];
    }
    const records: BackupRecord[] = [];
    for (const name of names) {
      if (!name.endsWith('.json')) continue;
      const id = name.slice(0, -5);
      if (!ID_PATTERN.test(id)) continue;
      const record = await readJson<BackupRecord>(path.join(this.dir, name));
      if (record && record.id === id) records.push(record);
    }
    return records.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  }

  async get(id: string): Promise<BackupRecord | null> {
    if (!ID_PATTERN.test(id)) return null;
    return readJson<BackupRecord>(this.recordFile(id));
  }

  async save(record: BackupRecord): Promise<void> {
    await fs.promises.mkdir(this.dir, { recursive: true });
    await writeJson(this.recordFile(record.id), record);
  }

  async remove(id: string): Promise<void> {
    await fs.promises.rm(this.zipOf(id), { force: true });
    await fs.promises.rm(this.recordFile(id), { force: true });
  }

  /** A new id from the instant and the kind (`20261124-130000-manual`), unique in the folder. */
  async newId(nowIso: string, kind: BackupKind): Promise<string> {
    const stamp = nowIso.slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    let id = `${stamp}-${kind}`;
    for (let n = 2; fs.existsSync(this.recordFile(id)) || fs.existsSync(this.zipOf(id)); n++)
      id = `${stamp}-${kind}-${n}`;
    return id;
  }

  /** Records left `running` by a process that died mid-backup are failed; leftovers go. */
  async recover(nowIso: string): Promise<void> {
    for (const record of await this.list())
      if (record.status === 'running') {
        await fs.promises.rm(this.zipOf(record.id), { force: true });
        await this.save({
          ...record,
          status: 'failed',
          finishedAt: nowIso,
          problems: [storedMsg(msg('backups.interrupted'))],
        });
      }
    try {
      for (const name of await fs.promises.readdir(this.dir))
        if (name.includes('.zip.work-') || name.endsWith('.zip.partial'))
          await fs.promises.rm(path.join(this.dir, name), { recursive: true, force: true });
    } catch {
      // no folder yet
    }
    await fs.promises.rm(this.scratch, { recursive: true, force: true });
    await fs.promises.rm(this.incoming, { recursive: true, force: true });
  }
}

export interface MadeBackup {
  record: BackupRecord;
  manifest: Manifest | null;
}

/**
 * Makes and verifies one backup: the ZIP under a temp name then renamed, then read back and checked
 * (hashes, integrity, row counts). A failed one is kept, marked failed, with its problems.
 */
export async function makeBackup(options: {
  store: BackupStore;
  sqlite: SQLite.Database;
  mediaDir: string;
  kind: BackupKind;
  nowIso: string;
  date: string;
  appVersion: string;
  onStart?: (record: BackupRecord) => void;
  onProgress?: (p: Progress) => void;
  now?: () => string;
}): Promise<MadeBackup> {
  const { store } = options;
  await store.ensure();
  const id = await store.newId(options.nowIso, options.kind);
  let record: BackupRecord = {
    id,
    kind: options.kind,
    status: 'running',
    createdAt: options.nowIso,
    finishedAt: null,
    date: options.date,
    sizeBytes: null,
    appVersion: options.appVersion,
    lastMigration: null,
    counts: {},
    problems: [],
    copy: null,
  };
  await store.save(record);
  options.onStart?.(record);
  const finishedAt = () => options.now?.() ?? options.nowIso;
  let manifest: Manifest | null = null;
  try {
    const written = await writeBackup({
      sqlite: options.sqlite,
      mediaDir: options.mediaDir,
      target: store.zipOf(id),
      kind: options.kind,
      createdAt: options.nowIso,
      appVersion: options.appVersion,
      ...(options.onProgress && { onProgress: options.onProgress }),
    });
    manifest = written.manifest;
    record = {
      ...record,
      sizeBytes: written.size,
      lastMigration: manifest.lastMigration,
      counts: manifest.counts,
    };
  } catch (err) {
    record = { ...record, status: 'failed', finishedAt: finishedAt(), problems: [storedMsg(writeProblem(err))] };
    await store.save(record).catch(() => undefined);
    return { record, manifest: null };
  }
  const inspection = await inspectBackup(store.zipOf(id), {
    appVersion: options.appVersion,
    knownMigrations: Object.keys(knownMigrations),
    scratchDir: store.scratch,
    ...(options.onProgress && { onProgress: options.onProgress }),
  }).catch((err: unknown) => ({ ok: false, manifest: null, problems: [writeProblem(err)] }));
  record = {
    ...record,
    status: inspection.ok ? 'verified' : 'failed',
    finishedAt: finishedAt(),
    problems: inspection.problems.map(storedMsg),
  };
  await store.save(record);
  return { record, manifest };
}

/** Why writing a backup failed, in words for the shop. */
export function writeProblem(err: unknown): Msg {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return msg('backups.diskFull');
  return msg('backups.writeFailed', { detail: err instanceof Error ? err.message : String(err) });
}

/** Copies a finished backup to the second destination; a missing or full destination is reported, never thrown. */
export async function copyToSecond(
  store: BackupStore,
  record: BackupRecord,
  destination: string | null,
  nowIso: string,
): Promise<BackupRecord> {
  if (!destination || record.status !== 'verified') return record;
  let copy: BackupRecord['copy'];
  const target = path.join(destination, `${record.id}.zip`);
  try {
    const stat = await fs.promises.stat(destination).catch(() => null);
    if (!stat?.isDirectory()) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
    const tmp = `${target}.partial`;
    await fs.promises.copyFile(store.zipOf(record.id), tmp);
    await fs.promises.rename(tmp, target);
    copy = { ok: true, at: nowIso, path: target, problem: null };
  } catch (err) {
    await fs.promises.rm(`${target}.partial`, { force: true }).catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code ?? '';
    const problem =
      code === 'ENOENT'
        ? msg('backups.destinationMissing', { path: destination })
        : code === 'ENOSPC'
          ? msg('backups.destinationFull', { path: destination })
          : msg('backups.destinationFailed', { path: destination, detail: (err as Error).message ?? String(err) });
    copy = { ok: false, at: nowIso, path: null, problem: storedMsg(problem) };
  }
  const next = { ...record, copy };
  await store.save(next);
  return next;
}
