import type { z } from 'zod';
import type { ChangeEvent, Procedure } from '../../src-shared/contract/procedure';
import type { Locale } from '../../src-shared/i18n';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { AuthUser, CallContext } from './types';

export type { AuthUser } from './types';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: number | null;
  before?: unknown;
  after?: unknown;
}

/** What every procedure implementation receives. `db` is the write transaction for writes. */
export interface ProcCtx {
  db: Db;
  user: AuthUser | null;
  sessionId: number | null;
  clock: Clock;
  call: CallContext;
  /** The caller's language (`Accept-Language`, then their setting, then pt-BR): for texts a handler returns. */
  locale: Locale;
  services: Services;
  audit(entry: AuditEntry): Promise<void>;
  /** Publishes an extra event after the transaction commits (dropped if it rolls back). */
  emit(event: ChangeEvent): void;
}

/** Cross-cutting services the modules share: sessions, login limits, media folder, disk state, file links, hooks, the log. */
export interface Services {
  sessions: import('../modules/auth/sessions').SessionStore;
  loginLimiter: import('../modules/auth/rate-limit').LoginLimiter;
  version: string;
  startedAt: number;
  /** Folder where uploaded images and their thumbnails live (content-addressed). */
  mediaDir: string;
  /** Whether the data folder's disk is full (writes refused), and its free space. */
  storage: import('../db/storage').StorageMonitor;
  /** Signed, short-lived links to files (PDF, CSV, images): no token in URLs. */
  fileLinks: import('../modules/auth/file-links').FileLinks;
  /**
   * Runs the subscribers of a fact inside the caller's transaction; modules state facts through
   * `stateFact` (`modules/hooks.ts`, which types every fact and its payload).
   */
  hooks: { fire(ctx: ProcCtx, fact: string, payload: unknown): Promise<void> };
  /** The app's one logger (pino, JSON lines in `<data>/logs/`; `log/logger.ts`). */
  log: import('../log/logger').Logger;
  /** The log files: flush, and the recent errors the admins' screen reads. */
  logs: import('../log/logger').LogFiles;
  /** Closed while a restore replaces the data: writes are refused with 503. */
  writeGate: import('./write-gate').WriteGate;
  /** Backups, restore and database care (`modules/backups/service.ts`). */
  backups: import('../modules/backups/service').BackupService;
  /** desk: devices on the shop network and their approval (`modules/auth/devices.ts`). */
  devices: import('../modules/auth/devices').DeviceStore;
  /** desk: where the LAN server listens (set by the core once it does; null without a server). */
  listening: { host: string; port: number } | null;
  /** desk: the data folder (`:memory:` in tests). */
  dataDir: string;
  /** desk: told after the network setting changes (the desktop shell follows the update URL and channel). */
  onNetworkChanged?: (value: import('../modules/settings/network').NetworkSettings) => void;
}

type Awaitable<T> = T | Promise<T>;

export type Implementation<C extends Record<string, Procedure>> = {
  [K in keyof C]: C[K] extends Procedure<infer I, infer O> ? HandlerFor<I, O> : never;
};

type HandlerFor<I extends z.ZodType, O extends z.ZodType> =
  | ((input: z.output<I>, ctx: ProcCtx) => Awaitable<z.input<O>>)
  | PreparedHandler<z.output<I>, z.input<O>>;

export interface PreparedHandler<I, O, P = unknown> {
  prepare: (input: I, ctx: ProcCtx) => Promise<P>;
  run: (input: I, ctx: ProcCtx, prepared: P) => Awaitable<O>;
}

/** Helper that keeps the type of `prepared` flowing from prepare to run. */
export function prepared<I, O, P>(handler: PreparedHandler<I, O, P>): PreparedHandler<I, O, unknown> {
  return handler as PreparedHandler<I, O, unknown>;
}

/** Requires a logged-in user inside a handler (the dispatcher already ensured it for non-public procedures). */
export function requireUser(ctx: ProcCtx): AuthUser {
  if (!ctx.user) throw new Error('handler needs an authenticated user');
  return ctx.user;
}
