import { type Kysely, sql } from 'kysely';

/**
 * Automations (issue 12): the outbox of messages to send (e-mail, WhatsApp), the marks that keep a
 * payment reminder from being sent twice, and each customer's consent per purpose and channel.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel IN ('email', 'whatsapp')`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id'))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('attachment', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status IN ('pending', 'held', 'sending', 'sent', 'failed', 'uncertain', 'cancelled')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(6))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('sent_by', 'integer', (c) => c.references('users.id'))
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_status_next').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_customer').on('outbox').columns(['customer_id', 'created_at']).execute();
  await db.schema
    .createTable('reminder_marks')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('outbox_id', 'integer', (c) => c.references('outbox.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  for (const [column, value] of [
    ['consent_tx_email', 1],
    ['consent_tx_whatsapp', 1],
    ['consent_mkt_email', 0],
    ['consent_mkt_whatsapp', 0],
  ] as const)
    await db.schema
      .alterTable('customers')
      .addColumn(column, 'integer', (c) => c.notNull().defaultTo(value))
      .execute();
  await db.schema.alterTable('customers').addColumn('preferred_channel', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of [
    'preferred_channel',
    'consent_mkt_whatsapp',
    'consent_mkt_email',
    'consent_tx_whatsapp',
    'consent_tx_email',
  ])
    await db.schema.alterTable('customers').dropColumn(column).execute();
  await db.schema.dropTable('reminder_marks').execute();
  await db.schema.dropTable('outbox').execute();
}
