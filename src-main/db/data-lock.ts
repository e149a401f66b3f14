import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import SQLite from 'better-sqlite3';

/** Who holds a data folder, written next to the lock so a second start can say it. */
export interface LockHolder {
  hostname: string;
  pid: number;
  startedAt: string;
}

/** A second core on a data folder another one holds: refused, saying who holds it. */
export class DataDirLockedError extends Error {
  readonly holder: LockHolder | null;
  constructor(dataDir: string, holder: LockHolder | null) {
    super(lockedMessage(dataDir, holder));
    this.name = 'DataDirLockedError';
    this.holder = holder;
  }
}

/**
 * The folder is still locked, but by a Balcão of this computer whose process is gone: the OS has
 * not released its lock yet (Windows may take a while after a crash). Not fatal: a later start works.
 */
export class DataDirClosingError extends Error {
  readonly holder: LockHolder;
  constructor(dataDir: string, holder: LockHolder) {
    super(
      `O Balcão anterior (processo ${holder.pid}, já encerrado) ainda está liberando a pasta de dados "${dataDir}". ` +
        'Aguarde alguns segundos e abra o Balcão de novo.',
    );
    this.name = 'DataDirClosingError';
    this.holder = holder;
  }
}

/** A data folder on a network share: SQLite's locks are not reliable there, so it is refused. */
export class NetworkDataDirError extends Error {
  constructor(dataDir: string, reason: string) {
    super(
      `A pasta de dados "${dataDir}" fica na rede (${reason}). O Balcão precisa de uma pasta neste computador: ` +
        'o banco de dados pode ser corrompido numa pasta compartilhada. Escolha uma pasta local (BALCAO_DATA_DIR).',
    );
    this.name = 'NetworkDataDirError';
  }
}

export function lockedMessage(dataDir: string, holder: LockHolder | null, hostname = os.hostname()): string {
  const where = !holder
    ? 'por outro processo'
    : holder.hostname === hostname
      ? `neste computador (processo ${holder.pid})`
      : `pelo computador ${holder.hostname} (processo ${holder.pid})`;
  return (
    `O Balcão já está aberto ${where}, usando a pasta de dados "${dataDir}". ` +
    'Feche o outro Balcão ou use-o pelo navegador; dois ao mesmo tempo estragariam os dados.'
  );
}

/** `statfs` magic numbers of network file systems (Linux). */
const NETWORK_FS: Record<number, string> = {
  26985: 'NFS',
  20859: 'SMB',
  4283649346: 'CIFS',
  4266872130: 'SMB2',
  1397113167: 'AFS',
  22092: 'NCP',
  1937076805: 'Coda',
  12805120: 'Ceph',
};

/**
 * Why a folder is on a network share, or null when it is local. `resolved` is the folder as the
 * OS resolved it (on Windows a mapped network drive resolves to its `\\server\share` path);
 * `fsType` is `statfs().type` (Linux).
 */
export function networkShareReason(
  dir: string,
  platform: NodeJS.Platform,
  fsType: number | null,
  resolved: string = dir,
): string | null {
  if (platform === 'win32') {
    for (const p of [dir, resolved]) {
      const unc = /^(?:\\\\|\/\/)(?![?.][\\/])([^\\/]+)[\\/]+([^\\/]+)/.exec(p);
      if (unc) return `compartilhamento \\\\${unc[1]}\\${unc[2]}`;
      const long = /^\\\\\?\\UNC\\([^\\]+)\\([^\\]+)/i.exec(p);
      if (long) return `compartilhamento \\\\${long[1]}\\${long[2]}`;
    }
    return null;
  }
  if (fsType !== null) {
    const name = NETWORK_FS[fsType >>> 0];
    if (name) return `sistema de arquivos ${name}`;
  }
  return null;
}

/** Refuses a data folder on a network share (creates the folder first, so it can be checked). */
export function assertLocalDataDir(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  let resolved = dataDir;
  try {
    resolved = fs.realpathSync.native(dataDir);
  } catch {
    // keep the path as given
  }
  let type: number | null = null;
  try {
    type = Number(fs.statfsSync(dataDir).type);
  } catch {
    type = null;
  }
  const reason = networkShareReason(dataDir, process.platform, type, resolved);
  if (reason) throw new NetworkDataDirError(dataDir, reason);
}

export interface DataDirLock {
  readonly file: string;
  /** Releases the lock (the OS also does it when the process dies). */
  release(): void;
}

const LOCK_FILE = 'balcao.lock';
const HOLDER_FILE = 'balcao.lock.json';

function readHolder(dataDir: string): LockHolder | null {
  try {
    const value = JSON.parse(fs.readFileSync(path.join(dataDir, HOLDER_FILE), 'utf8')) as Partial<LockHolder>;
    if (typeof value.hostname === 'string' && typeof value.pid === 'number' && typeof value.startedAt === 'string')
      return { hostname: value.hostname, pid: value.pid, startedAt: value.startedAt };
  } catch {
    // no holder file, or a torn one
  }
  return null;
}

/** Whether a process of this computer is running (`kill(pid, 0)`: EPERM means it runs as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}

export interface LockOptions {
  /** How long a held lock is retried before giving up (default 10 s). */
  waitMs?: number;
  /** Pause between attempts (default 100 ms). */
  intervalMs?: number;
}

/** One attempt: the connection holding the lock, or null when another one holds it. */
function tryLock(file: string): SQLite.Database | null {
  let lock: SQLite.Database | null = null;
  try {
    lock = new SQLite(file, { timeout: 0 });
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE');
    lock.exec('CREATE TABLE IF NOT EXISTS holder (at TEXT)');
    return lock;
  } catch (err) {
    lock?.close();
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return null;
    throw err;
  }
}

/**
 * Takes the data folder for this process: a small SQLite file opened in exclusive locking mode with
 * a write transaction begun and never committed. The OS file lock lives as long as the connection,
 * and the OS drops it when the process dies, so a crash never leaves the folder stuck — though on
 * Windows only after a delay, so a held lock is retried for `waitMs`. Still held after that: by a
 * live Balcão, `DataDirLockedError` (fatal); by one of this computer whose process is gone,
 * `DataDirClosingError` (a later start works).
 */
export async function lockDataDir(dataDir: string, options: LockOptions = {}): Promise<DataDirLock> {
  const waitMs = options.waitMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 100;
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const deadline = Date.now() + waitMs;
  let lock = tryLock(file);
  while (!lock && Date.now() < deadline) {
    await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
    lock = tryLock(file);
  }
  if (!lock) {
    const current = readHolder(dataDir);
    if (current && current.hostname === os.hostname() && !processAlive(current.pid))
      throw new DataDirClosingError(dataDir, current);
    throw new DataDirLockedError(dataDir, current);
  }
  const holder: LockHolder = { hostname: os.hostname(), pid: process.pid, startedAt: new Date().toISOString() };
  try {
    fs.writeFileSync(path.join(dataDir, HOLDER_FILE), `${JSON.stringify(holder)}\n`);
  } catch {
    // only informative: the lock itself is what protects the folder
  }
  const held = lock;
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      try {
        fs.rmSync(path.join(dataDir, HOLDER_FILE), { force: true });
      } catch {
        // best effort
      }
      held.close();
    },
  };
}
