import { z } from 'zod';
import type { Access } from '../permissions';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type HttpRoute = `${HttpMethod} /api/${string}`;

/** What a committed write tells every connected client. */
export interface ChangeEvent {
  type: string;
  id: number;
  version: number | null;
  by: number | null;
  /**
   * Core only, never sent: for an event about a scoped record (`eventScope`), the users whose own
   * record it is. Transports send `clientEvent(event)`, without it.
   */
  owners?: readonly number[];
}

export interface ProcedureDef<I extends z.ZodType, O extends z.ZodType> {
  /** Route on the LAN server; path params (`:id`) are merged into the input. */
  http: HttpRoute;
  permission: Access;
  input: I;
  output: O;
  /** One line for the API page, in pt-BR. */
  summary: string;
  /** HTTP status on success (default 200). */
  status?: 200 | 201;
  /** Event type published after commit; `id` and `version` come from the output unless `emitId` says otherwise. */
  emits?: string;
  /** The id(s) the event is about, when not `output.id` (one event per id). */
  emitId?: (output: z.output<O>) => number | number[];
  /** Largest request body the LAN server accepts for this route (default 1 MB). */
  bodyLimit?: number;
  /** Largest file a multipart upload to this route may carry (default 10 MB, the images' limit). */
  uploadLimit?: number;
  /** Runs in a write transaction. Defaults to true for anything but GET. */
  write?: boolean;
  /**
   * A multipart file of up to this many bytes that the LAN server streams to disk (never into
   * memory) before the call; the input then names it as `{upload: token}`. Checked for the
   * caller's permission before a byte is read.
   */
  streamUpload?: number;
}

export interface Procedure<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType>
  extends ProcedureDef<I, O> {
  method: HttpMethod;
  path: string;
  write: boolean;
}

export function procedure<I extends z.ZodType, O extends z.ZodType>(def: ProcedureDef<I, O>): Procedure<I, O> {
  const [method, path] = def.http.split(' ') as [HttpMethod, string];
  return { ...def, method, path, write: def.write ?? method !== 'GET' };
}

/** Names of the `:params` in a route path. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z_]\w*)/g)].map((m) => m[1] as string);
}

/**
 * What a file procedure answers (a PDF, a CSV, an image): the bytes, or a stream of them, with how
 * the LAN server names and serves them. Over HTTP it is the response body; direct callers get it as is.
 */
export interface FileBody {
  file: true;
  /** Content type as sent (`application/pdf`, `text/csv; charset=utf-8`, `image/webp`). */
  mime: string;
  filename: string;
  /** `inline`: the browser shows it (PDF, image); `attachment`: it is downloaded (CSV). */
  disposition: 'inline' | 'attachment';
  /** Content named by its hash never changes: the browser may keep it for a year. */
  immutable?: boolean;
  body: Uint8Array | AsyncIterable<Uint8Array>;
}

export function isFileBody(value: unknown): value is FileBody {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<FileBody>;
  return v.file === true && typeof v.mime === 'string' && typeof v.filename === 'string' && v.body !== undefined;
}

const fileMimes = new WeakMap<z.ZodType, string>();

/** The output of a file procedure: `output: fileOutput('application/pdf')` (what OpenAPI and the routes show). */
export function fileOutput(mime: string): z.ZodCustom<FileBody> {
  const schema = z.custom<FileBody>(isFileBody, { message: 'Arquivo inválido.' });
  fileMimes.set(schema, mime);
  return schema;
}

/** The content type of a file procedure's answer, or null for a JSON procedure. */
export function fileMimeOf(proc: Pick<Procedure, 'output'>): string | null {
  return fileMimes.get(proc.output) ?? null;
}
