import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import type { FileBody } from '../../src-shared/contract';
import type { ImportPreviewOut, ImportResultOut } from '../../src-shared/contract/transfer';
import { CPF_MARIA, databaseDigest, makeApp, setupAdmin, userWithRole } from '../helpers/app';

/** CSV import (preview, all-or-nothing, skip, Bling and Tiny files, twice) and exports (Excel-BR, filters, roles). */
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/import');
const fixture = (name: string) =>
  `data:text/csv;base64,${fs.readFileSync(path.join(FIXTURES, name)).toString('base64')}`;
const dataUrl = (text: string, encoding: BufferEncoding = 'utf8') =>
  `data:text/csv;base64,${Buffer.from(text, encoding).toString('base64')}`;

let app: App;
let token: string;
const as = <T = Record<string, unknown>>(name: string, input: unknown, t = token) =>
  app.call(name, input, { token: t }) as Promise<T>;

async function text(file: unknown): Promise<string> {
  const body = (file as FileBody).body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  const parts: Uint8Array[] = [];
  for await (const chunk of body) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}
const customersCount = () =>
  (app.database.sqlite.prepare('select count(*) as n from customers').get() as { n: number }).n;

beforeAll(async () => {
  ({ app } = await makeApp('2026-11-24T13:00:00Z'));
  token = await setupAdmin(app);
});
afterAll(() => app.close());

describe('customers import', () => {
  it('the preview shows each row problem in pt-BR and writes nothing; all-or-nothing refuses the file', async () => {
    const before = databaseDigest(app);
    const preview = await as<ImportPreviewOut>('customers.importPreview', {
      dataUrl: fixture('clientes-com-problemas.csv'),
    });
    expect(preview).toMatchObject({ encoding: 'utf-8', separator: ';', total: 6, creates: 2, errors: 4 });
    const problems = Object.fromEntries(preview.rows.map((r) => [r.line, r.problems.join(' | ')]));
    expect(problems[3]).toMatch(/CPF\/CNPJ: CPF inválido/);
    expect(problems[4]).toMatch(/Nascimento: Data inválida/);
    expect(problems[5]).toMatch(/UF inválida/);
    expect(problems[7]).toMatch(/repetido no arquivo \(já está na linha 6\)/);
    expect(problems[2]).toBe('');
    expect(databaseDigest(app)).toBe(before);

    await expect(
      as('customers.import', { dataUrl: fixture('clientes-com-problemas.csv'), mode: 'all' }),
    ).rejects.toMatchObject({ code: 'BUSINESS_RULE', message: expect.stringMatching(/4 linhas têm problemas/) });
    expect(databaseDigest(app)).toBe(before);
  });

  it('problems come in the caller language', async () => {
    const preview = (await app.call(
      'customers.importPreview',
      { dataUrl: fixture('clientes-com-problemas.csv') },
      { token, locale: 'en' },
    )) as ImportPreviewOut;
    expect(preview.rows.find((r) => r.line === 7)?.problems[0]).toMatch(/repeated in the file/);
  });

  it('skip mode imports the good rows and reports the others', async () => {
    const out = await as<ImportResultOut>('customers.import', {
      dataUrl: fixture('clientes-com-problemas.csv'),
      mode: 'skip',
    });
    expect(out).toMatchObject({ created: 2, skipped: 4, existing: 0 });
    expect(out.problems.map((p) => p.line)).toEqual([3, 4, 5, 7]);
    const eva = await as<{ items: Array<{ name: string }> }>('customers.list', { search: 'Eva' });
    expect(eva.items.map((c) => c.name)).toEqual(['Eva Repetida']);
  });

  it('a Bling customers export (Windows-1252, `;`, quoted) imports as it is, and twice does not duplicate', async () => {
    const preview = await as<ImportPreviewOut>('customers.importPreview', { dataUrl: fixture('bling-clientes.csv') });
    expect(preview).toMatchObject({ encoding: 'windows-1252', separator: ';', format: 'bling', creates: 3, errors: 0 });
    const mapped = Object.fromEntries(preview.mapping.map((m) => [m.header, m.field]));
    expect(mapped).toMatchObject({
      Nome: 'name',
      'CNPJ / CPF': 'document',
      Fone: 'phone',
      Celular: 'whatsapp',
      'Tipo pessoa': 'kind',
      'Data nascimento': 'birthDate',
      Fantasia: null,
    });
    const before = customersCount();
    const out = await as<ImportResultOut>('customers.import', { dataUrl: fixture('bling-clientes.csv') });
    expect(out).toMatchObject({ created: 3, existing: 0, skipped: 0 });
    expect(customersCount()).toBe(before + 3);
    const joao = await as<{ items: Array<Record<string, unknown>> }>('customers.list', { search: 'Araújo' });
    expect(joao.items[0]).toMatchObject({
      name: 'João Araújo',
      kind: 'PF',
      document: '52998224725',
      phone: '1932324545',
      whatsapp: '19988887777',
      birthDate: '1980-03-05',
      address: { cep: '13010111', city: 'Campinas', state: 'SP', street: 'Rua das Acácias', number: '120' },
    });
    const pj = await as<{ items: Array<Record<string, unknown>> }>('customers.list', { search: 'Irmãos' });
    expect(pj.items[0]).toMatchObject({ kind: 'PJ', document: '11222333000181' });

    // The same file again: every row is already registered (by document, then by phone).
    const again = await as<ImportResultOut>('customers.import', { dataUrl: fixture('bling-clientes.csv') });
    expect(again).toMatchObject({ created: 0, existing: 3 });
    expect(customersCount()).toBe(before + 3);
  });

  it('a Tiny/Olist sheet (`,`, UTF-8, state written out) imports', async () => {
    const out = await as<ImportResultOut>('customers.import', { dataUrl: fixture('tiny-clientes.csv') });
    expect(out).toMatchObject({ created: 2, skipped: 0 });
    const helena = await as<{ items: Array<Record<string, unknown>> }>('customers.list', { search: 'Helena' });
    expect(helena.items[0]).toMatchObject({ document: CPF_MARIA.replace(/\D/g, ''), address: { state: 'SP' } });
    const pereira = await as<{ items: Array<Record<string, unknown>> }>('customers.list', { search: 'Pereira' });
    expect(pereira.items[0]).toMatchObject({
      name: 'Pereira & Filhos, Comércio',
      preferences: 'Compra faixas; paga à vista',
    });
  });

  it('refuses what is not a CSV, and is for gerente and admin', async () => {
    await expect(
      as('customers.importPreview', {
        dataUrl: `data:x;base64,${Buffer.from('PK\u0003\u0004abc').toString('base64')}`,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(as('customers.importPreview', { dataUrl: dataUrl('Telefone\n1199\n') })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/Faltam colunas obrigatórias.*Nome/),
    });
    const seller = await userWithRole(app, 'vendedor', 'seller_import');
    await expect(
      as('customers.importPreview', { dataUrl: fixture('bling-clientes.csv') }, seller.token),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('open installments import (carnê)', () => {
  it('past due dates start overdue with charges from their due date; the same carnê twice is not repeated', async () => {
    const preview = await as<ImportPreviewOut>('installments.importPreview', { dataUrl: fixture('carne.csv') });
    expect(preview).toMatchObject({ encoding: 'windows-1252', creates: 3, errors: 0 });
    const out = await as<ImportResultOut>('installments.import', { dataUrl: fixture('carne.csv') });
    expect(out).toMatchObject({ created: 3 });
    const list = await as<{ items: Array<{ id: number; status: string; dueDate: string; amountCents: number }> }>(
      'installments.list',
      { dueFrom: '2026-10-01', dueTo: '2026-12-31' },
    );
    expect(list.items.map((i) => [i.dueDate, i.status, i.amountCents])).toEqual([
      ['2026-10-10', 'atrasada', 15_000],
      ['2026-11-10', 'atrasada', 15_000],
      ['2026-12-10', 'pendente', 15_000],
    ]);
    const charges = await as<{ fineCents: number; interestCents: number }>('installments.charges', {
      id: list.items[0]?.id,
    });
    expect(charges.fineCents).toBeGreaterThan(0);
    expect(charges.interestCents).toBeGreaterThan(0);
    const again = await as<ImportResultOut>('installments.import', { dataUrl: fixture('carne.csv') });
    expect(again).toMatchObject({ created: 0, existing: 3 });
  });

  it('an unknown customer, a bad amount and a bad date are row problems', async () => {
    const preview = await as<ImportPreviewOut>('installments.importPreview', {
      dataUrl: dataUrl(
        'Cliente;Parcela;Vencimento;Valor\nNinguém;1/2;10/10/2026;10,00\nJoão Araújo;1/2;32/10/2026;abc\n',
      ),
    });
    expect(preview.errors).toBe(2);
    expect(preview.rows[0]?.problems).toEqual(['Cliente não encontrado (pelo CPF/CNPJ, telefone ou nome).']);
    expect(preview.rows[1]?.problems.join(' ')).toMatch(/Vencimento: data inválida.*Valor: valor inválido/);
  });
});

describe('products import', () => {
  it('imports a sheet with decimal commas and units as people write them; names already there are kept', async () => {
    const csv =
      'Descrição;Unidade;Preço;Preço de custo;Tipo de produção\nLona 440g;M²;45,90;20,00;lona\nCaneca;UN;R$ 25,00;;\n';
    const out = await as<ImportResultOut>('products.import', { dataUrl: dataUrl(csv, 'latin1') });
    expect(out).toMatchObject({ created: 2 });
    const list = await as<{ items: Array<Record<string, unknown>> }>('products.list', { search: 'lona' });
    expect(list.items[0]).toMatchObject({ name: 'Lona 440g', unit: 'm2', priceCents: 4590, costCents: 2000 });
    const again = await as<ImportResultOut>('products.import', { dataUrl: dataUrl(csv, 'latin1') });
    expect(again).toMatchObject({ created: 0, existing: 2 });
  });
});

describe('exports', () => {
  beforeAll(async () => {
    await as('customers.create', {
      name: '=HYPERLINK("http://x.example","clique")',
      phone: '11955554444',
      address: { city: 'Campinas', state: 'SP' },
    });
  });

  it('customers: Excel-BR (BOM, `;`, dd/mm/aaaa), formulas neutralised, the list filters applied', async () => {
    const csv = await text(await as('customers.exportCsv', { city: 'Campinas' }));
    expect(csv.startsWith('\ufeffCódigo;Nome;Tipo;CPF/CNPJ;')).toBe(true);
    const lines = csv.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(csv).toContain(`;05/03/1980;`);
    expect(csv).toContain(`"'=HYPERLINK(""http://x.example"",""clique"")"`);
    expect(csv).not.toContain('São Paulo');
  });

  it('customers: production gets no CPF/CNPJ, birth date, address or private notes', async () => {
    const production = await userWithRole(app, 'producao', 'prod_export');
    const csv = await text(await as('customers.exportCsv', {}, production.token));
    const header = csv.split('\n')[0] as string;
    expect(header).toContain('Nome');
    for (const hidden of ['CPF/CNPJ', 'Nascimento', 'CEP', 'Cidade', 'Observações internas', 'Limite de crédito'])
      expect(header).not.toContain(hidden);
    expect(csv).not.toContain('52998224725');
  });

  it('orders: one line per item, money with a decimal comma; production without money; a seller only for their customers', async () => {
    const product = await as<{ id: number }>('products.create', {
      name: 'Banner',
      productionType: 'banner',
      unit: 'un',
      priceCents: 12_345,
    });
    const joao = (await as<{ items: Array<{ id: number }> }>('customers.list', { search: 'Araújo' })).items[0];
    const helena = (await as<{ items: Array<{ id: number }> }>('customers.list', { search: 'Helena' })).items[0];
    const seller = await userWithRole(app, 'vendedor', 'seller_export');
    await as('orders.create', {
      customerId: joao?.id,
      deliveryDate: '2026-12-01',
      items: [
        { productId: product.id, description: 'Banner A', quantity: 1 },
        { productId: product.id, description: 'Banner B', quantity: 2 },
      ],
    });
    await as(
      'orders.create',
      {
        customerId: helena?.id,
        deliveryDate: '2026-12-02',
        items: [{ productId: product.id, description: 'Banner C', quantity: 1 }],
      },
      seller.token,
    );
    const csv = await text(await as('orders.exportCsv', {}));
    const lines = csv.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('Pedido;Tipo;Entrada;Entrega;Cliente');
    expect(csv).toMatch(/Banner A;.*;1;123,45;123,45/);
    expect(csv).toMatch(/Banner B;.*;2;123,45;246,90/);
    expect(csv).toContain(';01/12/2026;');

    // Filters of the list screen.
    const filtered = await text(await as('orders.exportCsv', { customerId: helena?.id }));
    expect(filtered.trim().split('\n')).toHaveLength(2);

    const production = await userWithRole(app, 'producao', 'prod_orders');
    const prod = await text(await as('orders.exportCsv', {}, production.token));
    expect(prod.split('\n')[0]).not.toMatch(/Total|Pago|Saldo|Preço/);
    expect(prod).not.toContain('123,45');

    // The seller sees the money of their own customer's order only.
    const own = await text(await as('orders.exportCsv', {}, seller.token));
    const byDesc = (d: string) => own.split('\n').find((l) => l.includes(d)) as string;
    expect(byDesc('Banner C')).toContain('123,45');
    expect(byDesc('Banner A')).not.toContain('123,45');
  });

  it('installments: Excel-BR money and dates; a seller gets only their own customers', async () => {
    const csv = await text(await as('installments.exportCsv', {}));
    expect(csv.split('\n')[0]).toBe(
      '\ufeffPromissória;Cliente;Pedido;Parcela;Vencimento;Valor;Pago;Saldo;Multa paga;Juros pagos;Situação',
    );
    expect(csv).toMatch(/João Araújo;;1\/3;10\/10\/2026;150,00;0,00;150,00;0,00;0,00;Atrasada/);
    const seller = await userWithRole(app, 'vendedor', 'seller_inst');
    const mine = await text(await as('installments.exportCsv', {}, seller.token));
    expect(mine.trim().split('\n')).toHaveLength(1);
  });

  it('XLSX is a real workbook (ZIP) streamed the same way', async () => {
    const file = (await as('customers.exportXlsx', {})) as FileBody;
    expect(file.filename).toBe('clientes.xlsx');
    const parts: Uint8Array[] = [];
    for await (const chunk of file.body as AsyncIterable<Uint8Array>) parts.push(chunk);
    const bytes = Buffer.concat(parts);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(bytes.length).toBeGreaterThan(1000);
  });
});
