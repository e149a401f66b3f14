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
  /**
   * Prints a document (a signed `app://…/api/….pdf` link) straight to a printer: the one named, which
   * is then remembered for the document's kind, else the one remembered for it, else the default.
   */
  print?(request: PrintRequest): Promise<PrintResult>;
  /** The printers this computer has, and the one remembered per document kind. */
  printers?(): Promise<PrintersInfo>;
  /** Remembers the printer of a document kind (empty: the system's default). */
  setPrinter?(kind: PrintKind, deviceName: string): Promise<void>;
}

/** What kind of paper a document goes to: each kind remembers its own printer. */
export type PrintKind = 'ficha' | 'recibo' | 'documento';

export interface PrintRequest {
  kind: PrintKind;
  url: string;
  deviceName?: string;
}

export interface PrintResult {
  ok: boolean;
  /** The printer used (empty: the system's default). */
  deviceName: string;
  /** Why it failed, in pt-BR. */
  error?: string;
}

export interface PrintersInfo {
  printers: Array<{ name: string; displayName: string; isDefault: boolean }>;
  remembered: Partial<Record<PrintKind, string>>;
}
