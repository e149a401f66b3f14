import { sql } from 'kysely';
import type { z } from 'zod';
import type { ImportPreviewOut, ImportResultOut, ImportRowOut } from '../../src-shared/contract/transfer';
import { MAX_IMPORT_BYTES } from '../../src-shared/contract/transfer';
import { AppError } from '../../src-shared/errors';
import { type Locale, type Msg, msg, render, withLocale } from '../../src-shared/i18n';
import type { ProcCtx } from '../rpc/context';
import { bytesOfDataUrl, type CsvTable, headerKey, mapColumns, readCsv, valuesOf } from './csv-read';

/**
 * The one shape of every CSV import (customers, products, installments): read the file, map the
 * columns, check each row into what the owning module's service takes, then either only show it
 * (preview) or write it through that service — all or nothing, or skipping the bad rows.
 */

export interface FieldDef {
  key: string;
  /** pt-BR label, as the mapping step shows it (and the problems name it). */
  label: string;
  required?: boolean;
  aliases: readonly string[];
}

/** A checked row: what to do with it and, for a row to create, the service's input. */
export interface PlannedRow<T> {
  line: number;
  values: Record<string, string>;
  problems: Msg[];
  /** A record that already exists (matched): left as it is. */
  existing?: boolean;
  data?: T;
}

export interface ImportKind<T> {
  fields: readonly FieldDef[];
  /** Which system the headers come from (for the preview), from the folded header names. */
  format?: (keys: Set<string>) => string;
  /** Checks every row (in file order: later rows may depend on earlier ones, e.g. a repeated document). */
  plan: (ctx: ProcCtx, rows: Array<{ line: number; values: Record<string, string> }>) => Promise<Array<PlannedRow<T>>>;
  /**
   * Rows written together (a crediário and its installments): their key. Without it, each row
   * is written alone.
   */
  groupOf?: (data: T) => string;
  /** Writes one row (or one group) through the owning module's service. */
  write: (ctx: ProcCtx, data: T[]) => Promise<void>;
  /** After a run that created something (an event for the open screens). */
  done?: (ctx: ProcCtx, created: number) => void;
  entity: string;
}

const PREVIEW_ROWS = 500;

interface Prepared<T> {
  table: CsvTable;
  columns: Array<string | null>;
  planned: Array<PlannedRow<T>>;
}

async function prepare<T>(
  ctx: ProcCtx,
  kind: ImportKind<T>,
  input: { dataUrl: string; mapping?: Record<string, string> | undefined },
): Promise<Prepared<T>> {
  const table = readCsv(bytesOfDataUrl(input.dataUrl, MAX_IMPORT_BYTES));
  const aliases = Object.fromEntries(kind.fields.map((f) => [f.key, [f.key, f.label, ...f.aliases]]));
  const columns = mapColumns(table.headers, aliases, input.mapping ?? {});
  const missing = kind.fields.filter((f) => f.required && !columns.includes(f.key));
  if (missing.length)
    throw new AppError('VALIDATION', msg('import.missingColumns', { columns: missing.map((f) => f.label).join(', ') }));
  const rows = table.rows.map((r) => ({ line: r.line, values: valuesOf(r.cells, columns) }));
  const planned = await kind.plan(ctx, rows);
  return { table, columns, planned };
}

const rowOut = <T>(r: PlannedRow<T>, locale: Locale): ImportRowOut => ({
  line: r.line,
  action: r.problems.length ? 'error' : r.existing ? 'existing' : 'create',
  values: r.values,
  problems: r.problems.map((p) => render(p, locale)),
});

/** Rows with problems first, then the others, in file order; at most `PREVIEW_ROWS`. */
function someRows<T>(planned: Array<PlannedRow<T>>, locale: Locale): ImportRowOut[] {
  const bad = planned.filter((r) => r.problems.length);
  const good = planned.filter((r) => !r.problems.length);
  return [...bad, ...good].slice(0, PREVIEW_ROWS).map((r) => rowOut(r, locale));
}

export async function previewImport<T>(
  ctx: ProcCtx,
  kind: ImportKind<T>,
  input: { dataUrl: string; mapping?: Record<string, string> | undefined },
): Promise<ImportPreviewOut> {
  const { table, columns, planned } = await prepare(ctx, kind, input);
  const keys = new Set(table.headers.map(headerKey));
  return {
    encoding: table.encoding,
    separator: table.separator,
    format: kind.format?.(keys) ?? 'generic',
    headers: table.headers,
    mapping: table.headers.map((header, i) => ({ header, field: columns[i] ?? null })),
    fields: kind.fields.map((f) => ({ key: f.key, label: f.label, required: f.required ?? false })),
    total: planned.length,
    creates: planned.filter((r) => !r.problems.length && !r.existing).length,
    existing: planned.filter((r) => !r.problems.length && r.existing).length,
    errors: planned.filter((r) => r.problems.length).length,
    rows: someRows(planned, ctx.locale),
  };
}

/**
 * Runs an import inside the call's transaction. `all`: any row with a problem refuses the whole
 * file (422, nothing written). `skip`: bad rows are left out, and a row whose write fails anyway
 * is rolled back alone (its own SAVEPOINT) and reported.
 */
export async function runImport<T>(
  ctx: ProcCtx,
  kind: ImportKind<T>,
  input: { dataUrl: string; mapping?: Record<string, string> | undefined; mode: 'all' | 'skip' },
): Promise<ImportResultOut> {
  const { planned } = await prepare(ctx, kind, input);
  const bad = planned.filter((r) => r.problems.length);
  if (input.mode === 'all' && bad.length)
    throw new AppError('BUSINESS_RULE', msg('import.hasProblems', { count: bad.length }));
  let created = 0;
  const failed: Array<PlannedRow<T>> = [...bad];
  const groups = new Map<string, Array<PlannedRow<T> & { data: T }>>();
  planned.forEach((row, i) => {
    if (row.problems.length || row.existing || row.data === undefined) return;
    const key = kind.groupOf ? kind.groupOf(row.data) : String(i);
    groups.set(key, [...(groups.get(key) ?? []), row as PlannedRow<T> & { data: T }]);
  });
  for (const rows of groups.values()) {
    const data = rows.map((r) => r.data);
    if (input.mode === 'all') {
      await kind.write(ctx, data);
      created += rows.length;
      continue;
    }
    await sql`savepoint import_row`.execute(ctx.db);
    try {
      await kind.write(ctx, data);
      await sql`release import_row`.execute(ctx.db);
      created += rows.length;
    } catch (err) {
      await sql`rollback to import_row`.execute(ctx.db);
      await sql`release import_row`.execute(ctx.db);
      const problem = err instanceof AppError ? err.text : msg('error.INTERNAL');
      for (const row of rows) failed.push({ ...row, problems: [problem] });
    }
  }
  const existing = planned.filter((r) => !r.problems.length && r.existing).length;
  await ctx.audit({
    action: 'import',
    entity: kind.entity,
    entityId: null,
    after: { mode: input.mode, total: planned.length, created, existing, skipped: failed.length },
  });
  if (created) kind.done?.(ctx, created);
  return {
    mode: input.mode,
    total: planned.length,
    created,
    existing,
    skipped: failed.length,
    problems: failed
      .sort((a, b) => a.line - b.line)
      .slice(0, PREVIEW_ROWS)
      .map((r) => rowOut(r, ctx.locale)),
  };
}

/** A zod check of a row's values, each issue as "Field: message" in the caller's language. */
export function checkWith<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  labels: Readonly<Record<string, string>>,
  locale: Locale,
): { data?: z.output<S>; problems: Msg[] } {
  const result = withLocale(locale, () => schema.safeParse(raw));
  if (result.success) return { data: result.data, problems: [] };
  return {
    problems: result.error.issues.map((issue) => {
      // `address.cep` is named by its own field (CEP), not by the address.
      const path = issue.path.map(String);
      const field = path[path.length - 1] ?? '';
      const label = labels[field] ?? labels[path[0] ?? ''] ?? field;
      return msg('import.fieldProblem', { field: label, problem: issue.message });
    }),
  };
}
