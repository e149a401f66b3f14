import type { ProcCtx } from '../../rpc/context';
import { stateFact } from '../hooks';
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
  for (const row of rows)
    await stateFact(ctx, 'orderOverdue', {
      orderId: row.id,
      number: row.number,
      customerName: row.customer_name,
      deliveryDate: row.delivery_date,
      sellerId: row.seller_id,
      createdBy: row.created_by,
    });
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
