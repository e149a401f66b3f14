import type {
  BalcaoBridge,
  ClientMessage,
  PresenceClientMessage,
  PresenceMessage,
  ServerMessage,
} from '../../src-shared/contract/bridge';
import type { ChangeEvent } from '../../src-shared/contract/procedure';
import { AppError, type ErrorBody, isErrorBody } from '../../src-shared/errors';
import { msg } from '../../src-shared/i18n';

/**
 * The renderer end of the bridge, as the preload runs it: turns `window.balcao.call/subscribe/presence`
 * into messages on the MessagePort main handed over, and answers back into promises and event
 * handlers. No Electron and no Node here: the preload is sandboxed, and tests drive this with a
 * `worker_threads` MessageChannel.
 */

/** The DOM `MessagePort` in the preload (and Node's `MessagePort`, which offers the same). */
export interface RendererPortLike {
  postMessage(message: unknown): void;
  /** 'message' events carry the data in `.data`; typed loosely so DOM and Node ports both fit. */
  addEventListener(type: 'message' | 'close', listener: (event: object) => void): void;
  start(): void;
  close(): void;
}

export interface BridgeClient {
  /** The object to expose as `window.balcao`: plain functions only, nothing else reachable. */
  readonly bridge: BalcaoBridge;
  /**
   * Uses a (new) port to the core: given on first load, after a reload and after a core restart.
   * Calls already sent on the previous port are rejected (their answer can no longer arrive);
   * calls made before any port existed are sent now; active subscriptions are renewed.
   */
  connect(port: RendererPortLike): void;
}

/** Refusals made here, in pt-BR; their `key` lets the renderer show them in its own language. */
const CONNECTION_LOST: ErrorBody = new AppError('INTERNAL', msg('error.connectionLost')).toBody();
const NOT_SENDABLE: ErrorBody = new AppError('VALIDATION', msg('error.notSendable')).toBody();
const UNEXPECTED_ANSWER: ErrorBody = new AppError('INTERNAL', msg('error.INTERNAL')).toBody();

/** A plain copy, so only the ErrorBody fields cross contextBridge to the page. */
function cleanErrorBody(value: unknown): ErrorBody {
  if (!isErrorBody(value)) return UNEXPECTED_ANSWER;
  const body: ErrorBody = { code: value.code, message: value.message, fields: { ...(value.fields ?? {}) } };
  if (typeof value.key === 'string') body.key = value.key;
  if (value.retryAfterS !== undefined) body.retryAfterS = value.retryAfterS;
  return body;
}

/** A plain copy of a well-formed presence message (only its fields cross contextBridge), or null. */
function cleanPresence(value: Partial<PresenceMessage>): PresenceMessage | null {
  if (value.entity !== 'order' && value.entity !== 'customer') return null;
  if (typeof value.id !== 'number' || !Array.isArray(value.users)) return null;
  const users: PresenceMessage['users'] = [];
  for (const u of value.users as unknown[]) {
    if (typeof u !== 'object' || u === null) continue;
    const { id, name } = u as { id?: unknown; name?: unknown };
    if (typeof id === 'number' && typeof name === 'string') users.push({ id, name });
  }
  return { kind: 'presence', entity: value.entity, id: value.id, users };
}

interface Subscription {
  token: string;
  handler: (event: ChangeEvent) => void;
  onPresence: ((message: PresenceMessage) => void) | undefined;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: ErrorBody): void;
  /** The port the call went out on; null while it waits for the first port. */
  sentOn: RendererPortLike | null;
}

export function createBridgeClient(options: { log?: (message: string, err: unknown) => void } = {}): BridgeClient {
  const log = options.log ?? ((message: string, err: unknown) => console.error(message, err));
  let port: RendererPortLike | null = null;
  let nextId = 1;
  let nextSubscription = 1;
  const pending = new Map<number, Pending>();
  /** Calls made before the first port arrived, in order. */
  const queue: Array<Extract<ClientMessage, { kind: 'call' }>> = [];
  const subscriptions = new Map<number, Subscription>();
  /** What this window edits; sent again on every new port, since the core forgets a closed one. */
  let presence: PresenceClientMessage | null = null;

  const sendCall = (message: Extract<ClientMessage, { kind: 'call' }>): void => {
    const entry = pending.get(message.id);
    if (!entry || !port) return;
    try {
      port.postMessage(message);
      entry.sentOn = port;
    } catch {
      // Input that cannot be cloned (a function, a DOM node…).
      pending.delete(message.id);
      entry.reject(NOT_SENDABLE);
    }
  };

  /** The port follows the latest subscribe, so renewing sends the newest active token. */
  const sendSubscribe = (): void => {
    const latest = [...subscriptions.values()].pop();
    if (port && latest) port.postMessage({ kind: 'subscribe', token: latest.token } satisfies ClientMessage);
  };

  const sendPresence = (message: PresenceClientMessage): void => {
    if (port) port.postMessage(message satisfies ClientMessage);
  };

  const onResult = (message: Extract<ServerMessage, { kind: 'result' }>): void => {
    const entry = pending.get(message.id);
    if (!entry) return;
    pending.delete(message.id);
    if (message.ok) entry.resolve(message.value);
    else entry.reject(cleanErrorBody(message.error));
  };

  const onEvent = (event: ChangeEvent): void => {
    for (const { handler } of [...subscriptions.values()]) {
      try {
        handler(event);
      } catch (err) {
        log('[balcao] erro num assinante de eventos', err);
      }
    }
  };

  const onPresence = (message: PresenceMessage): void => {
    for (const { onPresence: listener } of [...subscriptions.values()]) {
      if (!listener) continue;
      try {
        // Each listener gets its own copy: a page-side mutation cannot reach the others.
        listener({ ...message, users: message.users.map((u) => ({ ...u })) });
      } catch (err) {
        log('[balcao] erro num assinante de presença', err);
      }
    }
  };

  const failCallsSentOn = (dead: RendererPortLike): void => {
    for (const [id, entry] of pending) {
      if (entry.sentOn !== dead) continue;
      pending.delete(id);
      entry.reject(CONNECTION_LOST);
    }
  };

  const listen = (target: RendererPortLike): void => {
    target.addEventListener('message', (event) => {
      if (target !== port) return; // a replaced port's late answers are ignored
      const data = (event as { data?: unknown }).data as ServerMessage | null | undefined;
      if (typeof data !== 'object' || data === null) return;
      if (data.kind === 'result' && typeof data.id === 'number') onResult(data);
      else if (data.kind === 'event' && typeof data.event === 'object' && data.event !== null) onEvent(data.event);
      else if (data.kind === 'presence') {
        const message = cleanPresence(data);
        if (message) onPresence(message);
      }
    });
    // The core went away (crash or quit): nothing more will be answered on this port.
    target.addEventListener('close', () => failCallsSentOn(target));
    target.start();
  };

  const bridge: BalcaoBridge = {
    call(name, input, token, locale) {
      return new Promise<unknown>((resolve, reject) => {
        const message = { kind: 'call', id: nextId++, name, input, token, ...(locale && { locale }) } as const;
        pending.set(message.id, { resolve, reject, sentOn: null });
        if (port) sendCall(message);
        else queue.push(message);
      });
    },
    subscribe(token, handler, onPresenceMessage) {
      const id = nextSubscription++;
      subscriptions.set(id, { token, handler, onPresence: onPresenceMessage });
      sendSubscribe();
      return () => {
        subscriptions.delete(id);
      };
    },
    presence(entity, id) {
      if (entity !== 'order' && entity !== 'customer') return;
      if (id !== null && !(Number.isSafeInteger(id) && id > 0)) return;
      const before = presence;
      const message: PresenceClientMessage = { kind: 'presence', entity, id };
      presence = id === null ? null : message;
      // Nothing to tell the core when it never heard of an edit.
      if (id === null && !before) return;
      sendPresence(message);
    },
  };

  return {
    bridge,
    connect(next) {
      if (next === port) return;
      const previous = port;
      port = next;
      if (previous) {
        failCallsSentOn(previous);
        try {
          previous.close();
        } catch {
          // Already closed.
        }
      }
      listen(next);
      sendSubscribe();
      if (presence) sendPresence(presence);
      for (const message of queue.splice(0)) sendCall(message);
    },
  };
}
