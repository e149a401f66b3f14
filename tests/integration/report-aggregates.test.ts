import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as m0016 from '../../migrations/0016_report_aggregates';
import { manualClock } from '../../src-main/clock';
import type { Core } from '../../src-main/core';
import { rawItemDays, rawOrderDays, rawPaymentDays } from '../../src-main/modules/reports/service';
import { ADMIN, api, CPF_JOAO, CPF_MARIA, startTestCore } from '../helpers/app';
import { seedCatalog } from '../helpers/fixtures';

/**
 * The per-day aggregates (migration 0016) against the raw rows: writes, edits, cancels, reprints,
 * payments, reversals, crediários and deletes at random through the API — plus writes no
 * procedure makes (a cascade delete, a direct item edit) — then every aggregate table is
 * recomputed from orders, items and payments and must be equal, row for row.
 */
const clock = manualClock('2026-11-24T13:00:00Z');
let core: Core;
let admin: ReturnType<typeof api>;
let cat: Awaited<ReturnType<typeof seedCatalog>>;
let customers: number[];
let methods: number[];

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  core = await startTestCore({ clock });
  const setup = await api(core.url)('POST', '/api/setup', { companyName: 'Gráfica Exemplo', admin: ADMIN });
  admin = api(core.url, setup.body.token);
  cat = await seedCatalog(admin);
  customers = [
    (await admin('POST', '/api/customers', { name: 'João da Silva', document: CPF_JOAO })).body.id,
    (await admin('POST', '/api/customers', { name: 'Maria Souza', document: CPF_MARIA })).body.id,
  ];
  methods = ((await admin('GET', '/api/payment-methods?perPage=100')).body.items as Array<{ id: number }>).map(
    (m) => m.id,
  );
});
afterAll(() => core.stop());

type Row = Record<string, unknown>;
const canon = (rows: Row[]) =>
  rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b))))).sort();

async function compare() {
  const db = core.app.db;
  const run = async (q: ReturnType<typeof sql>) => (await sql<Row>`${q}`.execute(db)).rows;
  const orderDays = [
    ...(await run(rawOrderDays('entrada', null, null))),
    ...(await run(rawOrderDays('entrega', null, null))),
  ];
  const itemDays = [
    ...(await run(rawItemDays('entrada', null, null))),
    ...(await run(rawItemDays('entrega', null, null))),
  ];
  expect(canon((await sql<Row>`select * from report_order_days`.execute(db)).rows)).toEqual(canon(orderDays));
  expect(canon((await sql<Row>`select * from report_item_days`.execute(db)).rows)).toEqual(canon(itemDays));
  expect(canon((await sql<Row>`select * from report_payment_days`.execute(db)).rows)).toEqual(
    canon((await run(rawPaymentDays())) as Row[]),
  );
  return orderDays.length;
}

describe('report aggregates', () => {
  it('equal a recomputation from the raw rows after random writes, edits, cancels, reversals and deletes', async () => {
    const random = rng(20261124);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const day = () => `2026-11-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    const item = () =>
      random() < 0.5
        ? {
            productId: cat.lona,
            description: 'Lona',
            widthMm: 500 + Math.floor(random() * 3000),
            heightMm: 500 + Math.floor(random() * 2000),
            quantity: 1 + Math.floor(random() * 3),
            materialId: random() < 0.5 ? cat.material : null,
            designerId: random() < 0.5 ? cat.designer : null,
            machineId: random() < 0.5 ? cat.machine : null,
          }
        : {
            productId: cat.camiseta,
            description: 'Camisetas',
            quantity: 1 + Math.floor(random() * 20),
            designerId: random() < 0.3 ? cat.designer : null,
          };
    const orders: number[] = [];
    const payments: number[] = [];
    const ops: Record<string, number> = {};
    for (let step = 0; step < 160; step++) {
      const op =
        orders.length < 5
          ? 'create'
          : pick([
              'create',
              'create',
              'edit',
              'edit',
              'cancel',
              'pay',
              'reverse',
              'reprint',
              'delete',
              'convert',
              'plan',
              'sql',
            ]);
      const id = orders.length ? pick(orders) : 0;
      let ok = false;
      if (op === 'create') {
        const entry = day();
        const quote = random() < 0.2;
        const res = await admin('POST', '/api/orders', {
          kind: quote ? 'orcamento' : 'pedido',
          customerId: pick(customers),
          entryDate: entry,
          ...(quote ? {} : { deliveryDate: entry < '2026-11-20' ? '2026-11-27' : '2026-11-30' }),
          sellerId: random() < 0.5 ? cat.seller : null,
          shippingMethodId: random() < 0.3 ? cat.shipping : null,
          discountCents: random() < 0.3 ? 100 : 0,
          items: Array.from({ length: 1 + Math.floor(random() * 3) }, item),
        });
        ok = res.status === 201;
        if (ok) orders.push(res.body.id);
      } else if (op === 'edit') {
        const cur = (await admin('GET', `/api/orders/${id}`)).body;
        const keep = cur.items
          .slice(0, Math.max(1, cur.items.length - 1))
          .map((i: { id: number; productId: number }) => ({
            id: i.id,
            productId: i.productId,
            description: 'Editado',
            quantity: 1 + Math.floor(random() * 4),
          }));
        const res = await admin('PATCH', `/api/orders/${id}`, {
          version: cur.version,
          entryDate: random() < 0.5 ? day() : cur.entryDate,
          ...(cur.kind === 'pedido' && { deliveryDate: '2026-11-30' }),
          discountCents: random() < 0.5 ? 0 : 50,
          items: random() < 0.5 ? [...keep, item()] : keep,
        });
        ok = res.status === 200;
      } else if (op === 'cancel') {
        ok = (await admin('POST', `/api/orders/${id}/status`, { status: 'cancelado', reason: 'Teste' })).status === 200;
      } else if (op === 'pay') {
        const res = await admin('POST', `/api/orders/${id}/payments`, {
          amountCents: 100 + Math.floor(random() * 2000),
          paymentMethodId: pick(methods),
        });
        ok = res.status === 201;
        if (ok) payments.push(res.body.id);
      } else if (op === 'reverse' && payments.length) {
        ok = (await admin('POST', `/api/payments/${pick(payments)}/reverse`, { reason: 'Teste' })).status === 201;
      } else if (op === 'reprint') {
        const cur = (await admin('GET', `/api/orders/${id}`)).body;
        const res = await admin('POST', `/api/orders/${id}/reprints`, {
          itemId: cur.items[0].id,
          reason: pick(['Cor errada', 'Manchou']),
          costCents: 500,
        });
        ok = res.status === 201;
        if (ok) orders.push(res.body.id);
      } else if (op === 'delete') {
        ok = (await admin('DELETE', `/api/orders/${id}`)).status === 200;
        if (ok) orders.splice(orders.indexOf(id), 1);
      } else if (op === 'convert') {
        ok = (await admin('POST', `/api/orders/${id}/convert`, { deliveryDate: '2026-11-30' })).status === 200;
      } else if (op === 'plan') {
        const res = await admin('POST', `/api/orders/${id}/installment-plan`, { count: 2, firstDueDate: '2026-12-24' });
        ok = res.status === 201;
        if (ok) {
          const paid = await admin('POST', `/api/installments/${res.body.installments[0].id}/payments`, {
            amountCents: res.body.installments[0].amountCents,
            paymentMethodId: pick(methods),
          });
          if (paid.status === 201) payments.push(paid.body.id);
        }
      } else if (op === 'sql') {
        // Writes no procedure makes: an item changed in place, and an order deleted with its items by the cascade.
        const sqlite = core.app.database.sqlite;
        if (random() < 0.5) {
          sqlite
            .prepare('update order_items set quantity = quantity + 1, machine_id = ? where order_id = ?')
            .run(cat.machine, id);
          ok = true;
        } else {
          const free = sqlite
            .prepare(
              `select id from orders o where not exists (select 1 from payments p where p.order_id = o.id)
                and not exists (select 1 from installment_plans p where p.order_id = o.id)
                and not exists (select 1 from orders r where r.reprint_of_order_id = o.id) limit 1`,
            )
            .get() as { id: number } | undefined;
          if (free) {
            sqlite.prepare('delete from order_stages where order_id = ?').run(free.id);
            sqlite.prepare('delete from item_images where order_id = ?').run(free.id);
            sqlite.prepare('delete from orders where id = ?').run(free.id);
            orders.splice(orders.indexOf(free.id), 1);
            ok = true;
          }
        }
      }
      if (ok) ops[op] = (ops[op] ?? 0) + 1;
      if (step % 40 === 39) await compare();
    }
    // Every kind of write happened, and the tables are not trivially empty.
    for (const op of ['create', 'edit', 'cancel', 'pay', 'reverse', 'reprint', 'delete', 'convert', 'plan', 'sql'])
      expect(ops[op] ?? 0, `${op} ${JSON.stringify(ops)}`).toBeGreaterThan(0);
    expect(await compare()).toBeGreaterThan(10);
  });

  it('the migration backfills the same numbers the triggers keep', async () => {
    const db = core.app.db;
    const before = {
      orders: canon((await sql<Row>`select * from report_order_days`.execute(db)).rows),
      items: canon((await sql<Row>`select * from report_item_days`.execute(db)).rows),
      payments: canon((await sql<Row>`select * from report_payment_days`.execute(db)).rows),
    };
    await m0016.down(db);
    await m0016.up(db);
    expect(canon((await sql<Row>`select * from report_order_days`.execute(db)).rows)).toEqual(before.orders);
    expect(canon((await sql<Row>`select * from report_item_days`.execute(db)).rows)).toEqual(before.items);
    expect(canon((await sql<Row>`select * from report_payment_days`.execute(db)).rows)).toEqual(before.payments);
  });
});
