import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** What a look at a database file found: the check's answer, row counts and applied migrations. */
export interface FileCheck {
  /** `ok` alone when the check passed; SQLite's findings otherwise (empty when no check was asked). */
  messages: string[];
  counts: Record<string, number | null>;
  migrations: string[];
  pageCount: number;
  freePages: number;
  pageSize: number;
}

export interface FileCheckOptions {
  /** `integrity_check` (full), `quick_check`, or null for none. */
  check: 'integrity_check' | 'quick_check' | null;
  /** Tables whose rows are counted (a missing table counts as null). */
  tables: readonly string[];
  /** Open read-write and switch the file to a rollback journal (one self-contained file, for a backup copy). */
  detachWal?: boolean;
}

/**
 * Runs in a worker thread: an integrity check of a large database takes seconds, and the LAN server
 * must keep answering meanwhile. The worker opens its own connection (read-only unless asked).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db = null;
try {
  db = new Database(workerData.file, { readonly: !workerData.detachWal, fileMustExist: true });
  if (workerData.detachWal) db.pragma('journal_mode = DELETE');
  const messages = workerData.check ? db.pragma(workerData.check).map((row) => String(Object.values(row)[0])) : [];
  const counts = {};
  for (const table of workerData.tables) {
    try { counts[table] = Number(db.prepare('select count(*) as n from "' + table + '"').get().n); }
    catch { counts[table] = null; }
  }
  let migrations = [];
  try { migrations = db.prepare('select name from kysely_migration order by name').all().map((r) => r.name); }
  catch { migrations = []; }
  const pageCount = Number(db.pragma('page_count', { simple: true }));
  const freePages = Number(db.pragma('freelist_count', { simple: true }));
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  parentPort.postMessage({ ok: true, value: { messages, counts, migrations, pageCount, freePages, pageSize } });
} catch (err) {
  parentPort.postMessage({ ok: false, code: err && err.code ? String(err.code) : '', message: String(err && err.message ? err.message : err) });
} finally {
  try { if (db) db.close(); } catch {}
}
`;

const driver = createRequire(import.meta.url).resolve('better-sqlite3');

/** A failure to open or read a database file at all (not a SQLite database, unreadable). */
export class FileCheckError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'FileCheckError';
  }
}

/** Checks a SQLite file in a worker thread, so the caller's event loop keeps running. */
export function checkDatabaseFile(file: string, options: FileCheckOptions): Promise<FileCheck> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, driver, check: options.check, tables: [...options.tables], detachWal: !!options.detachWal },
    });
    let settled = false;
    worker.once('message', (m: { ok: true; value: FileCheck } | { ok: false; code: string; message: string }) => {
      settled = true;
      if (m.ok) resolve(m.value);
      else reject(new FileCheckError(m.message, m.code));
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new FileCheckError(`worker saiu com código ${code}`, 'WORKER_EXIT'));
    });
  });
}
