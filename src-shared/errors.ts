/** The one error shape that crosses every transport. */
import {
  catalogue,
  DEFAULT_LOCALE,
  isMessageKey,
  type Locale,
  type MessageKey,
  type Msg,
  msg,
  placeholders,
  render,
  t,
} from './i18n';

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
  /** The data is being replaced (a restore): writes are refused for a moment, reads go on. */
  MAINTENANCE: 503,
  /** The data folder's disk is full: writes are refused, reads keep working. */
  STORAGE_FULL: 507,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type FieldErrors = Record<string, string>;

/**
 * What an error says about a field, before rendering: a catalogue message, or (`AppError.rendered`)
 * a text already in the error's language — zod's field messages, rendered while parsing.
 */
type FieldMessages = Readonly<Record<string, Msg | string>>;

/** `fields` is always there (empty when the error is not about particular fields). */
export interface ErrorBody {
  code: ErrorCode;
  /** The catalogue key of `message` (`plans.blocked`): for clients that act on one particular refusal. */
  key?: string;
  message: string;
  fields: FieldErrors;
  retryAfterS?: number;
}

/** Every code has its generic message in the catalogue (the compiler checks). */
export function codeMessage(code: ErrorCode): Msg {
  const key: `error.${ErrorCode}` & MessageKey = `error.${code}`;
  return msg(key);
}

/**
 * An error carries its message as a catalogue key with parameters (`msg('orders.notFound', {id})`),
 * never as text: `message` and `fields` are rendered in `locale` — pt-BR unless the dispatcher or a
 * transport asked for the caller's language with `in(locale)`.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  /** The message before rendering: key and parameters. */
  readonly text: Msg;
  readonly locale: Locale;
  readonly retryAfterS?: number;
  private fieldMessages?: FieldMessages;
  private renderedFields?: FieldErrors;

  constructor(
    code: ErrorCode,
    text: Msg,
    extra: { fields?: Readonly<Record<string, Msg>>; retryAfterS?: number } = {},
    locale: Locale = DEFAULT_LOCALE,
  ) {
    super(render(text, locale));
    this.name = 'AppError';
    this.code = code;
    this.text = text;
    this.locale = locale;
    if (extra.fields) this.setFields(extra.fields);
    if (extra.retryAfterS !== undefined) this.retryAfterS = extra.retryAfterS;
  }

  /** An error whose field messages are already texts in `locale` (zod's, or as received by the renderer). */
  static rendered(code: ErrorCode, text: Msg, fields: FieldMessages, locale: Locale = DEFAULT_LOCALE): AppError {
    const error = new AppError(code, text, {}, locale);
    error.setFields(fields);
    return error;
  }

  private setFields(fields: FieldMessages): void {
    this.fieldMessages = fields;
    this.renderedFields = Object.fromEntries(
      Object.entries(fields).map(([field, m]) => [field, typeof m === 'string' ? m : render(m, this.locale)]),
    );
  }

  /** Per-field messages in `locale` (absent when the error is not about fields). */
  get fields(): FieldErrors | undefined {
    return this.renderedFields;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  /** The same error in another language. */
  in(locale: Locale): AppError {
    if (locale === this.locale) return this;
    const error = AppError.rendered(this.code, this.text, this.fieldMessages ?? {}, locale);
    if (!this.fieldMessages) error.renderedFields = undefined;
    if (this.retryAfterS !== undefined) (error as { retryAfterS?: number }).retryAfterS = this.retryAfterS;
    return error;
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, key: this.text.key, message: this.message, fields: this.fields ?? {} };
    if (this.retryAfterS !== undefined) body.retryAfterS = this.retryAfterS;
    return body;
  }

  /** An error as received from the core (renderer): its message and fields already in the caller's language. */
  static fromBody(body: Omit<ErrorBody, 'fields'> & { fields?: FieldErrors }): AppError {
    const text = typeof body.key === 'string' && isMessageKey(body.key) ? msg(body.key) : codeMessage(body.code);
    const error = AppError.rendered(body.code, text, body.fields ?? {});
    if (!body.fields || !Object.keys(body.fields).length) error.renderedFields = undefined;
    if (body.retryAfterS !== undefined) (error as { retryAfterS?: number }).retryAfterS = body.retryAfterS;
    // A message without parameters is said again in the receiver's language (the preload's own refusals).
    error.message =
      typeof body.key === 'string' &&
      isMessageKey(body.key) &&
      !placeholders(catalogue(DEFAULT_LOCALE)[body.key]).length
        ? t(body.key)
        : body.message;
    return error;
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
