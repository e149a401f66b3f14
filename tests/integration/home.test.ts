import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src-main/clock';
import type { Core } from '../../src-main/core';
import { homeLinks } from '../../src-renderer/lib/home-links';
import { filtersFromQuery, filtersToInput } from '../../src-renderer/lib/order-list';
import { queryParams } from '../../src-renderer/lib/url-filters';
import { addDays } from '../../src-shared/domain/credit';
import { ADMIN, api, CPF_JOAO, CPF_MARIA, startTestCore, userWithRole } from '../helpers/app';
import { seedCatalog } from '../helpers/fixtures';

/**
 * Início on a hand-computed fixture: two months of a small shop, built through the API with the
 * clock moved day by day (shop zone America/Sao_Paulo, every action at 12:00 local). "Today" is
 * Wednesday 25/11/2026: the week ends Sunday 29/11, the month-to-date is 01–25/11 and the same
 * days of last month 01–25/10; the last 30 days are 27/10–25/11, the 30 before them 27/09–26/10.
 *
 *  A  05/10 → 06/10  10 × R$ 10,00 camiseta              cancelled on 22/10 (no sale)
 *  B  20/10 → 22/10   5 × R$ 20,00 camiseta              made, paid by Pix and delivered on 22/10
 *  C  28/10 → 20/11   3 × R$ 10,00 camiseta + 1 m² lona R$ 45,00 = R$ 75,00; two stages done (waits on impressão)
 *  J  01/11 → 10/11   2 × R$ 10,00 camiseta              still waiting for finance approval
 *  D  02/11 → 25/11  20 × R$ 10,00 camiseta              R$ 50,00 down in cash + crediário 3 × R$ 50,00 from 10/11 (1st unpaid)
 *  E  20/11 → 27/11   4 × R$ 25,00 camiseta              R$ 40,00 Pix on 20/11, ready on 22/11, today R$ 30,00 cash,
 *                                                          and R$ 10,00 Pix reversed
 *  F, G, H quotes of 20/11 valid until 28/11, 05/12, 24/11
 *  I  25/11 → 25/11  (by the seller, for Maria) 1 × R$ 30,00 camiseta + 1 m² lona R$ 20,00 = R$ 50,00
 */

const clock = manualClock('2026-10-05T15:00:00Z');
let core: Core;
let admin: ReturnType<typeof api>;
let cat: Awaited<ReturnType<typeof seedCatalog>>;
let joao: number;
let maria: number;
const method: Record<string, number> = {};
const ids: Record<string, number> = {};

async function travel(day: string) {
  clock.set(`${day}T15:00:00Z`);
  const token = (await api(core.url)('POST', '/api/auth/login', { username: ADMIN.username, password: ADMIN.password }))
    .body.token;
  admin = api(core.url, token);
}

function ok<T = { id: number; version: number }>(res: { status: number; body: unknown }): T {
  if (res.status >= 300) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

const shirts = (quantity: number, unitPriceCents: number) => ({
  productId: cat.camiseta,
  description: 'Camisetas',
  quantity,
  unitPriceCents,
});
const banner = (unitPriceCents: number) => ({
  productId: cat.lona,
  description: 'Banner',
  widthMm: 1000,
  heightMm: 1000,
  quantity: 1,
  unitPriceCents,
});

async function order(
  name: string,
  deliveryDate: string,
  items: unknown[],
  customerId = joao,
  as: ReturnType<typeof api> = admin,
) {
  const out = ok<{ id: number; totalCents: number }>(
    await as('POST', '/api/orders', { customerId, deliveryDate, items }),
  );
  ids[name] = out.id;
  return out;
}

async function stages(id: number, keys: string[]) {
  for (const stage of keys) ok(await admin('POST', `/api/orders/${id}/stages/${stage}`, { done: true }));
}
const ALL_STAGES = ['financeiro', 'conferencia', 'impressao', 'acabamento', 'expedicao'];

let sellerToken: string;
let productionToken: string;
let financeToken: string;

beforeAll(async () => {
  core = await startTestCore({ clock });
  const token = (await api(core.url)('POST', '/api/setup', { companyName: 'Gráfica Exemplo', admin: ADMIN })).body
    .token;
  admin = api(core.url, token);
  cat = await seedCatalog(admin);
  joao = ok(await admin('POST', '/api/customers', { name: 'João da Silva', document: CPF_JOAO })).id;
  maria = ok(await admin('POST', '/api/customers', { name: 'Maria Conceição', document: CPF_MARIA })).id;
  for (const m of (await admin('GET', '/api/payment-methods')).body.items) method[m.kind] = m.id;

  await order('A', '2026-10-06', [shirts(10, 1000)]);
  await travel('2026-10-20');
  await order('B', '2026-10-22', [shirts(5, 2000)]);
  await stages(ids.B as number, ALL_STAGES);
  await travel('2026-10-22');
  ok(await admin('POST', `/api/orders/${ids.B}/payments`, { amountCents: 10000, paymentMethodId: method.pix }));
  ok(await admin('POST', `/api/orders/${ids.B}/status`, { status: 'entregue' }));
  ok(await admin('POST', `/api/orders/${ids.A}/status`, { status: 'cancelado', reason: 'Cliente desistiu' }));
  await travel('2026-10-28');
  expect((await order('C', '2026-11-20', [shirts(3, 1000), banner(4500)])).totalCents).toBe(7500);
  await stages(ids.C as number, ['financeiro', 'conferencia']);
  await travel('2026-11-01');
  await order('J', '2026-11-10', [shirts(2, 1000)]);
  await travel('2026-11-02');
  await order('D', '2026-11-25', [shirts(20, 1000)]);
  ok(
    await admin('POST', `/api/orders/${ids.D}/installment-plan`, {
      downPaymentCents: 5000,
      downPaymentMethodId: method.dinheiro,
      count: 3,
      firstDueDate: '2026-11-10',
    }),
  );
  await travel('2026-11-20');
  await order('E', '2026-11-27', [shirts(4, 2500)]);
  ok(await admin('POST', `/api/orders/${ids.E}/payments`, { amountCents: 4000, paymentMethodId: method.pix }));
  for (const [name, validUntil] of [
    ['F', '2026-11-28'],
    ['G', '2026-12-05'],
    ['H', '2026-11-24'],
  ] as const) {
    ids[name] = ok(
      await admin('POST', '/api/orders', { kind: 'orcamento', customerId: joao, validUntil, items: [shirts(1, 1000)] }),
    ).id;
  }
  await travel('2026-11-22');
  await stages(ids.E as number, ALL_STAGES);
  await travel('2026-11-25');
  sellerToken = (await userWithRole(core.app, 'vendedor', 'vera')).token;
  productionToken = (await userWithRole(core.app, 'producao', 'paulo')).token;
  financeToken = (await userWithRole(core.app, 'financeiro', 'fabi')).token;
  const seller = api(core.url, sellerToken);
  expect((await order('I', '2026-11-25', [shirts(1, 3000), banner(2000)], maria, seller)).totalCents).toBe(5000);
  ok(await admin('POST', `/api/orders/${ids.E}/payments`, { amountCents: 3000, paymentMethodId: method.dinheiro }));
  const wrong = ok(
    await admin('POST', `/api/orders/${ids.E}/payments`, { amountCents: 1000, paymentMethodId: method.pix }),
  );
  ok(await admin('POST', `/api/payments/${wrong.id}/reverse`, { reason: 'Lançado duas vezes' }));
}, 60_000);
afterAll(() => core.stop());

const last30Days = (from: string) => Array.from({ length: 30 }, (_, i) => addDays(from, i));

describe('Início for the shop (admin)', () => {
  it('today: due today, overdue with how late, finance approval, stages, ready for N days, quotes expiring this week', async () => {
    const res = await admin('GET', '/api/home');
    expect(res.status).toBe(200);
    const home = res.body;
    expect(home).toMatchObject({ today: '2026-11-25', monthFrom: '2026-11-01', scope: 'loja' });
    const ops = home.operations;
    expect(ops.dueToday).toEqual({ count: 2 }); // D and I
    expect(ops.overdue).toEqual({
      count: 2,
      maxDaysLate: 15,
      items: [
        { id: ids.J, number: expect.any(String), customerName: 'João da Silva', date: '2026-11-10', days: 15 },
        { id: ids.C, number: expect.any(String), customerName: 'João da Silva', date: '2026-11-20', days: 5 },
      ],
    });
    expect(ops.awaitingApproval).toEqual({ count: 3 }); // J, D, I
    expect(ops.stages).toEqual([
      { key: 'financeiro', label: 'Financeiro', count: 3 },
      { key: 'conferencia', label: 'Conferência', count: 0 },
      { key: 'impressao', label: 'Impressão/Sublimação', count: 1 },
      { key: 'acabamento', label: 'Acabamento/Costura', count: 0 },
      { key: 'expedicao', label: 'Expedição', count: 0 },
    ]);
    expect(ops.ready).toEqual({
      count: 1,
      maxDays: 3,
      items: [{ id: ids.E, number: expect.any(String), customerName: 'João da Silva', date: '2026-11-22', days: 3 }],
    });
    expect(ops.quotesExpiring).toEqual({
      from: '2026-11-25',
      to: '2026-11-29',
      count: 1,
      items: [{ id: ids.F, number: expect.any(String), customerName: 'João da Silva', date: '2026-11-28', days: 3 }],
    });
  });

  it('money: received today by method (a reversal nets out), due today and this week, overdue installments with charges', async () => {
    const { money } = (await admin('GET', '/api/home')).body;
    expect(money.receivedToday.totalCents).toBe(3000);
    expect(money.receivedToday.count).toBe(3);
    expect(money.receivedToday.byMethod).toEqual([
      { paymentMethodId: method.dinheiro, name: 'Dinheiro', totalCents: 3000, count: 1 },
      { paymentMethodId: method.pix, name: 'Pix', totalCents: 0, count: 2 },
    ]);
    // Today: I's R$ 50,00 (D is all on crediário). This week: also E's R$ 30,00 left, due 27/11.
    expect(money.dueToday).toEqual({
      from: '2026-11-25',
      to: '2026-11-25',
      totalCents: 5000,
      ordersCents: 5000,
      installmentsCents: 0,
      count: 1,
    });
    expect(money.dueWeek).toEqual({
      from: '2026-11-25',
      to: '2026-11-29',
      totalCents: 8000,
      ordersCents: 8000,
      installmentsCents: 0,
      count: 2,
    });
    // D's 1st installment, R$ 50,00 due 10/11: 2% fine (R$ 1,00) + 1% a month for 15 days (R$ 0,25).
    expect(money.overdueInstallments).toEqual({ count: 1, principalCents: 5000, chargesCents: 125 });
  });

  it('sales: month-to-date against the same days of last month, average ticket, 30 days against the 30 before', async () => {
    const { sales } = (await admin('GET', '/api/home')).body;
    // November to date: J 20,00 + D 200,00 + E 100,00 + I 50,00 = 370,00 in 4 orders; October 1–25: B 100,00 (A cancelled).
    expect(sales.monthToDate).toEqual({ from: '2026-11-01', to: '2026-11-25', totalCents: 37000, count: 4 });
    expect(sales.sameDaysLastMonth).toEqual({ from: '2026-10-01', to: '2026-10-25', totalCents: 10000, count: 1 });
    expect(sales.changePercent).toBe(270);
    expect(sales.averageTicketCents).toBe(9250);
    expect(sales.last30).toEqual({ from: '2026-10-27', to: '2026-11-25', totalCents: 44500, count: 5 });
    expect(sales.previous30).toEqual({ from: '2026-09-27', to: '2026-10-26', totalCents: 10000, count: 1 });
    expect(sales.days.map((d: { date: string }) => d.date)).toEqual(last30Days('2026-10-27'));
    const byDate = new Map(sales.days.map((d: { date: string }) => [d.date, d]));
    expect(byDate.get('2026-10-28')).toEqual({
      date: '2026-10-28',
      totalCents: 7500,
      previousDate: '2026-09-28',
      previousCents: 0,
    });
    expect(byDate.get('2026-11-19')).toEqual({
      date: '2026-11-19',
      totalCents: 0,
      previousDate: '2026-10-20',
      previousCents: 10000,
    });
    expect(byDate.get('2026-11-02')).toMatchObject({ totalCents: 20000 });
    const sum = (k: 'totalCents' | 'previousCents') =>
      sales.days.reduce((s: number, d: Record<string, number>) => s + (d[k] as number), 0);
    expect(sum('totalCents')).toBe(44500);
    expect(sum('previousCents')).toBe(10000);
  });

  it("crediário: total a receber, inadimplência and its share, crediário sold this month; this month's orders by type", async () => {
    const home = (await admin('GET', '/api/home')).body;
    expect(home.credit).toEqual({
      receivableCents: 15000,
      overduePrincipalCents: 5000,
      overdueShare: 0.3333,
      soldThisMonthCents: 15000,
      soldThisMonthCount: 1,
    });
    expect(home.productionTypes).toEqual([
      { type: 'camiseta', orders: 4, items: 4, totalCents: 35000 },
      { type: 'lona', orders: 1, items: 1, totalCents: 2000 },
    ]);
  });

  it('financeiro sees the same shop numbers as the admin', async () => {
    const fin = (await api(core.url, financeToken)('GET', '/api/home')).body;
    const own = (await admin('GET', '/api/home')).body;
    expect(fin).toEqual(own);
  });
});

describe('every number links to the list that explains it', () => {
  /** What the orders list counts for a link of Início, read as the list page reads it. */
  async function ordersTotal(href: string, as: ReturnType<typeof api> = admin): Promise<number> {
    const [path, search = ''] = href.split('?');
    expect(path).toBe('/pedidos');
    const input = filtersToInput(filtersFromQuery(queryParams(search) ?? {}));
    const query = new URLSearchParams({ perPage: '1' });
    for (const [k, v] of Object.entries(input)) query.set(k, Array.isArray(v) ? v.join(',') : String(v));
    const res = await as('GET', `/api/orders?${query}`);
    expect(res.status).toBe(200);
    return res.body.total;
  }

  it("a seller's links keep to their own customers, as their numbers do", async () => {
    const seller = api(core.url, sellerToken);
    const home = (await seller('GET', '/api/home')).body;
    const links = homeLinks(home.today, home.monthFrom, home.scope === 'proprios');
    expect(links.dueToday).toContain('own=true');
    expect(await ordersTotal(links.dueToday, seller)).toBe(1);
    expect(await ordersTotal(links.dueToday, seller)).toBe(home.operations.dueToday.count);
    expect(await ordersTotal(links.approval, seller)).toBe(home.operations.awaitingApproval.count);
    expect(await ordersTotal(links.sales, seller)).toBe(home.sales.monthToDate.count);
    // Without `own` the seller's list shows the shop's orders (more than their Início counts).
    expect(await ordersTotal(homeLinks(home.today, home.monthFrom).dueToday, seller)).toBe(2);
  });

  it("the orders list with the link's filters counts the same orders as Início", async () => {
    const home = (await admin('GET', '/api/home')).body;
    const links = homeLinks(home.today, home.monthFrom);
    const ops = home.operations;
    expect(await ordersTotal(links.dueToday)).toBe(ops.dueToday.count);
    expect(await ordersTotal(links.overdue)).toBe(ops.overdue.count);
    expect(await ordersTotal(links.approval)).toBe(ops.awaitingApproval.count);
    expect(await ordersTotal(links.ready)).toBe(ops.ready.count);
    expect(await ordersTotal(links.quotes)).toBe(ops.quotesExpiring.count);
    expect(await ordersTotal(links.sales)).toBe(home.sales.monthToDate.count);
    for (const row of home.productionTypes) expect(await ordersTotal(links.productionType(row.type))).toBe(row.orders);
  });

  it("the finance lists with the link's filters hold the same money", async () => {
    const home = (await admin('GET', '/api/home')).body;
    const links = homeLinks(home.today, home.monthFrom);
    const search = (href: string) => href.split('?')[1] ?? '';
    expect(links.received).toBe('/financeiro/pagamentos?from=2026-11-25&to=2026-11-25');
    const payments = (await admin('GET', `/api/payments?${search(links.received)}`)).body;
    expect(payments.totalCents).toBe(home.money.receivedToday.totalCents);
    const week = (await admin('GET', `/api/receivables?${search(links.dueWeek)}`)).body;
    expect(week.totalCents).toBe(home.money.dueWeek.totalCents);
    expect(links.overdueInstallments).toBe('/financeiro/parcelas?overdue=true');
    const late = (await admin('GET', `/api/installments?${search(links.overdueInstallments)}`)).body;
    expect(late.total).toBe(home.money.overdueInstallments.count);
  });
});

describe('Início by role', () => {
  it('producao sees production and no money at all: no sales, cash, crediário nor any amount', async () => {
    const res = await api(core.url, productionToken)('GET', '/api/home');
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body);
    expect(res.body.sales).toBeUndefined();
    expect(res.body.money).toBeUndefined();
    expect(res.body.credit).toBeUndefined();
    expect(text).not.toMatch(/Cents|Percent|Share/);
    expect(res.body.operations.overdue.count).toBe(2);
    expect(res.body.productionTypes).toEqual([
      { type: 'camiseta', orders: 4, items: 4 },
      { type: 'lona', orders: 1, items: 1 },
    ]);
  });

  it("vendedor sees only their own customers' orders and sales, and no shop money", async () => {
    const res = await api(core.url, sellerToken)('GET', '/api/home');
    expect(res.status).toBe(200);
    const home = res.body;
    expect(home.scope).toBe('proprios');
    expect(home.money).toBeUndefined();
    expect(home.credit).toBeUndefined();
    expect(home.operations).toMatchObject({
      dueToday: { count: 1 },
      overdue: { count: 0, items: [] },
      awaitingApproval: { count: 1 },
      ready: { count: 0, items: [] },
      quotesExpiring: { count: 0, items: [] },
    });
    expect(home.operations.stages[0]).toEqual({ key: 'financeiro', label: 'Financeiro', count: 1 });
    expect(home.sales.monthToDate).toEqual({ from: '2026-11-01', to: '2026-11-25', totalCents: 5000, count: 1 });
    expect(home.sales.sameDaysLastMonth.totalCents).toBe(0);
    expect(home.sales.changePercent).toBeNull();
    expect(home.sales.last30.totalCents).toBe(5000);
    expect(home.productionTypes).toEqual([
      { type: 'camiseta', orders: 1, items: 1, totalCents: 3000 },
      { type: 'lona', orders: 1, items: 1, totalCents: 2000 },
    ]);
    // Nothing of João's (orders J, C, D, E, the quotes) leaks into the seller's numbers.
    expect(JSON.stringify(home)).not.toContain('João');
  });

  it('a new order changes the numbers at once (no cache): due today and sales move together', async () => {
    const before = (await admin('GET', '/api/home')).body;
    await order('K', '2026-11-25', [shirts(1, 1500)]);
    const after = (await admin('GET', '/api/home')).body;
    expect(after.operations.dueToday.count).toBe(before.operations.dueToday.count + 1);
    expect(after.sales.monthToDate.totalCents).toBe(before.sales.monthToDate.totalCents + 1500);
    ok(await admin('POST', `/api/orders/${ids.K}/status`, { status: 'cancelado', reason: 'Teste' }));
    const cancelled = (await admin('GET', '/api/home')).body;
    expect(cancelled.sales.monthToDate).toEqual(before.sales.monthToDate);
    expect(cancelled.operations.dueToday).toEqual(before.operations.dueToday);
  });
});
