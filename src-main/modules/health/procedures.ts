import { performance } from 'node:perf_hooks';
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { OutputOf, ParsedInputOf } from '../../../src-shared/contract';
import type { health } from '../../../src-shared/contract/health';
import { daysBetween } from '../../../src-shared/domain/credit';
import { businessDateOf } from '../../../src-shared/domain/dates';
import {
  HEALTH_CATEGORIES,
  type HealthCategory,
  type HealthWeights,
  normalizeWeights,
} from '../../../src-shared/domain/health';
import { type Period, presetPeriod, previousPeriod } from '../../../src-shared/domain/periods';
import { AppError } from '../../../src-shared/errors';
import { msg } from '../../../src-shared/i18n';
import { can } from '../../../src-shared/permissions';
import type { HealthScoresTable } from '../../db/schema';
import type { Implementation, ProcCtx } from '../../rpc/context';
import { addInteraction } from '../customers/service';
import { ownCustomerIds } from '../finance/scope';
import { setSetting } from '../settings/service';
import { daysBefore, HEALTH_SETTINGS_KEY, readHealthSettings, recomputeAll } from './score';

/** Who sees every customer's health (`health.shop`); a vendedor sees their own customers only. */
function scopeOf(ctx: ProcCtx, column: string): Expression<SqlBool> | null {
  if (!ctx.user || can(ctx.user.role, 'health.shop')) return null;
  return sql<SqlBool>`${sql.ref(column)} in (${ownCustomerIds(ctx.user.id)})`;
}

const SORT_COLUMNS = {
  score: 'score',
  recencia: 'recencia',
  frequencia: 'frequencia',
  valor: 'valor',
  pontualidade: 'pontualidade',
} as const;
type SortColumn = keyof typeof SORT_COLUMNS;
type ListInput = ParsedInputOf<'health.list'>;
type Filters = Pick<ListInput, 'joinedFrom' | 'joinedTo' | 'city' | 'tag'>;

/** The list counts at most this many rows (`totalCapped` says there are more): the count stays cheap at 100k. */
const COUNT_CAP = 1_000;

/** Scored, active customers with the list's filters (customers joined for name, city, tags, join date). */
function filtered(ctx: ProcCtx, input: Filters) {
  // CROSS JOIN keeps health_scores the outer loop, so a page walks the sort's index and stops
  // after its rows (an inner join let SQLite start from customers and sort them all).
  let q = ctx.db
    .selectFrom('health_scores as h')
    .crossJoin('customers as c')
    .whereRef('c.id', '=', 'h.customer_id')
    .where('c.active', '=', 1);
  if (input.joinedFrom) q = q.where('c.joined_at', '>=', input.joinedFrom);
  if (input.joinedTo) q = q.where('c.joined_at', '<=', input.joinedTo);
  if (input.city) q = q.where(sql<SqlBool>`lower(c.city) = lower(${input.city})`);
  if (input.tag) {
    const tag = input.tag;
    q = q.where('h.customer_id', 'in', (eb) =>
      eb.selectFrom('customer_tags').select('customer_id').where('tag', '=', tag),
    );
  }
  const scope = scopeOf(ctx, 'h.customer_id');
  if (scope) q = q.where(scope);
  return q;
}

const badCursor = () =>
  new AppError('VALIDATION', msg('error.VALIDATION'), { fields: { cursor: msg('field.cursorSort') } });

function encodeCursor(sort: string, key: number | null, id: number): string {
  return Buffer.from(JSON.stringify([sort, key, id])).toString('base64url');
}

function decodeCursor(cursor: string, sort: string): { key: number | null; id: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw badCursor();
  const [s, key, id] = parsed as unknown[];
  if (s !== sort || !Number.isSafeInteger(id) || (key !== null && (typeof key !== 'number' || !Number.isFinite(key))))
    throw badCursor();
  return { key: key as number | null, id: id as number };
}

/**
 * After the cursor's row in (column, customer) order. Only pontualidade has nulls (neutral
 * customers): SQLite puts them first going up and last going down.
 */
function after(column: string, asc: boolean, key: number | null, id: number): RawBuilder<SqlBool> {
  const col = sql.ref(`h.${column}`);
  const cid = sql.ref('h.customer_id');
  if (asc) {
    return key === null
      ? sql<SqlBool>`((${col} is null and ${cid} > ${id}) or ${col} is not null)`
      : sql<SqlBool>`(${col} > ${key} or (${col} = ${key} and ${cid} > ${id}))`;
  }
  return key === null
    ? sql<SqlBool>`(${col} is null and ${cid} < ${id})`
    : sql<SqlBool>`(${col} < ${key} or (${col} = ${key} and ${cid} < ${id}) or ${col} is null)`;
}

function toRow(
  r: Pick<
    HealthScoresTable,
    | 'customer_id'
    | 'score'
    | 'category'
    | 'recencia'
    | 'frequencia'
    | 'valor'
    | 'pontualidade'
    | 'last_order_date'
    | 'orders_12m'
    | 'revenue_12m_cents'
  > & { name: string; city: string | null; phone: string | null; whatsapp: string | null; joined_at: string },
): OutputOf<'health.list'>['items'][number] {
  return {
    customerId: r.customer_id,
    name: r.name,
    city: r.city,
    phone: r.whatsapp ?? r.phone,
    joinedAt: r.joined_at,
    score: r.score,
    category: r.category as HealthCategory,
    recencia: r.recencia,
    frequencia: r.frequencia,
    valor: r.valor,
    pontualidade: r.pontualidade,
    lastOrderDate: r.last_order_date,
    orders12m: r.orders_12m,
    revenue12mCents: r.revenue_12m_cents,
  };
}

const ROW_COLUMNS = [
  'h.customer_id',
  'h.score',
  'h.category',
  'h.recencia',
  'h.frequencia',
  'h.valor',
  'h.pontualidade',
  'h.last_order_date',
  'h.orders_12m',
  'h.revenue_12m_cents',
  'c.name',
  'c.city',
  'c.phone',
  'c.whatsapp',
  'c.joined_at',
] as const;

async function list(input: ListInput, ctx: ProcCtx): Promise<OutputOf<'health.list'>> {
  const asc = !input.sort.startsWith('-');
  const column = SORT_COLUMNS[input.sort.replace('-', '') as SortColumn];
  let base = filtered(ctx, input);
  // By score, the category's own index (category, score) serves; by a pillar, that pillar's index
  // does, the category checked on the way (`+` keeps SQLite from sorting the whole category).
  if (input.category)
    base =
      column === 'score'
        ? base.where('h.category', '=', input.category)
        : base.where(sql<SqlBool>`+h.category = ${input.category}`);
  let page = base;
  if (input.cursor) {
    const at = decodeCursor(input.cursor, input.sort);
    page = page.where(after(column, asc, at.key, at.id));
  }
  const direction = asc ? 'asc' : 'desc';
  const found = await page
    .select(ROW_COLUMNS)
    .select(sql<number | null>`h.${sql.ref(column)}`.as('sort_key'))
    .orderBy(`h.${column}`, direction)
    .orderBy('h.customer_id', direction)
    .limit(input.perPage + 1)
    .offset(input.cursor ? 0 : (input.page - 1) * input.perPage)
    .execute();
  const hits = base.select(sql<number>`1`.as('one')).limit(COUNT_CAP + 1);
  const counted =
    (await sql<{ n: number }>`select count(*) as n from (${hits}) as hits`.execute(ctx.db)).rows[0]?.n ?? 0;
  const rows = found.slice(0, input.perPage);
  const last = rows[rows.length - 1];
  return {
    items: rows.map(toRow),
    total: Math.min(counted, COUNT_CAP),
    totalCapped: counted > COUNT_CAP,
    page: input.page,
    perPage: input.perPage,
    nextCursor: found.length > input.perPage && last ? encodeCursor(input.sort, last.sort_key, last.customer_id) : null,
  };
}

/** The weights applied to a stored score: pontualidade's spread over the others when it is neutral. */
function appliedWeights(weights: HealthWeights, neutral: boolean): HealthWeights {
  const base = normalizeWeights(weights);
  if (!neutral) return base;
  if (base.pontualidade >= 1) return { recencia: 0, frequencia: 0, valor: 0, pontualidade: 0 };
  return normalizeWeights({ ...base, pontualidade: 0 });
}

function customPeriod(input: ParsedInputOf<'health.kpis'>, today: string): Period {
  try {
    const custom = input.from && input.to ? { from: input.from, to: input.to } : undefined;
    return presetPeriod(input.preset, today, custom);
  } catch {
    throw new AppError('VALIDATION', msg('error.VALIDATION'), {
      fields: { from: msg('health.periodCustom') },
    });
  }
}

const rankOf = (column: string) =>
  sql`case ${sql.ref(column)} when 'critico' then 0 when 'normal' then 1 when 'saudavel' then 2 else 3 end`;

/** Orders that count for health (as in `score.ts`), for the KPIs. */
const COUNTED = sql`o.kind = 'pedido' and o.status <> 'cancelado' and o.is_reprint = 0`;

export const healthProcedures = {
  'health.list': list,

  'health.distribution': async (input, ctx) => {
    const counts = new Map<string, number>();
    if (Object.values(input).some((v) => v !== undefined) || scopeOf(ctx, 'h.customer_id')) {
      const rows = await filtered(ctx, input)
        .select(['h.category', sql<number>`count(*)`.as('n')])
        .groupBy('h.category')
        .execute();
      for (const r of rows) counts.set(r.category, r.n);
    } else {
      // The whole shop: every score by category (a covering index), less the inactive customers'.
      const all = await ctx.db
        .selectFrom('health_scores')
        .select(['category', sql<number>`count(*)`.as('n')])
        .groupBy('category')
        .execute();
      const inactive = await ctx.db
        .selectFrom('customers as c')
        .innerJoin('health_scores as h', 'h.customer_id', 'c.id')
        .where('c.active', '=', 0)
        .select(['h.category', sql<number>`count(*)`.as('n')])
        .groupBy('h.category')
        .execute();
      for (const r of all) counts.set(r.category, r.n);
      for (const r of inactive) counts.set(r.category, (counts.get(r.category) ?? 0) - r.n);
    }
    const categories = HEALTH_CATEGORIES.map((category) => ({ category, count: counts.get(category) ?? 0 }));
    return { total: categories.reduce((s, c) => s + c.count, 0), categories };
  },

  'health.customer': async (input, ctx) => {
    const customer = await ctx.db.selectFrom('customers').select('id').where('id', '=', input.id).executeTakeFirst();
    if (!customer) throw new AppError('NOT_FOUND', msg('customers.notFound'));
    const scope = scopeOf(ctx, 'id');
    if (scope) {
      const own = await ctx.db
        .selectFrom('customers')
        .select('id')
        .where('id', '=', input.id)
        .where(scope)
        .executeTakeFirst();
      if (!own) throw new AppError('FORBIDDEN', msg('health.scope'));
    }
    const [row, settings, history] = await Promise.all([
      ctx.db.selectFrom('health_scores').selectAll().where('customer_id', '=', input.id).executeTakeFirst(),
      readHealthSettings(ctx.db),
      ctx.db
        .selectFrom('health_history')
        .selectAll()
        .where('customer_id', '=', input.id)
        .orderBy('month', 'desc')
        .limit(24)
        .execute(),
    ]);
    const months = history.reverse().map((h) => ({
      month: h.month,
      score: h.score,
      category: h.category as HealthCategory,
      recencia: h.recencia,
      frequencia: h.frequencia,
      valor: h.valor,
      pontualidade: h.pontualidade,
    }));
    if (!row)
      return {
        customerId: input.id,
        scored: false,
        score: null,
        category: null,
        pillars: null,
        weights: null,
        computedOn: null,
        history: months,
      };
    const judged = row.on_time + row.late + row.overdue_open;
    return {
      customerId: input.id,
      scored: true,
      score: row.score,
      category: row.category as HealthCategory,
      computedOn: row.computed_on,
      weights: appliedWeights(settings.weights, row.pontualidade === null),
      pillars: {
        recencia: {
          value: row.recencia,
          lastOrderDate: row.last_order_date,
          daysSinceLastOrder: row.last_order_date ? daysBetween(row.last_order_date, ctx.clock.today()) : null,
          usualIntervalDays: Math.max(1, row.usual_interval_days ?? settings.defaultIntervalDays),
          defaultInterval: row.usual_interval_days === null,
        },
        frequencia: { value: row.frequencia, orders: row.orders_12m, rankedCustomers: row.ranked_orders },
        valor: { value: row.valor, revenueCents: row.revenue_12m_cents, rankedCustomers: row.ranked_revenue },
        pontualidade: {
          value: row.pontualidade,
          onTime: row.on_time,
          late: row.late,
          overdueOpen: row.overdue_open,
          averageDaysLate: judged > 0 ? row.total_days_late / judged : null,
        },
      },
      history: months,
    };
  },

  'health.atRisk': async (input, ctx) => {
    const today = ctx.clock.today();
    const settings = await readHealthSettings(ctx.db);
    const since = daysBefore(today, 30);
    const fell = ctx.db
      .selectFrom('health_changes')
      .select(['customer_id', 'from_category', sql<number>`min(id)`.as('first')])
      .where('changed_on', '>=', since)
      .groupBy('customer_id');
    // Candidates from two indexes: a category change in the window, or a good customer whose
    // reorder day (last order + usual interval) has passed.
    const late = sql`select customer_id from health_scores where category in ('saudavel', 'campeao') and reorder_on < ${today}`;
    const changed = sql`select customer_id from health_changes where changed_on >= ${since}`;
    let q = ctx.db
      .selectFrom('health_scores as h')
      .innerJoin('customers as c', 'c.id', 'h.customer_id')
      .leftJoin(fell.as('f'), 'f.customer_id', 'h.customer_id')
      .where('c.active', '=', 1)
      .where(sql<SqlBool>`h.customer_id in (${late} union ${changed})`)
      .where(
        sql<SqlBool>`((f.customer_id is not null and ${rankOf('h.category')} < ${rankOf('f.from_category')})
          or (h.category in ('saudavel', 'campeao') and h.reorder_on < ${today}))`,
      );
    const scope = scopeOf(ctx, 'h.customer_id');
    if (scope) q = q.where(scope);
    const rows = await q
      .select([
        'h.customer_id',
        'h.score',
        'h.category',
        'h.last_order_date',
        'h.usual_interval_days',
        'c.name',
        'c.phone',
        'c.whatsapp',
        'c.city',
        'f.from_category',
        sql<number>`f.customer_id is not null and ${rankOf('h.category')} < ${rankOf('f.from_category')}`.as('fell'),
      ])
      .orderBy('h.score', 'desc')
      .orderBy('h.customer_id')
      .limit(input.limit)
      .execute();
    const ids = rows.map((r) => r.customer_id);
    const contacts = ids.length
      ? await ctx.db
          .selectFrom('interactions as i')
          .select(['i.customer_id', 'i.at', 'i.notes'])
          .where('i.customer_id', 'in', ids)
          .where('i.at', '=', (eb) =>
            eb
              .selectFrom('interactions as j')
              .select((e) => e.fn.max('j.at').as('m'))
              .whereRef('j.customer_id', '=', 'i.customer_id'),
          )
          .execute()
      : [];
    const contactOf = new Map(contacts.map((c) => [c.customer_id, c]));
    return {
      items: rows.map((r) => {
        const contact = contactOf.get(r.customer_id);
        return {
          customerId: r.customer_id,
          name: r.name,
          phone: r.whatsapp ?? r.phone,
          city: r.city,
          score: r.score,
          category: r.category as HealthCategory,
          reason: r.fell ? ('caiu' as const) : ('atrasado' as const),
          fromCategory: r.fell ? (r.from_category as HealthCategory) : null,
          lastOrderDate: r.last_order_date,
          daysSinceLastOrder: r.last_order_date ? daysBetween(r.last_order_date, today) : null,
          usualIntervalDays: Math.max(1, r.usual_interval_days ?? settings.defaultIntervalDays),
          lastContactAt: contact?.at ?? null,
          lastContactNote: contact?.notes ?? null,
        };
      }),
    };
  },

  'health.note': async (input, ctx) => {
    const customer = await ctx.db.selectFrom('customers').select('id').where('id', '=', input.id).executeTakeFirst();
    if (!customer) throw new AppError('NOT_FOUND', msg('customers.notFound'));
    const row = await addInteraction(ctx, { customerId: input.id, kind: input.kind, notes: input.notes });
    await ctx.audit({ action: 'health-note', entity: 'customer', entityId: input.id, after: { kind: input.kind } });
    return { id: row.id, customerId: row.customer_id, at: row.at };
  },

  'health.kpis': async (input, ctx) => {
    const today = ctx.clock.today();
    const period = customPeriod(input, today);
    const previous = previousPeriod(period);
    const scope = scopeOf(ctx, 'o.customer_id');
    const scoped = scope ? sql`and ${scope}` : sql``;
    const between = (p: Period) => sql`o.entry_date >= ${p.from} and o.entry_date <= ${p.to}`;
    const current = await sql<{ active: number; orders: number; revenue: number | null }>`
      select count(distinct o.customer_id) as active, count(*) as orders, sum(o.total_cents) as revenue
      from orders o where ${COUNTED} and ${between(period)} ${scoped}`.execute(ctx.db);
    const prev = await sql<{ active: number; churned: number }>`
      select count(*) as active,
        coalesce(sum(not exists (select 1 from orders o where o.customer_id = p.customer_id and ${COUNTED} and ${between(period)})), 0) as churned
      from (select distinct o.customer_id from orders o where ${COUNTED} and ${between(previous)} ${scoped}) p`.execute(
      ctx.db,
    );
    const lifetime = await sql<{ customers: number; revenue: number | null }>`
      select count(distinct o.customer_id) as customers, sum(o.total_cents) as revenue
      from orders o where ${COUNTED} and o.entry_date <= ${period.to} ${scoped}`.execute(ctx.db);
    const customerScope = scopeOf(ctx, 'id');
    let joined = ctx.db
      .selectFrom('customers')
      .select(sql<number>`count(*)`.as('n'))
      .where('joined_at', '>=', period.from)
      .where('joined_at', '<=', period.to)
      .where('merged_into_id', 'is', null);
    if (customerScope) joined = joined.where(customerScope);
    const newCustomers = (await joined.executeTakeFirst())?.n ?? 0;
    // Production time and punctuality of the orders due in the period that were delivered.
    const delivered = await sql<{ entry: string; due: string | null; at: string }>`
      select o.entry_date as entry, o.delivery_date as due, o.delivered_at as at from orders o
      where o.status = 'entregue' and o.delivery_date >= ${period.from} and o.delivery_date <= ${period.to}
        and o.delivered_at is not null ${scoped}`.execute(ctx.db);
    let productionDays = 0;
    let onTime = 0;
    for (const d of delivered.rows) {
      const day = businessDateOf(new Date(d.at), ctx.clock.timeZone);
      productionDays += Math.max(0, daysBetween(d.entry, day));
      if (d.due === null || day <= d.due) onTime++;
    }
    const c = current.rows[0] ?? { active: 0, orders: 0, revenue: null };
    const p = prev.rows[0] ?? { active: 0, churned: 0 };
    const l = lifetime.rows[0] ?? { customers: 0, revenue: null };
    const n = delivered.rows.length;
    return {
      from: period.from,
      to: period.to,
      previousFrom: previous.from,
      previousTo: previous.to,
      activeCustomers: c.active,
      newCustomers,
      previousActive: p.active,
      churned: p.churned,
      churnRate: p.active > 0 ? p.churned / p.active : null,
      orders: c.orders,
      averageTicketCents: c.orders > 0 ? Math.round((c.revenue ?? 0) / c.orders) : null,
      lifetimeValueCents: l.customers > 0 ? Math.round((l.revenue ?? 0) / l.customers) : null,
      delivered: n,
      averageProductionDays: n > 0 ? Math.round((productionDays / n) * 10) / 10 : null,
      onTimeDeliveryRate: n > 0 ? onTime / n : null,
    };
  },

  'health.settings': async (_input, ctx) => readHealthSettings(ctx.db),

  'health.setSettings': async (input, ctx) => {
    try {
      normalizeWeights(input.weights);
    } catch {
      throw new AppError('VALIDATION', msg('health.weightsZero'), { fields: { weights: msg('health.weightsZero') } });
    }
    const before = await readHealthSettings(ctx.db);
    const value = { weights: input.weights, defaultIntervalDays: input.defaultIntervalDays };
    await setSetting(ctx.db, ctx.clock, HEALTH_SETTINGS_KEY, value);
    const recomputed = await recomputeAll(ctx);
    await ctx.audit({ action: 'update', entity: 'health-settings', entityId: null, before, after: value });
    return { ...value, recomputed };
  },

  'health.recompute': async (_input, ctx) => {
    const t0 = performance.now();
    const recomputed = await recomputeAll(ctx);
    return { recomputed, ms: Math.round(performance.now() - t0) };
  },
} satisfies Implementation<typeof health>;
