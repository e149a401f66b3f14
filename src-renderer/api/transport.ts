import { getProcedure } from '../../src-shared/contract';
import type { BalcaoBridge, PresenceClientMessage, PresenceMessage } from '../../src-shared/contract/bridge';
import type { ChangeEvent } from '../../src-shared/contract/procedure';
import { AppError } from '../../src-shared/errors';
import { getLocale, msg } from '../../src-shared/i18n';
import { buildHttpRequest, errorFromResponse, isCreate, NetworkError, parseSuccessBody, toAppError } from './http';
import {
  openRealtime,
  type RealtimeHandle,
  type RealtimeStatus,
  type SocketFactory,
  type Timers,
  wsUrlFor,
} from './realtime';

export interface CallOptions {
  /** For creates: reuse a key to make a repeated submit (after a lost answer) return the first result. */
  idempotencyKey?: string;
}

export interface SubscribeOptions {
  onStatus?(status: RealtimeStatus): void;
  onResync?(): void;
  onSessionEnded?(): void;
  /** Who is editing what: a snapshot once connected, then every change (WebSocket and IPC alike). */
  onPresence?(message: PresenceMessage): void;
}

/** How calls and events travel: IPC inside Electron, HTTP + WebSocket in a LAN browser. */
export interface Transport {
  readonly kind: 'ipc' | 'http';
  call(name: string, input: unknown, token: string | null, options?: CallOptions): Promise<unknown>;
  subscribe(token: string, onEvent: (event: ChangeEvent) => void, options?: SubscribeOptions): () => void;
  /** Tells the others what this client is editing (`id: null`: nothing). Kept across reconnects. */
  setPresence(message: PresenceClientMessage): void;
}

/** The part of `fetch` the client uses (easy to fake in tests). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<{ status: number; ok: boolean; text(): Promise<string>; headers: { get(name: string): string | null } }>;

export interface HttpTransportDeps {
  fetch: FetchLike;
  /** The page's location: the API and /ws are on the same origin. */
  location: { protocol: string; host: string };
  socket: SocketFactory;
  randomUUID: () => string;
  baseUrl?: string;
  /** Waits before retrying a create whose answer was lost; one entry per retry. */
  retryDelaysMs?: number[];
  sleep?: (ms: number) => Promise<void>;
  timers?: Timers;
}

/** 502/503/504 without the core's own error body: the request never reached the core. */
export function isGatewayFailure(status: number, bodyText: string): boolean {
  return (status === 502 || status === 503 || status === 504) && !bodyText.includes('"error"');
}

export function createHttpTransport(deps: HttpTransportDeps): Transport {
  const retryDelays = deps.retryDelaysMs ?? [500, 1500];
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const live = new Set<RealtimeHandle>();
  let presence: PresenceClientMessage | null = null;

  return {
    kind: 'http',
    async call(name, input, token, options = {}) {
      const proc = getProcedure(name);
      if (!proc) throw new AppError('NOT_FOUND', msg('error.unknownProcedure'), {}, getLocale());
      // A create gets one key for all its attempts: if the first answer was lost, the retry returns the same row.
      const idempotencyKey = isCreate(proc) ? (options.idempotencyKey ?? deps.randomUUID()) : undefined;
      const request = buildHttpRequest(name, input, {
        token,
        ...(idempotencyKey && { idempotencyKey }),
        ...(deps.baseUrl !== undefined && { baseUrl: deps.baseUrl }),
      });
      const attempts = idempotencyKey ? retryDelays.length + 1 : 1;
      for (let attempt = 0; ; attempt++) {
        let response: Awaited<ReturnType<FetchLike>>;
        try {
          response = await deps.fetch(request.url, {
            method: request.method,
            headers: request.headers,
            ...(request.body !== undefined && { body: request.body }),
          });
        } catch {
          if (attempt + 1 < attempts) {
            await sleep(retryDelays[attempt] ?? 1000);
            continue;
          }
          throw new NetworkError();
        }
        let text: string;
        try {
          text = await response.text();
        } catch {
          throw new NetworkError();
        }
        if (isGatewayFailure(response.status, text)) {
          // A dev proxy or gateway in front of the core that cannot reach it: same as no connection.
          if (attempt + 1 < attempts) {
            await sleep(retryDelays[attempt] ?? 1000);
            continue;
          }
          throw new NetworkError();
        }
        if (!response.ok) throw errorFromResponse(response.status, text, response.headers.get('Retry-After'));
        return parseSuccessBody(text);
      }
    },
    subscribe(token, onEvent, options = {}) {
      const handle = openRealtime({
        url: wsUrlFor(deps.location, token),
        socket: deps.socket,
        onEvent,
        ...(options.onStatus && { onStatus: options.onStatus }),
        ...(options.onResync && { onResync: options.onResync }),
        ...(options.onSessionEnded && { onSessionEnded: options.onSessionEnded }),
        ...(options.onPresence && { onPresence: options.onPresence }),
        ...(deps.timers && { timers: deps.timers }),
      });
      if (presence) handle.setPresence(presence);
      live.add(handle);
      return () => {
        live.delete(handle);
        handle();
      };
    },
    setPresence(message) {
      presence = message.id === null ? null : message;
      for (const handle of live) handle.setPresence(message);
    },
  };
}

/** Electron: the preload's `window.balcao`, which rejects with a plain ErrorBody. */
export function createBridgeTransport(bridge: BalcaoBridge): Transport {
  return {
    kind: 'ipc',
    async call(name, input, token) {
      try {
        return await bridge.call(name, input, token, getLocale());
      } catch (error) {
        throw toAppError(error);
      }
    },
    subscribe(token, onEvent, options = {}) {
      options.onStatus?.('open');
      return options.onPresence
        ? bridge.subscribe(token, onEvent, options.onPresence)
        : bridge.subscribe(token, onEvent);
    },
    setPresence(message) {
      // The preload keeps it and sends it again after a core restart.
      bridge.presence(message.entity, message.id);
    },
  };
}
