import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core';
import { businessDateOf } from '../../src-shared/domain/dates';
import { ADMIN, CPF_JOAO, CPF_MARIA } from '../helpers/app';
import { launchBrowser, login, startUiCore, text } from './browser';

/** Relatórios in the browser: the closing's table totals equal its CSV's, and a new order shows up live. */
describe('reports in the browser', () => {
  let core: Core;
  let browser: BrowserContext;
  let token: string;
  let product: number;
  let joao: number;

  const call = async <T>(name: string, input: unknown): Promise<T> =>
    (await core.app.call(name, input, { token })) as T;
  const today = businessDateOf(new Date());

  beforeAll(async () => {
    core = await startUiCore();
    token = ((await core.app.call('setup.run', { companyName: 'Gráfica Exemplo', admin: ADMIN })) as { token: string })
      .token;
    product = (
      await call<{ id: number }>('products.create', {
        name: 'Camiseta sublimada',
        productionType: 'camiseta',
        unit: 'un',
        priceCents: 1000,
        costCents: 400,
      })
    ).id;
    joao = (await call<{ id: number }>('customers.create', { name: 'João da Silva', document: CPF_JOAO })).id;
    const maria = (await call<{ id: number }>('customers.create', { name: 'Maria Souza', document: CPF_MARIA })).id;
    for (const [customerId, quantity] of [
      [joao, 12],
      [maria, 5],
      [joao, 3],
    ] as const) {
      await call('orders.create', {
        customerId,
        entryDate: today,
        deliveryDate: today,
        items: [{ productId: product, description: 'Camisetas', quantity }],
      });
    }
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await core?.stop();
  });

  it('the closing by customer exports a CSV whose totals match the screen, and follows a new order live', async () => {
    const page: Page = await browser.newPage();
    await login(page, core.url, ADMIN.username, ADMIN.password);
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('report-tab-closing').click();
    await page.getByTestId('report-preset-mes').click();
    await page.getByTestId('closing-group').selectOption('cliente');
    // 12 + 5 + 3 camisetas at R$ 10,00.
    await expect.poll(() => text(page, 'closing-total-value')).toBe('R$ 200,00');
    expect(await text(page, 'closing-total-orders')).toBe('3');
    expect(await page.getByTestId('closing-table-row').count()).toBe(2);

    await expect.poll(() => page.getByTestId('closing-csv').getAttribute('href')).toMatch(/sig=/);
    const href = await page.getByTestId('closing-csv').getAttribute('href');
    expect(href).toMatch(/^\/api\/reports\/export\.csv\?/);
    const csv = await (await fetch(`${core.url}${href}`)).text();
    const lines = csv.split('\n');
    const header = lines.findIndex((l) => l.startsWith('Cliente;'));
    expect(lines.slice(header + 1, header + 3)).toEqual(['João da Silva;2;2;150,00', 'Maria Souza;1;1;50,00']);
    // The screen's totals row, as the CSV writes it.
    const screenValue = (await text(page, 'closing-total-value')).replace('R$ ', '').replace('.', '');
    expect(lines[header + 3]).toBe(
      `Total;${await text(page, 'closing-total-orders')};${await text(page, 'closing-total-lines')};${screenValue}`,
    );

    // A new order: the closing updates by itself (the order event refreshes the reports).
    await call('orders.create', {
      customerId: joao,
      entryDate: today,
      deliveryDate: today,
      items: [{ productId: product, description: 'Camisetas', quantity: 1 }],
    });
    await expect.poll(() => text(page, 'closing-total-value'), { timeout: 10_000 }).toBe('R$ 210,00');
    expect(await text(page, 'closing-sales')).toBe('R$ 210,00');
  });
});
