import { type Kysely, sql } from 'kysely';

/** Orders and quotes, items, production stages, images (content-addressed media), notifications, saved views. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('orders')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('customer_phone', 'text')
    .addColumn('customer_city', 'text')
    .addColumn('entry_date', 'text', (c) => c.notNull())
    .addColumn('delivery_date', 'text')
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('current_stage', 'text')
    .addColumn('stage_since', 'text')
    .addColumn('notes', 'text')
    .addColumn('seller_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('shipping_method_id', 'integer', (c) => c.references('shipping_methods.id'))
    .addColumn('freight_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('discount_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('payment_method_id', 'integer', (c) => c.references('payment_methods.id'))
    .addColumn('payment_notes', 'text')
    .addColumn('items_count', 'integer', (c) => c.notNull())
    .addColumn('items_total_cents', 'integer', (c) => c.notNull())
    .addColumn('total_cents', 'integer', (c) => c.notNull())
    .addColumn('is_reprint', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reprint_of_order_id', 'integer', (c) => c.references('orders.id'))
    .addColumn('reprint_item_id', 'integer')
    .addColumn('reprint_reason', 'text')
    .addColumn('reprint_cost_cents', 'integer')
    .addColumn('cancel_reason', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('overdue_notified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('orders_entry').on('orders').columns(['entry_date', 'id']).execute();
  await db.schema.createIndex('orders_delivery').on('orders').columns(['delivery_date', 'id']).execute();
  // Deadlines, board and alerts filter open orders by kind and delivery date without reading rows.
  await db.schema
    .createIndex('orders_status_delivery')
    .on('orders')
    .columns(['status', 'kind', 'delivery_date'])
    .execute();
  await db.schema.createIndex('orders_status_entry').on('orders').columns(['status', 'entry_date']).execute();
  await db.schema.createIndex('orders_customer').on('orders').columns(['customer_id', 'entry_date']).execute();
  await db.schema.createIndex('orders_seller').on('orders').columns(['seller_id', 'entry_date']).execute();
  await db.schema.createIndex('orders_reprint_of').on('orders').column('reprint_of_order_id').execute();

  await db.schema
    .createTable('order_items')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('order_id', 'integer', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id'))
    .addColumn('product_name', 'text', (c) => c.notNull())
    .addColumn('production_type', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('width_mm', 'integer')
    .addColumn('height_mm', 'integer')
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('material_id', 'integer', (c) => c.references('materials.id'))
    .addColumn('finish_id', 'integer', (c) => c.references('finishes.id'))
    .addColumn('seams', 'text', (c) => c.notNull().defaultTo('sem'))
    .addColumn('seam_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extras', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('unit_price_cents', 'integer', (c) => c.notNull())
    .addColumn('total_cents', 'integer', (c) => c.notNull())
    .addColumn('designer_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('machine_id', 'integer', (c) => c.references('machines.id'))
    .addColumn('color_profile', 'text')
    .addColumn('rip', 'text')
    .addColumn('print_date', 'text')
    .addColumn('notes', 'text')
    .addColumn('art_status', 'text', (c) => c.notNull())
    .addColumn('art_approved_by', 'integer', (c) => c.references('users.id'))
    .addColumn('art_approved_at', 'text')
    .addColumn('art_channel', 'text')
    .execute();
  await db.schema.createIndex('order_items_order').on('order_items').columns(['order_id', 'position']).execute();
  await db.schema.createIndex('order_items_type').on('order_items').columns(['production_type', 'order_id']).execute();
  await db.schema.createIndex('order_items_designer').on('order_items').columns(['designer_id', 'order_id']).execute();

  await db.schema
    .createTable('order_stages')
    .addColumn('order_id', 'integer', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'integer', (c) => c.references('users.id'))
    .addPrimaryKeyConstraint('order_stages_pk', ['order_id', 'key'])
    .execute();

  await db.schema
    .createTable('media')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('item_images')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('order_id', 'integer', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('order_items.id').onDelete('cascade'))
    .addColumn('media_id', 'text', (c) => c.notNull().references('media.id'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('item_images_item').on('item_images').columns(['item_id', 'id']).execute();
  await db.schema.createIndex('item_images_order').on('item_images').column('order_id').execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('order_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'id']).execute();

  await db.schema
    .createTable('saved_views')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('filters', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Order search: number, customer and item descriptions, accent-insensitive (SQLite FTS5).
  await sql`CREATE VIRTUAL TABLE orders_fts USING fts5(
    number, customer, items,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4'
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'orders_fts',
    'saved_views',
    'notifications',
    'item_images',
    'media',
    'order_stages',
    'order_items',
    'orders',
    'counters',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
