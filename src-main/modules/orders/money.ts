import type { ProcCtx } from '../../rpc/context';
import { stateFact } from '../hooks';

/** How an order's money changed: payments (`paidCents`, negative for a reversal) and crediário (`financedCents`). */
export interface OrderMoneyChange {
  paidCents?: number;
  financedCents?: number;
}

/**
 * The one write path for what other modules record against an order (finance: payments,
 * reversals, down payments, crediários opened, settled or cancelled): the order's `paid_cents` and
 * `financed_cents` move by the change, its version goes up, `order.updated` goes out after commit,
 * and `orderPaid` is stated to subscribers when money moved. A change of nothing still bumps the
 * version (a settled crediário changes the order's payment state).
 */
export async function recordOrderMoney(ctx: ProcCtx, orderId: number, change: OrderMoneyChange): Promise<void> {
  const paid = change.paidCents ?? 0;
  const financed = change.financedCents ?? 0;
  const row = await ctx.db
    .updateTable('orders')
    .set((eb) => ({
      ...(paid !== 0 && { paid_cents: eb('paid_cents', '+', paid) }),
      ...(financed !== 0 && { financed_cents: eb('financed_cents', '+', financed) }),
      version: eb('version', '+', 1),
      updated_at: ctx.clock.nowIso(),
    }))
    .where('id', '=', orderId)
    .returning(['id', 'version', 'customer_id', 'total_cents', 'paid_cents', 'financed_cents'])
    .executeTakeFirstOrThrow();
  ctx.emit({ type: 'order.updated', id: row.id, version: row.version, by: ctx.user?.id ?? null });
  if (paid !== 0 || financed !== 0)
    await stateFact(ctx, 'orderPaid', {
      orderId: row.id,
      customerId: row.customer_id,
      paidCents: paid,
      financedCents: financed,
      totalCents: row.total_cents,
      paidTotalCents: row.paid_cents,
      financedTotalCents: row.financed_cents,
    });
}
