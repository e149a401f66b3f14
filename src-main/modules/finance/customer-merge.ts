import type { ProcCtx } from '../../rpc/context';
import type { Facts, Hooks } from '../hooks';

/** Two customers became one (`customerMerged`): payments, crediários and installments move to the kept customer. */
async function moveFinance(ctx: ProcCtx, fact: Facts['customerMerged']): Promise<void> {
  await ctx.db
    .updateTable('payments')
    .set({ customer_id: fact.intoId })
    .where('customer_id', '=', fact.fromId)
    .execute();
  await ctx.db
    .updateTable('installment_plans')
    .set((eb) => ({ customer_id: fact.intoId, updated_at: ctx.clock.nowIso(), version: eb('version', '+', 1) }))
    .where('customer_id', '=', fact.fromId)
    .execute();
  await ctx.db
    .updateTable('installments')
    .set((eb) => ({ customer_id: fact.intoId, version: eb('version', '+', 1) }))
    .where('customer_id', '=', fact.fromId)
    .execute();
}

export function subscribeFinanceMerges(hooks: Hooks): void {
  hooks.on('customerMerged', moveFinance);
}
