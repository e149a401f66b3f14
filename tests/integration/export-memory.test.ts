import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import type { FileBody } from '../../src-shared/contract';
import { makeApp, setupAdmin } from '../helpers/app';

/**
 * The orders export is streamed: many orders go out in keyset chunks and never sit in memory
 * together. 200k orders (two items each) are written straight into a temp database, then the CSV
 * is read to the end while the heap is sampled.
 */
const ORDERS = 200_000;
// What stays reachable, not garbage waiting for the collector: sample the heap right after a full GC.
v8.setFlagsFromString('--expose_gc');
const gc = vm.runInNewContext('gc') as () => void;
let app: App;
let token: string;

beforeAll(async () => {
  ({ app } = await makeApp());
  token = await setupAdmin(app);
  await app.call('customers.create', { name: 'Cliente Grande' }, { token });
  const product = (await app.call(
    'products.create',
    { name: 'Banner', productionType: 'banner', unit: 'un', priceCents: 1000 },
    { token },
  )) as { id: number };
  const sqlite = app.database.sqlite;
  const now = '2026-01-01T12:00:00.000Z';
  const order = sqlite.prepare(
    `insert into orders (id, number, kind, customer_id, customer_name, entry_date, priority, status, freight_cents,
      discount_cents, items_count, items_total_cents, total_cents, is_reprint, created_at, updated_at)
     values (?, ?, 'pedido', 1, 'Cliente Grande', '2026-01-01', 'NORMAL', 'pendente', 0, 0, 2, 3000, 3000, 0, ?, ?)`,
  );
  const item = sqlite.prepare(
    `insert into order_items (order_id, position, product_id, product_name, production_type, unit, description,
      quantity, seams, seam_count, extras, unit_price_cents, total_cents, art_status)
     values (?, ?, ?, 'Banner', 'banner', 'un', ?, ?, 'sem', 0, '{}', 1000, ?, 'aguardando_arte')`,
  );
  sqlite.transaction(() => {
    for (let id = 1; id <= ORDERS; id++) {
      order.run(id, `2026-${String(id).padStart(6, '0')}`, now, now);
      item.run(id, 1, product.id, `Banner do pedido ${id}`, 1, 1000);
      item.run(id, 2, product.id, `Faixa do pedido ${id}`, 2, 2000);
    }
  })();
}, 120_000);
afterAll(() => app.close());

describe('streamed orders export', () => {
  it('exports every item line of 200k orders with the heap staying small', async () => {
    gc();
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    let bytes = 0;
    let lines = 0;
    let chunks = 0;
    const file = (await app.call('orders.exportCsv', {}, { token })) as FileBody;
    for await (const chunk of file.body as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
      if (++chunks % 40 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
    }
    expect(lines).toBe(1 + ORDERS * 2);
    // The whole file is ~40 MB; what the export holds at any time is one chunk of it.
    expect(bytes).toBeGreaterThan(30 * 1024 * 1024);
    expect(chunks).toBeGreaterThan(ORDERS / 1000);
    expect(peak - base).toBeLessThan(20 * 1024 * 1024);
  }, 120_000);
});
