import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core';
import { ADMIN, setupAdmin } from '../helpers/app';
import { launchBrowser, login, startUiCore, text } from './browser';

describe('backups in the browser', () => {
  let core: Core;
  let browser: BrowserContext;
  beforeAll(async () => {
    core = await startUiCore();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await core?.stop();
  });

  it('make a backup, see it in the list, restore it, and the app reloads with the restored data', async () => {
    const token = await setupAdmin(core.app);
    const as = (name: string, input: unknown) => core.app.call(name, input, { token });
    await as('customers.create', { name: 'Cliente Antes do Backup', phone: '11987654321' });

    const page = await browser.newPage();
    await login(page, core.url, ADMIN.username, ADMIN.password);
    await page.getByTestId('nav-backups').click();
    await page.getByTestId('backups-page').waitFor();
    await expect.poll(() => text(page, 'db-last-check')).toMatch(/nunca/);

    await page.getByTestId('backup-now').click();
    // The new backup shows in the list and turns "Verificado".
    const row = page.locator('[data-testid^="backup-row-"]').first();
    await row.waitFor();
    const id = ((await row.getAttribute('data-testid')) ?? '').replace('backup-row-', '');
    expect(id).toMatch(/-manual$/);
    await expect.poll(() => text(page, `backup-status-${id}`), { timeout: 30_000 }).toBe('Verificado');
    await expect.poll(() => page.getByTestId(`backup-download-${id}`).count()).toBe(1);

    // Life goes on after the backup…
    await as('customers.create', { name: 'Cliente Depois do Backup', phone: '11987654321' });

    // …and the backup is restored through the wizard.
    await page.evaluate(() => {
      (window as unknown as { beforeRestore: boolean }).beforeRestore = true;
    });
    await page.getByTestId(`backup-restore-${id}`).click();
    await page.getByTestId('restore-valid').waitFor({ timeout: 30_000 });
    await page.getByTestId('field-restore-password').fill(ADMIN.password);
    await page.getByTestId('restore-confirm').click();
    // The page reloads by itself (system.reload): the marker set above is gone.
    await expect
      .poll(
        () =>
          page
            .evaluate(() => (window as unknown as { beforeRestore?: boolean }).beforeRestore === true)
            .catch(() => true),
        { timeout: 30_000 },
      )
      .toBe(false);
    // Sessions from before the restore are ended (the backup's own copy of them too): log in again.
    await page.getByTestId('login-username').waitFor();
    await login(page, core.url, ADMIN.username, ADMIN.password);
    await page.getByTestId('user-name').waitFor();

    await page.getByTestId('nav-customers').click();
    await expect.poll(() => page.getByTestId('customer-row').count()).toBeGreaterThan(0);
    const names = await page.getByTestId('customer-row').allTextContents();
    expect(names.join(' ')).toMatch(/Cliente Antes do Backup/);
    expect(names.join(' ')).not.toMatch(/Cliente Depois do Backup/);

    // The list now also holds the safety copy made before the restore.
    await page.getByTestId('nav-backups').click();
    await expect.poll(() => page.locator('[data-testid^="backup-row-"]').count()).toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.getByTestId('backup-list').textContent()).toMatch(/Antes de restaurar/);
  }, 120_000);
});
