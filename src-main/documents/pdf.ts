import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatCep, formatDocument, formatPhone } from '../../src-shared/domain/documents';
import type { DocumentCompany } from '../modules/settings/company';

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

/** Registers the embedded fonts on a new document and selects the regular one. */
export function useDocumentFonts(doc: Doc): void {
  for (const [name, file] of Object.entries(FONT_FILES)) doc.registerFont(name, file);
  doc.font(FONT.regular);
}

/** Renders a document to a Buffer (A4, the embedded DejaVu Sans). */
export function renderPdf(title: string, draw: (doc: Doc) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 40,
      info: { Title: title, Producer: 'Balcão', Creator: 'Balcão' },
    });
    useDocumentFonts(doc);
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

export function signatureLine(doc: Doc, label: string, y?: number): void {
  const left = doc.page.margins.left + 120;
  const right = doc.page.width - doc.page.margins.right - 120;
  const at = y ?? doc.y + 40;
  doc.moveTo(left, at).lineTo(right, at).stroke();
  doc.fontSize(9).text(label, left, at + 4, { width: right - left, align: 'center' });
}

/**
 * Cuts `text` so that, in the current font and size, it fits `width` points on one line, ending in
 * "…" when cut. Documents use it for every one-line field that could be long (names, addresses),
 * so no text ever runs past a margin.
 */
export function fitLine(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.widthOfString(`${text.slice(0, mid).trimEnd()}…`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo).trimEnd()}…`;
}

/** Keeps a label with its value on one line (a line may break between parts, never inside one). */
const keep = (text: string) => text.replace(/ /g, '\u00a0');

/** The company's lines under its name: who (razão social, CNPJ/CPF, IE), where, how to reach it. */
export function companyLines(company: DocumentCompany): string[] {
  const p = company.profile;
  const doc = p.document ? keep(`${p.document.length === 11 ? 'CPF' : 'CNPJ'} ${formatDocument(p.document)}`) : null;
  const who = [
    p.legalName && p.legalName !== p.name ? p.legalName : null,
    doc,
    p.stateRegistration && keep(`IE ${p.stateRegistration}`),
  ]
    .filter(Boolean)
    .join(' · ');
  const where = [
    p.street && `${p.street}${p.number ? `, ${p.number}` : ''}`,
    p.complement,
    p.district,
    p.city && `${p.city}${p.state ? `/${p.state}` : ''}`,
    p.cep && keep(`CEP ${formatCep(p.cep)}`),
  ]
    .filter(Boolean)
    .join(' – ');
  const reach = [
    p.phone && keep(`Tel. ${formatPhone(p.phone)}`),
    p.whatsapp && keep(`WhatsApp ${formatPhone(p.whatsapp)}`),
    p.email,
    p.website,
  ]
    .filter(Boolean)
    .join(' · ');
  return [who, where, reach].filter((l) => l !== '');
}

export interface HeaderOptions {
  /** A second line under the title (a number, a date). */
  subtitle?: string;
  /** Where and how wide (defaults: the page's margins, the current y). */
  x?: number;
  y?: number;
  width?: number;
  /** A slimmer header for slips (carnê, promissórias): smaller logo, one line of details. */
  compact?: boolean;
  /** Draw the rule under the header (default true). */
  rule?: boolean;
}

/**
 * THE company header of every document (receipt, promissória, carnê, quote, OS, fichas, reports):
 * the logo on the left, the shop's name with its razão social, CNPJ/CPF, address and contacts, and
 * the document's title on the right. Every line is fitted to its width. Returns the y below it and
 * leaves the cursor there, at the left margin.
 */
export function companyHeader(doc: Doc, company: DocumentCompany, title: string, options: HeaderOptions = {}): number {
  const x = options.x ?? doc.page.margins.left;
  const top = options.y ?? doc.y;
  const width = options.width ?? doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const compact = options.compact ?? false;
  const logoBox = compact ? 30 : 56;
  let textX = x;
  if (company.logo) {
    doc.image(company.logo, x, top, { fit: [logoBox * 1.6, logoBox], valign: 'center' });
    textX = x + logoBox * 1.6 + 8;
  }
  const titleW = title ? Math.min(compact ? 130 : 180, width * 0.4) : 0;
  // Beside the title only the name and the first line; the lines below it get the whole width.
  const besideTitle = x + width - textX - (titleW ? titleW + 8 : 0);
  const fullW = x + width - textX;
  const titleBottom = top + (title ? (options.subtitle ? (compact ? 24 : 32) : compact ? 13 : 18) : 0);
  const name = company.profile.name;
  let y = top;
  doc.font(FONT.bold).fontSize(compact ? 10 : 14);
  doc.text(fitLine(doc, name, besideTitle), textX, y, { width: besideTitle, lineBreak: false });
  y += compact ? 13 : 19;
  const size = compact ? 7 : 8;
  const lineH = compact ? 9 : 10.5;
  doc.font(FONT.regular).fontSize(size).fillColor('#333333');
  const lines = companyLines(company);
  for (const line of compact ? [lines.join(' · ')] : lines) {
    if (!line) continue;
    const w = y + lineH <= titleBottom ? besideTitle : fullW;
    if (compact) {
      doc.text(fitLine(doc, line, w), textX, y, { width: w, lineBreak: false });
      y += lineH;
    } else {
      // Up to two lines each, cut with "…" past that: never beyond the margin, never over the body.
      doc.text(line, textX, y, { width: w, height: lineH * 2, ellipsis: true, lineGap: 0.5 });
      y = Math.max(doc.y, y + lineH);
    }
  }
  doc.fillColor('#000000');
  if (title) {
    const tx = x + width - titleW;
    doc.font(FONT.bold).fontSize(compact ? 10 : 13);
    doc.text(fitLine(doc, title, titleW), tx, top, { width: titleW, align: 'right', lineBreak: false });
    if (options.subtitle) {
      doc
        .font(FONT.regular)
        .fontSize(compact ? 8 : 9)
        .fillColor('#555555');
      doc.text(fitLine(doc, options.subtitle, titleW), tx, top + (compact ? 13 : 18), {
        width: titleW,
        align: 'right',
        lineBreak: false,
      });
      doc.fillColor('#000000');
    }
  }
  let bottom = Math.max(y, top + (company.logo ? logoBox : 0)) + (compact ? 3 : 6);
  if (options.rule ?? true) {
    doc
      .moveTo(x, bottom)
      .lineTo(x + width, bottom)
      .lineWidth(0.7)
      .stroke()
      .lineWidth(1);
    bottom += compact ? 5 : 10;
  }
  doc.font(FONT.regular).fontSize(10);
  doc.x = doc.page.margins.left;
  doc.y = bottom;
  return bottom;
}
