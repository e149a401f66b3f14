import { type Kysely, sql } from 'kysely';

/**
 * Art files (issue 11). `art_files`: one row per stored file, named by the SHA-256 of its content
 * (the file itself lives in `<media>/art/<aa>/<sha>`, its previews beside it). `item_arts`: an
 * order item's art, an uploaded file or a link elsewhere (exactly one of the two); the newest row
 * is the item's art in use. `art_approvals`: every decision on an item's art (aprovada / alteração),
 * with who, when, channel and note.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('art_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('item_arts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('order_id', 'integer', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('order_items.id').onDelete('cascade'))
    .addColumn('file_id', 'text', (c) => c.references('art_files.id'))
    .addColumn('link_url', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('item_arts_file_or_link', sql`(file_id is null) <> (link_url is null)`)
    .execute();
  await db.schema.createIndex('item_arts_item').on('item_arts').columns(['item_id', 'id']).execute();
  await db.schema.createIndex('item_arts_order').on('item_arts').column('order_id').execute();
  await db.schema
    .createTable('art_approvals')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('order_id', 'integer', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('order_items.id').onDelete('cascade'))
    .addColumn('art_id', 'integer', (c) => c.references('item_arts.id').onDelete('set null'))
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('aprovada', 'alteracao')`))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('art_approvals_item').on('art_approvals').columns(['item_id', 'id']).execute();
  await db.schema.createIndex('art_approvals_order').on('art_approvals').column('order_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('art_approvals').execute();
  await db.schema.dropTable('item_arts').execute();
  await db.schema.dropTable('art_files').execute();
}
