import { type Kysely, sql } from 'kysely';

/** Payments with receipts, crediário plans and installments (notas promissórias), customer credit limit. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('orders')
    .addColumn('paid_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('orders')
    .addColumn('financed_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('customers').addColumn('credit_limit_cents', 'integer').execute();
  // Orders with money still to receive (not on crediário): the receivables report reads only these.
  await sql`create index orders_open_balance on orders (delivery_date)
    where kind = 'pedido' and status != 'cancelado' and total_cents > paid_cents + financed_cents`.execute(db);

  await db.schema
    .createTable('installment_plans')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('order_id', 'integer', (c) => c.references('orders.id'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('description', 'text')
    .addColumn('down_payment_cents', 'integer', (c) => c.notNull())
    .addColumn('financed_cents', 'integer', (c) => c.notNull())
    .addColumn('total_cents', 'integer', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('first_due_date', 'text', (c) => c.notNull())
    .addColumn('interval_days', 'integer')
    .addColumn('monthly_rate_percent', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('fine_percent', 'real', (c) => c.notNull())
    .addColumn('monthly_interest_percent', 'real', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('renegotiated_from_id', 'integer', (c) => c.references('installment_plans.id'))
    .addColumn('cancel_reason', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('plans_customer').on('installment_plans').columns(['customer_id', 'id']).execute();
  await db.schema.createIndex('plans_order').on('installment_plans').column('order_id').execute();

  await db.schema
    .createTable('installments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('installment_plans.id'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('paid_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fine_paid_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('interest_paid_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fine_charged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('interest_from', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('installments_plan').on('installments').columns(['plan_id', 'number']).execute();
  // Covers the overdue scan of the delinquency report and receivables without reading the table.
  await db.schema
    .createIndex('installments_status_due')
    .on('installments')
    .columns([
      'status',
      'due_date',
      'customer_id',
      'plan_id',
      'amount_cents',
      'paid_cents',
      'fine_charged',
      'interest_from',
    ])
    .execute();
  await db.schema
    .createIndex('installments_customer')
    .on('installments')
    .columns(['customer_id', 'due_date'])
    .execute();

  await db.schema
    .createTable('payments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('receipt_number', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('order_id', 'integer', (c) => c.references('orders.id'))
    .addColumn('installment_id', 'integer', (c) => c.references('installments.id'))
    .addColumn('plan_id', 'integer', (c) => c.references('installment_plans.id'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('fine_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('interest_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total_cents', 'integer', (c) => c.notNull())
    .addColumn('tendered_cents', 'integer')
    .addColumn('change_cents', 'integer')
    .addColumn('payment_method_id', 'integer', (c) => c.notNull().references('payment_methods.id'))
    .addColumn('paid_at', 'text', (c) => c.notNull())
    .addColumn('paid_date', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('received_by', 'integer', (c) => c.references('users.id'))
    .addColumn('reversed_by_id', 'integer')
    .addColumn('reversal_of_id', 'integer', (c) => c.references('payments.id'))
    .addColumn('reversal_reason', 'text')
    .addColumn('waived_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payments_date').on('payments').columns(['paid_date', 'id']).execute();
  await db.schema.createIndex('payments_order').on('payments').column('order_id').execute();
  await db.schema.createIndex('payments_installment').on('payments').column('installment_id').execute();
  await db.schema.createIndex('payments_customer').on('payments').columns(['customer_id', 'paid_date']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['payments', 'installments', 'installment_plans']) await db.schema.dropTable(t).ifExists().execute();
  await sql`drop index if exists orders_open_balance`.execute(db);
  await db.schema.alterTable('customers').dropColumn('credit_limit_cents').execute();
  await db.schema.alterTable('orders').dropColumn('financed_cents').execute();
  await db.schema.alterTable('orders').dropColumn('paid_cents').execute();
}
