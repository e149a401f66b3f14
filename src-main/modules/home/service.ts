import { type Expression, type SqlBool, sql } from 'kysely';
import type { OutputOf } from '../../../src-shared/contract';
import { addDays, daysBetween } from '../../../src-shared/domain/credit';
import { businessDateOf } from '../../../src-shared/domain/dates';
import { endOfWeek, lastDays, monthToDate, type Period, sameDaysLastMonth } from '../../../src-shared/domain/periods';
import { can } from '../../../src-shared/permissions';
import type { ProcCtx } from '../../rpc/context';
import { delinquency, listPayments, receivables } from '../finance/reports';
import { customerScope } from '../finance/scope';
import { OPEN_INSTALLMENT } from '../finance/status';
import { OPEN_STATUSES } from '../orders/queries';
import { startOfDayInstant } from '../reports/service';
import { getProductionSettings } from '../settings/production';

/**
 * Início: every number is read from the raw tables through indexes (migration 0019 adds the ones it
 * lacked: sales by entry date, items by order and type, quotes by validity), so nothing here can
 * show yesterday's truth. Money reuses finance's own reports (payments by method, receivables,
 * delinquency) so Início and the finance screens cannot disagree. A seller (money but no
 * `finance.shop`) sees only their own customers' orders and sales (`customerScope`, the same "own"
 * as finance); production sees the whole shop's work and no money.
 * When the reports module keeps per-day aggregates, `salesByDay` and `productionTypes` are the
 * two queries to point at them.
 */

export type HomeSummaryOut = OutputOf<'home.summary'>;
type Ops = HomeSummaryOut['operations'];
type Scope = Expression<SqlBool> | null;

/** How many orders each Início list names (the count says how many there are). */
export const HOME_LIST_LIMIT = 5;

const OPEN = [...OPEN_STATUSES];

function openOrders(ctx: ProcCtx, scope: Scope) {
  let q = ctx.db.selectFrom('orders').where('kind', '=', 'pedido');
  if (scope) q = q.where(scope);
  return q;
}

async function operations(ctx: ProcCtx, today: string, scope: Scope): Promise<Ops> {
  const tz = ctx.clock.timeZone;
  // One pass over the open orders (a few thousand at most, whatever the history): per status and
  // stage, how many, how many due today or late, the oldest late delivery and the oldest "ready since".
  const groups = await openOrders(ctx, scope)
    .where('status', 'in', OPEN)
    .select([
      'status',
      'current_stage',
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<number>`sum(delivery_date = ${today})`.as('dueToday'),
      sql<number>`sum(delivery_date < ${today})`.as('late'),
      sql<string | null>`min(case when delivery_date < ${today} then delivery_date end)`.as('oldestLate'),
      (eb) => eb.fn.min<string | null>('stage_since').as('oldestSince'),
    ])
    .groupBy(['status', 'current_stage'])
    .execute();
  let dueToday = 0;
  let overdueCount = 0;
  let oldestLate: string | null = null;
  let approval = 0;
  let readyCount = 0;
  let oldestReady: string | null = null;
  const counts = new Map<string, number>();
  for (const g of groups) {
    const n = Number(g.n);
    dueToday += Number(g.dueToday);
    overdueCount += Number(g.late);
    if (g.oldestLate && (!oldestLate || g.oldestLate < oldestLate)) oldestLate = g.oldestLate;
    if (g.status === 'pendente') approval += n;
    if (g.status === 'pronto') {
      readyCount += n;
      if (g.oldestSince && (!oldestReady || g.oldestSince < oldestReady)) oldestReady = g.oldestSince;
    } else counts.set(g.current_stage ?? '', (counts.get(g.current_stage ?? '') ?? 0) + n);
  }
  const overdueRows = await openOrders(ctx, scope)
    .where('status', 'in', OPEN)
    .where('delivery_date', '<', today)
    .select(['id', 'number', 'customer_name', 'delivery_date'])
    .orderBy('delivery_date')
    .orderBy('id')
    .limit(HOME_LIST_LIMIT)
    .execute();

  const settings = await getProductionSettings(ctx.db);
  const stages = settings.stages.map((s) => ({ key: s.key, label: s.label, count: counts.get(s.key) ?? 0 }));
  // Stages the shop removed since some order started: still counted, under their key.
  for (const [key, n] of counts)
    if (key && !settings.stages.some((s) => s.key === key)) stages.push({ key, label: key, count: n });

  const readyQ = openOrders(ctx, scope).where('status', '=', 'pronto');
  const readyRows = await readyQ
    .select(['id', 'number', 'customer_name', 'stage_since'])
    .orderBy('stage_since')
    .orderBy('id')
    .limit(HOME_LIST_LIMIT)
    .execute();
  const readyDays = (since: string | null) =>
    since ? Math.max(0, daysBetween(businessDateOf(new Date(since), tz), today)) : 0;

  const weekEnd = endOfWeek(today);
  let quotesQ = ctx.db
    .selectFrom('orders')
    .where('kind', '=', 'orcamento')
    .where('valid_until', '>=', today)
    .where('valid_until', '<=', weekEnd)
    .where('status', '!=', 'cancelado');
  if (scope) quotesQ = quotesQ.where(scope);
  const quotes = await quotesQ
    .select(['id', 'number', 'customer_name', 'valid_until'])
    .orderBy('valid_until')
    .orderBy('id')
    .execute();

  return {
    dueToday: { count: dueToday },
    overdue: {
      count: overdueCount,
      maxDaysLate: oldestLate ? daysBetween(oldestLate, today) : 0,
      items: overdueRows.map((r) => ({
        id: r.id,
        number: r.number,
        customerName: r.customer_name,
        date: r.delivery_date,
        days: r.delivery_date ? daysBetween(r.delivery_date, today) : 0,
      })),
    },
    awaitingApproval: { count: approval },
    stages,
    ready: {
      count: readyCount,
      maxDays: readyDays(oldestReady),
      items: readyRows.map((r) => ({
        id: r.id,
        number: r.number,
        customerName: r.customer_name,
        date: r.stage_since ? businessDateOf(new Date(r.stage_since), tz) : null,
        days: readyDays(r.stage_since),
      })),
    },
    quotesExpiring: {
      from: today,
      to: weekEnd,
      count: quotes.length,
      items: quotes.slice(0, HOME_LIST_LIMIT).map((r) => ({
        id: r.id,
        number: r.number,
        customerName: r.customer_name,
        date: r.valid_until,
        days: r.valid_until ? daysBetween(today, r.valid_until) : 0,
      })),
    },
  };
}

/**
 * Sales: orders (not quotes) not cancelled and not reprints — the reports' definition
 * (`reports/service.ts`, Relatórios → Fechamento shows the same total) — by entry date, read from the
 * reports' covering index `orders_report_entry` (kind, entry_date, status, is_reprint, customer, total).
 */
function salesQuery(ctx: ProcCtx, p: Period, scope: Scope) {
  let q = ctx.db
    .selectFrom('orders')
    .where('entry_date', '>=', p.from)
    .where('entry_date', '<=', p.to)
    .where('kind', '=', 'pedido')
    .where('status', '!=', 'cancelado')
    .where('is_reprint', '=', 0);
  if (scope) q = q.where(scope);
  return q;
}

/** Sales per entry date in a period: orders taken and their total, one row per day that sold. */
export async function salesByDay(
  ctx: ProcCtx,
  p: Period,
  scope: Scope,
): Promise<Map<string, { count: number; totalCents: number }>> {
  const rows = await salesQuery(ctx, p, scope)
    .select(['entry_date', (eb) => eb.fn.countAll<number>().as('n'), sql<number>`sum(total_cents)`.as('total')])
    .groupBy('entry_date')
    .execute();
  return new Map(rows.map((r) => [r.entry_date, { count: Number(r.n), totalCents: Number(r.total) }]));
}

async function sales(ctx: ProcCtx, today: string, scope: Scope): Promise<NonNullable<HomeSummaryOut['sales']>> {
  const mtdPeriod = monthToDate(today);
  const lastPeriod = sameDaysLastMonth(today);
  const recent = lastDays(today, 30);
  const before = { from: addDays(recent.from, -30), to: addDays(recent.from, -1) };
  // One pass over the days all four figures need (the 60 days of the chart and last month's 1st on).
  const byDay = await salesByDay(
    ctx,
    { from: lastPeriod.from < before.from ? lastPeriod.from : before.from, to: today },
    scope,
  );
  const sum = (p: Period) => {
    let count = 0;
    let totalCents = 0;
    for (const [date, day] of byDay)
      if (date >= p.from && date <= p.to) {
        count += day.count;
        totalCents += day.totalCents;
      }
    return { from: p.from, to: p.to, totalCents, count };
  };
  const mtd = sum(mtdPeriod);
  const last = sum(lastPeriod);
  const days = [];
  for (let d = recent.from; d <= recent.to; d = addDays(d, 1)) {
    const previousDate = addDays(d, -30);
    days.push({
      date: d,
      totalCents: byDay.get(d)?.totalCents ?? 0,
      previousDate,
      previousCents: byDay.get(previousDate)?.totalCents ?? 0,
    });
  }
  return {
    monthToDate: mtd,
    sameDaysLastMonth: last,
    changePercent:
      last.totalCents > 0 ? Math.round(((mtd.totalCents - last.totalCents) / last.totalCents) * 1000) / 10 : null,
    averageTicketCents: mtd.count > 0 ? Math.round(mtd.totalCents / mtd.count) : 0,
    last30: sum(recent),
    previous30: sum(before),
    days,
  };
}

/** This month's orders by the production type of their items (items read through `order_items_order_type`). */
async function productionTypes(ctx: ProcCtx, month: Period, scope: Scope) {
  let q = ctx.db
    .selectFrom('orders')
    .innerJoin('order_items', 'order_items.order_id', 'orders.id')
    .where('orders.entry_date', '>=', month.from)
    .where('orders.entry_date', '<=', month.to)
    .where('orders.kind', '=', 'pedido')
    .where('orders.status', '!=', 'cancelado');
  if (scope) q = q.where(scope);
  const rows = await q
    .select([
      'order_items.production_type as type',
      sql<number>`count(distinct orders.id)`.as('orders'),
      (eb) => eb.fn.countAll<number>().as('items'),
      sql<number>`sum(order_items.total_cents)`.as('total'),
    ])
    .groupBy('order_items.production_type')
    .execute();
  return rows
    .map((r) => ({ type: r.type, orders: Number(r.orders), items: Number(r.items), totalCents: Number(r.total) }))
    .sort((a, b) => b.orders - a.orders || a.type.localeCompare(b.type));
}

async function money(ctx: ProcCtx, today: string): Promise<NonNullable<HomeSummaryOut['money']>> {
  const paid = await listPayments(ctx, { from: today, to: today, page: 1, perPage: 1 });
  const due = async (from: string, to: string) => {
    const r = await receivables(ctx, { from, to, limit: 1 });
    return {
      from,
      to,
      totalCents: r.totalCents,
      ordersCents: r.ordersCents,
      installmentsCents: r.installmentsCents,
      count: r.count,
    };
  };
  const late = await delinquency(ctx, { asOf: today, limit: 1 });
  return {
    receivedToday: {
      totalCents: paid.totalCents,
      count: paid.total,
      byMethod: paid.byMethod,
    },
    dueToday: await due(today, today),
    dueWeek: await due(today, endOfWeek(today)),
    overdueInstallments: {
      count: late.totals.count,
      principalCents: late.totals.principalCents,
      chargesCents: late.totals.chargesCents,
    },
  };
}

async function credit(
  ctx: ProcCtx,
  month: Period,
  overduePrincipalCents: number,
): Promise<NonNullable<HomeSummaryOut['credit']>> {
  // What receivables counts as the crediário's open total (its `installmentsCents`), without its orders part.
  const open = await ctx.db
    .selectFrom('installments')
    .select(sql<number>`coalesce(sum(amount_cents - paid_cents), 0)`.as('open'))
    .where('status', 'in', [...OPEN_INSTALLMENT])
    .whereRef('paid_cents', '<', 'amount_cents')
    .executeTakeFirstOrThrow();
  const sold = await ctx.db
    .selectFrom('installment_plans')
    .select([(eb) => eb.fn.countAll<number>().as('n'), sql<number>`coalesce(sum(financed_cents), 0)`.as('total')])
    .where('created_at', '>=', startOfDayInstant(month.from, ctx.clock.timeZone))
    .where('created_at', '<', startOfDayInstant(addDays(month.to, 1), ctx.clock.timeZone))
    .where('status', '!=', 'cancelado')
    .executeTakeFirstOrThrow();
  const receivableCents = Number(open.open);
  return {
    receivableCents,
    overduePrincipalCents,
    overdueShare: receivableCents > 0 ? Math.round((overduePrincipalCents / receivableCents) * 10_000) / 10_000 : 0,
    soldThisMonthCents: Number(sold.total),
    soldThisMonthCount: Number(sold.n),
  };
}

export async function homeSummary(ctx: ProcCtx): Promise<HomeSummaryOut> {
  const today = ctx.clock.today();
  const role = ctx.user?.role;
  const seesMoney = !!role && can(role, 'money.read');
  const seesShop = !!role && can(role, 'finance.shop');
  // A seller's Início is their own customers'; production (no money) sees the whole shop's work.
  const scope = seesMoney ? customerScope(ctx, 'orders.customer_id') : null;
  const month = monthToDate(today);
  const types = await productionTypes(ctx, month, scope);
  const out: HomeSummaryOut = {
    today,
    monthFrom: month.from,
    scope: scope ? 'proprios' : 'loja',
    operations: await operations(ctx, today, scope),
    productionTypes: seesMoney ? types : types.map(({ totalCents: _, ...t }) => t),
  };
  if (seesMoney) out.sales = await sales(ctx, today, scope);
  if (seesShop) {
    out.money = await money(ctx, today);
    out.credit = await credit(ctx, month, out.money.overdueInstallments.principalCents);
  }
  return out;
}
