import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src-main/clock';
import type { Core } from '../../src-main/core';
import type { ServerMessage } from '../../src-shared/contract/bridge';
import { ADMIN, api, CPF_JOAO, CPF_MARIA, startTestCore, userWithRole } from '../helpers/app';
import { seedCatalog } from '../helpers/fixtures';
import { connectWs } from '../helpers/ws';

/**
 * Roles that fit a shop, end to end over HTTP and WebSocket: production sees the job without money
 * or documents; a seller sees their own customers' finances, not the shop's books; events reach only
 * who may read them; a field one may not write is refused on every write.
 */
const clock = manualClock('2026-11-24T13:00:00Z');
let core: Core;
let admin: ReturnType<typeof api>;
let cat: Awaited<ReturnType<typeof seedCatalog>>;
const as: Record<'producao' | 'vendedor' | 'financeiro', ReturnType<typeof api>> = {} as never;
const tokens: Record<string, string> = {};
let joao: number;
let maria: number;
/** Sold by the seller (Maria's) and by the shop (João's). */
let ownOrder: { id: number };
let otherOrder: { id: number };
let ownPayment: number;
let otherPayment: number;
let ownPlan: { id: number; installments: Array<{ id: number }> };
let otherPlan: { id: number; installments: Array<{ id: number }> };
const method: Record<string, number> = {};

const MONEY_FIELDS = [
  'itemsTotalCents',
  'totalCents',
  'paidCents',
  'financedCents',
  'balanceCents',
  'paymentState',
  'freightCents',
  'discountCents',
  'paymentMethodId',
  'paymentNotes',
  'reprintCostCents',
];

async function created<T>(res: Promise<{ status: number; body: T }>): Promise<T> {
  const r = await res;
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return r.body;
}

beforeAll(async () => {
  core = await startTestCore({ clock });
  const token = (await api(core.url)('POST', '/api/setup', { companyName: 'Gráfica Exemplo', admin: ADMIN })).body
    .token as string;
  admin = api(core.url, token);
  cat = await seedCatalog(admin);
  for (const role of ['producao', 'vendedor', 'financeiro'] as const) {
    const u = await userWithRole(core.app, role);
    tokens[role] = u.token;
    as[role] = api(core.url, u.token);
    if (role === 'vendedor') {
      // The seller's staff record is linked to their login: orders sold by it are theirs.
      const staff = await admin('PATCH', `/api/staff/${cat.seller}`, { version: 1, userId: u.id });
      expect(staff.status).toBe(200);
    }
  }
  joao = (
    await created(
      admin('POST', '/api/customers', {
        name: 'João da Silva',
        document: CPF_JOAO,
        birthDate: '1980-05-10',
        phone: '11987654321',
        address: { street: 'Rua das Flores', number: '10', city: 'Campinas', state: 'SP', cep: '13010-000' },
        creditLimitCents: 500_000,
      }),
    )
  ).id;
  maria = (await created(admin('POST', '/api/customers', { name: 'Maria Conceição', document: CPF_MARIA }))).id;
  for (const m of (await admin('GET', '/api/payment-methods')).body.items) method[m.kind] = m.id;
  const order = (customerId: number, sellerId: number | null) =>
    created(
      admin('POST', '/api/orders', {
        customerId,
        sellerId,
        deliveryDate: '2026-11-30',
        freightCents: 1000,
        paymentNotes: 'Metade na entrega',
        items: [{ productId: cat.camiseta, description: 'Camisetas', quantity: 10, unitPriceCents: 2000 }],
      }),
    ) as Promise<{ id: number }>;
  ownOrder = await order(maria, cat.seller);
  otherOrder = await order(joao, null);
  const pay = (orderId: number) =>
    created(admin('POST', `/api/orders/${orderId}/payments`, { amountCents: 5000, paymentMethodId: method.pix }));
  ownPayment = ((await pay(ownOrder.id)) as { id: number }).id;
  otherPayment = ((await pay(otherOrder.id)) as { id: number }).id;
  const plan = (orderId: number) =>
    created(
      admin('POST', `/api/orders/${orderId}/installment-plan`, { count: 2, firstDueDate: '2026-11-25' }),
    ) as Promise<{ id: number; installments: Array<{ id: number }> }>;
  ownPlan = await plan(ownOrder.id);
  otherPlan = await plan(otherOrder.id);
});
afterAll(() => core.stop());

describe('producao sees the job, not money or documents', () => {
  it('reads an order: customer name, phone, items and delivery, but no money anywhere', async () => {
    const res = await as.producao('GET', `/api/orders/${otherOrder.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ customerName: 'João da Silva', customerPhone: '11987654321' });
    expect(res.body.deliveryDate).toBe('2026-11-30');
    expect(res.body.items[0]).toMatchObject({ description: 'Camisetas', quantity: 10 });
    for (const field of MONEY_FIELDS) expect(res.body, field).not.toHaveProperty(field);
    expect(res.body.items[0]).not.toHaveProperty('unitPriceCents');
    expect(res.body.items[0]).not.toHaveProperty('totalCents');
    expect(JSON.stringify(res.body)).not.toMatch(/Cents|paymentState/);
    // The shop's finance sees the money of the same order.
    const finance = await as.financeiro('GET', `/api/orders/${otherOrder.id}`);
    expect(finance.body).toMatchObject({ totalCents: 21_000, paidCents: 5000, paymentState: 'no_crediario' });
  });

  it('lists and boards have no money either', async () => {
    const list = await as.producao('GET', '/api/orders');
    expect(list.body.items.length).toBe(2);
    expect(JSON.stringify(list.body)).not.toMatch(/Cents|paymentState/);
    const board = await as.producao('GET', '/api/production/board');
    expect(board.status).toBe(200);
    expect(JSON.stringify(board.body)).not.toMatch(/Cents|paymentState/);
    const ofCustomer = await as.producao('GET', `/api/customers/${joao}/orders`);
    expect(ofCustomer.body.items.length).toBe(1);
    expect(JSON.stringify(ofCustomer.body)).not.toMatch(/Cents|paymentState/);
  });

  it('reads a customer: name and phone, no document, birth date, address, credit limit or notes', async () => {
    const res = await as.producao('GET', `/api/customers/${joao}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'João da Silva', phone: '11987654321' });
    for (const field of ['document', 'birthDate', 'address', 'creditLimitCents', 'privateNotes'])
      expect(res.body, field).not.toHaveProperty(field);
    const list = await as.producao('GET', '/api/customers');
    expect(list.body.items.every((c: object) => !('document' in c) && !('address' in c))).toBe(true);
    const finance = await as.financeiro('GET', `/api/customers/${joao}`);
    expect(finance.body).toMatchObject({ document: '52998224725', birthDate: '1980-05-10', creditLimitCents: 500_000 });
  });

  it('reaches no finance procedure nor any receipt, promissória, carnê or CSV', async () => {
    for (const url of [
      '/api/payments',
      `/api/payments/${otherPayment}`,
      `/api/orders/${otherOrder.id}/payments`,
      `/api/installment-plans/${otherPlan.id}`,
      '/api/receivables',
      '/api/reports/delinquency',
      `/api/customers/${joao}/statement`,
      `/api/payments/${otherPayment}/receipt.pdf`,
      `/api/installments/${otherPlan.installments[0]?.id}/promissoria.pdf`,
      `/api/installment-plans/${otherPlan.id}/carne.pdf`,
      '/api/payments/export.csv',
      '/api/reports/delinquency.csv',
    ]) {
      expect((await as.producao('GET', url)).status, url).toBe(403);
    }
  });
});

describe("vendedor sees their own customers' finances, not the shop's books", () => {
  it('payments: the list, its totals and the CSV hold only their own customers', async () => {
    const all = await admin('GET', '/api/payments');
    expect(all.body.total).toBe(2);
    const mine = await as.vendedor('GET', '/api/payments');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((p: { id: number }) => p.id)).toEqual([ownPayment]);
    expect(mine.body.total).toBe(1);
    expect(mine.body.totalCents).toBe(5000);
    const csv = await as.vendedor('GET', '/api/payments/export.csv');
    expect(csv.status).toBe(200);
    expect(csv.body).toContain('Maria Conceição');
    expect(csv.body).not.toContain('João da Silva');
  });

  it('receivables and delinquency: only their own customers, totals included', async () => {
    const shop = await admin('GET', '/api/receivables');
    const mine = await as.vendedor('GET', '/api/receivables');
    expect(mine.status).toBe(200);
    expect(new Set(mine.body.items.map((i: { customerId: number }) => i.customerId))).toEqual(new Set([maria]));
    expect(mine.body.totalCents).toBeLessThan(shop.body.totalCents);
    expect(mine.body.count).toBe(mine.body.items.length);

    const late = await admin('GET', '/api/reports/delinquency?asOf=2026-12-31');
    expect(late.body.items.map((i: { customerId: number }) => i.customerId).sort()).toEqual([joao, maria].sort());
    const myLate = await as.vendedor('GET', '/api/reports/delinquency?asOf=2026-12-31');
    expect(myLate.body.items.map((i: { customerId: number }) => i.customerId)).toEqual([maria]);
    expect(myLate.body.totals.customers).toBe(1);
    const csv = await as.vendedor('GET', '/api/reports/delinquency.csv?asOf=2026-12-31');
    expect(csv.status).toBe(200);
    expect(csv.body).toContain('Maria Conceição');
    expect(csv.body).not.toContain('João da Silva');
  });

  it('installments: only their own customers', async () => {
    const mine = await as.vendedor('GET', '/api/installments');
    expect(mine.body.total).toBe(2);
    expect(mine.body.items.every((i: { customerId: number }) => i.customerId === maria)).toBe(true);
    const filtered = await as.vendedor('GET', `/api/installments?customerId=${joao}`);
    expect(filtered.body.total).toBe(0);
  });

  it("another seller's customer: every single finance record is 403, their own is 200", async () => {
    const installment = otherPlan.installments[0]?.id;
    const refused = [
      `/api/payments/${otherPayment}`,
      `/api/orders/${otherOrder.id}/payments`,
      `/api/installment-plans/${otherPlan.id}`,
      `/api/installment-plans/${otherPlan.id}/payoff`,
      `/api/installments/${installment}/charges`,
      `/api/customers/${joao}/statement`,
      `/api/payments/${otherPayment}/receipt.pdf`,
      `/api/installments/${installment}/promissoria.pdf`,
      `/api/installment-plans/${otherPlan.id}/carne.pdf`,
    ];
    for (const url of refused) {
      const res = await as.vendedor('GET', url);
      expect(res.status, url).toBe(403);
      expect(res.body.error.message, url).toMatch(/seus próprios clientes/);
    }
    const pay = await as.vendedor('POST', `/api/orders/${otherOrder.id}/payments`, {
      amountCents: 100,
      paymentMethodId: method.pix,
    });
    expect(pay.status).toBe(403);
    const allowed = [
      `/api/payments/${ownPayment}`,
      `/api/orders/${ownOrder.id}/payments`,
      `/api/installment-plans/${ownPlan.id}`,
      `/api/customers/${maria}/statement`,
      `/api/payments/${ownPayment}/receipt.pdf`,
    ];
    for (const url of allowed) expect((await as.vendedor('GET', url)).status, url).toBe(200);
    // The shop's roles read everyone's.
    expect((await as.financeiro('GET', `/api/payments/${otherPayment}`)).status).toBe(200);
  });
});

describe('events reach only who may read them', () => {
  it("producao's WebSocket does not receive payment.created; financeiro's does; both get the order change", async () => {
    const fresh = (await created(
      admin('POST', '/api/orders', {
        customerId: maria,
        deliveryDate: '2026-12-02',
        items: [{ productId: cat.camiseta, description: 'Canecas', quantity: 1, unitPriceCents: 3000 }],
      }),
    )) as { id: number };
    const prod = await connectWs(core.url, tokens.producao as string);
    const fin = await connectWs(core.url, tokens.financeiro as string);
    try {
      const res = await admin('POST', `/api/orders/${fresh.id}/payments`, {
        amountCents: 1000,
        paymentMethodId: method.pix,
      });
      expect(res.status).toBe(201);
      const isEvent = (type: string) => (m: ServerMessage) => m.kind === 'event' && m.event.type === type;
      await fin.waitFor(isEvent('payment.created'));
      await fin.waitFor(isEvent('order.updated'));
      await prod.waitFor(isEvent('order.updated'));
      // Published together: had producao's socket been sent the payment, it would be here already.
      await new Promise((r) => setTimeout(r, 100));
      expect(prod.messages.some(isEvent('payment.created'))).toBe(false);
    } finally {
      prod.close();
      fin.close();
    }
  });
});

describe('a field one may not write is refused on every write', () => {
  it('financeiro creating or updating a customer with private notes → 403 naming the field; nothing saved', async () => {
    const before = (await admin('GET', '/api/customers?active=all')).body.total;
    const res = await as.financeiro('POST', '/api/customers', { name: 'Carla Souza', privateNotes: 'Cliente difícil' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('Você não tem permissão para preencher o campo “observações internas”.');
    expect(res.body.error.fields).toEqual({ privateNotes: res.body.error.message });
    expect((await admin('GET', '/api/customers?active=all')).body.total).toBe(before);
    // Without the field, the same request works.
    expect((await as.financeiro('POST', '/api/customers', { name: 'Carla Souza' })).status).toBe(201);
    const update = await as.financeiro('PATCH', `/api/customers/${maria}`, { version: 1, privateNotes: null });
    expect(update.status).toBe(403);
  });

  it('vendedor setting a credit limit → 403 naming the field', async () => {
    const res = await as.vendedor('POST', '/api/customers', { name: 'Dora Lima', creditLimitCents: 1000 });
    expect(res.status).toBe(403);
    expect(res.body.error.fields).toHaveProperty('creditLimitCents');
    expect(res.body.error.message).toMatch(/limite de crédito/);
  });
});

describe("a seller sees money only on their own customers' rows", () => {
  type Row = Record<string, unknown> & { id: number };
  const expectNoMoney = (row: Row | undefined, label: string) => {
    expect(row, label).toBeDefined();
    for (const field of MONEY_FIELDS) expect(row, `${label} ${field}`).not.toHaveProperty(field);
  };
  const expectMoney = (row: Row | undefined, label: string) =>
    expect(row, label).toMatchObject({ totalCents: 21_000, paidCents: 5000, paymentState: 'no_crediario' });

  it('orders list: their customer’s order has totals, paid and balance; another seller’s has none', async () => {
    const list = await as.vendedor('GET', '/api/orders');
    expect(list.status).toBe(200);
    const rows = new Map<number, Row>(list.body.items.map((o: Row) => [o.id, o]));
    expectMoney(rows.get(ownOrder.id), 'own');
    expectNoMoney(rows.get(otherOrder.id), 'other');
    // The job is still there: customer, phone and delivery.
    expect(rows.get(otherOrder.id)).toMatchObject({ customerName: 'João da Silva', deliveryDate: '2026-11-30' });
    // The shop's roles see every row whole.
    const shop = await as.financeiro('GET', '/api/orders');
    for (const o of shop.body.items as Row[]) expect(o, String(o.id)).toHaveProperty('totalCents');
  });

  it('filtering by payment state keeps a seller to their own customers; production may not filter by it', async () => {
    const mine = await as.vendedor('GET', '/api/orders?paymentState=no_crediario&perPage=200');
    expect(mine.status).toBe(200);
    const ids = (mine.body.items as Row[]).map((o) => o.id);
    expect(ids).toContain(ownOrder.id);
    expect(ids).not.toContain(otherOrder.id); // also no_crediario, but another seller's customer
    const shop = await as.financeiro('GET', '/api/orders?paymentState=no_crediario&perPage=200');
    expect((shop.body.items as Row[]).map((o) => o.id)).toEqual(expect.arrayContaining([ownOrder.id, otherOrder.id]));
    const production = await as.producao('GET', '/api/orders?paymentState=pago');
    expect(production.status).toBe(403);
    expect(production.body.error.fields).toHaveProperty('paymentState');
  });

  it('order page: another seller’s order has no money, not even item prices; their own has', async () => {
    const other = await as.vendedor('GET', `/api/orders/${otherOrder.id}`);
    expect(other.status).toBe(200);
    expectNoMoney(other.body, 'other');
    expect(other.body.items[0]).toMatchObject({ description: 'Camisetas', quantity: 10 });
    expect(JSON.stringify(other.body)).not.toMatch(/Cents|paymentState/);
    const own = await as.vendedor('GET', `/api/orders/${ownOrder.id}`);
    expectMoney(own.body, 'own');
    expect(own.body).toMatchObject({ freightCents: 1000, paymentNotes: 'Metade na entrega' });
    expect(own.body.items[0]).toMatchObject({ unitPriceCents: 2000, totalCents: 20_000 });
  });

  it("board, deadlines and a customer's orders follow the same rule", async () => {
    const board = await as.vendedor('GET', '/api/production/board');
    const boardRows = new Map<number, Row>(
      board.body.columns.flatMap((c: { orders: Row[] }) => c.orders).map((o: Row) => [o.id, o]),
    );
    expectMoney(boardRows.get(ownOrder.id), 'board own');
    expectNoMoney(boardRows.get(otherOrder.id), 'board other');
    const deadlines = await as.vendedor('GET', '/api/orders/deadlines?days=10');
    const due = new Map<number, Row>(deadlines.body.items.map((o: Row) => [o.id, o]));
    expectMoney(due.get(ownOrder.id), 'deadlines own');
    expectNoMoney(due.get(otherOrder.id), 'deadlines other');
    const ofJoao = await as.vendedor('GET', `/api/customers/${joao}/orders`);
    expect(ofJoao.body.items.length).toBeGreaterThan(0);
    for (const o of ofJoao.body.items as Row[]) expectNoMoney(o, 'joao');
    const ofMaria = await as.vendedor('GET', `/api/customers/${maria}/orders`);
    expectMoney(
      (ofMaria.body.items as Row[]).find((o) => o.id === ownOrder.id),
      'maria',
    );
  });

  it("vendedor's WebSocket hears payment.created about their own customer, not another seller's", async () => {
    const fresh = async (customerId: number) =>
      (await created(
        admin('POST', '/api/orders', {
          customerId,
          deliveryDate: '2026-12-02',
          items: [{ productId: cat.camiseta, description: 'Canecas', quantity: 1, unitPriceCents: 3000 }],
        }),
      )) as { id: number };
    const theirs = await fresh(joao);
    const mine = await fresh(maria);
    const seller = await connectWs(core.url, tokens.vendedor as string);
    try {
      const pay = (orderId: number) =>
        created(admin('POST', `/api/orders/${orderId}/payments`, { amountCents: 1000, paymentMethodId: method.pix }));
      const other = (await pay(theirs.id)) as { id: number };
      const own = (await pay(mine.id)) as { id: number };
      const payment = (id: number) => (m: ServerMessage) =>
        m.kind === 'event' && m.event.type === 'payment.created' && m.event.id === id;
      const received = await seller.waitFor(payment(own.id));
      // Only what clients need goes over the wire: never whom the event is for.
      expect(received.kind === 'event' && Object.keys(received.event).sort()).toEqual(['by', 'id', 'type', 'version']);
      // Published before the seller's own: had it been sent, it would be here already.
      expect(seller.messages.some(payment(other.id))).toBe(false);
      // The order change itself (no money in it) reaches everyone who reads orders.
      await seller.waitFor((m) => m.kind === 'event' && m.event.type === 'order.updated' && m.event.id === theirs.id);
    } finally {
      seller.close();
    }
  });
});

describe('producao: no prices in the catalogue, no sorting by money, no search by document', () => {
  it('registries come without prices, costs or freight; a seller sees them', async () => {
    for (const path of ['/api/products', '/api/materials', '/api/finishes', '/api/shipping-methods']) {
      const res = await as.producao('GET', path);
      expect(res.status, path).toBe(200);
      expect(res.body.items.length, path).toBeGreaterThan(0);
      expect(JSON.stringify(res.body), path).not.toMatch(/Cents/);
    }
    const product = await as.producao('GET', `/api/products/${cat.lona}`);
    expect(product.body).toMatchObject({ name: 'Lona 440g', unit: 'm2' });
    expect(product.body).not.toHaveProperty('priceCents');
    expect(product.body).not.toHaveProperty('costCents');
    expect((await as.vendedor('GET', `/api/products/${cat.lona}`)).body).toMatchObject({ priceCents: 4500 });
    expect((await as.vendedor('GET', `/api/shipping-methods/${cat.shipping}`)).body).toMatchObject({
      freightCents: 1500,
    });
  });

  it('sorting orders by total → 400 with a pt-BR error on `sort`; other sorts work; a seller may', async () => {
    const res = await as.producao('GET', '/api/orders?sort=-totalCents');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    expect(res.body.error.fields).toEqual({ sort: 'Você não tem permissão para ordenar pelo valor do pedido.' });
    expect((await as.producao('GET', '/api/orders?sort=deliveryDate')).status).toBe(200);
    expect((await as.vendedor('GET', '/api/orders?sort=-totalCents')).status).toBe(200);
  });

  it('order history mentions no amounts (labels, stages and reasons only; the audit’s totals stay out)', async () => {
    const history = await as.producao('GET', `/api/orders/${otherOrder.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.items.length).toBeGreaterThan(0);
    expect(JSON.stringify(history.body)).not.toMatch(/R\$|Cents|21[.,]?000|210,00/);
  });

  it("searching a customer's CPF finds nothing for producao; gerente finds them; names still match", async () => {
    const gerente = api(core.url, (await userWithRole(core.app, 'gerente')).token);
    for (const search of [CPF_JOAO, '529.982.247-25', '529982']) {
      const q = `/api/customers?search=${encodeURIComponent(search)}`;
      const prod = await as.producao('GET', q);
      expect(prod.status, search).toBe(200);
      expect(prod.body.total, search).toBe(0);
      const shop = await gerente('GET', q);
      expect(
        shop.body.items.map((c: { id: number }) => c.id),
        search,
      ).toEqual([joao]);
    }
    const byName = await as.producao('GET', '/api/customers?search=jo%C3%A3o');
    expect(byName.body.items.map((c: { id: number }) => c.id)).toEqual([joao]);
    const byPhone = await as.producao('GET', '/api/customers?search=98765');
    expect(byPhone.body.items.map((c: { id: number }) => c.id)).toEqual([joao]);
  });
});
