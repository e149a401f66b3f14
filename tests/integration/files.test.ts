import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { contract, type FileBody, fileMimeOf, isFileBody, type Procedure } from '../../src-shared/contract';
import { CPF_JOAO, makeApp, setupAdmin, userWithRole } from '../helpers/app';

/** PDFs, CSVs and images are procedures: same dispatcher, permissions, scope checks and OpenAPI as the rest. */
let app: App;
let token: string;
let paymentId: number;
let production: string;

beforeAll(async () => {
  ({ app } = await makeApp());
  token = await setupAdmin(app);
  production = (await userWithRole(app, 'producao')).token;
  const as = (name: string, input: unknown) => app.call(name, input, { token });
  await as('customers.create', { name: 'João da Silva', document: CPF_JOAO, phone: '11987654321' });
  const product = (await as('products.create', {
    name: 'Camiseta',
    productionType: 'camiseta',
    unit: 'un',
    priceCents: 1000,
  })) as { id: number };
  const order = (await as('orders.create', {
    customerId: 1,
    deliveryDate: '2026-12-01',
    items: [{ productId: product.id, description: 'Camisetas', quantity: 2 }],
  })) as { id: number };
  const methods = (await as('paymentMethods.list', {})) as { items: Array<{ id: number; kind: string }> };
  const pix = methods.items.find((m) => m.kind === 'pix')?.id;
  paymentId = (
    (await as('payments.create', { id: order.id, amountCents: 500, paymentMethodId: pix })) as { id: number }
  ).id;
});
afterAll(() => app.close());

async function bytesOf(file: FileBody): Promise<Buffer> {
  if (file.body instanceof Uint8Array) return Buffer.from(file.body);
  const chunks: Uint8Array[] = [];
  for await (const chunk of file.body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe('files as procedures', () => {
  it('the contract declares every file route (documents, exports, images)', () => {
    const files = (Object.entries(contract) as Array<[string, Procedure]>)
      .filter(([, p]) => fileMimeOf(p) !== null)
      .map(([name, p]) => `${name} ${p.http}`);
    expect(files.sort()).toEqual(
      [
        'backups.download GET /api/backups/:id/download',
        'installments.promissoria GET /api/installments/:id/promissoria.pdf',
        'customers.exportCsv GET /api/customers/export.csv',
        'customers.exportXlsx GET /api/customers/export.xlsx',
        'orders.exportCsv GET /api/orders/export.csv',
        'orders.exportXlsx GET /api/orders/export.xlsx',
        'products.exportCsv GET /api/products/export.csv',
        'products.exportXlsx GET /api/products/export.xlsx',
        'installments.exportCsv GET /api/installments/export.csv',
        'installments.exportXlsx GET /api/installments/export.xlsx',
        'orders.image GET /api/media/:id',
        'orders.imageThumb GET /api/media/:id/thumb',
        'payments.exportCsv GET /api/payments/export.csv',
        'payments.receipt GET /api/payments/:id/receipt.pdf',
        'plans.carne GET /api/installment-plans/:id/carne.pdf',
        'reports.delinquencyCsv GET /api/reports/delinquency.csv',
        // docs: company logo and the shop's documents
        'settings.company.logo GET /api/settings/company/logo',
        'orders.quotePdf GET /api/orders/:id/orcamento.pdf',
        'orders.osPdf GET /api/orders/:id/os.pdf',
        'plans.promissorias GET /api/installment-plans/:id/promissorias.pdf',
        'art.download GET /api/art/:artId/download',
        'art.preview GET /api/art/files/:fileId/preview',
        'art.thumb GET /api/art/files/:fileId/thumb',
        'reports.exportCsv GET /api/reports/export.csv',
        'reports.exportPdf GET /api/reports/export.pdf',
        'fichaTemplates.preview POST /api/ficha-templates/preview',
        'fichas.batchFile GET /api/fichas/batches/:id/fichas.pdf',
        'fichas.batchPdf GET /api/fichas/batch.pdf',
        'fichas.orderPdf GET /api/orders/:id/fichas.pdf',
        'fichas.pdf GET /api/fichas/:id/ficha.pdf',
      ].sort(),
    );
  });

  it('a direct call answers the file itself, through the same permission check', async () => {
    const receipt = await app.call('payments.receipt', { id: paymentId }, { token });
    expect(isFileBody(receipt)).toBe(true);
    const file = receipt as FileBody;
    expect(file.mime).toBe('application/pdf');
    expect(file.filename).toBe(`recibo-${paymentId}.pdf`);
    expect((await bytesOf(file)).subarray(0, 5).toString()).toBe('%PDF-');

    const csv = (await app.call('payments.exportCsv', {}, { token })) as FileBody;
    expect(csv.disposition).toBe('attachment');
    expect((await bytesOf(csv)).toString()).toContain('João da Silva');

    await expect(app.call('payments.receipt', { id: paymentId }, { token: production })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('links are signed only for file procedures, with their permission', async () => {
    const link = (await app.call('files.link', { path: `/api/payments/${paymentId}/receipt.pdf` }, { token })) as {
      url: string;
    };
    expect(link.url).toMatch(/receipt\.pdf\?u=\d+&exp=\d+&sig=/);
    await expect(app.call('files.link', { path: '/api/payments' }, { token })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      app.call('files.link', { path: '/api/payments/export.csv' }, { token: production }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
