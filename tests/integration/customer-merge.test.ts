import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { CPF_JOAO, CPF_MARIA, makeApp, setupAdmin, userWithRole } from '../helpers/app';

/** Duplicates and merge: every related row moves through its owner, the audit log and both timelines say so. */
let app: App;
let token: string;
const as = <T = Record<string, unknown>>(name: string, input: unknown, t = token) =>
  app.call(name, input, { token: t }) as Promise<T>;

type Customer = { id: number; version: number; name: string };

let kept: Customer;
let other: Customer;
let otherOrderId: number;

beforeAll(async () => {
  ({ app } = await makeApp());
  token = await setupAdmin(app);
  kept = await as<Customer>('customers.create', {
    name: 'José da Conceição',
    phone: '11987654321',
    tags: ['vip'],
    address: { city: 'Campinas', state: 'SP' },
  });
  other = await as<Customer>('customers.create', {
    name: 'Jose da Conceicao',
    document: CPF_JOAO,
    email: 'jose@example.com',
    whatsapp: '11987654321',
    tags: ['atacado', 'vip'],
    address: { city: 'campinas', state: 'SP' },
  });
  await as('customers.create', { name: 'Maria Souza', document: CPF_MARIA, phone: '11912345678' });
  const product = await as<{ id: number }>('products.create', {
    name: 'Banner',
    productionType: 'banner',
    unit: 'un',
    priceCents: 10_000,
  });
  const order = await as<{ id: number }>('orders.create', {
    customerId: other.id,
    deliveryDate: '2026-12-10',
    items: [{ productId: product.id, description: 'Banner da festa José', quantity: 3 }],
  });
  otherOrderId = order.id;
  const methods = await as<{ items: Array<{ id: number; kind: string }> }>('paymentMethods.list', {});
  const pix = methods.items.find((m) => m.kind === 'pix')?.id;
  await as('payments.create', { id: order.id, amountCents: 5_000, paymentMethodId: pix });
  await as('plans.createForOrder', {
    id: order.id,
    downPaymentCents: 0,
    count: 5,
    firstDueDate: '2026-12-24',
    monthlyRatePercent: 0,
  });
  await as('customers.interactions.create', { id: other.id, kind: 'ligacao', notes: 'Pediu orçamento' });
  other = await as<Customer>('customers.get', { id: other.id });
  kept = await as<Customer>('customers.get', { id: kept.id });
});
afterAll(() => app.close());

const countFor = (table: string, id: number) =>
  (
    app.database.sqlite.prepare(`select count(*) as n from ${table} where customer_id = ?`).get(id) as {
      n: number;
    }
  ).n;

describe('possible duplicates', () => {
  it('lists pairs by phone and by name in the same city, with the reason, changing nothing', async () => {
    const out = await as<{ groups: Array<{ reason: string; customers: Array<{ id: number }> }> }>(
      'customers.duplicates',
      {},
    );
    const reasons = out.groups.map((g) => `${g.reason}:${g.customers.map((c) => c.id).join(',')}`);
    expect(reasons).toContain(`phone:${kept.id},${other.id}`);
    expect(reasons).toContain(`name:${kept.id},${other.id}`);
    expect(reasons.some((r) => r.includes(',3'))).toBe(false);
  });

  it('is for gerente and admin only', async () => {
    const seller = await userWithRole(app, 'vendedor');
    await expect(as('customers.duplicates', {}, seller.token)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('merge', () => {
  it('moves orders, payments, plans, installments, interactions and tags; deactivates the other with a pointer', async () => {
    const before = {
      orders: countFor('orders', other.id),
      payments: countFor('payments', other.id),
      plans: countFor('installment_plans', other.id),
      installments: countFor('installments', other.id),
    };
    expect(before).toEqual({ orders: 1, payments: 1, plans: 1, installments: 5 });

    const out = await as<{ moved: Record<string, number>; mergedId: number }>('customers.merge', {
      id: kept.id,
      otherId: other.id,
      version: kept.version,
      otherVersion: other.version,
    });
    expect(out.mergedId).toBe(other.id);
    expect(out.moved).toEqual({ orders: 1, payments: 1, plans: 1, installments: 5, interactions: 1, tags: 1 });

    for (const table of ['orders', 'payments', 'installment_plans', 'installments', 'interactions'])
      expect(countFor(table, other.id), table).toBe(table === 'interactions' ? 1 : 0);
    expect(countFor('orders', kept.id)).toBe(1);
    expect(countFor('installments', kept.id)).toBe(5);

    const k = await as<Record<string, unknown>>('customers.get', { id: kept.id });
    const o = await as<Record<string, unknown>>('customers.get', { id: other.id });
    expect(o).toMatchObject({ active: false, mergedIntoId: kept.id, document: null });
    // The kept one takes what it lacked (document, e-mail) and the tags.
    expect(k).toMatchObject({ document: CPF_JOAO.replace(/\D/g, ''), email: 'jose@example.com', active: true });
    expect(k.tags).toEqual(['vip', 'atacado']);

    // The order now names the kept customer, and the search index follows.
    const order = await as<{ customerId: number; customerName: string }>('orders.get', { id: otherOrderId });
    expect(order).toMatchObject({ customerId: kept.id, customerName: 'José da Conceição' });
    const found = await as<{ items: Array<{ id: number }> }>('orders.list', { text: 'Conceição' });
    expect(found.items.map((i) => i.id)).toEqual([otherOrderId]);
    const search = await as<{ items: Array<{ id: number }> }>('customers.list', { search: CPF_JOAO });
    expect(search.items.map((c) => c.id)).toEqual([kept.id]);

    // Both timelines, and the audit log.
    const keptTimeline = await as<{ items: Array<{ notes: string }> }>('customers.interactions.list', { id: kept.id });
    expect(keptTimeline.items.map((i) => i.notes).join('\n')).toMatch(/Jose da Conceicao \(nº \d+\) foi unido/);
    expect(keptTimeline.items.map((i) => i.notes)).toContain('Pediu orçamento');
    const otherTimeline = await as<{ items: Array<{ notes: string }> }>('customers.interactions.list', {
      id: other.id,
    });
    expect(otherTimeline.items[0]?.notes).toMatch(/foi unido a José da Conceição/);
    const audit = await as<{ items: Array<{ action: string; after: unknown }> }>('audit.list', {
      entity: 'customer',
      entityId: kept.id,
    });
    const merge = audit.items.find((a) => a.action === 'merge');
    expect(merge?.after).toMatchObject({ mergedId: other.id, moved: { orders: 1, installments: 5 } });

    // Merged customers are no longer duplicates.
    const dups = await as<{ groups: unknown[] }>('customers.duplicates', {});
    expect(dups.groups).toEqual([]);
  });

  it('refuses a stale version, the same customer twice and an already merged one', async () => {
    const k = await as<Customer>('customers.get', { id: kept.id });
    const o = await as<Customer>('customers.get', { id: other.id });
    await expect(
      as('customers.merge', { id: k.id, otherId: k.id, version: k.version, otherVersion: k.version }),
    ).rejects.toMatchObject({ code: 'BUSINESS_RULE' });
    await expect(
      as('customers.merge', { id: k.id, otherId: o.id, version: k.version, otherVersion: o.version }),
    ).rejects.toMatchObject({ code: 'BUSINESS_RULE' });
    await expect(
      as('customers.merge', { id: k.id, otherId: 3, version: k.version - 1, otherVersion: 1 }),
    ).rejects.toMatchObject({ code: 'STALE_VERSION' });
  });
});
