// A Vite plugin for the renderer build (src-renderer/vite.config.ts); it lives here because
// src-renderer may not import Node modules.
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/**
 * What the LAN server sends, prepared at build time (src-main/http/static.ts serves it):
 * - source maps (built `hidden`: no `sourceMappingURL` in the scripts) move out of the served
 *   folder into `dist/renderer-sourcemaps/`, mirroring their paths, for debugging;
 * - every text file of 1 KB or more gets a `.br` and a `.gz` next to it, kept only when smaller.
 */
export function leanDelivery(): Plugin {
  return {
    name: 'balcao-lean-delivery',
    apply: 'build',
    async writeBundle(options) {
      const outDir = options.dir;
      if (!outDir) return;
      const mapsDir = path.join(outDir, '..', `${path.basename(outDir)}-sourcemaps`);
      await fs.rm(mapsDir, { recursive: true, force: true });
      const work: Array<Promise<void>> = [];
      for (const file of await filesUnder(outDir)) {
        if (file.endsWith('.map')) {
          const target = path.join(mapsDir, path.relative(outDir, file));
          work.push(fs.mkdir(path.dirname(target), { recursive: true }).then(() => fs.rename(file, target)));
        } else if (COMPRESSIBLE.test(file)) {
          work.push(
            fs.readFile(file).then(async (raw) => {
              if (raw.length < 1024) return;
              const [br, gz] = await Promise.all([
                brotli(raw, {
                  params: {
                    [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
                  },
                }),
                gzip(raw, { level: zlib.constants.Z_BEST_COMPRESSION }),
              ]);
              if (br.length < raw.length) await fs.writeFile(`${file}.br`, br);
              if (gz.length < raw.length) await fs.writeFile(`${file}.gz`, gz);
            }),
          );
        }
      }
      await Promise.all(work);
    },
  };
}
