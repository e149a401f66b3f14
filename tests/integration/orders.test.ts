import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src-main/clock';
import type { Core } from '../../src-main/core';
import { ADMIN, api, CPF_JOAO, databaseDigest, startTestCore } from '../helpers/app';
import { jpegBytes, pngBytes, seedCatalog } from '../helpers/fixtures';
import { connectWs } from '../helpers/ws';

const clock = manualClock('2026-11-24T13:00:00Z'); // 10:00 in São Paulo
let core: Core;
let admin: ReturnType<typeof api>;
let adminToken: string;
let cat: Awaited<ReturnType<typeof seedCatalog>>;
let customerId: number;

async function loginAs(username: string, password: string) {
  const res = await api(core.url)('POST', '/api/auth/login', { username, password });
  return api(core.url, res.body.token);
}

beforeAll(async () => {
  core = await startTestCore({ clock });
  const setup = await api(core.url)('POST', '/api/setup', { companyName: 'Gráfica Exemplo', admin: ADMIN });
  adminToken = setup.body.token;
  admin = api(core.url, adminToken);
  cat = await seedCatalog(admin);
  customerId = (
    await admin('POST', '/api/customers', {
      name: 'João da Silva',
      document: CPF_JOAO,
      phone: '11987654321',
      address: { city: 'Campinas', state: 'SP' },
    })
  ).body.id;
  await admin('POST', '/api/users', {
    name: 'Paulo Produção',
    username: 'paulo',
    role: 'producao',
    password: 'paulo-senha-1',
  });
  await admin('POST', '/api/users', {
    name: 'Fátima Financeiro',
    username: 'fatima',
    role: 'financeiro',
    password: 'fatima-senha-1',
  });
});
afterAll(() => core.stop());

const twoItems = () => [
  {
    productId: cat.lona,
    description: 'Banner fachada 3,00 × 1,20',
    widthMm: 3000,
    heightMm: 1200,
    quantity: 2,
    materialId: cat.material,
    finishId: cat.finish,
    extras: [{ name: 'Ilhós', quantity: 16, unitPriceCents: 50 }],
    designerId: cat.designer,
  },
  { productId: cat.camiseta, description: 'Camiseta evento P/M/G', quantity: 10, unitPriceCents: 3500 },
];

describe('registries', () => {
  it('everyone reads, only admin/gerente edit, with versions and deactivation', async () => {
    const paulo = await loginAs('paulo', 'paulo-senha-1');
    expect((await paulo('GET', '/api/products')).body.total).toBe(2);
    expect((await paulo('POST', '/api/finishes', { name: 'Bainha' })).status).toBe(403);
    const pm = await admin('GET', '/api/payment-methods');
    expect(pm.body.items.map((m: { name: string }) => m.name)).toEqual(
      expect.arrayContaining([
        'Dinheiro',
        'Pix',
        'Cartão de débito',
        'Cartão de crédito',
        'Boleto',
        'Transferência',
        'Crediário',
      ]),
    );
    const edit = await admin('PATCH', `/api/finishes/${cat.finish}`, { version: 1, priceCents: 60 });
    expect(edit.body).toMatchObject({ priceCents: 60, version: 2 });
    expect((await admin('PATCH', `/api/finishes/${cat.finish}`, { version: 1, priceCents: 70 })).status).toBe(409);
    expect((await admin('GET', '/api/products?search=lona')).body.items[0].name).toBe('Lona 440g');
    const bad = await admin('POST', '/api/products', {
      name: 'X',
      productionType: 'foguete',
      unit: 'un',
      priceCents: 1,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.productionType).toMatch(/desconhecido/);
    const off = await admin('DELETE', `/api/machines/${cat.machine}`);
    expect(off.body.active).toBe(false);
    expect((await admin('GET', '/api/machines')).body.total).toBe(0);
    expect((await admin('POST', `/api/machines/${cat.machine}/reactivate`)).body.active).toBe(true);
  });
});

describe('an order from the counter to delivery', () => {
  let orderId: number;
  let version: number;

  it('computes areas and totals on the server', async () => {
    const res = await admin('POST', '/api/orders', {
      customerId,
      deliveryDate: '2026-11-27',
      sellerId: cat.seller,
      shippingMethodId: cat.shipping,
      discountCents: 1000,
      items: twoItems(),
      totalCents: 1,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.totalCents).toBe('Campo não reconhecido.');

    const ok = await admin('POST', '/api/orders', {
      customerId,
      deliveryDate: '2026-11-27',
      sellerId: cat.seller,
      shippingMethodId: cat.shipping,
      discountCents: 1000,
      items: twoItems(),
    });
    expect(ok.status).toBe(201);
    const o = ok.body;
    // 3.0 m × 1.2 m = 3.6 m² × 2 × R$ 45,00 = R$ 324,00 + 16 ilhós × R$ 0,50 = R$ 332,00
    // + the catalogue finish (Ilhós, R$ 0,60 per piece since the registry test) × 2 pieces = R$ 333,20
    expect(o.items[0]).toMatchObject({
      areaM2: 3.6,
      totalCents: 33_320,
      unitPriceCents: 4500,
      productionType: 'lona',
      finishId: cat.finish,
      finishPriceCents: 60,
      finishPriceUnit: 'un',
    });
    expect(o.items[1]).toMatchObject({ areaM2: null, totalCents: 35_000 });
    expect(o).toMatchObject({
      number: '2026-000001',
      status: 'pendente',
      kind: 'pedido',
      customerName: 'João da Silva',
      customerCity: 'Campinas',
      itemsTotalCents: 68_320,
      freightCents: 1500,
      totalCents: 68_320 + 1500 - 1000,
      currentStage: 'financeiro',
    });
    expect(o.stages.map((s: { key: string }) => s.key)).toEqual([
      'financeiro',
      'conferencia',
      'impressao',
      'acabamento',
      'expedicao',
    ]);
    orderId = o.id;
    version = o.version;
  });

  it('rounds m² prices half-up to the cent', async () => {
    const res = await admin('POST', '/api/orders', {
      customerId,
      kind: 'orcamento',
      items: [
        { productId: cat.lona, description: 'Adesivo', widthMm: 333, heightMm: 333, quantity: 1, unitPriceCents: 4501 },
      ],
    });
    // 0.110889 m² × 4501 = 499.11… → 499
    expect(res.body.items[0].totalCents).toBe(499);
    expect(res.body).toMatchObject({ kind: 'orcamento', validUntil: '2026-12-09', number: '2026-000002' });
  });

  it('refuses an m² item whose area rounds to 0 m² (3 × 25 mm typed as metres), saving nothing', async () => {
    const before = databaseDigest(core.app);
    const res = await admin('POST', '/api/orders', {
      customerId,
      kind: 'orcamento',
      items: [{ productId: cat.lona, description: 'Lona 3 × 2,5', widthMm: 3, heightMm: 25, quantity: 1 }],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields['items.0.widthMm']).toMatch(/A área fica em 0 m² \(3 mm × 25 mm\)/);
    expect(databaseDigest(core.app)).toBe(before);
  });

  it('attaches images checked by content, not by name', async () => {
    const item = (await admin('GET', `/api/orders/${orderId}`)).body.items[0];
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await jpegBytes())], { type: 'image/png' }), 'arte-final.png');
    const up = await fetch(`${core.url}/api/orders/${orderId}/items/${item.id}/images`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}` },
      body: form,
    });
    expect(up.status).toBe(201);
    const image = await up.json();
    expect(image).toMatchObject({ mime: 'image/jpeg', width: 80, height: 60 });

    const png = await pngBytes();
    const viaJson = await admin('POST', `/api/orders/${orderId}/items/${item.id}/images`, {
      dataUrl: `data:image/png;base64,${png.toString('base64')}`,
    });
    expect(viaJson.status).toBe(201);
    expect(viaJson.body.orderVersion).toBe(image.orderVersion + 1);

    const before = databaseDigest(core.app);
    const liar = new FormData();
    liar.append(
      'file',
      new Blob([new TextEncoder().encode('%PDF-1.4 não sou imagem')], { type: 'image/jpeg' }),
      'foto.jpg',
    );
    const rejected = await fetch(`${core.url}/api/orders/${orderId}/items/${item.id}/images`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}` },
      body: liar,
    });
    expect(rejected.status).toBe(400);
    expect((await rejected.json()).error.message).toMatch(/não é uma imagem JPEG, PNG ou WebP/);
    expect(databaseDigest(core.app)).toBe(before);

    const file = await fetch(`${core.url}${image.url}`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    const thumbLink = (await admin('GET', `/api/files/link?path=${encodeURIComponent(image.thumbUrl)}`)).body.url;
    const thumb = await fetch(`${core.url}${thumbLink}`);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect((await fetch(`${core.url}${image.url}`)).status).toBe(401);
    expect((await fetch(`${core.url}${image.url}?token=${adminToken}`)).status).toBe(401);
    const traversal = await fetch(`${core.url}/api/media/..%2F..%2Fbalcao.sqlite`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(traversal.status).toBe(404);
    const order = (await admin('GET', `/api/orders/${orderId}`)).body;
    expect(order.items[0].images).toHaveLength(2);
    version = order.version;
  });

  it('editing items keeps what a client leaves out, and approving art records who, when and how', async () => {
    const o = (await admin('POST', '/api/orders', { customerId, deliveryDate: '2026-11-30', items: twoItems() })).body;
    const item = o.items[0];
    const approved = await admin('PATCH', `/api/orders/${o.id}`, {
      version: o.version,
      items: [
        {
          id: item.id,
          productId: cat.lona,
          description: item.description,
          quantity: 2,
          widthMm: 3000,
          heightMm: 1200,
          artStatus: 'aprovada',
          artChannel: 'whatsapp',
          printDate: '2026-11-26',
          rip: 'Onyx',
        },
      ],
    });
    expect(approved.body.items[0]).toMatchObject({
      artStatus: 'aprovada',
      artChannel: 'whatsapp',
      artApprovedByName: ADMIN.name,
      printDate: '2026-11-26',
      rip: 'Onyx',
    });
    const minimal = await admin('PATCH', `/api/orders/${o.id}`, {
      version: approved.body.version,
      items: [{ id: item.id, productId: cat.lona, description: 'Banner revisado', quantity: 3 }],
    });
    expect(minimal.body.items[0]).toMatchObject({
      description: 'Banner revisado',
      quantity: 3,
      widthMm: 3000,
      heightMm: 1200,
      artStatus: 'aprovada',
      artChannel: 'whatsapp',
      printDate: '2026-11-26',
      rip: 'Onyx',
      extras: [{ name: 'Ilhós', quantity: 16, unitPriceCents: 50 }],
    });
    expect(minimal.body.items).toHaveLength(1);
    const cleared = await admin('PATCH', `/api/orders/${o.id}`, {
      version: minimal.body.version,
      items: [{ id: item.id, productId: cat.lona, description: 'Banner revisado', quantity: 3, rip: null, extras: [] }],
    });
    // 3 × 3,6 m² × R$ 45,00 + the finish kept at the price it was sold at (R$ 0,60 per piece) × 3
    expect(cleared.body.items[0]).toMatchObject({ rip: null, extras: [], totalCents: 3 * 16_200 + 3 * 60 });
    await admin('POST', `/api/orders/${o.id}/status`, { status: 'cancelado', reason: 'teste' });
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const ok = await admin('PATCH', `/api/orders/${orderId}`, {
      version,
      priority: 'ALTA',
      notes: 'Cliente tem pressa',
    });
    expect(ok.body).toMatchObject({ priority: 'ALTA', version: version + 1 });
    const before = databaseDigest(core.app);
    const stale = await admin('PATCH', `/api/orders/${orderId}`, { version, priority: 'NORMAL' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/Recarregue/);
    expect(databaseDigest(core.app)).toBe(before);
    version = ok.body.version;
  });

  it('moves through the stages to pronto and entregue; every change reaches another client', async () => {
    const watcher = await connectWs(
      core.url,
      (await api(core.url)('POST', '/api/auth/login', { username: 'ana', password: ADMIN.password })).body.token,
    );
    const paulo = await loginAs('paulo', 'paulo-senha-1');
    const fatima = await loginAs('fatima', 'fatima-senha-1');

    const early = await paulo('POST', `/api/orders/${orderId}/stages/conferencia`, { done: true });
    expect(early.status).toBe(422);
    expect(early.body.error.message).toMatch(/etapa anterior/);
    expect((await paulo('POST', `/api/orders/${orderId}/stages/financeiro`, { done: true })).status).toBe(403);
    expect((await admin('POST', `/api/orders/${orderId}/status`, { status: 'entregue' })).status).toBe(422);

    const approved = await fatima('POST', `/api/orders/${orderId}/stages/financeiro`, { done: true });
    expect(approved.body).toMatchObject({ status: 'em_producao', currentStage: 'conferencia' });
    expect(approved.body.stages[0]).toMatchObject({ done: true, doneByName: 'Fátima Financeiro' });
    await watcher.waitFor(
      (m) => m.kind === 'event' && m.event.type === 'order.updated' && m.event.version === approved.body.version,
    );

    for (const stage of ['conferencia', 'impressao', 'acabamento']) {
      const res = await paulo('POST', `/api/orders/${orderId}/stages/${stage}`, {
        done: true,
        ...(stage === 'impressao' && { machineId: cat.machine, printDate: '2026-11-25' }),
      });
      expect(res.status).toBe(200);
      await watcher.waitFor(
        (m) => m.kind === 'event' && m.event.id === orderId && m.event.version === res.body.version,
      );
    }
    const printed = (await admin('GET', `/api/orders/${orderId}`)).body;
    expect(
      printed.items.every(
        (i: { machineId: number; printDate: string }) => i.machineId === cat.machine && i.printDate === '2026-11-25',
      ),
    ).toBe(true);

    const ready = await paulo('POST', `/api/orders/${orderId}/stages/expedicao`, { done: true });
    expect(ready.body).toMatchObject({ status: 'pronto', currentStage: null });

    // undoing a stage goes back to production; undoing finance approval undoes the later stages
    const undone = await paulo('POST', `/api/orders/${orderId}/stages/acabamento`, { done: false });
    expect(undone.body).toMatchObject({ status: 'em_producao', currentStage: 'acabamento' });
    expect(undone.body.stages.filter((s: { done: boolean }) => s.done).map((s: { key: string }) => s.key)).toEqual([
      'financeiro',
      'conferencia',
      'impressao',
    ]);
    const unapproved = await fatima('POST', `/api/orders/${orderId}/stages/financeiro`, { done: false });
    expect(unapproved.body).toMatchObject({ status: 'pendente', currentStage: 'financeiro' });
    expect(unapproved.body.stages.every((s: { done: boolean }) => !s.done)).toBe(true);

    await fatima('POST', `/api/orders/${orderId}/stages/financeiro`, { done: true });
    for (const stage of ['conferencia', 'impressao', 'acabamento', 'expedicao']) {
      await paulo('POST', `/api/orders/${orderId}/stages/${stage}`, { done: true });
    }
    const delivered = await admin('POST', `/api/orders/${orderId}/status`, { status: 'entregue' });
    expect(delivered.body).toMatchObject({ status: 'entregue', deliveredAt: clock.nowIso() });
    await watcher.waitFor(
      (m) => m.kind === 'event' && m.event.id === orderId && m.event.version === delivered.body.version,
    );

    expect(
      (await admin('POST', `/api/orders/${orderId}/status`, { status: 'cancelado', reason: 'desistiu' })).body.error
        .message,
    ).toMatch(/entregue não pode ser cancelado/);
    expect((await paulo('POST', `/api/orders/${orderId}/stages/expedicao`, { done: false })).status).toBe(422);
    expect(
      (await admin('PATCH', `/api/orders/${orderId}`, { version: delivered.body.version, notes: 'x' })).status,
    ).toBe(422);

    const history = await admin('GET', `/api/orders/${orderId}/history`);
    expect(history.body.items.map((h: { details: string }) => h.details)).toEqual(
      expect.arrayContaining([
        'Criou',
        'Anexou imagem',
        'Etapa Financeiro concluída',
        'Etapa Financeiro desfeita',
        'Etapa Conferência concluída',
        'Entregou',
      ]),
    );
    watcher.close();
  });

  it('cancelling needs a reason and keeps the order', async () => {
    const o = (await admin('POST', '/api/orders', { customerId, deliveryDate: '2026-11-30', items: twoItems() })).body;
    const noReason = await admin('POST', `/api/orders/${o.id}/status`, { status: 'cancelado' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.message).toMatch(/motivo/);
    const cancelled = await admin('POST', `/api/orders/${o.id}/status`, {
      status: 'cancelado',
      reason: 'Cliente desistiu',
    });
    expect(cancelled.body).toMatchObject({ status: 'cancelado', cancelReason: 'Cliente desistiu' });
    expect((await admin('GET', `/api/orders/${o.id}`)).status).toBe(200);
  });
});

describe('quotes, batches, reprints, lists and alerts', () => {
  it('a quote becomes an order in one step, keeping its items; expired quotes are flagged', async () => {
    const q = (
      await admin('POST', '/api/orders', { customerId, kind: 'orcamento', validUntil: '2026-11-25', items: twoItems() })
    ).body;
    expect((await admin('POST', `/api/orders/${q.id}/stages/financeiro`, { done: true })).body.error.message).toMatch(
      /orçamento/,
    );
    clock.advance(2 * 86_400_000); // 26/11
    expect((await admin('GET', `/api/orders/${q.id}`)).body.expired).toBe(true);
    expect((await admin('GET', '/api/orders?expired=true')).body.items.map((o: { id: number }) => o.id)).toContain(
      q.id,
    );
    const noDate = await admin('POST', `/api/orders/${q.id}/convert`);
    expect(noDate.status).toBe(400);
    expect(noDate.body.error.fields.deliveryDate).toMatch(/entrega/);
    const converted = await admin('POST', `/api/orders/${q.id}/convert`, { deliveryDate: '2026-12-02' });
    expect(converted.body).toMatchObject({
      kind: 'pedido',
      status: 'pendente',
      number: q.number,
      totalCents: q.totalCents,
    });
    expect(converted.body.items.map((i: { id: number }) => i.id)).toEqual(q.items.map((i: { id: number }) => i.id));
  });

  it('batch status says which moved and why the others did not', async () => {
    const a = (await admin('POST', '/api/orders', { customerId, deliveryDate: '2026-12-01', items: twoItems() })).body;
    const b = (await admin('POST', '/api/orders', { customerId, deliveryDate: '2026-12-01', items: twoItems() })).body;
    const res = await admin('POST', '/api/orders/batch-status', { ids: [a.id, b.id, 999_999], status: 'entregue' });
    expect(res.body.moved).toEqual([]);
    expect(res.body.failed.map((f: { reason: string }) => f.reason)).toEqual([
      expect.stringMatching(/Só um pedido pronto pode ser entregue/),
      expect.stringMatching(/Só um pedido pronto pode ser entregue/),
      'Pedido não encontrado.',
    ]);
    const cancel = await admin('POST', '/api/orders/batch-status', {
      ids: [a.id, b.id],
      status: 'cancelado',
      reason: 'Duplicado',
    });
    expect(cancel.body.moved.map((m: { id: number }) => m.id)).toEqual([a.id, b.id]);
  });

  it('reprints create a linked order marked as a reprint', async () => {
    const o = (await admin('POST', '/api/orders', { customerId, deliveryDate: '2026-12-03', items: twoItems() })).body;
    const r = await admin('POST', `/api/orders/${o.id}/reprints`, {
      itemId: o.items[0].id,
      reason: 'Impressão manchada',
      costCents: 1200,
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      isReprint: true,
      reprintOfOrderId: o.id,
      reprintReason: 'Impressão manchada',
      reprintCostCents: 1200,
      totalCents: 0,
      priority: 'ALTA',
    });
    expect((await admin('GET', '/api/orders?reprint=true')).body.total).toBe(1);
    const del = await admin('DELETE', `/api/orders/${o.id}`);
    expect(del.status).toBe(422);
    expect((await admin('DELETE', `/api/orders/${r.body.id}`)).body).toEqual({ id: r.body.id, deleted: true });
  });

  it('filters and searches the list, accent-insensitive', async () => {
    const byText = await admin('GET', `/api/orders?text=${encodeURIComponent('camiseta evento')}`);
    expect(byText.body.total).toBeGreaterThan(2);
    expect((await admin('GET', '/api/orders?text=joao')).body.total).toBeGreaterThan(2);
    // text plus other filters: the count reads each hit's order
    expect((await admin('GET', '/api/orders?text=joao&status=cancelado')).body).toMatchObject({
      total: 4,
      totalCapped: false,
    });
    expect((await admin('GET', '/api/orders?text=2026-000001')).body.items[0].number).toBe('2026-000001');
    expect((await admin('GET', '/api/orders?status=cancelado')).body.total).toBe(4);
    expect((await admin('GET', '/api/orders?status=cancelado&status=entregue')).body.total).toBe(5);
    expect((await admin('GET', `/api/orders?designerId=${cat.designer}&kind=pedido`)).body.total).toBeGreaterThan(0);
    expect(
      (await admin('GET', '/api/orders?productionType=lona&dateMode=entrega&from=2026-12-01&to=2026-12-31')).body.total,
    ).toBe(4);
    expect((await admin('GET', `/api/customers/${customerId}/orders`)).body.total).toBeGreaterThan(5);
    expect((await admin('GET', '/api/orders?status=voando')).status).toBe(400);
  });

  it('deadlines list overdue first, and alerts say atrasado, urgente, parado', async () => {
    const late = (
      await admin('POST', '/api/orders', {
        customerId,
        entryDate: '2026-11-20',
        deliveryDate: '2026-11-25',
        items: twoItems(),
      })
    ).body;
    const urgent = (await admin('POST', '/api/orders', { customerId, deliveryDate: '2026-11-27', items: twoItems() }))
      .body;
    const d = await admin('GET', '/api/orders/deadlines?days=7');
    expect(d.body.items[0]).toMatchObject({ id: late.id, bucket: 'atrasado', overdue: true });
    expect(d.body.items.find((i: { id: number }) => i.id === urgent.id).bucket).toBe('amanha');
    expect((await admin('GET', '/api/orders?overdue=true')).body.items.map((o: { id: number }) => o.id)).toContain(
      late.id,
    );

    const fatima = await loginAs('fatima', 'fatima-senha-1');
    const stalled = (await admin('POST', '/api/orders', { customerId, deliveryDate: '2026-12-20', items: twoItems() }))
      .body;
    await fatima('POST', `/api/orders/${stalled.id}/stages/financeiro`, { done: true });
    clock.advance(49 * 3600_000);
    const alerts = (await admin('GET', '/api/production/alerts')).body.items;
    const kinds = alerts.map((a: { kind: string }) => a.kind);
    expect(kinds.indexOf('atrasado')).toBeLessThan(kinds.indexOf('parado'));
    expect(alerts.find((a: { order: { id: number } }) => a.order.id === stalled.id)).toMatchObject({ kind: 'parado' });
    expect(alerts.find((a: { order: { id: number } }) => a.order.id === late.id).message).toMatch(/atrasado há/);

    const board = (await admin('GET', '/api/production/board')).body.columns;
    expect(board.map((c: { key: string }) => c.key)).toEqual([
      'financeiro',
      'conferencia',
      'impressao',
      'acabamento',
      'expedicao',
      'pronto',
    ]);
    expect(board[1].orders.map((o: { id: number }) => o.id)).toContain(stalled.id);
  });

  it('notifies the people who plan production about new orders, and the seller when ready', async () => {
    const paulo = await loginAs('paulo', 'paulo-senha-1');
    const list = await paulo('GET', '/api/notifications');
    expect(list.body.unread).toBeGreaterThan(0);
    expect(list.body.items[0].title).toMatch(/^Novo pedido 2026-/);
    expect((await paulo('POST', '/api/notifications/read', {})).body.updated).toBe(list.body.unread);
    expect((await paulo('GET', '/api/notifications')).body.unread).toBe(0);
    const mine = await admin('GET', '/api/notifications');
    expect(mine.body.items.some((n: { type: string }) => n.type === 'order.ready')).toBe(true);
  });

  it('saves views of the order list per user', async () => {
    const v = await admin('POST', '/api/views', {
      name: 'Atrasados de lona',
      filters: { overdue: true, productionType: 'lona' },
    });
    expect(v.status).toBe(201);
    expect((await admin('GET', '/api/views')).body.items).toEqual([
      expect.objectContaining({ name: 'Atrasados de lona' }),
    ]);
    const paulo = await loginAs('paulo', 'paulo-senha-1');
    expect((await paulo('GET', '/api/views')).body.items).toEqual([]);
    expect((await paulo('DELETE', `/api/views/${v.body.id}`)).status).toBe(404);
  });
});

describe('finishes from the catalogue are priced', () => {
  it('per piece, per m² or per metre of perimeter; an item keeps the price it was sold at', async () => {
    const lam = (await admin('POST', '/api/finishes', { name: 'Laminação', priceCents: 1000, priceUnit: 'm2' })).body;
    const bainha = (await admin('POST', '/api/finishes', { name: 'Bainha', priceCents: 200, priceUnit: 'm' })).body;
    const ilhos = (await admin('POST', '/api/finishes', { name: 'Ilhós avulso', priceCents: 500 })).body;
    expect([lam.priceUnit, bainha.priceUnit, ilhos.priceUnit]).toEqual(['m2', 'm', 'un']);
    const banner = (finishId: number) => ({
      productId: cat.lona,
      description: 'Banner 2 × 1',
      widthMm: 2000,
      heightMm: 1000,
      quantity: 3,
      unitPriceCents: 4500,
      finishId,
    });
    const res = await admin('POST', '/api/orders', {
      customerId,
      kind: 'orcamento',
      items: [
        banner(lam.id),
        banner(bainha.id),
        banner(ilhos.id),
        { productId: cat.camiseta, description: 'Camisetas', quantity: 4, unitPriceCents: 3000, finishId: ilhos.id },
      ],
    });
    expect(res.status).toBe(201);
    const base = 3 * 2 * 4500; // 2 m² × 3 × R$ 45,00 = R$ 270,00
    expect(res.body.items.map((i: { totalCents: number }) => i.totalCents)).toEqual([
      base + 3 * 2 * 1000, // laminação: 2 m² × 3 × R$ 10,00
      base + 3 * 6 * 200, // bainha: 6 m of perimeter × 3 × R$ 2,00
      base + 3 * 500, // ilhós: R$ 5,00 per piece × 3
      4 * 3000 + 4 * 500,
    ]);
    expect(res.body.itemsTotalCents).toBe(
      res.body.items.reduce((s: number, i: { totalCents: number }) => s + i.totalCents, 0),
    );

    // The catalogue price changes: the saved item keeps its price; a newly chosen finish takes today's.
    const v = (await admin('GET', `/api/finishes/${ilhos.id}`)).body.version;
    await admin('PATCH', `/api/finishes/${ilhos.id}`, { version: v, priceCents: 900 });
    const edited = await admin('PATCH', `/api/orders/${res.body.id}`, {
      version: res.body.version,
      items: [
        { id: res.body.items[2].id, productId: cat.lona, description: 'Banner 2 × 1', quantity: 3 },
        { productId: cat.camiseta, description: 'Camisetas', quantity: 1, unitPriceCents: 3000, finishId: ilhos.id },
      ],
    });
    expect(edited.body.items.map((i: { totalCents: number }) => i.totalCents)).toEqual([base + 3 * 500, 3000 + 900]);

    // A per-m² finish on an item without measures cannot be priced.
    const refused = await admin('POST', '/api/orders', {
      customerId,
      kind: 'orcamento',
      items: [{ productId: cat.camiseta, description: 'Camiseta', quantity: 1, finishId: lam.id }],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields['items.0.finishId']).toMatch(/cobrado por m²/);
  });
});
