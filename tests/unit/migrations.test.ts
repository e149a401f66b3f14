import fs from 'node:fs';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations';
import { DatabaseTooNewError, openDatabase } from '../../src-main/db/connection';
import { tempDir } from '../helpers/app';

describe('database and migrations', () => {
  it('opens in WAL with synchronous=FULL and foreign keys on', async () => {
    const file = path.join(tempDir(), 'a.sqlite');
    const opened = await openDatabase(file);
    expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(opened.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(opened.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    await opened.close();
    expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0);
  });

  it('after an update adds an index, the planner has statistics for it (no blind pick of a new index)', async () => {
    const file = path.join(tempDir(), 'stats.sqlite');
    const first = await openDatabase(file);
    const insert = first.sqlite.prepare("insert into settings (key, value, updated_at) values (?, '1', 'now')");
    for (let i = 0; i < 50; i++) insert.run(`k${i}`);
    await first.close();
    const withIndex = {
      ...migrations,
      '9998_settings_index': {
        async up(db: Kysely<unknown>) {
          await sql`create index settings_value on settings (value, key)`.execute(db);
        },
      },
    };
    const again = await openDatabase(file, withIndex);
    const stat = again.sqlite.prepare("select stat from sqlite_stat1 where idx = 'settings_value'").get() as
      | { stat: string }
      | undefined;
    const rows = again.sqlite.prepare('select count(*) as n from settings').get() as { n: number };
    expect(Number(stat?.stat.split(' ')[0])).toBe(rows.n);
    await again.close();
  });

  it('a failing migration leaves the database as it was', async () => {
    const file = path.join(tempDir(), 'b.sqlite');
    (await openDatabase(file)).close();
    const broken = {
      ...migrations,
      '9999_broken': {
        async up(db: Kysely<unknown>) {
          await sql`create table half_done (id integer)`.execute(db);
          await sql`insert into settings (key, value, updated_at) values ('x', '1', 'now')`.execute(db);
          await sql`this is not sql`.execute(db);
        },
      },
    };
    await expect(openDatabase(file, broken)).rejects.toThrow(/9999_broken falhou e o banco foi mantido como estava/);
    const again = await openDatabase(file);
    const tables = again.sqlite.prepare("select name from sqlite_master where name = 'half_done'").all();
    expect(tables).toEqual([]);
    expect(again.sqlite.prepare("select count(*) as n from settings where key = 'x'").get()).toEqual({ n: 0 });
    await again.close();
  });

  it('refuses a database written by a newer version, without changing it', async () => {
    const file = path.join(tempDir(), 'c.sqlite');
    const newer = { ...migrations, '9000_from_the_future': { up: async () => {} } };
    (await openDatabase(file, newer)).close();
    const size = fs.statSync(file).size;
    const err = await openDatabase(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseTooNewError);
    expect((err as Error).message).toMatch(/versão mais nova do Balcão.*9000_from_the_future/);
    expect(fs.statSync(file).size).toBe(size);
  });
});
