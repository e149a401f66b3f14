import { type RawBuilder, sql } from 'kysely';
import type { ClosingGroup, REPORT_BASES } from '../../../src-shared/contract/reports';
import { addDays } from '../../../src-shared/domain/credit';
import {
  type Bucket,
  buckets,
  endOfWeek,
  type Granularity,
  type Period,
  type PeriodPreset,
  presetPeriod,
  previousPeriod,
  samePeriodLastYear,
  shiftMonths,
  startOfWeek,
} from '../../../src-shared/domain/periods';
import { AppError } from '../../../src-shared/errors';
import { type MessageKey, msg, render, statusText, t } from '../../../src-shared/i18n';
import { can } from '../../../src-shared/permissions';
import type { Db } from '../../db/connection';
import type { ProcCtx } from '../../rpc/context';

/**
 * The reports' numbers. Shop-wide figures come from the per-day aggregates the database keeps
 * with every write (migration 0016: `report_order_days`, `report_item_days`,
 * `report_payment_days`) and from covering indexes on orders (0017); a user without
 * `reports.shop` (vendedor) gets the same queries over the raw rows of their own orders — the
 * raw-row sources below are also what the aggregate consistency test recomputes with.
 */
export type Basis = (typeof REPORT_BASES)[number];
type Group = import('zod').infer<typeof ClosingGroup>;

const DATE_COLUMN: Record<Basis, string> = { entrada: 'entry_date', entrega: 'delivery_date' };
const AREA = sql.raw(
  `case when i.unit = 'm2' then coalesce(i.width_mm, 0) * coalesce(i.height_mm, 0) * i.quantity else 0 end`,
);

/** The user whose own sales bound a report, or null for the whole shop. */
export function ownerOf(ctx: Pick<ProcCtx, 'user'>): number | null {
  if (!ctx.user || can(ctx.user.role, 'reports.shop')) return null;
  return ctx.user.id;
}

/** "Own sales": orders the user created or sells (their staff records). */
function ownOrders(owner: number | null): RawBuilder<unknown> {
  return owner === null
    ? sql``
    : sql` and (o.created_by = ${owner} or o.seller_id in (select s.id from staff s where s.user_id = ${owner}))`;
}

function inRange(basis: Basis, range: Period | null): RawBuilder<unknown> {
  const col = sql.raw(`o.${DATE_COLUMN[basis]}`);
  return range ? sql`${col} between ${range.from} and ${range.to}` : sql`${col} is not null`;
}

/**
 * `report_order_days` recomputed from orders and items (optionally one user's orders only). The
 * orders are chosen first (date index), then each one's items are summed through its index.
 */
export function rawOrderDays(basis: Basis, range: Period | null, owner: number | null): RawBuilder<unknown> {
  const col = sql.raw(`o.${DATE_COLUMN[basis]}`);
  return sql`select ${basis} as basis, day, status, reprint, count(*) as orders, sum(total_cents) as total_cents,
      sum(items_total_cents) as items_total_cents, sum(discount_cents) as discount_cents, sum(freight_cents) as freight_cents,
      sum(items) as items, sum(lines) as lines, sum(quantity) as quantity, sum(area_mm2) as area_mm2, sum(cost_cents) as cost_cents
    from (
      select ${col} as day, o.status, o.is_reprint as reprint, o.total_cents, o.items_total_cents, o.discount_cents,
        o.freight_cents, o.items_count as items, count(i.id) as lines, coalesce(sum(i.quantity), 0) as quantity,
        coalesce(sum(${AREA}), 0) as area_mm2, coalesce(sum(i.cost_cents), 0) as cost_cents
      from orders o left join order_items i on i.order_id = o.id
      where o.kind = 'pedido' and ${inRange(basis, range)}${ownOrders(owner)}
      group by o.id
    )
    group by 1, 2, 3, 4`;
}

/** `report_item_days` recomputed from orders and items (optionally one user's orders only). */
export function rawItemDays(basis: Basis, range: Period | null, owner: number | null): RawBuilder<unknown> {
  const col = sql.raw(`o.${DATE_COLUMN[basis]}`);
  return sql`select ${basis} as basis, ${col} as day, o.is_reprint as reprint, i.production_type,
      coalesce(i.product_id, 0) as product_id, coalesce(i.designer_id, 0) as designer_id, coalesce(i.machine_id, 0) as machine_id,
      count(*) as lines, sum(i.quantity) as quantity, sum(${AREA}) as area_mm2, sum(i.total_cents) as total_cents,
      sum(i.cost_cents) as cost_cents
    from order_items i join orders o on o.id = i.order_id
    where o.kind = 'pedido' and o.status != 'cancelado' and ${inRange(basis, range)}${ownOrders(owner)}
    group by 1, 2, 3, 4, 5, 6, 7`;
}

/** `report_payment_days` recomputed from payments. */
export function rawPaymentDays(): RawBuilder<unknown> {
  return sql`select paid_date as day, kind, payment_method_id, count(*) as payments, sum(amount_cents) as amount_cents,
      sum(fine_cents) as fine_cents, sum(interest_cents) as interest_cents, sum(total_cents) as total_cents
    from payments group by 1, 2, 3`;
}

function orderDaysSource(basis: Basis, range: Period, owner: number | null): RawBuilder<unknown> {
  return owner === null
    ? sql`select * from report_order_days where basis = ${basis} and day between ${range.from} and ${range.to}`
    : rawOrderDays(basis, range, owner);
}

function itemDaysSource(basis: Basis, range: Period, owner: number | null): RawBuilder<unknown> {
  return owner === null
    ? sql`select * from report_item_days where basis = ${basis} and day between ${range.from} and ${range.to}`
    : rawItemDays(basis, range, owner);
}

/** Sums of a span, before the derived figures (profit, ticket, m²). */
interface Sums {
  orders: number;
  lines: number;
  quantity: number;
  areaMm2: number;
  salesCents: number;
  itemsCents: number;
  discountCents: number;
  freightCents: number;
  costCents: number;
}

const ZERO: Sums = {
  orders: 0,
  lines: 0,
  quantity: 0,
  areaMm2: 0,
  salesCents: 0,
  itemsCents: 0,
  discountCents: 0,
  freightCents: 0,
  costCents: 0,
};

/** m² from mm², two decimals. */
export const m2 = (mm2: number): number => Math.round(mm2 / 10_000) / 100;

export interface Figures {
  orders: number;
  lines: number;
  quantity: number;
  areaM2: number;
  salesCents: number;
  itemsCents: number;
  discountCents: number;
  freightCents: number;
  costCents: number;
  profitCents: number;
  ticketCents: number;
}

export function figures(s: Sums): Figures {
  return {
    orders: s.orders,
    lines: s.lines,
    quantity: s.quantity,
    areaM2: m2(s.areaMm2),
    salesCents: s.salesCents,
    itemsCents: s.itemsCents,
    discountCents: s.discountCents,
    freightCents: s.freightCents,
    costCents: s.costCents,
    profitCents: s.itemsCents - s.discountCents - s.costCents,
    ticketCents: s.orders ? Math.round(s.salesCents / s.orders) : 0,
  };
}

/**
 * Each day's sums over a range: sales from orders that are not cancelled and not reprints; lines,
 * pieces, m² and cost from every item of orders that are not cancelled (reprints included: they
 * are produced and cost money).
 */
export async function dailySums(db: Db, basis: Basis, range: Period, owner: number | null): Promise<Map<string, Sums>> {
  const rows = await sql<{
    day: string;
    orders: number;
    lines: number;
    quantity: number;
    area: number;
    sales: number;
    items: number;
    discount: number;
    freight: number;
    cost: number;
  }>`select day,
      sum(case when reprint = 0 then orders else 0 end) as orders,
      sum(lines) as lines, sum(quantity) as quantity, sum(area_mm2) as area,
      sum(case when reprint = 0 then total_cents else 0 end) as sales,
      sum(case when reprint = 0 then items_total_cents else 0 end) as items,
      sum(case when reprint = 0 then discount_cents else 0 end) as discount,
      sum(case when reprint = 0 then freight_cents else 0 end) as freight,
      sum(cost_cents) as cost
    from (${orderDaysSource(basis, range, owner)}) where status != 'cancelado' group by day`.execute(db);
  const out = new Map<string, Sums>();
  for (const r of rows.rows) {
    out.set(r.day, {
      orders: r.orders,
      lines: r.lines,
      quantity: r.quantity,
      areaMm2: r.area,
      salesCents: r.sales,
      itemsCents: r.items,
      discountCents: r.discount,
      freightCents: r.freight,
      costCents: r.cost,
    });
  }
  return out;
}

const DAY_MS = 86_400_000;
/** Days since 1970-01-01 of a business date (no time zone involved: it is a calendar date). */
const dayNumber = (date: string): number =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;

/**
 * Any span's sums in constant time: running totals over the days of the fetched range (a 12-month
 * trend asks for a few hundred spans of it). Days outside the range count as nothing.
 */
function spanSums(days: Map<string, Sums>, range: Period): (span: Period) => Sums {
  const first = dayNumber(range.from);
  const count = dayNumber(range.to) - first + 1;
  const keys = Object.keys(ZERO) as (keyof Sums)[];
  const running: Sums[] = [ZERO];
  const zeroDay = { ...ZERO };
  for (let i = 0; i < count; i++) {
    const day = new Date((first + i) * DAY_MS).toISOString().slice(0, 10);
    const today = days.get(day) ?? zeroDay;
    const prev = running[i] as Sums;
    const next = { ...prev };
    for (const k of keys) next[k] = prev[k] + today[k];
    running.push(next);
  }
  return (span) => {
    const a = Math.max(0, dayNumber(span.from) - first);
    const b = Math.min(count, dayNumber(span.to) - first + 1);
    if (b <= a) return ZERO;
    const hi = running[b] as Sums;
    const lo = running[a] as Sums;
    const out = { ...ZERO };
    for (const k of keys) out[k] = hi[k] - lo[k];
    return out;
  };
}

function sumSpan(days: Map<string, Sums>, span: Period): Sums {
  return spanSums(days, span)(span);
}

/** Resolves a preset (or `personalizado` with both dates) on the shop's today; a bad custom period is 400 on its field. */
export function resolvePeriod(
  ctx: Pick<ProcCtx, 'clock'>,
  input: { preset: PeriodPreset; from?: string | undefined; to?: string | undefined },
): Period {
  const today = ctx.clock.today();
  if (input.preset !== 'personalizado') return presetPeriod(input.preset, today);
  const fields: Record<string, ReturnType<typeof msg>> = {};
  if (!input.from) fields.from = msg('reports.periodMissing');
  if (!input.to) fields.to = msg('reports.periodMissing');
  if (input.from && input.to && input.from > input.to) fields.to = msg('reports.periodOrder');
  if (input.from && input.from < '2000-01-01') fields.from = msg('reports.periodTooEarly');
  if (Object.keys(fields).length) throw new AppError('VALIDATION', msg('error.VALIDATION'), { fields });
  const period = { from: input.from as string, to: input.to as string };
  if (addDays(period.from, 3700) < period.to)
    throw new AppError('VALIDATION', msg('error.VALIDATION'), { fields: { to: msg('reports.periodTooLong') } });
  return period;
}

// ---------------------------------------------------------------------------------------------
// Weekly

export interface ProductRankRow {
  productId: number;
  name: string;
  kind: string;
  productionType: string;
  lines: number;
  quantity: number;
  areaM2: number;
  revenueCents: number;
  costCents: number;
  profitCents: number;
}

async function productRanks(
  db: Db,
  range: Period,
  owner: number | null,
  order: 'revenue' | 'quantity',
  limit: number,
): Promise<ProductRankRow[]> {
  const orderBy = order === 'revenue' ? sql`revenue desc, quantity desc` : sql`quantity desc, revenue desc`;
  const rows = await sql<{
    product_id: number;
    name: string | null;
    kind: string | null;
    production_type: string;
    lines: number;
    quantity: number;
    area: number;
    revenue: number;
    cost: number;
  }>`select r.product_id, p.name, p.kind, max(r.production_type) as production_type, sum(r.lines) as lines,
      sum(r.quantity) as quantity, sum(r.area_mm2) as area, sum(r.total_cents) as revenue, sum(r.cost_cents) as cost
    from (${itemDaysSource('entrada', range, owner)}) r left join products p on p.id = r.product_id
    where r.reprint = 0 group by r.product_id order by ${orderBy}, r.product_id limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({
    productId: r.product_id,
    name: r.name ?? `#${r.product_id}`,
    kind: r.kind ?? '',
    productionType: r.production_type,
    lines: r.lines,
    quantity: r.quantity,
    areaM2: m2(r.area),
    revenueCents: r.revenue,
    costCents: r.cost,
    profitCents: r.revenue - r.cost,
  }));
}

/** The weekly metrics (also the automations' weekly report, called with no user: the whole shop). */
export async function weekly(
  ctx: Pick<ProcCtx, 'db' | 'clock' | 'user'>,
  input: { date?: string | undefined; limit: number },
) {
  const owner = ownerOf(ctx);
  const date = input.date ?? ctx.clock.today();
  const week = { from: startOfWeek(date), to: endOfWeek(date) };
  const previousWeek = { from: addDays(week.from, -7), to: addDays(week.to, -7) };
  const days = await dailySums(ctx.db, 'entrada', { from: previousWeek.from, to: week.to }, owner);
  return {
    week,
    previousWeek,
    own: owner !== null,
    current: figures(sumSpan(days, week)),
    previous: figures(sumSpan(days, previousWeek)),
    topByRevenue: await productRanks(ctx.db, week, owner, 'revenue', input.limit),
    topByQuantity: await productRanks(ctx.db, week, owner, 'quantity', input.limit),
  };
}

// ---------------------------------------------------------------------------------------------
// Trends

/** The span a bucket is compared with: the one before it, and the same one a year before (weeks: 52 weeks, same weekday). */
function shifted(b: Period, granularity: Granularity, back: 'previous' | 'lastYear'): Period {
  if (back === 'previous') {
    if (granularity === 'mes') return shiftMonths(b, -1);
    const days = granularity === 'semana' ? 7 : 1;
    return { from: addDays(b.from, -days), to: addDays(b.to, -days) };
  }
  if (granularity === 'mes') return shiftMonths(b, -12);
  return { from: addDays(b.from, -364), to: addDays(b.to, -364) };
}

export async function trends(
  ctx: ProcCtx,
  input: {
    preset: PeriodPreset;
    from?: string | undefined;
    to?: string | undefined;
    basis: Basis;
    granularity: Granularity;
  },
) {
  const owner = ownerOf(ctx);
  const range = resolvePeriod(ctx, input);
  const list: Bucket[] = buckets(range, input.granularity, ctx.locale);
  if (list.length > 800)
    throw new AppError('VALIDATION', msg('error.VALIDATION'), {
      fields: { granularity: msg('reports.tooManyBuckets') },
    });
  const previousPeriodRange = previousPeriod(range);
  const lastYearPeriod = samePeriodLastYear(range);
  const spans = list.map((b) => ({
    b,
    previous: shifted(b, input.granularity, 'previous'),
    lastYear: shifted(b, input.granularity, 'lastYear'),
  }));
  const earliest = [
    previousPeriodRange.from,
    lastYearPeriod.from,
    ...spans.flatMap((s) => [s.lastYear.from, s.previous.from]),
  ].sort()[0] as string;
  const fetched = { from: earliest, to: range.to };
  const sum = spanSums(await dailySums(ctx.db, input.basis, fetched, owner), fetched);
  return {
    period: range,
    granularity: input.granularity,
    own: owner !== null,
    points: spans.map(({ b, previous, lastYear }) => ({
      key: b.key,
      label: b.label,
      from: b.from,
      to: b.to,
      current: figures(sum(b)),
      previous: figures(sum(previous)),
      lastYear: figures(sum(lastYear)),
    })),
    totals: {
      current: figures(sum(range)),
      previousPeriod: previousPeriodRange,
      previous: figures(sum(previousPeriodRange)),
      lastYearPeriod,
      lastYear: figures(sum(lastYearPeriod)),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Closing

export interface GroupRowOut {
  key: string;
  label: string;
  orders: number | null;
  lines: number;
  quantity: number | null;
  areaM2: number | null;
  valueCents: number;
  costCents: number;
}

interface RawGroup {
  k: string | number;
  orders: number | null;
  lines: number;
  quantity: number | null;
  area: number | null;
  value: number;
  cost: number;
}

/** The first `limit` groups by value, the rest summed into one "Outros (N)" row, so totals always add up. */
function capGroups(ctx: ProcCtx, rows: GroupRowOut[], limit: number): GroupRowOut[] {
  if (rows.length <= limit) return rows;
  const rest = rows.slice(limit - 1);
  const sum = (pick: (r: GroupRowOut) => number | null) =>
    rest.some((r) => pick(r) === null) ? null : rest.reduce((a, r) => a + (pick(r) ?? 0), 0);
  return [
    ...rows.slice(0, limit - 1),
    {
      key: 'outros',
      label: t('reports.others', { count: rest.length }, ctx.locale),
      orders: sum((r) => r.orders),
      lines: rest.reduce((a, r) => a + r.lines, 0),
      quantity: sum((r) => r.quantity),
      areaM2: (() => {
        const v = sum((r) => r.areaM2);
        return v === null ? null : Math.round(v * 100) / 100;
      })(),
      valueCents: rest.reduce((a, r) => a + r.valueCents, 0),
      costCents: rest.reduce((a, r) => a + r.costCents, 0),
    },
  ];
}

async function namesOf(
  db: Db,
  table: 'customers' | 'staff' | 'machines' | 'payment_methods' | 'shipping_methods',
  ids: number[],
) {
  const list = ids.filter((id) => id > 0);
  if (!list.length) return new Map<number, string>();
  const rows = await db.selectFrom(table).select(['id', 'name']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

const ORDER_GROUP_COLUMN: Partial<Record<Group, string>> = {
  cliente: 'o.customer_id',
  vendedor: 'o.seller_id',
  pagamento: 'o.payment_method_id',
  envio: 'o.shipping_method_id',
};
const ITEM_GROUP_COLUMN: Partial<Record<Group, string>> = {
  designer: 'r.designer_id',
  tipo: 'r.production_type',
  maquina: 'r.machine_id',
};
const NAME_TABLE = {
  cliente: 'customers',
  vendedor: 'staff',
  pagamento: 'payment_methods',
  envio: 'shipping_methods',
  designer: 'staff',
  maquina: 'machines',
} as const;
const NONE_LABEL: Record<string, MessageKey> = {
  cliente: 'reports.none.customer',
  vendedor: 'reports.none.seller',
  pagamento: 'reports.none.payment',
  envio: 'reports.none.shipping',
  designer: 'reports.none.designer',
  maquina: 'reports.none.machine',
};

/** A group's rows, largest value first; rows past `limit` − 1 stay unnamed (`capGroups` sums them). */
async function groupRows(
  ctx: ProcCtx,
  group: Group,
  basis: Basis,
  range: Period,
  owner: number | null,
  limit: number,
): Promise<GroupRowOut[]> {
  let rows: RawGroup[];
  const orderCol = ORDER_GROUP_COLUMN[group];
  const itemCol = ITEM_GROUP_COLUMN[group];
  if (orderCol) {
    // Per order, from the covering index of the basis (migration 0017): never the table.
    const col = sql.raw(orderCol);
    const r = await sql<RawGroup>`select coalesce(${col}, 0) as k, count(*) as orders, sum(o.items_count) as lines,
        null as quantity, null as area, sum(o.total_cents) as value, 0 as cost
      from orders o
      where o.kind = 'pedido' and ${inRange(basis, range)} and o.status != 'cancelado' and o.is_reprint = 0${ownOrders(owner)}
      group by 1`.execute(ctx.db);
    rows = r.rows;
  } else if (itemCol) {
    const col = sql.raw(itemCol);
    const r =
      await sql<RawGroup>`select ${col} as k, null as orders, sum(r.lines) as lines, sum(r.quantity) as quantity,
        sum(r.area_mm2) as area, sum(r.total_cents) as value, sum(r.cost_cents) as cost
      from (${itemDaysSource(basis, range, owner)}) r group by 1`.execute(ctx.db);
    rows = r.rows;
  } else {
    // status: every order of the period, cancelled ones too.
    const r =
      await sql<RawGroup>`select status as k, sum(orders) as orders, sum(lines) as lines, sum(quantity) as quantity,
        sum(area_mm2) as area, sum(total_cents) as value, sum(cost_cents) as cost
      from (${orderDaysSource(basis, range, owner)}) where reprint = 0 group by 1`.execute(ctx.db);
    rows = r.rows;
  }
  // Largest first; only the rows shown (the first `limit`) need their names.
  rows.sort((a, b) => b.value - a.value || b.lines - a.lines || String(a.k).localeCompare(String(b.k)));
  const shown = rows.slice(0, rows.length > limit ? limit - 1 : limit);
  const table = group in NAME_TABLE ? NAME_TABLE[group as keyof typeof NAME_TABLE] : null;
  const names = table
    ? await namesOf(
        ctx.db,
        table,
        shown.map((r) => Number(r.k)),
      )
    : new Map<number, string>();
  const label = (k: string | number): string => {
    if (group === 'status') return render(statusText('order', String(k)), ctx.locale);
    if (group === 'tipo') return String(k);
    const name = names.get(Number(k));
    if (name) return name;
    return Number(k) === 0 ? t(NONE_LABEL[group] as MessageKey, {}, ctx.locale) : `#${k}`;
  };
  return rows.map((r, index) => ({
    key: String(r.k),
    label: index < shown.length ? label(r.k) : '',
    orders: r.orders,
    lines: r.lines,
    quantity: r.quantity,
    areaM2: r.area === null ? null : m2(r.area),
    valueCents: r.value,
    costCents: r.cost,
  }));
}

/** Instant (ISO, UTC) at which a business date starts in the shop's time zone. */
export function startOfDayInstant(date: string, timeZone: string): string {
  const guess = Date.parse(`${date}T00:00:00Z`);
  const offset = (t0: number) => {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
        .formatToParts(new Date(t0))
        .map((x) => [x.type, x.value]),
    );
    const n = (k: string) => Number(p[k] ?? 0);
    return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - t0;
  };
  let at = guess - offset(guess);
  const second = offset(at);
  if (guess - second !== at) at = guess - second;
  return new Date(at).toISOString();
}

async function financialClosing(ctx: ProcCtx, range: Period) {
  const rows = await sql<{
    kind: string;
    method: number;
    payments: number;
    amount: number;
    charges: number;
    total: number;
  }>`select kind, payment_method_id as method, sum(payments) as payments, sum(amount_cents) as amount,
      sum(fine_cents + interest_cents) as charges, sum(total_cents) as total
    from report_payment_days where day between ${range.from} and ${range.to} group by 1, 2`.execute(ctx.db);
  const methods = await namesOf(
    ctx.db,
    'payment_methods',
    rows.rows.map((r) => r.method),
  );
  const byMethod = new Map<number, { methodId: number; name: string; payments: number; totalCents: number }>();
  let received = 0;
  let reversals = 0;
  let reversalsCents = 0;
  let installments = 0;
  let installmentsCents = 0;
  let charges = 0;
  for (const r of rows.rows) {
    const m = byMethod.get(r.method) ?? {
      methodId: r.method,
      name: methods.get(r.method) ?? `#${r.method}`,
      payments: 0,
      totalCents: 0,
    };
    m.payments += r.payments;
    m.totalCents += r.total;
    byMethod.set(r.method, m);
    received += r.total;
    charges += r.charges;
    if (r.kind === 'estorno') {
      reversals += r.payments;
      reversalsCents -= r.total;
    }
    if (r.kind === 'parcela' || r.kind === 'quitacao') {
      installments += r.payments;
      installmentsCents += r.total;
    }
  }
  const tz = ctx.clock.timeZone;
  const credit = await ctx.db
    .selectFrom('installment_plans')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.sum<number>('financed_cents').as('financed')])
    .where('created_at', '>=', startOfDayInstant(range.from, tz))
    .where('created_at', '<', startOfDayInstant(addDays(range.to, 1), tz))
    .where('renegotiated_from_id', 'is', null)
    .where('status', '!=', 'cancelado')
    .executeTakeFirstOrThrow();
  return {
    byMethod: [...byMethod.values()].sort((a, b) => b.totalCents - a.totalCents),
    receivedCents: received,
    reversals,
    reversalsCents,
    creditSold: Number(credit.count),
    creditSoldCents: Number(credit.financed ?? 0),
    installmentsReceived: installments,
    installmentsReceivedCents: installmentsCents,
    chargesCents: charges,
  };
}

async function reprintsOf(ctx: ProcCtx, basis: Basis, range: Period, owner: number | null, limit: number) {
  const rows = await sql<{
    id: number;
    number: string;
    reprint_of_order_id: number | null;
    entry_date: string;
    customer_name: string;
    reason: string | null;
    cost: number | null;
  }>`select o.id, o.number, o.reprint_of_order_id, o.entry_date, o.customer_name, o.reprint_reason as reason,
      o.reprint_cost_cents as cost
    from orders o
    where o.kind = 'pedido' and ${inRange(basis, range)} and o.is_reprint = 1 and o.status != 'cancelado'${ownOrders(owner)}
    order by o.${sql.raw(DATE_COLUMN[basis])} desc, o.id desc`.execute(ctx.db);
  const reasons = new Map<string, { reason: string; count: number; costCents: number }>();
  let cost = 0;
  for (const r of rows.rows) {
    const reason = (r.reason ?? '').trim() || '—';
    const entry = reasons.get(reason.toLocaleLowerCase('pt-BR')) ?? { reason, count: 0, costCents: 0 };
    entry.count += 1;
    entry.costCents += r.cost ?? 0;
    reasons.set(reason.toLocaleLowerCase('pt-BR'), entry);
    cost += r.cost ?? 0;
  }
  return {
    count: rows.rows.length,
    costCents: cost,
    reasons: [...reasons.values()].sort((a, b) => b.count - a.count || b.costCents - a.costCents),
    items: rows.rows.slice(0, limit).map((r) => ({
      orderId: r.id,
      number: r.number,
      reprintOfOrderId: r.reprint_of_order_id,
      entryDate: r.entry_date,
      customerName: r.customer_name,
      reason: r.reason ?? '',
      costCents: r.cost ?? 0,
    })),
  };
}

export const CLOSING_GROUP_LIST: readonly Group[] = [
  'cliente',
  'vendedor',
  'designer',
  'tipo',
  'status',
  'pagamento',
  'envio',
  'maquina',
];

export async function closing(
  ctx: ProcCtx,
  input: {
    preset: PeriodPreset;
    from?: string | undefined;
    to?: string | undefined;
    basis: Basis;
    limit: number;
    group?: Group | undefined;
  },
) {
  const owner = ownerOf(ctx);
  const range = resolvePeriod(ctx, input);
  const days = await dailySums(ctx.db, input.basis, range, owner);
  const cancelled = await sql<{ orders: number | null; total: number | null }>`select sum(orders) as orders,
      sum(total_cents) as total from (${orderDaysSource(input.basis, range, owner)})
    where status = 'cancelado' and reprint = 0`.execute(ctx.db);
  const groups = {} as Record<Group, GroupRowOut[]>;
  for (const g of CLOSING_GROUP_LIST)
    groups[g] =
      input.group === undefined || input.group === g
        ? capGroups(ctx, await groupRows(ctx, g, input.basis, range, owner, input.limit), input.limit)
        : [];
  const user = ctx.user;
  return {
    period: range,
    basis: input.basis,
    own: owner !== null,
    totals: figures(sumSpan(days, range)),
    cancelled: { orders: cancelled.rows[0]?.orders ?? 0, totalCents: cancelled.rows[0]?.total ?? 0 },
    groups,
    reprints: await reprintsOf(ctx, input.basis, range, owner, input.limit),
    ...(user && can(user.role, 'finance.shop') && { finance: await financialClosing(ctx, range) }),
  };
}
