import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contentTypeFor,
  createRendererHandler,
  RENDERER_URL,
  resolveRendererFile,
} from '../../src-main/electron/renderer-protocol';

let root: string;
let outside: string;
const CSP = "default-src 'none'; script-src 'self'";

beforeAll(async () => {
  const base = await mkdtemp(path.join(tmpdir(), 'balcao-renderer-'));
  root = path.join(base, 'renderer');
  outside = path.join(base, 'segredo.txt');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Balcão</title>');
  await writeFile(path.join(root, 'assets', 'app-1a2b.js'), 'console.log(1)');
  await writeFile(outside, 'não deveria sair');
});
afterAll(async () => {
  await rm(path.dirname(root), { recursive: true, force: true });
});

describe('resolveRendererFile', () => {
  it('maps app://balcao paths into the renderer folder, routes to index.html', () => {
    expect(resolveRendererFile(RENDERER_URL, root)).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile('app://balcao/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile('app://balcao/pedidos/12', root)).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile('app://balcao/assets/app-1a2b.js?v=1', root)).toBe(
      path.join(root, 'assets', 'app-1a2b.js'),
    );
  });

  it('never leaves the renderer folder and serves no other host', () => {
    for (const url of [
      'app://balcao/../segredo.txt',
      'app://balcao/%2e%2e/segredo.txt',
      'app://balcao/assets/..%2f..%2fsegredo.txt',
      'app://balcao/..%5c..%5csegredo.txt',
      'app://balcao/index.html%00.js',
      'app://balcao/%E0%A4%A',
      'app://outro/index.html',
      'file:///etc/passwd',
    ]) {
      const file = resolveRendererFile(url, root);
      expect(file === null || file.startsWith(root + path.sep), url).toBe(true);
      expect(file, url).not.toBe(outside);
    }
    expect(resolveRendererFile('app://balcao/assets/..%2f..%2fsegredo.txt', root)).toBeNull();
    expect(resolveRendererFile('app://outro/index.html', root)).toBeNull();
  });
});

describe('createRendererHandler', () => {
  const handler = () => createRendererHandler({ rootDir: root, csp: CSP });

  it('serves files with their type and the CSP header', async () => {
    const html = await handler()(new Request(RENDERER_URL));
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toBe(CSP);
    expect(await html.text()).toContain('Balcão');

    const js = await handler()(new Request('app://balcao/assets/app-1a2b.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await js.text()).toBe('console.log(1)');
  });

  it('answers 404 for missing files and escapes, 405 for writes', async () => {
    expect((await handler()(new Request('app://balcao/assets/nao-existe.js'))).status).toBe(404);
    const escaped = await handler()(new Request('app://balcao/assets/..%2f..%2fsegredo.txt'));
    expect(escaped.status).toBe(404);
    expect(await escaped.text()).not.toContain('não deveria sair');
    expect(escaped.headers.get('content-security-policy')).toBe(CSP);
    expect((await handler()(new Request(RENDERER_URL, { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('maps extensions to content types', () => {
    expect(contentTypeFor('a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('A.SVG')).toBe('image/svg+xml');
    expect(contentTypeFor('sem-extensao')).toBe('application/octet-stream');
  });
});

describe('file routes through app://', () => {
  it('forwards GET /api/… to the core and serves everything else from the bundle', async () => {
    const { apiUrl, createRendererHandler } = await import('../../src-main/electron/renderer-protocol');
    expect(apiUrl('app://balcao/api/media/abc/thumb?token=t', 'http://127.0.0.1:8787')).toBe(
      'http://127.0.0.1:8787/api/media/abc/thumb?token=t',
    );
    expect(apiUrl('app://balcao/index.html', 'http://127.0.0.1:8787')).toBeNull();
    expect(apiUrl('app://outro/api/x', 'http://127.0.0.1:8787')).toBeNull();
    expect(apiUrl('app://balcao/api/x', undefined)).toBeNull();
    const seen: string[] = [];
    const handler = createRendererHandler({
      rootDir: '/nonexistent',
      csp: "default-src 'self'",
      apiOrigin: 'http://127.0.0.1:8787',
      fetch: async (url) => {
        seen.push(url);
        return new Response('png', { headers: { 'Content-Type': 'image/webp' } });
      },
    });
    const res = await handler(new Request('app://balcao/api/media/abc/thumb?token=t'));
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect(seen).toEqual(['http://127.0.0.1:8787/api/media/abc/thumb?token=t']);
    expect((await handler(new Request('app://balcao/api/x', { method: 'POST' }))).status).toBe(405);
  });
});
