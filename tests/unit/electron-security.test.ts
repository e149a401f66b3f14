import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, RENDERER_URL } from '../../src-main/electron/renderer-protocol';
import {
  contentSecurityPolicy,
  externalUrlToOpen,
  isNavigationAllowed,
  isPermissionAllowed,
  isTrustedSender,
  mainWindowOptions,
  secureWebPreferences,
} from '../../src-main/electron/security';

const top = (url: string) => ({ url, parent: null });

describe('isTrustedSender', () => {
  it("accepts the app's own top-level frame, whatever client-side route it shows", () => {
    expect(isTrustedSender(top(RENDERER_URL), APP_ORIGIN)).toBe(true);
    expect(isTrustedSender(top('app://balcao/pedidos/123?aba=itens#x'), APP_ORIGIN)).toBe(true);
  });

  it('refuses sub-frames, gone frames and any other origin', () => {
    expect(isTrustedSender({ url: RENDERER_URL, parent: { url: RENDERER_URL } }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender(null, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender(undefined, APP_ORIGIN)).toBe(false);
    for (const url of [
      'https://balcao/index.html',
      'http://127.0.0.1:8787/index.html',
      'file:///C:/Program%20Files/Balcao/resources/app.asar/dist/renderer/index.html',
      'app://balcao.evil.example/index.html',
      'app://evil/index.html',
      'about:blank',
      'data:text/html,<script>1</script>',
      '',
      'não é url',
    ]) {
      expect(isTrustedSender(top(url), APP_ORIGIN), url).toBe(false);
    }
  });
});

describe('navigation and new windows', () => {
  it('allows navigation only inside the app', () => {
    expect(isNavigationAllowed('app://balcao/index.html', APP_ORIGIN)).toBe(true);
    expect(isNavigationAllowed('https://example.com/', APP_ORIGIN)).toBe(false);
    expect(isNavigationAllowed('file:///C:/Windows/win.ini', APP_ORIGIN)).toBe(false);
  });

  it('opens only plain https links externally', () => {
    expect(externalUrlToOpen('https://wa.me/5511987654321')).toBe('https://wa.me/5511987654321');
    expect(externalUrlToOpen('http://example.com/')).toBeNull();
    expect(externalUrlToOpen('file:///C:/Windows/System32/calc.exe')).toBeNull();
    expect(externalUrlToOpen('javascript:alert(1)')).toBeNull();
    expect(externalUrlToOpen('ms-msdt:/id PCWDiagnostic')).toBeNull();
    expect(externalUrlToOpen('https://user:senha@example.com/')).toBeNull();
    expect(externalUrlToOpen('lixo')).toBeNull();
  });

  it('grants only harmless permissions', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write')).toBe(true);
    expect(isPermissionAllowed('notifications')).toBe(true);
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'hid', 'usb', 'serial', 'unknown']) {
      expect(isPermissionAllowed(p), p).toBe(false);
    }
  });
});

describe('contentSecurityPolicy', () => {
  const directives = (csp: string) =>
    new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const));

  it('allows only our own scripts and styles: no inline, no eval, nothing remote', () => {
    const csp = directives(contentSecurityPolicy());
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    // Only the ficha template editor's preview (a PDF blob the page made) may be framed.
    expect(csp.get('frame-src')).toEqual(['blob:']);
    expect(contentSecurityPolicy()).not.toMatch(/unsafe|\*|http:/);
    // The only https origin is ViaCEP, and only for fetches (the customer form's CEP lookup).
    const https = [...csp].filter(([, sources]) => sources.some((s) => s.startsWith('https:')));
    expect(https).toEqual([['connect-src', ["'self'", 'https://viacep.com.br']]]);
  });

  it('lets the customer form ask ViaCEP for an address, and no other outside origin', () => {
    for (const options of [{}, { coreOrigin: 'http://127.0.0.1:8787' }]) {
      const csp = contentSecurityPolicy(options);
      expect(directives(csp).get('connect-src')).toContain('https://viacep.com.br');
      expect(csp.match(/https:[^\s;]+/g)).toEqual(['https://viacep.com.br']);
    }
  });

  it("lets images, frames and fetches reach the core's local server when given", () => {
    const csp = directives(contentSecurityPolicy({ coreOrigin: 'http://127.0.0.1:8787' }));
    expect(csp.get('img-src')).toContain('http://127.0.0.1:8787');
    expect(csp.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:8787', 'https://viacep.com.br']);
    expect(csp.get('frame-src')).toEqual(['blob:', 'http://127.0.0.1:8787']);
    expect(csp.get('script-src')).toEqual(["'self'"]);
  });
});

describe('window options', () => {
  it('isolates and sandboxes the renderer, with the preload as its only bridge', () => {
    const prefs = secureWebPreferences('/app/dist/electron/preload.cjs', { devTools: false });
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    const win = mainWindowOptions('/p.cjs', { devTools: true });
    expect(win.show).toBe(false);
    expect(win.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, devTools: true });
  });
});

describe('document links in the desktop window', () => {
  it('open PDFs and CSV exports from the core’s local server in the system browser, nothing else', async () => {
    const { documentUrlToOpen } = await import('../../src-main/electron/security');
    const app = { protocol: 'app:', host: 'balcao' };
    expect(
      documentUrlToOpen('app://balcao/api/payments/7/receipt.pdf?u=1&exp=9&sig=abc', app, 'http://127.0.0.1:8787'),
    ).toBe('http://127.0.0.1:8787/api/payments/7/receipt.pdf?u=1&exp=9&sig=abc');
    expect(
      documentUrlToOpen(
        'app://balcao/api/payments/export.csv?from=2026-11-01&u=1&exp=9&sig=t',
        app,
        'http://127.0.0.1:8787',
      ),
    ).toBe('http://127.0.0.1:8787/api/payments/export.csv?from=2026-11-01&u=1&exp=9&sig=t');
    expect(documentUrlToOpen('app://balcao/api/customers', app, 'http://127.0.0.1:8787')).toBeNull();
    expect(documentUrlToOpen('app://balcao/index.html', app, 'http://127.0.0.1:8787')).toBeNull();
    expect(documentUrlToOpen('app://evil/api/x.pdf', app, 'http://127.0.0.1:8787')).toBeNull();
    expect(documentUrlToOpen('app://balcao/api/payments/7/receipt.pdf', app, null)).toBeNull();
  });
});
