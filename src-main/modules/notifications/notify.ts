import { formatDateBR } from '../../../src-shared/domain/dates';
import { isMessageKey, type Msg, msg, storedMsg } from '../../../src-shared/i18n';
import type { Role } from '../../../src-shared/permissions';
import type { Db } from '../../db/connection';
import type { ProcCtx } from '../../rpc/context';
import type { Facts, Hooks } from '../hooks';

type Kind =
  | 'order.created'
  | 'order.ready'
  | 'order.overdue'
  | 'backup.failed'
  | 'database.checkFailed'
  | 'disk.low'
  | 'quote.expiring';

/** Who hears about what: new orders reach the people who plan production; ready orders the seller; data safety the admins. */
const AUDIENCE: Record<Kind, readonly Role[]> = {
  'order.created': ['admin', 'gerente', 'producao'],
  'order.ready': ['admin', 'gerente'],
  'order.overdue': ['admin', 'gerente', 'producao'],
  'backup.failed': ['admin'],
  'database.checkFailed': ['admin'],
  'disk.low': ['admin'],
  // Only the quote's seller and the one who made it.
  'quote.expiring': [],
};

async function usersFor(db: Db, kind: Kind, orderSellerId: number | null, creatorId: number | null): Promise<number[]> {
  const byRole = AUDIENCE[kind].length
    ? await db
        .selectFrom('users')
        .select('id')
        .where('active', '=', 1)
        .where('role', 'in', [...AUDIENCE[kind]])
        .execute()
    : [];
  const ids = new Set(byRole.map((u) => u.id));
  if (kind !== 'order.created') {
    if (creatorId) ids.add(creatorId);
    if (orderSellerId) {
      const seller = await db.selectFrom('staff').select('user_id').where('id', '=', orderSellerId).executeTakeFirst();
      if (seller?.user_id) ids.add(seller.user_id);
    }
  }
  return [...ids];
}

/** Writes one notification per user of the kind's audience (but the one who caused it) and tells each of them. */
async function notify(
  db: Db,
  emit: ProcCtx['emit'],
  now: string,
  kind: Kind,
  order: { id: number | null; sellerId: number | null; createdBy?: number | null },
  title: Msg,
  body: Msg,
  exceptUserId: number | null,
): Promise<void> {
  const users = (await usersFor(db, kind, order.sellerId, order.createdBy ?? null)).filter((id) => id !== exceptUserId);
  if (!users.length) return;
  await db
    .insertInto('notifications')
    .values(
      users.map((user_id) => ({
        user_id,
        type: kind,
        // Kept as key and parameters: each reader sees them in their own language.
        title: storedMsg(title),
        body: storedMsg(body),
        order_id: order.id,
        created_at: now,
        read_at: null,
      })),
    )
    .execute();
  for (const id of users) emit({ type: 'notification.created', id, version: null, by: exceptUserId });
}

async function notifyOrderCreated(ctx: ProcCtx, order: Facts['orderCreated']): Promise<void> {
  const title =
    order.kind === 'orcamento'
      ? 'notify.quoteCreated.title'
      : order.isReprint
        ? 'notify.reprintCreated.title'
        : 'notify.orderCreated.title';
  await notify(
    ctx.db,
    ctx.emit,
    ctx.clock.nowIso(),
    'order.created',
    { id: order.orderId, sellerId: order.sellerId },
    msg(title, { number: order.number }),
    order.deliveryDate
      ? msg('notify.created.bodyDelivery', { customer: order.customerName, date: formatDateBR(order.deliveryDate) })
      : msg('notify.created.body', { customer: order.customerName }),
    ctx.user?.id ?? null,
  );
}

async function notifyOrderReady(ctx: ProcCtx, order: Facts['orderReady']): Promise<void> {
  await notify(
    ctx.db,
    ctx.emit,
    ctx.clock.nowIso(),
    'order.ready',
    { id: order.orderId, sellerId: order.sellerId, createdBy: order.createdBy },
    msg('notify.ready.title', { number: order.number }),
    msg('notify.ready.body', { customer: order.customerName }),
    ctx.user?.id ?? null,
  );
}

async function notifyOrderOverdue(ctx: ProcCtx, row: Facts['orderOverdue']): Promise<void> {
  await notify(
    ctx.db,
    ctx.emit,
    ctx.clock.nowIso(),
    'order.overdue',
    { id: row.orderId, sellerId: row.sellerId, createdBy: row.createdBy },
    msg('notify.overdue.title', { number: row.number }),
    msg('notify.overdue.body', {
      customer: row.customerName,
      date: row.deliveryDate ? formatDateBR(row.deliveryDate) : '',
    }),
    null,
  );
}

/** A job that failed is the admins' to look at (its line is on the recent-errors screen). */
async function notifyJobFailed(ctx: ProcCtx, run: Facts['jobFailed']): Promise<void> {
  const admins = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('active', '=', 1)
    .where('role', '=', 'admin')
    .execute();
  if (!admins.length) return;
  const error = run.error.length > 300 ? `${run.error.slice(0, 299)}…` : run.error;
  await ctx.db
    .insertInto('notifications')
    .values(
      admins.map(({ id }) => ({
        user_id: id,
        type: 'job.failed',
        title: storedMsg(msg('notify.jobFailed.title', { job: run.job })),
        body: storedMsg(msg('notify.jobFailed.body', { error })),
        order_id: null,
        created_at: ctx.clock.nowIso(),
        read_at: null,
      })),
    )
    .execute();
  for (const { id } of admins) ctx.emit({ type: 'notification.created', id, version: null, by: null });
}

/** A stored message (`storedMsg`) as a parameter, so each reader sees it in their own language. */
function storedAsParam(text: string): Msg | string {
  try {
    const value = JSON.parse(text) as Msg;
    if (value && typeof value.key === 'string' && isMessageKey(value.key)) return value;
  } catch {
    // plain text
  }
  return text;
}

/** Data safety (backups, the database's health, the disk): the admins hear of it. */
async function notifyAdmins(ctx: ProcCtx, kind: Kind, title: Msg, body: Msg): Promise<void> {
  await notify(ctx.db, ctx.emit, ctx.clock.nowIso(), kind, { id: null, sellerId: null }, title, body, null);
}

/** Notifications are written by this module alone, in reaction to what orders, the scheduler and backups state. */
export function subscribeNotifications(hooks: Hooks): void {
  hooks.on('orderCreated', notifyOrderCreated);
  hooks.on('orderReady', notifyOrderReady);
  hooks.on('orderOverdue', notifyOrderOverdue);
  hooks.on('jobFailed', notifyJobFailed);
  hooks.on('quoteExpiring', (ctx, q: Facts['quoteExpiring']) =>
    notify(
      ctx.db,
      ctx.emit,
      ctx.clock.nowIso(),
      'quote.expiring',
      { id: q.orderId, sellerId: q.sellerId, createdBy: q.createdBy },
      msg('notify.quoteExpiring.title', { number: q.number }),
      msg('notify.quoteExpiring.body', { customer: q.customerName, date: formatDateBR(q.validUntil) }),
      null,
    ),
  );
  hooks.on('backupFailed', (ctx, fact: Facts['backupFailed']) =>
    notifyAdmins(
      ctx,
      'backup.failed',
      msg('notify.backupFailed.title'),
      msg('notify.backupFailed.body', { id: fact.backupId, problem: storedAsParam(fact.problem) }),
    ),
  );
  hooks.on('databaseCheckFailed', (ctx, fact: Facts['databaseCheckFailed']) =>
    notifyAdmins(
      ctx,
      'database.checkFailed',
      msg('notify.databaseCheckFailed.title'),
      msg('notify.databaseCheckFailed.body', { detail: fact.detail }),
    ),
  );
  hooks.on('diskLow', (ctx, fact: Facts['diskLow']) =>
    notifyAdmins(
      ctx,
      'disk.low',
      msg('notify.diskLow.title'),
      msg('notify.diskLow.body', { free: Math.round(fact.freeBytes / 1_000_000) }),
    ),
  );
}
