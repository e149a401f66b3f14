import { type Kysely, sql } from 'kysely';

/**
 * Finishes priced by what they are charged by (per unit, per m², per metre); the order item keeps
 * the finish's price and unit as they were when it was priced (as it keeps the product's price);
 * the seeded "PIX" payment method reads as a word, "Pix", where the shop did not rename it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('finishes')
    .addColumn('price_unit', 'text', (c) => c.notNull().defaultTo('un'))
    .execute();
  await db.schema.alterTable('order_items').addColumn('finish_price_cents', 'integer').execute();
  await db.schema.alterTable('order_items').addColumn('finish_price_unit', 'text').execute();
  await sql`update payment_methods set name = 'Pix', sort_name = 'pix' where name = 'PIX' and kind = 'pix'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update payment_methods set name = 'PIX' where name = 'Pix' and kind = 'pix'`.execute(db);
  await db.schema.alterTable('order_items').dropColumn('finish_price_unit').execute();
  await db.schema.alterTable('order_items').dropColumn('finish_price_cents').execute();
  await db.schema.alterTable('finishes').dropColumn('price_unit').execute();
}
