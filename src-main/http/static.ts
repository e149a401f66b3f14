import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Vite's output names: `assets/<name>-<hash>.<ext>`; such a file never changes under its name. */
const HASHED_ASSET = /(^|[\\/])assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+(\.br|\.gz)?$/;
/** Never served: source maps (debugging only) and the precompressed copies by their own names. */
const REFUSED = /\.(map|br|gz)$/i;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/**
 * The built renderer (dist/renderer) as static files for LAN browsers:
 * - `.br`/`.gz` written at build time (scripts/vite-lean-delivery.ts) are sent when the browser
 *   accepts them (`preCompressed`), the plain file otherwise;
 * - hashed assets are cached for a year, everything else (index.html) revalidates every time;
 * - `*.map`, `*.br`, `*.gz` asked for by name are 404.
 */
export async function registerStatic(server: FastifyInstance, rendererDir: string): Promise<void> {
  const root = path.resolve(rendererDir);
  await server.register(fastifyStatic, {
    root,
    // An array: with preCompressed, @fastify/static 8.3 finds the index only in an array (a string 404s on `/`).
    index: ['index.html'],
    wildcard: true,
    preCompressed: true,
    cacheControl: false,
    allowedPath: (pathname) => !REFUSED.test(pathname),
    setHeaders: (res, file) => {
      res.setHeader('Cache-Control', HASHED_ASSET.test(path.relative(root, file)) ? IMMUTABLE : REVALIDATE);
      res.setHeader('Vary', 'Accept-Encoding');
    },
  });
}
