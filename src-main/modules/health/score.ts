import { type RawBuilder, sql } from 'kysely';
import { addDays, addMonths } from '../../../src-shared/domain/credit';
import {
  type CustomerHealthInput,
  customerHealth,
  DEFAULT_HEALTH_WEIGHTS,
  type HealthResult,
  type HealthWeights,
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
 * The facts of some customers (or, with null, of every customer who has an order that counts), in
 * three set-based queries: the orders (last order, count and revenue in the last 12 months), the
 * median gap between distinct order days, and what they owed on a date (installments, and order
 * balances not paid at once) with when it was paid.
 */
export async function gatherFacts(db: Db, today: string, ids: readonly number[] | null): Promise<CustomerFacts[]> {
  if (ids !== null && ids.length === 0) return [];
  const since = twelveMonthsBefore(today);
  const orders = await sql<{ c: number; last: string; n12: number; rev12: number }>`
    select customer_id as c, max(entry_date) as last,
      coalesce(sum(entry_date > ${since}), 0) as n12,
      coalesce(sum(case when entry_date > ${since} then total_cents else 0 end), 0) as rev12
    from orders where ${COUNTED} ${only('customer_id', ids)}
    group by customer_id`.execute(db);
  if (orders.rows.length === 0) return [];

  const gaps = await sql<{ c: number; median: number }>`
    with days as (select distinct customer_id as c, entry_date as d from orders where ${COUNTED} ${only('customer_id', ids)}),
    gaps as (select c, julianday(d) - julianday(lag(d) over (partition by c order by d)) as g from days),
    ranked as (
      select c, g, row_number() over (partition by c order by g) as rn, count(*) over (partition by c) as n
      from gaps where g is not null
    )
    select c, avg(g) as median from ranked where rn in ((n + 1) / 2, (n + 2) / 2) group by c`.execute(db);

  // Owed on a date: installments still in force (their payments, or the plan's early payoff), and
  // each order's own balance (total less what was financed) due on its delivery date — judged once
  // it was paid after the order day, or when it was handed over still owing. Paid at once: not judged.
  const punctuality = await sql<{ c: number; onTime: number; late: number; overdue: number; days: number }>`
    with payoffs as (
      select plan_id, max(paid_date) as d from payments
      where kind = 'quitacao' and reversed_by_id is null ${only('customer_id', ids)}
      group by plan_id
    ),
    items as (
      select i.customer_id as c, i.due_date as due, null as entry, 0 as delivered,
        case when i.paid_cents >= i.amount_cents then coalesce(
          (select max(p.paid_date) from payments p
            where p.installment_id = i.id and p.reversal_of_id is null and p.reversed_by_id is null),
          q.d, i.due_date) end as paid
      from installments i left join payoffs q on q.plan_id = i.plan_id
      where i.status not in ('renegociada', 'cancelada') ${only('i.customer_id', ids)}
      union all
      select o.customer_id, coalesce(o.delivery_date, o.entry_date), o.entry_date, o.status = 'entregue',
        case when o.paid_cents >= o.total_cents - o.financed_cents then coalesce(
          (select max(p.paid_date) from payments p
            where p.order_id = o.id and p.installment_id is null and p.kind <> 'quitacao'
              and p.reversal_of_id is null and p.reversed_by_id is null),
          o.entry_date) end
      from orders o
      where o.kind = 'pedido' and o.status <> 'cancelado' and o.is_reprint = 0
        and o.total_cents - o.financed_cents > 0 ${only('o.customer_id', ids)}
    ),
    judged as (
      select c, paid, cast(julianday(coalesce(paid, ${today})) - julianday(due) as integer) as late from items
      where entry is null or (paid is not null and paid > entry) or (paid is null and delivered)
    )
    select c,
      sum(paid is not null and late <= 0) as onTime,
      sum(paid is not null and late > 0) as late,
      sum(paid is null and late > 0) as overdue,
      sum(case when late > 0 then late else 0 end) as days
    from judged group by c`.execute(db);

  const median = new Map(gaps.rows.map((r) => [r.c, r.median]));
  const owed = new Map(punctuality.rows.map((r) => [r.c, r]));
  return orders.rows.map((o) => {
    const p = owed.get(o.c);
    return {
      customerId: o.c,
      lastOrderDate: o.last,
      usualIntervalDays: median.get(o.c) ?? null,
      ordersLast12Months: o.n12,
      revenueLast12MonthsCents: o.rev12,
      punctuality: {
        onTime: p?.onTime ?? 0,
        late: p?.late ?? 0,
        overdueOpen: p?.overdue ?? 0,
        totalDaysLate: p?.days ?? 0,
      },
    };
  });
}

/** Where each customer's 12-month figures stand among the other stored customers (index range counts). */
async function rankCounts(db: Db, f: CustomerFacts): Promise<{ frequencia: RankCounts; valor: RankCounts }> {
  const count = async (column: 'orders_12m' | 'revenue_12m_cents', value: number): Promise<RankCounts> => {
    const row = await sql<{ others: number; below: number; equal: number }>`
      select count(*) as others,
        coalesce(sum(${sql.ref(column)} < ${value}), 0) as below,
        coalesce(sum(${sql.ref(column)} = ${value}), 0) as equal
      from health_scores where ${sql.ref(column)} > 0 and customer_id <> ${f.customerId}`.execute(db);
    const r = row.rows[0];
    return { others: r?.others ?? 0, below: r?.below ?? 0, equal: r?.equal ?? 0 };
  };
  return {
    frequencia: await count('orders_12m', f.ordersLast12Months),
    valor: await count('revenue_12m_cents', f.revenueLast12MonthsCents),
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
  const previous = new Map(
    (
      await ctx.db
        .selectFrom('health_scores')
        .select(['customer_id', 'category'])
        .where('customer_id', 'in', unique)
        .execute()
    ).map((r) => [r.customer_id, r.category]),
  );
  const score = async (f: CustomerFacts) =>
    customerHealth(f, {
      today,
      defaultIntervalDays: settings.defaultIntervalDays,
      orderCounts: [],
      revenues: [],
      weights: settings.weights,
      rankCounts: await rankCounts(ctx.db, f),
    });
  // Two customers changed together (an order moved, a merge) rank against each other's new
  // figures: their 12-month figures are stored first, then both are scored.
  if (facts.length > 1)
    for (const f of facts) await writeBatches(ctx, [{ facts: f, result: await score(f) }], previous, false);
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
  const previous = new Map(
    (await ctx.db.selectFrom('health_scores').select(['customer_id', 'category']).execute()).map((r) => [
      r.customer_id,
      r.category,
    ]),
  );
  const scored = scoreAll(facts, today, settings);
  const kept = new Set(facts.map((f) => f.customerId));
  const gone = [...previous.keys()].filter((id) => !kept.has(id));
  for (let at = 0; at < gone.length; at += BATCH)
    await ctx.db
      .deleteFrom('health_scores')
      .where('customer_id', 'in', gone.slice(at, at + BATCH))
      .execute();
  await writeBatches(ctx, scored, previous);
  return scored.length;
}

/** The day `days` before today, for the "em risco" window. */
export const daysBefore = (today: string, days: number): string => addDays(today, -days);
