import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** What a preview run wrote: the preview's size, or why there is none. */
export interface PreviewResult {
  ok: boolean;
  width?: number;
  height?: number;
  error?: string;
}

export interface PreviewJob {
  file: string;
  format: string;
  /** JPEG, longest side up to `PREVIEW_SIDE` (never enlarged from a raster), for screens and fichas. */
  preview: string;
  /** WebP, up to 320 px, for lists and board cards. */
  thumb: string;
}

/** The preview's longest side: enough to print an art on an A4 ficha. */
export const PREVIEW_SIDE = 3000;
const WORKER_TIMEOUT_MS = 120_000;

/**
 * Runs in a worker thread, so the LAN server keeps answering while a large file is decoded. PDFs
 * (and Illustrator files saved PDF-compatible) are drawn with pdf.js (Mozilla, Apache-2.0) on
 * @napi-rs/canvas (Skia, MIT, prebuilt binaries for Windows/macOS/Linux, no system packages): the
 * first page only, read through a range transport that reads from the file just the parts pdf.js
 * asks for, so a 500 MB PDF is never loaded whole. TIFF, SVG, JPEG, PNG and WebP go through sharp
 * (libvips; SVG through librsvg, which runs no scripts — and unsafe SVGs are refused before this).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const sharp = require(workerData.sharp);
const SIDE = workerData.side;

async function pdfPage(file) {
  const pdfjs = await import(workerData.pdfjs);
  const { createCanvas } = require(workerData.canvas);
  const fd = fs.openSync(file, 'r');
  try {
    const length = fs.fstatSync(fd).size;
    const read = (begin, end) => {
      const buf = Buffer.alloc(Math.max(0, Math.min(end, length) - begin));
      fs.readSync(fd, buf, 0, buf.length, begin);
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
    };
    const first = read(0, Math.min(length, 65536));
    const transport = new pdfjs.PDFDataRangeTransport(length, first);
    transport.requestDataRange = (begin, end) => {
      setImmediate(() => transport.onDataRange(begin, read(begin, end)));
    };
    const task = pdfjs.getDocument({
      range: transport,
      length,
      rangeChunkSize: 65536,
      disableAutoFetch: true,
      disableStream: true,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      standardFontDataUrl: workerData.fonts,
      verbosity: 0,
    });
    const doc = await task.promise;
    try {
      const page = await doc.getPage(1);
      const base = page.getViewport({ scale: 1 });
      const scale = SIDE / Math.max(base.width, base.height);
      const viewport = page.getViewport({ scale });
      const canvas = createCanvas(Math.max(1, Math.round(viewport.width)), Math.max(1, Math.round(viewport.height)));
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvasContext: ctx, viewport }).promise;
      return await canvas.encode('png');
    } finally {
      await doc.destroy();
    }
  } finally {
    fs.closeSync(fd);
  }
}

async function run() {
  const { file, format, preview, thumb } = workerData;
  let source;
  if (format === 'pdf' || format === 'ai') {
    const head = Buffer.alloc(1024);
    const fd = fs.openSync(file, 'r');
    fs.readSync(fd, head, 0, 1024, 0);
    fs.closeSync(fd);
    if (!head.toString('latin1').includes('%PDF-')) throw new Error('not PDF-compatible');
    source = sharp(await pdfPage(file));
  } else {
    const opts = { limitInputPixels: 400000000, sequentialRead: true };
    if (format === 'svg') opts.density = 150;
    source = sharp(file, opts).rotate();
  }
  const big = await source
    .clone()
    .resize({ width: SIDE, height: SIDE, fit: 'inside', withoutEnlargement: format !== 'svg' })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 88 })
    .toFile(preview + '.tmp');
  await sharp(preview + '.tmp').resize({ width: 320, height: 320, fit: 'inside' }).webp({ quality: 75 }).toFile(thumb + '.tmp');
  fs.renameSync(thumb + '.tmp', thumb);
  fs.renameSync(preview + '.tmp', preview);
  return { ok: true, width: big.width, height: big.height };
}

run().then(
  (value) => parentPort.postMessage(value),
  (err) => {
    for (const f of [workerData.preview + '.tmp', workerData.thumb + '.tmp']) { try { fs.rmSync(f, { force: true }); } catch {} }
    parentPort.postMessage({ ok: false, error: String(err && err.message ? err.message : err) });
  },
);
`;

const resolve = createRequire(import.meta.url).resolve;
let modules: { sharp: string; pdfjs: string; canvas: string; fonts: string } | null = null;
function modulePaths() {
  if (!modules) {
    const pdfjsMain = resolve('pdfjs-dist/legacy/build/pdf.mjs');
    modules = {
      sharp: resolve('sharp'),
      pdfjs: pathToFileURL(pdfjsMain).href,
      canvas: resolve('@napi-rs/canvas'),
      fonts: `${path.resolve(path.dirname(pdfjsMain), '..', '..', 'standard_fonts')}${path.sep}`,
    };
  }
  return modules;
}

/** Makes one file's preview and thumbnail in a worker thread; never throws for a bad file (`ok: false`). */
export function renderPreview(job: PreviewJob): Promise<PreviewResult> {
  return new Promise((resolvePromise) => {
    let settled = false;
    const done = (result: PreviewResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolvePromise(result);
    };
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ...job, ...modulePaths(), side: PREVIEW_SIDE },
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    const timer = setTimeout(() => {
      done({ ok: false, error: 'timeout' });
      void worker.terminate();
    }, WORKER_TIMEOUT_MS);
    worker.once('message', (m: PreviewResult) => {
      done(m);
      void worker.terminate();
    });
    worker.once('error', (err) => done({ ok: false, error: String(err.message) }));
    worker.once('exit', (code) => done({ ok: false, error: `worker exit ${code}` }));
  });
}
