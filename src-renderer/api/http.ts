import { getProcedure, type HttpMethod, type Procedure, pathParams } from '../../src-shared/contract';
import { AppError, codeMessage, type ErrorCode, isErrorBody } from '../../src-shared/errors';
import { getLocale, msg } from '../../src-shared/i18n';

/**
 * The HTTP side of the client as pure functions: a procedure call becomes a request description,
 * and an HTTP answer becomes a value or an AppError. No fetch and no DOM here, so they are unit-tested.
 */

export interface HttpRequest {
  method: HttpMethod;
  /** Origin-relative (`/api/…`) unless a baseUrl was given. */
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface BuildOptions {
  token?: string | null;
  idempotencyKey?: string;
  /** Prefix for the URL, e.g. `http://192.168.0.10:8787`; empty means the page's own origin. */
  baseUrl?: string;
}

/** A create: POST answered with 201. These carry an Idempotency-Key and may be retried safely. */
export function isCreate(proc: Pick<Procedure, 'method' | 'status'>): boolean {
  return proc.method === 'POST' && proc.status === 201;
}

/** Returns true for a method whose input travels in the query string. */
export function usesQuery(method: HttpMethod): boolean {
  return method === 'GET' || method === 'DELETE';
}

function queryValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/** `{a: 1, tags: ['x','y'], skip: undefined}` → `a=1&tags=x&tags=y` (undefined and null are left out). */
export function toQueryString(values: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (item !== undefined && item !== null) params.append(key, queryValue(item));
    } else {
      params.append(key, queryValue(value));
    }
  }
  return params.toString();
}

function asRecord(input: unknown): Record<string, unknown> {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new AppError('VALIDATION', msg('error.VALIDATION'), {}, getLocale());
  }
  return input as Record<string, unknown>;
}

/** Method, URL, headers and body for calling a procedure over HTTP, from the contract's `http` route. */
export function buildHttpRequest(name: string, input: unknown, options: BuildOptions = {}): HttpRequest {
  const proc = getProcedure(name);
  if (!proc) throw new AppError('NOT_FOUND', msg('error.unknownProcedure'), {}, getLocale());
  const rest: Record<string, unknown> = { ...asRecord(input) };

  let path = proc.path;
  for (const param of pathParams(proc.path)) {
    const value = rest[param];
    if (value === undefined || value === null || value === '') {
      throw new AppError(
        'VALIDATION',
        msg('error.VALIDATION'),
        { fields: { [param]: msg('field.required') } },
        getLocale(),
      );
    }
    path = path.replace(`:${param}`, encodeURIComponent(queryValue(value)));
    delete rest[param];
  }

  // Error messages come back in the language the UI shows.
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': getLocale() };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.idempotencyKey && isCreate(proc)) headers['Idempotency-Key'] = options.idempotencyKey;

  const base = options.baseUrl ?? '';
  if (usesQuery(proc.method)) {
    const query = toQueryString(rest);
    return { method: proc.method, url: `${base}${path}${query ? `?${query}` : ''}`, headers };
  }
  headers['Content-Type'] = 'application/json';
  return { method: proc.method, url: `${base}${path}`, headers, body: JSON.stringify(rest) };
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA',
  421: 'MISDIRECTED',
  422: 'BUSINESS_RULE',
  429: 'RATE_LIMITED',
  503: 'MAINTENANCE',
  507: 'STORAGE_FULL',
};

/** Thrown when the main computer cannot be reached at all (the request never got an answer). */
export class NetworkError extends AppError {
  readonly network = true;
  constructor() {
    super('INTERNAL', msg('error.NETWORK'), {}, getLocale());
    this.name = 'NetworkError';
  }
}

export function isNetworkError(error: unknown): error is NetworkError {
  return error instanceof NetworkError;
}

/** An HTTP error answer → AppError. The server sends `{"error": {code, message, fields?, retryAfterS?}}`. */
export function errorFromResponse(status: number, bodyText: string, retryAfterHeader: string | null = null): AppError {
  let parsed: unknown = null;
  try {
    parsed = bodyText ? JSON.parse(bodyText) : null;
  } catch {
    parsed = null;
  }
  const body = typeof parsed === 'object' && parsed !== null ? (parsed as { error?: unknown }).error : undefined;
  if (isErrorBody(body)) {
    const error = AppError.fromBody(body);
    if (error.retryAfterS === undefined && retryAfterHeader && /^\d+$/.test(retryAfterHeader)) {
      return AppError.fromBody({ ...error.toBody(), retryAfterS: Number(retryAfterHeader) });
    }
    return error;
  }
  const code: ErrorCode = STATUS_CODES[status] ?? 'INTERNAL';
  const extra = retryAfterHeader && /^\d+$/.test(retryAfterHeader) ? { retryAfterS: Number(retryAfterHeader) } : {};
  return new AppError(code, codeMessage(code), extra, getLocale());
}

/** A success body → value; an unreadable one is an internal error rather than a crash later on. */
export function parseSuccessBody(bodyText: string): unknown {
  if (bodyText === '') return null;
  try {
    return JSON.parse(bodyText);
  } catch {
    throw new AppError('INTERNAL', msg('error.INTERNAL'), {}, getLocale());
  }
}

/** Anything a transport rejected with (ErrorBody over IPC, AppError, a stray exception) → AppError. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isErrorBody(error)) return AppError.fromBody(error);
  return new AppError('INTERNAL', msg('error.INTERNAL'), {}, getLocale());
}

/** Most attempts a read makes in all (the first one included). */
export const MAX_READ_ATTEMPTS = 3;

/**
 * Whether asking again may give another answer: no answer at all (network), a server error (5xx,
 * but not a full disk, which needs a person) or "too many requests" (429). A 4xx answer — a
 * validation, a missing Pix key, a permission — will be the same however often it is asked.
 */
export function isRetryable(error: unknown): boolean {
  if (isNetworkError(error)) return true;
  const e = toAppError(error);
  if (e.code === 'STORAGE_FULL') return false;
  return e.status === 429 || e.status === 503 || e.status >= 500;
}

/** TanStack Query's `retry` for reads: only retryable errors, at most MAX_READ_ATTEMPTS attempts. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return failureCount + 1 < MAX_READ_ATTEMPTS && isRetryable(error);
}

/** Wait before retry number `attempt` (0-based): the server's Retry-After when it gave one (up to 60 s), else 1 s, 2 s, 4 s… */
export function retryDelayMs(attempt: number, error: unknown): number {
  const after = error instanceof AppError ? error.retryAfterS : undefined;
  if (after !== undefined && after >= 0) return Math.min(60, after) * 1000;
  return Math.min(30_000, 1000 * 2 ** attempt);
}
