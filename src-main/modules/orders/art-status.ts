import type { ART_STATUSES } from '../../../src-shared/contract/orders';
import { AppError } from '../../../src-shared/errors';
import { msg } from '../../../src-shared/i18n';
import { type ProcCtx, requireUser } from '../../rpc/context';
import { getOrderRow } from './queries';
import { bump, checkEditable, checkVersion } from './service';

type ArtStatus = (typeof ART_STATUSES)[number];

export interface ItemArtChange {
  orderId: number;
  itemId: number;
  status: ArtStatus;
  /** How the customer answered (only kept with `aprovada`). */
  channel?: 'balcao' | 'whatsapp' | 'email' | 'telefone';
  /** The order's version the caller saw, if it names one (409 when stale). */
  version?: number;
}

/**
 * The art module's one way into an order item's art state (orders own `order_items`): sets
 * `art_status` (approver, time and channel with `aprovada`, cleared otherwise) and bumps the
 * order's version. The caller writes its own audit row (the order's timeline).
 */
export async function setItemArtStatus(
  ctx: ProcCtx,
  change: ItemArtChange,
): Promise<{ orderVersion: number; position: number; description: string; number: string }> {
  const user = requireUser(ctx);
  const order = await getOrderRow(ctx.db, change.orderId);
  checkVersion(order, change.version);
  checkEditable(order);
  const item = await ctx.db
    .selectFrom('order_items')
    .select(['id', 'position', 'description', 'art_status'])
    .where('id', '=', change.itemId)
    .where('order_id', '=', order.id)
    .executeTakeFirst();
  if (!item) throw new AppError('NOT_FOUND', msg('orders.itemNotFound'));
  const approved = change.status === 'aprovada';
  await ctx.db
    .updateTable('order_items')
    .set({
      art_status: change.status,
      art_approved_by: approved ? user.id : null,
      art_approved_at: approved ? ctx.clock.nowIso() : null,
      art_channel: approved ? (change.channel ?? 'balcao') : null,
    })
    .where('id', '=', item.id)
    .execute();
  await bump(ctx, order);
  return {
    orderVersion: order.version + 1,
    position: item.position,
    description: item.description,
    number: order.number,
  };
}

/** Reads an item of an order (404 when it is not one of its items), for the art module. */
export async function orderItemRef(
  ctx: ProcCtx,
  orderId: number,
  itemId: number,
): Promise<{ position: number; description: string; artStatus: ArtStatus }> {
  await getOrderRow(ctx.db, orderId);
  const item = await ctx.db
    .selectFrom('order_items')
    .select(['position', 'description', 'art_status'])
    .where('id', '=', itemId)
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  if (!item) throw new AppError('NOT_FOUND', msg('orders.itemNotFound'));
  return { position: item.position, description: item.description, artStatus: item.art_status as ArtStatus };
}
