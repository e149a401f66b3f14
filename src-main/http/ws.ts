import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { PresenceClientMessage, PresenceMessage, ServerMessage } from '../../src-shared/contract/bridge';
import { msg } from '../../src-shared/i18n';
import type { App } from '../app';
import { eventIsFor } from '../events/bus';

interface Client {
  socket: WebSocket;
  userId: number;
  userName: string;
  sessionId: number;
  alive: boolean;
  editing: { entity: 'order' | 'customer'; id: number } | null;
}

/** A client's presence message, or null for anything else (ignored). */
export function parsePresence(text: string): PresenceClientMessage | null {
  if (text.length > 200) return null;
  try {
    const m = JSON.parse(text) as Partial<PresenceClientMessage>;
    if (m.kind !== 'presence' || (m.entity !== 'order' && m.entity !== 'customer')) return null;
    if (m.id !== null && !(Number.isInteger(m.id) && (m.id as number) > 0)) return null;
    return { kind: 'presence', entity: m.entity, id: m.id ?? null };
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
export function attachWebSocket(server: FastifyInstance, app: App, opts: { pingIntervalMs: number }): void {
  const clients = new Set<Client>();

  const send = (client: Client, message: ServerMessage) => {
    if (client.socket.readyState === client.socket.OPEN) client.socket.send(JSON.stringify(message));
  };

  /** Who is editing one record, each user once. */
  const presenceOf = (entity: 'order' | 'customer', id: number): PresenceMessage => {
    const users = new Map<number, string>();
    for (const c of clients) if (c.editing?.entity === entity && c.editing.id === id) users.set(c.userId, c.userName);
    return { kind: 'presence', entity, id, users: [...users].map(([uid, name]) => ({ id: uid, name })) };
  };
  const broadcastPresence = (entity: 'order' | 'customer', id: number) => {
    const message = presenceOf(entity, id);
    for (const c of clients) send(c, message);
  };
  const setEditing = (client: Client, next: Client['editing']) => {
    const before = client.editing;
    client.editing = next;
    if (before) broadcastPresence(before.entity, before.id);
    if (next && (next.entity !== before?.entity || next.id !== before?.id)) broadcastPresence(next.entity, next.id);
  };

  const unsubscribe = app.events.subscribe((event) => {
    for (const client of clients) if (eventIsFor(event, client.userId)) send(client, { kind: 'event', event });
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
    for (const client of clients) client.socket.close(1001, 'Servidor encerrando');
  });

  type Authed = FastifyRequest & { balcaoSession?: { userId: number; userName: string; sessionId: number } };

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
        request.balcaoSession = { userId: session.user.id, userName: session.user.name, sessionId: session.sessionId };
      },
    },
    (socket, request: Authed) => {
      const session = request.balcaoSession;
      if (!session) {
        socket.close(4401, 'Não autenticado');
        return;
      }
      const client: Client = { socket, ...session, alive: true, editing: null };
      clients.add(client);
      // Tell the newcomer who is editing what right now.
      const open = new Set<string>();
      for (const c of clients) if (c.editing) open.add(`${c.editing.entity}:${c.editing.id}`);
      for (const key of open) {
        const [entity, id] = key.split(':') as ['order' | 'customer', string];
        send(client, presenceOf(entity, Number(id)));
      }
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
        if (message) setEditing(client, message.id === null ? null : { entity: message.entity, id: message.id });
      });
      const leave = () => {
        if (!clients.delete(client)) return;
        if (client.editing) {
          const { entity, id } = client.editing;
          client.editing = null;
          broadcastPresence(entity, id);
        }
      };
      socket.on('close', leave);
      socket.on('error', leave);
    },
  );
}
