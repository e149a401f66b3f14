import { sql } from 'kysely';
import type { Db } from '../db/connection';

/** Most writes one commit carries; the rest wait for the next one. */
export const MAX_BATCH = 32;

interface Job {
  work: (trx: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for the dispatcher's write transactions. With `synchronous=FULL` every commit waits
 * for the disk (an fsync of the WAL), and that wait, not the SQL, is most of a write's cost. Writes
 * that arrive together run one after the other — each in its own SAVEPOINT, so a failing one is
 * rolled back alone and sees nothing of it left — inside one transaction, and one durable commit
 * ends them all. No caller is answered before the commit that holds its write is on disk, so
 * durability is exactly that of one transaction per write; what changes is that a batch shares
 * the fsync.
 *
 * Writes still run strictly one at a time and in arrival order: each sees every write before it,
 * as it would after their commits. A batch forms from what has arrived by the time the previous
 * commit (which blocks the thread) is done, so a lone write is not delayed.
 *
 * If SQLite abandons the whole transaction (it does so by itself on a full disk or an I/O error),
 * or the commit fails, every write of the batch fails with that error: none was acknowledged.
 */
export class GroupCommit {
  private queue: Job[] = [];
  private running = false;

  constructor(private readonly db: Db) {}

  /** Runs `work` inside a committed transaction (shared with other writes) and returns its result after the commit. */
  run<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.running) {
        this.running = true;
        // Let the requests already read from the sockets in this turn join the batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  /** Resolves once every write queued so far has committed or failed (nothing is running). */
  async idle(): Promise<void> {
    while (this.running || this.queue.length) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, MAX_BATCH);
        await this.commitBatch(batch);
      }
    } finally {
      this.running = false;
    }
  }

  private async commitBatch(batch: Job[]): Promise<void> {
    const results: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const job of batch) {
          await sql`savepoint balcao_write`.execute(trx);
          try {
            results.push({ ok: true, value: await job.work(trx) });
            await sql`release balcao_write`.execute(trx);
          } catch (error) {
            // Throws (ending the whole batch with its error) when SQLite already dropped the transaction.
            await this.undo(trx, error);
            results.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      for (const job of batch) job.reject(error);
      return;
    }
    batch.forEach((job, i) => {
      const result = results[i];
      if (result?.ok) job.resolve(result.value);
      else job.reject(result?.error);
    });
  }

  /** Rolls one write back to its savepoint; if the transaction itself is gone, the batch fails with the write's error. */
  private async undo(trx: Db, error: unknown): Promise<void> {
    try {
      await sql`rollback to balcao_write`.execute(trx);
      await sql`release balcao_write`.execute(trx);
    } catch {
      throw error;
    }
  }
}
