import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import type { ManualClock } from '../../src-main/clock';
import { OPEN_INSTALLMENT } from '../../src-main/modules/finance/status';
import type { OutputOf } from '../../src-shared/contract';
import { addDays, daysBetween } from '../../src-shared/domain/credit';
import { businessDateOf } from '../../src-shared/domain/dates';
import { endOfWeek, lastDays, monthToDate, sameDaysLastMonth } from '../../src-shared/domain/periods';
import { AppError } from '../../src-shared/errors';
import { makeApp, setupAdmin } from '../helpers/app';

/**
 * Início never keeps a number of its own: after weeks of random writes — orders created, edited,
 * advanced, delivered, cancelled and deleted, quotes, payments and reversals, crediários and their
 * installments — every figure equals the same figure recomputed here, naively, from all the rows.
 */

let app: App;
let clock: ManualClock;
let token: string;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

beforeAll(async () => {
  ({ app, clock } = await makeApp('2026-09-20T15:00:00Z'));
  token = await setupAdmin(app);
});
afterAll(() => app.close());

const call = <T = Record<string, unknown>>(name: string, input: unknown) =>
  app.call(name, input, { token }) as Promise<T>;

/** Successful writes by procedure, so the test can check the walk did each kind of thing. */
const done = new Map<string, number>();

/** A refusal (a move the rules forbid) is fine; a failure of ours is not. */
async function attempt(name: string, input: unknown): Promise<unknown> {
  try {
    const out = await call(name, input);
    const kind = name === 'orders.setStatus' ? `${name}:${(input as { status: string }).status}` : name;
    done.set(kind, (done.get(kind) ?? 0) + 1);
    return out;
  } catch (e) {
    if (e instanceof AppError && e.code !== 'INTERNAL') return null;
    throw e;
  }
}

async function expected(today: string) {
  const db = app.db;
  const orders = await db.selectFrom('orders').selectAll().execute();
  const items = await db.selectFrom('order_items').selectAll().execute();
  const payments = await db.selectFrom('payments').selectAll().execute();
  const installments = await db.selectFrom('installments').selectAll().execute();
  const plans = await db.selectFrom('installment_plans').selectAll().execute();
  const open = ['pendente', 'em_producao', 'pronto'];
  const pedidos = orders.filter((o) => o.kind === 'pedido');
  const overdue = pedidos.filter((o) => open.includes(o.status) && o.delivery_date && o.delivery_date < today);
  const sold = pedidos.filter((o) => o.status !== 'cancelado');
  const sales = (p: { from: string; to: string }) => {
    const rows = sold.filter((o) => o.entry_date >= p.from && o.entry_date <= p.to);
    return { from: p.from, to: p.to, count: rows.length, totalCents: rows.reduce((s, o) => s + o.total_cents, 0) };
  };
  const month = monthToDate(today);
  const monthIds = new Set(sales(month).count ? sold.filter((o) => o.entry_date >= month.from).map((o) => o.id) : []);
  const types = new Map<string, { orders: Set<number>; items: number; totalCents: number }>();
  for (const i of items) {
    if (!monthIds.has(i.order_id)) continue;
    const t = types.get(i.production_type) ?? { orders: new Set(), items: 0, totalCents: 0 };
    t.orders.add(i.order_id);
    t.items += 1;
    t.totalCents += i.total_cents;
    types.set(i.production_type, t);
  }
  const openInst = installments.filter(
    (i) => (OPEN_INSTALLMENT as readonly string[]).includes(i.status) && i.paid_cents < i.amount_cents,
  );
  const lateInst = openInst.filter((i) => i.due_date < today);
  const balance = (o: (typeof orders)[number]) => o.total_cents - o.paid_cents - o.financed_cents;
  const due = (from: string, to: string) => {
    const os = sold.filter(
      (o) => balance(o) > 0 && o.delivery_date && o.delivery_date >= from && o.delivery_date <= to,
    );
    const is = openInst.filter((i) => i.due_date >= from && i.due_date <= to);
    const ordersCents = os.reduce((s, o) => s + balance(o), 0);
    const installmentsCents = is.reduce((s, i) => s + i.amount_cents - i.paid_cents, 0);
    return {
      from,
      to,
      ordersCents,
      installmentsCents,
      totalCents: ordersCents + installmentsCents,
      count: os.length + is.length,
    };
  };
  const paidToday = payments.filter((p) => p.paid_date === today);
  const receivable = openInst.reduce((s, i) => s + i.amount_cents - i.paid_cents, 0);
  const latePrincipal = lateInst.reduce((s, i) => s + i.amount_cents - i.paid_cents, 0);
  const monthPlans = plans.filter(
    (p) => p.status !== 'cancelado' && businessDateOf(new Date(p.created_at), clock.timeZone) >= month.from,
  );
  const stageCounts = new Map<string, number>();
  for (const o of pedidos)
    if (o.status === 'pendente' || o.status === 'em_producao')
      stageCounts.set(o.current_stage ?? '', (stageCounts.get(o.current_stage ?? '') ?? 0) + 1);
  const mtd = sales(month);
  const recent = lastDays(today, 30);
  return {
    dueToday: pedidos.filter((o) => open.includes(o.status) && o.delivery_date === today).length,
    overdue: overdue.length,
    maxDaysLate: Math.max(0, ...overdue.map((o) => daysBetween(o.delivery_date as string, today))),
    awaitingApproval: pedidos.filter((o) => o.status === 'pendente').length,
    stages: Object.fromEntries(stageCounts),
    ready: pedidos.filter((o) => o.status === 'pronto').length,
    quotes: orders.filter(
      (o) =>
        o.kind === 'orcamento' &&
        o.status !== 'cancelado' &&
        o.valid_until &&
        o.valid_until >= today &&
        o.valid_until <= endOfWeek(today),
    ).length,
    monthToDate: mtd,
    sameDaysLastMonth: sales(sameDaysLastMonth(today)),
    averageTicketCents: mtd.count ? Math.round(mtd.totalCents / mtd.count) : 0,
    last30: sales(recent),
    previous30: sales({ from: addDays(recent.from, -30), to: addDays(recent.from, -1) }),
    types: [...types]
      .map(([type, t]) => ({ type, orders: t.orders.size, items: t.items, totalCents: t.totalCents }))
      .sort((a, b) => b.orders - a.orders || a.type.localeCompare(b.type)),
    received: { totalCents: paidToday.reduce((s, p) => s + p.total_cents, 0), count: paidToday.length },
    dueToday$: due(today, today),
    dueWeek$: due(today, endOfWeek(today)),
    late: { count: lateInst.length, principalCents: latePrincipal },
    credit: {
      receivableCents: receivable,
      overduePrincipalCents: latePrincipal,
      soldThisMonthCents: monthPlans.reduce((s, p) => s + p.financed_cents, 0),
      soldThisMonthCount: monthPlans.length,
    },
  };
}

describe('Início against the raw rows after random writes', () => {
  it('every number equals its recomputation from the tables, day after day', async () => {
    const r = rng(20261125);
    const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)] as T;
    const camiseta = (
      await call<{ id: number }>('products.create', {
        name: 'Camiseta',
        productionType: 'camiseta',
        unit: 'un',
        priceCents: 3000,
      })
    ).id;
    const lona = (
      await call<{ id: number }>('products.create', {
        name: 'Lona',
        productionType: 'lona',
        unit: 'm2',
        priceCents: 4500,
      })
    ).id;
    const customers: number[] = [];
    for (const name of ['Ana Souza', 'Bruno Lima', 'Carla Dias'])
      customers.push((await call<{ id: number }>('customers.create', { name })).id);
    const methods = (
      await call<{ items: Array<{ id: number; kind: string }> }>('paymentMethods.list', {})
    ).items.filter((m) => m.kind !== 'crediario');
    const item = () =>
      r() < 0.6
        ? {
            productId: camiseta,
            description: 'Camisetas',
            quantity: 1 + Math.floor(r() * 10),
            unitPriceCents: 1000 + Math.floor(r() * 20) * 100,
          }
        : {
            productId: lona,
            description: 'Lona',
            widthMm: 1000,
            heightMm: 500 + Math.floor(r() * 10) * 100,
            quantity: 1,
          };
    const orderIds: number[] = [];
    const paymentIds: number[] = [];

    for (let day = 0; day < 66; day++) {
      clock.set(`${addDays('2026-09-20', day)}T15:00:00Z`);
      const today = clock.today();
      for (let n = Math.floor(r() * 4); n > 0; n--) {
        const entry = addDays(today, -Math.floor(r() * 3));
        const quote = r() < 0.15;
        const created = await attempt('orders.create', {
          kind: quote ? 'orcamento' : 'pedido',
          customerId: pick(customers),
          entryDate: entry,
          ...(quote
            ? { validUntil: addDays(entry, Math.floor(r() * 12)) }
            : { deliveryDate: addDays(entry, Math.floor(r() * 9)) }),
          items: Array.from({ length: 1 + Math.floor(r() * 3) }, item),
        });
        if (created) orderIds.push((created as { id: number }).id);
      }
      for (let n = Math.floor(r() * 6); n > 0 && orderIds.length; n--) {
        const id = pick(orderIds);
        const order = (await attempt('orders.get', { id })) as {
          version: number;
          kind: string;
          status: string;
          balanceCents: number;
          deliveryDate: string | null;
          entryDate: string;
          stages: Array<{ key: string; done: boolean }>;
        } | null;
        if (!order) continue;
        const roll = r();
        if (order.kind === 'orcamento') {
          if (roll < 0.3) await attempt('orders.convert', { id, deliveryDate: addDays(today, 3) });
          else if (roll < 0.6) await attempt('orders.setStatus', { id, status: 'cancelado', reason: 'Desistiu' });
          continue;
        }
        if (roll < 0.35) {
          // Up to three stages at a time; an order with every stage done is delivered.
          const pending = order.stages.filter((s) => !s.done).slice(0, 1 + Math.floor(r() * 3));
          for (const stage of pending) await attempt('orders.stage', { id, stage: stage.key, done: true });
          if (!pending.length) await attempt('orders.setStatus', { id, status: 'entregue' });
        } else if (roll < 0.5 && order.balanceCents > 0) {
          const paid = await attempt('payments.create', {
            id,
            amountCents: Math.max(1, Math.floor(order.balanceCents * (r() < 0.5 ? 1 : r()))),
            paymentMethodId: pick(methods).id,
          });
          if (paid) paymentIds.push((paid as { id: number }).id);
        } else if (roll < 0.58 && paymentIds.length) {
          await attempt('payments.reverse', { id: pick(paymentIds), reason: 'Engano' });
        } else if (roll < 0.68) {
          await attempt('orders.update', {
            id,
            version: order.version,
            deliveryDate: addDays(order.entryDate, Math.floor(r() * 12)),
            ...(r() < 0.5 && { items: Array.from({ length: 1 + Math.floor(r() * 3) }, item) }),
          });
        } else if (roll < 0.75 && order.balanceCents > 0) {
          await attempt('plans.createForOrder', {
            id,
            count: 1 + Math.floor(r() * 4),
            firstDueDate: addDays(today, Math.floor(r() * 25) - 5),
            override: true,
          });
        } else if (roll < 0.82) {
          await attempt('orders.setStatus', { id, status: 'cancelado', reason: 'Cliente desistiu' });
        } else if (roll < 0.87) {
          if (await attempt('orders.delete', { id })) orderIds.splice(orderIds.indexOf(id), 1);
        } else {
          const inst = await call<{ items: Array<{ id: number; balanceCents: number }> }>('installments.list', {
            status: ['pendente', 'atrasada', 'parcial'],
            perPage: 20,
          });
          const target = inst.items.length ? pick(inst.items) : null;
          if (target) {
            const paid = await attempt('installments.pay', {
              id: target.id,
              amountCents: Math.max(1, Math.floor(target.balanceCents * r())),
              paymentMethodId: pick(methods).id,
            });
            if (paid) paymentIds.push((paid as { id: number }).id);
          }
        }
      }
      if (day < 3) continue;
      const home = await call<OutputOf<'home.summary'>>('home.summary', {});
      const want = await expected(today);
      const ops = home.operations;
      expect(ops.dueToday.count, today).toBe(want.dueToday);
      expect(ops.overdue.count, today).toBe(want.overdue);
      expect(ops.overdue.maxDaysLate, today).toBe(want.maxDaysLate);
      expect(ops.awaitingApproval.count, today).toBe(want.awaitingApproval);
      expect(Object.fromEntries(ops.stages.filter((s) => s.count > 0).map((s) => [s.key, s.count])), today).toEqual(
        want.stages,
      );
      expect(ops.ready.count, today).toBe(want.ready);
      expect(ops.quotesExpiring.count, today).toBe(want.quotes);
      const sales = home.sales;
      expect(sales?.monthToDate, today).toEqual(want.monthToDate);
      expect(sales?.sameDaysLastMonth, today).toEqual(want.sameDaysLastMonth);
      expect(sales?.averageTicketCents, today).toBe(want.averageTicketCents);
      expect(sales?.last30, today).toEqual(want.last30);
      expect(sales?.previous30, today).toEqual(want.previous30);
      expect(home.productionTypes, today).toEqual(want.types);
      const money = home.money;
      expect(money?.receivedToday, today).toMatchObject(want.received);
      expect(money?.dueToday, today).toEqual(want.dueToday$);
      expect(money?.dueWeek, today).toEqual(want.dueWeek$);
      expect(money?.overdueInstallments, today).toMatchObject(want.late);
      expect(home.credit, today).toMatchObject(want.credit);
    }
    // The walk really exercised what Início adds up.
    const final = await expected(clock.today());
    expect(final.monthToDate.count).toBeGreaterThan(5);
    expect(final.overdue + final.ready + final.awaitingApproval).toBeGreaterThan(0);
    expect(final.credit.soldThisMonthCount + final.late.count).toBeGreaterThan(0);
    for (const kind of [
      'orders.create',
      'orders.update',
      'orders.stage',
      'orders.convert',
      'orders.delete',
      'orders.setStatus:entregue',
      'orders.setStatus:cancelado',
      'payments.create',
      'payments.reverse',
      'plans.createForOrder',
      'installments.pay',
    ])
      expect(done.get(kind) ?? 0, `${kind} ${JSON.stringify([...done])}`).toBeGreaterThan(0);
  }, 120_000);
});
