import { msg } from '../../../src-shared/i18n';
import type { ProcCtx } from '../../rpc/context';
import { notify } from './notify';
import { OPEN_STATUSES } from './queries';

/** Tells production and the seller about orders that passed their delivery date, once per order (per delivery date). */
export async function notifyOverdueOrders(ctx: ProcCtx): Promise<number> {
  const today = ctx.clock.today();
  const rows = await ctx.db
    .selectFrom('orders')
    .select(['id', 'number', 'customer_name', 'seller_id', 'created_by', 'delivery_date'])
    .where('kind', '=', 'pedido')
    .where('status', 'in', [...OPEN_STATUSES])
    .where('delivery_date', '<', today)
    .where('overdue_notified', '=', 0)
    .limit(5000)
    .execute();
  for (const row of rows) {
    await notify(
      ctx.db,
      ctx.emit,
      ctx.clock.nowIso(),
      'order.overdue',
      { id: row.id, sellerId: row.seller_id, createdBy: row.created_by },
      msg('notify.overdue.title', { number: row.number }),
      msg('notify.overdue.body', {
        customer: row.customer_name,
        date: row.delivery_date?.split('-').reverse().join('/') ?? '',
      }),
      null,
    );
  }
  if (rows.length) {
    await ctx.db
      .updateTable('orders')
      .set({ overdue_notified: 1 })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
  }
  return rows.length;
}
