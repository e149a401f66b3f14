import { type CreateTableBuilder, type Kysely, sql } from 'kysely';

const common = <T extends string>(t: CreateTableBuilder<T, never>) =>
  t
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort_name', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1));

/** Catalog and registries: products/services, materials, finishes, machines, staff, shipping and payment methods. */
export async function up(db: Kysely<any>): Promise<void> {
  await common(db.schema.createTable('products'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('production_type', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('price_cents', 'integer', (c) => c.notNull())
    .addColumn('cost_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await common(db.schema.createTable('materials'))
    .addColumn('supplier', 'text')
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('cost_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await common(db.schema.createTable('finishes'))
    .addColumn('price_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await common(db.schema.createTable('machines'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();
  await common(db.schema.createTable('staff'))
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .execute();
  await common(db.schema.createTable('shipping_methods'))
    .addColumn('freight_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await common(db.schema.createTable('payment_methods'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .execute();
  for (const table of [
    'products',
    'materials',
    'finishes',
    'machines',
    'staff',
    'shipping_methods',
    'payment_methods',
  ]) {
    await db.schema.createIndex(`${table}_sort`).on(table).columns(['active', 'sort_name']).execute();
  }

  const now = new Date().toISOString();
  const methods: Array<[string, string, string]> = [
    ['Dinheiro', 'dinheiro', 'dinheiro'],
    ['PIX', 'pix', 'pix'],
    ['Cartão de débito', 'cartao de debito', 'debito'],
    ['Cartão de crédito', 'cartao de credito', 'credito'],
    ['Boleto', 'boleto', 'boleto'],
    ['Transferência', 'transferencia', 'transferencia'],
    ['Crediário', 'crediario', 'crediario'],
  ];
  for (const [name, sortName, kind] of methods) {
    await sql`insert into payment_methods (name, sort_name, kind, active, created_at, updated_at, version)
      values (${name}, ${sortName}, ${kind}, 1, ${now}, ${now}, 1)`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'payment_methods',
    'shipping_methods',
    'staff',
    'machines',
    'finishes',
    'materials',
    'products',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
