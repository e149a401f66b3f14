import type { OutputOf } from '../../../src-shared/contract';
import {
  allocatePayment,
  daysBetween,
  dueDates,
  earlyPayoff,
  lateCharges,
  planInstallments,
} from '../../../src-shared/domain/credit';
import { formatDateBR } from '../../../src-shared/domain/dates';
import { formatCents } from '../../../src-shared/domain/money';
import { AppError } from '../../../src-shared/errors';
import { type Msg, msg, statusText } from '../../../src-shared/i18n';
import { can } from '../../../src-shared/permissions';
import type { Db } from '../../db/connection';
import { yearlyNumber } from '../../db/counters';
import type { InstallmentRow, PlanRow } from '../../db/schema';
import type { ProcCtx } from '../../rpc/context';
import { requireUser } from '../../rpc/context';
import { stateFact } from '../hooks';
import { orderNotFound } from '../orders/errors';
import { recordOrderMoney } from '../orders/money';
import { type CreditSettings, getCreditSettings } from '../settings/credit';
import { insertPayment, loadPayment, orderBalance, type PaymentOut, paymentMethod } from './payments';
import { installmentStatus, OPEN_INSTALLMENT } from './status';

export { installmentStatus, OPEN_INSTALLMENT };

export type PlanOut = OutputOf<'plans.get'>;
export type InstallmentOut = PlanOut['installments'][number];

export function installmentsQuery(db: Db) {
  return db
    .selectFrom('installments')
    .innerJoin('installment_plans', 'installment_plans.id', 'installments.plan_id')
    .innerJoin('customers', 'customers.id', 'installments.customer_id')
    .leftJoin('orders', 'orders.id', 'installment_plans.order_id')
    .selectAll('installments')
    .select([
      'customers.name as customerName',
      'installment_plans.order_id as orderId',
      'orders.number as orderNumber',
    ]);
}

type JoinedInstallment = InstallmentRow & { customerName: string; orderId: number | null; orderNumber: string | null };

export function toInstallment(r: JoinedInstallment, today: string): InstallmentOut {
  return {
    id: r.id,
    planId: r.plan_id,
    code: r.code,
    number: r.number,
    count: r.count,
    dueDate: r.due_date,
    amountCents: r.amount_cents,
    paidCents: r.paid_cents,
    balanceCents: Math.max(0, r.amount_cents - r.paid_cents),
    finePaidCents: r.fine_paid_cents,
    interestPaidCents: r.interest_paid_cents,
    status: installmentStatus(r, today),
    customerId: r.customer_id,
    customerName: r.customerName,
    orderId: r.orderId,
    orderNumber: r.orderNumber,
    version: r.version,
  };
}

export async function loadPlan(db: Db, id: number, today: string): Promise<PlanOut> {
  const plan = await db
    .selectFrom('installment_plans')
    .innerJoin('customers', 'customers.id', 'installment_plans.customer_id')
    .leftJoin('orders', 'orders.id', 'installment_plans.order_id')
    .selectAll('installment_plans')
    .select(['customers.name as customerName', 'orders.number as orderNumber'])
    .where('installment_plans.id', '=', id)
    .executeTakeFirst();
  if (!plan) throw new AppError('NOT_FOUND', msg('plans.notFound'));
  const rows = await installmentsQuery(db)
    .where('installments.plan_id', '=', id)
    .orderBy('installments.number')
    .execute();
  const successor = await db
    .selectFrom('installment_plans')
    .select('id')
    .where('renegotiated_from_id', '=', id)
    .executeTakeFirst();
  return {
    id: plan.id,
    orderId: plan.order_id,
    orderNumber: plan.orderNumber,
    customerId: plan.customer_id,
    customerName: plan.customerName,
    description: plan.description,
    downPaymentCents: plan.down_payment_cents,
    financedCents: plan.financed_cents,
    totalCents: plan.total_cents,
    count: plan.count,
    firstDueDate: plan.first_due_date,
    intervalDays: plan.interval_days,
    monthlyRatePercent: plan.monthly_rate_percent,
    status: plan.status as PlanOut['status'],
    renegotiatedFromId: plan.renegotiated_from_id,
    renegotiatedToId: successor?.id ?? null,
    cancelReason: plan.cancel_reason,
    finePercent: plan.fine_percent,
    monthlyInterestPercent: plan.monthly_interest_percent,
    installments: rows.map((r) => toInstallment(r as JoinedInstallment, today)),
    createdAt: plan.created_at,
    version: plan.version,
  };
}

export function simulate(input: {
  financedCents: number;
  count: number;
  firstDueDate: string;
  intervalDays?: number | null | undefined;
  monthlyRatePercent: number;
}) {
  const amounts = planInstallments(input.financedCents, input.count, input.monthlyRatePercent);
  const dates = dueDates(input.firstDueDate, input.count, input.intervalDays);
  return {
    installments: amounts.map((amountCents, i) => ({ number: i + 1, dueDate: dates[i] as string, amountCents })),
    totalCents: amounts.reduce((a, b) => a + b, 0),
  };
}

/** Overdue beyond the configured days, or over the credit limit: refused unless a gerente/admin overrides. */
async function checkCredit(
  ctx: ProcCtx,
  customerId: number,
  financed: number,
  override: boolean,
  settings: CreditSettings,
) {
  const user = requireUser(ctx);
  const today = ctx.clock.today();
  const problems: Msg[] = [];
  const limitDate = new Date(Date.parse(`${today}T12:00:00Z`) - settings.blockAfterDaysOverdue * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const late = await ctx.db
    .selectFrom('installments')
    .select(['code', 'due_date'])
    .where('customer_id', '=', customerId)
    .where('status', 'in', [...OPEN_INSTALLMENT])
    .where('due_date', '<', limitDate)
    .whereRef('paid_cents', '<', 'amount_cents')
    .orderBy('due_date')
    .limit(3)
    .execute();
  if (late.length) {
    problems.push(
      msg('plans.lateInstallments', {
        days: settings.blockAfterDaysOverdue,
        list: late.map((l) => msg('plans.lateInstallment', { code: l.code, date: formatDateBR(l.due_date) })),
      }),
    );
  }
  const customer = await ctx.db
    .selectFrom('customers')
    .select(['credit_limit_cents', 'name', 'active'])
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!customer)
    throw new AppError('VALIDATION', msg('error.VALIDATION'), { fields: { customerId: msg('customers.notFound') } });
  if (customer.credit_limit_cents !== null) {
    const open = await ctx.db
      .selectFrom('installments')
      .select((eb) => eb.fn.sum<number>(eb.ref('amount_cents')).as('a'))
      .select((eb) => eb.fn.sum<number>(eb.ref('paid_cents')).as('p'))
      .where('customer_id', '=', customerId)
      .where('status', 'in', [...OPEN_INSTALLMENT])
      .executeTakeFirstOrThrow();
    const used = Number(open.a ?? 0) - Number(open.p ?? 0);
    if (used + financed > customer.credit_limit_cents) {
      problems.push(
        msg('plans.overLimit', { limit: formatCents(customer.credit_limit_cents), used: formatCents(used) }),
      );
    }
  }
  if (!problems.length) return;
  if (!override) throw new AppError('BUSINESS_RULE', msg('plans.blocked', { problems }));
  if (!can(user.role, 'credit.override')) throw new AppError('FORBIDDEN', msg('plans.overrideForbidden'));
}

interface PlanTerms {
  downPaymentCents: number;
  downPaymentMethodId?: number | undefined;
  count: number;
  firstDueDate: string;
  intervalDays?: number | null | undefined;
  monthlyRatePercent: number;
  override: boolean;
}

/** Who a new plan belongs to and how it is named. */
interface PlanBase {
  orderId: number | null;
  customerId: number;
  description: string | null;
  reference: string;
  renegotiatedFromId?: number | null;
}

/**
 * The one place a plan row is written: the plan with its terms, its installments (codes
 * `<reference>-<n>/<count>`) and the `planOpened` fact. New crediários (`insertPlan`) and imported
 * carnês (`openImportedPlan`) both come through here.
 */
async function writePlan(
  ctx: ProcCtx,
  base: PlanBase,
  plan: {
    downPaymentCents: number;
    financedCents: number;
    totalCents: number;
    count: number;
    firstDueDate: string;
    intervalDays: number | null;
    monthlyRatePercent: number;
  },
  installments: ReadonlyArray<{
    number: number;
    dueDate: string;
    amountCents: number;
    status: ReturnType<typeof installmentStatus>;
  }>,
  settings: CreditSettings,
): Promise<number> {
  const now = ctx.clock.nowIso();
  const row = await ctx.db
    .insertInto('installment_plans')
    .values({
      reference: base.reference,
      order_id: base.orderId,
      customer_id: base.customerId,
      description: base.description,
      down_payment_cents: plan.downPaymentCents,
      financed_cents: plan.financedCents,
      total_cents: plan.totalCents,
      count: plan.count,
      first_due_date: plan.firstDueDate,
      interval_days: plan.intervalDays,
      monthly_rate_percent: plan.monthlyRatePercent,
      fine_percent: settings.finePercent,
      monthly_interest_percent: settings.monthlyInterestPercent,
      status: 'ativo',
      renegotiated_from_id: base.renegotiatedFromId ?? null,
      cancel_reason: null,
      created_by: ctx.user?.id ?? null,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('installments')
    .values(
      installments.map((i) => ({
        plan_id: row.id,
        customer_id: base.customerId,
        code: `${base.reference}-${i.number}/${plan.count}`,
        number: i.number,
        count: plan.count,
        due_date: i.dueDate,
        amount_cents: i.amountCents,
        interest_from: null,
        status: i.status,
      })),
    )
    .execute();
  await stateFact(ctx, 'planOpened', {
    planId: row.id,
    orderId: base.orderId,
    customerId: base.customerId,
    financedCents: plan.financedCents,
  });
  return row.id;
}

async function insertPlan(
  ctx: ProcCtx,
  base: PlanBase,
  terms: Omit<PlanTerms, 'override' | 'downPaymentMethodId'>,
  financed: number,
  settings: CreditSettings,
): Promise<number> {
  if (terms.firstDueDate < ctx.clock.today()) {
    throw new AppError('VALIDATION', msg('error.VALIDATION'), {
      fields: { firstDueDate: msg('plans.firstDueInPast') },
    });
  }
  const sim = simulate({ financedCents: financed, ...terms });
  return writePlan(
    ctx,
    base,
    {
      downPaymentCents: terms.downPaymentCents,
      financedCents: financed,
      totalCents: sim.totalCents,
      count: terms.count,
      firstDueDate: terms.firstDueDate,
      intervalDays: terms.intervalDays ?? null,
      monthlyRatePercent: terms.monthlyRatePercent,
    },
    sim.installments.map((i) => ({ ...i, status: 'pendente' as const })),
    settings,
  );
}

/** The down payment of a new crediário ("entrada"): paid now, with its own receipt; nothing when there is none. */
async function payDownPayment(
  ctx: ProcCtx,
  terms: Pick<PlanTerms, 'downPaymentCents' | 'downPaymentMethodId'>,
  to: { orderId: number | null; planId: number | null; customerId: number },
): Promise<void> {
  if (terms.downPaymentCents <= 0) return;
  if (!terms.downPaymentMethodId)
    throw new AppError('VALIDATION', msg('error.VALIDATION'), {
      fields: { downPaymentMethodId: msg('plans.downPaymentMethod') },
    });
  const method = await paymentMethod(ctx.db, terms.downPaymentMethodId);
  await insertPayment(ctx, {
    kind: 'entrada',
    orderId: to.orderId,
    installmentId: null,
    planId: to.planId,
    customerId: to.customerId,
    amountCents: terms.downPaymentCents,
    paymentMethodId: method.id,
  });
}

async function saleReference(db: Db, today: string): Promise<string> {
  return `V${await yearlyNumber(db, 'sale', today)}`;
}

export async function createPlanForOrder(ctx: ProcCtx, input: PlanTerms & { id: number }): Promise<PlanOut> {
  const order = await ctx.db.selectFrom('orders').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!order) throw orderNotFound(input.id);
  if (order.kind !== 'pedido' || order.status === 'cancelado')
    throw new AppError('BUSINESS_RULE', msg('plans.onlyActiveOrders'));
  const balance = orderBalance(order);
  if (input.downPaymentCents > balance)
    throw new AppError(
      'BUSINESS_RULE',
      msg('plans.downPaymentOverBalance', { down: formatCents(input.downPaymentCents), balance: formatCents(balance) }),
    );
  const financed = balance - input.downPaymentCents;
  if (financed <= 0) throw new AppError('BUSINESS_RULE', msg('plans.nothingToFinance'));
  const settings = await getCreditSettings(ctx.db);
  await checkCredit(ctx, order.customer_id, financed, input.override, settings);
  await payDownPayment(ctx, input, { orderId: order.id, planId: null, customerId: order.customer_id });
  const planId = await insertPlan(
    ctx,
    {
      orderId: order.id,
      customerId: order.customer_id,
      description: `Pedido ${order.number}`,
      reference: order.number,
    },
    input,
    financed,
    settings,
  );
  await recordOrderMoney(ctx, order.id, { paidCents: input.downPaymentCents, financedCents: financed });
  await ctx.db
    .updateTable('payments')
    .set({ plan_id: planId })
    .where('order_id', '=', order.id)
    .where('kind', '=', 'entrada')
    .where('plan_id', 'is', null)
    .execute();
  await ctx.audit({
    action: 'create',
    entity: 'plan',
    entityId: planId,
    after: { orderId: order.id, financed, count: input.count },
  });
  return loadPlan(ctx.db, planId, ctx.clock.today());
}

export async function createSale(
  ctx: ProcCtx,
  input: PlanTerms & { customerId: number; description: string; totalCents: number },
): Promise<PlanOut> {
  const customer = await ctx.db
    .selectFrom('customers')
    .select(['id', 'active', 'name'])
    .where('id', '=', input.customerId)
    .executeTakeFirst();
  if (!customer)
    throw new AppError('VALIDATION', msg('error.VALIDATION'), { fields: { customerId: msg('customers.notFound') } });
  if (customer.active !== 1)
    throw new AppError('BUSINESS_RULE', msg('plans.customerInactive', { name: customer.name }));
  if (input.downPaymentCents >= input.totalCents)
    throw new AppError('BUSINESS_RULE', msg('plans.downPaymentCoversAll'));
  const financed = input.totalCents - input.downPaymentCents;
  const settings = await getCreditSettings(ctx.db);
  await checkCredit(ctx, customer.id, financed, input.override, settings);
  const reference = await saleReference(ctx.db, ctx.clock.today());
  const planId = await insertPlan(
    ctx,
    { orderId: null, customerId: customer.id, description: input.description, reference },
    input,
    financed,
    settings,
  );
  await payDownPayment(ctx, input, { orderId: null, planId, customerId: customer.id });
  await ctx.audit({
    action: 'create',
    entity: 'plan',
    entityId: planId,
    after: { customerId: customer.id, financed, count: input.count },
  });
  return loadPlan(ctx.db, planId, ctx.clock.today());
}

/**
 * A crediário brought from a paper carnê or another system (the import): its open installments as
 * they are, due dates in the past allowed — those start overdue, and their fine and interest run
 * from their own due date like any late installment. No down payment, no credit checks (the debt
 * already exists); the plan's total is what is still owed.
 */
export async function openImportedPlan(
  ctx: ProcCtx,
  input: {
    customerId: number;
    description: string;
    installments: Array<{ number: number; count: number; dueDate: string; amountCents: number }>;
  },
): Promise<number> {
  const today = ctx.clock.today();
  const settings = await getCreditSettings(ctx.db);
  const reference = `C${await yearlyNumber(ctx.db, 'carne', today)}`;
  const rows = [...input.installments].sort((a, b) => a.number - b.number || a.dueDate.localeCompare(b.dueDate));
  const total = rows.reduce((sum, i) => sum + i.amountCents, 0);
  const count = Math.max(rows.length, ...rows.map((i) => i.count));
  const planId = await writePlan(
    ctx,
    { orderId: null, customerId: input.customerId, description: input.description, reference },
    {
      downPaymentCents: 0,
      financedCents: total,
      totalCents: total,
      count,
      firstDueDate: rows.reduce((min, i) => (i.dueDate < min ? i.dueDate : min), rows[0]?.dueDate ?? today),
      intervalDays: null,
      monthlyRatePercent: 0,
    },
    rows.map((i) => ({
      number: i.number,
      dueDate: i.dueDate,
      amountCents: i.amountCents,
      status: installmentStatus(
        { status: 'pendente', paid_cents: 0, amount_cents: i.amountCents, due_date: i.dueDate },
        today,
      ),
    })),
    settings,
  );
  await ctx.audit({
    action: 'import',
    entity: 'plan',
    entityId: planId,
    after: { customerId: input.customerId, description: input.description, total, count: rows.length },
  });
  return planId;
}

/** Installments of a plan still open (not paid, renegotiated or cancelled). */
async function openInstallments(db: Db, planId: number): Promise<InstallmentRow[]> {
  const rows = await db
    .selectFrom('installments')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('status', 'in', [...OPEN_INSTALLMENT])
    .execute();
  return rows.filter((i) => i.paid_cents < i.amount_cents);
}

/** Ends an active plan (renegotiated or cancelled): its open installments take the matching status. */
async function endPlan(
  ctx: ProcCtx,
  plan: PlanRow,
  open: InstallmentRow[],
  status: 'renegociado' | 'cancelado',
  installmentStatus: 'renegociada' | 'cancelada',
  cancelReason: string | null = null,
): Promise<void> {
  if (open.length) {
    await ctx.db
      .updateTable('installments')
      .set((eb) => ({ status: installmentStatus, version: eb('version', '+', 1) }))
      .where(
        'id',
        'in',
        open.map((i) => i.id),
      )
      .execute();
  }
  await ctx.db
    .updateTable('installment_plans')
    .set({ status, cancel_reason: cancelReason, version: plan.version + 1, updated_at: ctx.clock.nowIso() })
    .where('id', '=', plan.id)
    .execute();
  await stateFact(ctx, 'planClosed', { planId: plan.id, orderId: plan.order_id, customerId: plan.customer_id, status });
}

async function installmentRow(db: Db, id: number) {
  const row = await db.selectFrom('installments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', msg('installments.notFound'));
  return row;
}

async function planRow(db: Db, id: number): Promise<PlanRow> {
  const row = await db.selectFrom('installment_plans').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', msg('plans.notFound'));
  return row;
}

/** Late charges of an installment on a date: the one place that turns rows and settings into `lateCharges`' arguments. */
export function chargesOf(
  i: Pick<InstallmentRow, 'due_date' | 'amount_cents' | 'paid_cents' | 'fine_charged' | 'interest_from'>,
  plan: Pick<PlanRow, 'fine_percent' | 'monthly_interest_percent'>,
  settings: Pick<CreditSettings, 'graceDays'>,
  date: string,
) {
  return lateCharges(
    {
      dueDate: i.due_date,
      openCents: Math.max(0, i.amount_cents - i.paid_cents),
      fineCharged: i.fine_charged === 1,
      interestFrom: i.interest_from,
    },
    date,
    {
      finePercent: plan.fine_percent,
      monthlyInterestPercent: plan.monthly_interest_percent,
      graceDays: settings.graceDays,
    },
  );
}

export async function installmentCharges(ctx: ProcCtx, id: number, date?: string) {
  const i = await installmentRow(ctx.db, id);
  const plan = await planRow(ctx.db, i.plan_id);
  return chargesOf(i, plan, await getCreditSettings(ctx.db), date ?? ctx.clock.today());
}

async function closePlanIfPaid(ctx: ProcCtx, planId: number) {
  const open = await ctx.db
    .selectFrom('installments')
    .select('id')
    .where('plan_id', '=', planId)
    .where('status', 'in', [...OPEN_INSTALLMENT])
    .whereRef('paid_cents', '<', 'amount_cents')
    .limit(1)
    .executeTakeFirst();
  const plan = await planRow(ctx.db, planId);
  const status = open ? 'ativo' : 'quitado';
  if (plan.status !== status && (plan.status === 'ativo' || plan.status === 'quitado')) {
    await ctx.db
      .updateTable('installment_plans')
      .set({ status, version: plan.version + 1, updated_at: ctx.clock.nowIso() })
      .where('id', '=', planId)
      .execute();
    if (status === 'quitado')
      await stateFact(ctx, 'planClosed', { planId, orderId: plan.order_id, customerId: plan.customer_id, status });
  }
}

export async function payInstallment(
  ctx: ProcCtx,
  input: {
    id: number;
    amountCents: number;
    paymentMethodId: number;
    paidAt?: string | undefined;
    notes?: string | null | undefined;
    waiveReason?: string | null | undefined;
  },
): Promise<PaymentOut> {
  const user = requireUser(ctx);
  const i = await installmentRow(ctx.db, input.id);
  if (i.status === 'renegociada' || i.status === 'cancelada')
    throw new AppError(
      'BUSINESS_RULE',
      msg('installments.notPayable', { code: i.code, status: statusText('installment', i.status) }),
    );
  if (i.paid_cents >= i.amount_cents)
    throw new AppError('BUSINESS_RULE', msg('installments.alreadyPaid', { code: i.code }));
  if (input.waiveReason && !can(user.role, 'credit.waive'))
    throw new AppError('FORBIDDEN', msg('plans.waiveForbidden'));
  const method = await paymentMethod(ctx.db, input.paymentMethodId);
  const plan = await planRow(ctx.db, i.plan_id);
  const settings = await getCreditSettings(ctx.db);
  const payDate = input.paidAt ? input.paidAt.slice(0, 10) : ctx.clock.today();
  const charges = input.waiveReason
    ? { fineCents: 0, interestCents: 0, principalCents: i.amount_cents - i.paid_cents }
    : chargesOf(i, plan, settings, payDate);
  const split = allocatePayment(input.amountCents, charges);
  if (split.leftoverCents > 0) {
    const due = charges.fineCents + charges.interestCents + charges.principalCents;
    throw new AppError(
      'BUSINESS_RULE',
      msg('installments.overDue', { amount: formatCents(input.amountCents), code: i.code, due: formatCents(due) }),
    );
  }
  const paymentId = await insertPayment(ctx, {
    kind: 'parcela',
    orderId: plan.order_id,
    installmentId: i.id,
    planId: plan.id,
    customerId: i.customer_id,
    amountCents: split.principalCents,
    fineCents: split.fineCents,
    interestCents: split.interestCents,
    paymentMethodId: method.id,
    paidAt: input.paidAt,
    notes: input.notes,
    waivedReason: input.waiveReason,
  });
  const late = daysBetween(i.due_date, payDate) > 0;
  const res = await ctx.db
    .updateTable('installments')
    .set({
      paid_cents: i.paid_cents + split.principalCents,
      fine_paid_cents: i.fine_paid_cents + split.fineCents,
      interest_paid_cents: i.interest_paid_cents + split.interestCents,
      fine_charged: i.fine_charged === 1 || split.fineCents > 0 || (late && !!input.waiveReason) ? 1 : 0,
      interest_from: late ? payDate : i.interest_from,
      status: installmentStatus({ ...i, paid_cents: i.paid_cents + split.principalCents }, ctx.clock.today()),
      version: i.version + 1,
    })
    .where('id', '=', i.id)
    .where('version', '=', i.version)
    .executeTakeFirst();
  // A racing payment changed the installment first: this one rolls back whole.
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT', msg('installments.changedMeanwhile'));
  await stateFact(ctx, 'installmentPaid', {
    installmentId: i.id,
    planId: plan.id,
    orderId: plan.order_id,
    customerId: i.customer_id,
    paymentId,
    principalCents: split.principalCents,
    fineCents: split.fineCents,
    interestCents: split.interestCents,
  });
  await closePlanIfPaid(ctx, plan.id);
  return loadPayment(ctx.db, paymentId);
}

/** The payoff of a plan on a date, and the open installments it settles with their late charges. */
async function computePayoff(ctx: ProcCtx, plan: PlanRow, asOf: string) {
  const settings = await getCreditSettings(ctx.db);
  const all = await ctx.db
    .selectFrom('installments')
    .selectAll()
    .where('plan_id', '=', plan.id)
    .orderBy('number')
    .execute();
  const isOpen = (i: InstallmentRow) =>
    (OPEN_INSTALLMENT as readonly string[]).includes(i.status) && i.paid_cents < i.amount_cents;
  const payoff = earlyPayoff(
    {
      financedCents: plan.financed_cents,
      monthlyRatePercent: plan.monthly_rate_percent,
      installments: all.map((i) => ({
        dueDate: i.due_date,
        amountCents: i.amount_cents,
        paidCents: i.paid_cents,
        open: isOpen(i),
      })),
    },
    asOf,
  );
  const open = all.filter(isOpen).map((i, k) => {
    const line = payoff.lines[k] as (typeof payoff.lines)[number];
    const c = line.overdue ? chargesOf(i, plan, settings, asOf) : null;
    return { row: i, line, fineCents: c?.fineCents ?? 0, interestCents: c?.interestCents ?? 0 };
  });
  const chargesCents = open.reduce((s, o) => s + o.fineCents + o.interestCents, 0);
  return { payoff, open, chargesCents, totalCents: payoff.totalCents + chargesCents };
}

export async function payoffQuote(ctx: ProcCtx, id: number, date?: string) {
  const plan = await planRow(ctx.db, id);
  const asOf = date ?? ctx.clock.today();
  const { payoff, chargesCents, totalCents } = await computePayoff(ctx, plan, asOf);
  return {
    date: asOf,
    installmentsCents: payoff.installmentsCents,
    principalCents: payoff.installmentsCents,
    openPrincipalCents: payoff.openPrincipalCents,
    futureInterestCents: payoff.futureInterestCents,
    discountCents: payoff.discountCents,
    chargesCents,
    totalCents,
  };
}

/**
 * Settles a plan at the amount quoted for today: one payment (with its receipt) for the whole
 * payoff, every open installment closed as paid (late charges as quoted), the plan "quitado".
 * The quote is recomputed here: a stale date or a different amount is refused.
 */
export async function settlePlan(
  ctx: ProcCtx,
  input: {
    id: number;
    date: string;
    totalCents: number;
    paymentMethodId: number;
    notes?: string | null | undefined;
  },
): Promise<PaymentOut> {
  const plan = await planRow(ctx.db, input.id);
  if (plan.status !== 'ativo')
    throw new AppError('BUSINESS_RULE', msg('plans.notPayable', { status: statusText('plan', plan.status) }));
  const today = ctx.clock.today();
  if (input.date !== today)
    throw new AppError('BUSINESS_RULE', msg('plans.payoffTodayOnly', { today: formatDateBR(today) }), {
      fields: { date: msg('plans.payoffDateField', { date: formatDateBR(input.date) }) },
    });
  const method = await paymentMethod(ctx.db, input.paymentMethodId);
  if (method.kind === 'crediario')
    throw new AppError('VALIDATION', msg('error.VALIDATION'), {
      fields: { paymentMethodId: msg('plans.payoffWithCredit') },
    });
  const quote = await computePayoff(ctx, plan, today);
  if (!quote.open.length) throw new AppError('BUSINESS_RULE', msg('plans.nothingOpen'));
  if (input.totalCents !== quote.totalCents)
    throw new AppError(
      'BUSINESS_RULE',
      msg('plans.payoffAmount', { total: formatCents(quote.totalCents), given: formatCents(input.totalCents) }),
      { fields: { totalCents: msg('plans.payoffAmountField', { total: formatCents(quote.totalCents) }) } },
    );
  const fineCents = quote.open.reduce((s, o) => s + o.fineCents, 0);
  const interestCents = quote.open.reduce((s, o) => s + o.interestCents, 0);
  const discount = quote.payoff.discountCents;
  const paymentId = await insertPayment(ctx, {
    kind: 'quitacao',
    orderId: plan.order_id,
    installmentId: null,
    planId: plan.id,
    customerId: plan.customer_id,
    amountCents: quote.payoff.totalCents,
    fineCents,
    interestCents,
    paymentMethodId: method.id,
    notes:
      input.notes ??
      `Quitação antecipada de ${plan.reference}: ${quote.open.length} parcela(s), saldo ${formatCents(quote.payoff.installmentsCents)}${discount ? `, desconto de juros ${formatCents(discount)}` : ''}.`,
  });
  for (const o of quote.open) {
    const res = await ctx.db
      .updateTable('installments')
      .set({
        paid_cents: o.row.amount_cents,
        fine_paid_cents: o.row.fine_paid_cents + o.fineCents,
        interest_paid_cents: o.row.interest_paid_cents + o.interestCents,
        fine_charged: o.row.fine_charged === 1 || o.fineCents > 0 ? 1 : 0,
        status: 'paga',
        version: o.row.version + 1,
      })
      .where('id', '=', o.row.id)
      .where('version', '=', o.row.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT', msg('plans.installmentChangedMeanwhile'));
  }
  await ctx.db
    .updateTable('installment_plans')
    .set({ status: 'quitado', version: plan.version + 1, updated_at: ctx.clock.nowIso() })
    .where('id', '=', plan.id)
    .execute();
  await stateFact(ctx, 'planClosed', {
    planId: plan.id,
    orderId: plan.order_id,
    customerId: plan.customer_id,
    status: 'quitado',
  });
  // Nothing moves on the order's row, but its payment state does (no crediário left open).
  if (plan.order_id !== null) await recordOrderMoney(ctx, plan.order_id, {});
  ctx.emit({ type: 'plan.updated', id: plan.id, version: plan.version + 1, by: ctx.user?.id ?? null });
  await ctx.audit({
    action: 'settle',
    entity: 'plan',
    entityId: plan.id,
    before: { status: plan.status },
    after: {
      status: 'quitado',
      paymentId,
      totalCents: quote.totalCents,
      installmentsCents: quote.payoff.installmentsCents,
      discountCents: discount,
      chargesCents: quote.chargesCents,
      installments: quote.open.map((o) => o.row.code),
    },
  });
  return loadPayment(ctx.db, paymentId);
}

export async function renegotiate(
  ctx: ProcCtx,
  input: {
    id: number;
    count: number;
    firstDueDate: string;
    intervalDays?: number | null | undefined;
    monthlyRatePercent: number;
    includeCharges: boolean;
  },
): Promise<PlanOut> {
  const plan = await planRow(ctx.db, input.id);
  if (plan.status !== 'ativo')
    throw new AppError('BUSINESS_RULE', msg('plans.notRenegotiable', { status: statusText('plan', plan.status) }));
  const settings = await getCreditSettings(ctx.db);
  const today = ctx.clock.today();
  const open = await openInstallments(ctx.db, plan.id);
  if (!open.length) throw new AppError('BUSINESS_RULE', msg('plans.nothingToRenegotiate'));
  let financed = 0;
  for (const i of open) {
    const c = chargesOf(i, plan, settings, today);
    financed += c.principalCents + (input.includeCharges ? c.fineCents + c.interestCents : 0);
  }
  await endPlan(ctx, plan, open, 'renegociado', 'renegociada');
  const count = await ctx.db
    .selectFrom('installment_plans')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('renegotiated_from_id', 'is not', null)
    .where('reference', 'like', `${plan.reference}%`)
    .executeTakeFirstOrThrow();
  const planId = await insertPlan(
    ctx,
    {
      orderId: plan.order_id,
      customerId: plan.customer_id,
      description: `Renegociação de ${plan.reference}`,
      reference: `${plan.reference}R${Number(count.n) + 1}`,
      renegotiatedFromId: plan.id,
    },
    {
      downPaymentCents: 0,
      count: input.count,
      firstDueDate: input.firstDueDate,
      intervalDays: input.intervalDays,
      monthlyRatePercent: input.monthlyRatePercent,
    },
    financed,
    settings,
  );
  await ctx.audit({
    action: 'renegotiate',
    entity: 'plan',
    entityId: plan.id,
    after: { newPlanId: planId, financed, installments: open.map((i) => i.code) },
  });
  return loadPlan(ctx.db, planId, today);
}

export async function cancelPlan(
  ctx: ProcCtx,
  input: { id: number; reason: string; version?: number | undefined },
): Promise<PlanOut> {
  const plan = await planRow(ctx.db, input.id);
  if (input.version !== undefined && input.version !== plan.version)
    throw new AppError('STALE_VERSION', msg('plans.stale'));
  if (plan.status !== 'ativo')
    throw new AppError('BUSINESS_RULE', msg('plans.notCancellable', { status: statusText('plan', plan.status) }));
  const open = await openInstallments(ctx.db, plan.id);
  const openCents = open.reduce((sum, i) => sum + Math.max(0, i.amount_cents - i.paid_cents), 0);
  await endPlan(ctx, plan, open, 'cancelado', 'cancelada', input.reason);
  if (plan.order_id) {
    // The part of the order that was financed and never paid goes back to the order's balance.
    const back = plan.total_cents > 0 ? Math.round((plan.financed_cents * openCents) / plan.total_cents) : 0;
    await recordOrderMoney(ctx, plan.order_id, { financedCents: -back });
  }
  await ctx.audit({ action: 'cancel', entity: 'plan', entityId: plan.id, after: { reason: input.reason, openCents } });
  return loadPlan(ctx.db, plan.id, ctx.clock.today());
}
