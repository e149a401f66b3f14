import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src-main/clock';
import type { Core } from '../../src-main/core';
import { ADMIN, api, CPF_JOAO, CPF_MARIA, startTestCore } from '../helpers/app';
import { seedCatalog } from '../helpers/fixtures';

/**
 * A hand-computed month: two weeks of orders with real costs, a cancelled order, a quote, a
 * reprint, payments, a reversal, a crediário and an installment paid. Every number below is worked
 * out by hand from the fixture (see the comments), never read back from the app.
 *
 * Clock: Tuesday 24/11/2026. Week B = 23–29/11, week A = 16–22/11.
 * Catalogue: Lona (m², R$ 45,00/m², cost R$ 18,00/m²), Camiseta (un, R$ 39,90, cost set to R$ 12,00).
 */
const clock = manualClock('2026-11-24T13:00:00Z');
let core: Core;
let admin: ReturnType<typeof api>;
let seller: ReturnType<typeof api>;
let production: ReturnType<typeof api>;
let finance: ReturnType<typeof api>;
let cat: Awaited<ReturnType<typeof seedCatalog>>;
let joao: number;
let maria: number;
let pix: number;
let cash: number;

async function order(client: ReturnType<typeof api>, body: Record<string, unknown>) {
  const res = await client('POST', '/api/orders', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; version: number; items: Array<{ id: number; costCents: number }> };
}

async function login(username: string, role: string) {
  const created = await admin('POST', '/api/users', {
    name: username,
    username,
    role,
    password: `${username}-senha-1`,
  });
  expect(created.status).toBe(201);
  const res = await api(core.url)('POST', '/api/auth/login', { username, password: `${username}-senha-1` });
  return { id: created.body.id as number, client: api(core.url, res.body.token) };
}

beforeAll(async () => {
  core = await startTestCore({ clock });
  const setup = await api(core.url)('POST', '/api/setup', { companyName: 'Gráfica Exemplo', admin: ADMIN });
  admin = api(core.url, setup.body.token);
  cat = await seedCatalog(admin);
  const shirt = (await admin('GET', `/api/products/${cat.camiseta}`)).body;
  expect(
    (await admin('PATCH', `/api/products/${cat.camiseta}`, { version: shirt.version, costCents: 1200 })).status,
  ).toBe(200);
  joao = (await admin('POST', '/api/customers', { name: 'João da Silva', document: CPF_JOAO })).body.id;
  maria = (await admin('POST', '/api/customers', { name: 'Maria Souza', document: CPF_MARIA })).body.id;
  const methods = (await admin('GET', '/api/payment-methods?perPage=100')).body.items as Array<{
    id: number;
    kind: string;
  }>;
  pix = methods.find((m) => m.kind === 'pix')?.id as number;
  cash = methods.find((m) => m.kind === 'dinheiro')?.id as number;
  seller = (await login('vitor', 'vendedor')).client;
  production = (await login('paulo', 'producao')).client;
  finance = (await login('fabi', 'financeiro')).client;

  // Week A
  // O1: João, Vera, Motoboy (frete R$ 15,00): lona 2,00 × 1,00 → 2 m²: R$ 90,00, cost R$ 36,00; total R$ 105,00.
  const o1 = await order(admin, {
    customerId: joao,
    entryDate: '2026-11-17',
    deliveryDate: '2026-11-20',
    sellerId: cat.seller,
    shippingMethodId: cat.shipping,
    items: [
      {
        productId: cat.lona,
        description: 'Banner',
        widthMm: 2000,
        heightMm: 1000,
        quantity: 1,
        designerId: cat.designer,
        machineId: cat.machine,
      },
    ],
  });
  // O2: Maria, 10 camisetas R$ 399,00, cost R$ 120,00, desconto R$ 9,00 → R$ 390,00.
  await order(admin, {
    customerId: maria,
    entryDate: '2026-11-18',
    deliveryDate: '2026-11-25',
    discountCents: 900,
    items: [{ productId: cat.camiseta, description: 'Camisetas', quantity: 10 }],
  });
  // Week B
  // O3: João, Vera: 2 × lona 3,00 × 1,00 (6 m²: R$ 270,00, cost R$ 108,00) + 5 camisetas (R$ 199,50, cost R$ 60,00),
  // desconto R$ 9,50 → R$ 460,00.
  const o3 = await order(admin, {
    customerId: joao,
    entryDate: '2026-11-23',
    deliveryDate: '2026-11-27',
    sellerId: cat.seller,
    discountCents: 950,
    items: [
      {
        productId: cat.lona,
        description: 'Faixas',
        widthMm: 3000,
        heightMm: 1000,
        quantity: 2,
        machineId: cat.machine,
      },
      { productId: cat.camiseta, description: 'Camisetas', quantity: 5 },
    ],
  });
  // O4: Maria, 3 camisetas R$ 119,70 — cancelled: out of sales, in the status group.
  const o4 = await order(admin, {
    customerId: maria,
    entryDate: '2026-11-24',
    deliveryDate: '2026-11-26',
    items: [{ productId: cat.camiseta, description: 'Camisetas', quantity: 3 }],
  });
  expect(
    (await admin('POST', `/api/orders/${o4.id}/status`, { status: 'cancelado', reason: 'Cliente desistiu' })).status,
  ).toBe(200);
  // A quote never counts.
  await order(admin, {
    kind: 'orcamento',
    customerId: maria,
    entryDate: '2026-11-24',
    items: [{ productId: cat.lona, description: 'Orçamento', widthMm: 1000, heightMm: 1000, quantity: 1 }],
  });
  // Reprint of O3's lona: price 0, its items cost again (2 × 3 m² × R$ 18,00 = R$ 108,00); reprint cost R$ 50,00.
  const reprint = await admin('POST', `/api/orders/${o3.id}/reprints`, {
    itemId: o3.items[0]?.id,
    reason: 'Cor errada',
    costCents: 5000,
  });
  expect(reprint.status).toBe(201);
  expect(reprint.body.items[0].costCents).toBe(10_800);
  // O6: made by the seller Vitor (no staff seller): João, 2 camisetas R$ 79,80, cost R$ 24,00.
  await order(seller, {
    customerId: joao,
    entryDate: '2026-11-24',
    deliveryDate: '2026-11-28',
    items: [{ productId: cat.camiseta, description: 'Camisetas', quantity: 2 }],
  });

  // Money: O1 paid by Pix on 17/11; O3 R$ 200,00 cash, R$ 60,00 Pix reversed, R$ 260,00 on a 2× crediário,
  // the first installment (R$ 130,00) paid by Pix.
  const pay = async (id: number, amountCents: number, method: number, paidAt?: string) => {
    const res = await admin('POST', `/api/orders/${id}/payments`, {
      amountCents,
      paymentMethodId: method,
      ...(paidAt && { paidAt }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as number;
  };
  await pay(o1.id, 10_500, pix, '2026-11-17T15:00:00Z');
  await pay(o3.id, 20_000, cash, '2026-11-23T15:00:00Z');
  const wrong = await pay(o3.id, 6000, pix);
  expect((await admin('POST', `/api/payments/${wrong}/reverse`, { reason: 'Lançado duas vezes' })).status).toBe(201);
  const plan = await admin('POST', `/api/orders/${o3.id}/installment-plan`, { count: 2, firstDueDate: '2026-12-24' });
  expect(plan.status, JSON.stringify(plan.body)).toBe(201);
  const first = plan.body.installments[0];
  const paid = await admin('POST', `/api/installments/${first.id}/payments`, {
    amountCents: 13_000,
    paymentMethodId: pix,
  });
  expect(paid.status, JSON.stringify(paid.body)).toBe(201);
  expect(o1.id).toBeGreaterThan(0);
});
afterAll(() => core.stop());

describe('weekly metrics', () => {
  it('adds up the week against the previous one, with profit from the real costs', async () => {
    const res = await admin('GET', '/api/reports/weekly?date=2026-11-24');
    expect(res.status).toBe(200);
    expect(res.body.week).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(res.body.previousWeek).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    // Week B: O3 + O6 (O4 cancelled, the quote and the reprint are not sales).
    // Items 469,50 + 79,80 = 549,30; cost 108 + 60 + 108 (reprint) + 24 = 300,00; profit 549,30 − 9,50 − 300,00.
    expect(res.body.current).toEqual({
      orders: 2,
      lines: 4,
      quantity: 11,
      areaM2: 12,
      salesCents: 53_980,
      itemsCents: 54_930,
      discountCents: 950,
      freightCents: 0,
      costCents: 30_000,
      profitCents: 23_980,
      ticketCents: 26_990,
    });
    expect(res.body.previous).toEqual({
      orders: 2,
      lines: 2,
      quantity: 11,
      areaM2: 2,
      salesCents: 49_500,
      itemsCents: 48_900,
      discountCents: 900,
      freightCents: 1500,
      costCents: 15_600,
      profitCents: 32_400,
      ticketCents: 24_750,
    });
    // Top by revenue: lona R$ 270,00 (the reprint is not a sale), camisetas 7 × R$ 39,90.
    expect(
      res.body.topByRevenue.map((p: { name: string; revenueCents: number; quantity: number; costCents: number }) => [
        p.name,
        p.revenueCents,
        p.quantity,
        p.costCents,
      ]),
    ).toEqual(
      [
        ['Lona 440g', 27_000, 2, 10_800],
        ['Camiseta sublimada', 27_930, 7, 8400],
      ].sort((a, b) => (b[1] as number) - (a[1] as number)),
    );
    expect(res.body.topByQuantity[0].name).toBe('Camiseta sublimada');
  });
});

describe('closing', () => {
  it('totals and every group of the month, by entry date', async () => {
    const res = await admin('GET', '/api/reports/closing?preset=mes');
    expect(res.status).toBe(200);
    const c = res.body;
    expect(c.period).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(c.totals).toMatchObject({
      orders: 4,
      lines: 6,
      quantity: 22,
      areaM2: 14,
      salesCents: 103_480,
      itemsCents: 103_830,
      discountCents: 1850,
      freightCents: 1500,
      costCents: 45_600,
      profitCents: 56_380,
    });
    expect(c.cancelled).toEqual({ orders: 1, totalCents: 11_970 });
    const rows = (g: string) =>
      c.groups[g].map((r: Record<string, unknown>) => [r.label, r.orders, r.lines, r.quantity, r.areaM2, r.valueCents]);
    expect(rows('cliente')).toEqual([
      ['João da Silva', 3, 4, null, null, 64_480],
      ['Maria Souza', 1, 1, null, null, 39_000],
    ]);
    expect(rows('vendedor')).toEqual([
      ['Vera Vendedora', 2, 3, null, null, 56_500],
      ['Sem vendedor', 2, 2, null, null, 46_980],
    ]);
    expect(rows('envio')).toEqual([
      ['Sem forma de envio', 3, 4, null, null, 92_980],
      ['Motoboy', 1, 1, null, null, 10_500],
    ]);
    expect(rows('status')).toEqual([
      // Sales by status: reprints are not sales (O1 1 + O2 1 + O3 2 + O6 1 lines; 1 + 10 + 7 + 2 pieces; 2 + 6 m²).
      ['pendente', 4, 5, 20, 8, 103_480],
      ['cancelado', 1, 1, 3, 0, 11_970],
    ]);
    expect(rows('maquina')).toEqual([
      ['Sem máquina', null, 3, 17, 0, 67_830],
      ['Mimaki JV33', null, 3, 5, 14, 36_000],
    ]);
    expect(rows('tipo')).toEqual([
      ['camiseta', null, 3, 17, 0, 67_830],
      ['lona', null, 3, 5, 14, 36_000],
    ]);
    expect(rows('designer')).toEqual([
      ['Sem designer', null, 5, 21, 12, 94_830],
      ['Dani Designer', null, 1, 1, 2, 9000],
    ]);
    expect(c.groups.maquina.map((r: { costCents: number }) => r.costCents)).toEqual([20_400, 25_200]);
    expect(c.reprints).toMatchObject({
      count: 1,
      costCents: 5000,
      reasons: [{ reason: 'Cor errada', count: 1, costCents: 5000 }],
    });
    // Financial closing: Pix 105 + 60 − 60 + 130 = 235,00 (4 entries), cash 200,00; crediário R$ 260,00.
    expect(c.finance).toEqual({
      byMethod: [
        { methodId: pix, name: 'Pix', payments: 4, totalCents: 23_500 },
        { methodId: cash, name: expect.any(String), payments: 1, totalCents: 20_000 },
      ],
      receivedCents: 43_500,
      reversals: 1,
      reversalsCents: 6000,
      creditSold: 1,
      creditSoldCents: 26_000,
      installmentsReceived: 1,
      installmentsReceivedCents: 13_000,
      chargesCents: 0,
    });
  });

  it('past the limit, the smaller groups add up in one "Outros" row, so the totals still match', async () => {
    const res = await admin('GET', '/api/reports/closing?preset=mes&group=vendedor&limit=1');
    expect(res.status).toBe(200);
    expect(res.body.groups.vendedor).toEqual([
      expect.objectContaining({ key: 'outros', label: 'Outros (2)', orders: 4, lines: 5, valueCents: 103_480 }),
    ]);
    // Only the asked group is computed.
    expect(res.body.groups.cliente).toEqual([]);
    const two = await admin('GET', '/api/reports/closing?preset=mes&group=designer&limit=2');
    expect(two.body.groups.designer.map((r: { label: string; valueCents: number }) => [r.label, r.valueCents])).toEqual(
      [
        ['Sem designer', 94_830],
        ['Dani Designer', 9000],
      ],
    );
  });

  it('by delivery date counts the orders delivered in the period', async () => {
    const res = await admin(
      'GET',
      '/api/reports/closing?preset=personalizado&from=2026-11-25&to=2026-11-30&basis=entrega',
    );
    expect(res.status).toBe(200);
    // O2 (25/11), O3 (27/11), O6 (28/11); O4 cancelled; the reprint (27/11) is not a sale but is produced.
    expect(res.body.totals).toMatchObject({ orders: 3, salesCents: 92_980, lines: 5, quantity: 21 });
  });

  it('refuses a custom period without dates or backwards, on the field', async () => {
    const missing = await admin('GET', '/api/reports/closing?preset=personalizado&from=2026-11-01');
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.to).toMatch(/data/);
    const backwards = await admin('GET', '/api/reports/closing?preset=personalizado&from=2026-11-10&to=2026-11-01');
    expect(backwards.status).toBe(400);
  });
});

describe('trends', () => {
  it('per week, with the previous week and last year', async () => {
    const res = await admin(
      'GET',
      '/api/reports/trends?preset=personalizado&from=2026-11-09&to=2026-11-29&granularity=semana',
    );
    expect(res.status).toBe(200);
    const points = res.body.points;
    expect(points.map((p: { key: string }) => p.key)).toEqual(['2026-11-09', '2026-11-16', '2026-11-23']);
    expect(points.map((p: { current: { salesCents: number } }) => p.current.salesCents)).toEqual([0, 49_500, 53_980]);
    expect(points[2].previous.salesCents).toBe(49_500);
    expect(points[2].previous.orders).toBe(2);
    expect(points[2].lastYear.salesCents).toBe(0);
    expect(points[1].current.profitCents).toBe(32_400);
    expect(res.body.totals.current.salesCents).toBe(103_480);
    expect(res.body.totals.previousPeriod).toEqual({ from: '2026-10-19', to: '2026-11-08' });
    expect(res.body.totals.lastYearPeriod).toEqual({ from: '2025-11-09', to: '2025-11-29' });
  });

  it('per month over the year', async () => {
    const res = await admin('GET', '/api/reports/trends?preset=ano&granularity=mes');
    expect(res.status).toBe(200);
    expect(res.body.points).toHaveLength(12);
    expect(res.body.points[10].current.salesCents).toBe(103_480);
    expect(res.body.points[10].label).toBe('nov/2026');
  });
});

describe('who sees what', () => {
  it('a seller sees only their own sales', async () => {
    const weekly = (await seller('GET', '/api/reports/weekly?date=2026-11-24')).body;
    expect(weekly.own).toBe(true);
    expect(weekly.current).toMatchObject({ orders: 1, salesCents: 7980, costCents: 2400, profitCents: 5580 });
    expect(weekly.previous).toMatchObject({ orders: 0, salesCents: 0 });
    const closing = (await seller('GET', '/api/reports/closing?preset=mes')).body;
    expect(closing.totals.salesCents).toBe(7980);
    expect(closing.groups.cliente).toEqual([expect.objectContaining({ label: 'João da Silva', valueCents: 7980 })]);
    expect(closing.groups.vendedor).toEqual([expect.objectContaining({ valueCents: 7980 })]);
    expect(closing.finance).toBeUndefined();
    expect(closing.reprints.count).toBe(0);
    const trends = (await seller('GET', '/api/reports/trends?preset=mes&granularity=semana')).body;
    expect(trends.totals.current.salesCents).toBe(7980);
    const csv = await seller('GET', '/api/reports/export.csv?report=fechamento&group=cliente&preset=mes');
    expect(csv.status).toBe(200);
    expect(csv.body).toContain('João da Silva;1;1;79,80');
    expect(csv.body).not.toContain('Maria');
    expect(csv.body).not.toContain('Fechamento financeiro');
  });

  it('production sees quantities, m² and machines but no money', async () => {
    const res = await production('GET', '/api/reports/closing?preset=mes');
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/Cents/);
    expect(res.body.finance).toBeUndefined();
    expect(res.body.totals).toEqual({ orders: 4, lines: 6, quantity: 22, areaM2: 14 });
    expect(res.body.groups.maquina[1]).toEqual({
      key: String(cat.machine),
      label: 'Mimaki JV33',
      orders: null,
      lines: 3,
      quantity: 5,
      areaM2: 14,
    });
    const weekly = await production('GET', '/api/reports/weekly');
    expect(JSON.stringify(weekly.body)).not.toMatch(/Cents/);
    const csv = await production('GET', '/api/reports/export.csv?report=maquinas&preset=mes');
    expect(csv.status).toBe(200);
    expect(csv.body).toContain('Mimaki JV33;3;5;14,00');
    expect(csv.body).not.toMatch(/R\$|Valor|Custo/);
  });

  it('financeiro sees the money and the financial closing', async () => {
    const res = await finance('GET', '/api/reports/closing?preset=mes');
    expect(res.body.totals.salesCents).toBe(103_480);
    expect(res.body.finance.receivedCents).toBe(43_500);
  });
});

describe('exports', () => {
  it('CSV (Excel-BR) and PDF with the same numbers', async () => {
    const csv = await admin('GET', '/api/reports/export.csv?report=fechamento&group=cliente&preset=mes');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.body.startsWith('Fechamento')).toBe(true);
    expect(csv.body).toContain('João da Silva;3;4;644,80');
    expect(csv.body).toContain('Total;4;5;1034,80');
    expect(csv.body).toContain('Total recebido;5;435,00');
    const trends = await admin('GET', '/api/reports/export.csv?report=tendencias&preset=mes&granularity=semana');
    expect(trends.body).toContain('sem. 23/11;23/11/2026;29/11/2026;2;4;12,00;539,80');
  });

  it('PDF starts with the PDF header', async () => {
    const res = await admin('GET', '/api/reports/export.pdf?report=semanal&date=2026-11-24');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/pdf/);
    expect(String(res.body).startsWith('%PDF')).toBe(true);
  });
});
