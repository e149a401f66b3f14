import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core';
import { ADMIN, CPF_JOAO } from '../helpers/app';
import { redSquarePdf } from '../helpers/art';
import { launchBrowser, login, startUiCore, text } from './browser';

const LIVE = { timeout: 15_000 };

describe('art files in the browser', () => {
  let core: Core;
  let browser: BrowserContext;
  let token: string;
  let order: { id: number; number: string; items: Array<{ id: number }> };

  const call = async <T>(name: string, input: unknown): Promise<T> =>
    (await core.app.call(name, input, { token })) as T;

  beforeAll(async () => {
    core = await startUiCore();
    token = ((await core.app.call('setup.run', { companyName: 'Gráfica Exemplo', admin: ADMIN })) as { token: string })
      .token;
    const product = await call<{ id: number }>('products.create', {
      name: 'Lona 440g',
      productionType: 'lona',
      unit: 'un',
      priceCents: 9000,
    });
    await call('customers.create', { name: 'João da Silva', document: CPF_JOAO, phone: '11987654321' });
    order = await call('orders.create', {
      customerId: 1,
      deliveryDate: '2026-12-20',
      items: [
        { productId: product.id, description: 'Banner fachada', quantity: 1 },
        { productId: product.id, description: 'Faixa promocional', quantity: 1 },
      ],
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await core?.stop();
  });

  it('sends a PDF on the order page, sees its preview, approves it; the board shows the thumbnail and warns before printing', async () => {
    const page: Page = await browser.newPage();
    await login(page, core.url, ADMIN.username, ADMIN.password);
    await page.goto(`${core.url}/#/pedidos/${order.id}`);
    const first = page.getByTestId('item-art-1');
    await first.waitFor();
    expect(await first.getByTestId('art-current').count()).toBe(0);

    await first
      .getByTestId('art-file')
      .setInputFiles({ name: 'Banner fachada.pdf', mimeType: 'application/pdf', buffer: await redSquarePdf() });
    await expect.poll(() => first.getByTestId('art-name').textContent(), LIVE).toBe('Banner fachada.pdf');
    // The thumbnail replaces "gerando prévia…" once the worker made it.
    await first.getByTestId('art-thumb').locator('img').waitFor(LIVE);
    await expect
      .poll(
        () =>
          first
            .getByTestId('art-thumb')
            .locator('img')
            .evaluate((img: HTMLImageElement) => img.naturalWidth),
        LIVE,
      )
      .toBeGreaterThan(0);

    // An executable named .pdf is refused with the reason.
    await page
      .getByTestId('item-art-2')
      .getByTestId('art-file')
      .setInputFiles({ name: 'arte.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00programa') });
    await expect
      .poll(() => page.getByTestId('item-art-2').textContent(), LIVE)
      .toContain('não é um arquivo de arte aceito');

    // Item 2's art is a link instead.
    await page.getByTestId('item-art-2').getByTestId('art-link-toggle').click();
    await page.getByTestId('field-art-url').fill('https://we.tl/t-abc123');
    await page.getByTestId('art-link-save').click();
    await expect.poll(() => page.getByTestId('item-art-2').getByTestId('art-open-link').count(), LIVE).toBe(1);

    await first.getByTestId('art-approve').click();
    await page.getByTestId('field-art-channel').selectOption('email');
    await page.getByTestId('field-art-note').fill('Cliente respondeu ok');
    await page.getByTestId('art-decision-save').click();
    await expect.poll(() => text(page, 'order-item'), LIVE).toContain('Arte aprovada · E-mail');

    // The board: thumbnail on the card, one art to approve, and a warning before Impressão.
    await call('orders.stage', { id: order.id, stage: 'financeiro', done: true });
    await page.getByTestId('nav-board').click();
    const card = page.getByTestId('board-column-conferencia').getByTestId('board-card');
    await card.waitFor(LIVE);
    await card.getByTestId('art-thumb').locator('img').waitFor(LIVE);
    await expect.poll(() => text(page, 'board-art-pending'), LIVE).toBe('1 arte a aprovar');
    await card.getByTestId('board-advance').click();
    await page.getByTestId('confirm-dialog').waitFor();
    expect(await text(page, 'confirm-dialog')).toContain('arte não aprovada');
    await page.getByTestId('confirm-cancel').click();
    expect(await page.getByTestId('board-column-conferencia').getByTestId('board-card').count()).toBe(1);

    // Approved from the card itself: then it moves without a question.
    await card.getByTestId('board-art-approve').click();
    await page.getByTestId('art-decision-save').click();
    await expect.poll(() => page.getByTestId('board-art-pending').count(), LIVE).toBe(0);
    await card.getByTestId('board-advance').click();
    await page.getByTestId('board-column-impressao').getByTestId('board-card').waitFor(LIVE);
  }, 90_000);
});
