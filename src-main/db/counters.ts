import type { Db } from './connection';

/** Next value of a named sequence, incremented in the caller's transaction (`order:2026` → 1, 2, 3…). */
export async function nextCounter(db: Db, name: string): Promise<number> {
  const row = await db
    .insertInto('counters')
    .values({ name, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}

/** `2026-000123`: a yearly sequence as shown on orders and receipts. */
export async function yearlyNumber(db: Db, prefix: string, date: string): Promise<string> {
  const year = date.slice(0, 4);
  return `${year}-${String(await nextCounter(db, `${prefix}:${year}`)).padStart(6, '0')}`;
}
