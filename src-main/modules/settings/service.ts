import type { Clock } from '../../clock';
import type { Db } from '../../db/connection';

/** Shop settings, one JSON value per key. */
export async function getSetting<T>(db: Db, key: string): Promise<T | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as T) : null;
}

export async function setSetting(db: Db, clock: Clock, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  const now = clock.nowIso();
  await db
    .insertInto('settings')
    .values({ key, value: json, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: now }))
    .execute();
}
