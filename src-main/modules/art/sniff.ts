import type { ART_FORMATS } from '../../../src-shared/contract/art';
import { sniffImage } from '../orders/sniff-image';

export type ArtFormat = (typeof ART_FORMATS)[number];

/** How many first bytes `sniffArt` needs to decide. */
export const SNIFF_BYTES = 4096;

const ascii = (bytes: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));

const extensionOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
};

/**
 * What an art file is, by its first bytes (never by its name alone): `null` when it is none of the
 * formats a print shop sends (an executable renamed `.pdf` starts with `MZ` and is refused). The
 * name only tells apart formats that share a container: an Illustrator file saved PDF-compatible
 * is a PDF inside, and a CorelDRAW X4+ file is a ZIP.
 */
export function sniffArt(head: Uint8Array, filename: string): ArtFormat | null {
  const ext = extensionOf(filename);
  if (head.length < 4) return null;
  if (head[0] === 0x4d && head[1] === 0x5a) return null; // MZ: a Windows executable
  const image = sniffImage(head);
  if (image) return image === 'image/jpeg' ? 'jpeg' : image === 'image/png' ? 'png' : 'webp';
  const start = ascii(head, 0, 1024);
  if (start.includes('%PDF-')) return ext === 'ai' ? 'ai' : 'pdf';
  if (start.startsWith('%!PS-Adobe')) return 'ai';
  if (head[0] === 0xc5 && head[1] === 0xd0 && head[2] === 0xd3 && head[3] === 0xc6) return 'ai'; // binary EPS
  const four = ascii(head, 0, 4);
  if (four === 'II*\0' || four === 'MM\0*' || four === 'II+\0' || four === 'MM\0+') return 'tiff';
  if (four === '8BPS') return 'psd';
  if (four === 'RIFF' && ascii(head, 8, 11) === 'CDR') return 'cdr';
  if (four === 'PK\x03\x04' && ext === 'cdr') return 'cdr';
  if (looksLikeSvg(head)) return 'svg';
  return null;
}

function looksLikeSvg(head: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: false })
      .decode(head)
      .replace(/^\uFEFF/, '')
      .trimStart();
  } catch {
    return false;
  }
  if (!text.startsWith('<')) return false;
  return /<svg[\s>]/i.test(text);
}

/**
 * What makes an SVG unsafe to keep: scripts, event handlers, `javascript:` URLs, embedded HTML and
 * references to anything outside the file (the rasterizer could read a local file). Such an SVG is
 * refused rather than cleaned up: the shop gets the file as it was sent or not at all.
 */
export function svgProblem(text: string): 'script' | 'external' | null {
  if (/<script[\s>/]/i.test(text)) return 'script';
  if (/\son[a-z]+\s*=/i.test(text)) return 'script';
  if (/javascript\s*:/i.test(text)) return 'script';
  if (/<foreignObject[\s>/]/i.test(text)) return 'script';
  if (/<!ENTITY/i.test(text)) return 'external';
  for (const m of text.matchAll(/(?:xlink:)?href\s*=\s*["']\s*([^"']*)["']/gi)) {
    const ref = (m[1] ?? '').trim();
    if (!ref.startsWith('#') && !/^data:image\//i.test(ref)) return 'external';
  }
  if (/url\(\s*["']?\s*(?!#|data:image\/)[^)\s]/i.test(text)) return 'external';
  return null;
}
