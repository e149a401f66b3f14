import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src-main/clock';
import type { Core } from '../../src-main/core';
import { ADMIN, api, CPF_JOAO, startTestCore } from '../helpers/app';
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
