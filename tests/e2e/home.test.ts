import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src-main/clock';
import type { Core } from '../../src-main/core';
import { ADMIN, CPF_JOAO } from '../helpers/app';
import { launchBrowser, login, startUiCore, text } from './browser';

const LIVE = { timeout: 8000 };
const PHONE = { width: 390, height: 844 };

describe('Início in the browser', () => {
  const clock = manualClock(new Date());
  let core: Core;
  let desktop: BrowserContext;
  let phone: BrowserContext | undefined;
  let token: string;
  let customerId: number;
  let productId: number;

  const call = async <T>(name: string, input: unknown): Promise<T> =>
    (await core.app.call(name, input, { token })) as T;

  beforeAll(async () => {
    core = await startUiCore({ clock });
    token = ((await core.app.call('setup.run', { companyName: 'Gráfica Exemplo', admin: ADMIN })) as { token: string })
      .token;
    productId = (
      await call<{ id: number }>('products.create', {
        name: 'Caneca branca 325ml',
        productionType: 'caneca',
        unit: 'un',
        priceCents: 2500,
      })
    ).id;
    customerId = (await call<{ id: number }>('customers.create', { name: 'João da Silva', document: CPF_JOAO })).id;
    desktop = await launchBrowser();
  });
  afterAll(async () => {
    await phone?.close();
    await desktop?.close();
    await core?.stop();
  });

  it('is the first page after login and shows a new order at once, without reloading; its number opens the list', async () => {
    const page = await desktop.newPage();
    await login(page, core.url, ADMIN.username, ADMIN.password);
    await page.getByTestId('home-page').waitFor();
    expect(await text(page, 'home-due-today')).toBe('0');
    expect(await text(page, 'home-sales-mtd')).toBe('R$ 0,00');
    await page.evaluate(() => {
      (window as unknown as { homeMarker: number }).homeMarker = 42;
    });

    // Another PC takes an order due today: Início follows the WebSocket event.
    await call('orders.create', {
      customerId,
      deliveryDate: clock.today(),
      items: [{ productId, description: 'Canecas do evento', quantity: 2, unitPriceCents: 2500 }],
    });
    await expect.poll(() => text(page, 'home-due-today'), LIVE).toBe('1');
    await expect.poll(() => text(page, 'home-sales-mtd'), LIVE).toBe('R$ 50,00');
    expect(await text(page, 'home-approval')).toBe('1');
    expect(await text(page, 'home-stage-financeiro')).toBe('1');
    expect(await text(page, 'home-type-caneca')).toMatch(/caneca\s*1\s*1\s*R\$ 50,00/);
    // Same page, not a reload.
    expect(await page.evaluate(() => (window as unknown as { homeMarker?: number }).homeMarker)).toBe(42);

    // "Entregar hoje" opens the orders list filtered to exactly that order.
    await page.getByTestId('home-due-today-link').click();
    await page.getByTestId('orders-page').waitFor();
    await expect.poll(() => text(page, 'orders-count'), LIVE).toBe('(1)');
    expect(await text(page, 'filters')).toMatch(/Entrega/);
    await page.close();
  });

  it('on a phone the numbers stack in one column and nothing scrolls sideways', async () => {
    phone = await launchBrowser({ viewport: PHONE, isMobile: true });
    const page: Page = await phone.newPage();
    await login(page, core.url, ADMIN.username, ADMIN.password);
    await page.getByTestId('home-page').waitFor();
    await page.getByTestId('home-sales-mtd').waitFor();
    const boxes = [];
    for (const id of ['home-due-today-link', 'home-overdue-link', 'home-approval-link', 'home-ready-link']) {
      const box = await page.getByTestId(id).boundingBox();
      if (!box) throw new Error(`${id} not drawn`);
      boxes.push(box);
    }
    for (let i = 1; i < boxes.length; i++) {
      const [above, below] = [boxes[i - 1], boxes[i]] as [
        NonNullable<(typeof boxes)[0]>,
        NonNullable<(typeof boxes)[0]>,
      ];
      expect(below.x).toBeCloseTo(above.x, 0);
      expect(below.y).toBeGreaterThanOrEqual(above.y + above.height);
      // A card takes the phone's width (less the page's margins).
      expect(below.width).toBeGreaterThan(PHONE.width * 0.75);
    }
    await page.waitForTimeout(200);
    const size = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
    }));
    expect(size.scroll).toBeLessThanOrEqual(size.inner);
    expect(await page.getByTestId('tab-home').getAttribute('aria-current')).toBe('page');
  });
});
