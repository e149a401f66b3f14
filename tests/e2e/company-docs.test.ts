import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core';
import { api } from '../helpers/app';
import { seedCatalog } from '../helpers/fixtures';
import { launchBrowser, startUiCore, text } from './browser';

describe('company profile and order documents in the browser (phone width)', () => {
  let core: Core;
  let browser: BrowserContext;
  beforeAll(async () => {
    core = await startUiCore();
    browser = await launchBrowser({ viewport: { width: 390, height: 844 }, isMobile: true });
  });
  afterAll(async () => {
    await browser?.close();
    await core?.stop();
  });

  it('setup asks the essentials; Dados da empresa edits everything; the order page opens and sends its PDFs', async () => {
    const page = await browser.newPage();
    const sideways = () =>
      page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
    await page.goto(core.url);
    await page.getByTestId('setup-company').fill('Gráfica Exemplo');
    await page.getByTestId('setup-legal-name').fill('Exemplo Comunicação Visual Ltda');
    await page.getByTestId('setup-document').pressSequentially('11222333000181');
    await expect.poll(() => page.getByTestId('setup-document').inputValue()).toBe('11.222.333/0001-81');
    await page.getByTestId('setup-whatsapp').pressSequentially('19998761234');
    await page.getByTestId('setup-city').fill('Campinas');
    await page.getByTestId('setup-state').selectOption('SP');
    await page.getByTestId('setup-name').fill('Ana Administradora');
    await page.getByTestId('setup-username').fill('ana');
    await page.getByTestId('setup-password').fill('senha-forte-123');
    await page.getByTestId('setup-password-confirm').fill('senha-forte-123');
    await page.getByTestId('setup-submit').click();
    await expect.poll(() => text(page, 'company-name')).toBe('Gráfica Exemplo');

    await page.goto(`${core.url}/#/configuracoes/empresa`);
    await page.getByTestId('company-form').waitFor();
    expect(await page.getByTestId('field-document').inputValue()).toBe('11.222.333/0001-81');
    expect(await page.getByTestId('field-city').inputValue()).toBe('Campinas');
    expect(await sideways()).toBe(false);
    // A wrong CEP is said under its field, in pt-BR, before anything is sent.
    await page.getByTestId('field-cep').pressSequentially('123');
    await page.getByTestId('field-street').click();
    await expect.poll(() => text(page, 'error-cep')).toMatch(/CEP/);
    await page.getByTestId('field-cep').fill('');
    await page.getByTestId('field-cep').pressSequentially('13015100');
    await page.getByTestId('field-street').fill('Avenida Brasil');
    await page.getByTestId('field-phone').pressSequentially('1932324545');
    await page.getByTestId('field-pixKey').fill('contato@graficaexemplo.com.br');
    await page.getByTestId('field-paymentTerms').fill('50% na aprovação e o restante na entrega.');
    await page.getByTestId('company-save').click();
    await expect.poll(() => page.getByText('Dados da empresa salvos.').count()).toBeGreaterThan(0);
    await page.reload();
    await page.getByTestId('company-form').waitFor();
    await expect.poll(() => page.getByTestId('field-cep').inputValue()).toBe('13015-100');
    expect(await page.getByTestId('field-phone').inputValue()).toBe('(19) 3232-4545');
    expect(await page.getByTestId('field-pixKey').inputValue()).toBe('contato@graficaexemplo.com.br');

    // An order: its page opens the OS and sends it by WhatsApp with a link to the PDF.
    const token = await page.evaluate(() => {
      for (const store of [localStorage, sessionStorage]) {
        for (let i = 0; i < store.length; i++) {
          const key = store.key(i) ?? '';
          const value = store.getItem(key) ?? '';
          if (/token/i.test(key) && value) return value.replace(/^"|"$/g, '');
        }
      }
      return '';
    });
    expect(token).not.toBe('');
    const admin = api(core.url, token);
    const cat = await seedCatalog(admin);
    const customer = (await admin('POST', '/api/customers', { name: 'João da Silva', whatsapp: '11987654321' })).body;
    const created = await admin('POST', '/api/orders', {
      customerId: customer.id,
      deliveryDate: '2030-01-15',
      items: [{ productId: cat.camiseta, description: 'Camisetas do time', quantity: 12, unitPriceCents: 3500 }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const order = created.body;
    await page.goto(`${core.url}/#/pedidos/${order.id}`);
    await page.getByTestId('order-page').waitFor();
    const os = page.getByTestId('order-os-pdf');
    await os.waitFor();
    const href = (await os.getAttribute('href')) ?? '';
    expect(href).toContain(`/api/orders/${order.id}/os.pdf`);
    const pdf = await page.evaluate(async (url) => {
      const res = await fetch(url);
      return { status: res.status, type: res.headers.get('content-type') };
    }, href);
    expect(pdf).toEqual({ status: 200, type: 'application/pdf' });
    const wa = new URL((await page.getByTestId('order-doc-whatsapp').getAttribute('href')) ?? '');
    expect(wa.origin + wa.pathname).toBe('https://wa.me/5511987654321');
    expect(wa.searchParams.get('text')).toMatch(
      new RegExp(
        `^Olá, João! Segue o pedido nº ${order.number} da Gráfica Exemplo: http://127\\.0\\.0\\.1:\\d+/api/orders/${order.id}/os\\.pdf\\?`,
      ),
    );
    expect(await sideways()).toBe(false);
  }, 120_000);
});
