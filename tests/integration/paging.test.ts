import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { CUSTOMER_COUNT_CAP } from '../../src-main/modules/customers/service';
import type { OutputOf } from '../../src-shared/contract';
import { CUSTOMER_SORTS } from '../../src-shared/contract/customers';
import { AppError } from '../../src-shared/errors';
import { makeApp, setupAdmin } from '../helpers/app';

type List = OutputOf<'customers.list'>;

let app: App;
let token: string;
const list = (input: Record<string, unknown>) =>
  app.call('customers.list', input, { token, transport: 'http' }) as Promise<List>;

/** Every row of a list by following `nextCursor` from the first page. */
async function walk(input: Record<string, unknown>, between?: (pageNo: number) => Promise<void>): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  for (let pageNo = 1; pageNo < 1000; pageNo++) {
    const page: List = await list({ ...input, ...(cursor && { cursor }) });
    ids.push(...page.items.map((c) => c.id));
    cursor = page.nextCursor;
    if (!cursor) return ids;
    await between?.(pageNo);
  }
  throw new Error('no last page');
}

async function create(name: string, joinedAt = '2026-01-10') {
  const out = (await app.call('customers.create', { name, kind: 'PF', joinedAt }, { token, transport: 'http' })) as {
    id: number;
  };
  return out.id;
}

beforeAll(async () => {
  ({ app } = await makeApp());
  token = await setupAdmin(app);
  // Ties on every sort key: many customers share a name and a joining date.
  for (let i = 0; i < 12; i++) await create('Ana Souza', '2026-02-01');
  for (let i = 0; i < 9; i++) await create(`Bruno ${String.fromCharCode(90 - i)}`, `2026-01-${String(10 + i)}`);
  for (let i = 0; i < 8; i++) await create('Zuleica Prado', '2026-02-01');
  const inactive = await create('Ana Souza');
  await app.call('customers.delete', { id: inactive }, { token, transport: 'http' });
});
afterAll(async () => {
  await app.close();
});

describe('customers list: keyset paging by the sort key', () => {
  it('walks every row exactly once, in the same order as one big page, for every sort (ties by id)', async () => {
    for (const sort of CUSTOMER_SORTS) {
      const all = (await list({ sort, perPage: 200 })).items.map((c) => c.id);
      expect(all).toHaveLength(29);
      const walked = await walk({ sort, perPage: 4 });
      expect(walked, sort).toEqual(all);
    }
  });

  it('the last page has no cursor; a page that fits exactly says so too', async () => {
    const first = await list({ perPage: 29 });
    expect(first.items).toHaveLength(29);
    expect(first.nextCursor).toBeNull();
    expect(first).toMatchObject({ total: 29, totalCapped: false });
    expect((await list({ perPage: 28 })).nextCursor).not.toBeNull();
  });

  it('rows added between pages: those behind the cursor stay out, those ahead come once, nothing repeats', async () => {
    const before = (await list({ perPage: 200 })).items.map((c) => c.id);
    const added: { behind: number[]; ahead: number[] } = { behind: [], ahead: [] };
    const walked = await walk({ perPage: 5 }, async (pageNo) => {
      if (pageNo !== 3) return;
      // After 15 rows (Ana… and Bruno…): a new "Ana Souza" sorts behind, a new "Zuleica Prado" ahead.
      added.behind.push(await create('Ana Souza'));
      added.ahead.push(await create('Zuleica Prado'));
      added.ahead.push(await create('Carla Dias'));
    });
    expect(new Set(walked).size).toBe(walked.length);
    for (const id of before) expect(walked.filter((w) => w === id)).toHaveLength(1);
    for (const id of added.ahead) expect(walked).toContain(id);
    for (const id of added.behind) expect(walked).not.toContain(id);
  });

  it('a page by number still works (OFFSET), with the next cursor', async () => {
    const all = (await list({ perPage: 200 })).items.map((c) => c.id);
    const third = await list({ perPage: 5, page: 3 });
    expect(third.items.map((c) => c.id)).toEqual(all.slice(10, 15));
    const next = await list({ perPage: 5, cursor: third.nextCursor });
    expect(next.items.map((c) => c.id)).toEqual(all.slice(15, 20));
  });

  it('searches page by cursor too, and count their matches', async () => {
    const all = await list({ search: 'ana souza', perPage: 200 });
    expect(all.total).toBe(all.items.length);
    expect(await walk({ search: 'ana souza', perPage: 3 })).toEqual(all.items.map((c) => c.id));
  });

  it('refuses a cursor that is not one, or that belongs to another sort', async () => {
    const page = await list({ perPage: 5 });
    for (const input of [
      { cursor: 'not-a-cursor' },
      { cursor: Buffer.from('[1,2]').toString('base64url') },
      { cursor: page.nextCursor, sort: '-name' },
    ]) {
      const err = await list(input).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('VALIDATION');
      expect((err as AppError).fields).toHaveProperty('cursor');
    }
  });

  it('counts up to the cap and says when there are more', async () => {
    const sqlite = app.database.sqlite;
    const now = app.clock.nowIso();
    const insert = sqlite.prepare(
      `insert into customers (name, kind, sort_name, joined_at, tags, active, created_at, updated_at, version)
       values (?, 'PF', ?, '2026-01-01', '[]', 1, ?, ?, 1)`,
    );
    sqlite.transaction(() => {
      for (let i = 0; i < CUSTOMER_COUNT_CAP; i++) insert.run(`Massa ${i}`, `massa ${i}`, now, now);
    })();
    const capped = await list({ perPage: 10 });
    expect(capped).toMatchObject({ total: CUSTOMER_COUNT_CAP, totalCapped: true });
    expect(capped.nextCursor).not.toBeNull();
    expect(await list({ perPage: 10, state: 'SP' })).toMatchObject({ total: 0, totalCapped: false, nextCursor: null });
  });
});
