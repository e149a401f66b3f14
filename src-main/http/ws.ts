import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { PresenceClientMessage, ServerMessage } from '../../src-shared/contract/bridge';
import { clientEvent } from '../../src-shared/contract/events';
import { msg } from '../../src-shared/i18n';
import type { Role } from '../../src-shared/permissions';
import type { App } from '../app';
import { eventIsFor } from '../events/bus';
import { toPresenceClientMessage } from '../events/presence';
import { isLoopback } from './hosts';
import { peerOf } from './peer';
import { sendError } from './reply';

interface Client {
  socket: WebSocket;
  userId: number;
  userName: string;
  role: Role;
  sessionId: number;
  alive: boolean;
  /** Connected from another device on the shop network (not this computer). */
  lan: boolean;
}

/** A client's presence message, or null for anything else (ignored). */
export function parsePresence(text: string): PresenceClientMessage | null {
  if (text.length > 200) return null;
  try {
    return toPresenceClientMessage(JSON.parse(text));
  } catch {
    return null;
  }
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
export function attachWebSocket(
  server: FastifyInstance,
  app: App,
  opts: { pingIntervalMs: number; onLanUsers?: (count: number) => void },
): void {
  const clients = new Set<Client>();
  let lanUsers = 0;
  /** People (distinct users) connected from other devices: the desktop shell warns before quitting. */
  const countLan = () => {
    const users = new Set<number>();
    for (const client of clients) if (client.lan) users.add(client.userId);
    if (users.size !== lanUsers) {
      lanUsers = users.size;
      opts.onLanUsers?.(lanUsers);
    }
  };

  const send = (client: Client, message: ServerMessage) => {
    if (client.socket.readyState === client.socket.OPEN) client.socket.send(JSON.stringify(message));
  };

  const unsubscribe = app.events.subscribe((event) => {
    for (const client of clients)
      if (eventIsFor(event, { id: client.userId, role: client.role }))
        send(client, { kind: 'event', event: clientEvent(event) });
  });
  // Presence is shared with the desktop windows (IPC): every change reaches every client here.
  const unsubscribePresence = app.presence.subscribe((message) => {
    for (const client of clients) send(client, message);
  });

  app.services.sessions.onRevoke = (sessionIds) => {
    const ended = new Set(sessionIds);
    for (const client of clients) if (ended.has(client.sessionId)) client.socket.close(4401, 'Sessão encerrada');
  };

  const timer = setInterval(() => {
    for (const client of clients) {
      if (!client.alive) {
        client.socket.terminate(); // 'close' follows and removes the client
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
    unsubscribePresence();
    for (const client of clients) client.socket.close(1001, 'Servidor encerrando');
  });

  type Authed = FastifyRequest & {
    balcaoSession?: { userId: number; userName: string; role: Role; sessionId: number };
  };

  server.get(
    '/ws',
    {
      websocket: true,
      preValidation: async (request: Authed, reply) => {
        if (!originAllowed(request.headers.origin, request.headers.host)) {
          return sendError(reply, 403, { code: 'FORBIDDEN', message: msg('error.originForbidden') });
        }
        const token = (request.query as Record<string, unknown>).token;
        const session = typeof token === 'string' ? await app.services.sessions.resolve(token) : null;
        if (!session) return sendError(reply, 401, { code: 'UNAUTHENTICATED', message: msg('error.UNAUTHENTICATED') });
        request.balcaoSession = {
          userId: session.user.id,
          userName: session.user.name,
          role: session.user.role,
          sessionId: session.sessionId,
        };
      },
    },
    (socket, request: Authed) => {
      const session = request.balcaoSession;
      if (!session) {
        socket.close(4401, 'Não autenticado');
        return;
      }
      const client: Client = { socket, ...session, alive: true, lan: !isLoopback(peerOf(request)) };
      clients.add(client);
      countLan();
      // Tell the newcomer who is editing what right now.
      for (const message of app.presence.snapshot()) send(client, message);
      socket.on('pong', () => {
        client.alive = true;
      });
      socket.on('message', (data) => {
        client.alive = true;
        const text = String(data);
        if (text === '{"kind":"ping"}') {
          socket.send('{"kind":"pong"}');
          return;
        }
        const message = parsePresence(text);
        if (message && clients.has(client)) {
          const user = { id: client.userId, name: client.userName };
          app.presence.set(client, user, message.id === null ? null : { entity: message.entity, id: message.id });
        }
      });
      const leave = () => {
        if (!clients.delete(client)) return;
        app.presence.leave(client);
        countLan();
      };
      socket.on('close', leave);
      socket.on('error', leave);
    },
  );
}
