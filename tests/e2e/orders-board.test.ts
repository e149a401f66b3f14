import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core';
import { addDays } from '../../src-shared/domain/credit';
import { businessDateOf, formatDateBR } from '../../src-shared/domain/dates';
import { ADMIN, CPF_JOAO } from '../helpers/app';
import { pngBytes } from '../helpers/fixtures';
import { launchBrowser, login, startUiCore, text } from './browser';

const GERENTE = { name: 'Gina Gerente', username: 'gina', password: 'gina-senha-123' };
const LIVE = { timeout: 8000 };

describe('orders and the production board in the browser', () => {
  let core: Core;
  let browser: BrowserContext;
  let second: BrowserContext | undefined;
  let token: string;

  const call = async <T>(name: string, input: unknown): Promise<T> =>
    (await core.app.call(name, input, { token })) as T;

  beforeAll(async () => {
    core = await startUiCore();
    token = ((await core.app.call('setup.run', { companyName: 'Gráfica Exemplo', admin: ADMIN })) as { token: string })
      .token;
    await call('products.create', { name: 'Lona 440g', productionType: 'lona', unit: 'm2', priceCents: 9000 });
    await call('products.create', {
      name: 'Camiseta sublimada',
      productionType: 'camiseta',
      unit: 'un',
      priceCents: 3990,
    });
    await call('shippingMethods.create', { name: 'Motoboy', freightCents: 1500 });
    await call('staff.create', { name: 'Vera Vendedora', roles: ['vendedor'] });
    await call('customers.create', { name: 'João da Silva', document: CPF_JOAO, phone: '11987654321' });
    await call('users.create', { ...GERENTE, role: 'gerente' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await second?.close();
    await browser?.close();
    await core?.stop();
  });

  it('an order typed on one PC shows up on the board of another, is approved and advanced there, and the first sees it live', async () => {
    const page: Page = await browser.newPage();
    await login(page, core.url, ADMIN.username, ADMIN.password);

    // A second PC (its own browser profile): the manager watching the production board.
    second = await launchBrowser();
    const board = await second.newPage();
    await login(board, core.url, GERENTE.username, GERENTE.password);
    await board.getByTestId('nav-board').click();
    await board.getByTestId('board-column-financeiro').waitFor();
    expect(await board.getByTestId('board-card').count()).toBe(0);

    // --- the order, typed through the form ---
    await page.getByTestId('nav-orders').click();
    await page.getByTestId('order-new').click();
    await page.getByTestId('field-customerId').fill('joao');
    await page.getByTestId('picker-option').filter({ hasText: 'João da Silva' }).click();
    const delivery = formatDateBR(addDays(businessDateOf(new Date()), 3));
    await page.getByTestId('field-deliveryDate').pressSequentially(delivery.replace(/\//g, ''));
    await expect.poll(() => page.getByTestId('field-deliveryDate').inputValue()).toBe(delivery);
    await page.getByTestId('field-priority').selectOption('ALTA');
    await page.getByTestId('field-sellerId').selectOption({ label: 'Vera Vendedora' });

    await page.getByTestId('field-items.0.productId').fill('lona');
    await page.getByTestId('picker-option').filter({ hasText: 'Lona 440g' }).click();
    await expect.poll(() => page.getByTestId('field-items.0.unitPriceCents').inputValue()).toBe('90,00');
    await page.getByTestId('field-items.0.description').fill('Banner fachada 3,00 × 1,20');
    await page.getByTestId('field-items.0.widthMm').fill('3000');
    await page.getByTestId('field-items.0.heightMm').fill('1200');
    await page.getByTestId('field-items.0.quantity').fill('2');
    // 3,6 m² × 2 × R$ 90,00 = R$ 648,00, shown as it is typed
    await expect.poll(() => text(page, 'item-area-0')).toBe('3,6 m²');
    await expect.poll(() => text(page, 'item-total-0')).toBe('R$ 648,00');
    await page.getByTestId('extra-add-0').click();
    await page.getByTestId('field-items.0.extras.0.name').fill('Ilhós');
    await page.getByTestId('field-items.0.extras.0.quantity').fill('16');
    await page.getByTestId('field-items.0.extras.0.unitPriceCents').fill('0,50');
    await expect.poll(() => text(page, 'item-total-0')).toBe('R$ 656,00');

    await page.getByTestId('item-add').click();
    await page.getByTestId('field-items.1.productId').fill('camiseta');
    await page.getByTestId('picker-option').filter({ hasText: 'Camiseta sublimada' }).click();
    await page.getByTestId('field-items.1.quantity').fill('10');
    await expect.poll(() => text(page, 'item-total-1')).toBe('R$ 399,00');

    await page.getByTestId('field-shippingMethodId').selectOption({ label: 'Motoboy (R$ 15,00)' });
    await expect.poll(() => page.getByTestId('field-freightCents').inputValue()).toBe('15,00');
    await page.getByTestId('field-discountCents').fill('20,00');
    await expect.poll(() => text(page, 'form-total')).toBe('R$ 1.050,00');
    await page.getByTestId('order-save').click();

    // The order page: the server's totals agree with what the form showed.
    await expect.poll(() => text(page, 'order-number'), LIVE).toMatch(/^Pedido \d{4}-\d{6}$/);
    const number = (await text(page, 'order-number')).replace('Pedido ', '');
    expect(await text(page, 'order-total')).toBe('R$ 1.050,00');
    expect(await text(page, 'order-status')).toBe('Pendente');
    expect(await page.getByTestId('order-item').count()).toBe(2);
    expect(await page.getByTestId('order-payments-slot').count()).toBe(1);

    // --- the board on the other PC: the card arrived by itself, high priority ---
    const card = board.getByTestId('board-column-financeiro').getByTestId('board-card').filter({ hasText: number });
    await expect.poll(() => card.count(), LIVE).toBe(1);
    expect(await card.textContent()).toMatch(/João da Silva/);
    expect(await card.getByTestId('priority-high').count()).toBe(1);
    // …and the manager was notified of the new order.
    await expect.poll(() => text(board, 'notifications-unread'), LIVE).toBe('1');

    // Approve finance with the button (keyboard/touch path)…
    await card.getByTestId('board-advance').click();
    const inCheck = board.getByTestId('board-column-conferencia').getByTestId('board-card').filter({ hasText: number });
    await expect.poll(() => inCheck.count(), LIVE).toBe(1);
    // …and the first PC sees the status change without reloading.
    await expect.poll(() => text(page, 'order-status'), LIVE).toBe('Em produção');
    await expect.poll(() => text(page, 'stage-financeiro'), LIVE).toMatch(/por Gina Gerente/);

    // Drag the card to the next column: conferência done, now in impressão.
    await inCheck.dragTo(board.getByTestId('board-column-impressao'));
    // The item's art is not approved: the board asks before it goes to printing (art, issue 11).
    await board.getByTestId('confirm-dialog').waitFor();
    await board.getByTestId('confirm-ok').click();
    const inPrint = board.getByTestId('board-column-impressao').getByTestId('board-card').filter({ hasText: number });
    await expect.poll(() => inPrint.count(), LIVE).toBe(1);
    await expect.poll(() => text(page, 'stage-conferencia'), LIVE).toMatch(/por Gina Gerente/);
    expect(await text(page, 'order-status')).toBe('Em produção');

    // Presence: the first PC opens the order for editing; the manager, on the order page, sees it.
    await board.getByTestId('board-card-number').filter({ hasText: number }).click();
    await board.getByTestId('order-page').waitFor();
    await page.getByTestId('order-edit').click();
    await page.getByTestId('order-form').waitFor();
    await expect.poll(() => text(board, 'presence-notice'), LIVE).toMatch(/Ana Administradora está editando/);
    await page.getByTestId('order-cancel').click();
    await expect.poll(() => board.getByTestId('presence-notice').count(), LIVE).toBe(0);

    // The list finds it by text, with the status and the total.
    await page.getByTestId('nav-orders').click();
    await page.getByTestId('orders-search').fill('fachada');
    const row = page.getByTestId('order-row').filter({ hasText: number });
    await expect.poll(() => row.count(), LIVE).toBe(1);
    expect(await row.textContent()).toMatch(/Em produção.*R\$\s1\.050,00/);
    await page.close();
    await second.close();
    second = undefined;
  });

  it('registries with a stale edit, an image on an item, and a list of hundreds scrolled to the end', async () => {
    // Same browser profile as before: still logged in.
    const page: Page = await browser.newPage();
    await page.goto(core.url);
    await page.getByTestId('user-name').waitFor();

    // A finish through the generic registry screen…
    await page.getByTestId('nav-registries').click();
    await page.getByTestId('registry-tab-finishes').click();
    await page.getByTestId('registry-new').click();
    await page.getByTestId('field-name').fill('Bainha');
    await page.getByTestId('field-priceCents').fill('2,50');
    await page.getByTestId('registry-save').click();
    const bainha = page.getByTestId('registry-row').filter({ hasText: 'Bainha' });
    await expect.poll(() => bainha.textContent(), LIVE).toMatch(/R\$\s2,50/);

    // …edited here while someone else changes it: 409, reload keeps what was typed, save.
    await bainha.getByTestId('registry-edit').click();
    await page.getByTestId('field-priceCents').fill('3,00');
    const finish = (
      await call<{ items: Array<{ id: number; version: number }> }>('finishes.list', { search: 'bainha' })
    ).items[0];
    await call('finishes.update', { id: finish?.id, version: finish?.version, name: 'Bainha simples' });
    await page.getByTestId('registry-save').click();
    await expect.poll(() => text(page, 'stale-banner'), LIVE).toMatch(/Outra pessoa alterou/);
    await page.getByTestId('stale-reload').click();
    await expect.poll(() => page.getByTestId('field-name').inputValue()).toBe('Bainha simples');
    expect(await page.getByTestId('field-priceCents').inputValue()).toBe('3,00');
    await page.getByTestId('registry-save').click();
    await expect
      .poll(() => page.getByTestId('registry-row').filter({ hasText: 'Bainha simples' }).textContent(), LIVE)
      .toMatch(/R\$\s3,00/);

    // Hundreds of orders: the list fetches pages of 200 as it scrolls.
    const customer = (await call<{ items: Array<{ id: number }> }>('customers.list', { search: 'joao' })).items[0];
    const product = (await call<{ items: Array<{ id: number }> }>('products.list', { search: 'camiseta' })).items[0];
    const delivery = addDays(businessDateOf(new Date()), 10);
    let first: { id: number; number: string } | undefined;
    for (let i = 0; i < 230; i++) {
      const o = await call<{ id: number; number: string }>('orders.create', {
        customerId: customer?.id,
        deliveryDate: delivery,
        items: [{ productId: product?.id, description: `Lote ${i}`, quantity: 1 }],
      });
      first ??= o;
    }
    const total = (await call<{ total: number }>('orders.list', { perPage: 1 })).total;
    await page.getByTestId('nav-orders').click();
    await expect.poll(() => text(page, 'orders-count'), LIVE).toBe(`(${total})`);
    const oldest = (await call<{ items: Array<{ number: string }> }>('orders.list', { sort: 'entryDate', perPage: 1 }))
      .items[0]?.number;
    expect(
      await page
        .getByTestId('order-row')
        .filter({ hasText: oldest ?? '?' })
        .count(),
    ).toBe(0);
    await page.getByTestId('orders-scroll').evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await expect
      .poll(
        () =>
          page
            .getByTestId('order-row')
            .filter({ hasText: oldest ?? '?' })
            .count(),
        LIVE,
      )
      .toBe(1);
    expect(await page.getByTestId('order-row').count()).toBeLessThan(100);

    // An image dropped on an item of an existing order: uploaded, thumbnail shown (with the token).
    await page.goto(`${core.url}/#/pedidos/${first?.id}`);
    await page.getByTestId('item-file-0').setInputFiles({
      name: 'arte.png',
      mimeType: 'image/png',
      buffer: await pngBytes(),
    });
    const thumb = page.getByTestId('item-image').locator('img');
    await expect.poll(() => thumb.count(), LIVE).toBe(1);
    await expect.poll(() => thumb.evaluate((img) => (img as HTMLImageElement).naturalWidth), LIVE).toBeGreaterThan(0);
  });
});
