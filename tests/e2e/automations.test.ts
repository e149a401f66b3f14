import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core';
import { enqueue } from '../../src-main/modules/messages/outbox';
import { ADMIN, setupAdmin } from '../helpers/app';
import { launchBrowser, login, startUiCore, text } from './browser';

async function noSideways(page: Page): Promise<void> {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(width);
}

describe('automations in the browser', () => {
  let core: Core;
  let desktop: BrowserContext;
  let phone: BrowserContext;
  let token: string;
  beforeAll(async () => {
    core = await startUiCore();
    token = await setupAdmin(core.app);
    desktop = await launchBrowser();
    phone = await launchBrowser({ viewport: { width: 390, height: 844 }, isMobile: true });
  });
  afterAll(async () => {
    await desktop?.close();
    await phone?.close();
    await core?.stop();
  });

  it('templates refuse unknown fields as they are typed and preview on a real customer', async () => {
    await core.app.call('customers.create', { name: 'Dona Rosa', whatsapp: '11955554444' }, { token });
    const page = await desktop.newPage();
    await login(page, core.url, ADMIN.username, ADMIN.password);
    await page.getByTestId('nav-messages-settings').click();
    await page.getByTestId('messages-settings-page').waitFor();
    const lembrete = page.getByTestId('template-lembrete');
    await lembrete.locator('textarea').fill('Oi {cliente}, pague {valorr}.');
    await expect.poll(() => lembrete.innerText()).toContain('Campos desconhecidos: {valorr}');
    expect(await page.getByTestId('template-save-lembrete').isDisabled()).toBe(true);
    const pronto = page.getByTestId('template-pronto');
    await pronto.locator('textarea').fill('Oi {cliente}, seu pedido está pronto!');
    await page.getByTestId('template-preview-pronto').click();
    await expect
      .poll(() => text(page, 'template-preview-out-pronto'))
      .toContain('Oi Dona Rosa, seu pedido está pronto!');
  });

  it('the WhatsApp "A enviar" list on a phone: open the message, mark it sent; the outbox shows it', async () => {
    const customer = (await core.app.call(
      'customers.create',
      { name: 'Seu Zé', whatsapp: '11988887777' },
      { token },
    )) as {
      id: number;
    };
    const id = (await core.app.dispatcher.system('teste', (ctx) =>
      enqueue(ctx, {
        channel: 'whatsapp',
        kind: 'lembrete',
        customerId: customer.id,
        recipient: '11988887777',
        subject: null,
        body: 'Olá, Seu Zé! Lembrete da parcela de R$ 50,00.',
      }),
    )) as number;
    const page = await phone.newPage();
    await login(page, core.url, ADMIN.username, ADMIN.password);
    await page.goto(`${core.url}/#/mensagens/a-enviar`);
    await page.getByTestId(`to-send-${id}`).waitFor();
    expect(await page.getByTestId(`to-send-open-${id}`).getAttribute('href')).toBe(
      `https://wa.me/5511988887777?text=${encodeURIComponent('Olá, Seu Zé! Lembrete da parcela de R$ 50,00.')}`,
    );
    await noSideways(page);
    await page.getByTestId(`to-send-mark-${id}`).click();
    await expect.poll(() => page.getByTestId(`to-send-${id}`).count()).toBe(0);
    await page.goto(`${core.url}/#/mensagens/saida`);
    await expect.poll(() => text(page, `outbox-status-${id}`)).toBe('Enviada');
    await noSideways(page);
    await page.goto(`${core.url}/#/clientes/${customer.id}`);
    await expect.poll(() => text(page, 'customer-messages')).toContain('Lembrete de pagamento');
    await page.goto(`${core.url}/#/configuracoes/tarefas`);
    await page.getByTestId('job-relatorio-semanal').waitFor();
    await noSideways(page);
  });
});
