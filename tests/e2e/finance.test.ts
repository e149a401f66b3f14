import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core';
import { addDays } from '../../src-shared/domain/credit';
import { businessDateOf } from '../../src-shared/domain/dates';
import { ADMIN, CPF_JOAO } from '../helpers/app';
import { launchBrowser, login, startUiCore, text } from './browser';

/** The order page, where the orders screens mount the payments panel. */
const orderPath = (id: number) => `/#/pedidos/${id}`;

describe('payments and crediário in the browser', () => {
  let core: Core;
  let browser: BrowserContext;
  let token: string;
  let orderId: number;

  const call = async <T>(name: string, input: unknown): Promise<T> =>
    (await core.app.call(name, input, { token })) as T;

  beforeAll(async () => {
    core = await startUiCore();
    token = ((await core.app.call('setup.run', { companyName: 'Gráfica Exemplo', admin: ADMIN })) as { token: string })
      .token;
    const product = await call<{ id: number }>('products.create', {
      name: 'Camiseta sublimada',
      productionType: 'camiseta',
      unit: 'un',
      priceCents: 1000,
    });
    const customer = await call<{ id: number }>('customers.create', {
      name: 'João da Silva',
      document: CPF_JOAO,
      whatsapp: '11987654321',
    });
    const order = await call<{ id: number; totalCents: number }>('orders.create', {
      customerId: customer.id,
      deliveryDate: addDays(businessDateOf(new Date()), 5),
      items: [{ productId: product.id, description: 'Camisetas do time', quantity: 12, unitPriceCents: 1000 }],
    });
    expect(order.totalCents).toBe(12_000);
    orderId = order.id;
    await call('settings.credit.update', { pixKey: 'contato@grafica.com.br', pixCity: 'Campinas' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await core?.stop();
  });

  it('receives part of an order in cash with the change, prints the receipt, then finances the rest', async () => {
    const page: Page = await browser.newPage();
    await login(page, core.url, ADMIN.username, ADMIN.password);
    await page.goto(`${core.url}${orderPath(orderId)}`);
    await expect.poll(() => text(page, 'panel-balance')).toBe('R$ 120,00');
    await expect.poll(() => text(page, 'panel-state')).toBe('Em aberto');

    // Receive R$ 50,00 in cash; the customer hands over R$ 100,00.
    await page.getByTestId('order-receive').click();
    const dialog = page.getByTestId('receive-dialog');
    await expect.poll(() => dialog.getByTestId('field-amountCents').inputValue()).toBe('120,00');
    await expect
      .poll(() => dialog.getByTestId('field-paymentMethodId').locator('option:checked').textContent())
      .toMatch(/Dinheiro/i);
    await dialog.getByTestId('field-amountCents').fill('50');
    await dialog.getByTestId('field-tenderedCents').fill('100,00');
    await expect.poll(() => text(page, 'change')).toBe('R$ 50,00');
    await dialog.getByTestId('field-tenderedCents').fill('30');
    await expect.poll(() => text(page, 'change')).toMatch(/menor/);
    await dialog.getByTestId('field-tenderedCents').fill('100');
    await expect.poll(() => text(page, 'change')).toBe('R$ 50,00');
    await dialog.getByTestId('receive-save').click();

    await expect.poll(() => text(page, 'receive-done')).toMatch(/R\$ 50,00.*recibo nº \d{4}-\d{6}/);
    expect(await text(page, 'receive-done-change')).toBe('R$ 50,00');
    expect(await text(page, 'receive-remaining')).toMatch(/R\$ 70,00/);
    // Pix of what is still owed: QR drawn and copia-e-cola with the amount.
    await expect.poll(() => text(page, 'pix-amount')).toBe('R$ 70,00');
    await expect.poll(() => page.getByTestId('pix-payload').inputValue()).toMatch(/^000201.*540570\.00/);
    await expect.poll(() => page.getByTestId('pix-qr').getAttribute('src')).toMatch(/^data:image\/png;base64,/);

    // The receipt link opens the PDF through a short-lived signed link (no session token in the URL).
    await expect.poll(() => page.getByTestId('receipt-link').getAttribute('href')).toMatch(/sig=/);
    const href = await page.getByTestId('receipt-link').getAttribute('href');
    expect(href).toMatch(/^\/api\/payments\/\d+\/receipt\.pdf\?u=\d+&exp=\d+&sig=[\w-]+$/);
    expect(href).not.toMatch(/token=/);
    const pdf = await fetch(`${core.url}${href}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 4)
        .toString(),
    ).toBe('%PDF');

    await page.getByTestId('receive-close').click();
    await expect.poll(() => text(page, 'panel-paid')).toBe('R$ 50,00');
    await expect.poll(() => text(page, 'panel-balance')).toBe('R$ 70,00');
    await expect.poll(() => text(page, 'panel-state')).toBe('Pago em parte');
    await expect.poll(() => page.getByTestId('payment-row').count()).toBe(1);
    expect(await text(page, 'payment-change')).toMatch(/entregue R\$ 100,00, troco R\$ 50,00/);

    // Crediário for the rest: the simulator follows what is typed.
    await page.getByTestId('order-plan').click();
    const plan = page.getByTestId('plan-dialog');
    await expect.poll(() => text(page, 'plan-balance')).toBe('R$ 70,00');
    await expect.poll(() => plan.getByTestId('simulation-row').count()).toBe(3);
    await plan.getByTestId('field-count').fill('2');
    await expect.poll(() => plan.getByTestId('simulation-row').count()).toBe(2);
    await expect.poll(() => text(page, 'simulation-total')).toBe('R$ 70,00');
    await plan.getByTestId('field-monthlyRatePercent').fill('2');
    await expect.poll(() => text(page, 'simulation-interest')).toMatch(/^R\$ \d+,\d\d$/);
    await plan.getByTestId('field-monthlyRatePercent').fill('0');
    await expect.poll(() => text(page, 'simulation-interest')).toBe('sem juros');
    const amounts = await plan.getByTestId('simulation-row').allTextContents();
    expect(amounts.every((row) => /R\$\s35,00/.test(row))).toBe(true);
    await plan.getByTestId('plan-confirm').click();
    await expect.poll(() => text(page, 'plan-created')).toMatch(/2 parcelas, total R\$ 70,00/);

    await page.getByTestId('plan-open').click();
    await expect.poll(() => page.getByTestId('installment-row').count()).toBe(2);
    expect(await page.getByTestId('installment-amount').allTextContents()).toEqual(['R$ 35,00', 'R$ 35,00']);
    expect(await page.getByTestId('installment-status').allTextContents()).toEqual(['Pendente', 'Pendente']);
    expect(await text(page, 'plan-financed')).toBe('R$ 70,00');

    // The first installment, received on its own: principal, no charges before the due date.
    await page.getByTestId('installment-receive').first().click();
    const pay = page.getByTestId('installment-pay-dialog');
    await expect.poll(() => text(page, 'charges-principal')).toBe('R$ 35,00');
    expect(await text(page, 'charges-fine')).toBe('R$ 0,00');
    await expect.poll(() => pay.getByTestId('field-amountCents').inputValue()).toBe('35,00');
    await pay.getByTestId('installment-pay-save').click();
    await expect.poll(() => text(page, 'installment-pay-done')).toMatch(/R\$ 35,00/);
    await pay.getByTestId('installment-pay-close').click();
    await expect.poll(() => page.getByTestId('installment-status').allTextContents()).toEqual(['Paga', 'Pendente']);

    // The finance history adds both payments up and exports the same list.
    await page.getByTestId('nav-finance-payments').click();
    await expect.poll(() => text(page, 'payments-total')).toBe('R$ 85,00');
    expect(await page.getByTestId('payment-row').count()).toBe(2);
    const csvHref = await page.getByTestId('payments-csv').getAttribute('href');
    const csv = await fetch(`${core.url}${csvHref}`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(await csv.text()).toMatch(/João da Silva/);

    // Back on the order: nothing left to receive at the counter, R$ 70,00 on crediário — and the
    // order is "No crediário" with what the plan still owes, never "Pago" while money is owed.
    await page.goto(`${core.url}${orderPath(orderId)}`);
    await expect.poll(() => text(page, 'panel-balance')).toBe('R$ 0,00');
    await expect.poll(() => text(page, 'panel-financed')).toBe('R$ 70,00');
    await expect.poll(() => text(page, 'panel-state')).toBe('No crediário');
    await expect.poll(() => text(page, 'panel-state-credit')).toMatch(/R\$\s?[\d.,]+ a receber no crediário/);
    await expect.poll(() => page.getByTestId('order-plan-link').count()).toBe(1);
  });

  it('a crediário over the credit limit is blocked, and the admin opens it anyway', async () => {
    const product = await call<{ items: Array<{ id: number }> }>('products.list', {});
    const maria = await call<{ id: number }>('customers.create', { name: 'Maria Conceição', creditLimitCents: 1000 });
    const order = await call<{ id: number }>('orders.create', {
      customerId: maria.id,
      deliveryDate: addDays(businessDateOf(new Date()), 5),
      items: [{ productId: product.items[0]?.id, description: 'Canecas', quantity: 3, unitPriceCents: 1000 }],
    });
    // Same browser profile: the session from the first test is still there.
    const page = await browser.newPage();
    await page.goto(`${core.url}${orderPath(order.id)}`);
    await page.getByTestId('order-plan').click();
    await expect.poll(() => page.getByTestId('simulation-row').count()).toBe(3);
    await page.getByTestId('plan-confirm').click();
    await expect
      .poll(() => text(page, 'credit-blocked'))
      .toMatch(/Crediário bloqueado: o limite de crédito é R\$\s10,00/);
    await page.getByTestId('plan-override').click();
    await expect.poll(() => text(page, 'plan-created')).toMatch(/3 parcelas, total R\$ 30,00/);
  });
});
