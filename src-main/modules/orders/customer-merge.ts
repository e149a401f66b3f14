import { sql } from 'kysely';
import type { ProcCtx } from '../../rpc/context';
import type { Facts, Hooks } from '../hooks';

/**
 * Two customers became one (`customerMerged`): their orders move to the kept customer and take its
 * name, phone and city (the copies orders keep), and the orders' search index follows the name.
 */
async function moveOrders(ctx: ProcCtx, fact: Facts['customerMerged']): Promise<void> {
  const moved = await ctx.db
    .updateTable('orders')
    .set((eb) => ({
      customer_id: fact.intoId,
      customer_name: fact.intoName,
      customer_phone: fact.intoPhone,
      customer_city: fact.intoCity,
      updated_at: ctx.clock.nowIso(),
      version: eb('version', '+', 1),
    }))
    .where('customer_id', '=', fact.fromId)
    .returning(['id', 'version'])
    .execute();
  if (!moved.length) return;
  await sql`update orders_fts set customer = ${fact.intoName} where rowid in (select id from orders where customer_id = ${fact.intoId})`.execute(
    ctx.db,
  );
  // Open screens of these orders reload (a customer with thousands of orders: the lists refetch anyway).
  for (const o of moved.slice(0, 500))
    ctx.emit({ type: 'order.updated', id: o.id, version: o.version, by: ctx.user?.id ?? null });
}

export function subscribeOrderMerges(hooks: Hooks): void {
  hooks.on('customerMerged', moveOrders);
}
