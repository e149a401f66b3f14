import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, startCore } from '../../src-main/core';
import { tempDir } from '../helpers/app';

/**
 * The LAN server's static files (src-main/http/static.ts) against a fake build: no Vite here,
 * just the shape `npm run build:renderer` leaves in dist/renderer.
 */
const INDEX = `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>Balcão</title>
<script type="module" src="./assets/index-AbCd1234.js"></script></head><body>${'<div></div>'.repeat(200)}</body></html>`;
const SCRIPT = `export const balcao = ${JSON.stringify('Olá, gráfica! '.repeat(500))};\n`;
const STYLE = 'body{margin:0}';

let core: Core;
let base: string;

function write(dir: string, file: string, content: string | Buffer) {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), content);
}

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET that leaves the body as sent (fetch would decompress it). */
function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

beforeAll(async () => {
  const dir = tempDir('balcao-static-');
  write(dir, 'index.html', INDEX);
  write(dir, 'index.html.br', zlib.brotliCompressSync(INDEX));
  write(dir, 'index.html.gz', zlib.gzipSync(INDEX));
  write(dir, 'assets/index-AbCd1234.js', SCRIPT);
  write(dir, 'assets/index-AbCd1234.js.br', zlib.brotliCompressSync(SCRIPT));
  write(dir, 'assets/index-AbCd1234.js.gz', zlib.gzipSync(SCRIPT));
  write(dir, 'assets/index-AbCd1234.js.map', '{"version":3,"sources":["src-renderer/main.tsx"]}');
  // Too small to be worth compressing: the build writes no .br/.gz for it.
  write(dir, 'assets/index-EfGh5678.css', STYLE);
  core = await startCore({ dataDir: tempDir(), host: '127.0.0.1', port: 0, rendererDir: dir, jobs: false });
  base = core.url;
});
afterAll(() => core?.stop());

describe('static renderer files', () => {
  it("a page of the app typed or scanned without its hash (a ficha's QR, a bookmark) opens that page; the API keeps its 404", async () => {
    const page = await get(`${base}/pedidos/5`, { accept: 'text/html,application/xhtml+xml' });
    expect(page.status).toBe(302);
    expect(page.headers.location).toBe('/#/pedidos/5');
    const api = await get(`${base}/api/nada`, { accept: 'text/html' });
    expect(api.status).toBe(404);
    expect(JSON.parse(api.body.toString()).error.code).toBe('NOT_FOUND');
    // A script asking for JSON gets the error, not a redirect.
    expect((await get(`${base}/pedidos/5`, { accept: 'application/json' })).status).toBe(404);
  });

  it('sends brotli when the browser accepts it, gzip when only that, plain otherwise', async () => {
    const url = `${base}/assets/index-AbCd1234.js`;
    const br = await get(url, { 'accept-encoding': 'br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(SCRIPT);

    const gz = await get(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(SCRIPT);

    const both = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(both.headers['content-encoding']).toMatch(/^(br|gzip)$/);

    const plain = await get(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
    for (const res of [br, gz, plain]) expect(res.headers.vary).toMatch(/accept-encoding/i);
  });

  it('falls back to the plain file when there is no compressed copy', async () => {
    const res = await get(`${base}/assets/index-EfGh5678.css`, { 'accept-encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-type']).toMatch(/text\/css/);
    expect(res.body.toString()).toBe(STYLE);
  });

  it('caches hashed assets for a year and makes index.html revalidate', async () => {
    for (const encoding of ['br', 'gzip', '']) {
      const headers: Record<string, string> = encoding ? { 'accept-encoding': encoding } : {};
      const asset = await get(`${base}/assets/index-AbCd1234.js`, headers);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      for (const page of ['/', '/index.html']) {
        const res = await get(`${base}${page}`, headers);
        expect(res.status, `${page} ${encoding}`).toBe(200);
        expect(res.headers['content-type']).toMatch(/text\/html/);
        expect(res.headers['cache-control']).toBe('no-cache');
      }
    }
    expect((await get(`${base}/assets/index-EfGh5678.css`)).headers['cache-control']).toBe(
      'public, max-age=31536000, immutable',
    );
    const root = await get(`${base}/`, { 'accept-encoding': 'br' });
    expect(root.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(root.body).toString()).toBe(INDEX);
  });

  it("a revalidated index.html (304) keeps the page's own policy: no strict CSP replaces it", async () => {
    const first = await get(`${base}/`);
    expect(first.headers['content-security-policy']).toContain("script-src 'self'");
    const validators: Record<string, string> = {};
    if (first.headers.etag) validators['if-none-match'] = String(first.headers.etag);
    if (first.headers['last-modified']) validators['if-modified-since'] = String(first.headers['last-modified']);
    const again = await get(`${base}/`, validators);
    expect(again.status).toBe(304);
    // Browsers merge a 304's headers into the cached page: a sandboxed "default-src 'none'" here
    // blocked every script of the UI on the second visit.
    expect(again.headers['content-security-policy']).toBeUndefined();
    expect(again.headers['x-content-type-options']).toBe('nosniff');
  });

  it('never serves source maps, nor the compressed copies by their own names', async () => {
    for (const file of ['index-AbCd1234.js.map', 'index-AbCd1234.js.br', 'index-AbCd1234.js.gz']) {
      for (const encoding of ['br', 'gzip', '']) {
        const res = await get(`${base}/assets/${file}`, encoding ? { 'accept-encoding': encoding } : {});
        expect(res.status, `${file} (${encoding || 'identity'})`).toBe(404);
      }
    }
    expect((await get(`${base}/index.html.br`)).status).toBe(404);
    expect((await get(`${base}/assets/INDEX-AbCd1234.JS.MAP`)).status).toBe(404);
  });

  it('the API is not affected', async () => {
    const res = await get(`${base}/api/health`, { 'accept-encoding': 'br' });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
