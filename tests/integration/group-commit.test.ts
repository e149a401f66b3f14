import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type OpenedDatabase, openDatabase } from '../../src-main/db/connection';
import { GroupCommit } from '../../src-main/rpc/group-commit';
import { makeApp, setupAdmin, tempDir } from '../helpers/app';

/** Writes that arrive together share one commit; each still succeeds or fails alone. */
describe('group commit', () => {
  let opened: OpenedDatabase | null = null;
  afterEach(async () => {
    await opened?.close();
    opened = null;
  });

  async function withTable() {
    opened = await openDatabase(path.join(tempDir(), 'balcao.sqlite'));
    opened.sqlite.exec('create table t (v text not null)');
    const sqlite = opened.sqlite;
    const rows = () => (sqlite.prepare('select v from t order by rowid').all() as Array<{ v: string }>).map((r) => r.v);
    return { db: opened.db, sqlite, rows };
  }

  it('runs writes that arrive together in one transaction, in order, and answers after the commit', async () => {
    const { db, sqlite, rows } = await withTable();
    const group = new GroupCommit(db);
    // Another connection sees only committed rows: while the last write runs, none of the batch is.
    const other = new SQLite(sqlite.name, { readonly: true });
    const committed: number[] = [];
    const write = (v: string) =>
      group.run(async (trx) => {
        committed.push((other.prepare('select count(*) as n from t').get() as { n: number }).n);
        await sql`insert into t (v) values (${v})`.execute(trx);
        // Each write sees the ones before it.
        return (await sql<{ n: number }>`select count(*) as n from t`.execute(trx)).rows[0]?.n;
      });
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map(write));
    expect(answers).toEqual([1, 2, 3, 4]);
    expect(committed).toEqual([0, 0, 0, 0]);
    expect((other.prepare('select count(*) as n from t').get() as { n: number }).n).toBe(4);
    other.close();
    expect(sqlite.inTransaction).toBe(false);
    expect(rows()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a failing write is rolled back alone (its own earlier statements too); the others commit', async () => {
    const { db, rows } = await withTable();
    const group = new GroupCommit(db);
    const results = await Promise.allSettled([
      group.run((trx) => sql`insert into t (v) values ('one')`.execute(trx)),
      group.run(async (trx) => {
        await sql`insert into t (v) values ('half')`.execute(trx);
        throw new Error('regra de negócio');
      }),
      group.run(async (trx) => {
        await sql`insert into t (v) values (null)`.execute(trx); // constraint failure from SQLite
      }),
      group.run((trx) => sql`insert into t (v) values ('two')`.execute(trx)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('regra de negócio');
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/NOT NULL/);
    expect(rows()).toEqual(['one', 'two']);
  });

  it('when the commit fails, no write of the batch is acknowledged', async () => {
    const { db, sqlite, rows } = await withTable();
    const group = new GroupCommit(db);
    // A deferred foreign key violated at commit time makes COMMIT itself fail.
    sqlite.exec('create table parent (id integer primary key)');
    sqlite.exec('create table child (p integer references parent(id) deferrable initially deferred)');
    const results = await Promise.allSettled([
      group.run((trx) => sql`insert into t (v) values ('kept?')`.execute(trx)),
      group.run((trx) => sql`insert into child (p) values (42)`.execute(trx)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(rows()).toEqual([]);
    expect(sqlite.inTransaction).toBe(false);
    // The next write goes through.
    await group.run((trx) => sql`insert into t (v) values ('after')`.execute(trx));
    expect(rows()).toEqual(['after']);
  });

  it('through the dispatcher: concurrent creates all land, a refused one leaves nothing', async () => {
    const { app } = await makeApp();
    try {
      const token = await setupAdmin(app);
      const as = { token, transport: 'http' as const };
      const calls = Array.from({ length: 8 }, (_, i) =>
        app.call('customers.create', { name: `Cliente ${i}`, kind: 'PF', document: '52998224725' }, as),
      );
      const results = await Promise.allSettled(calls);
      // Same CPF: the first in line wins, the others are refused (they see its uncommitted row).
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const list = (await app.call('customers.list', { perPage: 50 }, as)) as { total: number };
      expect(list.total).toBe(1);
      const audit = app.database.sqlite
        .prepare("select count(*) as n from audit_log where entity = 'customer'")
        .get() as { n: number };
      expect(audit.n).toBe(1);
    } finally {
      await app.close();
    }
  });
});
