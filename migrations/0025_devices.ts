import { type Kysely, sql } from 'kysely';

/**
 * Device approval on the shop network: a browser that reaches the LAN server from another
 * computer or phone gets a random device token (a cookie; only its SHA-256 is stored) and a short
 * code it shows while an admin approves it on the main PC. Sessions remember the device they
 * were opened from, so revoking a device ends its sessions at once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('devices')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('address', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status IN ('pending', 'approved', 'revoked')`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('last_used_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('devices_status').on('devices').columns(['status', 'last_used_at']).execute();
  await db.schema
    .alterTable('sessions')
    .addColumn('device_id', 'integer', (c) => c.references('devices.id'))
    .execute();
  await db.schema.createIndex('sessions_device').on('sessions').column('device_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sessions_device').execute();
  await db.schema.alterTable('sessions').dropColumn('device_id').execute();
  await db.schema.dropTable('devices').execute();
}
