import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src-main/clock';
import type { Core } from '../../src-main/core';
import { JOBS, runJob } from '../../src-main/jobs/scheduler';
import { ADMIN, api, startTestCore } from '../helpers/app';
import { seedCatalog } from '../helpers/fixtures';

/**
 * Customer health through the real server: a hand-computed fixture, scores kept current by every
 * write that changes them (each checked against a recompute from scratch), the nightly job, the
 * weights, and who sees what (a vendedor only their own customers, produção no money).
 *
 * Today is Tuesday 24/11/2026 (São Paulo). The last 12 months are the order days after 24/11/2025.
 */
const clock = manualClock('2026-11-24T13:00:00Z');
let core: Core;
let admin: ReturnType<typeof api>;
let cat: Awaited<ReturnType<typeof seedCatalog>>;
let pix: number;
const ids: Record<string, number> = {};

type Row = Record<string, unknown>;
const FACTS = [
  'customer_id',
  'last_order_date',
  'usual_interval_days',
  'orders_12m',
  'revenue_12m_cents',
  'on_time',
  'late',
  'overdue_open',
  'total_days_late',
];

async function order(customer: string, entryDate: string, priceCents: number, as = admin, deliveryDate = entryDate) {
  const res = await as('POST', '/api/orders', {
    customerId: ids[customer],
    kind: 'pedido',
    entryDate,
    deliveryDate,
    items: [{ productId: cat.camiseta, description: 'Camiseta', quantity: 1, unitPriceCents: priceCents }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; version: number };
}

async function pay(orderId: number, amountCents: number, paidAt: string) {
  const res = await admin('POST', `/api/orders/${orderId}/payments`, { amountCents, paymentMethodId: pix, paidAt });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number };
}

function scores(): Map<number, Row> {
  const rows = core.app.database.sqlite.prepare('select * from health_scores order by customer_id').all() as Row[];
  return new Map(rows.map((r) => [r.customer_id as number, r]));
}

const without = (r: Row | undefined) => {
  if (!r) return r;
  const { updated_at: _u, computed_on: _c, ...rest } = r;
  return rest;
};
const facts = (r: Row | undefined) => (r ? Object.fromEntries(FACTS.map((k) => [k, r[k]])) : r);

/**
 * After a write: the written customer's stored row is exactly what a recompute from scratch gives,
 * and every customer's facts too (the others' frequência/valor ranks catch up at the recompute).
 */
async function expectCurrent(customer: string) {
  const before = scores();
  const res = await admin('POST', '/api/customer-health/recompute', {});
  expect(res.status).toBe(200);
  const after = scores();
  const id = ids[customer] as number;
  expect(without(before.get(id))).toEqual(without(after.get(id)));
  expect([...before.keys()]).toEqual([...after.keys()]);
  for (const [k, row] of after) expect(facts(before.get(k))).toEqual(facts(row));
}

/** Moves the clock (sessions expire when idle that long) and signs the admin in again. */
async function moveClock(to: string) {
  clock.set(to);
  const login = await api(core.url)('POST', '/api/auth/login', { username: ADMIN.username, password: ADMIN.password });
  expect(login.status).toBe(200);
  admin = api(core.url, login.body.token);
}

async function healthOf(customer: string, as = admin) {
  const res = await as('GET', `/api/customer-health/customers/${ids[customer]}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

beforeAll(async () => {
  core = await startTestCore({ clock });
  const setup = await api(core.url)('POST', '/api/setup', { companyName: 'Gráfica Exemplo', admin: ADMIN });
  admin = api(core.url, setup.body.token);
  cat = await seedCatalog(admin);
  for (const m of (await admin('GET', '/api/payment-methods')).body.items) if (m.kind === 'pix') pix = m.id;
  for (const [key, name, city, joinedAt] of [
    ['ana', 'Ana Souza', 'Campinas', '2024-03-10'],
    ['bia', 'Bia Lima', 'Campinas', '2026-10-20'],
    ['caio', 'Caio Reis', 'Sumaré', '2025-12-01'],
    ['davi', 'Davi Melo', 'Sumaré', '2026-11-02'],
  ] as const) {
    const res = await admin('POST', '/api/customers', {
      name,
      whatsapp: '11987654321',
      address: { city, state: 'SP' },
      joinedAt,
      tags: key === 'caio' ? ['atacado'] : [],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[key] = res.body.id;
  }
  // Ana: three orders (gaps 30 and 21 days → usual interval 25,5), paid on the order day (not judged).
  for (const day of ['2026-09-24', '2026-10-24', '2026-11-14']) {
    const o = await order('ana', day, 10_000);
    await pay(o.id, 10_000, `${day}T15:00:00Z`);
  }
  // Bia: one order due 05/11, paid on 10/11 — five days late.
  const b = await order('bia', '2026-11-01', 5_000, admin, '2026-11-05');
  ids.biaOrder = b.id;
  ids.biaPayment = (await pay(b.id, 5_000, '2026-11-10T15:00:00Z')).id;
  // Caio: two orders in January/February (paid at once): long ago for his 30-day habit.
  for (const day of ['2026-01-10', '2026-02-09']) {
    const o = await order('caio', day, 8_000);
    await pay(o.id, 8_000, `${day}T15:00:00Z`);
  }
});
afterAll(() => core.stop());

describe('a hand-computed fixture', () => {
  it('gives exactly the expected scores, pillars and facts', async () => {
    // As after the nightly run: each customer ranked against all the others.
    expect((await admin('POST', '/api/customer-health/recompute', {})).body.recomputed).toBe(3);
    const ana = await healthOf('ana');
    // Ranked: orders [1, 2, 3], revenue [5.000, 16.000, 30.000]. Ana tops both; pontualidade neutral,
    // so the weights are 0,375/0,375/0,25/0 → 1.
    expect(ana).toMatchObject({
      scored: true,
      score: 1,
      category: 'campeao',
      weights: {
        recencia: expect.closeTo(0.375, 10),
        frequencia: expect.closeTo(0.375, 10),
        valor: expect.closeTo(0.25, 10),
        pontualidade: 0,
      },
      pillars: {
        recencia: {
          value: 1,
          lastOrderDate: '2026-11-14',
          daysSinceLastOrder: 10,
          usualIntervalDays: 25.5,
          defaultInterval: false,
        },
        frequencia: { value: 1, orders: 3, rankedCustomers: 3 },
        valor: { value: 1, revenueCents: 30_000, rankedCustomers: 3 },
        pontualidade: { value: null, onTime: 0, late: 0, overdueOpen: 0, averageDaysLate: null },
      },
      history: [{ month: '2026-11', score: 1, category: 'campeao' }],
    });
    // Bia: recência 1 (23 days, shop default 30), bottom of both ranks, pontualidade
    // 0,5×0 + 0,5×(1 − 5/30) = 0,41667 → 0,3 + 0,2 × 0,41667 = 0,3833.
    const bia = await healthOf('bia');
    expect(bia).toMatchObject({ score: 0.3833, category: 'normal' });
    expect(bia.pillars.recencia).toMatchObject({ value: 1, daysSinceLastOrder: 23, defaultInterval: true });
    expect(bia.pillars.pontualidade).toEqual({ value: 0.4167, onTime: 0, late: 1, overdueOpen: 0, averageDaysLate: 5 });
    // Caio: 288 days since his last order against a 30-day habit → recência 0; middle of both
    // ranks; neutral → 0,375 × 0,5 + 0,25 × 0,5 = 0,3125.
    const caio = await healthOf('caio');
    expect(caio).toMatchObject({ score: 0.3125, category: 'normal' });
    expect(caio.pillars.recencia).toMatchObject({ value: 0, daysSinceLastOrder: 288, usualIntervalDays: 30 });
    // Davi never bought: no score.
    expect(await healthOf('davi')).toMatchObject({ scored: false, score: null, pillars: null, history: [] });

    const list = await admin('GET', '/api/customer-health');
    expect(list.body.items.map((r: { name: string; score: number }) => [r.name, r.score])).toEqual([
      ['Ana Souza', 1],
      ['Bia Lima', 0.3833],
      ['Caio Reis', 0.3125],
    ]);
    const distribution = await admin('GET', '/api/customer-health/distribution');
    expect(distribution.body).toEqual({
      total: 3,
      categories: [
        { category: 'critico', count: 0 },
        { category: 'normal', count: 2 },
        { category: 'saudavel', count: 0 },
        { category: 'campeao', count: 1 },
      ],
    });
    await expectCurrent('ana');
  });

  it('filters by category, join date, city and tag, sorts by each pillar and pages by cursor', async () => {
    const names = async (query: string) =>
      (await admin('GET', `/api/customer-health?${query}`)).body.items.map((r: { name: string }) => r.name);
    expect(await names('category=normal')).toEqual(['Bia Lima', 'Caio Reis']);
    expect(await names('joinedFrom=2025-01-01&joinedTo=2025-12-31')).toEqual(['Caio Reis']);
    expect(await names('city=campinas')).toEqual(['Ana Souza', 'Bia Lima']);
    expect(await names('tag=atacado')).toEqual(['Caio Reis']);
    expect(await names('sort=recencia')).toEqual(['Caio Reis', 'Ana Souza', 'Bia Lima']);
    expect(await names('sort=-frequencia')).toEqual(['Ana Souza', 'Caio Reis', 'Bia Lima']);
    expect(await names('sort=valor')).toEqual(['Bia Lima', 'Caio Reis', 'Ana Souza']);
    // Neutral pontualidade (null) first going up, last going down.
    expect(await names('sort=pontualidade')).toEqual(['Ana Souza', 'Caio Reis', 'Bia Lima']);
    expect(await names('sort=-pontualidade')).toEqual(['Bia Lima', 'Caio Reis', 'Ana Souza']);
    for (const sort of ['-score', 'pontualidade', '-pontualidade', 'recencia']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: Array<{ name: string }>; nextCursor: string | null } } = await admin(
          'GET',
          `/api/customer-health?sort=${sort}&perPage=1${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...res.body.items.map((r) => r.name));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(await names(`sort=${sort}`));
    }
    const bad = await admin('GET', '/api/customer-health?sort=score&cursor=bm9wZQ');
    expect(bad.status).toBe(400);
  });
});

describe('scores stay current after each write', () => {
  it('a new order, its cancellation, a payment, its reversal, a crediário and an installment paid', async () => {
    // Caio orders today: last order today, gaps 30 and 288 → interval 159, three orders (tied with Ana).
    const o = await order('caio', '2026-11-24', 12_000);
    let caio = await healthOf('caio');
    expect(caio.pillars.recencia).toMatchObject({ value: 1, daysSinceLastOrder: 0, usualIntervalDays: 159 });
    // Ranked against the others' stored figures: orders Bia 1 below, Ana 3 tied → (1 + 0,5)/2.
    expect(caio.pillars.frequencia).toEqual({ value: 0.75, orders: 3, rankedCustomers: 3 });
    expect(caio.pillars.valor).toEqual({ value: 0.5, revenueCents: 28_000, rankedCustomers: 3 });
    expect(caio.score).toBe(0.7812); // 0,375 + 0,375 × 0,75 + 0,25 × 0,5 = 0,78125 (0,78124999… in binary)
    await expectCurrent('caio');

    const cancelled = await admin('POST', `/api/orders/${o.id}/status`, { status: 'cancelado', reason: 'desistiu' });
    expect(cancelled.status).toBe(200);
    caio = await healthOf('caio');
    expect(caio).toMatchObject({ score: 0.3125, category: 'normal' });
    await expectCurrent('caio');

    // Bia's late payment is reversed: her order is open again but not handed over → not judged.
    const rev = await admin('POST', `/api/payments/${ids.biaPayment}/reverse`, { reason: 'pix devolvido' });
    expect(rev.status).toBe(201);
    let bia = await healthOf('bia');
    expect(bia.pillars.pontualidade).toMatchObject({ value: null, late: 0 });
    expect(bia.score).toBe(0.375);
    await expectCurrent('bia');
    // Paid again today, 19 days after it was due: 0,5 × (1 − 19/30).
    await pay(ids.biaOrder as number, 5_000, '2026-11-24T12:00:00Z');
    bia = await healthOf('bia');
    expect(bia.pillars.pontualidade).toMatchObject({ value: 0.1833, late: 1, averageDaysLate: 19 });
    await expectCurrent('bia');

    // Ana buys on crediário: two installments from 24/12; the first paid today, before it is due.
    const credit = await order('ana', '2026-11-24', 20_000);
    const plan = await admin('POST', `/api/orders/${credit.id}/installment-plan`, {
      count: 2,
      firstDueDate: '2026-12-24',
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    await expectCurrent('ana');
    const first = plan.body.installments[0].id;
    const paid = await admin('POST', `/api/installments/${first}/payments`, {
      amountCents: 10_000,
      paymentMethodId: pix,
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    const ana = await healthOf('ana');
    expect(ana.pillars.pontualidade).toEqual({ value: 1, onTime: 1, late: 0, overdueOpen: 0, averageDaysLate: 0 });
    expect(ana.pillars.frequencia.orders).toBe(4);
    await expectCurrent('ana');

    // An order edited to another customer moves the figures of both; deleting it removes them.
    const moved = await order('bia', '2026-11-24', 1_000);
    const edit = await admin('PATCH', `/api/orders/${moved.id}`, { version: moved.version, customerId: ids.davi });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expect((await healthOf('davi')).pillars.frequencia.orders).toBe(1);
    expect((await healthOf('bia')).pillars.frequencia.orders).toBe(1);
    await expectCurrent('davi');
    expect((await admin('DELETE', `/api/orders/${moved.id}`)).status).toBe(200);
    expect((await healthOf('davi')).scored).toBe(false);
    await expectCurrent('davi');
  });

  it('a write that fails leaves the scores as they were', async () => {
    const before = scores();
    const res = await admin('POST', `/api/orders/${ids.biaOrder}/payments`, {
      amountCents: 1,
      paymentMethodId: 999_999,
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(scores()).toEqual(before);
  });
});

describe('em risco, notes and the nightly job', () => {
  it('lists good customers past their habit and those who fell a category, with the last contact', async () => {
    // 40 days later: Ana (campeã, habit 25,5 days) is past it; the nightly job recomputes everyone.
    await moveClock('2027-01-03T13:00:00Z');
    const job = JOBS.find((j) => j.name === 'saude-clientes');
    expect(job).toBeDefined();
    const before = (await healthOf('ana')).score;
    const run = await runJob(core.app, job as (typeof JOBS)[number]);
    expect(run.outcome).toBe('ok');
    expect(run.items).toBe(3);
    const ana = await healthOf('ana');
    expect(ana.pillars.recencia.daysSinceLastOrder).toBe(40);
    expect(ana.score).toBeLessThan(before);
    // Ana's days: gaps 30, 21 and 10 → habit 21; 40 days → recência 1 − 19/42; still campeã, but late.
    expect(ana.pillars.recencia.usualIntervalDays).toBe(21);
    expect(ana).toMatchObject({ score: 0.8643, category: 'campeao' });
    // Bia: 63 days against the shop's 30 → recência 0,45; 0,3 × 0,45 + 0,2 × 0,1833 → crítica (was normal).
    expect(await healthOf('bia')).toMatchObject({ score: 0.1717, category: 'critico' });
    const risk = (await admin('GET', '/api/customer-health/at-risk')).body.items;
    expect(risk).toEqual([
      expect.objectContaining({
        customerId: ids.ana,
        name: 'Ana Souza',
        phone: '11987654321',
        reason: 'atrasado',
        fromCategory: null,
        daysSinceLastOrder: 40,
        usualIntervalDays: 21,
        lastContactAt: null,
      }),
      expect.objectContaining({ customerId: ids.bia, reason: 'caiu', fromCategory: 'normal', category: 'critico' }),
    ]);
    expect(ana.history.map((h: { month: string }) => h.month)).toEqual(['2026-11', '2027-01']);

    const note = await admin('POST', `/api/customer-health/customers/${ids.ana}/notes`, {
      notes: 'Mandei mensagem oferecendo a nova coleção',
    });
    expect(note.status).toBe(201);
    const after = (await admin('GET', '/api/customer-health/at-risk')).body.items.find(
      (r: { customerId: number }) => r.customerId === ids.ana,
    );
    expect(after.lastContactNote).toBe('Mandei mensagem oferecendo a nova coleção');
    const timeline = await admin('GET', `/api/customers/${ids.ana}/interactions`);
    expect(JSON.stringify(timeline.body)).toContain('nova coleção');
    expect((await admin('POST', `/api/customer-health/customers/999999/notes`, { notes: 'x' })).status).toBe(404);
  });

  it('weights are validated and change every score at once', async () => {
    const zero = await admin('PUT', '/api/customer-health/settings', {
      weights: { recencia: 0, frequencia: 0, valor: 0, pontualidade: 0 },
      defaultIntervalDays: 30,
    });
    expect(zero.status).toBe(400);
    expect(zero.body.error.fields.weights).toContain('zero');
    const negative = await admin('PUT', '/api/customer-health/settings', {
      weights: { recencia: -1, frequencia: 1, valor: 1, pontualidade: 1 },
      defaultIntervalDays: 30,
    });
    expect(negative.status).toBe(400);
    const ok = await admin('PUT', '/api/customer-health/settings', {
      weights: { recencia: 0, frequencia: 0, valor: 1, pontualidade: 0 },
      defaultIntervalDays: 30,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.recomputed).toBe(3);
    for (const r of (await admin('GET', '/api/customer-health')).body.items) expect(r.score).toBe(r.valor);
    await admin('PUT', '/api/customer-health/settings', {
      weights: { recencia: 30, frequencia: 30, valor: 20, pontualidade: 20 },
      defaultIntervalDays: 30,
    });
  });
});

describe('who sees what', () => {
  it('a vendedor sees only their own customers; produção sees no money', async () => {
    for (const [username, role] of [
      ['vera', 'vendedor'],
      ['paulo', 'producao'],
    ]) {
      const res = await admin('POST', '/api/users', {
        name: username,
        username,
        role,
        password: `${username}-senha-1`,
      });
      expect(res.status).toBe(201);
    }
    const login = async (username: string) =>
      api(
        core.url,
        (await api(core.url)('POST', '/api/auth/login', { username, password: `${username}-senha-1` })).body.token,
      );
    const vera = await login('vera');
    const paulo = await login('paulo');
    // Vera sells to Davi: he is hers.
    await order('davi', '2027-01-03', 3_000, vera);

    const mine = (await vera('GET', '/api/customer-health')).body;
    expect(mine.items.map((r: { name: string }) => r.name)).toEqual(['Davi Melo']);
    expect((await vera('GET', '/api/customer-health/distribution')).body.total).toBe(1);
    expect((await vera('GET', `/api/customer-health/customers/${ids.ana}`)).status).toBe(403);
    expect((await vera('GET', `/api/customer-health/customers/${ids.davi}`)).status).toBe(200);
    const veraRisk = (await vera('GET', '/api/customer-health/at-risk')).body.items;
    expect(veraRisk.every((r: { customerId: number }) => r.customerId === ids.davi)).toBe(true);
    const veraKpis = (await vera('GET', '/api/customer-health/kpis?preset=mes')).body;
    expect(veraKpis.orders).toBe(1);
    expect(veraKpis.averageTicketCents).toBe(3_000);

    const all = (await paulo('GET', '/api/customer-health')).body.items;
    expect(all).toHaveLength(4);
    for (const r of all) expect(r).not.toHaveProperty('revenue12mCents');
    const detail = (await paulo('GET', `/api/customer-health/customers/${ids.ana}`)).body;
    expect(detail.pillars.valor).not.toHaveProperty('revenueCents');
    const kpis = (await paulo('GET', '/api/customer-health/kpis?preset=mes')).body;
    expect(kpis).not.toHaveProperty('averageTicketCents');
    expect(kpis).not.toHaveProperty('lifetimeValueCents');
    expect((await paulo('GET', '/api/customer-health?sort=-valor')).status).toBe(400);
    expect((await paulo('PUT', '/api/customer-health/settings', {})).status).toBe(403);
  });
});

describe('KPIs over a period', () => {
  it('counts active, new and churned customers, ticket, lifetime value and deliveries', async () => {
    await moveClock('2026-12-10T13:00:00Z');
    // December 2026 against November 2026 (Ana, Bia, Caio active in November; nobody ordered in December yet).
    const dec = (await admin('GET', '/api/customer-health/kpis?preset=mes')).body;
    expect(dec).toMatchObject({
      from: '2026-12-01',
      to: '2026-12-31',
      previousFrom: '2026-11-01',
      previousTo: '2026-11-30',
      activeCustomers: 0,
      previousActive: 2, // Ana and Bia (Caio's November order was cancelled)
      churned: 2,
      churnRate: 1,
    });
    const nov = (await admin('GET', '/api/customer-health/kpis?preset=personalizado&from=2026-11-01&to=2026-11-30'))
      .body;
    // November: Ana 10.000 + 20.000, Bia 5.000 → 3 orders, R$ 116,67 average; Davi joined in November.
    expect(nov).toMatchObject({ activeCustomers: 2, orders: 3, averageTicketCents: 11_667, newCustomers: 1 });
    const bad = await admin('GET', '/api/customer-health/kpis?preset=personalizado&from=2026-11-30');
    expect(bad.status).toBe(400);
  });
});

describe('random writes', () => {
  it('after each create, edit, payment, reversal, cancellation or deletion the score equals a recompute from scratch', async () => {
    await moveClock('2026-12-15T13:00:00Z');
    let seed = 42;
    const rand = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
    const people = ['ana', 'bia', 'caio', 'davi'];
    const open: Array<{ id: number; version: number; customer: string; paid: number[] }> = [];
    const ops: Record<string, number> = {};
    for (let step = 0; step < 40; step++) {
      const kind =
        open.length < 3 ? 'create' : pick(['create', 'create', 'pay', 'reverse', 'cancel', 'delete', 'edit']);
      let touched = pick(people);
      if (kind === 'create') {
        touched = pick(people);
        const day = `2026-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 14)).padStart(2, '0')}`;
        const o = await order(touched, day, 1_000 * (1 + Math.floor(rand() * 20)), admin, day);
        open.push({ id: o.id, version: o.version, customer: touched, paid: [] });
      } else {
        const target = pick(open);
        touched = target.customer;
        if (kind === 'pay') {
          const res = await admin('POST', `/api/orders/${target.id}/payments`, {
            amountCents: 500,
            paymentMethodId: pix,
          });
          if (res.status === 201) target.paid.push(res.body.id);
        } else if (kind === 'reverse' && target.paid.length) {
          const payment = target.paid.pop() as number;
          expect((await admin('POST', `/api/payments/${payment}/reverse`, { reason: 'teste' })).status).toBe(201);
        } else if (kind === 'cancel') {
          const res = await admin('POST', `/api/orders/${target.id}/status`, { status: 'cancelado', reason: 'teste' });
          if (res.status === 200) open.splice(open.indexOf(target), 1);
        } else if (kind === 'delete' && target.paid.length === 0) {
          const res = await admin('DELETE', `/api/orders/${target.id}`);
          if (res.status === 200) open.splice(open.indexOf(target), 1);
        } else if (kind === 'edit') {
          const current = (await admin('GET', `/api/orders/${target.id}`)).body;
          const next = pick(people);
          const res = await admin('PATCH', `/api/orders/${target.id}`, {
            version: current.version,
            customerId: ids[next],
          });
          if (res.status === 200) {
            await expectCurrent(target.customer);
            target.customer = next;
            touched = next;
          }
        }
      }
      ops[kind] = (ops[kind] ?? 0) + 1;
      await expectCurrent(touched);
    }
    expect(ops.create).toBeGreaterThan(5);
  });
});
