import fs from 'node:fs';
import path from 'node:path';

/**
 * Replacing the database and media folder of a data folder with a restored copy, so that either
 * all of it is replaced or none: the current files move to `.restore-old/` and the new ones in,
 * with a journal (`restore-journal.json`) written before the first move and removed only once the
 * new database opened. A crash in between is undone at the next start (`recoverInterruptedRestore`):
 * the journal says the old files are the good ones.
 */
export const SWAP_ITEMS = ['balcao.sqlite', 'balcao.sqlite-wal', 'balcao.sqlite-shm', 'media'] as const;
const JOURNAL = 'restore-journal.json';
const OLD = '.restore-old';
export const STAGING = '.restore-staging';

async function exists(p: string): Promise<boolean> {
  return fs.promises
    .lstat(p)
    .then(() => true)
    .catch(() => false);
}

/** Flushes a folder's entries (renames, new files) to disk; not possible on Windows, where it is skipped. */
async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await fs.promises.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // some file systems refuse fsync on a folder: the renames still happened
  }
}

/** Writes a file so that after a power cut it is either absent or whole: temp file, fsync, rename, fsync the folder. */
async function writeDurably(file: string, content: string): Promise<void> {
  const temp = `${file}.tmp`;
  const handle = await fs.promises.open(temp, 'w');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(temp, file);
  await fsyncDir(path.dirname(file));
}

/**
 * The items the journal says did not exist before the swap, or null when the journal is missing,
 * empty or torn (a power cut while it was written).
 */
async function readAbsent(dataDir: string): Promise<string[] | null> {
  try {
    const journal = JSON.parse(await fs.promises.readFile(path.join(dataDir, JOURNAL), 'utf8')) as { absent?: unknown };
    if (Array.isArray(journal.absent) && journal.absent.every((i) => typeof i === 'string'))
      return journal.absent as string[];
  } catch {
    // missing or torn
  }
  return null;
}

/**
 * Puts back every item the journal moved aside (the current copy of each is dropped). The journal
 * is read first; when it is unreadable, `.restore-old/` alone decides: the database is moved aside
 * first and the new files come in only after every move aside, so a database in the data folder
 * while the old one sits in `.restore-old/` is the new one, and every item not in `.restore-old/`
 * then did not exist before the swap. Returns what was done, for the log.
 */
async function rollBack(dataDir: string): Promise<string[]> {
  const old = path.join(dataDir, OLD);
  const done: string[] = [];
  let absent = await readAbsent(dataDir);
  if (absent === null) {
    const oldDb = await exists(path.join(old, 'balcao.sqlite'));
    const newIn = oldDb && (await exists(path.join(dataDir, 'balcao.sqlite')));
    absent = [];
    if (newIn) for (const item of SWAP_ITEMS) if (!(await exists(path.join(old, item)))) absent.push(item);
    done.push(
      `restore journal unreadable: rolled back from ${OLD}/ alone (${newIn ? 'new files had come in' : 'no new file had come in'})`,
    );
  }
  for (const item of SWAP_ITEMS) {
    const saved = path.join(old, item);
    if (!(await exists(saved))) {
      // Not moved aside: either it never existed (then nothing new may stay) or the swap had not reached it.
      continue;
    }
    await fs.promises.rm(path.join(dataDir, item), { recursive: true, force: true });
    await fs.promises.rename(saved, path.join(dataDir, item));
    done.push(`${item} put back`);
  }
  // Items that did not exist before the swap but were moved in (a restored media folder into a folder without one).
  for (const item of absent) {
    if (!(SWAP_ITEMS as readonly string[]).includes(item) || !(await exists(path.join(dataDir, item)))) continue;
    await fs.promises.rm(path.join(dataDir, item), { recursive: true, force: true });
    done.push(`${item} removed (absent before the restore)`);
  }
  await fsyncDir(dataDir);
  return done;
}

/**
 * Moves the staged database and media (`stagingDir/balcao.sqlite`, `stagingDir/media`) into the
 * data folder. The caller has closed the database connection. Throws after putting everything back
 * if any move fails.
 */
export async function swapIn(dataDir: string, stagingDir: string): Promise<void> {
  const old = path.join(dataDir, OLD);
  await fs.promises.rm(old, { recursive: true, force: true });
  await fs.promises.mkdir(old, { recursive: true });
  const absent: string[] = [];
  for (const item of SWAP_ITEMS) if (!(await exists(path.join(dataDir, item)))) absent.push(item);
  const journalFile = path.join(dataDir, JOURNAL);
  await fsyncDir(old);
  await writeDurably(journalFile, JSON.stringify({ startedAt: new Date().toISOString(), absent }));
  try {
    for (const item of SWAP_ITEMS) {
      const current = path.join(dataDir, item);
      if (await exists(current)) await fs.promises.rename(current, path.join(old, item));
    }
    for (const item of ['balcao.sqlite', 'media']) {
      const staged = path.join(stagingDir, item);
      if (await exists(staged)) await fs.promises.rename(staged, path.join(dataDir, item));
      else if (item === 'media') await fs.promises.mkdir(path.join(dataDir, item), { recursive: true });
    }
    await fsyncDir(old);
    await fsyncDir(dataDir);
  } catch (err) {
    await rollBack(dataDir);
    await fs.promises.rm(journalFile, { force: true });
    throw err;
  }
}

/** The new database opened: the swap is final (the journal goes, then the old files). */
export async function commitSwap(dataDir: string): Promise<void> {
  await fs.promises.rm(path.join(dataDir, JOURNAL), { force: true });
  await fs.promises.rm(path.join(dataDir, OLD), { recursive: true, force: true }).catch(() => undefined);
}

/** The new database would not open: everything goes back as it was. Returns what was done, for the log. */
export async function abortSwap(dataDir: string): Promise<string[]> {
  const done = await rollBack(dataDir);
  await fs.promises.rm(path.join(dataDir, JOURNAL), { force: true });
  await fs.promises.rm(path.join(dataDir, `${JOURNAL}.tmp`), { force: true });
  await fs.promises.rm(path.join(dataDir, OLD), { recursive: true, force: true }).catch(() => undefined);
  return done;
}

/**
 * At start, before the database opens: a restore interrupted mid-swap (crash, power cut) is undone,
 * and leftovers of a finished one are removed. Returns whether something was undone.
 */
export async function recoverInterruptedRestore(
  dataDir: string,
  note: (message: string) => void = () => undefined,
): Promise<boolean> {
  let undone = false;
  if (await exists(path.join(dataDir, JOURNAL))) {
    for (const step of await abortSwap(dataDir)) note(step);
    undone = true;
  }
  await fs.promises.rm(path.join(dataDir, `${JOURNAL}.tmp`), { force: true });
  await fs.promises.rm(path.join(dataDir, OLD), { recursive: true, force: true }).catch(() => undefined);
  await fs.promises.rm(path.join(dataDir, STAGING), { recursive: true, force: true }).catch(() => undefined);
  return undone;
}
