import type { ClientMessage, PresenceClientMessage, ServerMessage } from '../../src-shared/contract/bridge';
import { clientEvent } from '../../src-shared/contract/events';
import type { ChangeEvent } from '../../src-shared/contract/procedure';
import { AppError, type ErrorBody } from '../../src-shared/errors';
import { isLocale, type Locale, msg } from '../../src-shared/i18n';
import type { Role } from '../../src-shared/permissions';
import { eventIsFor } from '../events/bus';
import { type PresenceHub, type PresenceTarget, toPresenceClientMessage } from '../events/presence';
import { knownError } from './errors';
import type { Dispatch, EventSource, SessionCheck } from './types';

/**
 * The least a message port must offer. Both Electron's `MessagePortMain` (whose `'message'`
 * listener gets a `MessageEvent` `{data, ports}`) and Node's `worker_threads` `MessagePort`
 * (whose listener gets the data itself) satisfy it; `unwrapPortMessage` evens out the difference.
 */
export interface PortLike {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  /** Electron queues messages until `start()`; Node starts on its own once a listener is attached. */
  start?(): void;
  close(): void;
}

export interface PortBridgeDeps {
  dispatch: Dispatch;
  events: EventSource;
  checkSession: SessionCheck;
  /** Who is editing what: shared with the LAN WebSocket, so windows and browsers see each other. */
  presence: PresenceHub;
  /** Where unexpected (non-AppError) failures are reported (the core's logger). */
  log: (message: string, err: unknown) => void;
}

/**
 * Electron hands listeners a `MessageEvent` (`{data, ports}`); Node hands the data itself.
 * A `ClientMessage` always carries `kind` and never `ports`, so the two cannot be confused;
 * the wrapper is removed at most once.
 */
export function unwrapPortMessage(raw: unknown): unknown {
  if (typeof raw === 'object' && raw !== null && !('kind' in raw) && 'data' in raw && 'ports' in raw) {
    const ports = (raw as { ports: unknown }).ports;
    if (Array.isArray(ports)) return (raw as { data: unknown }).data;
  }
  return raw;
}

type Parsed = { ok: true; message: ClientMessage } | { ok: false; id: number | null }; // id is set when a malformed message can still be answered

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCallId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Checks the shape of a renderer message; nothing from the renderer is trusted. */
export function parseClientMessage(data: unknown): Parsed {
  if (!isRecord(data)) return { ok: false, id: null };
  const id = isCallId(data.id) ? data.id : null;
  if (data.kind === 'call') {
    const token = data.token === undefined ? null : data.token;
    if (id === null || typeof data.name !== 'string' || data.name === '') return { ok: false, id };
    if (token !== null && typeof token !== 'string') return { ok: false, id };
    const locale = isLocale(data.locale) ? data.locale : null;
    return {
      ok: true,
      message: { kind: 'call', id, name: data.name, input: data.input, token, ...(locale && { locale }) },
    };
  }
  if (data.kind === 'subscribe' && typeof data.token === 'string') {
    return { ok: true, message: { kind: 'subscribe', token: data.token } };
  }
  if (data.kind === 'presence') {
    // Its `id` is a record id, never a call id: a malformed one is dropped, not answered.
    const message = toPresenceClientMessage(data);
    return message ? { ok: true, message } : { ok: false, id: null };
  }
  return { ok: false, id };
}

/**
 * Any failure → the error body that may cross the wire, in `locale` when given (else as the
 * dispatcher rendered it); unexpected ones never show their stack or text.
 */
export function toErrorBody(err: unknown, locale?: Locale): ErrorBody {
  const known = knownError(err) ?? new AppError('INTERNAL', msg('error.INTERNAL'));
  return (locale ? known.in(locale) : known).toBody();
}

/**
 * Serves one renderer over one port: calls go to the dispatcher, and after a `subscribe` with a
 * valid session the port receives every change event and every presence message (a snapshot
 * first). Returns `detach`, which stops serving, unsubscribes, leaves the presence and closes the
 * port; the port closing from the other side does the same.
 *
 * Subscription follows the latest `subscribe` message: a valid token subscribes (once, however
 * often it is repeated); an invalid one leaves the port without events, ending any earlier
 * subscription and presence, since the window's session is no longer valid.
 *
 * A `presence` message says what the window edits. It counts only while subscribed with a valid
 * session (whose user is the one shown); the latest one is kept, so one sent right after
 * `subscribe`, before the session check answers, takes effect once it does.
 */
export function attachPort(port: PortLike, deps: PortBridgeDeps): () => void {
  const { log } = deps;
  let attached = true;
  let unsubscribe: (() => void) | null = null;
  // Sessions are checked asynchronously; only the answer to the latest subscribe counts.
  let subscribeSeq = 0;
  /** The subscribed session's user; null while not subscribed. */
  let user: { id: number; name: string; role: Role } | null = null;
  /** What the window says it edits (latest presence message). */
  let editing: PresenceTarget | null = null;
  /** This port's key in the presence hub. */
  const conn = {};

  const post = (message: ServerMessage): void => {
    if (!attached) return;
    try {
      port.postMessage(message);
      return;
    } catch (err) {
      log('[port-bridge] falha ao enviar mensagem ao renderer', err);
      // A value that cannot be cloned (e.g. a function in an output) must still answer its call.
      if (message.kind !== 'result' || !message.ok) return;
      try {
        port.postMessage({
          kind: 'result',
          id: message.id,
          ok: false,
          error: toErrorBody(err),
        } satisfies ServerMessage);
      } catch {
        // The port is gone; nobody is waiting for the answer.
      }
    }
  };

  const stopEvents = (): void => {
    unsubscribe?.();
    unsubscribe = null;
    user = null;
    deps.presence.leave(conn);
  };

  const applyPresence = (): void => {
    if (user) deps.presence.set(conn, user, editing);
  };

  const handleCall = async (message: Extract<ClientMessage, { kind: 'call' }>): Promise<void> => {
    try {
      const value = await deps.dispatch.call(message.name, message.input, {
        token: message.token,
        transport: 'ipc',
        ...(message.locale && { locale: message.locale }),
      });
      post({ kind: 'result', id: message.id, ok: true, value });
    } catch (err) {
      if (!(err instanceof AppError)) log(`[port-bridge] erro inesperado em ${message.name}`, err);
      post({ kind: 'result', id: message.id, ok: false, error: toErrorBody(err, message.locale) });
    }
  };

  const handleSubscribe = async (token: string): Promise<void> => {
    const seq = ++subscribeSeq;
    let session: Awaited<ReturnType<SessionCheck>> = null;
    try {
      session = await deps.checkSession(token);
    } catch (err) {
      log('[port-bridge] falha ao verificar a sessão', err);
    }
    if (!attached || seq !== subscribeSeq) return;
    if (!session) {
      stopEvents();
      return;
    }
    const wasSubscribed = unsubscribe !== null;
    const changedUser = user !== null && (user.id !== session.userId || user.name !== session.name);
    user = { id: session.userId, name: session.name, role: session.role };
    if (wasSubscribed) {
      if (changedUser) applyPresence();
      return;
    }
    const stopChanges = deps.events.subscribe((event: ChangeEvent) => {
      if (user && eventIsFor(event, user)) post({ kind: 'event', event: clientEvent(event) });
    });
    const stopPresence = deps.presence.subscribe((message) => post(message));
    unsubscribe = () => {
      stopChanges();
      stopPresence();
    };
    // Tell the window who is editing what right now, then what it edits itself (if anything).
    for (const message of deps.presence.snapshot()) post(message);
    if (editing) applyPresence();
  };

  const handlePresence = (message: PresenceClientMessage): void => {
    editing = message.id === null ? null : { entity: message.entity, id: message.id };
    applyPresence();
  };

  const onMessage = (raw: unknown): void => {
    const parsed = parseClientMessage(unwrapPortMessage(raw));
    if (!parsed.ok) {
      if (parsed.id !== null) {
        post({
          kind: 'result',
          id: parsed.id,
          ok: false,
          error: toErrorBody(new AppError('VALIDATION', msg('error.VALIDATION'))),
        });
      }
      return;
    }
    if (parsed.message.kind === 'call') void handleCall(parsed.message);
    else if (parsed.message.kind === 'subscribe') void handleSubscribe(parsed.message.token);
    else handlePresence(parsed.message);
  };

  const release = (): boolean => {
    if (!attached) return false;
    attached = false;
    stopEvents();
    port.off('message', onMessage);
    port.off('close', onClose);
    return true;
  };

  function onClose(): void {
    release();
  }

  port.on('message', onMessage);
  port.on('close', onClose);
  port.start?.();

  return () => {
    if (release()) port.close();
  };
}
