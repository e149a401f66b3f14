import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src-main/clock';
import type { Core } from '../../src-main/core';
import { ADMIN, setupAdmin } from '../helpers/app';
import { launchBrowser, login, startUiCore, text } from './browser';

/**
 * Saúde dos clientes in the browser, at phone width: the list shows the score, a new order moves it
 * live, Em risco offers WhatsApp and logs a note, and the customer page shows the pillars.
 */
describe('customer health in the browser', () => {
  const clock = manualClock('2026-11-24T13:00:00Z');
  let core: Core;
  let browser: BrowserContext;
  beforeAll(async () => {
    core = await startUiCore({ clock });
    browser = await launchBrowser({ viewport: { width: 390, height: 844 }, isMobile: true });
  });
  afterAll(async () => {
    await browser?.close();
    await core?.stop();
  });

  it('list, live update, em risco with a note, the customer card; nothing scrolls sideways', async () => {
    const token = await setupAdmin(core.app);
    const as = (name: string, input: unknown) => core.app.call(name, input, { token });
    const product = (await as('products.create', {
      name: 'Caneca',
      productionType: 'caneca',
      unit: 'un',
      priceCents: 3000,
    })) as { id: number };
    const order = (customerId: number, day: string, priceCents = 3000) =>
      as('orders.create', {
        customerId,
        kind: 'pedido',
        entryDate: day,
        deliveryDate: day,
        items: [{ productId: product.id, description: 'Caneca', quantity: 1, unitPriceCents: priceCents }],
      });
    const ana = (await as('customers.create', { name: 'Ana Souza', whatsapp: '11987654321' })) as { id: number };
    const bia = (await as('customers.create', { name: 'Bia Lima', whatsapp: '11912345678' })) as { id: number };
    // Ana: a good customer, every 10 days — but the last order was 30 days ago.
    for (const day of ['2026-09-25', '2026-10-05', '2026-10-15', '2026-10-25']) await order(ana.id, day);
    await order(bia.id, '2026-11-20');
    await as('health.recompute', {});

    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await login(page, core.url, ADMIN.username, ADMIN.password);
    await page.goto(`${core.url}/#/clientes/saude`);
    await page
      .getByTestId('health-page')
      .waitFor()
      .catch(async (e) => {
        throw new Error(`${e}\n${problems.join('\n')}\n${(await page.textContent('body'))?.slice(0, 500)}`);
      });
    await expect.poll(() => page.getByTestId('health-row').count()).toBe(2);
    const biaScore = async () =>
      (await page
        .getByTestId('health-row')
        .filter({ hasText: 'Bia Lima' })
        .getByTestId('health-row-score')
        .textContent()) ?? '';
    const before = await biaScore();

    // Em risco: Ana, past her 10-day habit, with a WhatsApp link; a note is logged.
    const risk = page.getByTestId('health-risk-row').filter({ hasText: 'Ana Souza' });
    await risk.waitFor();
    expect(await risk.getByTestId('health-risk-whatsapp').getAttribute('href')).toBe('https://wa.me/5511987654321');
    await risk.getByTestId('health-risk-note').fill('Ofereci canecas novas');
    await risk.getByRole('button').last().click();
    await expect.poll(() => risk.getByTestId('health-risk-contact').textContent()).toContain('Ofereci canecas novas');

    // Bia orders again, a big one (now top of valor): her score moves on the screen without a reload.
    await order(bia.id, '2026-11-24', 30_000);
    await expect.poll(biaScore, { timeout: 8000 }).not.toBe(before);

    const size = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
    }));
    expect(size.scroll).toBeLessThanOrEqual(size.inner);

    // The weights: all zero is refused before saving; only recência counting changes Bia's score.
    const weights = page.getByTestId('health-weights');
    for (const pillar of ['recencia', 'frequencia', 'valor', 'pontualidade'])
      await weights.getByTestId(`health-weight-${pillar}`).fill('0');
    expect(await weights.getByTestId('health-weights-save').isDisabled()).toBe(true);
    await weights.getByTestId('health-weight-recencia').fill('1');
    const beforeWeights = await biaScore();
    await weights.getByTestId('health-weights-save').click();
    await expect.poll(biaScore, { timeout: 8000 }).not.toBe(beforeWeights);

    // The customer page: score and the four pillars with their facts.
    await page.goto(`${core.url}/#/clientes/${ana.id}`);
    await page.getByTestId('health-card').waitFor();
    await expect.poll(() => text(page, 'health-pillar-recencia')).toContain('intervalo habitual 10 dias');
    expect(await text(page, 'health-pillar-pontualidade')).toContain('Neutro');
    const size2 = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
    }));
    expect(size2.scroll).toBeLessThanOrEqual(size2.inner);
  });
});
