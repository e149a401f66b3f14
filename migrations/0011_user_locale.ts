import { type Kysely, sql } from 'kysely';

/**
 * Each user's language for what the server says (error messages, alerts): 'pt-BR' or 'en', or
 * null — not chosen, so the request's `Accept-Language` or pt-BR decides.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('locale', 'text', (c) => c.check(sql`locale IN ('pt-BR', 'en')`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('locale').execute();
}
