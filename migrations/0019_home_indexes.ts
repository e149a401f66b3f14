import { type Kysely, sql } from 'kysely';

/**
 * Indexes for Início (`home.summary`), so its numbers are read from indexes alone, never from a
 * copy that could go stale:
 * - sales by entry date: orders' kind, status, total and customer next to the date (month-to-date,
 *   the same days of last month, the 60 days of the chart, a seller's own customers);
 * - items by order with their production type and total (this month's orders by type);
 * - open quotes by validity (quotes expiring this week);
 * - crediários by when they were opened (crediário sold this month).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('orders_entry_sales')
    .on('orders')
    .columns(['entry_date', 'kind', 'status', 'total_cents', 'customer_id'])
    .execute();
  await db.schema
    .createIndex('order_items_order_type')
    .on('order_items')
    .columns(['order_id', 'production_type', 'total_cents'])
    .execute();
  await sql`create index orders_quote_valid on orders (valid_until) where kind = 'orcamento'`.execute(db);
  await db.schema
    .createIndex('plans_created_at')
    .on('installment_plans')
    .columns(['created_at', 'status', 'financed_cents'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['orders_entry_sales', 'order_items_order_type', 'orders_quote_valid', 'plans_created_at'])
    await sql`drop index if exists ${sql.ref(name)}`.execute(db);
}
