import type { Kysely } from 'kysely';

/**
 * Merged customers (`customers.merge`): the customer merged into another stays, deactivated, with a
 * pointer to the one kept, so old links, audit rows and printed documents still find who it became.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('customers')
    .addColumn('merged_into_id', 'integer', (c) => c.references('customers.id'))
    .execute();
  await db.schema.createIndex('customers_merged_into').on('customers').column('merged_into_id').execute();
  // Duplicate finding groups by phone, e-mail and folded name + city; these keep each group a range scan.
  await db.schema.createIndex('customers_phone').on('customers').column('phone').execute();
  await db.schema.createIndex('customers_whatsapp').on('customers').column('whatsapp').execute();
  await db.schema.createIndex('customers_email').on('customers').column('email').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['customers_email', 'customers_whatsapp', 'customers_phone', 'customers_merged_into'])
    await db.schema.dropIndex(name).ifExists().execute();
  await db.schema.alterTable('customers').dropColumn('merged_into_id').execute();
}
