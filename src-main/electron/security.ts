import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * Security decisions of the Electron shell, as plain functions so they are unit-tested without
 * Electron. main.ts only wires them to Electron's events.
 */

/** The renderer's own origin: `app://balcao` (see renderer-protocol.ts for why not file://). */
export interface AppOrigin {
  protocol: string; // 'app:'
  host: string; // 'balcao'
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether a URL belongs to the app's own renderer. Compares scheme and host only: client-side
 * routes and reloads may change the path, and the `app:` scheme serves nothing but our files.
 * (`URL.origin` cannot be used: it is `'null'` for non-http schemes in Node.)
 */
export function isAppUrl(url: string, app: AppOrigin): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && parsed.protocol === app.protocol && parsed.host === app.host;
}

/** The part of Electron's `WebFrameMain` the sender check reads. */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * VS Code's `validatedIpcMain` rule, for our one IPC channel: the message must come from a
 * live, top-level frame showing the app's own renderer — never from a sub-frame or from a page
 * that somehow got navigated elsewhere.
 */
export function isTrustedSender(frame: SenderFrameLike | null | undefined, app: AppOrigin): boolean {
  if (!frame) return false; // frame already navigated away or destroyed
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url, app);
}

/**
 * What to do with a link that tries to open a window or leave the app: only https links are
 * opened, and in the user's browser. Returns the URL to hand to `shell.openExternal`, or null.
 */
export function externalUrlToOpen(url: string): string | null {
  const parsed = parseUrl(url);
  if (parsed?.protocol !== 'https:' || parsed.username || parsed.password) return null;
  return parsed.href;
}

/**
 * A document link from the renderer (`app://balcao/api/…pdf?u=…&exp=…&sig=…`, signed and short-lived) becomes the same route on the
 * core's local server, to open in the system browser; anything else is null.
 */
export function documentUrlToOpen(url: string, app: AppOrigin, apiOrigin: string | null): string | null {
  if (!apiOrigin) return null;
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== app.protocol || parsed.host !== app.host || !parsed.pathname.startsWith('/api/'))
    return null;
  if (!/\.(pdf|csv)$/.test(parsed.pathname) && !parsed.pathname.startsWith('/api/media/')) return null;
  return `${apiOrigin}${parsed.pathname}${parsed.search}`;
}

/** `will-navigate`: stays allowed only inside the app's own origin. */
export function isNavigationAllowed(url: string, app: AppOrigin): boolean {
  return isAppUrl(url, app);
}

/** Browser permissions the renderer may get; everything else (camera, location, …) is refused. */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write', 'notifications', 'fullscreen']);

export function isPermissionAllowed(permission: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission);
}

/**
 * The one outside origin the renderer may fetch from: ViaCEP, for the address of a CEP in the
 * customer form (src-renderer/lib/cep.ts). The LAN server's CSP (http/reply.ts) allows the same.
 */
export const VIACEP_ORIGIN = 'https://viacep.com.br';

export interface CspOptions {
  /**
   * Origin of the core's local HTTP server (e.g. `http://127.0.0.1:8787`), for images and PDFs the
   * renderer shows from it. Calls never use it: they go over the MessagePort.
   */
  coreOrigin?: string;
}

/**
 * The renderer's Content-Security-Policy, sent as a header by the app:// protocol handler.
 * No inline scripts or styles, no eval, nothing from the network (but ViaCEP's CEP lookups), no
 * plugins, no framing.
 * (React's `style={…}` sets styles through the CSSOM, which CSP does not restrict.)
 */
export function contentSecurityPolicy(options: CspOptions = {}): string {
  const core = options.coreOrigin ? ` ${options.coreOrigin}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: blob:${core}`,
    "font-src 'self' data:",
    `connect-src 'self'${core} ${VIACEP_ORIGIN}`,
    `frame-src${core || " 'none'"}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** webPreferences of every window: isolated, sandboxed, no Node, the preload as the only bridge. */
export function secureWebPreferences(preload: string, options: { devTools: boolean }): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
    devTools: options.devTools,
  };
}

/** The main window: hidden until its first paint, then shown; no menu bar unless Alt is pressed. */
export function mainWindowOptions(preload: string, options: { devTools: boolean }): BrowserWindowConstructorOptions {
  return {
    title: 'Balcão',
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(preload, options),
  };
}

/**
 * desk: a client-mode window shows the main PC's UI from the shop network: the same isolated,
 * sandboxed preferences, but **no preload** — a page from the network gets no bridge to this PC.
 */
export function clientWindowOptions(options: { devTools: boolean }): BrowserWindowConstructorOptions {
  const { preload: _none, ...webPreferences } = secureWebPreferences('', options);
  return { ...mainWindowOptions('', options), webPreferences };
}
