import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core';
import { launchBrowser, login, startUiCore, text } from './browser';

describe('customers in the browser', () => {
  let core: Core;
  let browser: BrowserContext;
  let second: BrowserContext | undefined;
  beforeAll(async () => {
    core = await startUiCore();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await second?.close();
    await browser?.close();
    await core?.stop();
  });

  it('setup → login → create João with a valid CPF → search "joao" → edit → a second page sees it live', async () => {
    const page = await browser.newPage();
    await page.goto(core.url);
    await page.getByTestId('setup-company').fill('Gráfica Exemplo');
    await page.getByTestId('setup-name').fill('Ana Administradora');
    await page.getByTestId('setup-username').fill('ana');
    await page.getByTestId('setup-password').fill('senha-forte-123');
    await page.getByTestId('setup-password-confirm').fill('senha-forte-123');
    await page.getByTestId('setup-submit').click();
    await expect.poll(() => text(page, 'company-name')).toBe('Gráfica Exemplo');

    // log out and in again, as a user would on another day
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await login(page, core.url, 'ana', 'senha-forte-123');

    await page.getByTestId('nav-customers').click();
    await page.getByTestId('customer-new').click();
    await page.getByTestId('field-name').fill('João da Silva');
    const doc = page.getByTestId('field-document');
    await doc.pressSequentially('52998224724');
    await expect.poll(() => doc.inputValue()).toBe('529.982.247-24');
    await page.getByTestId('customer-save').click();
    await expect.poll(() => text(page, 'error-document')).toMatch(/CPF inválido/);
    await doc.fill('');
    await doc.pressSequentially('52998224725');
    await page.getByTestId('field-phone').pressSequentially('11987654321');
    await expect.poll(() => page.getByTestId('field-phone').inputValue()).toBe('(11) 98765-4321');
    await page.getByTestId('field-address.cep').pressSequentially('01310100');
    await expect.poll(() => page.getByTestId('field-address.cep').inputValue()).toBe('01310-100');
    await page.getByTestId('customer-save').click();
    await expect.poll(() => text(page, 'customer-name')).toBe('João da Silva');
    await expect.poll(() => text(page, 'customer-document')).toMatch(/529\.982\.247-25/);

    await page.getByTestId('nav-customers').click();
    await page.getByTestId('customer-search').fill('joao');
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(1);
    await expect.poll(() => page.getByTestId('customer-row').first().textContent()).toMatch(/João da Silva/);

    // a second browser (another PC on the LAN, its own profile) watches the customer
    second = await launchBrowser();
    const other = await second.newPage();
    await login(other, core.url, 'ana', 'senha-forte-123');
    const id = (await core.app.db.selectFrom('customers').select('id').executeTakeFirstOrThrow()).id;
    await other.goto(`${core.url}/#/clientes/${id}`);
    await expect.poll(() => text(other, 'customer-name')).toBe('João da Silva');

    await page.getByTestId('customer-row').first().click();
    await page.getByTestId('customer-edit').click();
    await page.getByTestId('field-name').fill('João da Silva Santos');
    await page.getByTestId('customer-save').click();
    await expect.poll(() => text(page, 'customer-name')).toBe('João da Silva Santos');
    await expect.poll(() => text(other, 'customer-name'), { timeout: 5000 }).toBe('João da Silva Santos');
  });
});
