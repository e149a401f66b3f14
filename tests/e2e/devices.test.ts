import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, startCore } from '../../src-main/core';
import { ADMIN, setupAdmin, tempDir } from '../helpers/app';
import { byTestId, launchBrowser, login, RENDERER_DIR, text } from './browser';

/**
 * Device approval end to end, in two browsers: the admin at the main PC and a "phone" on the shop
 * network. Every connection goes to 127.0.0.1; the phone's requests carry a header that the
 * test-only `peerAddress` (given by code when this test builds the core — never by the network
 * or the environment) turns into the address 192.168.0.77, so the server treats it exactly as a
 * device on the Wi-Fi. The admin's browser sends no such header and is loopback, as at the main PC.
 */
describe('a device on the shop network waits for approval', () => {
  let core: Core;
  let adminBrowser: BrowserContext;
  let phoneBrowser: BrowserContext;

  beforeAll(async () => {
    core = await startCore({
      dataDir: tempDir('balcao-e2e-'),
      host: '127.0.0.1',
      port: 0,
      rendererDir: RENDERER_DIR,
      jobs: false,
      peerAddress: (request) => {
        const fake = request.headers['x-test-peer'];
        return typeof fake === 'string' ? fake : request.ip;
      },
    });
    await setupAdmin(core.app);
    adminBrowser = await launchBrowser();
    phoneBrowser = await launchBrowser({ viewport: { width: 390, height: 844 }, isMobile: true });
    await phoneBrowser.setExtraHTTPHeaders({ 'x-test-peer': '192.168.0.77' });
  });
  afterAll(async () => {
    await phoneBrowser?.close();
    await adminBrowser?.close();
    await core?.stop();
  });

  it('unknown device waits with a code, the admin approves it, it logs in, revoking ends its session', async () => {
    const phone = await phoneBrowser.newPage();
    await phone.goto(core.url);
    await byTestId(phone, 'device-waiting').waitFor();
    const code = await text(phone, 'device-code');
    expect(code).toMatch(/^[A-Z2-9]{3}-[A-Z2-9]{3}$/);
    expect(await phone.getByTestId('login-username').count()).toBe(0);

    // The admin, at the main PC, sees the device with its code and approves it with a name.
    const admin = await adminBrowser.newPage();
    await login(admin, core.url, ADMIN.username, ADMIN.password);
    await byTestId(admin, 'nav-network').click();
    await byTestId(admin, 'network-page').waitFor();
    await byTestId(admin, `device-${code}`).waitFor();
    expect(await text(admin, `device-${code}`)).toContain('192.168.0.77');
    await byTestId(admin, `device-name-${code}`).fill('Celular do balcão');
    await byTestId(admin, `device-approve-${code}`).click();
    await byTestId(admin, `device-revoke-${code}`).waitFor();

    // The phone's screen moves on by itself to the login, and the login works.
    await byTestId(phone, 'login-username').waitFor({ timeout: 15_000 });
    await byTestId(phone, 'login-username').fill(ADMIN.username);
    await byTestId(phone, 'login-password').fill(ADMIN.password);
    await byTestId(phone, 'login-submit').click();
    await byTestId(phone, 'user-menu').waitFor();

    // Revoked: the phone is shut out at once, back to the blocked screen; the main PC goes on.
    await byTestId(admin, `device-revoke-${code}`).click();
    await byTestId(phone, 'device-waiting').waitFor({ timeout: 15_000 });
    expect(await text(phone, 'device-waiting')).toContain('bloqueado');
    const apiAfter = await phone.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(apiAfter).toBe(403);
    await admin.reload();
    await byTestId(admin, 'user-menu').waitFor();
  });
});
