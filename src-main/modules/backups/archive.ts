import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type SQLite from 'better-sqlite3';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { type Msg, msg } from '../../../src-shared/i18n';
import { checkDatabaseFile, FileCheckError } from '../../db/check-worker';

/** Tables whose row counts a manifest records and verification compares. */
export const MAIN_TABLES = [
  'users',
  'customers',
  'products',
  'orders',
  'order_items',
  'payments',
  'installment_plans',
  'installments',
  'media',
  'audit_log',
] as const;

export const BACKUP_KINDS = [
  'manual',
  'daily',
  'before_update',
  'before_restore',
  'before_migration',
  'uploaded',
] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** Name of the database inside a backup ZIP; media files go under `media/`. */
export const DB_ENTRY = 'balcao.sqlite';
export const MANIFEST_ENTRY = 'manifest.json';

export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

/** `manifest.json`: what a backup holds and how to tell it is whole. */
export interface Manifest {
  format: 1;
  app: 'balcao';
  appVersion: string;
  /** Last migration applied to the copied database, and all of them. */
  lastMigration: string | null;
  migrations: string[];
  createdAt: string;
  kind: BackupKind;
  counts: Record<string, number>;
  files: ManifestFile[];
}

export interface Progress {
  phase: 'database' | 'media' | 'zip' | 'verify' | 'extract';
  done: number;
  total: number;
}

/** Pages the online backup copies per step; between steps the event loop serves requests. */
export const PAGES_PER_STEP = 256;

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

async function listFiles(dir: string, base = ''): Promise<string[]> {
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(path.join(dir, base), { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = base ? `${base}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else if (e.isFile() && !e.name.endsWith('.tmp')) out.push(rel);
  }
  return out;
}

/**
 * Copies a live database with SQLite's online backup API, in steps, into `dest` (one file, no WAL).
 * Writes on the same connection while it runs go into the copy too: the copy is the database as it
 * stood when the last step ran, so every write acknowledged before the backup started is in it.
 */
export async function copyDatabase(
  sqlite: SQLite.Database,
  dest: string,
  onProgress?: (p: Progress) => void,
  pagesPerStep = PAGES_PER_STEP,
): Promise<void> {
  await fs.promises.rm(dest, { force: true });
  await sqlite.backup(dest, {
    progress: ({ totalPages, remainingPages }) => {
      onProgress?.({ phase: 'database', done: totalPages - remainingPages, total: totalPages });
      return pagesPerStep;
    },
  });
  // The copy keeps the source's WAL mode in its header; a rollback journal makes it one self-contained file.
  await checkDatabaseFile(dest, { check: null, tables: [], detachWal: true });
  for (const extra of ['-wal', '-shm', '-journal']) await fs.promises.rm(dest + extra, { force: true });
}

export interface WriteOptions {
  sqlite: SQLite.Database;
  mediaDir: string;
  /** Final path of the ZIP; it appears there only when complete. */
  target: string;
  kind: BackupKind;
  createdAt: string;
  appVersion: string;
  onProgress?: (p: Progress) => void;
  pagesPerStep?: number;
}

/**
 * Writes one backup ZIP: the database (online backup), the media folder and `manifest.json`. It is
 * written under a temporary name and renamed when complete, so a half-written backup never looks
 * finished. Returns the manifest and the ZIP's size.
 */
export async function writeBackup(options: WriteOptions): Promise<{ manifest: Manifest; size: number }> {
  const work = `${options.target}.work-${randomBytes(4).toString('hex')}`;
  const partial = `${options.target}.partial`;
  await fs.promises.mkdir(work, { recursive: true });
  try {
    const dbCopy = path.join(work, DB_ENTRY);
    await copyDatabase(options.sqlite, dbCopy, options.onProgress, options.pagesPerStep);
    const info = await checkDatabaseFile(dbCopy, { check: null, tables: MAIN_TABLES });
    const counts: Record<string, number> = {};
    for (const [table, n] of Object.entries(info.counts)) if (n !== null) counts[table] = n;

    const media = await listFiles(options.mediaDir);
    const files: ManifestFile[] = [];
    const dbStat = await fs.promises.stat(dbCopy);
    files.push({ path: DB_ENTRY, size: dbStat.size, sha256: await sha256Of(dbCopy) });
    let i = 0;
    for (const rel of media) {
      const abs = path.join(options.mediaDir, rel);
      const stat = await fs.promises.stat(abs);
      files.push({ path: `media/${rel}`, size: stat.size, sha256: await sha256Of(abs) });
      options.onProgress?.({ phase: 'media', done: ++i, total: media.length });
    }
    const manifest: Manifest = {
      format: 1,
      app: 'balcao',
      appVersion: options.appVersion,
      lastMigration: info.migrations.at(-1) ?? null,
      migrations: info.migrations,
      createdAt: options.createdAt,
      kind: options.kind,
      counts,
      files,
    };

    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), MANIFEST_ENTRY);
    zip.addFile(dbCopy, DB_ENTRY, { compress: true });
    // Images are already compressed: stored as they are.
    for (const rel of media) zip.addFile(path.join(options.mediaDir, rel), `media/${rel}`, { compress: false });
    zip.end();
    const total = files.reduce((n, f) => n + f.size, 0);
    let written = 0;
    const out = fs.createWriteStream(partial);
    zip.outputStream.on('data', (chunk: Buffer) => {
      written += chunk.length;
      options.onProgress?.({ phase: 'zip', done: Math.min(written, total), total });
    });
    await pipeline(zip.outputStream, out);
    const fd = await fs.promises.open(partial, 'r+');
    try {
      await fd.sync();
    } finally {
      await fd.close();
    }
    await fs.promises.rename(partial, options.target);
    const size = (await fs.promises.stat(options.target)).size;
    return { manifest, size };
  } catch (err) {
    await fs.promises.rm(partial, { force: true });
    throw err;
  } finally {
    await fs.promises.rm(work, { recursive: true, force: true });
  }
}

/** What validating a backup found: its manifest (when readable) and every problem, as catalogue messages. */
export interface Inspection {
  ok: boolean;
  manifest: Manifest | null;
  problems: Msg[];
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: true }, (err, zip) =>
      err || !zip ? reject(err ?? new Error('zip')) : resolve(zip),
    ),
  );
}

function entriesOf(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const list: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      list.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(list));
    zip.once('error', reject);
    zip.readEntry();
  });
}

function streamOf(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, stream) => (err || !stream ? reject(err ?? new Error('entry')) : resolve(stream))),
  );
}

/** A manifest as it must be; anything else is not one of ours. */
function parseManifest(text: string): Manifest | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const m = value as Partial<Manifest>;
  if (!m || typeof m !== 'object' || m.app !== 'balcao' || m.format !== 1) return null;
  if (typeof m.appVersion !== 'string' || typeof m.createdAt !== 'string' || !Array.isArray(m.files)) return null;
  if (!Array.isArray(m.migrations) || typeof m.counts !== 'object' || !m.counts) return null;
  if (!(BACKUP_KINDS as readonly string[]).includes(String(m.kind))) return null;
  for (const f of m.files)
    if (!f || typeof f.path !== 'string' || typeof f.sha256 !== 'string' || typeof f.size !== 'number') return null;
  return m as Manifest;
}

/** `1.10.0` > `1.9.3`; pre-release tags are ignored. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) =>
    v
      .split(/[.+-]/)
      .slice(0, 3)
      .map((p) => Number.parseInt(p, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

export interface InspectOptions {
  appVersion: string;
  /** Migrations this build knows: a backup with others is from a newer version. */
  knownMigrations: readonly string[];
  /** Folder to extract into (database and media), kept for a restore; otherwise a temp copy is removed. */
  extractTo?: string;
  /** Where to put the temporary copy of the database when not extracting. */
  scratchDir: string;
  onProgress?: (p: Progress) => void;
}

/**
 * Validates a backup ZIP without touching anything of the running app: the manifest, the hash and
 * size of every file, then the database itself (`PRAGMA integrity_check` on its own connection, row
 * counts as the manifest says, migrations this build knows, not from a newer app version).
 */
export async function inspectBackup(file: string, options: InspectOptions): Promise<Inspection> {
  const problems: Msg[] = [];
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file);
  } catch {
    return { ok: false, manifest: null, problems: [msg('backups.notZip')] };
  }
  const dest = options.extractTo ?? path.join(options.scratchDir, `inspect-${randomBytes(6).toString('hex')}`);
  await fs.promises.rm(dest, { recursive: true, force: true });
  await fs.promises.mkdir(dest, { recursive: true });
  let manifest: Manifest | null = null;
  try {
    let entries: yauzl.Entry[];
    try {
      entries = await entriesOf(zip);
    } catch {
      return { ok: false, manifest: null, problems: [msg('backups.notZip')] };
    }
    const manifestEntry = entries.find((e) => e.fileName === MANIFEST_ENTRY);
    if (manifestEntry) {
      try {
        const chunks: Buffer[] = [];
        for await (const chunk of (await streamOf(zip, manifestEntry)) as AsyncIterable<Buffer>) chunks.push(chunk);
        manifest = parseManifest(Buffer.concat(chunks).toString('utf8'));
      } catch {
        manifest = null;
      }
    }
    if (!manifest) return { ok: false, manifest: null, problems: [msg('backups.noManifest')] };
    if (compareVersions(manifest.appVersion, options.appVersion) > 0)
      problems.push(msg('backups.newerVersion', { version: manifest.appVersion, current: options.appVersion }));
    const unknown = manifest.migrations.filter((m) => !options.knownMigrations.includes(m));
    if (unknown.length) problems.push(msg('backups.unknownMigrations', { names: unknown.join(', ') }));
    if (problems.length) return { ok: false, manifest, problems };

    const listed = new Map(manifest.files.map((f) => [f.path, f]));
    if (!listed.has(DB_ENTRY)) problems.push(msg('backups.missingFile', { path: DB_ENTRY }));
    const total = manifest.files.reduce((n, f) => n + f.size, 0);
    let done = 0;
    for (const entry of entries) {
      if (entry.fileName === MANIFEST_ENTRY || entry.fileName.endsWith('/')) continue;
      const expected = listed.get(entry.fileName);
      if (!expected) {
        problems.push(msg('backups.unexpectedFile', { path: entry.fileName }));
        continue;
      }
      listed.delete(entry.fileName);
      const out = path.join(dest, ...entry.fileName.split('/'));
      const keep = entry.fileName === DB_ENTRY || options.extractTo !== undefined;
      const hash = createHash('sha256');
      let size = 0;
      try {
        const input = await streamOf(zip, entry);
        if (keep) await fs.promises.mkdir(path.dirname(out), { recursive: true });
        const sink = keep ? fs.createWriteStream(out) : null;
        for await (const chunk of input as AsyncIterable<Buffer>) {
          hash.update(chunk);
          size += chunk.length;
          if (sink && !sink.write(chunk)) await new Promise<void>((r) => sink.once('drain', () => r()));
        }
        if (sink)
          await new Promise<void>((resolve, reject) => {
            sink.once('error', reject);
            sink.end(() => resolve());
          });
      } catch {
        problems.push(msg('backups.damagedFile', { path: entry.fileName }));
        continue;
      }
      done += size;
      options.onProgress?.({ phase: 'verify', done: Math.min(done, total), total });
      if (hash.digest('hex') !== expected.sha256 || size !== expected.size)
        problems.push(msg('backups.hashMismatch', { path: entry.fileName }));
    }
    for (const missing of listed.keys()) problems.push(msg('backups.missingFile', { path: missing }));
    if (problems.length) return { ok: false, manifest, problems };

    try {
      const check = await checkDatabaseFile(path.join(dest, DB_ENTRY), {
        check: 'integrity_check',
        tables: MAIN_TABLES,
      });
      if (check.messages.length !== 1 || check.messages[0] !== 'ok')
        problems.push(msg('backups.integrityFailed', { detail: check.messages.slice(0, 3).join('; ') }));
      for (const [table, n] of Object.entries(manifest.counts))
        if (check.counts[table] !== n)
          problems.push(msg('backups.countMismatch', { table, expected: n, found: check.counts[table] ?? 0 }));
      if (check.migrations.join(',') !== manifest.migrations.join(','))
        problems.push(msg('backups.migrationsMismatch'));
    } catch (err) {
      problems.push(
        msg('backups.integrityFailed', { detail: err instanceof FileCheckError ? err.message : String(err) }),
      );
    }
    return { ok: problems.length === 0, manifest, problems };
  } finally {
    zip.close();
    if (!options.extractTo) await fs.promises.rm(dest, { recursive: true, force: true });
  }
}
