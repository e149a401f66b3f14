import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core';
import { artPreviewForItem } from '../../src-main/modules/art/procedures';
import { api, CPF_JOAO, setupAdmin, startTestCore, userWithRole } from '../helpers/app';
import { redSquarePdf, streamBigUpload, uploadArt } from '../helpers/art';

/** Art files (issue 11) over the real LAN server: streamed uploads, sniffing, previews, approval. */
let core: Core & { dir: string };
let token: string;
let seller: string;
let production: string;
let orderId: number;
let items: number[];
// biome-ignore lint/suspicious/noExplicitAny: loosely typed JSON answers
let call: (method: string, url: string, body?: unknown) => Promise<{ status: number; body: any }>;

async function newOrder(count: number): Promise<{ id: number; items: number[] }> {
  const product = (await core.app.call(
    'products.create',
    { name: `Banner ${Math.random()}`, productionType: 'banner', unit: 'un', priceCents: 1000 },
    { token },
  )) as { id: number };
  const order = (await core.app.call(
    'orders.create',
    {
      customerId: 1,
      deliveryDate: '2026-12-10',
      items: Array.from({ length: count }, (_, i) => ({
        productId: product.id,
        description: `Peça ${i + 1}`,
        quantity: 1,
      })),
    },
    { token },
  )) as { id: number; items: Array<{ id: number }> };
  return { id: order.id, items: order.items.map((i) => i.id) };
}

const incomingLeft = () => {
  const dir = `${path.join(core.dir, 'media')}.incoming`;
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

beforeAll(async () => {
  core = await startTestCore();
  token = await setupAdmin(core.app);
  seller = (await userWithRole(core.app, 'vendedor')).token;
  production = (await userWithRole(core.app, 'producao')).token;
  call = api(core.url, token);
  await core.app.call(
    'customers.create',
    { name: 'João da Silva', document: CPF_JOAO, phone: '11987654321' },
    { token },
  );
  ({ id: orderId, items } = await newOrder(6));
});
afterAll(() => core.stop());

describe('art upload', () => {
  it('a PDF made with pdfkit is stored by its hash and gets a first-page preview of 3000 px', async () => {
    const pdf = await redSquarePdf();
    const res = await uploadArt(core.url, token, orderId, items[0] as number, pdf, 'Arte Cliente.pdf');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'arquivo',
      format: 'pdf',
      name: 'Arte Cliente.pdf',
      artStatus: 'arte_enviada',
    });
    expect(res.body.sizeBytes).toBe(pdf.length);
    expect(['gerando', 'pronta']).toContain(res.body.preview);
    await core.app.services.art.idle();

    const art = await call('GET', `/api/orders/${orderId}/art`);
    const current = art.body.items[0].current;
    expect(current.preview).toBe('pronta');
    expect(current.previewHeight).toBe(3000); // A4 portrait: the long side
    expect(current.previewWidth).toBeGreaterThan(2000);

    const preview = await fetch(`${core.url}${current.previewUrl}`, { headers: { authorization: `Bearer ${token}` } });
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toContain('image/jpeg');
    const image = sharp(Buffer.from(await preview.arrayBuffer()));
    // The red square (50–350 pt of 842 pt) is red in the preview; below the text it is white.
    const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
    const px = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3),
    ];
    const [r, g, b] = px(700, 700);
    expect(r).toBeGreaterThan(200);
    expect(g).toBeLessThan(60);
    expect(b).toBeLessThan(60);
    expect(px(1500, 2800).every((c) => c > 240)).toBe(true);

    const thumb = await fetch(`${core.url}${current.thumbUrl}`, { headers: { authorization: `Bearer ${token}` } });
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(320);

    // The fichas' view: the preview file on disk, with its size.
    const forFicha = await artPreviewForItem(core.app.db, core.app.services.art, items[0] as number);
    expect(forFicha).toMatchObject({ width: current.previewWidth, height: 3000 });
    expect(fs.existsSync(forFicha?.path ?? '')).toBe(true);

    // Same bytes again on another item: one stored file, two arts.
    const again = await uploadArt(core.url, token, orderId, items[1] as number, pdf, 'copia.pdf');
    expect(again.body.fileId).toBe(current.fileId);
    const files = core.app.database.sqlite.prepare('select count(*) as n from art_files').get() as { n: number };
    expect(files.n).toBe(1);
    expect(incomingLeft()).toEqual([]);
  });

  it('a renamed EXE posing as a PDF is refused with 415 and leaves nothing behind', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(50_000, 1)]);
    const before = core.app.database.sqlite.prepare('select count(*) as n from item_arts').get() as { n: number };
    const res = await uploadArt(core.url, token, orderId, items[2] as number, exe, 'arte-final.pdf');
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA');
    expect(res.body.error.message).toContain('"arte-final.pdf" não é um arquivo de arte aceito');
    const after = core.app.database.sqlite.prepare('select count(*) as n from item_arts').get() as { n: number };
    expect(after.n).toBe(before.n);
    expect(incomingLeft()).toEqual([]);
  });

  it('a TIFF gets a preview at its own size (never enlarged), and a broken PDF the generic icon', async () => {
    const tiff = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#0000ff' } })
      .tiff()
      .toBuffer();
    const res = await uploadArt(core.url, token, orderId, items[2] as number, tiff, 'painel.tif');
    expect(res.status).toBe(201);
    expect(res.body.format).toBe('tiff');
    const broken = Buffer.from('%PDF-1.7\nisto não é um PDF de verdade\n%%EOF\n');
    const bad = await uploadArt(core.url, token, orderId, items[3] as number, broken, 'quebrado.pdf');
    expect(bad.status).toBe(201);
    await core.app.services.art.idle();
    const art = (await call('GET', `/api/orders/${orderId}/art`)).body.items;
    expect(art[2].current).toMatchObject({ preview: 'pronta', previewWidth: 1200, previewHeight: 800 });
    expect(art[3].current).toMatchObject({ preview: 'indisponivel', thumbUrl: null, previewUrl: null });
    expect(art[3].current.downloadUrl).toBeTruthy();
  });

  it('an SVG with a script is refused; a clean one is rasterized', async () => {
    const evil = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>';
    const res = await uploadArt(core.url, token, orderId, items[4] as number, Buffer.from(evil), 'logo.svg');
    expect(res.status).toBe(415);
    expect(res.body.error.message).toContain('script');
    const handler = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="5" height="5"/></svg>';
    expect((await uploadArt(core.url, token, orderId, items[4] as number, Buffer.from(handler), 'a.svg')).status).toBe(
      415,
    );
    const outside =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="file:///etc/passwd"/></svg>';
    expect((await uploadArt(core.url, token, orderId, items[4] as number, Buffer.from(outside), 'b.svg')).status).toBe(
      415,
    );

    const clean =
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><rect width="400" height="200" fill="#00ff00"/></svg>';
    const ok = await uploadArt(core.url, token, orderId, items[4] as number, Buffer.from(clean), 'logo.svg');
    expect(ok.status).toBe(201);
    expect(ok.body.format).toBe('svg');
    await core.app.services.art.idle();
    const art = (await call('GET', `/api/orders/${orderId}/art`)).body.items[4].current;
    expect(art.preview).toBe('pronta');
  });

  it('a PSD keeps the generic icon and downloads as it was sent, under its own name', async () => {
    const psd = Buffer.concat([Buffer.from('8BPS\x00\x01'), Buffer.alloc(10_000, 7)]);
    const res = await uploadArt(core.url, token, orderId, items[5] as number, psd, 'Camiseta frente.psd');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ format: 'psd', preview: 'nenhuma' });
    expect(await artPreviewForItem(core.app.db, core.app.services.art, items[5] as number)).toBeNull();
    // Production sees and downloads the art.
    const dl = await fetch(`${core.url}${res.body.downloadUrl}`, {
      headers: { authorization: `Bearer ${production}` },
    });
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-disposition')).toContain('attachment');
    expect(decodeURIComponent(dl.headers.get('content-disposition') ?? '')).toContain('Camiseta frente.psd');
    expect(Buffer.from(await dl.arrayBuffer()).equals(psd)).toBe(true);
  });

  it('a link may be given instead of a file; anything but an http(s) address is refused', async () => {
    const ok = await call('POST', `/api/orders/${orderId}/items/${items[5]}/art/link`, {
      url: 'https://drive.google.com/file/d/abc123/view?usp=sharing',
      name: 'Arte no Drive',
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ kind: 'link', name: 'Arte no Drive', downloadUrl: null });
    // A link has nothing to print on a ficha.
    expect(await artPreviewForItem(core.app.db, core.app.services.art, items[5] as number)).toBeNull();
    for (const url of ['javascript:alert(1)', 'ftp://example.com/a.pdf', 'https://', 'drive.google.com/x']) {
      const bad = await call('POST', `/api/orders/${orderId}/items/${items[5]}/art/link`, { url });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields.url).toContain('https://');
    }
  });

  it('a file over the shop limit is refused with 413 and the limit in the message', async () => {
    expect((await call('PATCH', '/api/settings/art', { maxUploadMb: 1 })).status).toBe(200);
    const big = Buffer.concat([Buffer.from('8BPS'), Buffer.alloc(1_500_000)]);
    const res = await uploadArt(core.url, token, orderId, items[5] as number, big, 'grande.psd');
    expect(res.status).toBe(413);
    expect(res.body.error.message).toContain('1 MB');
    expect(incomingLeft()).toEqual([]);
    await call('PATCH', '/api/settings/art', { maxUploadMb: 500 });
  });

  it('a 200 MB art file streams to disk: the server process does not grow by the file', async () => {
    const order = await newOrder(1);
    global.gc?.();
    const base = process.memoryUsage().rss;
    let peak = base;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const size = 200 * 1024 * 1024;
    const head = Buffer.from('8BPS\x00\x01\x00\x00\x00\x00\x00\x00');
    const res = await streamBigUpload(
      `${core.url}/api/orders/${order.id}/items/${order.items[0]}/art`,
      token,
      head,
      size,
      'painel-gigante.psd',
    );
    clearInterval(timer);
    expect(res.status).toBe(201);
    const body = JSON.parse(res.body);
    expect(body.sizeBytes).toBe(size);
    expect(fs.statSync(core.app.services.art.paths(body.fileId).file).size).toBe(size);
    // Holding the file would cost at least 200 MB; streaming costs buffers.
    expect(peak - base).toBeLessThan(80 * 1024 * 1024);
  }, 120_000);
});

describe('art approval', () => {
  it('pedir alteração and aprovar record who, when and channel, and land on the timeline', async () => {
    const change = await api(core.url, seller)('POST', `/api/orders/${orderId}/items/${items[0]}/art/decision`, {
      decision: 'alteracao',
      channel: 'whatsapp',
      note: 'Trocar a cor do fundo',
    });
    expect(change.status).toBe(200);
    expect(change.body).toMatchObject({
      artStatus: 'alteracao',
      approval: { channel: 'whatsapp', byName: 'Usuário vendedor' },
    });
    const ok = await call('POST', `/api/orders/${orderId}/items/${items[0]}/art/decision`, {
      decision: 'aprovada',
      channel: 'telefone',
    });
    expect(ok.body.artStatus).toBe('aprovada');
    const order = await call('GET', `/api/orders/${orderId}`);
    expect(order.body.items[0]).toMatchObject({ artStatus: 'aprovada', artChannel: 'telefone' });
    expect(order.body.items[0].artApprovedByName).toBe('Ana Administradora');

    const art = (await call('GET', `/api/orders/${orderId}/art`)).body.items[0];
    expect(art.approvals.map((a: { decision: string }) => a.decision)).toEqual(['aprovada', 'alteracao']);
    const history = (await call('GET', `/api/orders/${orderId}/history`)).body.items.map(
      (h: { details: string }) => h.details,
    );
    expect(history).toContain('Alteração da arte pedida (item 1) · por WhatsApp · Trocar a cor do fundo');
    expect(history).toContain('Arte aprovada (item 1) · por telefone');
    expect(history).toContain('Enviou arte (item 1) · Arte Cliente.pdf');

    // Production sees the art but does not approve it.
    const refused = await api(core.url, production)('POST', `/api/orders/${orderId}/items/${items[1]}/art/decision`, {
      decision: 'aprovada',
      channel: 'balcao',
    });
    expect(refused.status).toBe(403);
  });

  it('an item without art cannot be approved; an unknown item is 404', async () => {
    const order = await newOrder(1);
    const res = await call('POST', `/api/orders/${order.id}/items/${order.items[0]}/art/decision`, {
      decision: 'aprovada',
      channel: 'balcao',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('não tem arte');
    const unknown = await call('POST', `/api/orders/${order.id}/items/${items[0]}/art/decision`, {
      decision: 'aprovada',
      channel: 'balcao',
    });
    expect(unknown.status).toBe(404);
  });

  it('with the shop setting on, an order with unapproved art does not go to printing', async () => {
    const order = await newOrder(2);
    const pdf = await redSquarePdf();
    for (const item of order.items) await uploadArt(core.url, token, order.id, item, pdf, 'arte.pdf');
    await call('POST', `/api/orders/${order.id}/items/${order.items[0]}/art/decision`, {
      decision: 'aprovada',
      channel: 'email',
    });
    await call('PATCH', '/api/settings/production', { requireArtApproval: true });
    expect((await call('POST', `/api/orders/${order.id}/stages/financeiro`, { done: true })).status).toBe(200);
    const blocked = await call('POST', `/api/orders/${order.id}/stages/conferencia`, { done: true });
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.message).toContain('Peça 2');
    expect((await call('GET', `/api/orders/${order.id}`)).body.currentStage).toBe('conferencia');

    await call('POST', `/api/orders/${order.id}/items/${order.items[1]}/art/decision`, {
      decision: 'aprovada',
      channel: 'balcao',
    });
    const moved = await call('POST', `/api/orders/${order.id}/stages/conferencia`, { done: true });
    expect(moved.status).toBe(200);
    expect(moved.body.currentStage).toBe('impressao');
    await call('PATCH', '/api/settings/production', { requireArtApproval: false });
  });

  it('the board lists each open item with its art status and thumbnail', async () => {
    const board = await call('GET', '/api/production/board/art');
    expect(board.status).toBe(200);
    const first = board.body.items.find((i: { itemId: number }) => i.itemId === items[0]);
    expect(first).toMatchObject({ orderId, artStatus: 'aprovada', kind: 'arquivo', format: 'pdf' });
    expect(first.thumbUrl).toMatch(/^\/api\/art\/files\/[0-9a-f]{64}\/thumb$/);
  });
});
