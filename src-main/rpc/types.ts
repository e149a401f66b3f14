import type { ChangeEvent } from '../../src-shared/contract/procedure';
import type { Locale } from '../../src-shared/i18n';
import type { Role } from '../../src-shared/permissions';

/** The user a call runs as, once the dispatcher resolved the session. */
export interface AuthUser {
  id: number;
  username: string;
  name: string;
  role: Role;
  /** The user's own language setting (null: not chosen). */
  locale: Locale | null;
}

export type Transport = 'ipc' | 'http' | 'direct';

/** Who is calling and from where; the dispatcher resolves the session from the token. */
export interface CallContext {
  token?: string | null;
  transport: Transport;
  /** Names the call in the log (the HTTP request's id, sent back as `X-Request-Id`); the dispatcher makes one when absent. */
  requestId?: string;
  ip?: string;
  userAgent?: string;
  idempotencyKey?: string;
  /** The language the request asks for (HTTP `Accept-Language`, the window's over IPC); wins over the user's setting. */
  locale?: Locale | null;
  /**
   * Server-internal: the caller was authenticated by other means (a signed file link) as this
   * active user. Never taken from a request.
   */
  asUserId?: number;
  /**
   * desk: the shop-network device behind an HTTP request (its cookie), as the LAN server's gate saw
   * it; null for this computer (loopback) or when approval is off. Never taken from the input.
   */
  device?: import('../modules/auth/devices').DeviceSeen | null;
}

export interface Dispatch {
  /** Runs a procedure by name: auth → permission → input → transaction → output → events. Throws AppError. */
  call(name: string, input: unknown, ctx: CallContext): Promise<unknown>;
}

export interface EventSource {
  /** Called after every committed write; returns an unsubscribe function. */
  subscribe(listener: (event: ChangeEvent) => void): () => void;
}

/**
 * Resolves a session token to its user (id and name, shown in presence; role, which decides the
 * events they receive), or null when the token is not valid.
 */
export type SessionCheck = (
  token: string,
) => Promise<{ userId: number; name: string; role: Role; sessionId: number } | null>;
