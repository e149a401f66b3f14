import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import fastifyMultipart from '@fastify/multipart';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { contract, fileMimeOf, isFileBody, type Procedure } from '../../src-shared/contract';
import { AppError } from '../../src-shared/errors';
import { msg, t } from '../../src-shared/i18n';
import { can } from '../../src-shared/permissions';
import type { App } from '../app';
import { artMaxBytes } from '../modules/art/store';
import { LINK_PARAMS } from '../modules/auth/file-links';
import { MAX_IMAGE_BYTES } from '../modules/orders/images';
import { isStorageFull, knownError } from '../rpc/errors';
import { hostChecker, parseAllowedHosts } from './hosts';
import { buildOpenApi } from './openapi';
import { deviceGate, deviceOf, type PeerAddress, peerOf } from './peer';
import { bearer, fileLinkUser, requestedLocale, securityHeaders, sendAppError, sendError, sendFile } from './reply';
import { registerStatic } from './static';
import { registerUpdateMirror } from './updates';
import { attachWebSocket } from './ws';

/** A path the renderer may route (letters, digits, dashes and slashes; not the API, files or the update mirror). */
const APP_ROUTE = /^\/(?!api\/|api$|updates\/|assets\/)[a-z0-9][a-z0-9/-]{0,200}$/i;

export { CSP } from './reply';

/** Longest URL (path and query) the server reads; longer ones get 414. */
export const MAX_URL_LENGTH = 8192;
/** Longest path parameter (ids are at most 64 characters). */
export const MAX_PARAM_LENGTH = 200;

export interface ServerOptions {
  /** Folder of the built renderer (index.html); served at `/` when present. */
  rendererDir?: string | null;
  /** WebSocket keep-alive ping interval. */
  pingIntervalMs?: number;
  /** Extra `Host` names the server answers for (default: `BALCAO_ALLOWED_HOSTS`, comma-separated). */
  allowedHosts?: string[];
  /** desk: folder of the update mirror served at `/updates/…` (the latest installer and `latest.yml`). */
  updatesDir?: string | null;
  /** desk: told how many people use Balcão from other devices (WebSocket clients not on this computer). */
  onLanUsers?: (count: number) => void;
  /** desk: test-only override of the peer address (see `http/peer.ts`); never set in production. */
  peerAddress?: PeerAddress;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  414: 'URI Too Long',
  431: 'Request Header Fields Too Large',
};

/** An error answer written straight on the socket, for requests Node could not even parse. */
function rawError(status: number, code: string, message: string): string {
  const body = JSON.stringify({ error: { code, message, fields: {} } });
  return (
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Bad Request'}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'X-Content-Type-Options: nosniff\r\nX-Frame-Options: DENY\r\nReferrer-Policy: no-referrer\r\n' +
    "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'; sandbox\r\n" +
    `Cache-Control: no-store\r\nConnection: close\r\n\r\n${body}`
  );
}

/** `/api/customers/:id` → a regular expression for concrete paths (to tell 405 from 404). */
function routePattern(url: string): RegExp {
  const source = url
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/**
 * A multipart upload becomes the same `{dataUrl}` input the JSON route takes (content is checked
 * later); plain fields sent before the file (an import's `mode`, `mapping`) come along as strings.
 */
async function multipartInput(request: FastifyRequest, proc: Procedure): Promise<Record<string, unknown>> {
  const type = String(request.headers['content-type'] ?? '');
  if (!/;\s*boundary=("[^"]+"|[^\s;]+)/i.test(type)) throw new AppError('VALIDATION', msg('error.multipartBoundary'));
  let file: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    file = await request.file({ limits: { fileSize: proc.uploadLimit ?? MAX_IMAGE_BYTES } });
  } catch (err) {
    if (err instanceof AppError || (err as FastifyError).statusCode === 413) throw err;
    throw new AppError('VALIDATION', msg('error.multipartBoundary'));
  }
  if (!file) return {};
  const bytes = await file.toBuffer();
  if (file.file.truncated)
    throw new AppError(
      'TOO_LARGE',
      proc.uploadLimit
        ? msg('import.tooLarge', { mb: Math.round(proc.uploadLimit / 1024 / 1024) })
        : msg('media.tooLarge'),
    );
  const fields: Record<string, string> = {};
  for (const [name, part] of Object.entries(file.fields)) {
    const one = Array.isArray(part) ? part[0] : part;
    if (one && one.type === 'field' && name !== 'dataUrl' && typeof one.value === 'string') fields[name] = one.value;
  }
  return { ...fields, dataUrl: `data:application/octet-stream;base64,${bytes.toString('base64')}` };
}

/**
 * A procedure that takes a large file (`streamUpload`: a backup ZIP, an art file): the caller's
 * session and permission are checked first, then the multipart file is streamed to disk under a
 * random token, which becomes the input (`{upload}`, with the route's path params). Nothing is
 * held in memory. Art files go through the art store, which hashes, sniffs and counts them as they
 * pass and enforces the shop's own size limit (`modules/art/store.ts`).
 */
async function streamedUploadInput(
  app: App,
  name: string,
  proc: Procedure,
  request: FastifyRequest,
): Promise<Record<string, unknown>> {
  const token = bearer(request);
  const session = token ? await app.services.sessions.resolve(token) : null;
  if (!session) throw new AppError('UNAUTHENTICATED', msg('error.UNAUTHENTICATED'));
  if (!can(session.user.role, proc.permission)) throw new AppError('FORBIDDEN', msg('error.FORBIDDEN'));
  if (!request.isMultipart()) throw new AppError('VALIDATION', msg('error.multipartBoundary'));
  const type = String(request.headers['content-type'] ?? '');
  if (!/;\s*boundary=("[^"]+"|[^\s;]+)/i.test(type)) throw new AppError('VALIDATION', msg('error.multipartBoundary'));
  const params = (request.params ?? {}) as Record<string, string>;
  const isArt = name.startsWith('art.');
  const limit = isArt ? await artMaxBytes(app.db) : (proc.streamUpload ?? 0);
  let file: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    file = await request.file({ limits: { fileSize: limit, files: 1 } });
  } catch {
    throw new AppError('VALIDATION', msg('error.multipartBoundary'));
  }
  if (!file) throw new AppError('VALIDATION', isArt ? msg('art.uploadMissing') : msg('backups.uploadMissing'));
  if (isArt) {
    const stream = file.file;
    const upload = await app.services.art.receive(stream, file.filename, limit, () => stream.truncated);
    return { ...params, upload };
  }
  const upload = randomBytes(16).toString('hex');
  const target = await app.services.backups.incomingFile(upload);
  try {
    await pipeline(file.file, fs.createWriteStream(target));
  } catch (err) {
    await fs.promises.rm(target, { force: true });
    throw err;
  }
  if (file.file.truncated) {
    await fs.promises.rm(target, { force: true });
    throw new AppError('TOO_LARGE', msg('error.tooLarge'));
  }
  return { ...params, upload };
}

/** The input of a procedure from an HTTP request: path params win over query/body; a signed link's own parameters are not input. */
async function inputOf(proc: Procedure, request: FastifyRequest): Promise<unknown> {
  const params = (request.params ?? {}) as Record<string, string>;
  if (request.isMultipart()) return { ...(await multipartInput(request, proc)), ...params };
  let source = proc.method === 'GET' || proc.method === 'DELETE' ? request.query : request.body;
  if (fileMimeOf(proc) && source && typeof source === 'object' && !bearer(request)) {
    const query = { ...(source as Record<string, unknown>) };
    for (const name of LINK_PARAMS) delete query[name];
    source = query;
  }
  if (source === undefined || source === null) return { ...params };
  if (typeof source !== 'object' || Array.isArray(source)) return source;
  return { ...(source as Record<string, unknown>), ...params };
}

/** The LAN server: routes generated from the contract, OpenAPI, WebSocket, static UI. */
export async function buildServer(app: App, options: ServerOptions = {}): Promise<FastifyInstance> {
  const hostAllowed = hostChecker(options.allowedHosts ?? parseAllowedHosts(process.env.BALCAO_ALLOWED_HOSTS));
  const server = Fastify({
    logger: false,
    // Every request gets its own id (a client's X-Request-Id is not trusted): the dispatcher's log
    // line names it and the answer carries it back.
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    forceCloseConnections: true,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Errors the router meets before any route (bad % encoding, an over-long parameter): our shape too.
    frameworkErrors: (error, _request, reply) => {
      if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
        return sendError(reply, 414, { code: 'URI_TOO_LONG', message: msg('error.URI_TOO_LONG') });
      if (error.code === 'FST_ERR_BAD_URL')
        return sendError(reply, 400, { code: 'VALIDATION', message: msg('error.badUrl') });
      return sendError(reply, 400, { code: 'VALIDATION', message: msg('error.VALIDATION') });
    },
    // Requests Node's HTTP parser refuses (headers or URL past its limit, garbage).
    clientErrorHandler: (err, socket) => {
      if ((err as NodeJS.ErrnoException).code === 'ECONNRESET' || socket.destroyed) return;
      const tooLong = (err as NodeJS.ErrnoException).code === 'HPE_HEADER_OVERFLOW';
      if (socket.writable) {
        socket.end(
          tooLong
            ? rawError(431, 'URI_TOO_LONG', t('error.URI_TOO_LONG'))
            : rawError(400, 'VALIDATION', t('error.VALIDATION')),
        );
      }
      socket.destroy();
    },
  });

  // Every route, to answer 405 (with Allow) for a known path asked with another method.
  const routes: Array<{ method: string; pattern: RegExp }> = [];
  server.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.url.includes('*')) return; // the UI's static catch-all answers GET anywhere
    for (const method of methods) routes.push({ method: String(method), pattern: routePattern(route.url) });
  });

  // External plugins first, then ours, then routes (Fastify's recommended order).
  await server.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  await server.register(fastifyMultipart, { limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 10 } });

  const log = app.services.log;
  /** A failure outside the dispatcher (body parsing, a file route): with the request's id, never its query (a link's `sig`). */
  const logHttp = (request: FastifyRequest, error: unknown, msgText: string) =>
    log.error(
      { evt: 'http', reqId: request.id, method: request.method, path: request.url.split('?')[0], err: error },
      msgText,
    );

  server.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    const known = knownError(error);
    if (known) {
      if (isStorageFull(error)) {
        app.services.storage.markFull();
        logHttp(request, error, 'disk full');
      }
      return sendAppError(reply, known);
    }
    const status = (error as FastifyError).statusCode ?? 500;
    const code = (error as FastifyError).code;
    if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError)
      return sendError(reply, 400, { code: 'VALIDATION', message: msg('error.invalidJson') });
    if (status === 413) return sendError(reply, 413, { code: 'TOO_LARGE', message: msg('error.tooLarge') });
    if (status === 414) return sendError(reply, 414, { code: 'URI_TOO_LONG', message: msg('error.URI_TOO_LONG') });
    if (status === 415 || code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return sendError(reply, 415, { code: 'UNSUPPORTED_MEDIA', message: msg('error.UNSUPPORTED_MEDIA') });
    if (status === 404) return sendError(reply, 404, { code: 'NOT_FOUND', message: msg('error.unknownRoute') });
    if (status === 405)
      return sendError(reply, 405, { code: 'METHOD_NOT_ALLOWED', message: msg('error.METHOD_NOT_ALLOWED') });
    if (status >= 400 && status < 500) {
      return sendError(reply, 400, { code: 'VALIDATION', message: msg('error.VALIDATION') });
    }
    logHttp(request, error, 'server error');
    return sendError(reply, 500, { code: 'INTERNAL', message: msg('error.INTERNAL') });
  });

  // Before anything else: the Host must name this server (DNS rebinding), and the URL be of sane length.
  server.addHook('onRequest', async (request, reply) => {
    if (!hostAllowed(request.headers.host))
      return sendError(reply, 421, { code: 'MISDIRECTED', message: msg('error.MISDIRECTED') });
    if (request.url.length > MAX_URL_LENGTH)
      return sendError(reply, 414, { code: 'URI_TOO_LONG', message: msg('error.URI_TOO_LONG') });
    // Devices on the shop network need an admin's approval (loopback always passes).
    if (await deviceGate(app, request, reply, options.peerAddress)) return reply;
  });

  server.addHook('onSend', async (request, reply, payload) => {
    securityHeaders(reply);
    reply.header('X-Request-Id', request.id);
    if (request.url.startsWith('/api/')) {
      if (!reply.hasHeader('cache-control')) reply.header('Cache-Control', 'no-store');
      // Client-mode PCs compare their version with the main PC's (`electron/client-mode.ts`).
      reply.header('X-Balcao-Version', app.services.version);
    }
    return payload;
  });

  // JSON only (and multipart for images): text/plain and anything else is 415.
  server.removeContentTypeParser('text/plain');
  // Accept an empty body on POSTs that take no input (logout, reactivate). Invalid UTF-8 is refused,
  // not silently replaced by U+FFFD.
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  server.removeContentTypeParser('application/json');
  server.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => {
    let text: string;
    try {
      text = typeof body === 'string' ? body : utf8.decode(body);
    } catch {
      return done(new AppError('VALIDATION', msg('error.invalidUtf8')), undefined);
    }
    if (text.trim() === '') return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new AppError('VALIDATION', msg('error.invalidJson')), undefined);
    }
  });

  for (const [name, p] of Object.entries(contract)) {
    const proc = p as unknown as Procedure;
    const isFile = fileMimeOf(proc) !== null;
    server.route({
      method: proc.method,
      url: proc.path,
      ...(proc.bodyLimit && { bodyLimit: proc.bodyLimit }),
      handler: async (request, reply) => {
        const idem = request.headers['idempotency-key'];
        const token = bearer(request);
        // A file (PDF, CSV, image) opens from a link or an <img>, which send no header: a signed
        // link from `files.link` names the user instead (`?token=` is never accepted).
        const asUserId = isFile && !token ? await fileLinkUser(request, app) : undefined;
        const input = proc.streamUpload
          ? await streamedUploadInput(app, name, proc, request)
          : await inputOf(proc, request);
        const output = await app.dispatcher.call(name, input, {
          transport: 'http',
          requestId: request.id,
          token,
          ip: peerOf(request),
          userAgent: request.headers['user-agent'],
          device: deviceOf(request),
          ...(asUserId !== undefined && { asUserId }),
          locale: requestedLocale(request),
          ...(typeof idem === 'string' && idem && { idempotencyKey: idem }),
        });
        if (isFileBody(output)) return sendFile(reply, output);
        return reply.status(proc.status ?? 200).send(output);
      },
    });
  }

  let openapi: unknown = null;
  server.get('/api/openapi.json', async () => {
    openapi ??= buildOpenApi(app.services.version);
    return openapi;
  });

  attachWebSocket(server, app, {
    pingIntervalMs: options.pingIntervalMs ?? 30_000,
    ...(options.onLanUsers && { onLanUsers: options.onLanUsers }),
  });
  if (options.updatesDir) registerUpdateMirror(server, options.updatesDir);

  const rendererDir = options.rendererDir;
  const hasRenderer = Boolean(rendererDir && fs.existsSync(path.join(rendererDir, 'index.html')));
  if (rendererDir && hasRenderer) {
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

  server.setNotFoundHandler((request, reply: FastifyReply) => {
    const pathname = request.url.split('?')[0] ?? '';
    if (pathname.split('/').some((part) => part.length > MAX_PARAM_LENGTH))
      return sendError(reply, 414, { code: 'URI_TOO_LONG', message: msg('error.URI_TOO_LONG') });
    const allowed = [...new Set(routes.filter((r) => r.pattern.test(pathname)).map((r) => r.method))];
    if (allowed.length && !allowed.includes(request.method)) {
      reply.header('Allow', allowed.join(', '));
      return sendError(reply, 405, { code: 'METHOD_NOT_ALLOWED', message: msg('error.METHOD_NOT_ALLOWED') });
    }
    // A page of the app typed or scanned without its hash (`/pedidos/5`, an old bookmark): a browser
    // asking for HTML is sent to the app's route (`/#/pedidos/5`); the API keeps its JSON 404.
    if (
      hasRenderer &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      APP_ROUTE.test(pathname) &&
      (request.headers.accept ?? '').includes('text/html')
    )
      return reply.redirect(`/#${pathname}`, 302);
    return sendError(reply, 404, { code: 'NOT_FOUND', message: msg('error.unknownRoute') });
  });

  return server;
}
