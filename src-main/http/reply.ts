import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '../../src-shared/errors';

export function sendError(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  if (body.retryAfterS !== undefined) reply.header('Retry-After', String(body.retryAfterS));
  return reply.status(status).type('application/json; charset=utf-8').send({ error: body });
}

export function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return null;
}
