import type { InputOf, OutputOf, ProcedureName } from '../../src-shared/contract';
import type { BalcaoBridge, PresenceClientMessage } from '../../src-shared/contract/bridge';
import type { ChangeEvent } from '../../src-shared/contract/procedure';
import type { AppError } from '../../src-shared/errors';
import { toAppError } from './http';
import { browserSocket } from './realtime';
import { createTokenStore, followOtherTabs, type TokenStore } from './token';
import {
  type CallOptions,
  createBridgeTransport,
  createHttpTransport,
  type SubscribeOptions,
  type Transport,
} from './transport';
import { randomUUID } from './uuid';

declare global {
  interface Window {
    /** Present only inside the Electron app (exposed by the preload). */
    balcao?: BalcaoBridge;
  }
}

export type { CallOptions, SubscribeOptions };

export interface Client {
  readonly kind: Transport['kind'];
  readonly tokens: TokenStore;
  call<N extends ProcedureName>(name: N, input: InputOf<N>, options?: CallOptions): Promise<OutputOf<N>>;
  /** Change events for the logged-in session; does nothing while logged out. */
  subscribe(handler: (event: ChangeEvent) => void, options?: SubscribeOptions): () => void;
  /** Tells the other users what this one is editing (`id: null` when they leave it). */
  setPresence(entity: PresenceClientMessage['entity'], id: number | null): void;
}

/**
 * The one typed client over any transport. A 401 on a call made with a token means the session is
 * gone (expired, revoked, user deactivated): the token is cleared and the app shows the login.
 */
export function createClient(transport: Transport, tokens: TokenStore): Client {
  return {
    kind: transport.kind,
    tokens,
    async call(name, input, options) {
      const token = tokens.get();
      try {
        return (await transport.call(name, input, token, options)) as OutputOf<typeof name>;
      } catch (err) {
        const error: AppError = toAppError(err);
        // desk: a device the admin revoked (or never approved) is logged out at once, too.
        const deviceRefused = error.code === 'FORBIDDEN' && error.text.key.startsWith('devices.');
        if ((error.code === 'UNAUTHENTICATED' || deviceRefused) && token !== null && tokens.get() === token)
          tokens.clear('expired');
        throw error;
      }
    },
    subscribe(handler, options = {}) {
      const token = tokens.get();
      if (!token) return () => {};
      return transport.subscribe(token, handler, {
        ...options,
        onSessionEnded: () => {
          options.onSessionEnded?.();
          if (tokens.get() === token) tokens.clear('expired');
        },
      });
    },
    setPresence(entity, id) {
      transport.setPresence({ kind: 'presence', entity, id });
    },
  };
}

let instance: Client | null = null;

/** The app's client, choosing the transport once: Electron's bridge when present, else HTTP to this page's origin. */
export function getClient(): Client {
  if (instance) return instance;
  const storage = safeLocalStorage();
  const tokens = createTokenStore(storage);
  const bridge = window.balcao;
  const transport = bridge
    ? createBridgeTransport(bridge)
    : createHttpTransport({
        // same-origin: the only cookie is the shop-network device's (`balcao_device`, HttpOnly, SameSite=Strict),
        // which device approval needs; sessions still travel only as the Authorization header.
        fetch: (url, init) => window.fetch(url, { ...init, credentials: 'same-origin', cache: 'no-store' }),
        location: window.location,
        socket: browserSocket,
        randomUUID: () => randomUUID(),
      });
  if (!bridge) followOtherTabs(tokens, window);
  instance = createClient(transport, tokens);
  return instance;
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Calls a procedure of the contract: typed input in, typed output out, AppError on failure. */
export function call<N extends ProcedureName>(name: N, input: InputOf<N>, options?: CallOptions): Promise<OutputOf<N>> {
  return getClient().call(name, input, options);
}

/** Receives every committed change while logged in; returns the function that stops it. */
export function subscribe(handler: (event: ChangeEvent) => void, options?: SubscribeOptions): () => void {
  return getClient().subscribe(handler, options);
}
