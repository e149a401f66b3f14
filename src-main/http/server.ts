import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { contract, type Procedure } from '../../src-shared/contract';
import { AppError, type ErrorBody } from '../../src-shared/errors';
import { msg } from '../../src-shared/i18n';
import type { App } from '../app';
import { buildOpenApi } from './openapi';
import { attachWebSocket } from './ws';

export interface ServerOptions {
  /** Folder of the built renderer (index.html); served at `/` when present. */
  rendererDir?: string | null;
  /** WebSocket keep-alive ping interval. */
  pingIntervalMs?: number;
}

/** Content-Security-Policy for the UI served to LAN browsers. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "connect-src 'self' ws: wss:; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

function sendError(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  if (body.retryAfterS !== undefined) reply.header('Retry-After', String(body.retryAfterS));
  return reply.status(status).type('application/json; charset=utf-8').send({ error: body });
}

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return null;
}

/** The input of a procedure from an HTTP request: path params win over query/body. */
function inputOf(proc: Procedure, request: FastifyRequest): unknown {
  const params = (request.params ?? {}) as Record<string, string>;
  const source = proc.method === 'GET' || proc.method === 'DELETE' ? request.query : request.body;
  if (source === undefined || source === null) return { ...params };
  if (typeof source !== 'object' || Array.isArray(source)) return source;
  return { ...(source as Record<string, unknown>), ...params };
}

/** The LAN server: routes generated from the contract, OpenAPI, WebSocket, static UI. */
export async function buildServer(app: App, options: ServerOptions = {}): Promise<FastifyInstance> {
  const server = Fastify({ logger: false, bodyLimit: 1024 * 1024, trustProxy: false, forceCloseConnections: true });

  // External plugins first, then ours, then routes (Fastify's recommended order).
  await server.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });

  server.setErrorHandler((error: FastifyError | AppError | Error, _request, reply) => {
    if (error instanceof AppError) return sendError(reply, error.status, error.toBody());
    const status = (error as FastifyError).statusCode ?? 500;
    const code = (error as FastifyError).code;
    if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
      return sendError(reply, 400, { code: 'VALIDATION', message: msg('error.invalidJson') });
    }
    if (status === 413) return sendError(reply, 413, { code: 'TOO_LARGE', message: msg('error.tooLarge') });
    if (status >= 400 && status < 500) {
      return sendError(reply, 400, { code: 'VALIDATION', message: msg('error.VALIDATION') });
    }
    console.error('Erro no servidor:', error);
    return sendError(reply, 500, { code: 'INTERNAL', message: msg('error.INTERNAL') });
  });

  server.addHook('onSend', async (request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
    else reply.header('Content-Security-Policy', CSP);
    return payload;
  });

  // Accept an empty body on POSTs that take no input (logout, reactivate).
  server.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new AppError('VALIDATION', msg('error.invalidJson')), undefined);
    }
  });

  for (const [name, p] of Object.entries(contract)) {
    const proc = p as unknown as Procedure;
    server.route({
      method: proc.method,
      url: proc.path,
      handler: async (request, reply) => {
        const idem = request.headers['idempotency-key'];
        const output = await app.dispatcher.call(name, inputOf(proc, request), {
          transport: 'http',
          token: bearer(request),
          ip: request.ip,
          userAgent: request.headers['user-agent'],
          ...(typeof idem === 'string' && idem && { idempotencyKey: idem }),
        });
        return reply.status(proc.status ?? 200).send(output);
      },
    });
  }

  let openapi: unknown = null;
  server.get('/api/openapi.json', async () => {
    openapi ??= buildOpenApi(app.services.version);
    return openapi;
  });

  attachWebSocket(server, app, { pingIntervalMs: options.pingIntervalMs ?? 30_000 });

  const rendererDir = options.rendererDir;
  if (rendererDir && fs.existsSync(path.join(rendererDir, 'index.html'))) {
    await server.register(fastifyStatic, { root: path.resolve(rendererDir), index: 'index.html', wildcard: true });
  } else {
    server.get('/', async (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><html lang="pt-BR"><meta charset="utf-8"><title>Balcão</title>' +
            '<p>A interface ainda não foi compilada. Rode <code>npm run build</code>. A API está em <a href="/api/openapi.json">/api/openapi.json</a>.</p></html>',
        ),
    );
  }

  server.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.url.startsWith('/ws')) {
      return sendError(reply, 404, { code: 'NOT_FOUND', message: msg('error.unknownRoute') });
    }
    return reply.status(404).type('text/plain; charset=utf-8').send('Página não encontrada.');
  });

  return server;
}
