import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core';
import { addDays } from '../../src-shared/domain/credit';
import { businessDateOf } from '../../src-shared/domain/dates';
import { ADMIN, tempDir } from '../helpers/app';
import { launchBrowser, login, startUiCore } from './browser';

const LIVE = { timeout: 15_000 };

describe('fichas de produção in the browser', () => {
  let core: Core;
  let browser: BrowserContext;
  let token: string;
  let order: { id: number; number: string };
  const dir = tempDir('balcao-fichas-e2e-');

  const call = async <T>(name: string, input: unknown): Promise<T> =>
    (await core.app.call(name, input, { token })) as T;
  const pdfText = (bytes: Buffer, name: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, ' ');
  };

  beforeAll(async () => {
    core = await startUiCore();
    token = ((await core.app.call('setup.run', { companyName: 'Gráfica Exemplo', admin: ADMIN })) as { token: string })
      .token;
    const product = await call<{ id: number }>('products.create', {
      name: 'Camiseta sublimada',
      productionType: 'camiseta',
      unit: 'un',
      priceCents: 3990,
    });
    const customer = await call<{ id: number }>('customers.create', {
      name: 'Clube Atlético Ipê',
      phone: '11987654321',
    });
    order = await call('orders.create', {
      customerId: customer.id,
      deliveryDate: addDays(businessDateOf(new Date()), 3),
      items: [
        {
          productId: product.id,
          description: 'Camisa do time',
          quantity: 3,
          sizeGrid: [
            { size: 'P', quantity: 1 },
            { size: 'M', quantity: 2 },
          ],
          names: [{ name: 'Zé Ávila', number: '10' }],
        },
      ],
    });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await core?.stop();
  });

  it('editing a template changes its live preview', async () => {
    const page = await browser.newPage();
    await login(page, core.url, ADMIN.username, ADMIN.password);
    await page.getByTestId('nav-orders').click();
    await page.getByTestId('nav-ficha-templates').first().click();
    const preview = page.getByTestId('template-preview');
    try {
      await preview.waitFor(LIVE);
    } catch (err) {
      await page.screenshot({ path: '/tmp/fichas-e2e-shot.png' });
      throw err;
    }
    const firstSrc = await preview.getAttribute('src');
    // The frame shows the PDF the core answered for the template as it stands (a Blob of that
    // answer): every answer is kept here on its way to the page.
    const answers: Buffer[] = [];
    await page.route('**/api/ficha-templates/preview', async (route) => {
      const response = await route.fetch();
      const body = await response.body();
      answers.push(body);
      await route.fulfill({ response, body });
    });
    const lastAnswer = (name: string) => {
      const body = answers.at(-1);
      if (!body?.length) return '';
      fs.writeFileSync(path.join(dir, name), body);
      return pdfText(body, name);
    };

    // A notes block with its own title, at the end of the template.
    await page.getByTestId('template-add-block').selectOption('observacoes');
    await page.getByTestId('template-block').last().getByRole('textbox').fill('Conferir a costura');
    await expect.poll(() => lastAnswer('after.pdf'), LIVE).toContain('Conferir a costura');
    await expect.poll(() => preview.getAttribute('src'), LIVE).not.toBe(firstSrc);

    // The paper too: a 100 × 150 mm thermal label.
    await page.getByTestId('template-paper').selectOption('etiqueta');
    await expect
      .poll(() => {
        lastAnswer('label.pdf');
        return fs.existsSync(path.join(dir, 'label.pdf'))
          ? execFileSync('pdfinfo', [path.join(dir, 'label.pdf')]).toString()
          : '';
      }, LIVE)
      .toMatch(/Page size:\s+283\.\d+ x 425\.\d+/);
    await page.close();
  }, 60_000);

  it('prints a ficha from a board card: in a browser the PDF opens', async () => {
    // Same browser profile: still logged in.
    const page = await browser.newPage();
    await page.goto(core.url);
    await page.getByTestId('nav-board').first().click();
    const card = page.getByTestId('board-card').filter({ hasText: order.number });
    await card.waitFor(LIVE);
    const [tab] = await Promise.all([
      browser.waitForEvent('page', LIVE),
      card.getByTestId('board-print-ficha').click(),
    ]);
    await expect.poll(() => tab.url(), LIVE).toMatch(new RegExp(`/api/orders/${order.id}/fichas\\.pdf\\?.*sig=`));
    const res = await fetch(tab.url());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/pdf');
    const text = pdfText(Buffer.from(await res.arrayBuffer()), 'board.pdf');
    expect(text).toContain(order.number);
    expect(text).toContain('Clube Atlético Ipê');
    expect(text).toContain('Zé Ávila');
    await tab.close();
    await page.close();
  }, 60_000);

  it('a size grid pasted from a spreadsheet on the order form is kept, and one that does not add up is refused', async () => {
    const page = await browser.newPage();
    await page.goto(core.url);
    await page.getByTestId('nav-orders').first().click();
    await page.getByTestId('order-row').filter({ hasText: order.number }).click();
    await page.getByTestId('order-edit').click();
    const pieces = page.getByTestId('item-0-pieces');
    await pieces.waitFor(LIVE);
    const paste = (text: string) =>
      page.getByTestId('size-PP').evaluate((el, t) => {
        const data = new DataTransfer();
        data.setData('text', t);
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      }, text);
    // Two columns copied from a spreadsheet: 2 G and 1 GG, for an item of 3 pieces.
    await paste('G\t2\nGG\t1');
    await expect.poll(() => page.getByTestId('size-G').inputValue()).toBe('2');
    expect(await page.getByTestId('size-P').inputValue()).toBe('');
    await page.getByTestId('item-names').fill('Zé Ávila\t10\tG\nJoana\t7\tGG');
    await page.getByTestId('order-save').click();
    await page.getByTestId('order-page').waitFor(LIVE);
    await expect.poll(() => page.getByTestId('item-pieces').textContent(), LIVE).toContain('G 2 · GG 1');
    const saved = await call<{ items: Array<{ sizeGrid: unknown; names: unknown }> }>('orders.get', { id: order.id });
    expect(saved.items[0]?.sizeGrid).toEqual([
      { size: 'G', quantity: 2 },
      { size: 'GG', quantity: 1 },
    ]);
    expect(saved.items[0]?.names).toEqual([
      { name: 'Zé Ávila', number: '10', size: 'G' },
      { name: 'Joana', number: '7', size: 'GG' },
    ]);

    // One more piece in the grid than the item has: the server's message, under the grid.
    await page.getByTestId('order-edit').click();
    await page.getByTestId('size-M').fill('1');
    await page.getByTestId('order-save').click();
    await expect
      .poll(() => page.getByTestId('item-0-pieces').textContent(), LIVE)
      .toContain('A grade de tamanhos soma 4 peças, mas a quantidade do item é 3.');
    await page.close();
  }, 60_000);
});
