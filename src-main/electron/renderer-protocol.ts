import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppOrigin } from './security';

/**
 * The renderer is served from a privileged custom scheme, `app://balcao/…`, mapped onto
 * `dist/renderer/`, rather than loaded from file://. Electron's security checklist asks for
 * this: with file:// every page shares the file origin and may reach any local file, CSP
 * `'self'` means "the whole disk", and root-relative asset URLs (`/assets/…`, which the same
 * Vite build needs when the LAN server serves it) do not resolve. With app:// the renderer has
 * its own origin, `'self'` is exactly our bundle, the CSP travels as a real response header, and
 * the IPC sender check compares against that origin.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'balcao';
export const APP_ORIGIN: AppOrigin = { protocol: `${APP_SCHEME}:`, host: APP_HOST };
export const RENDERER_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Privileges to pass to `protocol.registerSchemesAsPrivileged` before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  standard: true, // real origin, relative URLs, CSP 'self'
  secure: true, // treated like https: secure context
  supportFetchAPI: true,
  corsEnabled: true, // Vite's <script type="module" crossorigin>
  codeCache: true,
} as const;

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

export function contentTypeFor(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps `app://balcao/<path>` to a file under `rootDir`, or null when the URL is not ours or
 * would leave `rootDir`. Paths without an extension are client-side routes: they get index.html.
 */
export function resolveRendererFile(requestUrl: string, rootDir: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== APP_ORIGIN.protocol || url.host !== APP_ORIGIN.host) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const root = path.resolve(rootDir);
  const last = pathname.split('/').pop() ?? '';
  const relative = pathname === '/' || !last.includes('.') ? 'index.html' : pathname;
  const file = path.resolve(root, `.${path.posix.sep}${relative.replace(/^\/+/, '')}`);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

export interface RendererHandlerOptions {
  rootDir: string;
  /** The Content-Security-Policy header sent with every response. */
  csp: string;
  readFile?: (file: string) => Promise<Uint8Array<ArrayBuffer>>;
  /**
   * The core's LAN server (`http://127.0.0.1:<port>`). GET requests for `/api/…` (images, PDFs,
   * CSV — the file routes that IPC does not carry) are forwarded there, so `/api/media/…` works in
   * the desktop window exactly as in a LAN browser.
   */
  apiOrigin?: string;
  fetch?: (url: string) => Promise<Response>;
}

/** The `protocol.handle('app', …)` handler: static files of the renderer bundle, with the CSP. */
export function createRendererHandler(options: RendererHandlerOptions): (request: Request) => Promise<Response> {
  const read = options.readFile ?? ((file: string) => readFile(file));
  const baseHeaders = {
    'Content-Security-Policy': options.csp,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  const text = (status: number, body: string): Response =>
    new Response(body, { status, headers: { ...baseHeaders, 'Content-Type': 'text/plain; charset=utf-8' } });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Método não permitido.');
    const api = apiUrl(request.url, options.apiOrigin);
    if (api) {
      if (!options.fetch) return text(503, 'Servidor interno indisponível.');
      try {
        return await options.fetch(api);
      } catch {
        return text(503, 'Servidor interno indisponível.');
      }
    }
    const file = resolveRendererFile(request.url, options.rootDir);
    if (!file) return text(404, 'Não encontrado.');
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await read(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return code === 'ENOENT' || code === 'EISDIR'
        ? text(404, 'Não encontrado.')
        : text(500, 'Erro ao ler o arquivo.');
    }
    const headers: Record<string, string> = { ...baseHeaders, 'Content-Type': contentTypeFor(file) };
    if (file.endsWith('.html')) headers['Cache-Control'] = 'no-cache';
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}

/** `app://balcao/api/…?q` → `<apiOrigin>/api/…?q`, or null for anything else. */
export function apiUrl(requestUrl: string, apiOrigin: string | undefined): string | null {
  if (!apiOrigin) return null;
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== APP_ORIGIN.protocol || url.host !== APP_ORIGIN.host || !url.pathname.startsWith('/api/'))
    return null;
  return `${apiOrigin}${url.pathname}${url.search}`;
}
