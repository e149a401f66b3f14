import { z } from 'zod';

/**
 * Moving data in and out, shared by the modules that do it (customers, products, installments):
 * the CSV import's input, preview and summary. Exports are file procedures (`fileOutput`).
 */

/** Largest file an import accepts (the upload itself; the JSON body carries it as base64). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** The route's body limit: base64 grows by a third, plus the JSON around it. */
export const IMPORT_BODY_LIMIT = Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 64 * 1024;

/** What an import route declares: its JSON body limit and its multipart file limit. */
export const IMPORT_LIMITS = { bodyLimit: IMPORT_BODY_LIMIT, uploadLimit: MAX_IMPORT_BYTES } as const;

/** `all`: one transaction, nothing is written if any row has a problem. `skip`: bad rows are left out. */
export const ImportMode = z.enum(['all', 'skip']);

const jsonString = (v: unknown): unknown => {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
};

export const ImportInput = z.strictObject({
  /** The file as a data URL (`data:…;base64,…`); a multipart upload becomes this field. */
  dataUrl: z.string().max(IMPORT_BODY_LIMIT),
  /** Column header → field name (or '' to ignore the column), over the automatic mapping. */
  mapping: z.preprocess(jsonString, z.record(z.string().max(200), z.string().max(40))).optional(),
  mode: ImportMode.default('all'),
});

export const ImportRow = z.object({
  /** Line in the file (the header is line 1). */
  line: z.number().int(),
  /** `create`: a new record; `existing`: already registered (matched), left as it is; `error`: has problems. */
  action: z.enum(['create', 'existing', 'error']),
  /** The row's mapped values as read from the file. */
  values: z.record(z.string(), z.string()),
  /** Each problem in the caller's language ("CPF inválido", "data inválida"). */
  problems: z.array(z.string()),
});

export const ImportPreview = z.object({
  encoding: z.enum(['utf-8', 'windows-1252']),
  separator: z.string(),
  /** Which system the headers look like: `balcao`, `bling`, `tiny` or `generic`. */
  format: z.string(),
  headers: z.array(z.string()),
  /** Every column and the field it fills (null: ignored). */
  mapping: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
  /** Fields this import knows, for the mapping step. */
  fields: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean() })),
  total: z.number().int(),
  creates: z.number().int(),
  existing: z.number().int(),
  errors: z.number().int(),
  /** The rows with problems first, then the others, up to 500. */
  rows: z.array(ImportRow),
});

export const ImportResult = z.object({
  mode: ImportMode,
  total: z.number().int(),
  created: z.number().int(),
  existing: z.number().int(),
  skipped: z.number().int(),
  /** Rows left out (skip mode), with their problems, up to 500. */
  problems: z.array(ImportRow),
});

export type ImportPreviewOut = z.output<typeof ImportPreview>;
export type ImportResultOut = z.output<typeof ImportResult>;
export type ImportRowOut = z.output<typeof ImportRow>;

/** A CSV/XLSX export's columns come from the list screen's filters: the same input minus paging. */
export const EXPORT_MIMES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
