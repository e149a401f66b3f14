import fs from 'node:fs';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import type { manualClock } from '../../src-main/clock';
import { type Core, startCore } from '../../src-main/core';
import { tempDir } from '../helpers/app';

const root = path.resolve(__dirname, '../..');
export const RENDERER_DIR = path.join(root, 'dist/renderer');

/** The real server on 127.0.0.1 serving the built UI (run `npm run build` first; `npm test` does). */
export async function startUiCore(opts: { clock?: ReturnType<typeof manualClock> } = {}): Promise<Core> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('A interface não foi compilada: rode `npm run build` antes dos testes de navegador.');
  }
  return startCore({
    dataDir: tempDir('balcao-e2e-'),
    host: '127.0.0.1',
    port: 0,
    rendererDir: RENDERER_DIR,
    jobs: false,
    ...(opts.clock && { clock: opts.clock }),
  });
}

/**
 * Debian's Chromium, headless, with its own empty profile; nothing leaves 127.0.0.1: the one outside
 * address the UI may ask (ViaCEP, for a CEP's address) is refused here, as when the PC is offline,
 * unless a test answers it itself (`context.route`, registered later, wins).
 */
export async function launchBrowser(
  opts: { viewport?: { width: number; height: number }; isMobile?: boolean } = {},
): Promise<BrowserContext> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const context = await chromium.launchPersistentContext(tempDir('balcao-chromium-'), {
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
    locale: 'pt-BR',
    timezoneId: 'America/Sao_Paulo',
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    ...(opts.isMobile && { isMobile: true, hasTouch: true }),
  });
  await context.route('https://viacep.com.br/**', (route) => route.abort('internetdisconnected'));
  return context;
}

export const byTestId = (page: Page, id: string) => page.getByTestId(id);

/** Logs in through the UI. */
export async function login(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}

/** The trimmed text of an element found by test id (empty while it is not there). */
export async function text(page: Page, id: string): Promise<string> {
  const el = page.getByTestId(id).first();
  return (await el.count()) ? ((await el.textContent()) ?? '').replace(/\s+/g, ' ').trim() : '';
}
