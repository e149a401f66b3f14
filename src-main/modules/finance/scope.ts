import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { AppError } from '../../../src-shared/errors';
import { msg } from '../../../src-shared/i18n';
import { can } from '../../../src-shared/permissions';
import type { Db } from '../../db/connection';
import type { ProcCtx } from '../../rpc/context';
import type { RowScopeResolver } from '../../rpc/visibility';

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

/**
 * Ids of the user's customers, as a subquery. Three index lookups (migration 0007): orders by
 * `created_by`, orders by `seller_id` of the user's staff records, plans by `created_by`.
 */
export function ownCustomerIds(userId: number): RawBuilder<unknown> {
  return sql`select o.customer_id from orders o where o.created_by = ${userId} union select o.customer_id from orders o where o.seller_id in (select s.id from staff s where s.user_id = ${userId}) union select p.customer_id from installment_plans p where p.created_by = ${userId}`;
}

/**
 * Who owns each of these customers: the users who created or sell one of their orders or opened
 * one of their crediários — the inverse of `ownCustomerIds`, for events.
 */
function ownersOfCustomers(ids: readonly number[]): RawBuilder<{ customerId: number; userId: number }> {
  const list = sql.join(ids.map((id) => sql`${id}`));
  return sql<{
    customerId: number;
    userId: number;
  }>`select o.customer_id as customerId, o.created_by as userId from orders o where o.customer_id in (${list}) and o.created_by is not null
    union select o.customer_id, s.user_id from orders o join staff s on s.id = o.seller_id where o.customer_id in (${list}) and s.user_id is not null
    union select p.customer_id, p.created_by from installment_plans p where p.customer_id in (${list}) and p.created_by is not null`;
}

/**
 * The `customerFinance` row scope (see `ROW_SCOPES`): an order row's money is the user's to see
 * when its customer is one of theirs, by the same definition as every finance list here.
 */
export const customerFinanceScope: RowScopeResolver = {
  async own(ctx, keys) {
    if (keys.length === 0) return new Set();
    const list = sql.join(keys.map((id) => sql`${id}`));
    const rows = await sql<{
      id: number;
    }>`select customer_id as id from (${ownCustomerIds(ctx.user.id)}) where customer_id in (${list})`.execute(ctx.db);
    return new Set(rows.rows.map((r) => r.id));
  },
  async owners(db: Db, keys) {
    const out = new Map<number, number[]>();
    if (keys.length === 0) return out;
    const rows = await ownersOfCustomers(keys).execute(db);
    for (const row of rows.rows) out.set(row.customerId, [...(out.get(row.customerId) ?? []), row.userId]);
    return out;
  },
};

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
