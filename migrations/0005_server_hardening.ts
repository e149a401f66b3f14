import { type Kysely, sql } from 'kysely';

/**
 * Idempotency keys remember a hash of the request they answered (a reuse with another input is
 * refused), and failed logins are kept in the database (per username and per address), so a
 * restart or another address does not clear a lock.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('idempotency_keys')
    .addColumn('input_hash', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await db.schema
    .createTable('login_failures')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index login_failures_username on login_failures (username, at)`.execute(db);
  await sql`create index login_failures_ip on login_failures (ip, at)`.execute(db);

  // One row per username (or address) under lock: its end and how many locks in a row it earned.
  await db.schema
    .createTable('login_locks')
    .addColumn('subject', 'text', (c) => c.primaryKey())
    .addColumn('until', 'text', (c) => c.notNull())
    .addColumn('strikes', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_locks').ifExists().execute();
  await db.schema.dropTable('login_failures').ifExists().execute();
  await db.schema.alterTable('idempotency_keys').dropColumn('input_hash').execute();
}
