import { type Kysely, sql } from 'kysely';

/**
 * Customer health (issue 10): the current score of each customer who has bought (one row, with each
 * pillar and the facts behind it), the score at the end of each month (`health_history`, the last
 * one written in the month) and every change of category (`health_changes`, for "em risco").
 * The health module writes them in the same transaction as the writes that change a score, and
 * all of them nightly. The rows start empty: the first nightly run (or the first write of a
 * customer) fills them. No foreign keys to `customers`: these rows are derived, and must never stop
 * a customer's deletion.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('health_scores')
    .addColumn('customer_id', 'integer', (c) => c.primaryKey())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('recencia', 'real', (c) => c.notNull())
    .addColumn('frequencia', 'real', (c) => c.notNull())
    .addColumn('valor', 'real', (c) => c.notNull())
    .addColumn('pontualidade', 'real')
    .addColumn('last_order_date', 'text')
    .addColumn('usual_interval_days', 'real')
    // The day after which the customer is past their usual interval (last order + interval).
    .addColumn('reorder_on', 'text')
    .addColumn('orders_12m', 'integer', (c) => c.notNull())
    .addColumn('revenue_12m_cents', 'integer', (c) => c.notNull())
    .addColumn('on_time', 'integer', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull())
    .addColumn('overdue_open', 'integer', (c) => c.notNull())
    .addColumn('total_days_late', 'integer', (c) => c.notNull())
    .addColumn('ranked_orders', 'integer', (c) => c.notNull())
    .addColumn('ranked_revenue', 'integer', (c) => c.notNull())
    .addColumn('computed_on', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One index per sort of the list (ties by customer), the category filter, and the two ranked facts.
  for (const column of ['score', 'recencia', 'frequencia', 'valor', 'pontualidade']) {
    await db.schema
      .createIndex(`health_scores_${column}`)
      .on('health_scores')
      .columns([column, 'customer_id'])
      .execute();
  }
  await db.schema
    .createIndex('health_scores_category')
    .on('health_scores')
    .columns(['category', 'score', 'customer_id'])
    .execute();
  await db.schema
    .createIndex('health_scores_reorder')
    .on('health_scores')
    .columns(['category', 'reorder_on'])
    .execute();
  await db.schema.createIndex('health_scores_orders').on('health_scores').column('orders_12m').execute();
  await db.schema.createIndex('health_scores_revenue').on('health_scores').column('revenue_12m_cents').execute();

  await db.schema
    .createTable('health_history')
    .addColumn('customer_id', 'integer', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('recencia', 'real', (c) => c.notNull())
    .addColumn('frequencia', 'real', (c) => c.notNull())
    .addColumn('valor', 'real', (c) => c.notNull())
    .addColumn('pontualidade', 'real')
    .addPrimaryKeyConstraint('health_history_pk', ['customer_id', 'month'])
    .modifyEnd(sql`without rowid`)
    .execute();

  await db.schema
    .createTable('health_changes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('customer_id', 'integer', (c) => c.notNull())
    .addColumn('changed_on', 'text', (c) => c.notNull())
    .addColumn('from_category', 'text', (c) => c.notNull())
    .addColumn('to_category', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('health_changes_on')
    .on('health_changes')
    .columns(['changed_on', 'customer_id'])
    .execute();
  await db.schema
    .createIndex('health_changes_customer')
    .on('health_changes')
    .columns(['customer_id', 'changed_on'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('health_changes').execute();
  await db.schema.dropTable('health_history').execute();
  await db.schema.dropTable('health_scores').execute();
}
