import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  type DatabaseConnection,
  type Driver,
  Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  SqliteAdapter,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDialectConfig,
  type SqliteStatement,
} from 'kysely';
import { migrations as allMigrations } from '../../migrations';
import type { Database } from './schema';

export type Db = Kysely<Database>;

export interface OpenedDatabase {
  db: Db;
  /** The connection under `db` right now (a restore replaces it, see `swap`). */
  readonly sqlite: SQLite.Database;
  /**
   * Replaces the connection under `db` with no query or transaction in flight: waits for the one
   * connection (Kysely's mutex, so open transactions finish first), then `work` gets the current
   * connection and returns the one to use from now on (the same one if it gave up). Statements
   * prepared on the old connection are forgotten. Reads and writes that arrive meanwhile wait.
   */
  swap(work: (current: SQLite.Database) => Promise<SQLite.Database>): Promise<void>;
  /** Checkpoints the WAL into the main file and closes the connection. */
  close(): Promise<void>;
}

export class DatabaseTooNewError extends Error {
  constructor(unknown: string[]) {
    super(
      `Este banco de dados foi gravado por uma versão mais nova do Balcão (migrações desconhecidas: ${unknown.join(', ')}). ` +
        'Atualize o aplicativo antes de abri-lo; nada foi alterado.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

/** Opens (or creates) the SQLite file with the house pragmas: WAL, synchronous=FULL, foreign keys on. */
export function openSqlite(file: string): SQLite.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -32768');
  sqlite.pragma('temp_store = MEMORY');
  return sqlite;
}

/** SQLite does have transactional DDL; telling Kysely so makes the migrator run all pending migrations in one transaction. */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR, …); Kysely's
 * own ROLLBACK then fails with "cannot rollback - no transaction is active" and that error replaces
 * the real one. Rolling back only while a transaction is open keeps the original error.
 */
function keepOriginalError(driver: Driver, sqlite: () => SQLite.Database): Driver {
  const rollback = driver.rollbackTransaction.bind(driver);
  driver.rollbackTransaction = async (connection: DatabaseConnection) => {
    if (!sqlite().inTransaction) return;
    await rollback(connection);
  };
  return driver;
}

/** How many prepared statements the connection keeps (least recently used go first). */
export const STATEMENT_CACHE_SIZE = 400;

/**
 * Kysely prepares every query it runs; preparing costs about as much as running a point query.
 * The same SQL text (the parameters travel apart) reuses its prepared statement. Safe because
 * better-sqlite3 runs a statement to completion synchronously (`all`/`run`), so one statement is
 * never busy twice; a schema change makes SQLite re-prepare it by itself.
 */
export function cachingStatements(
  sqlite: SQLite.Database | (() => SQLite.Database),
  size = STATEMENT_CACHE_SIZE,
): SqliteDatabase & { forget(): void } {
  const current = typeof sqlite === 'function' ? sqlite : () => sqlite;
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => current().close(),
    forget: () => cache.clear(),
    prepare(text: string): SqliteStatement {
      let stmt = cache.get(text);
      if (stmt) {
        cache.delete(text);
      } else {
        stmt = current().prepare(text);
        if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      }
      cache.set(text, stmt);
      return stmt;
    },
  };
}

/** The connection Kysely talks to, replaceable (a restore swaps the database file under a running app). */
class ConnectionHolder {
  readonly statements: ReturnType<typeof cachingStatements>;
  constructor(public current: SQLite.Database) {
    this.statements = cachingStatements(() => this.current);
  }
  replace(next: SQLite.Database): void {
    this.statements.forget();
    this.current = next;
  }
}

class BalcaoSqliteDialect extends SqliteDialect {
  constructor(private readonly holder: ConnectionHolder) {
    super({ database: holder.statements } satisfies SqliteDialectConfig);
  }
  override createAdapter(): SqliteAdapter {
    return new TransactionalSqliteAdapter();
  }
  override createDriver(): Driver {
    return keepOriginalError(super.createDriver(), () => this.holder.current);
  }
}

class StaticProvider implements MigrationProvider {
  constructor(private readonly list: Record<string, Migration>) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return this.list;
  }
}

/**
 * Runs pending migrations in one transaction (SQLite has transactional DDL), so a failing
 * migration leaves the file as it was. A file that knows migrations this build does not is refused.
 */
export async function migrate(
  db: Db,
  list: Record<string, Migration> = allMigrations,
  beforeMigrating?: (pending: string[]) => Promise<void>,
): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (tables.some((t) => t.name === 'kysely_migration')) {
    const applied = (
      (await db
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .execute()) as Array<{ name: string }>
    ).map((r) => r.name);
    const unknown = applied.filter((n) => !(n in list));
    if (unknown.length) throw new DatabaseTooNewError(unknown);
    const pending = Object.keys(list).filter((n) => !applied.includes(n));
    // An existing database about to change shape: a copy first, so an update always has a way back.
    if (pending.length && applied.length && beforeMigrating) await beforeMigrating(pending);
  }
  const migrator = new Migrator({ db, provider: new StaticProvider(list) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`A migração ${failed} falhou e o banco foi mantido como estava: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Keeps the query planner's statistics true after migrations. An index a migration adds has none,
 * and without them SQLite may pick it for a query it does not suit (a covering index on `kind`
 * scanned for one customer's orders took 130 ms on a 1M-order shop instead of 0.1 ms). A full
 * ANALYZE (about 6 s on a 1M-order database, once per update that migrates): sampled statistics
 * (`analysis_limit`) misjudged how selective `status` is and sent the deadlines query to a scan.
 * The database care job's `PRAGMA optimize` keeps them fresh as the shop grows.
 */
export function refreshPlannerStatistics(sqlite: SQLite.Database, migrated: boolean): void {
  if (!migrated) return;
  sqlite.pragma('analysis_limit = 0');
  sqlite.exec('ANALYZE');
}

/** Runs before pending migrations change an existing database (the backups module copies it). */
export type BeforeMigrating = (pending: string[], sqlite: SQLite.Database) => Promise<void>;

export async function openDatabase(
  file: string,
  list?: Record<string, Migration>,
  options: { beforeMigrating?: BeforeMigrating } = {},
): Promise<OpenedDatabase> {
  const holder = new ConnectionHolder(openSqlite(file));
  const db = new Kysely<Database>({ dialect: new BalcaoSqliteDialect(holder) });
  const before = options.beforeMigrating;
  try {
    const applied = await migrate(db, list, before && ((pending) => before(pending, holder.current)));
    refreshPlannerStatistics(holder.current, applied.length > 0);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  let closed = false;
  return {
    db,
    get sqlite() {
      return holder.current;
    },
    async swap(work) {
      await db.connection().execute(async () => {
        const next = await work(holder.current);
        if (next !== holder.current) holder.replace(next);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      holder.current.pragma('wal_checkpoint(TRUNCATE)');
      await db.destroy();
    },
  };
}
