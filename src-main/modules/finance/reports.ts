import { sql } from 'kysely';
import type { OutputOf, ParsedInputOf } from '../../../src-shared/contract';
import { addDays, daysBetween } from '../../../src-shared/domain/credit';
import { type OrderStatus, STATUS_LABELS } from '../../../src-shared/domain/order-status';
import { PAYMENT_STATE_LABELS } from '../../../src-shared/domain/payment-state';
import { AppError } from '../../../src-shared/errors';
import { msg } from '../../../src-shared/i18n';
import type { ProcCtx } from '../../rpc/context';
import { getCreditSettings } from '../settings/credit';
import { creditOpenByOrder, orderBalance, paymentState, paymentsQuery, toPayment } from './payments';
import { chargesOf, installmentsQuery, OPEN_INSTALLMENT, toInstallment } from './plans';
import { customerScope } from './scope';

type JoinedPayment = Parameters<typeof toPayment>[0];
type JoinedInstallment = Parameters<typeof toInstallment>[0];

export async function listPayments(
  ctx: ProcCtx,
  input: ParsedInputOf<'payments.list'>,
): Promise<OutputOf<'payments.list'>> {
  // A seller sees their own customers' payments only: the list and the totals alike.
  const scope = customerScope(ctx, 'payments.customer_id');
  let q = paymentsQuery(ctx.db);
  if (scope) q = q.where(scope);
  if (input.from) q = q.where('payments.paid_date', '>=', input.from);
  if (input.to) q = q.where('payments.paid_date', '<=', input.to);
  if (input.paymentMethodId) q = q.where('payments.payment_method_id', '=', input.paymentMethodId);
  if (input.customerId) q = q.where('payments.customer_id', '=', input.customerId);
  if (input.receivedBy) q = q.where('payments.received_by', '=', input.receivedBy);
  const rows = await q
    .orderBy('payments.paid_at', 'desc')
    .orderBy('payments.id', 'desc')
    .limit(input.perPage)
    .offset((input.page - 1) * input.perPage)
    .execute();
  let agg = ctx.db
    .selectFrom('payments')
    .innerJoin('payment_methods', 'payment_methods.id', 'payments.payment_method_id');
  if (scope) agg = agg.where(scope);
  if (input.from) agg = agg.where('payments.paid_date', '>=', input.from);
  if (input.to) agg = agg.where('payments.paid_date', '<=', input.to);
  if (input.paymentMethodId) agg = agg.where('payments.payment_method_id', '=', input.paymentMethodId);
  if (input.customerId) agg = agg.where('payments.customer_id', '=', input.customerId);
  if (input.receivedBy) agg = agg.where('payments.received_by', '=', input.receivedBy);
  const byMethod = await agg
    .select([
      'payments.payment_method_id as paymentMethodId',
      'payment_methods.name as name',
      (eb) => eb.fn.sum<number>('payments.total_cents').as('totalCents'),
      (eb) => eb.fn.countAll<number>().as('count'),
    ])
    .groupBy(['payments.payment_method_id', 'payment_methods.name'])
    .orderBy('payment_methods.name')
    .execute();
  const total = byMethod.reduce((s, m) => s + Number(m.count), 0);
  return {
    items: rows.map((r) => toPayment(r as JoinedPayment)),
    total,
    page: input.page,
    perPage: input.perPage,
    totalCents: byMethod.reduce((s, m) => s + Number(m.totalCents), 0),
    byMethod: byMethod.map((m) => ({
      paymentMethodId: m.paymentMethodId,
      name: m.name,
      totalCents: Number(m.totalCents),
      count: Number(m.count),
    })),
  };
}

export async function receivables(
  ctx: ProcCtx,
  input: ParsedInputOf<'receivables.list'>,
): Promise<OutputOf<'receivables.list'>> {
  const today = ctx.clock.today();
  // The shop's receivables, or a seller's own customers' open items: list and totals alike.
  const instScope = customerScope(ctx, 'installments.customer_id');
  const orderScope = customerScope(ctx, 'orders.customer_id');
  let iq = installmentsQuery(ctx.db).where('installments.status', 'in', [...OPEN_INSTALLMENT]);
  if (instScope) iq = iq.where(instScope);
  if (input.from) iq = iq.where('installments.due_date', '>=', input.from);
  if (input.to) iq = iq.where('installments.due_date', '<=', input.to);
  const inst = await iq.orderBy('installments.due_date').limit(input.limit).execute();
  let oq = ctx.db
    .selectFrom('orders')
    .select([
      'id',
      'number',
      'customer_id',
      'customer_name',
      'delivery_date',
      'total_cents',
      'paid_cents',
      'financed_cents',
    ])
    .where('kind', '=', 'pedido')
    .where('status', '!=', 'cancelado')
    .where(sql<boolean>`total_cents > paid_cents + financed_cents`);
  if (orderScope) oq = oq.where(orderScope);
  if (input.from) oq = oq.where('delivery_date', '>=', input.from);
  if (input.to) oq = oq.where('delivery_date', '<=', input.to);
  const orders = await oq.orderBy('delivery_date').limit(input.limit).execute();
  const items = [
    ...inst
      .map((r) => toInstallment(r as JoinedInstallment, today))
      .filter((i) => i.balanceCents > 0)
      .map((i) => ({
        kind: 'parcela' as const,
        id: i.id,
        planId: i.planId,
        reference: i.code,
        customerId: i.customerId,
        customerName: i.customerName,
        dueDate: i.dueDate,
        balanceCents: i.balanceCents,
        overdue: i.dueDate < today,
      })),
    ...orders.map((o) => ({
      kind: 'pedido' as const,
      id: o.id,
      planId: null,
      reference: o.number,
      customerId: o.customer_id,
      customerName: o.customer_name,
      dueDate: o.delivery_date,
      balanceCents: orderBalance(o),
      overdue: !!o.delivery_date && o.delivery_date < today,
    })),
  ].sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));
  // Totals over everything open, whatever the list shows.
  let ti = ctx.db
    .selectFrom('installments')
    .select([
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<number>`coalesce(sum(amount_cents - paid_cents), 0)`.as('open'),
      sql<number>`coalesce(sum(case when due_date < ${today} then amount_cents - paid_cents else 0 end), 0)`.as('late'),
    ])
    .where('status', 'in', [...OPEN_INSTALLMENT])
    .whereRef('paid_cents', '<', 'amount_cents');
  if (instScope) ti = ti.where(instScope);
  if (input.from) ti = ti.where('due_date', '>=', input.from);
  if (input.to) ti = ti.where('due_date', '<=', input.to);
  let to = ctx.db
    .selectFrom('orders')
    .select([
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<number>`coalesce(sum(total_cents - paid_cents - financed_cents), 0)`.as('open'),
      sql<number>`coalesce(sum(case when delivery_date < ${today} then total_cents - paid_cents - financed_cents else 0 end), 0)`.as(
        'late',
      ),
    ])
    .where('kind', '=', 'pedido')
    .where('status', '!=', 'cancelado')
    .where(sql<boolean>`total_cents > paid_cents + financed_cents`);
  if (orderScope) to = to.where(orderScope);
  if (input.from) to = to.where('delivery_date', '>=', input.from);
  if (input.to) to = to.where('delivery_date', '<=', input.to);
  const [it, ot] = [await ti.executeTakeFirstOrThrow(), await to.executeTakeFirstOrThrow()];
  return {
    items,
    totalCents: Number(it.open) + Number(ot.open),
    overdueCents: Number(it.late) + Number(ot.late),
    installmentsCents: Number(it.open),
    ordersCents: Number(ot.open),
    count: Number(it.n) + Number(ot.n),
  };
}

const emptyBuckets = () => ({ d1_30: 0, d31_60: 0, d61_90: 0, d90plus: 0 });

export async function delinquency(
  ctx: ProcCtx,
  input: ParsedInputOf<'reports.delinquency'>,
): Promise<OutputOf<'reports.delinquency'>> {
  const asOf = input.asOf ?? ctx.clock.today();
  const settings = await getCreditSettings(ctx.db);
  // Installment columns come from a covering index; customer names are read once per customer.
  let q = ctx.db
    .selectFrom('installments')
    .innerJoin('installment_plans', 'installment_plans.id', 'installments.plan_id')
    .select([
      'installments.customer_id',
      'installments.plan_id',
      'installments.due_date',
      'installments.amount_cents',
      'installments.paid_cents',
      'installments.fine_charged',
      'installments.interest_from',
      'installment_plans.fine_percent',
      'installment_plans.monthly_interest_percent',
    ])
    .where('installments.status', 'in', [...OPEN_INSTALLMENT])
    .where('installments.due_date', '<', asOf)
    .whereRef('installments.paid_cents', '<', 'installments.amount_cents');
  // The shop's delinquency, or a seller's own customers' overdue items.
  const scope = customerScope(ctx, 'installments.customer_id');
  if (scope) q = q.where(scope);
  if (input.from) q = q.where('installments.due_date', '>=', input.from);
  if (input.to) q = q.where('installments.due_date', '<=', input.to);
  const rows = await q.execute();
  const byCustomer = new Map<number, OutputOf<'reports.delinquency'>['items'][number]>();
  const totals = { customers: 0, count: 0, principalCents: 0, chargesCents: 0, buckets: emptyBuckets() };
  for (const r of rows) {
    const c = chargesOf(r, r, settings, asOf);
    const days = daysBetween(r.due_date, asOf);
    const bucket = days <= 30 ? 'd1_30' : days <= 60 ? 'd31_60' : days <= 90 ? 'd61_90' : 'd90plus';
    let entry = byCustomer.get(r.customer_id);
    if (!entry) {
      entry = {
        customerId: r.customer_id,
        customerName: '',
        phone: null,
        count: 0,
        principalCents: 0,
        chargesCents: 0,
        oldestDueDate: r.due_date,
        oldestPlanId: r.plan_id,
        buckets: emptyBuckets(),
      };
      byCustomer.set(r.customer_id, entry);
    }
    entry.count += 1;
    entry.principalCents += c.principalCents;
    entry.chargesCents += c.fineCents + c.interestCents;
    entry.buckets[bucket] += c.principalCents;
    if (r.due_date < entry.oldestDueDate) {
      entry.oldestDueDate = r.due_date;
      entry.oldestPlanId = r.plan_id;
    }
    totals.count += 1;
    totals.principalCents += c.principalCents;
    totals.chargesCents += c.fineCents + c.interestCents;
    totals.buckets[bucket] += c.principalCents;
  }
  // Largest debts first; names only for the customers shown.
  const all = [...byCustomer.values()].sort(
    (a, b) => b.principalCents - a.principalCents || a.customerId - b.customerId,
  );
  const items = all.slice(0, input.limit);
  const ids = items.map((i) => i.customerId);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = await ctx.db
      .selectFrom('customers')
      .select(['id', 'name', 'phone', 'whatsapp'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const c of chunk) {
      const entry = byCustomer.get(c.id);
      if (entry) {
        entry.customerName = c.name;
        entry.phone = c.whatsapp ?? c.phone;
      }
    }
  }
  totals.customers = all.length;
  return { asOf, items, totals };
}

export async function statement(ctx: ProcCtx, customerId: number): Promise<OutputOf<'finance.customerStatement'>> {
  const today = ctx.clock.today();
  const customer = await ctx.db
    .selectFrom('customers')
    .select(['id', 'name', 'credit_limit_cents'])
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!customer) throw new AppError('NOT_FOUND', msg('customers.notFound'));
  const orders = await ctx.db
    .selectFrom('orders')
    .select(['id', 'number', 'entry_date', 'total_cents', 'paid_cents', 'financed_cents', 'status'])
    .where('customer_id', '=', customerId)
    .where('kind', '=', 'pedido')
    .orderBy('entry_date', 'desc')
    .limit(500)
    .execute();
  const credit = await creditOpenByOrder(ctx.db, orders);
  const payments = await paymentsQuery(ctx.db)
    .where('payments.customer_id', '=', customerId)
    .orderBy('payments.paid_at', 'desc')
    .limit(500)
    .execute();
  const installments = await installmentsQuery(ctx.db)
    .where('installments.customer_id', '=', customerId)
    .orderBy('installments.due_date')
    .limit(1000)
    .execute();
  const inst = installments.map((r) => toInstallment(r as JoinedInstallment, today));
  const ordersBalance = orders
    .filter((o) => o.status !== 'cancelado')
    .reduce((s, o) => s + Math.max(0, orderBalance(o)), 0);
  const installmentsBalance = inst
    .filter((i) => ['pendente', 'parcial', 'atrasada'].includes(i.status))
    .reduce((s, i) => s + i.balanceCents, 0);
  return {
    customerId: customer.id,
    customerName: customer.name,
    orders: orders.map((o) => {
      const creditOpenCents = credit.get(o.id) ?? 0;
      const state = paymentState(o, creditOpenCents);
      const orderStatus = o.status as OrderStatus;
      return {
        id: o.id,
        number: o.number,
        entryDate: o.entry_date,
        totalCents: o.total_cents,
        paidCents: o.paid_cents,
        balanceCents: orderBalance(o),
        creditOpenCents,
        orderStatus,
        paymentState: state,
        status: `${STATUS_LABELS[orderStatus] ?? o.status} · ${PAYMENT_STATE_LABELS[state]}`,
      };
    }),
    payments: payments.map((p) => toPayment(p as JoinedPayment)),
    installments: inst,
    ordersBalanceCents: ordersBalance,
    installmentsBalanceCents: installmentsBalance,
    balanceCents: ordersBalance + installmentsBalance,
    creditLimitCents: customer.credit_limit_cents,
  };
}

/** Days of history that decide the preferred payment method. */
export const PREFERRED_METHOD_DAYS = 90;

/**
 * The method the shop used most in the last 90 days (payments received, not reversals nor
 * reversed ones; only active methods that take money at the counter), else Dinheiro. Ties go to
 * the older method. Reads the payments of the window through the date index.
 */
export async function preferredMethod(ctx: ProcCtx): Promise<OutputOf<'payments.preferredMethod'>> {
  const since = addDays(ctx.clock.today(), -PREFERRED_METHOD_DAYS);
  const rows = await ctx.db
    .selectFrom('payments')
    .innerJoin('payment_methods', 'payment_methods.id', 'payments.payment_method_id')
    .select(['payments.payment_method_id as id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('payments.paid_date', '>=', since)
    .where('payments.kind', '!=', 'estorno')
    .where('payments.reversed_by_id', 'is', null)
    .where('payment_methods.active', '=', 1)
    .where('payment_methods.kind', '!=', 'crediario')
    .groupBy('payments.payment_method_id')
    .orderBy('n', 'desc')
    .orderBy('payments.payment_method_id')
    .execute();
  const counts = rows.map((r) => ({ paymentMethodId: r.id, count: Number(r.n) }));
  if (counts[0]) return { paymentMethodId: counts[0].paymentMethodId, counts };
  const cash = await ctx.db
    .selectFrom('payment_methods')
    .select('id')
    .where('kind', '=', 'dinheiro')
    .where('active', '=', 1)
    .orderBy('id')
    .executeTakeFirst();
  return { paymentMethodId: cash?.id ?? null, counts };
}
