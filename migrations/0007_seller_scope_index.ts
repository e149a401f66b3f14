import type { Kysely } from 'kysely';

/**
 * Indexes for the seller's finance scope (`src-main/modules/finance/scope.ts`): whose customers a
 * seller owns is read from orders they created, orders sold by their staff records and crediários
 * they opened. Each part becomes one index search (covering: the customer id is in the index).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('orders_created_by').on('orders').columns(['created_by', 'customer_id']).execute();
  await db.schema.createIndex('orders_seller_customer').on('orders').columns(['seller_id', 'customer_id']).execute();
  await db.schema.createIndex('staff_user').on('staff').column('user_id').execute();
  await db.schema
    .createIndex('plans_created_by')
    .on('installment_plans')
    .columns(['created_by', 'customer_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['plans_created_by', 'staff_user', 'orders_seller_customer', 'orders_created_by'])
    await db.schema.dropIndex(name).ifExists().execute();
}
