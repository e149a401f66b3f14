import { formatDateBR } from '../../../src-shared/domain/dates';
import type { Role } from '../../../src-shared/permissions';
import type { Db } from '../../db/connection';
import type { ProcCtx } from '../../rpc/context';
import type { Facts, Hooks } from '../hooks';

type Kind = 'order.created' | 'order.ready' | 'order.overdue';

/** Who hears about what: new orders reach the people who plan production; ready orders the seller. */
const AUDIENCE: Record<Kind, readonly Role[]> = {
  'order.created': ['admin', 'gerente', 'producao'],
  'order.ready': ['admin', 'gerente'],
  'order.overdue': ['admin', 'gerente', 'producao'],
};

async function usersFor(db: Db, kind: Kind, orderSellerId: number | null, creatorId: number | null): Promise<number[]> {
  const byRole = await db
    .selectFrom('users')
    .select('id')
    .where('active', '=', 1)
    .where('role', 'in', [...AUDIENCE[kind]])
    .execute();
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
  order: { id: number; sellerId: number | null; createdBy?: number | null },
  title: string,
  body: string,
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
        title,
        body,
        order_id: order.id,
        created_at: now,
        read_at: null,
      })),
    )
    .execute();
  for (const id of users) emit({ type: 'notification.created', id, version: null, by: exceptUserId });
}

async function notifyOrderCreated(ctx: ProcCtx, order: Facts['orderCreated']): Promise<void> {
  const what = order.kind === 'orcamento' ? 'Novo orçamento' : order.isReprint ? 'Nova reposição' : 'Novo pedido';
  await notify(
    ctx.db,
    ctx.emit,
    ctx.clock.nowIso(),
    'order.created',
    { id: order.orderId, sellerId: order.sellerId },
    `${what} ${order.number}`,
    `${order.customerName}${order.deliveryDate ? ` — entrega ${formatDateBR(order.deliveryDate)}` : ''}`,
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
    `Pedido ${order.number} pronto`,
    `${order.customerName} — pode avisar o cliente para retirar.`,
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
    `Pedido ${row.number} atrasado`,
    `${row.customerName} — a entrega era ${row.deliveryDate?.split('-').reverse().join('/')}.`,
    null,
  );
}

/** Notifications are written by this module alone, in reaction to what orders states. */
export function subscribeNotifications(hooks: Hooks): void {
  hooks.on('orderCreated', notifyOrderCreated);
  hooks.on('orderReady', notifyOrderReady);
  hooks.on('orderOverdue', notifyOrderOverdue);
}
