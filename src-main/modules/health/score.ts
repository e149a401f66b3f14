import { type RawBuilder, sql } from 'kysely';
import { addDays, addMonths } from '../../../src-shared/domain/credit';
import {
  type CustomerHealthInput,
  customerHealth,
  DEFAULT_HEALTH_WEIGHTS,
  type DueItem,
  type HealthResult,
  type HealthWeights,
  medianGapDays,
  punctualityFacts,
  type RankCounts,
} from '../../../src-shared/domain/health';
import type { Db } from '../../db/connection';
import type { ProcCtx } from '../../rpc/context';
import { getSetting } from '../settings/service';

/**
 * Customer health scores, kept in `health_scores` (one row per customer with at least one order
 * that counts: a `pedido`, not cancelled, not a reprint), `health_history` (the last score of each
 * month) and `health_changes` (each change of category).
 *
 * The facts come from the raw tables through one set of queries (`gatherFacts`) used both for one
 * customer — in the transaction of every write that changes them (`recomputeCustomers`, on the
 * facts in `subscribe.ts`) — and for everyone at once, set-based, by the nightly job
 * (`recomputeAll`), so both paths compute the same thing. What is exact when: a customer's own
 * facts and pillars are exact after each of their writes; frequência and valor rank them against
 * the other customers' *stored* 12-month figures (an index range count), so a write moves only the
 * writer's rank — the others' ranks (and every recência as days pass) are brought up to date by the
 * nightly recompute (and by `health.recompute`).
 */

export interface HealthSettingsValue {
  weights: HealthWeights;
  defaultIntervalDays: number;
}

export const HEALTH_SETTINGS_KEY = 'health.settings';
export const DEFAULT_INTERVAL_DAYS = 30;

export async function readHealthSettings(db: Db): Promise<HealthSettingsValue> {
  const stored = await getSetting<Partial<HealthSettingsValue>>(db, HEALTH_SETTINGS_KEY);
  return {
    weights: { ...DEFAULT_HEALTH_WEIGHTS, ...(stored?.weights ?? {}) },
    defaultIntervalDays: stored?.defaultIntervalDays ?? DEFAULT_INTERVAL_DAYS,
  };
}

export interface CustomerFacts extends CustomerHealthInput {
  customerId: number;
}

/** The orders that count for health: real orders, not cancelled, not reprints. */
const COUNTED = sql`kind = 'pedido' and status <> 'cancelado' and is_reprint = 0`;

/** `and <column> in (…)` for some customers, nothing for all. */
function only(column: string, ids: readonly number[] | null): RawBuilder<unknown> {
  if (ids === null) return sql``;
  return sql`and ${sql.ref(column)} in (${sql.join(ids.map((id) => sql`${id}`))})`;
}

/** The window of "the last 12 months" on `today`: order days after this one. */
export const twelveMonthsBefore = (today: string): string => addMonths(today, -12);

/**
 * The facts of some customers (or, with null, of every customer who has an order that counts), from
 * three set-based reads — the orders that count, the payments not reversed, the installments in
 * force; each one sequential scan for everyone, an index lookup for a few — aggregated here with the
 * domain's own rules (`medianGapDays`, `punctualityFacts`), so the nightly run and a write agree.
 * What was owed on a date: installments (paid on their last payment, else the plan's early payoff,
 * else the due date) and each order's own balance (total less what was financed) due on its delivery
 * date — judged once paid after the order day, or when handed over still owing; paid on the order
 * day is "paid at once", not judged.
 */
export async function gatherFacts(db: Db, today: string, ids: readonly number[] | null): Promise<CustomerFacts[]> {
  if (ids !== null && ids.length === 0) return [];
  const since = twelveMonthsBefore(today);
  const orders = await sql<{
    id: number;
    c: number;
    entry: string;
    due: string | null;
    delivered: number;
    total: number;
    paid: number;
    financed: number;
  }>`select id, customer_id as c, entry_date as entry, delivery_date as due, status = 'entregue' as delivered,
      total_cents as total, paid_cents as paid, financed_cents as financed
    from orders where ${COUNTED} ${only('customer_id', ids)}`.execute(db);
  if (orders.rows.length === 0) return [];
  const payments = await sql<{
    order: number | null;
    installment: number | null;
    plan: number | null;
    kind: string;
    day: string;
  }>`
    select order_id as "order", installment_id as installment, plan_id as plan, kind, paid_date as day
    from payments where reversal_of_id is null and reversed_by_id is null ${only('customer_id', ids)}`.execute(db);
  const installments = await sql<{ id: number; plan: number; c: number; due: string; paid: number; amount: number }>`
    select id, plan_id as plan, customer_id as c, due_date as due, paid_cents as paid, amount_cents as amount
    from installments where status not in ('renegociada', 'cancelada') ${only('customer_id', ids)}`.execute(db);

  // Last payment day of each order (its own payments), installment, and early payoff of each plan.
  const orderPaid = new Map<number, string>();
  const installmentPaid = new Map<number, string>();
  const payoff = new Map<number, string>();
  const later = (map: Map<number, string>, key: number, day: string) => {
    const at = map.get(key);
    if (at === undefined || day > at) map.set(key, day);
  };
  for (const p of payments.rows) {
    if (p.installment !== null) later(installmentPaid, p.installment, p.day);
    else if (p.kind === 'quitacao') {
      if (p.plan !== null) later(payoff, p.plan, p.day);
    } else if (p.order !== null) later(orderPaid, p.order, p.day);
  }

  interface Acc {
    last: string;
    n12: number;
    rev12: number;
    days: string[];
    owed: DueItem[];
  }
  const byCustomer = new Map<number, Acc>();
  for (const o of orders.rows) {
    let acc = byCustomer.get(o.c);
    if (!acc) {
      acc = { last: o.entry, n12: 0, rev12: 0, days: [], owed: [] };
      byCustomer.set(o.c, acc);
    }
    if (o.entry > acc.last) acc.last = o.entry;
    if (o.entry > since) {
      acc.n12++;
      acc.rev12 += o.total;
    }
    acc.days.push(o.entry);
    const balance = o.total - o.financed;
    if (balance <= 0) continue;
    const paidDate = o.paid >= balance ? (orderPaid.get(o.id) ?? o.entry) : null;
    if (paidDate !== null ? paidDate > o.entry : o.delivered === 1)
      acc.owed.push({ dueDate: o.due ?? o.entry, paidDate });
  }
  for (const i of installments.rows) {
    const acc = byCustomer.get(i.c);
    if (!acc) continue; // scored from the first order that counts
    const paidDate = i.paid >= i.amount ? (installmentPaid.get(i.id) ?? payoff.get(i.plan) ?? i.due) : null;
    acc.owed.push({ dueDate: i.due, paidDate });
  }
  return [...byCustomer].map(([customerId, acc]) => ({
    customerId,
    lastOrderDate: acc.last,
    usualIntervalDays: medianGapDays(acc.days),
    ordersLast12Months: acc.n12,
    revenueLast12MonthsCents: acc.rev12,
    punctuality: punctualityFacts(acc.owed, today),
  }));
}

/**
 * Where a customer's 12-month figures stand among the other stored customers: index range counts
 * on `health_scores_orders` / `_revenue`, less the customer's own stored figure.
 */
async function rankCounts(
  db: Db,
  f: CustomerFacts,
  stored: { orders_12m: number; revenue_12m_cents: number } | undefined,
): Promise<{ frequencia: RankCounts; valor: RankCounts }> {
  const count = async (column: 'orders_12m' | 'revenue_12m_cents', value: number, own: number | undefined) => {
    const n = async (where: RawBuilder<unknown>) =>
      Number(
        (await sql<{ n: number }>`select count(*) as n from health_scores where ${where}`.execute(db)).rows[0]?.n ?? 0,
      );
    const ref = sql.ref(column);
    const ranked = own !== undefined && own > 0 ? 1 : 0;
    const others = (await n(sql`${ref} > 0`)) - ranked;
    if (value <= 0) return { others, below: 0, equal: 0 };
    const below = (await n(sql`${ref} > 0 and ${ref} < ${value}`)) - (ranked && (own as number) < value ? 1 : 0);
    const equal = (await n(sql`${ref} = ${value}`)) - (own === value ? 1 : 0);
    return { others, below, equal };
  };
  return {
    frequencia: await count('orders_12m', f.ordersLast12Months, stored?.orders_12m),
    valor: await count('revenue_12m_cents', f.revenueLast12MonthsCents, stored?.revenue_12m_cents),
  };
}

export interface Scored {
  facts: CustomerFacts;
  result: HealthResult;
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** A score row as stored: pillar values rounded to 4 decimals like the score. */
function scoreRow(s: Scored, today: string, now: string) {
  const { facts: f, result: r } = s;
  const interval = Math.floor(r.pillars.recencia.usualIntervalDays);
  return {
    customer_id: f.customerId,
    score: r.score,
    category: r.category,
    recencia: round4(r.pillars.recencia.value),
    frequencia: round4(r.pillars.frequencia.value),
    valor: round4(r.pillars.valor.value),
    pontualidade: r.pillars.pontualidade.value === null ? null : round4(r.pillars.pontualidade.value),
    last_order_date: f.lastOrderDate,
    usual_interval_days: f.usualIntervalDays,
    reorder_on: f.lastOrderDate === null ? null : addDays(f.lastOrderDate, interval),
    orders_12m: f.ordersLast12Months,
    revenue_12m_cents: f.revenueLast12MonthsCents,
    on_time: f.punctuality.onTime,
    late: f.punctuality.late,
    overdue_open: f.punctuality.overdueOpen,
    total_days_late: f.punctuality.totalDaysLate,
    ranked_orders: r.pillars.frequencia.rankedCustomers,
    ranked_revenue: r.pillars.valor.rankedCustomers,
    computed_on: today,
    updated_at: now,
  };
}

type ScoreRow = ReturnType<typeof scoreRow>;

/** Rows per multi-row statement: 19 columns × 500 stays far below SQLite's 32,766 parameters. */
const BATCH = 500;

async function writeBatches(
  ctx: ProcCtx,
  scored: readonly Scored[],
  previous: ReadonlyMap<number, string>,
  history = true,
) {
  const today = ctx.clock.today();
  const month = today.slice(0, 7);
  const now = ctx.clock.nowIso();
  for (let at = 0; at < scored.length; at += BATCH) {
    const part = scored.slice(at, at + BATCH);
    const rows: ScoreRow[] = part.map((s) => scoreRow(s, today, now));
    await ctx.db
      .insertInto('health_scores')
      .values(rows)
      .onConflict((oc) =>
        oc.column('customer_id').doUpdateSet((eb) => ({
          score: eb.ref('excluded.score'),
          category: eb.ref('excluded.category'),
          recencia: eb.ref('excluded.recencia'),
          frequencia: eb.ref('excluded.frequencia'),
          valor: eb.ref('excluded.valor'),
          pontualidade: eb.ref('excluded.pontualidade'),
          last_order_date: eb.ref('excluded.last_order_date'),
          usual_interval_days: eb.ref('excluded.usual_interval_days'),
          reorder_on: eb.ref('excluded.reorder_on'),
          orders_12m: eb.ref('excluded.orders_12m'),
          revenue_12m_cents: eb.ref('excluded.revenue_12m_cents'),
          on_time: eb.ref('excluded.on_time'),
          late: eb.ref('excluded.late'),
          overdue_open: eb.ref('excluded.overdue_open'),
          total_days_late: eb.ref('excluded.total_days_late'),
          ranked_orders: eb.ref('excluded.ranked_orders'),
          ranked_revenue: eb.ref('excluded.ranked_revenue'),
          computed_on: eb.ref('excluded.computed_on'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
    if (!history) continue;
    await ctx.db
      .insertInto('health_history')
      .values(
        rows.map((r) => ({
          customer_id: r.customer_id,
          month,
          score: r.score,
          category: r.category,
          recencia: r.recencia,
          frequencia: r.frequencia,
          valor: r.valor,
          pontualidade: r.pontualidade,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['customer_id', 'month']).doUpdateSet((eb) => ({
          score: eb.ref('excluded.score'),
          category: eb.ref('excluded.category'),
          recencia: eb.ref('excluded.recencia'),
          frequencia: eb.ref('excluded.frequencia'),
          valor: eb.ref('excluded.valor'),
          pontualidade: eb.ref('excluded.pontualidade'),
        })),
      )
      .execute();
    const changes = part.flatMap((s) => {
      const before = previous.get(s.facts.customerId);
      return before !== undefined && before !== s.result.category
        ? [
            {
              customer_id: s.facts.customerId,
              changed_on: today,
              from_category: before,
              to_category: s.result.category,
            },
          ]
        : [];
    });
    if (changes.length) await ctx.db.insertInto('health_changes').values(changes).execute();
  }
}

/**
 * Recomputes some customers' scores from the raw tables, inside the caller's transaction (a write
 * that changed their orders or money). A customer left without any order that counts loses the row.
 */
export async function recomputeCustomers(ctx: ProcCtx, ids: readonly number[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const today = ctx.clock.today();
  const settings = await readHealthSettings(ctx.db);
  const facts = await gatherFacts(ctx.db, today, unique);
  const found = new Set(facts.map((f) => f.customerId));
  const gone = unique.filter((id) => !found.has(id));
  if (gone.length) await ctx.db.deleteFrom('health_scores').where('customer_id', 'in', gone).execute();
  const readStored = async () =>
    new Map(
      (
        await ctx.db
          .selectFrom('health_scores')
          .select(['customer_id', 'category', 'orders_12m', 'revenue_12m_cents'])
          .where('customer_id', 'in', unique)
          .execute()
      ).map((r) => [r.customer_id, r]),
    );
  let stored = await readStored();
  const previous = new Map([...stored].map(([id, r]) => [id, r.category]));
  const score = async (f: CustomerFacts) =>
    customerHealth(f, {
      today,
      defaultIntervalDays: settings.defaultIntervalDays,
      orderCounts: [],
      revenues: [],
      weights: settings.weights,
      rankCounts: await rankCounts(ctx.db, f, stored.get(f.customerId)),
    });
  // Two customers changed together (an order moved, a merge) rank against each other's new
  // figures: their 12-month figures are stored first, then both are scored.
  if (facts.length > 1) {
    for (const f of facts) await writeBatches(ctx, [{ facts: f, result: await score(f) }], previous, false);
    stored = await readStored();
  }
  for (const f of facts) await writeBatches(ctx, [{ facts: f, result: await score(f) }], previous);
}

/** Scores every customer from scratch with the given facts (pure; the nightly job and tests). */
export function scoreAll(facts: readonly CustomerFacts[], today: string, settings: HealthSettingsValue): Scored[] {
  const orderCounts = facts
    .map((f) => f.ordersLast12Months)
    .filter((n) => n > 0)
    .sort((a, b) => a - b);
  const revenues = facts
    .map((f) => f.revenueLast12MonthsCents)
    .filter((n) => n > 0)
    .sort((a, b) => a - b);
  const shop = {
    today,
    defaultIntervalDays: settings.defaultIntervalDays,
    orderCounts,
    revenues,
    weights: settings.weights,
  };
  return facts.map((f) => ({ facts: f, result: customerHealth(f, shop) }));
}

/**
 * The nightly recompute of every score: three set-based queries for everyone's facts, the pure
 * score in memory, then multi-row writes — no query per customer. Returns how many were scored.
 */
export async function recomputeAll(ctx: ProcCtx): Promise<number> {
  const today = ctx.clock.today();
  const settings = await readHealthSettings(ctx.db);
  const facts = await gatherFacts(ctx.db, today, null);
  const stored = new Map(
    (await ctx.db.selectFrom('health_scores').selectAll().execute()).map((r) => [r.customer_id, r]),
  );
  const previous = new Map([...stored].map(([id, r]) => [id, r.category]));
  const scored = scoreAll(facts, today, settings);
  const kept = new Set(facts.map((f) => f.customerId));
  const gone = [...stored.keys()].filter((id) => !kept.has(id));
  for (let at = 0; at < gone.length; at += BATCH)
    await ctx.db
      .deleteFrom('health_scores')
      .where('customer_id', 'in', gone.slice(at, at + BATCH))
      .execute();
  // Only rows that changed are written (and each row once a month, for the month's history).
  const month = today.slice(0, 7);
  const now = ctx.clock.nowIso();
  const changed = scored.filter((s) => {
    const before = stored.get(s.facts.customerId);
    if (!before || before.computed_on.slice(0, 7) !== month) return true;
    const after = scoreRow(s, today, now);
    return (Object.keys(after) as Array<keyof ScoreRow>).some(
      (k) => k !== 'computed_on' && k !== 'updated_at' && after[k] !== before[k],
    );
  });
  await writeBatches(ctx, changed, previous);
  return scored.length;
}

/** The day `days` before today, for the "em risco" window. */
export const daysBefore = (today: string, days: number): string => addDays(today, -days);
