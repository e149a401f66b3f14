import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { leanDelivery } from '../scripts/vite-lean-delivery.ts';

const CORE = 'http://127.0.0.1:8787';

/**
 * index.html carries the production Content-Security-Policy. The dev server needs relaxations
 * (React Refresh's inline preamble, CSS injected as <style> tags, the HMR socket), so only
 * `vite serve` rewrites it.
 */
function devCsp(): Plugin {
  return {
    name: 'balcao-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace(/(http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/, (_m, start, policy, end) => {
        const relaxed = String(policy)
          .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
          .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
        return `${start}${relaxed}${end}`;
      }),
  };
}

/** Libraries every screen needs, in one chunk that survives app updates in the browser's cache. */
const VENDOR =
  /[\\/]node_modules[\\/](react|react-dom|scheduler|wouter|regexparam|@tanstack[\\/]react-query|@tanstack[\\/]query-core|zod)[\\/]/;

export default defineConfig({
  root: import.meta.dirname,
  // Relative asset URLs: the same build runs from app://balcao/ in Electron and from / on the LAN server.
  base: './',
  plugins: [react(), devCsp(), leanDelivery()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // Maps for debugging, never served: no sourceMappingURL, moved out by leanDelivery().
    sourcemap: 'hidden',
    chunkSizeWarningLimit: 500,
    rolldownOptions: {
      output: {
        // Route pages are split per section by src-renderer/pages/lazy.ts; vendor code apart.
        codeSplitting: { groups: [{ name: 'vendor', test: VENDOR }] },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': {
        target: CORE,
        // src-renderer/api/*.ts is served at /api/… too: source modules stay with Vite.
        bypass: (req) => (/^\/api\/[^?]*\.tsx?(\?|$)/.test(req.url ?? '') ? req.url : undefined),
      },
      '/ws': { target: CORE, ws: true },
    },
  },
});
