import { foldText } from '../../src-shared/domain/text';
import { AppError } from '../../src-shared/errors';
import { msg } from '../../src-shared/i18n';

/**
 * Reading the CSV files people bring: exports of Excel in Brazil (`;`, often Windows-1252), of
 * Bling and Tiny/Olist, or of Balcão itself. Columns are found by their header, compared without
 * accents, case, spaces or punctuation, so "CNPJ / CPF", "CPF/CNPJ" and "cpf_cnpj" are one name.
 */

export type Encoding = 'utf-8' | 'windows-1252';

export interface CsvTable {
  encoding: Encoding;
  separator: string;
  headers: string[];
  /** Data rows (the header is line 1, so row `i` is line `i + 2`); blank lines left out, with their line kept. */
  rows: Array<{ line: number; cells: string[] }>;
}

/** The bytes of a `data:…;base64,…` URL (what uploads become). */
export function bytesOfDataUrl(dataUrl: string, maxBytes: number): Buffer {
  const comma = dataUrl.indexOf(',');
  if (!dataUrl.startsWith('data:') || comma < 0 || !dataUrl.slice(0, comma).endsWith(';base64'))
    throw new AppError('VALIDATION', msg('import.notAFile'));
  const bytes = Buffer.from(dataUrl.slice(comma + 1), 'base64');
  if (bytes.length > maxBytes)
    throw new AppError('TOO_LARGE', msg('import.tooLarge', { mb: Math.round(maxBytes / 1024 / 1024) }));
  if (bytes.length === 0) throw new AppError('VALIDATION', msg('import.empty'));
  return bytes;
}

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else Windows-1252, what Excel-BR saves by default. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: Encoding } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** `;`, `,` or tab: whichever the header line has most of, outside quotes. */
function detectSeparator(text: string): string {
  const end = text.search(/\r?\n/);
  const first = end < 0 ? text : text.slice(0, end);
  const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of first) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch] = (counts[ch] ?? 0) + 1;
  }
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  return best && best[1] > 0 ? best[0] : ';';
}

/** RFC 4180 with any separator: quoted cells may hold separators, quotes (`""`) and line breaks. */
export function parseCsv(text: string, separator: string): Array<{ line: number; cells: string[] }> {
  const out: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === separator) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      out.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length) {
    cells.push(cell);
    out.push({ line: rowLine, cells });
  }
  return out.filter((r) => r.cells.some((c) => c.trim() !== ''));
}

/** Decodes and parses an uploaded CSV: the header row and the data rows. */
export function readCsv(bytes: Uint8Array): CsvTable {
  const { text, encoding } = decodeText(bytes);
  const clean = text.replace(/^\ufeff/, '');
  // A spreadsheet (XLSX is a ZIP) or any binary file is not a CSV.
  if (clean.startsWith('PK\u0003\u0004') || clean.includes('\u0000'))
    throw new AppError('VALIDATION', msg('import.notCsv'));
  // Excel may write `sep=;` as the first line.
  const sepLine = /^sep=(.)\r?\n/i.exec(clean);
  const body = sepLine ? clean.slice(sepLine[0].length) : clean;
  const separator = sepLine?.[1] ?? detectSeparator(body);
  const all = parseCsv(body, separator);
  const header = all[0];
  if (!header) throw new AppError('VALIDATION', msg('import.empty'));
  const offset = sepLine ? 1 : 0;
  return {
    encoding,
    separator,
    headers: header.cells.map((h) => h.trim()),
    rows: all.slice(1).map((r) => ({ line: r.line + offset, cells: r.cells })),
  };
}

/** A header as compared: "CNPJ / CPF" → "cnpjcpf", "E-mail" → "email", "Endereço" → "endereco". */
export const headerKey = (header: string): string => foldText(header).replace(/[^a-z0-9]+/g, '');

/**
 * Maps each column to a field: the user's choice first (`mapping`: header → field, '' to ignore),
 * else the first field whose aliases name it. A field takes one column (the first that names it).
 */
export function mapColumns(
  headers: string[],
  aliases: Readonly<Record<string, readonly string[]>>,
  chosen: Readonly<Record<string, string>> = {},
): Array<string | null> {
  const taken = new Set<string>();
  const byAlias = new Map<string, string>();
  for (const [field, names] of Object.entries(aliases)) for (const n of names) byAlias.set(headerKey(n), field);
  return headers.map((h) => {
    let field: string | null;
    if (Object.hasOwn(chosen, h)) field = chosen[h] && chosen[h] in aliases ? (chosen[h] as string) : null;
    else field = byAlias.get(headerKey(h)) ?? null;
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}

/** One row's values by field ('' for an absent or blank cell). */
export function valuesOf(cells: string[], columns: Array<string | null>): Record<string, string> {
  const values: Record<string, string> = {};
  columns.forEach((field, i) => {
    if (field) values[field] = (cells[i] ?? '').trim();
  });
  return values;
}

/** A date as Brazilians and systems write it: dd/mm/aaaa, dd/mm/aa, dd-mm-aaaa or aaaa-mm-dd (a time after it is ignored). */
export function parseDateLoose(value: string): string | null {
  const v = value.trim().split(/[ T]/)[0] ?? '';
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(v);
  let iso: string | null = null;
  if (m) {
    const year = (m[3] as string).length === 2 ? `20${m[3]}` : (m[3] as string);
    iso = `${year}-${(m[2] as string).padStart(2, '0')}-${(m[1] as string).padStart(2, '0')}`;
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(v)) iso = v;
  if (!iso) return null;
  const [y, mo, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? iso : null;
}

/**
 * Money as it comes in a file: "1.234,56", "R$ 12,50", "12,5", or with a decimal point when there is
 * no comma ("1234.56", from other systems). Null when it is not money.
 */
export function parseMoneyLoose(value: string): number | null {
  const v = value.replace(/R\$/gi, '').replace(/\s+/g, '');
  if (/^-?\d{1,3}(\.\d{3})*(,\d{1,2})?$|^-?\d+(,\d{1,2})?$/.test(v)) {
    const negative = v.startsWith('-');
    const [int = '0', frac = ''] = v.replace('-', '').replace(/\./g, '').split(',');
    const cents = Number(int) * 100 + Number(frac.padEnd(2, '0'));
    return negative ? -cents : cents;
  }
  if (/^-?\d+\.\d{1,2}$/.test(v)) return Math.round(Number(v) * 100);
  return null;
}
