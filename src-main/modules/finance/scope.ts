import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { AppError } from '../../../src-shared/errors';
import { msg } from '../../../src-shared/i18n';
import { can } from '../../../src-shared/permissions';
import type { ProcCtx } from '../../rpc/context';

/**
 * Whose finances a user reads. With `finance.shop` (admin, gerente, financeiro): the whole shop.
 * Without it (vendedor): only their own customers' — the customers of the orders they sell
 * (`orders.seller_id` → `staff.user_id`) or created (`orders.created_by`), and of the crediários
 * they opened (`installment_plans.created_by`, e.g. a credit sale without an order).
 *
 * Every finance query that lists or reads payments, installments, plans, receivables, delinquency
 * and statements goes through `customerScope` (lists) or `assertCustomerInScope` (one record), so
 * the rule lives here once.
 */
export type ScopeCtx = Pick<ProcCtx, 'db' | 'user'>;

/** The user whose own customers bound what they see, or null for the whole shop (and for the app's own jobs). */
function ownerOf(ctx: ScopeCtx): number | null {
  if (!ctx.user || can(ctx.user.role, 'finance.shop')) return null;
  return ctx.user.id;
}

/** Ids of the user's customers, as a subquery. */
function ownCustomerIds(userId: number): RawBuilder<unknown> {
  return sql`select o.customer_id from orders o where o.created_by = ${userId} or o.seller_id in (select s.id from staff s where s.user_id = ${userId}) union select p.customer_id from installment_plans p where p.created_by = ${userId}`;
}

/**
 * A condition keeping only rows whose customer (`column`, e.g. `'payments.customer_id'`) is in the
 * user's scope; null when the user sees the whole shop. Use it on every list and every total.
 */
export function customerScope(ctx: ScopeCtx, column: string): Expression<SqlBool> | null {
  const owner = ownerOf(ctx);
  return owner === null ? null : sql<SqlBool>`${sql.ref(column)} in (${ownCustomerIds(owner)})`;
}

/** Refuses (403) a single finance record of a customer outside the user's scope. */
export async function assertCustomerInScope(ctx: ScopeCtx, customerId: number): Promise<void> {
  const owner = ownerOf(ctx);
  if (owner === null) return;
  const found = await sql<{ ok: number }>`select 1 as ok where ${customerId} in (${ownCustomerIds(owner)})`.execute(
    ctx.db,
  );
  if (found.rows.length === 0) throw new AppError('FORBIDDEN', msg('error.financeScope'));
}

type Table = 'orders' | 'payments' | 'installments' | 'installment_plans';

/**
 * The same check for a record known by id (order, payment, installment, plan): reads its customer
 * and checks it. A missing record passes, so the procedure answers its own 404.
 */
export async function assertRecordInScope(ctx: ScopeCtx, table: Table, id: number): Promise<void> {
  if (ownerOf(ctx) === null) return;
  const row = await ctx.db.selectFrom(table).select('customer_id').where('id', '=', id).executeTakeFirst();
  if (row) await assertCustomerInScope(ctx, row.customer_id);
}
