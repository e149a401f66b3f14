import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorBody, type FieldErrors } from '../../src-shared/errors';
import { msg } from '../../src-shared/i18n';
import { type Access, can } from '../../src-shared/permissions';
import type { App } from '../app';

/** Content-Security-Policy for the UI served to LAN browsers. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "connect-src 'self' ws: wss: https://viacep.com.br; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

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

/** The one error answer: `{"error": {code, message, fields}}`, `fields` always present. */
export function sendError(
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

export function sendAppError(reply: FastifyReply, error: AppError): FastifyReply {
  return sendError(reply, error.status, error.toBody());
}

export function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return null;
}

/** The session of a request from its `Authorization` header (file links are checked by `fileAccess`). */
export async function sessionFrom(request: FastifyRequest, app: App, permission: Access = 'authenticated') {
  const token = bearer(request);
  const session = token ? await app.services.sessions.resolve(token) : null;
  if (!session) throw new AppError('UNAUTHENTICATED', msg('error.UNAUTHENTICATED'));
  if (!can(session.user.role, permission)) throw new AppError('FORBIDDEN', msg('error.FORBIDDEN'));
  return session;
}

/**
 * Who may read a file route: a session in the `Authorization` header (scripts), or a signed link
 * (`?u=&exp=&sig=`, from `files.link`) of an active user with the route's permission.
 * `?token=` is not accepted: tokens do not travel in URLs.
 */
export async function fileAccess(request: FastifyRequest, app: App, permission: Access = 'authenticated') {
  if (bearer(request)) return (await sessionFrom(request, app, permission)).user;
  const pathname = request.url.split('?')[0] ?? '';
  const userId = app.services.fileLinks.verify(pathname, (request.query ?? {}) as Record<string, unknown>);
  const user = userId === null ? null : await app.services.sessions.activeUser(userId);
  if (!user) throw new AppError('UNAUTHENTICATED', msg('error.fileLink'));
  if (!can(user.role, permission)) throw new AppError('FORBIDDEN', msg('error.FORBIDDEN'));
  return user;
}
