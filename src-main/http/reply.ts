import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FileBody } from '../../src-shared/contract/procedure';
import { AppError, type ErrorBody, type FieldErrors } from '../../src-shared/errors';
import { DEFAULT_LOCALE, type Locale, localeFromAcceptLanguage, type Msg, msg, render } from '../../src-shared/i18n';
import type { App } from '../app';
import { LINK_PARAMS } from '../modules/auth/file-links';

/** Content-Security-Policy for the UI served to LAN browsers. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "connect-src 'self' ws: wss: https://viacep.com.br; font-src 'self' data:; frame-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/** Anything that is not a page (JSON, CSV, images, errors) runs nothing, loads nothing and is never framed. */
export const STRICT_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

/**
 * PDFs open in the browser's own viewer, which a `sandbox` policy would block (it is a plugin);
 * they still load nothing and are never framed.
 */
export const PDF_CSP = "default-src 'none'; object-src 'self'; frame-ancestors 'none'";

/** The headers every answer carries, chosen by its content type. */
export function securityHeaders(reply: FastifyReply): void {
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('X-Frame-Options', 'DENY');
  reply.header('Referrer-Policy', 'no-referrer');
  // A 304 has no body and no content type: the browser merges its headers into the cached answer,
  // so a policy chosen here would replace the cached page's own (the UI would load blocked).
  if (reply.statusCode === 304) return;
  const type = String(reply.getHeader('content-type') ?? '').toLowerCase();
  reply.header(
    'Content-Security-Policy',
    type.startsWith('text/html') ? CSP : type.startsWith('application/pdf') ? PDF_CSP : STRICT_CSP,
  );
}

/** The language a request asks for with `Accept-Language` (null: it names none of ours). */
export function requestedLocale(request: FastifyRequest): Locale | null {
  return localeFromAcceptLanguage(request.headers['accept-language']);
}

/** An error answer made here (routing, parsing, limits): its message in the request's language. */
export function sendError(
  reply: FastifyReply,
  status: number,
  body: { code: ErrorBody['code']; message: Msg },
): FastifyReply {
  const locale = requestedLocale(reply.request) ?? DEFAULT_LOCALE;
  return writeError(reply, status, { code: body.code, message: render(body.message, locale), fields: {} });
}

/** The one error answer: `{"error": {code, message, fields}}`, `fields` always present. */
function writeError(
  reply: FastifyReply,
  status: number,
  body: Omit<ErrorBody, 'fields'> & { fields?: FieldErrors },
): FastifyReply {
  if (body.retryAfterS !== undefined) reply.header('Retry-After', String(body.retryAfterS));
  reply.status(status).type('application/json; charset=utf-8');
  reply.header('Cache-Control', 'no-store');
  securityHeaders(reply);
  return reply.send({ error: { ...body, fields: body.fields ?? {} } });
}

/**
 * An AppError in the language the request asks for; without `Accept-Language`, as it was rendered
 * (the dispatcher already chose the user's own setting, or pt-BR).
 */
export function sendAppError(reply: FastifyReply, error: AppError): FastifyReply {
  return writeError(reply, error.status, error.in(requestedLocale(reply.request) ?? error.locale).toBody());
}

export function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return null;
}

/**
 * The user a signed file link (`?u=&exp=&sig=`, from `files.link`) was issued to, for the file
 * procedures; the dispatcher then checks that user is active and holds the procedure's permission.
 * `?token=` is not accepted: tokens do not travel in URLs.
 */
export async function fileLinkUser(request: FastifyRequest, app: App): Promise<number> {
  const pathname = request.url.split('?')[0] ?? '';
  const query = (request.query ?? {}) as Record<string, unknown>;
  const userId = app.services.fileLinks.verify(pathname, query);
  if (userId !== null) return userId;
  // No credentials at all: the usual "log in"; a link that does not hold: say so.
  const isLink = LINK_PARAMS.some((name) => name in query);
  throw new AppError('UNAUTHENTICATED', msg(isLink ? 'error.fileLink' : 'error.UNAUTHENTICATED'));
}

/** A file procedure's answer: its type, name and caching; the body as bytes or streamed. */
export function sendFile(reply: FastifyReply, file: FileBody): FastifyReply {
  reply.type(file.mime).header('Content-Disposition', `${file.disposition}; filename="${file.filename}"`);
  if (file.immutable) reply.header('Cache-Control', 'private, max-age=31536000, immutable');
  const body = file.body;
  if (body instanceof Uint8Array) return reply.send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  return reply.send(typeof (body as { pipe?: unknown }).pipe === 'function' ? body : Readable.from(body));
}
