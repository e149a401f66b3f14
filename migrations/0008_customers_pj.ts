import { type Kysely, sql } from 'kysely';

/**
 * Companies (PJ): razão social, nome fantasia, inscrição estadual and the person to talk to.
 * The search index learns two things: names in `name` now include both company names (written
 * by the customers service; new columns are empty here), and `phone` gains each number's digits
 * reversed behind an `r` ('r12345678911'), so the last digits a customer says ('5432') are a
 * prefix search (`"r2345"*`) — an index lookup, not a scan.
 */
const COLUMNS = ['legal_name', 'trade_name', 'state_registration', 'contact_name'] as const;

/** SQLite has no reverse(): digits reversed one by one (phones have at most 13). */
function reversed(column: string) {
  const parts = Array.from({ length: 13 }, (_, i) => `substr(${column}, ${13 - i}, 1)`);
  return sql.raw(parts.join(' || '));
}

function terms(column: string) {
  return sql`case when ${sql.ref(column)} is null or ${sql.ref(column)} = '' then '' else ${sql.ref(column)} || ' ' || substr(${sql.ref(column)}, 3) || ' r' || ${reversed(column)} end`;
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of COLUMNS) await db.schema.alterTable('customers').addColumn(column, 'text').execute();
  await sql`update customers_fts set phone = (
    select trim(${terms('c.phone')} || ' ' || ${terms('c.whatsapp')}) from customers c where c.id = customers_fts.rowid
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of [...COLUMNS].reverse()) await db.schema.alterTable('customers').dropColumn(column).execute();
}
