/** The one error shape that crosses every transport. */

export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  STALE_VERSION: 409,
  TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA: 415,
  /** The request named a host this server does not answer for (DNS rebinding). */
  MISDIRECTED: 421,
  BUSINESS_RULE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  /** The data folder's disk is full: writes are refused, reads keep working. */
  STORAGE_FULL: 507,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type FieldErrors = Record<string, string>;

/** `fields` is always there (empty when the error is not about particular fields). */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  fields: FieldErrors;
  retryAfterS?: number;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldErrors;
  readonly retryAfterS?: number;

  constructor(code: ErrorCode, message: string, extra: { fields?: FieldErrors; retryAfterS?: number } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (extra.fields) this.fields = extra.fields;
    if (extra.retryAfterS !== undefined) this.retryAfterS = extra.retryAfterS;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message, fields: this.fields ?? {} };
    if (this.retryAfterS !== undefined) body.retryAfterS = this.retryAfterS;
    return body;
  }

  static fromBody(body: Omit<ErrorBody, 'fields'> & { fields?: FieldErrors }): AppError {
    const extra: { fields?: FieldErrors; retryAfterS?: number } = {};
    if (body.fields && Object.keys(body.fields).length) extra.fields = body.fields;
    if (body.retryAfterS !== undefined) extra.retryAfterS = body.retryAfterS;
    return new AppError(body.code, body.message, extra);
  }
}

/** An error body as it arrives (older cores left `fields` out when empty). */
export function isErrorBody(value: unknown): value is Omit<ErrorBody, 'fields'> & { fields?: FieldErrors } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorBody).code === 'string' &&
    (value as ErrorBody).code in ERROR_STATUS &&
    typeof (value as ErrorBody).message === 'string'
  );
}
