import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src-main/clock';
import type { Core } from '../../src-main/core';
import { printCacheDir } from '../../src-main/modules/fichas/art';
import { ADMIN, api, databaseDigest, startTestCore, tempDir, userWithRole } from '../helpers/app';
import { seedCatalog } from '../helpers/fixtures';

/**
 * Fichas de produção as the shop prints them: every field of the template found in the PDF's text,
 * pages that render, art at a bounded resolution, a QR code that opens the order, clear template
 * errors, size grids that add up, and batches of 100.
 */
const clock = manualClock('2026-11-24T13:00:00Z');
let core: Core;
let admin: ReturnType<typeof api>;
let adminToken: string;
let cat: Awaited<ReturnType<typeof seedCatalog>>;
let customer: number;
let order: { id: number; number: string; items: Array<{ id: number; productionType: string }>; version: number };
const dir = tempDir('balcao-fichas-');

async function download(url: string, name: string, as = admin): Promise<string> {
  const link = await as('GET', `/api/files/link?path=${encodeURIComponent(url)}`);
  expect(link.status, JSON.stringify(link.body)).toBe(200);
  const res = await fetch(`${core.url}${link.body.url}`);
  expect(res.status, url).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/pdf');
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return file;
}

const textOf = (file: string) => execFileSync('pdftotext', ['-layout', file, '-']).toString().replace(/\s+/g, ' ');
const pagesOf = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())?.[1]);

async function newOrder(body: Record<string, unknown>) {
  const res = await admin('POST', '/api/orders', {
    customerId: customer,
    deliveryDate: '2026-11-30',
    priority: 'ALTA',
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

beforeAll(async () => {
  core = await startTestCore({ clock });
  adminToken = (await api(core.url)('POST', '/api/setup', { companyName: 'Gráfica Exemplo', admin: ADMIN })).body
    .token as string;
  admin = api(core.url, adminToken);
  cat = await seedCatalog(admin);
  customer = (
    await admin('POST', '/api/customers', {
      name: 'Clube Atlético Ipê',
      phone: '11987654321',
      address: { city: 'Campinas', state: 'SP' },
    })
  ).body.id;
  order = await newOrder({
    items: [
      {
        productId: cat.camiseta,
        description: 'Camisa do time — frente e costas',
        quantity: 12,
        materialId: cat.material,
        machineId: cat.machine,
        colorProfile: 'Sublimação FOSCO v2',
        rip: 'Wasatch',
        sizeGrid: [
          { size: 'm', quantity: 5 },
          { size: 'P', quantity: 3 },
          { size: 'GG', quantity: 4 },
        ],
        names: [
          { name: 'Zé Ávila', number: '10', size: 'M' },
          { name: 'Joaquim Ñuñez', number: '7' },
        ],
      },
      {
        productId: cat.lona,
        description: 'Faixa de fachada',
        widthMm: 2500,
        heightMm: 1200,
        quantity: 1,
        materialId: cat.material,
        finishId: cat.finish,
        notes: 'Ilhós nos cantos',
      },
    ],
  });
}, 60_000);

afterAll(async () => {
  await core?.stop();
});

describe('size grid and names on the item', () => {
  it('keeps the grid in size order and the names, and refuses a grid that does not add up', async () => {
    const got = (await admin('GET', `/api/orders/${order.id}`)).body;
    expect(got.items[0].sizeGrid).toEqual([
      { size: 'P', quantity: 3 },
      { size: 'M', quantity: 5 },
      { size: 'GG', quantity: 4 },
    ]);
    expect(got.items[0].names).toHaveLength(2);
    const before = databaseDigest(core.app);
    const bad = await admin('PATCH', `/api/orders/${order.id}`, {
      version: got.version,
      items: [
        {
          id: got.items[0].id,
          productId: cat.camiseta,
          description: 'x',
          quantity: 12,
          sizeGrid: [{ size: 'P', quantity: 5 }],
        },
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toContain('soma 5 peças, mas a quantidade do item é 12');
    expect(bad.body.error.fields['items.0.sizeGrid']).toContain('soma 5');
    const tooMany = await admin('PATCH', `/api/orders/${order.id}`, {
      version: got.version,
      items: [
        {
          id: got.items[0].id,
          productId: cat.camiseta,
          description: 'x',
          quantity: 1,
          names: [
            { name: 'A', number: '1' },
            { name: 'B', number: '2' },
          ],
        },
      ],
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.fields['items.0.names']).toContain('2 nomes para 1 peças');
    expect(databaseDigest(core.app)).toBe(before);
  });
});

describe('templates', () => {
  it('seeds one default per production type, and picks it for the item', async () => {
    const list = (await admin('GET', '/api/ficha-templates')).body.items as Array<{
      name: string;
      productionTypes: string[];
    }>;
    expect(list.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'Camiseta / uniforme',
        'Painel / lona / banner',
        'Caneca / brindes',
        'Adesivo',
        'Bandeira',
      ]),
    );
    const ficha = await admin('POST', '/api/fichas', { orderId: order.id, itemId: order.items[0]?.id });
    expect(ficha.status).toBe(201);
    expect(ficha.body.templateName).toBe('Camiseta / uniforme');
    await admin('DELETE', `/api/fichas/${ficha.body.id}`);
  });

  it('says clearly what is wrong with a template', async () => {
    const base = { name: 'Teste', productionTypes: [], paper: 'a4', fields: [] };
    const unknown = await admin('POST', '/api/ficha-templates', {
      ...base,
      blocks: [{ type: 'cabecalho' }, { type: 'logotipo' }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields['blocks.1.type']).toMatch(
      /^Bloco desconhecido: "logotipo"\. Use um destes: cabecalho, pedido/,
    );
    const noSource = await admin('POST', '/api/ficha-templates', { ...base, blocks: [{ type: 'imagem' }] });
    expect(noSource.status).toBe(400);
    expect(noSource.body.error.fields['blocks.0.source']).toContain('O bloco de imagem precisa de uma fonte');
    const twice = await admin('POST', '/api/ficha-templates', {
      ...base,
      blocks: [{ type: 'campos' }],
      fields: [
        { key: 'temp', label: 'Temperatura' },
        { key: 'temp', label: 'Outra' },
      ],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.fields['fields.1.key']).toContain('"temp" aparece mais de uma vez');
    const english = await admin(
      'POST',
      '/api/ficha-templates',
      { ...base, blocks: [{ type: 'imagem' }] },
      { 'accept-language': 'en' },
    );
    expect(english.body.error.fields['blocks.0.source']).toContain('The image block needs a source');
  });

  it('a template in use cannot be deleted; production may fill a ficha but not edit templates', async () => {
    const t = await admin('POST', '/api/ficha-templates', {
      name: 'Só teste',
      productionTypes: ['caneca'],
      paper: 'a5',
      blocks: [{ type: 'pedido' }],
      fields: [{ key: 'temp', label: 'Temperatura' }],
    });
    expect(t.status).toBe(201);
    const ficha = await admin('POST', '/api/fichas', {
      orderId: order.id,
      templateId: t.body.id,
      values: { temp: '180' },
    });
    const refused = await admin('DELETE', `/api/ficha-templates/${t.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('usado por 1 ficha');
    const prod = api(core.url, (await userWithRole(core.app, 'producao')).token);
    const filled = await prod('PATCH', `/api/fichas/${ficha.body.id}`, { version: 1, values: { temp: '190' } });
    expect(filled.status).toBe(200);
    expect(filled.body.values).toEqual({ temp: '190' });
    const unknownField = await prod('PATCH', `/api/fichas/${ficha.body.id}`, { version: 2, values: { pressao: '3' } });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.fields['values.pressao']).toContain('não tem o campo "pressao"');
    expect((await prod('PATCH', `/api/ficha-templates/${t.body.id}`, { version: 1, name: 'x' })).status).toBe(403);
    await admin('DELETE', `/api/fichas/${ficha.body.id}`);
    expect((await admin('DELETE', `/api/ficha-templates/${t.body.id}`)).status).toBe(200);
  });
});

describe('the ficha PDF', () => {
  let artPixels: { width: number; height: number };

  beforeAll(async () => {
    // A large art (6000 × 4000 px) on the banner item: the ficha must not carry it whole.
    artPixels = { width: 6000, height: 4000 };
    const jpeg = await sharp({
      create: { ...artPixels, channels: 3, background: { r: 30, g: 120, b: 200 } },
    })
      .jpeg({ quality: 80 })
      .toBuffer();
    const img = await admin('POST', `/api/orders/${order.id}/items/${order.items[1]?.id}/images`, {
      dataUrl: `data:image/jpeg;base64,${jpeg.toString('base64')}`,
    });
    expect(img.status, JSON.stringify(img.body)).toBe(201);
  }, 60_000);

  it('shows every field of its template and the company header; its page renders', async () => {
    const ficha = await admin('POST', '/api/fichas', {
      orderId: order.id,
      itemId: order.items[0]?.id,
      values: { temperatura: '200', tempo: '45', perfil: 'ICC Sublimax' },
    });
    expect(ficha.status).toBe(201);
    const file = await download(`/api/fichas/${ficha.body.id}/ficha.pdf`, 'camiseta.pdf');
    const text = textOf(file);
    for (const expected of [
      'Gráfica Exemplo',
      'Ficha de produção Camiseta / uniforme',
      order.number,
      'Clube Atlético Ipê',
      '(11) 98765-4321',
      'Campinas',
      'Entrada: 24/11/2026',
      'Entrega: 30/11/2026',
      'URGENTE',
      'Camisa do time — frente e costas',
      'Quantidade: 12',
      'Material: Lona fosca',
      'Máquina: Mimaki JV33',
      'RIP: Wasatch',
      'Perfil de cor: Sublimação FOSCO v2',
      'Grade de tamanhos',
      'Zé Ávila (M)',
      'Joaquim Ñuñez',
      'Temperatura da prensa (°C): 200',
      'Tempo de prensa (s): 45',
      'Perfil de cor aplicado: ICC Sublimax',
      'Impressão/Sublimação',
      'assinatura e data',
    ])
      expect(text, expected).toContain(expected);
    // The grid: sizes in order with their counts and the total.
    expect(text).toMatch(/P M GG Total 3 5 4 12/);
    expect(text).toMatch(/10 Zé Ávila/);
    expect(text).toMatch(/7 Joaquim/);
    execFileSync('pdftoppm', ['-r', '40', '-png', file, path.join(dir, 'camiseta')]);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('camiseta-') && f.endsWith('.png'))).toHaveLength(1);
  });

  it('prints the art at print resolution, bounded, and keeps the scaled copy', async () => {
    const file = await download(`/api/orders/${order.id}/fichas.pdf?itemId=${order.items[1]?.id}`, 'lona.pdf');
    const text = textOf(file);
    expect(text).toContain('Medidas (L × A): 2,50 m × 1,20 m');
    expect(text).toContain('Área: 3,00 m²');
    expect(text).toContain('Acabamento: Ilhós');
    expect(text).toContain('Ilhós nos cantos');
    const list = execFileSync('pdfimages', ['-list', file]).toString().trim().split('\n').slice(2);
    expect(list).toHaveLength(1);
    const [, , , width, height] = (list[0] as string).trim().split(/\s+/).map(Number);
    // Scaled to what the printed box needs at 300 dpi (an A4 page is 2480 px wide at 300 dpi): far below 6000 × 4000.
    expect(width).toBeLessThanOrEqual(2480);
    expect(width).toBeGreaterThan(1000);
    expect((width as number) / (height as number)).toBeCloseTo(1.5, 1);
    const cached = fs.readdirSync(printCacheDir(core.app.services.mediaDir));
    expect(cached).toHaveLength(1);
    expect(cached[0]).toMatch(new RegExp(`-${width}x${height}\\.jpg$`));
    const stat = fs.statSync(path.join(printCacheDir(core.app.services.mediaDir), cached[0] as string));
    // Printed again: the kept copy is used, not scaled again.
    await download(`/api/orders/${order.id}/fichas.pdf?itemId=${order.items[1]?.id}`, 'lona2.pdf');
    expect(fs.statSync(path.join(printCacheDir(core.app.services.mediaDir), cached[0] as string)).mtimeMs).toBe(
      stat.mtimeMs,
    );
  });

  it('has a QR code that opens the order on the shop network', async () => {
    const file = await download(`/api/orders/${order.id}/fichas.pdf`, 'pedido.pdf');
    expect(pagesOf(file)).toBe(2);
    execFileSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '1', '-png', file, path.join(dir, 'qr')]);
    const png = fs.readdirSync(dir).find((f) => f.startsWith('qr') && f.endsWith('.png')) as string;
    const decoded = execFileSync('zbarimg', ['--quiet', '--raw', path.join(dir, png)])
      .toString()
      .trim();
    expect(decoded).toBe(`${core.url}/#/pedidos/${order.id}`);
  });

  it('previews a template not saved yet, with sample data or a real order', async () => {
    const template = {
      name: 'Rascunho',
      productionTypes: [],
      paper: 'etiqueta',
      blocks: [{ type: 'pedido' }, { type: 'cliente' }, { type: 'campos', title: 'Prensa' }],
      fields: [{ key: 'temp', label: 'Temperatura' }],
    };
    const res = await fetch(`${core.url}/api/ficha-templates/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ template, orderId: order.id }),
    });
    expect(res.status).toBe(200);
    const file = path.join(dir, 'previa.pdf');
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = textOf(file);
    expect(text).toContain('Clube Atlético Ipê');
    expect(text).toContain('Prensa');
    expect(text).toContain('Temperatura');
    // 100 × 150 mm label.
    expect(execFileSync('pdfinfo', [file]).toString()).toMatch(/Page size:\s+283\.46\d* x 425\.19\d*/);
  });
});

describe('batches', () => {
  let ids: number[];
  beforeAll(async () => {
    ids = [];
    for (let i = 0; i < 50; i++) {
      const o = await newOrder({
        items: [
          { productId: cat.camiseta, description: `Camiseta ${i}`, quantity: 2, printDate: '2026-11-24' },
          { productId: cat.lona, description: `Banner ${i}`, widthMm: 1000, heightMm: 500, quantity: 1 },
        ],
      });
      ids.push(o.id);
    }
  }, 120_000);

  it('100 fichas make one PDF of 100 pages, or 50 two per A4', async () => {
    const one = await download(`/api/fichas/batch.pdf?orderIds=${ids.join(',')}`, 'lote.pdf');
    expect(pagesOf(one)).toBe(100);
    const two = await download(`/api/fichas/batch.pdf?orderIds=${ids.join(',')}&paper=a4_duas`, 'lote2.pdf');
    expect(pagesOf(two)).toBe(50);
    expect(textOf(two)).toContain('Banner 49');
  }, 120_000);

  it("today's printing, generated in the background with its progress", async () => {
    const started = await admin('POST', '/api/fichas/batches', { today: true });
    expect(started.status).toBe(201);
    expect(started.body.total).toBe(50);
    let status = started.body;
    for (let i = 0; i < 600 && !status.ready && !status.failed; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await admin('GET', `/api/fichas/batches/${started.body.id}`)).body;
      expect(status.done).toBeLessThanOrEqual(50);
    }
    expect(status.ready).toBe(true);
    expect(status.done).toBe(50);
    const file = await download(status.file, 'hoje.pdf');
    expect(pagesOf(file)).toBe(50);
    expect(textOf(file)).not.toContain('Banner 3');
    // Another user cannot see someone else's batch.
    const other = api(core.url, (await userWithRole(core.app, 'gerente', 'gerente2')).token);
    expect((await other('GET', `/api/fichas/batches/${started.body.id}`)).status).toBe(404);
  }, 60_000);

  it('says so when there is nothing to print', async () => {
    const res = await admin('GET', '/api/fichas/batch.pdf?printDate=2030-01-01');
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('Nenhuma ficha para imprimir');
  });
});
