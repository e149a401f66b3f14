import { type Kysely, sql } from 'kysely';

/**
 * Covering indexes for the reports' per-order groups (customer, seller, payment and shipping
 * method): the closing of a period reads only the index entries of that period's orders, by entry
 * or by delivery date, never the table. Crediários opened in a period are found by `created_at`.
 */
const COVERED =
  'status, is_reprint, customer_id, seller_id, created_by, payment_method_id, shipping_method_id, total_cents, discount_cents, freight_cents, items_count';

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`create index orders_report_entry on orders (kind, entry_date, ${COVERED})`).execute(db);
  await sql.raw(`create index orders_report_delivery on orders (kind, delivery_date, ${COVERED})`).execute(db);
  // Crediários by when they were opened, with what Início's "crediário vendido no mês" adds up.
  await db.schema
    .createIndex('plans_created_at')
    .on('installment_plans')
    .columns(['created_at', 'status', 'financed_cents'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['plans_created_at', 'orders_report_delivery', 'orders_report_entry'])
    await db.schema.dropIndex(name).ifExists().execute();
}
