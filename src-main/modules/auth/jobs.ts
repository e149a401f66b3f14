import type { ProcCtx } from '../../rpc/context';
import { LoginLimiter } from './rate-limit';
import { SESSION_IDLE_MS } from './sessions';

/** Housekeeping: idempotency keys older than a week, sessions ended or expired a month ago, old login failures and locks. */
export async function cleanUp(ctx: ProcCtx): Promise<{ keys: number; sessions: number; logins: number }> {
  const now = ctx.clock.now().getTime();
  const weekAgo = new Date(now - 7 * 86_400_000).toISOString();
  const monthAgo = new Date(now - 30 * 86_400_000).toISOString();
  const keys = await ctx.db.deleteFrom('idempotency_keys').where('created_at', '<', weekAgo).executeTakeFirst();
  const sessions = await ctx.db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('revoked_at', '<', monthAgo),
        eb('last_used_at', '<', new Date(now - SESSION_IDLE_MS - 30 * 86_400_000).toISOString()),
      ]),
    )
    .executeTakeFirst();
  const logins = await LoginLimiter.cleanUp(ctx.db, now);
  return { keys: Number(keys.numDeletedRows), sessions: Number(sessions.numDeletedRows), logins };
}
