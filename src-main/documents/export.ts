import { PassThrough } from 'node:stream';
import type { z } from 'zod';
import type { FileBody } from '../../src-shared/contract/procedure';
import { EXPORT_MIMES } from '../../src-shared/contract/transfer';
import { type Grants, restrictedPaths } from '../../src-shared/contract/visibility';
import { formatDateBR } from '../../src-shared/domain/dates';
import { csvCell } from './csv';

/**
 * Streamed exports (CSV for Excel-BR, XLSX): rows come in chunks from a keyset query and are
 * written as they come, so a million orders never sit in memory. Which columns a user gets follows
 * the contract: a column names the field of the contract's answer it shows (`field`), and a field
 * the contract restricts (`restricted(…)`) is left out for who may not see it; fields of a scoped
 * row (`scopedRow`, a seller and another seller's customer) are blank in the rows that are not theirs.
 */

/** A cell: text, a plain number, money in cents, a business date (YYYY-MM-DD) or nothing. */
export type Cell = string | number | { cents: number } | { date: string | null } | null;

export interface Column<R> {
  header: string;
  /** Dotted path of the contract field it shows (`address.city`, `totalCents`), for visibility. */
  field: string;
  value: (row: R) => Cell;
}

export type Format = 'csv' | 'xlsx';

/** Keyset chunks: `fetch(after)` answers the next rows after the last one's key; ends on a short chunk. */
export async function* chunks<R>(
  fetch: (after: R | null, limit: number) => Promise<R[]>,
  size = 1000,
): AsyncGenerator<R[]> {
  let after: R | null = null;
  for (;;) {
    const rows = await fetch(after, size);
    if (rows.length) yield rows;
    if (rows.length < size) return;
    after = rows[rows.length - 1] as R;
  }
}

export interface VisibleColumns<R> {
  columns: Array<Column<R>>;
  /** Per column: shown only in rows the user owns (a row scope's money for a seller). */
  scoped: boolean[];
}

/** The columns this user may see, by the contract's rules on `schema` (the JSON answer the rows mirror). */
export function visibleColumns<R>(
  schema: z.ZodType,
  columns: Array<Column<R>>,
  grants: Grants,
  /** The user reads every row whole (e.g. `finance.shop`): row scopes do not apply. */
  seesAllRows = true,
): VisibleColumns<R> {
  const rules = restrictedPaths(schema, 'output').map((r) => ({
    path: r.path.filter((p) => p !== '*').join('.'),
    permissions: r.permissions,
    scope: r.scope,
  }));
  const kept: VisibleColumns<R> = { columns: [], scoped: [] };
  for (const column of columns) {
    const applying = rules.filter((r) => column.field === r.path || column.field.startsWith(`${r.path}.`));
    if (applying.some((r) => !r.permissions.every(grants))) continue;
    kept.columns.push(column);
    kept.scoped.push(!seesAllRows && applying.some((r) => r.scope !== undefined));
  }
  return kept;
}

const reais = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

function csvText(cell: Cell): string | number | null {
  if (cell === null || typeof cell !== 'object') return cell;
  if ('cents' in cell) return reais(cell.cents);
  return formatDateBR(cell.date);
}

export interface ExportSpec<R> {
  format: Format;
  /** File name without extension. */
  name: string;
  columns: VisibleColumns<R>;
  rows: AsyncIterable<R[]>;
  /** For scoped columns: is this row the user's own? (Absent: every row is.) */
  own?: (row: R) => boolean;
}

function cellsOf<R>(spec: ExportSpec<R>, row: R): Cell[] {
  const mine = spec.own ? spec.own(row) : true;
  return spec.columns.columns.map((c, i) => (spec.columns.scoped[i] && !mine ? null : c.value(row)));
}

/** Excel-BR CSV (`;`, UTF-8 with BOM, dd/mm/aaaa, decimal comma, formulas neutralised), one chunk of rows at a time. */
async function* csvBytes<R>(spec: ExportSpec<R>): AsyncGenerator<Uint8Array> {
  yield Buffer.from(`\ufeff${spec.columns.columns.map((c) => csvCell(c.header)).join(';')}\n`);
  for await (const rows of spec.rows) {
    let text = '';
    for (const row of rows)
      text += `${cellsOf(spec, row)
        .map((c) => csvCell(csvText(c)))
        .join(';')}\n`;
    yield Buffer.from(text);
  }
}

/**
 * XLSX through exceljs's streaming writer (inline strings, each row committed as written): memory
 * stays at one chunk of rows plus the ZIP's buffers. Money is a number with two decimals, dates
 * real dates shown dd/mm/aaaa; text that looks like a formula stays text (exceljs writes strings as strings).
 */
const XLSX_BUFFER = 4 * 1024 * 1024;

function xlsxBody<R>(spec: ExportSpec<R>): AsyncIterable<Uint8Array> {
  const out = new PassThrough();
  (async () => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
    const sheet = workbook.addWorksheet(spec.name);
    sheet.columns = spec.columns.columns.map((c) => ({ header: c.header, width: Math.max(12, c.header.length + 2) }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for await (const rows of spec.rows) {
      for (const row of rows) {
        const r = sheet.addRow(
          cellsOf(spec, row).map((c) => {
            if (c === null || typeof c !== 'object') return c;
            if ('cents' in c) return c.cents / 100;
            return c.date ? new Date(`${c.date}T00:00:00Z`) : null;
          }),
        );
        cellsOf(spec, row).forEach((c, i) => {
          if (c && typeof c === 'object') r.getCell(i + 1).numFmt = 'cents' in c ? '#,##0.00' : 'dd/mm/yyyy';
        });
        r.commit();
      }
      // The writer has no back-pressure of its own: wait for the reader to take what is already zipped.
      while (out.readableLength > XLSX_BUFFER && !out.destroyed) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

/** The file procedure's answer: a streamed body, downloaded as `name.csv` / `name.xlsx`. */
export function exportFile<R>(spec: ExportSpec<R>): FileBody {
  return {
    file: true,
    mime: EXPORT_MIMES[spec.format],
    filename: `${spec.name}.${spec.format}`,
    disposition: 'attachment',
    body: spec.format === 'csv' ? csvBytes(spec) : xlsxBody(spec),
  };
}
