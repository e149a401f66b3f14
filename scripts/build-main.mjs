// Bundles the Node side with esbuild:
//   src-main/headless.ts          → dist/headless.mjs          (`npm start`: the core as a plain Node process)
//   src-main/core.ts              → dist/core.mjs              (the same core, run by Electron in a utilityProcess)
//   src-main/electron/main.ts     → dist/electron/main.cjs     (Electron main: the supervisor)
//   src-main/electron/preload.ts  → dist/electron/preload.cjs  (sandboxed preload: one self-contained file)
// Entry points that do not exist yet are skipped with a warning. The renderer is built by Vite.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// CJS dependencies bundled into an ES module still call require() and read __dirname/__filename.
// The aliased imports keep the banner's names from clashing with the bundle's own.
const esmBanner = [
  "import { createRequire as __balcaoCreateRequire } from 'node:module';",
  "import { fileURLToPath as __balcaoFileURLToPath } from 'node:url';",
  "import { dirname as __balcaoDirname } from 'node:path';",
  'const require = __balcaoCreateRequire(import.meta.url);',
  'const __filename = __balcaoFileURLToPath(import.meta.url);',
  'const __dirname = __balcaoDirname(__filename);',
].join('\n');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
};

/**
 * Native or file-reading packages stay in node_modules (electron-builder ships them, unpacking
 * better-sqlite3's .node from the asar). pdfkit reads its font metrics and ICC profile relative to
 * its own module URL, which bundling would break. exceljs (XLSX exports) is loaded only when asked.
 */
const coreExternal = ['better-sqlite3', 'electron', 'sharp', 'pdfkit', 'exceljs'];

/** @type {Array<{entry: string; options: import('esbuild').BuildOptions}>} */
const targets = [
  {
    entry: 'src-main/headless.ts',
    options: {
      outfile: 'dist/headless.mjs',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: coreExternal,
      banner: { js: esmBanner },
    },
  },
  {
    entry: 'src-main/core.ts',
    options: {
      outfile: 'dist/core.mjs',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: coreExternal,
      banner: { js: esmBanner },
    },
  },
  {
    entry: 'src-main/electron/main.ts',
    options: {
      outfile: 'dist/electron/main.cjs',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['electron'],
    },
  },
  {
    // A sandboxed preload can require only 'electron' (and a few polyfills): platform 'browser'
    // makes the build fail if anything pulls in a Node built-in.
    entry: 'src-main/electron/preload.ts',
    options: {
      outfile: 'dist/electron/preload.cjs',
      platform: 'browser',
      format: 'cjs',
      target: 'chrome130',
      external: ['electron'],
    },
  },
];

let built = 0;
for (const { entry, options } of targets) {
  const entryPath = path.join(root, entry);
  if (!existsSync(entryPath)) {
    console.warn(`[build-main] ${entry} não existe; pulando.`);
    continue;
  }
  await build({ ...common, ...options, absWorkingDir: root, entryPoints: [entryPath] });
  console.log(`[build-main] ${entry} → ${options.outfile}`);
  built++;
}
if (built === 0) {
  console.error('[build-main] nenhum ponto de entrada encontrado.');
  process.exit(1);
}
