import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as m0020 from '../../migrations/0020_company_profile';
import { manualClock } from '../../src-main/clock';
import type { Core } from '../../src-main/core';
import { addDays } from '../../src-shared/domain/credit';
import { ADMIN, api, CNPJ_GRAFICA, CPF_JOAO, makeApp, setupAdmin, startTestCore, tempDir } from '../helpers/app';
import { jpegBytes, pngBytes, seedCatalog } from '../helpers/fixtures';

const clock = manualClock('2026-11-24T13:00:00Z');
let core: Core;
let admin: ReturnType<typeof api>;
let token: string;
let cat: Awaited<ReturnType<typeof seedCatalog>>;
let joao: number;
const method: Record<string, number> = {};
const dir = tempDir('balcao-docs-');

/** Fetches a PDF, writes it to the temp folder and reads its text with pdftotext (lines joined). */
async function pdf(url: string, name: string, as = token) {
  const res = await fetch(`${core.url}${url}`, { headers: { authorization: `Bearer ${as}` } });
  expect(res.status, url).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const raw = execFileSync('pdftotext', ['-layout', file, '-']).toString();
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())?.[1]);
  return { file, text: raw.replace(/\s+/g, ' '), pages };
}

/** Every word's box (pdftotext -bbox) and each page's width: what lies past the right margin. */
function wordsPastMargin(file: string, margin = 40): string[] {
  const html = execFileSync('pdftotext', ['-bbox', file, '-']).toString();
  const out: string[] = [];
  for (const page of html.split('<page ').slice(1)) {
    const width = Number(/width="([\d.]+)"/.exec(page)?.[1]);
    for (const m of page.matchAll(
      /<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g,
    )) {
      if (Number(m[2]) > width - margin + 0.5 || Number(m[1]) < margin - 0.5) out.push(m[3] as string);
    }
  }
  return out;
}

const PROFILE = {
  name: 'Gráfica Exemplo',
  legalName: 'Exemplo Comunicação Visual Ltda',
  document: CNPJ_GRAFICA,
  stateRegistration: '123.456.789.110',
  cep: '13015-100',
  street: 'Avenida Brasil',
  number: '1500',
  district: 'Centro',
  city: 'Campinas',
  state: 'sp',
  phone: '(19) 3232-4545',
  whatsapp: '(19) 99876-1234',
  email: 'contato@graficaexemplo.com.br',
  website: 'www.graficaexemplo.com.br',
  promissoryPlace: 'Campinas/SP',
  quoteValidityDays: 10,
  paymentTerms: '50% na aprovação e o restante na entrega.',
  deliveryTerms: 'Entrega em até 5 dias úteis após a aprovação da arte.',
};

/** What every document's header must show. */
function expectHeader(text: string) {
  expect(text).toContain('Gráfica Exemplo');
  expect(text).toContain('Exemplo Comunicação Visual Ltda');
  expect(text).toContain('CNPJ 11.222.333/0001-81');
  expect(text).toContain('Avenida Brasil, 1500');
  expect(text).toContain('Campinas/SP');
  expect(text).toContain('CEP 13015-100');
  expect(text).toContain('(19) 3232-4545');
  expect(text).toContain('contato@graficaexemplo.com.br');
}

async function order(extra: Record<string, unknown> = {}, customerId = joao) {
  const res = await admin('POST', '/api/orders', {
    customerId,
    deliveryDate: addDays(clock.today(), 5),
    items: [
      {
        productId: cat.lona,
        description: 'Banner fachada',
        widthMm: 2000,
        heightMm: 1000,
        quantity: 1,
        materialId: cat.material,
        finishId: cat.finish,
      },
      { productId: cat.camiseta, description: 'Camisetas do time', quantity: 12, unitPriceCents: 3500 },
    ],
    ...extra,
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body as { id: number; number: string; totalCents: number; items: Array<{ id: number }> };
}

beforeAll(async () => {
  core = await startTestCore({ clock });
  const setup = await api(core.url)('POST', '/api/setup', {
    companyName: 'Gráfica Exemplo',
    company: {
      legalName: 'Exemplo Comunicação Visual Ltda',
      document: CNPJ_GRAFICA,
      whatsapp: '19998761234',
      city: 'Campinas',
      state: 'SP',
    },
    admin: ADMIN,
  });
  expect(setup.status).toBe(201);
  token = setup.body.token;
  admin = api(core.url, token);
  cat = await seedCatalog(admin);
  joao = (
    await admin('POST', '/api/customers', {
      name: 'João da Silva',
      document: CPF_JOAO,
      whatsapp: '11987654321',
      address: { street: 'Rua das Flores', number: '10', city: 'Campinas', state: 'SP', cep: '13010-000' },
    })
  ).body.id;
  for (const m of (await admin('GET', '/api/payment-methods')).body.items) method[m.kind] = m.id;
});
afterAll(async () => {
  await core.stop();
  if (!process.env.KEEP_DOCS) fs.rmSync(dir, { recursive: true, force: true });
});

describe('company profile', () => {
  it('first-run setup keeps the essentials it asked', async () => {
    const profile = (await admin('GET', '/api/settings/company')).body;
    expect(profile).toMatchObject({
      name: 'Gráfica Exemplo',
      legalName: 'Exemplo Comunicação Visual Ltda',
      document: '11222333000181',
      whatsapp: '19998761234',
      city: 'Campinas',
      state: 'SP',
      logo: null,
    });
    expect((await admin('GET', '/api/auth/me')).body.companyName).toBe('Gráfica Exemplo');
  });

  it('refuses a bad CNPJ, CEP, phone or e-mail in pt-BR, per field, and changes nothing', async () => {
    const before = (await admin('GET', '/api/settings/company')).body;
    const res = await admin('PATCH', '/api/settings/company', {
      document: '11.222.333/0001-00',
      cep: '123',
      phone: '12',
      email: 'nada',
      quoteValidityDays: 0,
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual([
      'cep',
      'document',
      'email',
      'phone',
      'quoteValidityDays',
    ]);
    expect(res.body.error.fields.document).toMatch(/CNPJ inválido/);
    expect(res.body.error.fields.cep).toMatch(/CEP/);
    expect((await admin('GET', '/api/settings/company')).body).toEqual(before);
  });

  it('only who may change settings edits it; everybody signed in reads it', async () => {
    await admin('POST', '/api/users', {
      name: 'Paulo Produção',
      username: 'paulo',
      role: 'producao',
      password: 'paulo-senha-1',
    });
    const paulo = api(
      core.url,
      (await api(core.url)('POST', '/api/auth/login', { username: 'paulo', password: 'paulo-senha-1' })).body.token,
    );
    expect((await paulo('PATCH', '/api/settings/company', { name: 'Outra' })).status).toBe(403);
    expect((await paulo('GET', '/api/settings/company')).body.name).toBe('Gráfica Exemplo');
  });

  it('saves every field; the Pix key set through the older crediário input lands in the profile', async () => {
    const res = await admin('PATCH', '/api/settings/company', PROFILE);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ...PROFILE,
      document: '11222333000181',
      cep: '13015100',
      state: 'SP',
      phone: '1932324545',
      whatsapp: '19998761234',
    });
    const credit = await admin('PATCH', '/api/settings/credit', {
      pixKey: 'contato@graficaexemplo.com.br',
      pixCity: 'Campinas',
    });
    expect(credit.status).toBe(200);
    expect(credit.body).toMatchObject({ pixKey: 'contato@graficaexemplo.com.br', finePercent: 2 });
    expect((await admin('GET', '/api/settings/company')).body).toMatchObject({
      pixKey: 'contato@graficaexemplo.com.br',
      pixCity: 'Campinas',
    });
    // Clearing one field leaves the others.
    const cleared = await admin('PATCH', '/api/settings/company', { website: '' });
    expect(cleared.body).toMatchObject({ website: null, email: PROFILE.email });
    await admin('PATCH', '/api/settings/company', { website: PROFILE.website });
  });

  it('takes a PNG, JPEG or plain SVG logo, checked by content; refuses scripts, outside links and an EXE named .png', async () => {
    const put = (bytes: Buffer, type = 'image/png', name = 'logo.png') => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
      return fetch(`${core.url}/api/settings/company/logo`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
    };
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(200, 1)]);
    const refusedExe = await put(exe);
    expect(refusedExe.status).toBe(400);
    expect(refusedExe.body.error.message).toMatch(/PNG, JPEG ou SVG/);

    const evil = [
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="http://192.0.2.1/x.png"/></svg>',
      '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(http://192.0.2.1/a.css);</style></svg>',
    ];
    for (const svg of evil) {
      const res = await put(Buffer.from(svg), 'image/svg+xml', 'logo.svg');
      expect(res.status, svg).toBe(400);
      expect(res.body.error.message, svg).toMatch(/scripts, eventos ou referências/);
    }
    const broken = await put(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect'), 'image/svg+xml', 'logo.svg');
    expect(broken.status).toBe(400);
    expect((await admin('GET', '/api/settings/company')).body.logo).toBeNull();

    const svg = await put(
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80" viewBox="0 0 200 80"><rect width="200" height="80" fill="#1a7f37"/><circle cx="40" cy="40" r="30" fill="url(#g)"/></svg>',
      ),
      'image/svg+xml',
      'logo.svg',
    );
    expect(svg.status).toBe(200);
    expect(svg.body.logo).toMatchObject({ mime: 'image/svg+xml' });
    const png = await put(await pngBytes(300, 120));
    expect(png.status).toBe(200);
    expect(png.body.logo).toMatchObject({ mime: 'image/png', width: 300, height: 120 });
    const file = await fetch(`${core.url}/api/settings/company/logo`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await file.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });
});

describe('documents carry the company header', () => {
  it('receipt, promissória, carnê and all the promissórias of a plan (one note each, two per page)', async () => {
    const o = await order();
    const paid = await admin('POST', `/api/orders/${o.id}/payments`, {
      amountCents: 5000,
      paymentMethodId: method.pix,
    });
    expect(paid.status).toBe(201);
    const receipt = await pdf(`/api/payments/${paid.body.id}/receipt.pdf`, 'recibo.pdf');
    expectHeader(receipt.text);
    expect(receipt.text).toContain('Recibo de pagamento');
    expect(execFileSync('pdfimages', ['-list', receipt.file]).toString()).toMatch(/\bimage\b/);

    const plan = await admin('POST', `/api/orders/${o.id}/installment-plan`, {
      count: 5,
      firstDueDate: '2027-01-10',
    });
    expect(plan.status).toBe(201);
    const installments = plan.body.installments as Array<{ id: number; code: string }>;
    const note = await pdf(`/api/installments/${installments[0]?.id}/promissoria.pdf`, 'promissoria.pdf');
    expectHeader(note.text);
    expect(note.text).toContain('Pagável em: Campinas/SP');
    expect(note.pages).toBe(1);

    const carne = await pdf(`/api/installment-plans/${plan.body.id}/carne.pdf`, 'carne.pdf');
    expect(carne.text).toContain('Exemplo Comunicação Visual Ltda');
    expect(carne.text).toContain('CNPJ 11.222.333/0001-81');

    const all = await pdf(`/api/installment-plans/${plan.body.id}/promissorias.pdf`, 'promissorias.pdf');
    expect(all.pages).toBe(3);
    for (const i of installments) expect(all.text).toContain(`Nº ${i.code}`);
    expect(all.text.match(/pagarei por esta única via/g)).toHaveLength(5);
    expect(all.text.match(/CNPJ 11\.222\.333\/0001-81/g)?.length).toBeGreaterThanOrEqual(5);
    execFileSync('pdftoppm', ['-r', '30', '-png', all.file, path.join(dir, 'promissorias')]);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('promissorias-') && f.endsWith('.png'))).toHaveLength(3);
    expect((await admin('GET', '/api/installment-plans/999999/promissorias.pdf')).status).toBe(404);
  });

  it('the quote lists items with size, material, finish, prices, validity and the shop’s terms', async () => {
    const o = await order({ kind: 'orcamento' });
    const item = o.items[0] as { id: number };
    const img = await admin('POST', `/api/orders/${o.id}/items/${item.id}/images`, {
      dataUrl: `data:image/jpeg;base64,${(await jpegBytes(400, 300)).toString('base64')}`,
    });
    expect(img.status).toBe(201);
    const q = await pdf(`/api/orders/${o.id}/orcamento.pdf`, 'orcamento.pdf');
    expectHeader(q.text);
    expect(q.text).toContain('Orçamento');
    expect(q.text).toContain(`Nº ${o.number}`);
    expect(q.text).toContain('Lona 440g');
    expect(q.text).toContain('Tamanho: 2,00 m × 1,00 m');
    expect(q.text).toContain('Material: Lona fosca');
    expect(q.text).toContain('Acabamento: Ilhós');
    expect(q.text).toContain('Camiseta sublimada');
    expect(q.text).toMatch(/R\$ 35,00/);
    expect(q.text).toMatch(/R\$ 420,00/);
    // The quote took the shop's validity (10 days) when it was made.
    expect(q.text).toContain('Válido até: 04/12/2026');
    expect(q.text).toContain('Este orçamento vale até 04/12/2026.');
    expect(q.text).toContain(PROFILE.paymentTerms);
    expect(q.text).toContain(PROFILE.deliveryTerms);
    // Logo and the item's picture are both images in the file.
    const images = execFileSync('pdfimages', ['-list', q.file]).toString().trim().split('\n').slice(2);
    expect(images.length).toBeGreaterThanOrEqual(2);
  });

  it('the OS for production carries no prices; the seller sees prices only for their own customers', async () => {
    const o = await order();
    const paulo = (await api(core.url)('POST', '/api/auth/login', { username: 'paulo', password: 'paulo-senha-1' }))
      .body.token;
    const os = await pdf(`/api/orders/${o.id}/os.pdf`, 'os-producao.pdf', paulo);
    expectHeader(os.text);
    expect(os.text).toContain('Pedido / OS');
    expect(os.text).toContain('Material: Lona fosca');
    expect(os.text).toContain('Entrega: 29/11/2026');
    expect(os.text).not.toMatch(/R\$/);
    const adminOs = await pdf(`/api/orders/${o.id}/os.pdf`, 'os-admin.pdf');
    expect(adminOs.text).toMatch(/Total R\$ \d/);

    await admin('POST', '/api/users', {
      name: 'Vera Vendas',
      username: 'vera',
      role: 'vendedor',
      password: 'vera-senha-1',
    });
    const vera = (await api(core.url)('POST', '/api/auth/login', { username: 'vera', password: 'vera-senha-1' })).body
      .token;
    const notHers = await pdf(`/api/orders/${o.id}/orcamento.pdf`, 'orcamento-vera.pdf', vera);
    expect(notHers.text).toContain('Lona 440g');
    expect(notHers.text).not.toMatch(/R\$/);
    expect((await admin('GET', '/api/orders/999999/os.pdf')).status).toBe(404);
  });

  it('long names, addresses and descriptions never run past the margins', async () => {
    const long = 'Maximiliano Bartholomeu de Albuquerque Cavalcanti Wanderley Figueiredo Montenegro Junior';
    await admin('PATCH', '/api/settings/company', {
      name: 'Gráfica e Comunicação Visual Exemplo Brasileira de Impressão Digital e Sublimação',
      legalName: 'Exemplo Comunicação Visual Indústria Comércio e Serviços de Impressão Digital Ltda',
      complement: 'Galpão 3, fundos, próximo ao viaduto da avenida principal',
    });
    const c = await admin('POST', '/api/customers', {
      name: long,
      document: '111.444.777-35',
      address: {
        street: 'Rua Professor Doutor Antônio Francisco de Paula Souza Sobrinho Neto',
        number: '12345',
        complement: 'Bloco B, apartamento 1203, entrada pela rua lateral',
        district: 'Jardim das Paineiras Nova Esperança',
        city: 'São José dos Campos',
        state: 'SP',
        cep: '12245-000',
      },
    });
    expect(c.status).toBe(201);
    const o = await order(
      {
        items: [
          {
            productId: cat.camiseta,
            description:
              'Camisetas com nome e número nas costas, gola careca, manga curta, tecido dry fit, estampa frente e verso em sublimação total',
            quantity: 999,
            unitPriceCents: 9_999_999,
          },
        ],
      },
      c.body.id,
    );
    const paid = await admin('POST', `/api/orders/${o.id}/payments`, {
      amountCents: 987_654_321,
      paymentMethodId: method.pix,
    });
    expect(paid.status).toBe(201);
    const receipt = await pdf(`/api/payments/${paid.body.id}/receipt.pdf`, 'recibo-longo.pdf');
    expect(receipt.text).toContain('Maximiliano');
    expect(wordsPastMargin(receipt.file)).toEqual([]);
    const plan = await admin('POST', `/api/orders/${o.id}/installment-plan`, { count: 3, firstDueDate: '2027-01-10' });
    expect(plan.status).toBe(201);
    for (const [url, name] of [
      [`/api/orders/${o.id}/orcamento.pdf`, 'orcamento-longo.pdf'],
      [`/api/orders/${o.id}/os.pdf`, 'os-longo.pdf'],
      [`/api/installment-plans/${plan.body.id}/promissorias.pdf`, 'promissorias-longo.pdf'],
      [`/api/installment-plans/${plan.body.id}/carne.pdf`, 'carne-longo.pdf'],
    ] as const) {
      const doc = await pdf(url, name);
      expect(wordsPastMargin(doc.file), name).toEqual([]);
    }
    await admin('PATCH', '/api/settings/company', { name: PROFILE.name, legalName: PROFILE.legalName, complement: '' });
  });
});

describe('migration 0020', () => {
  it('moves the Pix key and city from the crediário rules into the company profile', async () => {
    const { app } = await makeApp();
    try {
      await setupAdmin(app);
      await m0020.down(app.db);
      const now = app.clock.nowIso();
      await app.db
        .updateTable('settings')
        .set({
          value: JSON.stringify({ finePercent: 1.5, pixKey: '+5519999998888', pixCity: 'Sumaré' }),
          updated_at: now,
        })
        .where('key', '=', 'credit')
        .execute();
      await app.db
        .insertInto('settings')
        .values({
          key: 'credit',
          value: JSON.stringify({ finePercent: 1.5, pixKey: '+5519999998888', pixCity: 'Sumaré' }),
          updated_at: now,
        })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      await m0020.up(app.db);
      const rows = await app.db.selectFrom('settings').selectAll().execute();
      const value = (key: string) => JSON.parse(rows.find((r) => r.key === key)?.value ?? 'null');
      expect(value('company')).toMatchObject({ name: 'Gráfica Exemplo', pixKey: '+5519999998888', pixCity: 'Sumaré' });
      expect(value('credit')).toEqual({ finePercent: 1.5 });
    } finally {
      await app.close();
    }
  });
});
