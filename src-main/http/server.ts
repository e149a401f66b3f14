import fs from 'node:fs';
import path from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import { contract, type Procedure } from '../../src-shared/contract';
import { AppError } from '../../src-shared/errors';
import { msg } from '../../src-shared/i18n';
import type { App } from '../app';
import { MAX_IMAGE_BYTES } from '../modules/orders/images';
import { CSV_ROUTES, registerCsv } from './csv';
import { DOCUMENT_ROUTES, registerDocuments } from './documents';
import { MEDIA_ROUTES, registerMedia } from './media';
import { buildOpenApi } from './openapi';
import { bearer, sendError } from './reply';
import { registerStatic } from './static';
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

/** A multipart upload becomes the same `{dataUrl}` input the JSON route takes (content is checked later). */
async function multipartInput(request: FastifyRequest): Promise<Record<string, unknown>> {
  const file = await request.file();
  if (!file) return {};
  const bytes = await file.toBuffer();
  if (file.file.truncated)
    throw new AppError('TOO_LARGE', 'A imagem passa de 10 MB. Reduza o arquivo e tente de novo.');
  return { dataUrl: `data:application/octet-stream;base64,${bytes.toString('base64')}` };
}

/** The input of a procedure from an HTTP request: path params win over query/body. */
async function inputOf(proc: Procedure, request: FastifyRequest): Promise<unknown> {
  const params = (request.params ?? {}) as Record<string, string>;
  if (request.isMultipart()) return { ...(await multipartInput(request)), ...params };
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
  await server.register(fastifyMultipart, { limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 10 } });

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
    if (request.url.startsWith('/api/')) {
      if (!reply.hasHeader('cache-control')) reply.header('Cache-Control', 'no-store');
    } else reply.header('Content-Security-Policy', CSP);
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
      ...(proc.bodyLimit && { bodyLimit: proc.bodyLimit }),
      handler: async (request, reply) => {
        const idem = request.headers['idempotency-key'];
        const output = await app.dispatcher.call(name, await inputOf(proc, request), {
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

  registerMedia(server, app);
  registerDocuments(server, app);
  registerCsv(server, app);

  let openapi: unknown = null;
  server.get('/api/openapi.json', async () => {
    openapi ??= buildOpenApi(app.services.version, [
      ...DOCUMENT_ROUTES.map((r) => ({ ...r, mime: 'application/pdf' })),
      ...CSV_ROUTES,
      ...MEDIA_ROUTES,
    ]);
    return openapi;
  });

  attachWebSocket(server, app, { pingIntervalMs: options.pingIntervalMs ?? 30_000 });

  const rendererDir = options.rendererDir;
  if (rendererDir && fs.existsSync(path.join(rendererDir, 'index.html'))) {
    await registerStatic(server, rendererDir);
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
