/** The one error shape that crosses every transport. */

export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STALE_VERSION: 409,
  TOO_LARGE: 413,
  BUSINESS_RULE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type FieldErrors = Record<string, string>;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  fields?: FieldErrors;
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
    const body: ErrorBody = { code: this.code, message: this.message };
    if (this.fields) body.fields = this.fields;
    if (this.retryAfterS !== undefined) body.retryAfterS = this.retryAfterS;
    return body;
  }

  static fromBody(body: ErrorBody): AppError {
    const extra: { fields?: FieldErrors; retryAfterS?: number } = {};
    if (body.fields) extra.fields = body.fields;
    if (body.retryAfterS !== undefined) extra.retryAfterS = body.retryAfterS;
    return new AppError(body.code, body.message, extra);
  }
}

export function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorBody).code === 'string' &&
    (value as ErrorBody).code in ERROR_STATUS &&
    typeof (value as ErrorBody).message === 'string'
  );
}
