import type { ErrorBody } from '../errors';
import type { Locale } from '../i18n';
import type { ChangeEvent } from './procedure';

/**
 * Messages between a renderer and the core. The same shapes travel over the Electron
 * MessagePort (IPC) and, for `event`/`presence`, over the LAN WebSocket.
 */
export type ClientMessage =
  | { kind: 'call'; id: number; name: string; input: unknown; token: string | null; locale?: Locale }
  | { kind: 'subscribe'; token: string }
  | PresenceClientMessage;

/**
 * What a user has open for editing; `id: null` means they stopped. Sent over the LAN WebSocket
 * and over IPC (where it counts once the port's `subscribe` has a valid session).
 */
export interface PresenceClientMessage {
  kind: 'presence';
  entity: 'order' | 'customer';
  id: number | null;
}

/** Who is editing a record right now ("Ana está editando o pedido 123"). */
export interface PresenceMessage {
  kind: 'presence';
  entity: 'order' | 'customer';
  id: number;
  users: Array<{ id: number; name: string }>;
}

export type ServerMessage =
  | { kind: 'result'; id: number; ok: true; value: unknown }
  | { kind: 'result'; id: number; ok: false; error: ErrorBody }
  | { kind: 'event'; event: ChangeEvent }
  | PresenceMessage;

/** What the preload exposes as `window.balcao` inside Electron. */
export interface BalcaoBridge {
  /** `locale`: the window's language, for the messages of a failure (the user's setting when left out). */
  call(name: string, input: unknown, token: string | null, locale?: Locale): Promise<unknown>;
  /**
   * Starts receiving change events for this session, and presence messages (a snapshot first,
   * then every change) when `onPresence` is given; returns an unsubscribe function.
   */
  subscribe(
    token: string,
    handler: (event: ChangeEvent) => void,
    onPresence?: (message: PresenceMessage) => void,
  ): () => void;
  /** Tells the others what this window is editing (`id: null`: nothing); kept across core reconnects. */
  presence(entity: PresenceClientMessage['entity'], id: number | null): void;
}
