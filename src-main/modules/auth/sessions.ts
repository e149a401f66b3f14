import { createHash, randomBytes } from 'node:crypto';
import { isLocale } from '../../../src-shared/i18n';
import type { Role } from '../../../src-shared/permissions';
import type { Clock } from '../../clock';
import type { Db } from '../../db/connection';
import type { AuthUser } from '../../rpc/types';

export const SESSION_IDLE_MS = 8 * 24 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 60_000;
const CACHE_MS = 30_000;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

interface Cached {
  user: AuthUser;
  sessionId: number;
  lastUsedAt: number;
  fetchedAt: number;
}

/**
 * Sessions: random 256-bit tokens, stored only as SHA-256 hashes, expiring after 8 days of disuse.
 * A short in-memory cache keeps every request from hitting the table; revocations clear it at once.
 */
export class SessionStore {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async create(
    db: Db,
    userId: number,
    meta: { ip?: string | undefined; userAgent?: string | undefined; device?: { id: number } | null | undefined },
  ): Promise<{ token: string; expiresAt: string }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.nowIso();
    await db
      .insertInto('sessions')
      .values({
        user_id: userId,
        token_hash: hashToken(token),
        created_at: now,
        last_used_at: now,
        revoked_at: null,
        ip: meta.ip ?? null,
        user_agent: meta.userAgent?.slice(0, 300) ?? null,
        device_id: meta.device?.id ?? null,
      })
      .execute();
    return { token, expiresAt: new Date(this.clock.now().getTime() + SESSION_IDLE_MS).toISOString() };
  }

  async resolve(token: string): Promise<{ user: AuthUser; sessionId: number; expiresAt: string } | null> {
    if (typeof token !== 'string' || token.length < 20 || token.length > 200) return null;
    const hash = hashToken(token);
    const now = this.clock.now().getTime();
    let entry = this.cache.get(hash);
    if (!entry || now - entry.fetchedAt > CACHE_MS) {
      const row = await this.db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select([
          'sessions.id as sessionId',
          'sessions.last_used_at',
          'sessions.revoked_at',
          'users.id as userId',
          'users.username',
          'users.name',
          'users.role',
          'users.active',
          'users.locale',
        ])
        .where('sessions.token_hash', '=', hash)
        .executeTakeFirst();
      if (!row || row.revoked_at || !row.active) {
        this.cache.delete(hash);
        return null;
      }
      entry = {
        user: {
          id: row.userId,
          username: row.username,
          name: row.name,
          role: row.role as Role,
          locale: isLocale(row.locale) ? row.locale : null,
        },
        sessionId: row.sessionId,
        lastUsedAt: Date.parse(row.last_used_at),
        fetchedAt: now,
      };
      this.cache.set(hash, entry);
    }
    if (now - entry.lastUsedAt > SESSION_IDLE_MS) {
      this.cache.delete(hash);
      return null;
    }
    if (now - entry.lastUsedAt > TOUCH_EVERY_MS) {
      entry.lastUsedAt = now;
      // Best effort: a full disk (or a busy database) must not turn every read into a failure.
      try {
        await this.db
          .updateTable('sessions')
          .set({ last_used_at: new Date(now).toISOString() })
          .where('id', '=', entry.sessionId)
          .execute();
      } catch (err) {
        this.onTouchError?.(err);
      }
    }
    return {
      user: entry.user,
      sessionId: entry.sessionId,
      expiresAt: new Date(entry.lastUsedAt + SESSION_IDLE_MS).toISOString(),
    };
  }

  /** An active user by id (for a caller authenticated by a signed link), or null. */
  async activeUser(userId: number): Promise<AuthUser | null> {
    const row = await this.db
      .selectFrom('users')
      .select(['id', 'username', 'name', 'role', 'locale'])
      .where('id', '=', userId)
      .where('active', '=', 1)
      .executeTakeFirst();
    return row
      ? {
          id: row.id,
          username: row.username,
          name: row.name,
          role: row.role as Role,
          locale: isLocale(row.locale) ? row.locale : null,
        }
      : null;
  }

  /** Ends one session. */
  async revoke(db: Db, sessionId: number): Promise<void> {
    await db
      .updateTable('sessions')
      .set({ revoked_at: this.clock.nowIso() })
      .where('id', '=', sessionId)
      .where('revoked_at', 'is', null)
      .execute();
    for (const [hash, entry] of this.cache) if (entry.sessionId === sessionId) this.cache.delete(hash);
    this.onRevoke?.([sessionId]);
  }

  /** Ends every session of a user, except one (the caller's own, when changing their own password). */
  async revokeUser(db: Db, userId: number, exceptSessionId: number | null = null): Promise<number[]> {
    let q = db.updateTable('sessions').set({ revoked_at: this.clock.nowIso() }).where('user_id', '=', userId);
    q = q.where('revoked_at', 'is', null);
    if (exceptSessionId !== null) q = q.where('id', '!=', exceptSessionId);
    const ended = await q.returning('id').execute();
    for (const [hash, entry] of this.cache) {
      if (entry.user.id === userId && entry.sessionId !== exceptSessionId) this.cache.delete(hash);
    }
    this.onRevoke?.(ended.map((r) => r.id));
    return ended.map((r) => r.id);
  }

  /** Ends every session opened from a LAN device (the device was revoked): their sockets close at once. */
  async revokeDevice(db: Db, deviceId: number): Promise<number[]> {
    const ended = await db
      .updateTable('sessions')
      .set({ revoked_at: this.clock.nowIso() })
      .where('device_id', '=', deviceId)
      .where('revoked_at', 'is', null)
      .returning('id')
      .execute();
    const ids = new Set(ended.map((r) => r.id));
    for (const [hash, entry] of this.cache) if (ids.has(entry.sessionId)) this.cache.delete(hash);
    this.onRevoke?.([...ids]);
    return [...ids];
  }

  /** The database was replaced (a restore): every cached session is read again from the new one. */
  forgetAll(): void {
    this.cache.clear();
  }

  /**
   * The database was replaced (a restore): its sessions table is as it was at the backup, so
   * sessions ended since (logout, revocation) would live again. Every session in it is ended and
   * the cache dropped: everyone logs in again. Open sockets are not closed here (their ids are
   * the old database's): the `system.reload` that follows a restore reloads them onto the login.
   */
  async revokeAll(): Promise<void> {
    this.cache.clear();
    await this.db
      .updateTable('sessions')
      .set({ revoked_at: this.clock.nowIso() })
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** The user's details changed (name, role): cached sessions must reload them. */
  forgetUser(userId: number): void {
    for (const [hash, entry] of this.cache) if (entry.user.id === userId) this.cache.delete(hash);
  }

  /** Told when recording a session's last use failed (the request goes on). */
  onTouchError?: (err: unknown) => void;

  /** Set by the LAN server to close the sockets of ended sessions. */
  onRevoke?: (sessionIds: number[]) => void;
}
