import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenedDatabase, openDatabase } from '../../src-main/db/connection';
import { SCHEMA_COLUMNS } from '../../src-main/db/schema-columns';

/**
 * src-main/db/schema.ts types every table by hand. SCHEMA_COLUMNS is the compiler-checked copy of
 * those types as data; this test compares it with what the migrations actually create, both ways.
 * Nothing here names a table: new migrations are covered as they land.
 */

interface TableListRow {
  schema: string;
  name: string;
  type: 'table' | 'view' | 'virtual' | 'shadow';
}
interface ColumnRow {
  name: string;
  notnull: 0 | 1;
  pk: number;
}

/** SQLite's own tables and the migrator's bookkeeping are not part of the app's schema. */
const INTERNAL = /^(sqlite_|kysely_)/;

interface DbTable {
  virtual: boolean;
  columns: Map<string, 'null' | 'not null'>;
}

function readDatabase(opened: OpenedDatabase): Map<string, DbTable> {
  const tables = new Map<string, DbTable>();
  const list = opened.sqlite.pragma('table_list') as TableListRow[];
  for (const t of list) {
    // 'shadow' are FTS5's own storage tables (customers_fts_data, …): never read by the app.
    if (t.schema !== 'main' || t.type === 'shadow' || INTERNAL.test(t.name)) continue;
    const columns = new Map<string, 'null' | 'not null'>();
    for (const c of opened.sqlite.pragma(`table_info(${JSON.stringify(t.name)})`) as ColumnRow[]) {
      // A primary key is never written as null by the app (an INTEGER PRIMARY KEY cannot be).
      columns.set(c.name, c.notnull || c.pk ? 'not null' : 'null');
    }
    tables.set(t.name, { virtual: t.type === 'virtual', columns });
  }
  return tables;
}

const declared = new Map<string, Record<string, 'null' | 'not null'>>(Object.entries(SCHEMA_COLUMNS));

describe('schema.ts matches the migrated database', () => {
  let opened: OpenedDatabase;
  let db: Map<string, DbTable>;
  beforeAll(async () => {
    opened = await openDatabase(':memory:');
    db = readDatabase(opened);
  });
  afterAll(async () => {
    await opened?.close();
  });

  it('finds the tables at all', () => {
    expect(db.size).toBeGreaterThan(10);
    expect(declared.size).toBeGreaterThan(10);
  });

  it('declares every table the migrations create, and no other', () => {
    const missing = [...db.keys()].filter((t) => !declared.has(t)).sort();
    const extra = [...declared.keys()].filter((t) => !db.has(t)).sort();
    expect({ 'in the database, not in schema.ts': missing, 'in schema.ts, not in the database': extra }).toEqual({
      'in the database, not in schema.ts': [],
      'in schema.ts, not in the database': [],
    });
  });

  it('declares every column of every table, and no other', () => {
    const missing: string[] = [];
    const extra: string[] = [];
    for (const [table, { virtual, columns }] of db) {
      const types = declared.get(table);
      if (!types) continue;
      for (const column of columns.keys()) if (!(column in types)) missing.push(`${table}.${column}`);
      for (const column of Object.keys(types)) {
        // A virtual table (FTS5) has an implicit rowid, which the app writes and reads by name.
        if (virtual && column === 'rowid') continue;
        if (!columns.has(column)) extra.push(`${table}.${column}`);
      }
    }
    expect({ 'in the database, not in schema.ts': missing, 'in schema.ts, not in the database': extra }).toEqual({
      'in the database, not in schema.ts': [],
      'in schema.ts, not in the database': [],
    });
  });

  it('types a column `| null` exactly when the database lets it be null', () => {
    const wrong: string[] = [];
    for (const [table, { virtual, columns }] of db) {
      // FTS5 columns carry no constraints; the app always writes text into them.
      if (virtual) continue;
      const types = declared.get(table);
      if (!types) continue;
      for (const [column, nullability] of columns) {
        const typed = types[column];
        if (typed && typed !== nullability)
          wrong.push(`${table}.${column}: database ${nullability}, schema.ts ${typed}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
