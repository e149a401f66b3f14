import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_COLUMNS } from '../../src-main/db/schema-columns';
import { INFRASTRUCTURE, OWNS } from '../../src-main/modules/owners';
import { modules } from '../../src-shared/contract';

/**
 * One write path between modules: a table is written only by the module that owns it
 * (`src-main/modules/owners.ts`). Reads the source of every module and finds each Kysely write
 * (`insertInto`, `updateTable`, `deleteFrom`, `replaceInto`, `mergeInto`) and each raw SQL write.
 */
const MODULES_DIR = path.resolve(import.meta.dirname, '../../src-main/modules');
const WRITE = /\.(?:insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(\s*(['"`]?)([\w.]*)\1?/g;
const RAW_WRITE = /\b(?:insert\s+(?:or\s+\w+\s+)?into|update|delete\s+from)\s+["'`]?(\w+)/gi;
/** Writes whose table is not a literal: the registries' one generic handler, over its own tables. */
const GENERIC_WRITERS = new Set(['registries/procedures.ts']);

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every table written in a piece of source: [table, line], `null` as table for a non-literal one. */
function writesIn(source: string): Array<{ table: string | null; line: number }> {
  const found: Array<{ table: string | null; line: number }> = [];
  const lineOf = (index: number) => source.slice(0, index).split('\n').length;
  for (const m of source.matchAll(WRITE))
    found.push({ table: m[1] ? (m[2] as string) : null, line: lineOf(m.index ?? 0) });
  for (const block of source.matchAll(/sql(?:<[^`]*>)?`([^`]*)`/g))
    for (const m of (block[1] as string).matchAll(RAW_WRITE))
      found.push({ table: m[1] as string, line: lineOf((block.index ?? 0) + (m.index ?? 0)) });
  return found;
}

describe('table ownership', () => {
  it('finds writes in source (sanity)', () => {
    const source = [
      "await db.insertInto('orders').values(x)",
      'await ctx.db\n  .updateTable("payments")',
      "db.deleteFrom('item_images')",
      'db.updateTable(def.table)',
      'await sql`UPDATE orders SET version = version + 1`.execute(db)',
      "db.selectFrom('orders')",
    ].join('\n');
    expect(writesIn(source).map((w) => w.table)).toEqual(['orders', 'payments', 'item_images', null, 'orders']);
  });

  it('every table has exactly one owner (a module or the core itself)', () => {
    const owners = new Map<string, string[]>();
    for (const [module, tables] of Object.entries(OWNS))
      for (const t of tables) owners.set(t, [...(owners.get(t) ?? []), module]);
    for (const t of INFRASTRUCTURE) owners.set(t, [...(owners.get(t) ?? []), '(core)']);
    for (const table of Object.keys(SCHEMA_COLUMNS)) expect(owners.get(table), table).toHaveLength(1);
    for (const table of owners.keys()) expect(Object.keys(SCHEMA_COLUMNS), table).toContain(table);
  });

  it('every module folder is a module of the contract with an owner entry', () => {
    const folders = fs
      .readdirSync(MODULES_DIR, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(folders).toEqual(Object.keys(modules).sort());
    expect(Object.keys(OWNS).sort()).toEqual(folders);
  });

  it.each(Object.keys(OWNS))('module %s writes only its own tables', (module) => {
    const owned = new Set<string>(OWNS[module as keyof typeof OWNS]);
    const wrong: string[] = [];
    for (const file of files(path.join(MODULES_DIR, module))) {
      const rel = path.relative(MODULES_DIR, file);
      for (const { table, line } of writesIn(fs.readFileSync(file, 'utf8'))) {
        if (table === null ? !GENERIC_WRITERS.has(rel) : !owned.has(table))
          wrong.push(`${rel}:${line} writes ${table ?? '(a table it does not name)'}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
