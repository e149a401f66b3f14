import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as m0015 from '../../migrations/0015_item_costs';
import * as m0016 from '../../migrations/0016_report_aggregates';
import * as m0017 from '../../migrations/0017_report_indexes';
import { manualClock } from '../../src-main/clock';
import type { Core } from '../../src-main/core';
import { itemCostCents } from '../../src-shared/domain/pricing';
import { ADMIN, api, CPF_JOAO, makeApp, setupAdmin, startTestCore } from '../helpers/app';
import { seedCatalog } from '../helpers/fixtures';

const clock = manualClock('2026-11-24T13:00:00Z');
let core: Core;
let admin: ReturnType<typeof api>;
let cat: Awaited<ReturnType<typeof seedCatalog>>;
let customerId: number;

beforeAll(async () => {
  core = await startTestCore({ clock });
  const setup = await api(core.url)('POST', '/api/setup', { companyName: 'Gráfica Exemplo', admin: ADMIN });
  admin = api(core.url, setup.body.token);
  cat = await seedCatalog(admin); // Lona: cost R$ 18,00/m²; material Lona fosca: R$ 15,00/m²
  customerId = (await admin('POST', '/api/customers', { name: 'João da Silva', document: CPF_JOAO })).body.id;
  await admin('POST', '/api/users', {
    name: 'Paulo Produção',
    username: 'paulo',
    role: 'producao',
    password: 'paulo-senha-1',
  });
});
afterAll(() => core.stop());

async function setCost(path: string, costCents: number) {
  const { version } = (await admin('GET', path)).body;
  const res = await admin('PATCH', path, { version, costCents });
  expect(res.status).toBe(200);
}

describe('real cost recorded on each order item', () => {
  it('is recorded when the order is made, kept when the catalogue changes, recomputed when the item changes', async () => {
    const created = await admin('POST', '/api/orders', {
      customerId,
      kind: 'orcamento',
      items: [
        {
          productId: cat.lona,
          description: 'Banner 3,00 × 1,20',
          widthMm: 3000,
          heightMm: 1200,
          quantity: 2,
          materialId: cat.material,
          finishId: cat.finish,
          extras: [{ name: 'Ilhós', quantity: 16, unitPriceCents: 50 }],
        },
        { productId: cat.camiseta, description: 'Camisetas', quantity: 3 },
      ],
    });
    expect(created.status).toBe(201);
    // 7,2 m² × (R$ 18,00 + R$ 15,00) = R$ 237,60; the camiseta has no cost registered.
    expect(created.body.items.map((i: { costCents: number }) => i.costCents)).toEqual([23_760, 0]);

    // The catalogue's costs change: the order already made keeps what it cost.
    await setCost(`/api/products/${cat.lona}`, 2500);
    await setCost(`/api/materials/${cat.material}`, 2000);
    await setCost(`/api/products/${cat.camiseta}`, 1200);
    const read = await admin('GET', `/api/orders/${created.body.id}`);
    expect(read.body.items.map((i: { costCents: number }) => i.costCents)).toEqual([23_760, 0]);

    // An edit that leaves an item's product, material, size and quantity alone keeps its cost;
    // changing the quantity prices it again with today's costs.
    const [banner, shirts] = read.body.items;
    const edited = await admin('PATCH', `/api/orders/${created.body.id}`, {
      version: read.body.version,
      items: [
        { id: banner.id, productId: cat.lona, description: 'Banner 3,00 × 1,20 (novo texto)', quantity: 2 },
        { id: shirts.id, productId: cat.camiseta, description: 'Camisetas', quantity: 5 },
      ],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.items.map((i: { costCents: number }) => i.costCents)).toEqual([23_760, 5 * 1200]);

    const again = await admin('PATCH', `/api/orders/${created.body.id}`, {
      version: edited.body.version,
      items: [
        { id: banner.id, productId: cat.lona, description: 'Banner 3,00 × 1,20', quantity: 1 },
        { id: shirts.id, productId: cat.camiseta, description: 'Camisetas', quantity: 5 },
      ],
    });
    // 3,6 m² × (R$ 25,00 + R$ 20,00) = R$ 162,00
    expect(again.body.items.map((i: { costCents: number }) => i.costCents)).toEqual([16_200, 6000]);

    // Production sees the item, never its cost.
    const login = await api(core.url)('POST', '/api/auth/login', { username: 'paulo', password: 'paulo-senha-1' });
    const paulo = api(core.url, login.body.token);
    const seen = await paulo('GET', `/api/orders/${created.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.items).toHaveLength(2);
    for (const item of seen.body.items) {
      expect(item).not.toHaveProperty('costCents');
      expect(item).not.toHaveProperty('totalCents');
    }
  });
});

describe('migration 0015 backfills old items from the catalogue (best effort)', () => {
  it('gives each item the cost itemCostCents computes from the current catalogue', async () => {
    const { app } = await makeApp();
    try {
      const token = await setupAdmin(app);
      const call = (name: string, input: unknown) => app.call(name, input, { token }) as Promise<{ id: number }>;
      const lona = await call('products.create', {
        name: 'Lona',
        productionType: 'lona',
        unit: 'm2',
        priceCents: 4500,
        costCents: 1001,
      });
      const faixa = await call('products.create', {
        name: 'Faixa',
        productionType: 'lona',
        unit: 'm',
        priceCents: 900,
        costCents: 333,
      });
      const caneca = await call('products.create', {
        name: 'Caneca',
        productionType: 'camiseta',
        unit: 'un',
        priceCents: 2500,
        costCents: 700,
      });
      const fosca = await call('materials.create', { name: 'Lona fosca', unit: 'm²', costCents: 1500 });
      const tinta = await call('materials.create', { name: 'Tinta', unit: 'kg', costCents: 9000 });
      const customer = await call('customers.create', { name: 'Maria' });
      const order = await call('orders.create', {
        customerId: customer.id,
        kind: 'orcamento',
        items: [
          { productId: lona.id, description: 'a', widthMm: 333, heightMm: 333, quantity: 3, materialId: fosca.id },
          { productId: lona.id, description: 'b', widthMm: 1000, heightMm: 500, quantity: 1, materialId: tinta.id },
          { productId: faixa.id, description: 'c', widthMm: 1500, quantity: 1 },
          { productId: caneca.id, description: 'd', quantity: 4 },
        ],
      });
      const expected = [
        itemCostCents({
          unit: 'm2',
          quantity: 3,
          widthMm: 333,
          heightMm: 333,
          productCostCents: 1001,
          material: { costCents: 1500, unit: 'm2' },
        }),
        itemCostCents({ unit: 'm2', quantity: 1, widthMm: 1000, heightMm: 500, productCostCents: 1001 }),
        itemCostCents({ unit: 'm', quantity: 1, widthMm: 1500, productCostCents: 333 }),
        itemCostCents({ unit: 'un', quantity: 4, productCostCents: 700 }),
      ];
      const costs = async () =>
        (
          await app.db
            .selectFrom('order_items')
            .select('cost_cents')
            .where('order_id', '=', order.id)
            .orderBy('position')
            .execute()
        ).map((r) => r.cost_cents);
      expect(await costs()).toEqual(expected);
      // As if these items had been sold before the column existed (later migrations, which use it, undone first).
      await m0017.down(app.db);
      await m0016.down(app.db);
      await m0015.down(app.db);
      await m0015.up(app.db);
      await m0016.up(app.db);
      await m0017.up(app.db);
      expect(await costs()).toEqual(expected);
    } finally {
      await app.close();
    }
  });
});
