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

/** Puts back every item the journal moved aside (the current copy of each is dropped). */
async function rollBack(dataDir: string): Promise<void> {
  const old = path.join(dataDir, OLD);
  for (const item of SWAP_ITEMS) {
    const saved = path.join(old, item);
    if (!(await exists(saved))) {
      // Not moved aside: either it never existed (then nothing new may stay) or the swap had not reached it.
      continue;
    }
    await fs.promises.rm(path.join(dataDir, item), { recursive: true, force: true });
    await fs.promises.rename(saved, path.join(dataDir, item));
  }
  // Items that did not exist before the swap but were moved in (a restored media folder into a folder without one).
  const journal = JSON.parse(await fs.promises.readFile(path.join(dataDir, JOURNAL), 'utf8')) as { absent: string[] };
  for (const item of journal.absent) await fs.promises.rm(path.join(dataDir, item), { recursive: true, force: true });
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
  await fs.promises.writeFile(journalFile, JSON.stringify({ startedAt: new Date().toISOString(), absent }));
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

/** The new database would not open: everything goes back as it was. */
export async function abortSwap(dataDir: string): Promise<void> {
  await rollBack(dataDir);
  await fs.promises.rm(path.join(dataDir, JOURNAL), { force: true });
  await fs.promises.rm(path.join(dataDir, OLD), { recursive: true, force: true }).catch(() => undefined);
}

/**
 * At start, before the database opens: a restore interrupted mid-swap (crash, power cut) is undone,
 * and leftovers of a finished one are removed. Returns whether something was undone.
 */
export async function recoverInterruptedRestore(dataDir: string): Promise<boolean> {
  let undone = false;
  if (await exists(path.join(dataDir, JOURNAL))) {
    await abortSwap(dataDir);
    undone = true;
  }
  await fs.promises.rm(path.join(dataDir, OLD), { recursive: true, force: true }).catch(() => undefined);
  await fs.promises.rm(path.join(dataDir, STAGING), { recursive: true, force: true }).catch(() => undefined);
  return undone;
}
