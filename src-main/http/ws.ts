import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { ServerMessage } from '../../src-shared/contract/bridge';
import { msg } from '../../src-shared/i18n';
import type { App } from '../app';

interface Client {
  socket: WebSocket;
  userId: number;
  sessionId: number;
  alive: boolean;
}

/** A browser may connect only from the app's own origin; clients without Origin (scripts) rely on the token. */
export function originAllowed(origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true;
  if (!host) return false;
  try {
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}

/** `/ws?token=…`: every committed write reaches every connected client as `{kind:'event', event}`. */
export function attachWebSocket(server: FastifyInstance, app: App, opts: { pingIntervalMs: number }): void {
  const clients = new Set<Client>();

  const send = (client: Client, message: ServerMessage) => {
    if (client.socket.readyState === client.socket.OPEN) client.socket.send(JSON.stringify(message));
  };

  const unsubscribe = app.events.subscribe((event) => {
    for (const client of clients) send(client, { kind: 'event', event });
  });

  app.services.sessions.onRevoke = (sessionIds) => {
    const ended = new Set(sessionIds);
    for (const client of clients) if (ended.has(client.sessionId)) client.socket.close(4401, 'Sessão encerrada');
  };

  const timer = setInterval(() => {
    for (const client of clients) {
      if (!client.alive) {
        client.socket.terminate();
        clients.delete(client);
        continue;
      }
      client.alive = false;
      client.socket.ping();
    }
  }, opts.pingIntervalMs);
  timer.unref();

  server.addHook('onClose', async () => {
    clearInterval(timer);
    unsubscribe();
    for (const client of clients) client.socket.close(1001, 'Servidor encerrando');
  });

  type Authed = FastifyRequest & { balcaoSession?: { userId: number; sessionId: number } };

  server.get(
    '/ws',
    {
      websocket: true,
      preValidation: async (request: Authed, reply) => {
        if (!originAllowed(request.headers.origin, request.headers.host)) {
          return reply.status(403).send({ error: { code: 'FORBIDDEN', message: 'Origem não permitida.' } });
        }
        const token = (request.query as Record<string, unknown>).token;
        const session = typeof token === 'string' ? await app.services.sessions.resolve(token) : null;
        if (!session)
          return reply.status(401).send({ error: { code: 'UNAUTHENTICATED', message: msg('error.UNAUTHENTICATED') } });
        request.balcaoSession = { userId: session.user.id, sessionId: session.sessionId };
      },
    },
    (socket, request: Authed) => {
      const session = request.balcaoSession;
      if (!session) {
        socket.close(4401, 'Não autenticado');
        return;
      }
      const client: Client = { socket, ...session, alive: true };
      clients.add(client);
      socket.on('pong', () => {
        client.alive = true;
      });
      socket.on('message', (data) => {
        client.alive = true;
        if (String(data) === '{"kind":"ping"}') socket.send('{"kind":"pong"}');
      });
      socket.on('close', () => clients.delete(client));
      socket.on('error', () => clients.delete(client));
    },
  );
}
