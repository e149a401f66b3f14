import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { DEFAULT_ART_MAX_MB } from '../../../src-shared/contract/art';
import { AppError } from '../../../src-shared/errors';
import { msg } from '../../../src-shared/i18n';
import type { Db } from '../../db/connection';
import type { Logger } from '../../log/logger';
import { getSetting } from '../settings/service';
import { type PreviewResult, renderPreview } from './preview';
import { type ArtFormat, SNIFF_BYTES, sniffArt, svgProblem } from './sniff';

const FILE_ID = /^[0-9a-f]{64}$/;
/** An SVG is text read whole to be checked; larger than this it is not an SVG a shop sends. */
const MAX_SVG_BYTES = 20 * 1024 * 1024;
/** An upload's token is good for this long after it was received. */
const TOKEN_TTL_MS = 60 * 60 * 1000;
/** Formats that get a raster preview; the others keep a generic icon and their name. */
export const PREVIEW_FORMATS: ReadonlySet<ArtFormat> = new Set(['pdf', 'ai', 'tiff', 'svg', 'jpeg', 'png', 'webp']);

export interface ReceivedArt {
  fileId: string;
  format: ArtFormat;
  sizeBytes: number;
  name: string;
}

export interface ArtPaths {
  file: string;
  preview: string;
  thumb: string;
  meta: string;
}

export interface PreviewState {
  state: 'gerando' | 'pronta' | 'indisponivel' | 'nenhuma';
  width: number | null;
  height: number | null;
}

export async function artMaxBytes(db: Db): Promise<number> {
  const mb = (await getSetting<{ maxUploadMb?: number }>(db, 'art'))?.maxUploadMb ?? DEFAULT_ART_MAX_MB;
  return mb * 1024 * 1024;
}

/** A file name as sent, kept for the download: no path, no control characters, at most 200 characters. */
export function cleanName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base || 'arte').slice(0, 200);
}

/**
 * The art files on disk (`<media>/art/<aa>/<sha256>`, the preview `-preview.jpg`, the thumbnail
 * `-thumb.webp` and `.preview.json` with the outcome beside it): received as a stream into
 * `<media>.incoming/` while hashed, sniffed and counted, then renamed to their content's name.
 * Previews are made in a worker thread, one at a time, after the upload is answered.
 */
export class ArtStore {
  readonly root: string;
  readonly incoming: string;
  private readonly received = new Map<string, ReceivedArt & { at: number }>();
  private readonly running = new Map<string, Promise<void>>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    mediaDir: string,
    private readonly log: Logger,
  ) {
    this.root = path.join(mediaDir, 'art');
    this.incoming = `${mediaDir}.incoming`;
    this.dropStaleParts();
  }

  /** Uploads cut off by a crash or a stop leave `.part` files: those over an hour old are removed at start. */
  private dropStaleParts(): void {
    let names: string[];
    try {
      names = fs.readdirSync(this.incoming);
    } catch {
      return;
    }
    for (const name of names) {
      const file = path.join(this.incoming, name);
      try {
        if (Date.now() - fs.statSync(file).mtimeMs > TOKEN_TTL_MS) fs.rmSync(file, { force: true });
      } catch {
        // gone meanwhile
      }
    }
  }

  paths(fileId: string): ArtPaths {
    if (!FILE_ID.test(fileId)) throw new AppError('NOT_FOUND', msg('art.fileNotFound'));
    const dir = path.join(this.root, fileId.slice(0, 2));
    const file = path.join(dir, fileId);
    return { file, preview: `${file}-preview.jpg`, thumb: `${file}-thumb.webp`, meta: `${file}.preview.json` };
  }

  /**
   * Streams an upload to disk: SHA-256 and size as the bytes pass, the format from the first
   * bytes. Nothing is kept in memory but the first 4 KB. A format that is not art (an executable
   * named `.pdf`) stops the writing at once (the rest of the request is read and dropped, so the
   * browser gets the answer) and is refused with 415; a file over the limit with 413.
   */
  async receive(stream: Readable, filename: string, maxBytes: number, truncated: () => boolean): Promise<string> {
    await fs.promises.mkdir(this.incoming, { recursive: true });
    const token = randomBytes(16).toString('hex');
    const temp = path.join(this.incoming, `${token}.part`);
    const name = cleanName(filename);
    const hash = createHash('sha256');
    const out = fs.createWriteStream(temp);
    let size = 0;
    let head = Buffer.alloc(0);
    let format: ArtFormat | null = null;
    let refused = false;
    const write = (chunk: Buffer) =>
      new Promise<void>((resolve, reject) => {
        out.write(chunk, (err) => (err ? reject(err) : resolve()));
      });
    try {
      for await (const raw of stream) {
        const chunk = raw as Buffer;
        size += chunk.length;
        if (refused) continue;
        if (!format) {
          head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES)]);
          if (head.length >= SNIFF_BYTES) {
            format = sniffArt(head, name);
            if (!format) {
              refused = true;
              continue;
            }
          }
        }
        hash.update(chunk);
        await write(chunk);
      }
      if (!format && !refused) {
        format = sniffArt(head, name);
        if (!format) refused = true;
      }
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    } catch (err) {
      out.destroy();
      await fs.promises.rm(temp, { force: true });
      throw err;
    }
    if (truncated() || size > maxBytes) {
      await fs.promises.rm(temp, { force: true });
      throw new AppError('TOO_LARGE', msg('art.tooLarge', { mb: Math.round(maxBytes / 1024 / 1024) }));
    }
    if (size === 0) {
      await fs.promises.rm(temp, { force: true });
      throw new AppError('VALIDATION', msg('art.empty'));
    }
    if (refused || !format) {
      await fs.promises.rm(temp, { force: true });
      throw new AppError('UNSUPPORTED_MEDIA', msg('art.badFormat', { name }));
    }
    if (format === 'svg') await this.checkSvg(temp, size, name);
    const fileId = hash.digest('hex');
    const paths = this.paths(fileId);
    await fs.promises.mkdir(path.dirname(paths.file), { recursive: true });
    if (fs.existsSync(paths.file)) await fs.promises.rm(temp, { force: true });
    else await fs.promises.rename(temp, paths.file);
    this.forgetOld();
    this.received.set(token, { fileId, format, sizeBytes: size, name, at: Date.now() });
    return token;
  }

  private async checkSvg(temp: string, size: number, name: string): Promise<void> {
    const problem = size > MAX_SVG_BYTES ? 'external' : svgProblem(await fs.promises.readFile(temp, 'utf8'));
    if (!problem) return;
    await fs.promises.rm(temp, { force: true });
    const message = problem === 'script' ? msg('art.svgScript', { name }) : msg('art.svgExternal', { name });
    throw new AppError('UNSUPPORTED_MEDIA', message);
  }

  /** The file an upload token names (once: a token is used by one call). */
  take(token: string): ReceivedArt {
    const got = this.received.get(token);
    if (!got) throw new AppError('NOT_FOUND', msg('art.uploadMissing'));
    this.received.delete(token);
    return { fileId: got.fileId, format: got.format, sizeBytes: got.sizeBytes, name: got.name };
  }

  private forgetOld(): void {
    const now = Date.now();
    for (const [token, r] of this.received) if (now - r.at > TOKEN_TTL_MS) this.received.delete(token);
  }

  /** Where a file's preview stands; a preview never made (or lost) is started. */
  previewState(fileId: string, format: ArtFormat): PreviewState {
    if (!PREVIEW_FORMATS.has(format)) return { state: 'nenhuma', width: null, height: null };
    const paths = this.paths(fileId);
    if (this.running.has(fileId)) return { state: 'gerando', width: null, height: null };
    try {
      const meta = JSON.parse(fs.readFileSync(paths.meta, 'utf8')) as PreviewResult;
      if (meta.ok && fs.existsSync(paths.preview))
        return { state: 'pronta', width: meta.width ?? null, height: meta.height ?? null };
      if (!meta.ok) return { state: 'indisponivel', width: null, height: null };
    } catch {
      // no outcome yet
    }
    if (!fs.existsSync(paths.file)) return { state: 'indisponivel', width: null, height: null };
    void this.makePreview(fileId, format);
    return { state: 'gerando', width: null, height: null };
  }

  /**
   * Makes a file's preview in a worker thread (one at a time: a 200 MB TIFF decodes in hundreds of
   * MB), writing the outcome beside it. A file that cannot be read gets `ok: false` (generic icon).
   */
  makePreview(fileId: string, format: ArtFormat): Promise<void> {
    const already = this.running.get(fileId);
    if (already) return already;
    const paths = this.paths(fileId);
    const job = this.queue.then(async () => {
      const started = Date.now();
      let result: PreviewResult;
      try {
        result = await renderPreview({ file: paths.file, format, preview: paths.preview, thumb: paths.thumb });
      } catch (err) {
        result = { ok: false, error: String((err as Error)?.message ?? err) };
      }
      try {
        await fs.promises.writeFile(`${paths.meta}.tmp`, JSON.stringify(result));
        await fs.promises.rename(`${paths.meta}.tmp`, paths.meta);
      } catch (err) {
        this.log.error({ evt: 'art.preview', fileId, err }, 'art preview outcome not written');
      }
      this.log.info(
        { evt: 'art.preview', fileId, format, ok: result.ok, ms: Date.now() - started, error: result.error },
        'art preview',
      );
    });
    const tracked = job.finally(() => this.running.delete(fileId));
    this.running.set(fileId, tracked);
    this.queue = tracked.catch(() => undefined);
    return tracked;
  }

  /** Waits until every preview asked for so far is done (tests, bench, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running.values()]);
  }
}
