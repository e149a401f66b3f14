import { type Kysely, sql } from 'kysely';

/**
 * Indexes for Início (`home.summary`), so its numbers are read from indexes alone, never from a
 * copy that could go stale. Sales by entry date use the reports' covering index
 * `orders_report_entry` (0017: kind, entry_date, status, customer, total…) and crediários sold
 * this month its `plans_created_at`; here only what those do not cover:
 * - items by order with their production type and total (this month's orders by type);
 * - open quotes by validity (quotes expiring this week).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('order_items_order_type')
    .on('order_items')
    .columns(['order_id', 'production_type', 'total_cents'])
    .execute();
  await sql`create index orders_quote_valid on orders (valid_until) where kind = 'orcamento'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['order_items_order_type', 'orders_quote_valid'])
    await sql`drop index if exists ${sql.ref(name)}`.execute(db);
}
