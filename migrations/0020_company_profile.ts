import { type Kysely, sql } from 'kysely';

/**
 * Company profile (Dados da empresa). The profile itself stays a JSON value in `settings` under
 * `company` (it always held the shop's name there); this migration:
 * - moves the Pix key and its city from the crediário rules (`settings.credit`) into the profile,
 *   where every document reads them;
 * - adds `company_logo`: at most one row (id 1), the logo as uploaded (PNG, JPEG or a checked SVG)
 *   and the PNG rendering every PDF prints.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('company_logo')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('original', 'blob', (c) => c.notNull())
    .addColumn('png', 'blob', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const read = async (key: string): Promise<Record<string, unknown> | null> => {
    const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    if (!row) return null;
    try {
      const v = JSON.parse(String(row.value));
      return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  };
  const credit = await read('credit');
  if (!credit || (credit.pixKey == null && credit.pixCity == null)) return;
  const company = (await read('company')) ?? { name: 'Balcão' };
  const now = new Date().toISOString();
  const moved = {
    ...company,
    pixKey: company.pixKey ?? credit.pixKey ?? null,
    pixCity: company.pixCity ?? credit.pixCity ?? null,
  };
  const { pixKey: _k, pixCity: _c, ...rest } = credit;
  for (const [key, value] of [
    ['company', moved],
    ['credit', rest],
  ] as const) {
    await db
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value), updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now }))
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('company_logo').execute();
}
