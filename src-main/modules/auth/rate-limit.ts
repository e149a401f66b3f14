import { AppError } from '../../../src-shared/errors';
import { msg } from '../../../src-shared/i18n';
import type { Clock } from '../../clock';
import type { Db } from '../../db/connection';

const WINDOW_MS = 15 * 60 * 1000;
/** Failures for one username (from any address) within the window that lock it. */
export const MAX_FAILURES_PER_USER = 5;
/** Failures from one address (any usernames) within the window that lock the address. */
export const MAX_FAILURES_PER_ADDRESS = 20;
const BASE_LOCK_MS = WINDOW_MS;
const MAX_LOCK_MS = 24 * 60 * 60 * 1000;
/** A lock's strikes are forgotten after this long without new locks. */
const STRIKES_RESET_MS = 24 * 60 * 60 * 1000;

const userSubject = (username: string) => `u:${username.trim().toLowerCase()}`;
const addressSubject = (ip: string) => `ip:${ip}`;

/** The refusal while a username or address is locked (login and every other password check). */
export function rateLimited(retryAfterS: number): AppError {
  return new AppError('RATE_LIMITED', msg('auth.loginRateLimited', { minutes: Math.ceil(retryAfterS / 60) }), {
    retryAfterS,
  });
}

/**
 * Failed logins, kept in the database so a restart or another address does not clear them.
 * Five failures for one username (from any address) within 15 minutes lock that username; twenty
 * from one address lock the address. Each new lock of the same subject lasts twice the previous
 * one (15 min, 30 min, 1 h … up to a day). Locks are rows: no amount of other failures evicts one.
 */
export class LoginLimiter {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Seconds to wait, or 0 when a new attempt is allowed. */
  async retryAfterS(username: string, ip: string): Promise<number> {
    const now = this.clock.now().getTime();
    const rows = await this.db
      .selectFrom('login_locks')
      .select(['until'])
      .where('subject', 'in', [userSubject(username), addressSubject(ip)])
      .execute();
    const until = Math.max(0, ...rows.map((r) => Date.parse(r.until)));
    return until > now ? Math.max(1, Math.ceil((until - now) / 1000)) : 0;
  }

  async fail(username: string, ip: string): Promise<void> {
    const now = this.clock.now().getTime();
    const name = username.trim().toLowerCase();
    await this.db
      .insertInto('login_failures')
      .values({ username: name, ip, at: new Date(now).toISOString() })
      .execute();
    await this.lockIfOver(userSubject(name), 'username', name, MAX_FAILURES_PER_USER, now);
    await this.lockIfOver(addressSubject(ip), 'ip', ip, MAX_FAILURES_PER_ADDRESS, now);
  }

  private async lockIfOver(
    subject: string,
    column: 'username' | 'ip',
    value: string,
    max: number,
    now: number,
  ): Promise<void> {
    const lock = await this.db
      .selectFrom('login_locks')
      .select(['until', 'strikes', 'updated_at'])
      .where('subject', '=', subject)
      .executeTakeFirst();
    const lockedUntil = lock ? Date.parse(lock.until) : 0;
    if (lockedUntil > now) return; // already locked: the lock is not extended by more failures
    // After a lock ends, failures count again from its end.
    const since = new Date(Math.max(now - WINDOW_MS, lockedUntil)).toISOString();
    const { n } = await this.db
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(column, '=', value)
      .where('at', '>=', since)
      .executeTakeFirstOrThrow();
    if (Number(n) < max) return;
    const strikes = lock && now - Date.parse(lock.updated_at) < STRIKES_RESET_MS ? lock.strikes + 1 : 1;
    const until = new Date(now + Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** (strikes - 1))).toISOString();
    const at = new Date(now).toISOString();
    await this.db
      .insertInto('login_locks')
      .values({ subject, until, strikes, updated_at: at })
      .onConflict((oc) => oc.column('subject').doUpdateSet({ until, strikes, updated_at: at }))
      .execute();
  }

  /** A successful login clears the username's failures and lock (the address keeps its count). */
  async succeed(username: string, _ip: string): Promise<void> {
    const name = username.trim().toLowerCase();
    await this.db.deleteFrom('login_failures').where('username', '=', name).execute();
    await this.db.deleteFrom('login_locks').where('subject', '=', userSubject(name)).execute();
  }

  /** Housekeeping: failures older than a day and locks over for a day. */
  static async cleanUp(db: Db, now: number): Promise<number> {
    const dayAgo = new Date(now - STRIKES_RESET_MS).toISOString();
    const failures = await db.deleteFrom('login_failures').where('at', '<', dayAgo).executeTakeFirst();
    const locks = await db.deleteFrom('login_locks').where('until', '<', dayAgo).executeTakeFirst();
    return Number(failures.numDeletedRows) + Number(locks.numDeletedRows);
  }
}
