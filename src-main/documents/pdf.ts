import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

export type Doc = PDFKit.PDFDocument;

const require = createRequire(import.meta.url);

/**
 * The documents' typeface: DejaVu Sans, embedded (subset) in every PDF, so accents, "º", "–", "₂"
 * and the like print the same on Windows and in any viewer, and text measured by pdfkit is the text
 * shown (no viewer substitutes a wider font, so nothing overflows its margin). Always use these
 * names, never pdfkit's built-in Helvetica.
 */
export const FONT = { regular: 'Sans', bold: 'Sans-Bold' } as const;
const FONT_FILES = {
  [FONT.regular]: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  [FONT.bold]: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

/** What pdfkit needs of a parsed font (a fontkit font, which it accepts in place of a file). */
interface ParsedFont {
  layout(text: string): unknown;
}

/**
 * The fonts parsed once per process, through pdfkit's own fontkit: every document then shares the
 * parsed tables and glyph and layout caches instead of parsing the TTF again (a few hundred ms
 * per document otherwise). Each document still embeds its own subset.
 */
let parsedFonts: Record<string, ParsedFont> | null = null;
function fontsOnce(): Record<string, ParsedFont> {
  if (!parsedFonts) {
    const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { openSync(file: string): ParsedFont };
    parsedFonts = Object.fromEntries(Object.entries(FONT_FILES).map(([name, file]) => [name, fontkit.openSync(file)]));
  }
  return parsedFonts;
}

function registerFonts(doc: Doc): void {
  for (const [name, font] of Object.entries(fontsOnce())) doc.registerFont(name, font as unknown as string);
  doc.font(FONT.regular);
}

/** Registers the embedded fonts on a new document and selects the regular one. */
export const useDocumentFonts: (doc: Doc) => void = registerFonts;

/** Paper and margins of a document: A4 portrait unless said otherwise (sizes as pdfkit names them, or [w, h] in points). */
export interface PdfOptions {
  size?: string | [number, number];
  layout?: 'portrait' | 'landscape';
  margin?: number;
  /** false: no first page (the caller adds each page with its own size). */
  autoFirstPage?: boolean;
}

/** A new document with the embedded fonts; it is a stream of its bytes (pipe it, or iterate it). */
export function createPdf(title: string, options: PdfOptions = {}): Doc {
  const doc = new PDFDocument({
    size: options.size ?? 'A4',
    layout: options.layout ?? 'portrait',
    margin: options.margin ?? 40,
    autoFirstPage: options.autoFirstPage ?? true,
    info: { Title: title, Producer: 'Balcão', Creator: 'Balcão' },
  });
  registerFonts(doc);
  return doc;
}

/** Renders a document to a Buffer (A4 unless `options` say otherwise, the embedded DejaVu Sans). */
export function renderPdf(title: string, draw: (doc: Doc) => void, options: PdfOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = createPdf(title, options);
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      draw(doc);
      doc.end();
    } catch (err) {
      reject(err);
    }
  });
}

/** Draws a QR code (e.g. Pix) as vector squares. */
export function drawQr(doc: Doc, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = size / (n + 2);
  doc.save().rect(x, y, size, size).fill('#ffffff').fillColor('#000000');
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (qr.modules.get(row, col)) doc.rect(x + (col + 1) * cell, y + (row + 1) * cell, cell, cell).fill();
    }
  }
  doc.restore();
}

export function header(doc: Doc, company: string, subtitle: string): void {
  doc.font(FONT.bold).fontSize(16).text(company, { align: 'left' });
  doc.font(FONT.regular).fontSize(10).fillColor('#555555').text(subtitle).fillColor('#000000');
  doc.moveDown(0.5);
  doc
    .moveTo(doc.page.margins.left, doc.y)
    .lineTo(doc.page.width - doc.page.margins.right, doc.y)
    .stroke();
  doc.moveDown(0.8);
}

export function signatureLine(doc: Doc, label: string, y?: number): void {
  const left = doc.page.margins.left + 120;
  const right = doc.page.width - doc.page.margins.right - 120;
  const at = y ?? doc.y + 40;
  doc.moveTo(left, at).lineTo(right, at).stroke();
  doc.fontSize(9).text(label, left, at + 4, { width: right - left, align: 'center' });
}
