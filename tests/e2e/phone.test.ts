import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src-main/clock';
import type { Core } from '../../src-main/core';
import { addDays } from '../../src-shared/domain/credit';
import { businessDateOf, formatDateBR } from '../../src-shared/domain/dates';
import { ADMIN } from '../helpers/app';
import { launchBrowser, login, startUiCore, text } from './browser';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 768 };
const LIVE = { timeout: 8000 };
const DAY = 24 * 60 * 60 * 1000;

/** No page may scroll sideways: everything fits the screen's width. */
async function expectNoHorizontalScroll(page: Page, where: string): Promise<void> {
  // Let layout settle (fonts, data arriving) before measuring.
  await page.waitForTimeout(150);
  const size = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  expect(size.scroll, `${where}: ${size.scroll}px wide in a ${size.inner}px window`).toBeLessThanOrEqual(size.inner);
}

/** The element is drawn inside the window, not cut at its right edge. */
async function expectInsideWindow(page: Page, locator: Locator, what: string): Promise<void> {
  // Scroll the page down to it, never sideways: a box that scrolls sideways must not be scrolled to
  // make the element look reachable.
  await locator.waitFor();
  await locator.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 120));
  const box = await locator.boundingBox();
  const inner = await page.evaluate(() => window.innerWidth);
  expect(box, `${what} is drawn`).not.toBeNull();
  if (!box) return;
  expect(box.x, `${what} starts inside the window`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what} ends inside the window`).toBeLessThanOrEqual(inner + 0.5);
  // Nor hidden inside a box that scrolls or clips sideways (a table cut at its frame's edge).
  const clipped = await locator.evaluate((el) => {
    const rect = el.getBoundingClientRect();
    for (let box = el.parentElement; box; box = box.parentElement) {
      const overflow = getComputedStyle(box).overflowX;
      if (overflow === 'visible') continue;
      const frame = box.getBoundingClientRect();
      if (rect.left < frame.left - 0.5 || rect.right > frame.right + 0.5) return box.className || box.tagName;
    }
    return null;
  });
  expect(clipped, `${what} is cut by its frame`).toBeNull();
}

describe('the main flow on a phone (390×844), and the order page at 1366×768', () => {
  let core: Core;
  let phone: BrowserContext;
  let desktop: BrowserContext | undefined;
  let token: string;
  let orderId = 0;

  // The server's clock starts now and is moved forward later, to make a crediário late.
  const clock = manualClock(new Date());

  beforeAll(async () => {
    core = await startUiCore({ clock });
    token = ((await core.app.call('setup.run', { companyName: 'Gráfica Exemplo', admin: ADMIN })) as { token: string })
      .token;
    await core.app.call(
      'products.create',
      { name: 'Caneca branca 325ml', productionType: 'caneca', unit: 'un', priceCents: 2500 },
      { token },
    );
    phone = await launchBrowser({ viewport: PHONE, isMobile: true });
    // ViaCEP answered by the test (a fake): nothing leaves the machine.
    await phone.route('https://viacep.com.br/ws/01310100/json/', (route) =>
      route.fulfill({
        contentType: 'application/json',
        headers: { 'access-control-allow-origin': '*' },
        body: JSON.stringify({
          logradouro: 'Avenida Paulista',
          bairro: 'Bela Vista',
          localidade: 'São Paulo',
          uf: 'SP',
        }),
      }),
    );
  });
  afterAll(async () => {
    await desktop?.close();
    await phone?.close();
    await core?.stop();
  });

  it('customer, order, board and payment, with no page scrolling sideways', async () => {
    const page = await phone.newPage();
    await login(page, core.url, ADMIN.username, ADMIN.password);
    await expectNoHorizontalScroll(page, 'after login');

    // --- Customers: the first-run empty state invites the first one ---
    await page.getByTestId('tab-customers').click();
    await expect.poll(() => text(page, 'customers-empty')).toMatch(/Nenhum cliente ainda — cadastre o primeiro/);
    await expectNoHorizontalScroll(page, 'customers (empty)');
    await page.getByTestId('customer-first').click();
    await page.getByTestId('customer-form').waitFor();
    await page.getByTestId('field-kind-PJ').check();
    await page.getByTestId('field-name').fill('Estampa Viva');
    await page.getByTestId('field-tradeName').fill('Estampa Viva Sublimação');
    await page.getByTestId('field-phone').fill('11987655432');
    await page.getByTestId('field-address.cep').fill('01310100');
    // The CEP filled the address (the fake ViaCEP); the number is typed.
    await expect.poll(() => page.getByTestId('field-address.street').inputValue(), LIVE).toBe('Avenida Paulista');
    expect(await page.getByTestId('field-address.state').inputValue()).toBe('SP');
    await page.getByTestId('field-address.number').fill('1000');
    await expectNoHorizontalScroll(page, 'customer form');
    await page.getByTestId('customer-save').click();
    await expect.poll(() => text(page, 'customer-tradeName'), LIVE).toBe('Estampa Viva Sublimação');
    await expectNoHorizontalScroll(page, 'customer page');

    // The list finds her by the last digits of the phone.
    await page.getByTestId('tab-customers').click();
    await page.getByTestId('customer-search').fill('5432');
    await expect.poll(() => page.getByTestId('customer-row').count(), LIVE).toBe(1);
    expect(await page.getByTestId('customer-row').textContent()).toMatch(/Estampa Viva/);
    // Filters start folded.
    expect(await page.getByTestId('filters').getAttribute('open')).toBeNull();
    await expectNoHorizontalScroll(page, 'customers list');

    // --- An order, typed on the phone ---
    await page.getByTestId('tab-orders').click();
    await expectNoHorizontalScroll(page, 'orders list');
    await page.getByTestId('order-new').click();
    await page.getByTestId('field-customerId').fill('estampa');
    await page.getByTestId('picker-option').filter({ hasText: 'Estampa Viva' }).click();
    const delivery = formatDateBR(addDays(businessDateOf(new Date()), 3));
    await page.getByTestId('field-deliveryDate').pressSequentially(delivery.replace(/\//g, ''));
    await page.getByTestId('field-items.0.productId').fill('caneca');
    await page.getByTestId('picker-option').filter({ hasText: 'Caneca branca' }).click();
    await page.getByTestId('field-items.0.quantity').fill('4');
    await expect.poll(() => text(page, 'item-total-0')).toBe('R$ 100,00');
    await expectNoHorizontalScroll(page, 'order form');
    await page.getByTestId('order-save').click();
    await expect.poll(() => text(page, 'order-number'), LIVE).toMatch(/^Pedido \d{4}-\d{6}$/);
    orderId = Number(/pedidos\/(\d+)/.exec(page.url())?.[1]);
    expect(orderId).toBeGreaterThan(0);
    await expectNoHorizontalScroll(page, 'order page');

    // --- The board: stages stacked, every column reachable, Pronto too ---
    await page.getByTestId('tab-board').click();
    const columns = page.locator('[data-testid^="board-column-"]');
    await expect.poll(() => columns.count(), LIVE).toBeGreaterThan(2);
    const card = page.getByTestId('board-card').first();
    await card.getByTestId('board-advance').click();
    await expectNoHorizontalScroll(page, 'board');
    await expectInsideWindow(page, columns.last(), 'the last board column');

    // --- Payment on the order page ---
    await page.goto(`${core.url}/#/pedidos/${orderId}`);
    await page.getByTestId('order-receive').click();
    const dialog = page.getByTestId('receive-dialog');
    await dialog.getByTestId('field-amountCents').fill('40');
    await dialog.getByTestId('receive-save').click();
    await expect.poll(() => text(page, 'receive-done'), LIVE).toMatch(/R\$ 40,00/);
    await expectNoHorizontalScroll(page, 'payment receipt dialog');
    await page.getByTestId('receive-close').click();
    await expect.poll(() => page.getByTestId('payment-row').count(), LIVE).toBe(1);
    await expectInsideWindow(page, page.getByTestId('payment-receipt-link'), 'Recibo (phone)');
    await expectInsideWindow(page, page.getByTestId('payment-reverse'), 'Estornar (phone)');
    // Money moved: the order can be cancelled with a reason, not deleted.
    expect(await page.getByTestId('order-delete').count()).toBe(0);
    expect(await page.getByTestId('order-cancel-order').count()).toBe(1);
    await expectNoHorizontalScroll(page, 'order page with a payment');

    // --- Finance pages ---
    await page.getByTestId('tab-finance').click();
    await expect.poll(() => page.getByTestId('payment-row').count(), LIVE).toBe(1);
    await expectNoHorizontalScroll(page, 'payments');
    await page.getByTestId('tab-more').click();
    await page.getByTestId('nav-finance-receivables').click();
    await expect.poll(() => page.getByTestId('receivable-row').count(), LIVE).toBe(1);
    await expectInsideWindow(page, page.getByTestId('receivable-receive'), 'Receber on a receivable');
    await expectNoHorizontalScroll(page, 'receivables');
    await page.getByTestId('tab-more').click();
    await page.getByTestId('nav-finance-delinquency').click();
    await page.getByTestId('delinquency-page').waitFor();
    await expectNoHorizontalScroll(page, 'delinquency');
    await page.getByTestId('tab-more').click();
    await page.getByTestId('nav-registries').click();
    await page.getByTestId('registry-row').first().waitFor();
    await expectNoHorizontalScroll(page, 'registries');

    // The user menu holds what the header used to show.
    await page.getByTestId('user-menu').click();
    await expectInsideWindow(page, page.getByTestId('logout'), 'Sair in the user menu');
  });

  it('at 1366×768 the order page shows the payments with Recibo and Estornar, and the board fits', async () => {
    // The rest of the order on a crediário whose installments are then 40 days late.
    await core.app.call(
      'plans.createForOrder',
      { id: orderId, count: 2, firstDueDate: addDays(clock.today(), 1), intervalDays: 15 },
      { token },
    );
    clock.advance(40 * DAY);
    desktop = await launchBrowser({ viewport: DESKTOP });
    const page = await desktop.newPage();
    await login(page, core.url, ADMIN.username, ADMIN.password);
    await page.goto(`${core.url}/#/pedidos/${orderId}`);
    await expect.poll(() => page.getByTestId('payment-row').count(), LIVE).toBe(1);
    await expectInsideWindow(page, page.getByTestId('payment-receipt-link'), 'Recibo');
    await expectInsideWindow(page, page.getByTestId('payment-reverse'), 'Estornar');
    await expectNoHorizontalScroll(page, 'order page at 1366');
    // A smaller laptop: the payments column narrows and its table turns into cards instead of cutting.
    await page.setViewportSize({ width: 1024, height: 768 });
    await expectInsideWindow(page, page.getByTestId('payment-receipt-link'), 'Recibo at 1024');
    await expectInsideWindow(page, page.getByTestId('payment-reverse'), 'Estornar at 1024');
    await page.setViewportSize(DESKTOP);

    await page.getByTestId('nav-board').click();
    const columns = page.locator('[data-testid^="board-column-"]');
    await expect.poll(() => columns.count(), LIVE).toBeGreaterThan(2);
    await expectInsideWindow(page, columns.last(), 'the last board column at 1366');
    await expectNoHorizontalScroll(page, 'board at 1366');

    // Delinquency and receivables: every column and the row's actions fit.
    await page.getByTestId('nav-finance-delinquency').click();
    await expect.poll(() => page.getByTestId('delinquency-row').count(), LIVE).toBe(1);
    await expectInsideWindow(page, page.getByTestId('delinquency-receive'), 'Receber (delinquency)');
    await expectInsideWindow(page, page.getByTestId('delinquency-whatsapp'), 'WhatsApp (delinquency)');
    await expectInsideWindow(page, page.getByTestId('delinquency-plan'), 'Crediário (delinquency)');
    await expectInsideWindow(page, page.getByTestId('delinquency-table-totals'), 'the totals row');
    await expectNoHorizontalScroll(page, 'delinquency at 1366');
    // Receber from the row opens the oldest late installment's dialog.
    await page.getByTestId('delinquency-receive').click();
    await page.getByTestId('installment-pay-dialog').waitFor();
    await page.keyboard.press('Escape');

    await page.getByTestId('nav-finance-receivables').click();
    await expect.poll(() => page.getByTestId('receivable-row').count(), LIVE).toBe(2);
    await expectInsideWindow(page, page.getByTestId('receivable-whatsapp').first(), 'WhatsApp (receivables)');
    await expectInsideWindow(page, page.getByTestId('receivable-plan').first(), 'Crediário (receivables)');
    await expectNoHorizontalScroll(page, 'receivables at 1366');
  });
});
