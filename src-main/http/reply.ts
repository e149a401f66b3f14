import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorBody } from '../../src-shared/errors';
import { msg } from '../../src-shared/i18n';
import { type Access, can } from '../../src-shared/permissions';
import type { App } from '../app';

export function sendError(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  if (body.retryAfterS !== undefined) reply.header('Retry-After', String(body.retryAfterS));
  return reply.status(status).type('application/json; charset=utf-8').send({ error: body });
}

export function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return null;
}

/** The session of a request that may carry its token in the header or, for links and `<img>`, as `?token=`. */
export async function sessionFrom(request: FastifyRequest, app: App, permission: Access = 'authenticated') {
  const query = request.query as Record<string, unknown>;
  const token = bearer(request) ?? (typeof query.token === 'string' ? query.token : null);
  const session = token ? await app.services.sessions.resolve(token) : null;
  if (!session) throw new AppError('UNAUTHENTICATED', msg('error.UNAUTHENTICATED'));
  if (!can(session.user.role, permission)) throw new AppError('FORBIDDEN', msg('error.FORBIDDEN'));
  return session;
}
