import sharp from 'sharp';
import type { api } from './app';

type Api = ReturnType<typeof api>;

/** Registries a shop has on day one: products by m² and by unit, a material, a finish, a machine, people. */
export async function seedCatalog(admin: Api) {
  const lona = await admin('POST', '/api/products', {
    name: 'Lona 440g',
    productionType: 'lona',
    unit: 'm2',
    priceCents: 4500,
    costCents: 1800,
  });
  const camiseta = await admin('POST', '/api/products', {
    name: 'Camiseta sublimada',
    productionType: 'camiseta',
    unit: 'un',
    priceCents: 3990,
  });
  const material = await admin('POST', '/api/materials', {
    name: 'Lona fosca',
    supplier: 'Fornecedor Sul',
    unit: 'm2',
    costCents: 1500,
  });
  const finish = await admin('POST', '/api/finishes', { name: 'Ilhós', priceCents: 50 });
  const machine = await admin('POST', '/api/machines', { name: 'Mimaki JV33', type: 'Impressora solvente' });
  const designer = await admin('POST', '/api/staff', { name: 'Dani Designer', roles: ['designer'] });
  const seller = await admin('POST', '/api/staff', { name: 'Vera Vendedora', roles: ['vendedor'] });
  const shipping = await admin('POST', '/api/shipping-methods', { name: 'Motoboy', freightCents: 1500 });
  for (const r of [lona, camiseta, material, finish, machine, designer, seller, shipping]) {
    if (r.status !== 201) throw new Error(`seed falhou: ${JSON.stringify(r.body)}`);
  }
  return {
    lona: lona.body.id as number,
    camiseta: camiseta.body.id as number,
    material: material.body.id as number,
    finish: finish.body.id as number,
    machine: machine.body.id as number,
    designer: designer.body.id as number,
    seller: seller.body.id as number,
    shipping: shipping.body.id as number,
  };
}

export async function pngBytes(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .png()
    .toBuffer();
}

export async function jpegBytes(width = 80, height = 60): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 20, g: 90, b: 200 } } })
    .jpeg()
    .toBuffer();
}
