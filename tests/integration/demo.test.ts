import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS, DEMO_ORDERS, DemoRefusedError, seedDemo } from '../../scripts/demo';
import { createApp } from '../../src-main/app';
import { manualClock } from '../../src-main/clock';
import { tempDir } from '../helpers/app';

const TODAY = '2026-11-24';
const clock = () => manualClock(`${TODAY}T13:00:00Z`);

describe('npm run demo', () => {
  it('loads a small realistic shop in seconds, with no administrator unless asked', async () => {
    const dir = path.join(tempDir('balcao-demo-'), 'data');
    const t0 = performance.now();
    const result = await seedDemo({ dataDir: dir, clock: clock() });
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(result).toMatchObject({ customers: DEMO_CUSTOMERS, orders: DEMO_ORDERS, admin: null, setupNeeded: true });
    expect(fs.existsSync(path.join(dir, 'balcao.sqlite'))).toBe(true);

    const app = await createApp({ dataDir: dir, clock: clock() });
    try {
      const sqlite = app.database.sqlite;
      const n = (sql: string, ...args: unknown[]) => (sqlite.prepare(sql).get(...args) as { n: number }).n;
      expect(n('select count(*) as n from customers')).toBe(DEMO_CUSTOMERS);
      expect(n('select count(*) as n from users')).toBe(0);

      const statuses = sqlite.prepare('select status, count(*) as n from orders group by status').all() as Array<{
        status: string;
        n: number;
      }>;
      const byStatus = Object.fromEntries(statuses.map((s) => [s.status, s.n]));
      for (const status of ['entregue', 'em_producao', 'pronto', 'pendente', 'cancelado']) {
        expect(byStatus[status], status).toBeGreaterThan(0);
      }
      // Orders in production sit at different stages of the board.
      expect(n("select count(distinct current_stage) as n from orders where status = 'em_producao'")).toBeGreaterThan(
        1,
      );
      expect(n('select count(*) as n from order_items')).toBeGreaterThanOrEqual(DEMO_ORDERS);
      expect(n('select count(*) as n from payments')).toBeGreaterThan(DEMO_ORDERS / 2);

      // Crediário, with at least one installment past due and unpaid.
      expect(n('select count(*) as n from installment_plans')).toBeGreaterThan(5);
      const late = n(
        "select count(*) as n from installments where status = 'atrasada' and due_date < ? and paid_cents < amount_cents",
        TODAY,
      );
      expect(late).toBeGreaterThan(0);

      // The search index covers what was seeded.
      expect(n('select count(*) as n from customers_fts')).toBe(DEMO_CUSTOMERS);
      expect(n('select count(*) as n from orders_fts')).toBe(DEMO_ORDERS);
    } finally {
      await app.close();
    }
  });

  it('refuses a folder that already has customers, unless forced (and then only adds)', async () => {
    const dir = tempDir('balcao-demo-');
    await seedDemo({ dataDir: dir, clock: clock() });
    await expect(seedDemo({ dataDir: dir, clock: clock() })).rejects.toBeInstanceOf(DemoRefusedError);
    const forced = await seedDemo({ dataDir: dir, force: true, clock: clock() });
    expect(forced.customers).toBe(DEMO_CUSTOMERS);
    const app = await createApp({ dataDir: dir, clock: clock() });
    try {
      const n = (app.database.sqlite.prepare('select count(*) as n from customers').get() as { n: number }).n;
      expect(n).toBe(2 * DEMO_CUSTOMERS);
    } finally {
      await app.close();
    }
  });

  it('--admin-password creates the administrator through setup, and a weak one changes nothing', async () => {
    const weak = tempDir('balcao-demo-');
    await expect(
      seedDemo({ dataDir: weak, admin: { username: 'admin', password: 'curta' }, clock: clock() }),
    ).rejects.toThrow(/8 caracteres|inválid/i);
    const empty = await createApp({ dataDir: weak, clock: clock() });
    try {
      expect(empty.database.sqlite.prepare('select count(*) as n from customers').get()).toEqual({ n: 0 });
    } finally {
      await empty.close();
    }

    const dir = tempDir('balcao-demo-');
    const result = await seedDemo({
      dataDir: dir,
      admin: { username: 'admin', password: 'demo-senha-123' },
      clock: clock(),
    });
    expect(result).toMatchObject({ admin: 'admin', setupNeeded: false });
    const app = await createApp({ dataDir: dir, clock: clock() });
    try {
      const session = (await app.call('auth.login', { username: 'admin', password: 'demo-senha-123' })) as {
        token: string;
      };
      const list = (await app.call('customers.list', {}, { token: session.token })) as { total: number };
      expect(list.total).toBeGreaterThan(0);
      const orders = (await app.call('orders.list', {}, { token: session.token })) as { total: number };
      expect(orders.total).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });
});
