import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src-main/clock';
import type { Core } from '../../src-main/core';
import { ADMIN, api, startTestCore } from '../helpers/app';
import { seedCatalog } from '../helpers/fixtures';

const clock = manualClock('2026-11-24T13:00:00Z'); // 10:00 in São Paulo: today is 2026-11-24
let core: Core;
let admin: ReturnType<typeof api>;

interface Row {
  id: number;
  bucket: string;
  deliveryDate: string;
  priority: string;
  [key: string]: unknown;
}
interface Deadlines {
  items: Row[];
  buckets: Array<{ bucket: string; count: number; nextCursor: string | null }>;
  total: number;
}

/** Orders due on each date (entered long before, so overdue ones are possible). */
const plan: Array<[string, number, 'NORMAL' | 'ALTA']> = [
  ['2026-11-10', 3, 'NORMAL'], // atrasado
  ['2026-11-23', 2, 'ALTA'], // atrasado
  ['2026-11-24', 4, 'NORMAL'], // hoje
  ['2026-11-24', 1, 'ALTA'], // hoje, first
  ['2026-11-25', 2, 'NORMAL'], // amanhã
  ['2026-11-28', 3, 'NORMAL'], // semana
  ['2026-12-01', 1, 'NORMAL'], // semana (today + 7)
  ['2026-12-02', 2, 'NORMAL'], // depois (only with a longer horizon)
  ['2026-12-30', 1, 'NORMAL'], // beyond 30 days
];
const ids = new Map<string, number[]>();

beforeAll(async () => {
  core = await startTestCore({ clock });
  const setup = await api(core.url)('POST', '/api/setup', { companyName: 'Gráfica Exemplo', admin: ADMIN });
  admin = api(core.url, setup.body.token);
  const cat = await seedCatalog(admin);
  const customerId = (await admin('POST', '/api/customers', { name: 'Cliente Prazo' })).body.id;
  for (const [date, n, priority] of plan) {
    for (let i = 0; i < n; i++) {
      const res = await admin('POST', '/api/orders', {
        customerId,
        entryDate: '2026-11-01',
        deliveryDate: date,
        priority,
        items: [{ productId: cat.camiseta, description: 'Camisetas', quantity: 10 }],
      });
      expect(res.status).toBe(201);
      ids.set(date, [...(ids.get(date) ?? []), res.body.id]);
    }
  }
  // A delivered order is not due; a quote is not an order.
  const done = ids.get('2026-11-10')?.[0] as number;
  await admin('POST', `/api/orders/${done}/status`, { status: 'cancelado', reason: 'desistiu' });
});
afterAll(async () => {
  await core?.stop();
});

const get = async (query: string): Promise<Deadlines> => {
  const res = await admin('GET', `/api/orders/deadlines?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

describe('deadlines: slim rows in groups, each with its count and its own pages', () => {
  it('counts every group up to the horizon and sends their first rows, overdue oldest first', async () => {
    const d = await get('days=7');
    const count = Object.fromEntries(d.buckets.map((b) => [b.bucket, b.count]));
    // Within 7 days there is no "later" group at all.
    expect(count).toEqual({ atrasado: 4, hoje: 5, amanha: 2, semana: 4 });
    expect(d.total).toBe(15);
    expect(d.items.map((i) => i.bucket)).toEqual([
      ...Array(4).fill('atrasado'),
      ...Array(5).fill('hoje'),
      ...Array(2).fill('amanha'),
      ...Array(4).fill('semana'),
    ]);
    expect(d.items[0]).toMatchObject({ deliveryDate: '2026-11-10', overdue: true });
    // Today: the urgent one first.
    expect(d.items.find((i) => i.bucket === 'hoje')).toMatchObject({
      priority: 'ALTA',
      id: ids.get('2026-11-24')?.[4],
    });
    // What the screen shows, not the whole order.
    expect(Object.keys(d.items[0] as Row).sort()).toEqual(
      [
        'bucket',
        'currentStage',
        'customerId',
        'customerName',
        'customerPhone',
        'deliveryDate',
        'id',
        'number',
        'overdue',
        'paidCents',
        'paymentState',
        'priority',
        'status',
        'totalCents',
      ].sort(),
    );
    const longer = await get('days=30');
    expect(longer.buckets.find((b) => b.bucket === 'depois')?.count).toBe(2);
    expect(longer.total).toBe(17);
  });

  it('pages one group by its cursor: every row once, in order, the others untouched', async () => {
    const first = await get('days=7&perBucket=2');
    expect(first.items).toHaveLength(2 + 2 + 2 + 2);
    const today = first.buckets.find((b) => b.bucket === 'hoje');
    expect(today?.count).toBe(5);
    const seen = first.items.filter((i) => i.bucket === 'hoje').map((i) => i.id);
    let cursor = today?.nextCursor ?? null;
    while (cursor) {
      const next = await get(`days=7&perBucket=2&bucket=hoje&cursor=${encodeURIComponent(cursor)}`);
      expect(next.buckets.map((b) => b.bucket)).toEqual(['hoje']);
      expect(next.items.every((i) => i.bucket === 'hoje')).toBe(true);
      seen.push(...next.items.map((i) => i.id));
      cursor = next.buckets[0]?.nextCursor ?? null;
    }
    const all = (await get('days=7&perBucket=200')).items.filter((i) => i.bucket === 'hoje').map((i) => i.id);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(5);
    expect(first.buckets.find((b) => b.bucket === 'amanha')?.nextCursor).toBeNull();
  });

  it('refuses a cursor without its group, or of another group', async () => {
    const first = await get('days=7&perBucket=1');
    const cursor = encodeURIComponent(first.buckets[0]?.nextCursor as string);
    expect((await admin('GET', `/api/orders/deadlines?cursor=${cursor}`)).status).toBe(400);
    expect((await admin('GET', `/api/orders/deadlines?bucket=hoje&cursor=${cursor}`)).status).toBe(400);
  });
});
