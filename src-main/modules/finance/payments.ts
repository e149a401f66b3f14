import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { OutputOf } from '../../../src-shared/contract';
import { businessDateOf } from '../../../src-shared/domain/dates';
import { formatCents } from '../../../src-shared/domain/money';
import {
  orderBalanceCents,
  type PaymentState,
  paymentState as sharedPaymentState,
} from '../../../src-shared/domain/payment-state';
import { AppError } from '../../../src-shared/errors';
import { msg } from '../../../src-shared/i18n';
import type { Db } from '../../db/connection';
import { yearlyNumber } from '../../db/counters';
import type { OrderRow, PaymentRow } from '../../db/schema';
import type { ProcCtx } from '../../rpc/context';
import { requireUser } from '../../rpc/context';
import { stateFact } from '../hooks';
import { orderNotFound } from '../orders/errors';
import { recordOrderMoney } from '../orders/money';
import { installmentStatus } from './status';

export type PaymentOut = OutputOf<'payments.get'>;

type OrderMoneyRow = Pick<OrderRow, 'total_cents' | 'paid_cents' | 'financed_cents'>;

/** Balance of an order still to receive outside a crediário. */
export const orderBalance = (o: OrderMoneyRow) =>
  orderBalanceCents({ totalCents: o.total_cents, paidCents: o.paid_cents, financedCents: o.financed_cents });

/** The order's payment state (see src-shared/domain/payment-state.ts), from its row and what its plans still owe. */
export function paymentState(o: OrderMoneyRow, creditOpenCents: number): PaymentState {
  return sharedPaymentState({
    totalCents: o.total_cents,
    paidCents: o.paid_cents,
    financedCents: o.financed_cents,
    creditOpenCents,
  });
}

/**
 * What is still owed on the active crediário plans of each order (open installments, interest
 * included). Only orders with something financed are looked up, through the plans-by-order and
 * installments-by-plan indexes, a few hundred ids at a time: a list of 50 orders costs at most 50
 * index lookups, whatever the size of the database.
 */
export async function creditOpenByOrder(
  db: Db,
  rows: ReadonlyArray<Pick<OrderRow, 'id' | 'financed_cents'>>,
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  const ids = rows.filter((r) => r.financed_cents > 0).map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    const found = await db
      .selectFrom('installment_plans')
      .innerJoin('installments', 'installments.plan_id', 'installment_plans.id')
      .select([
        'installment_plans.order_id as orderId',
        sql<number>`coalesce(sum(max(0, installments.amount_cents - installments.paid_cents)), 0)`.as('open'),
      ])
      .where('installment_plans.order_id', 'in', ids.slice(i, i + 500))
      .where('installment_plans.status', '=', 'ativo')
      .where('installments.status', 'in', ['pendente', 'parcial', 'atrasada'])
      .groupBy('installment_plans.order_id')
      .execute();
    for (const r of found) if (r.orderId !== null) out.set(r.orderId, Number(r.open));
  }
  return out;
}

/**
 * The orders (SQL, over the `orders` table) whose payment state is one of `states`: the same rule as
 * `paymentState()` in src-shared/domain/payment-state.ts and `creditOpenByOrder` above, written for
 * a WHERE clause so the orders list can filter by it (a test checks both agree on every order).
 */
export function paymentStateCondition(states: readonly PaymentState[]): RawBuilder<SqlBool> {
  const balance = sql`(orders.total_cents - orders.paid_cents - orders.financed_cents)`;
  const creditOpen = sql`(orders.financed_cents > 0 and exists (
    select 1 from installment_plans p join installments i on i.plan_id = p.id
    where p.order_id = orders.id and p.status = 'ativo'
      and i.status in ('pendente', 'parcial', 'atrasada') and i.amount_cents > i.paid_cents))`;
  const rule: Record<PaymentState, RawBuilder<unknown>> = {
    sem_valor: sql`orders.total_cents <= 0`,
    em_aberto: sql`(orders.total_cents > 0 and ${balance} > 0 and orders.paid_cents + orders.financed_cents <= 0)`,
    parcial: sql`(orders.total_cents > 0 and ${balance} > 0 and orders.paid_cents + orders.financed_cents > 0)`,
    no_crediario: sql`(orders.total_cents > 0 and ${balance} <= 0 and ${creditOpen})`,
    pago: sql`(orders.total_cents > 0 and ${balance} <= 0 and not ${creditOpen})`,
  };
  if (states.length === 0) return sql<SqlBool>`1`;
  return sql<SqlBool>`(${sql.join(
    states.map((s) => rule[s]),
    sql` or `,
  )})`;
}

/** One order's open crediário amount. */
export async function creditOpenOf(db: Db, row: Pick<OrderRow, 'id' | 'financed_cents'>): Promise<number> {
  return (await creditOpenByOrder(db, [row])).get(row.id) ?? 0;
}

export function paymentsQuery(db: Db) {
  return db
    .selectFrom('payments')
    .innerJoin('customers', 'customers.id', 'payments.customer_id')
    .innerJoin('payment_methods', 'payment_methods.id', 'payments.payment_method_id')
    .leftJoin('users', 'users.id', 'payments.received_by')
    .leftJoin('orders', 'orders.id', 'payments.order_id')
    .leftJoin('installments', 'installments.id', 'payments.installment_id')
    .selectAll('payments')
    .select([
      'customers.name as customerName',
      'payment_methods.name as methodName',
      'users.name as receiverName',
      'orders.number as orderNumber',
      'installments.code as installmentCode',
    ]);
}

type JoinedPayment = PaymentRow & {
  customerName: string;
  methodName: string;
  receiverName: string | null;
  orderNumber: string | null;
  installmentCode: string | null;
};

export function toPayment(r: JoinedPayment): PaymentOut {
  return {
    id: r.id,
    receiptNumber: r.receipt_number,
    kind: r.kind as PaymentOut['kind'],
    orderId: r.order_id,
    orderNumber: r.orderNumber,
    installmentId: r.installment_id,
    installmentCode: r.installmentCode,
    customerId: r.customer_id,
    customerName: r.customerName,
    amountCents: r.amount_cents,
    fineCents: r.fine_cents,
    interestCents: r.interest_cents,
    totalCents: r.total_cents,
    tenderedCents: r.tendered_cents,
    changeCents: r.change_cents,
    paymentMethodId: r.payment_method_id,
    paymentMethodName: r.methodName,
    paidAt: r.paid_at,
    notes: r.notes,
    receivedBy: r.received_by,
    receivedByName: r.receiverName,
    reversedById: r.reversed_by_id,
    reversalOfId: r.reversal_of_id,
    reversalReason: r.reversal_reason,
    waivedReason: r.waived_reason,
    createdAt: r.created_at,
  };
}

export async function loadPayment(db: Db, id: number): Promise<PaymentOut> {
  const row = await paymentsQuery(db).where('payments.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', msg('payments.notFound'));
  return toPayment(row as JoinedPayment);
}

export async function paymentMethod(db: Db, id: number) {
  const m = await db
    .selectFrom('payment_methods')
    .select(['id', 'name', 'kind', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (m?.active !== 1) {
    throw new AppError('VALIDATION', msg('error.VALIDATION'), {
      fields: { paymentMethodId: msg('payments.methodNotFound') },
    });
  }
  return m;
}

export interface NewPayment {
  kind: PaymentOut['kind'];
  orderId: number | null;
  installmentId: number | null;
  planId: number | null;
  customerId: number;
  amountCents: number;
  fineCents?: number;
  interestCents?: number;
  tenderedCents?: number | null;
  changeCents?: number | null;
  paymentMethodId: number;
  paidAt?: string | undefined;
  notes?: string | null | undefined;
  waivedReason?: string | null | undefined;
  reversal?: { ofId: number; reason: string };
}

/** Inserts a payment with its receipt number and audit row; callers update what it pays. */
export async function insertPayment(ctx: ProcCtx, p: NewPayment): Promise<number> {
  const user = requireUser(ctx);
  const paidAt = p.paidAt ?? ctx.clock.nowIso();
  if (paidAt > new Date(ctx.clock.now().getTime() + 5 * 60_000).toISOString()) {
    throw new AppError('VALIDATION', msg('error.VALIDATION'), {
      fields: { paidAt: msg('payments.paidAtFuture') },
    });
  }
  const paidDate = businessDateOf(new Date(paidAt), ctx.clock.timeZone);
  const fine = p.fineCents ?? 0;
  const interest = p.interestCents ?? 0;
  const row = await ctx.db
    .insertInto('payments')
    .values({
      receipt_number: await yearlyNumber(ctx.db, 'receipt', paidDate),
      kind: p.kind,
      order_id: p.orderId,
      installment_id: p.installmentId,
      plan_id: p.planId,
      customer_id: p.customerId,
      amount_cents: p.amountCents,
      fine_cents: fine,
      interest_cents: interest,
      total_cents: p.amountCents + fine + interest,
      tendered_cents: p.tenderedCents ?? null,
      change_cents: p.changeCents ?? null,
      payment_method_id: p.paymentMethodId,
      paid_at: paidAt,
      paid_date: paidDate,
      notes: p.notes ?? null,
      received_by: user.id,
      reversed_by_id: null,
      reversal_of_id: p.reversal?.ofId ?? null,
      reversal_reason: p.reversal?.reason ?? null,
      waived_reason: p.waivedReason ?? null,
      created_at: ctx.clock.nowIso(),
    })
    .returning(['id', 'receipt_number'])
    .executeTakeFirstOrThrow();
  await ctx.audit({
    action: 'create',
    entity: 'payment',
    entityId: row.id,
    after: {
      receipt: row.receipt_number,
      kind: p.kind,
      amountCents: p.amountCents,
      fineCents: fine,
      interestCents: interest,
      orderId: p.orderId,
      installmentId: p.installmentId,
    },
  });
  return row.id;
}

/** Pays an order (not on crediário): partial or full; cash over the balance records the balance and the change. */
export async function payOrder(
  ctx: ProcCtx,
  input: {
    id: number;
    amountCents: number;
    paymentMethodId: number;
    paidAt?: string | undefined;
    notes?: string | null | undefined;
    tenderedCents?: number | undefined;
  },
): Promise<PaymentOut> {
  const order = await ctx.db.selectFrom('orders').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!order) throw orderNotFound(input.id);
  if (order.kind !== 'pedido') throw new AppError('BUSINESS_RULE', msg('payments.quoteNoPayment'));
  if (order.status === 'cancelado') throw new AppError('BUSINESS_RULE', msg('payments.cancelledOrder'));
  const method = await paymentMethod(ctx.db, input.paymentMethodId);
  if (method.kind === 'crediario') throw new AppError('BUSINESS_RULE', msg('payments.useCreditPlan'));
  const balance = orderBalance(order);
  if (balance <= 0) throw new AppError('BUSINESS_RULE', msg('payments.alreadyPaid', { number: order.number }));
  let amount = input.amountCents;
  let tendered: number | null = null;
  let change: number | null = null;
  const offered = input.tenderedCents ?? amount;
  if (method.kind === 'dinheiro' && offered > balance) {
    tendered = offered;
    change = offered - Math.min(amount, balance);
    amount = Math.min(amount, balance);
  } else if (amount > balance) {
    throw new AppError(
      'BUSINESS_RULE',
      msg('payments.overBalance', { amount: formatCents(amount), balance: formatCents(balance) }),
    );
  } else if (method.kind === 'dinheiro' && input.tenderedCents !== undefined) {
    if (input.tenderedCents < amount)
      throw new AppError('VALIDATION', msg('error.VALIDATION'), {
        fields: { tenderedCents: msg('payments.tenderedTooLow') },
      });
    tendered = input.tenderedCents;
    change = input.tenderedCents - amount;
  }
  const id = await insertPayment(ctx, {
    kind: 'pedido',
    orderId: order.id,
    installmentId: null,
    planId: null,
    customerId: order.customer_id,
    amountCents: amount,
    tenderedCents: tendered,
    changeCents: change,
    paymentMethodId: method.id,
    paidAt: input.paidAt,
    notes: input.notes,
  });
  await recordOrderMoney(ctx, order.id, { paidCents: amount });
  return loadPayment(ctx.db, id);
}

/** A wrong payment is undone by a counter-entry; both stay in the history and what it paid is reopened. */
export async function reversePayment(ctx: ProcCtx, id: number, reason: string): Promise<PaymentOut> {
  const original = await ctx.db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!original) throw new AppError('NOT_FOUND', msg('payments.notFound'));
  if (original.reversal_of_id !== null) throw new AppError('BUSINESS_RULE', msg('payments.reversalOfReversal'));
  if (original.kind === 'quitacao')
    throw new AppError('BUSINESS_RULE', msg('payments.payoffNotReversible', { receipt: original.receipt_number }));
  if (original.reversed_by_id !== null)
    throw new AppError('BUSINESS_RULE', msg('payments.alreadyReversed', { receipt: original.receipt_number }));
  const reversalId = await insertPayment(ctx, {
    kind: 'estorno',
    orderId: original.order_id,
    installmentId: original.installment_id,
    planId: original.plan_id,
    customerId: original.customer_id,
    amountCents: -original.amount_cents,
    fineCents: -original.fine_cents,
    interestCents: -original.interest_cents,
    paymentMethodId: original.payment_method_id,
    notes: `Estorno do recibo ${original.receipt_number}`,
    reversal: { ofId: original.id, reason },
  });
  await ctx.db.updateTable('payments').set({ reversed_by_id: reversalId }).where('id', '=', original.id).execute();
  if (original.installment_id !== null) {
    const i = await ctx.db
      .selectFrom('installments')
      .selectAll()
      .where('id', '=', original.installment_id)
      .executeTakeFirstOrThrow();
    const paid = i.paid_cents - original.amount_cents;
    const today = ctx.clock.today();
    await ctx.db
      .updateTable('installments')
      .set({
        paid_cents: paid,
        fine_paid_cents: i.fine_paid_cents - original.fine_cents,
        interest_paid_cents: i.interest_paid_cents - original.interest_cents,
        // Only the payment that collected the fine gives it back; a waived fine stays waived.
        fine_charged: original.fine_cents > 0 ? (i.fine_paid_cents - original.fine_cents > 0 ? 1 : 0) : i.fine_charged,
        status: installmentStatus({ ...i, paid_cents: paid }, today),
        version: i.version + 1,
      })
      .where('id', '=', i.id)
      .execute();
    await ctx.db
      .updateTable('installment_plans')
      .set({ status: 'ativo' })
      .where('id', '=', i.plan_id)
      .where('status', '=', 'quitado')
      .execute();
  } else if (original.order_id !== null) {
    await recordOrderMoney(ctx, original.order_id, { paidCents: -original.amount_cents });
  }
  await ctx.audit({ action: 'reverse', entity: 'payment', entityId: original.id, after: { reason, reversalId } });
  await stateFact(ctx, 'paymentReversed', {
    paymentId: original.id,
    reversalId,
    customerId: original.customer_id,
    orderId: original.order_id,
    installmentId: original.installment_id,
  });
  return loadPayment(ctx.db, reversalId);
}
