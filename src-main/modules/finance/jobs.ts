import { sql } from 'kysely';
import type { ProcCtx } from '../../rpc/context';

/** Keeps the stored status of installments current: open ones past their due date become "atrasada". */
export async function refreshInstallmentStatus(ctx: ProcCtx): Promise<number> {
  const today = ctx.clock.today();
  const res = await ctx.db
    .updateTable('installments')
    .set({ status: 'atrasada', version: sql<number>`version + 1` })
    .where('status', 'in', ['pendente', 'parcial'])
    .where('due_date', '<', today)
    .whereRef('paid_cents', '<', 'amount_cents')
    .executeTakeFirst();
  const changed = Number(res.numUpdatedRows);
  if (changed) await ctx.audit({ action: 'overdue', entity: 'installment', entityId: null, after: { changed, today } });
  return changed;
}
