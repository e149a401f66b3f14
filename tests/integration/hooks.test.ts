import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import type { Facts } from '../../src-main/modules/hooks';
import { CPF_JOAO, databaseDigest, makeApp, setupAdmin } from '../helpers/app';

/**
 * Facts (`src-main/modules/hooks.ts`): what one module states about its changes reaches the
 * subscribers inside the writer's transaction — same data visible, and a failing subscriber
 * undoes the whole call.
 */
let app: App;
let token: string;
let pix: number;
let productId: number;

const as = (name: string, input: unknown) => app.call(name, input, { token });

async function newOrder(units = 10): Promise<{ id: number; version: number }> {
  return (await as('orders.create', {
    customerId: 1,
    deliveryDate: '2026-12-01',
    items: [{ productId, description: 'Camisetas', quantity: units, unitPriceCents: 1000 }],
  })) as { id: number; version: number };
}

beforeAll(async () => {
  ({ app } = await makeApp());
  token = await setupAdmin(app);
  await as('customers.create', { name: 'João da Silva', document: CPF_JOAO, phone: '11987654321' });
  productId = (
    (await as('products.create', { name: 'Camiseta', productionType: 'camiseta', unit: 'un', priceCents: 1000 })) as {
      id: number;
    }
  ).id;
  const methods = (await as('paymentMethods.list', {})) as { items: Array<{ id: number; kind: string }> };
  pix = methods.items.find((m) => m.kind === 'pix')?.id as number;
});
afterAll(() => app.close());

describe('facts between modules', () => {
  it('a payment states orderPaid inside the transaction, after the order row changed (version bumped)', async () => {
    const order = await newOrder();
    const seen: Array<Facts['orderPaid'] & { versionSeen: number }> = [];
    const off = app.hooks.on('orderPaid', async (ctx, fact) => {
      const row = await ctx.db
        .selectFrom('orders')
        .select(['version', 'paid_cents'])
        .where('id', '=', fact.orderId)
        .executeTakeFirstOrThrow();
      seen.push({ ...fact, versionSeen: row.version });
    });
    try {
      await as('payments.create', { id: order.id, amountCents: 4000, paymentMethodId: pix });
    } finally {
      off();
    }
    expect(seen).toEqual([
      expect.objectContaining({
        orderId: order.id,
        customerId: 1,
        paidCents: 4000,
        financedCents: 0,
        paidTotalCents: 4000,
        versionSeen: order.version + 1,
      }),
    ]);
    const after = (await as('orders.get', { id: order.id })) as { version: number };
    expect(after.version).toBe(order.version + 1);
  });

  it('a crediário states planOpened and orderPaid (financed), and installments state installmentPaid', async () => {
    const order = await newOrder();
    const facts: string[] = [];
    const offs = (['planOpened', 'orderPaid', 'installmentPaid', 'planClosed'] as const).map((f) =>
      app.hooks.on(f, (_ctx, payload) => {
        facts.push(`${f}:${JSON.stringify(payload)}`);
      }),
    );
    try {
      const plan = (await as('plans.createForOrder', { id: order.id, count: 1, firstDueDate: '2026-12-24' })) as {
        id: number;
        installments: Array<{ id: number; amountCents: number }>;
      };
      const installment = plan.installments[0] as { id: number; amountCents: number };
      await as('installments.pay', { id: installment.id, amountCents: installment.amountCents, paymentMethodId: pix });
      expect(facts.map((f) => f.split(':')[0])).toEqual(['planOpened', 'orderPaid', 'installmentPaid', 'planClosed']);
      expect(facts[1]).toContain('"financedCents":10000');
      expect(facts[3]).toContain('"status":"quitado"');
    } finally {
      for (const off of offs) off();
    }
  });

  it('orders state orderCreated, orderReady and orderDelivered', async () => {
    const created: number[] = [];
    const delivered: number[] = [];
    const ready: number[] = [];
    const offs = [
      app.hooks.on('orderReady', (_ctx, f) => {
        ready.push(f.orderId);
      }),
      app.hooks.on('orderCreated', (_ctx, f) => {
        created.push(f.orderId);
      }),
      app.hooks.on('orderDelivered', (_ctx, f) => {
        delivered.push(f.orderId);
      }),
    ];
    try {
      const order = await newOrder();
      expect(created).toEqual([order.id]);
      for (const stage of ['financeiro', 'conferencia', 'impressao', 'acabamento', 'expedicao'])
        await as('orders.stage', { id: order.id, stage, done: true });
      expect(ready).toEqual([order.id]);
      await as('orders.setStatus', { id: order.id, status: 'entregue' });
      expect(delivered).toEqual([order.id]);
    } finally {
      for (const off of offs) off();
    }
  });

  it('a subscriber that fails undoes the whole call: no payment, no order change', async () => {
    const order = await newOrder();
    const before = databaseDigest(app);
    const off = app.hooks.on('orderPaid', () => {
      throw new Error('assinante quebrado');
    });
    try {
      await expect(
        as('payments.create', { id: order.id, amountCents: 1000, paymentMethodId: pix }),
      ).rejects.toMatchObject({
        code: 'INTERNAL',
      });
    } finally {
      off();
    }
    expect(databaseDigest(app)).toBe(before);
  });
});
