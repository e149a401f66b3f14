/**
 * Customer health: a score from 0 to 1 from four pillars, each in 0..1, weighted (default 30/30/20/20).
 *
 * - recência: days since the last order against the customer's usual interval (the median gap between
 *   their distinct order days; with fewer than two order days, the shop's default interval). 1 while
 *   the customer is within the interval, falling linearly to 0 at three intervals; 0 with no order at all.
 * - frequência: orders in the last 12 months, percentile rank among the shop's ranked customers.
 * - valor: revenue in the last 12 months, ranked the same way.
 * - pontualidade: half the share of judged payments made on time, half a lateness term that reaches 0
 *   at an average of 30 days late. Customers with nothing judged (always paid at once, never had
 *   credit) are neutral: the pillar is null and its weight is spread over the other three, so the
 *   score is what the other pillars say — neither raised nor lowered.
 *
 * The score is rounded to 4 decimals and the category comes from that rounded score, so what is stored
 * and shown is what was categorised: Crítico ≤ 0,3 < Normal ≤ 0,6 < Saudável ≤ 0,8 < Campeão
 * (each limit belongs to the lower category). No I/O: the caller gathers the facts.
 */

import { daysBetween } from './credit';
import type { Cents } from './money';

export const HEALTH_PILLARS = ['recencia', 'frequencia', 'valor', 'pontualidade'] as const;
export type HealthPillar = (typeof HEALTH_PILLARS)[number];
export type HealthWeights = Record<HealthPillar, number>;

export const DEFAULT_HEALTH_WEIGHTS: Readonly<HealthWeights> = Object.freeze({
  recencia: 30,
  frequencia: 30,
  valor: 20,
  pontualidade: 20,
});

export const HEALTH_CATEGORIES = ['critico', 'normal', 'saudavel', 'campeao'] as const;
export type HealthCategory = (typeof HEALTH_CATEGORIES)[number];

/** Upper limits (inclusive) of the first three categories; above the last one is Campeão. */
export const HEALTH_LIMITS = { critico: 0.3, normal: 0.6, saudavel: 0.8 } as const;

/** Recência reaches 0 at this many usual intervals since the last order. */
export const RECENCY_ZERO_AT_INTERVALS = 3;
/** The lateness term of pontualidade reaches 0 at this average of days late. */
export const LATENESS_ZERO_AT_DAYS = 30;

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;
const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Validates weights (finite, non-negative, sum > 0) and scales them to sum 1. Throws RangeError. */
export function normalizeWeights(weights: Readonly<HealthWeights>): HealthWeights {
  let sum = 0;
  for (const p of HEALTH_PILLARS) {
    const w = weights[p];
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw new RangeError(`weight ${p} must be a finite number ≥ 0`);
    }
    sum += w;
  }
  if (sum <= 0) throw new RangeError('the weights must add up to more than 0');
  return {
    recencia: weights.recencia / sum,
    frequencia: weights.frequencia / sum,
    valor: weights.valor / sum,
    pontualidade: weights.pontualidade / sum,
  };
}

/** The category of a score; each limit belongs to the lower category (0,3 is Crítico, 0,8 Saudável). */
export function healthCategory(score: number): HealthCategory {
  const s = round4(score);
  if (s <= HEALTH_LIMITS.critico) return 'critico';
  if (s <= HEALTH_LIMITS.normal) return 'normal';
  if (s <= HEALTH_LIMITS.saudavel) return 'saudavel';
  return 'campeao';
}

/** Median gap in days between distinct order days (any order), or null with fewer than two days. */
export function medianGapDays(orderDates: readonly string[]): number | null {
  const days = [...new Set(orderDates)].sort();
  if (days.length < 2) return null;
  const gaps = days.slice(1).map((d, i) => daysBetween(days[i] as string, d));
  gaps.sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  return gaps.length % 2 ? (gaps[mid] as number) : ((gaps[mid - 1] as number) + (gaps[mid] as number)) / 2;
}

/** Recência from days since the last order and the usual interval (≥ 1 day). */
export function recencyScore(daysSinceLastOrder: number, usualIntervalDays: number): number {
  const interval = Math.max(1, usualIntervalDays);
  const days = Math.max(0, daysSinceLastOrder);
  if (days <= interval) return 1;
  return clamp01(1 - (days - interval) / ((RECENCY_ZERO_AT_INTERVALS - 1) * interval));
}

function countBelowAndEqual(sorted: readonly number[], value: number): [number, number] {
  const bound = (strict: boolean) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const v = sorted[mid] as number;
      if (strict ? v < value : v <= value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const below = bound(true);
  return [below, bound(false) - below];
}

/**
 * Percentile rank of a customer's value among the shop's ranked customers, in 0..1: the share of the
 * *other* customers below it, ties counting half. `sorted` is every ranked customer's value in ascending
 * order, this customer's included (one array for the whole shop). A value of 0 ranks 0 (no orders, no
 * revenue); the highest value ranks 1; all tied rank 0,5; a lone customer with a value ranks 1.
 */
export function percentileRank(value: number, sorted: readonly number[]): number {
  if (value <= 0) return 0;
  const [below, equal] = countBelowAndEqual(sorted, value);
  if (equal === 0) throw new RangeError('the customer’s value must be in the distribution');
  return rankFromCounts(value, { below, equal: equal - 1, others: sorted.length - 1 });
}

/** Where a customer's value stands among the *other* ranked customers (values > 0), as counts. */
export interface RankCounts {
  /** Other ranked customers with a lower value. */
  below: number;
  /** Other ranked customers with the same value. */
  equal: number;
  /** Every other ranked customer. */
  others: number;
}

/**
 * `percentileRank` from counts instead of the whole distribution, for one customer ranked against
 * the others' stored values (an index range count): 0 for nothing, 1 alone, ties counting half.
 */
export function rankFromCounts(value: number, counts: RankCounts): number {
  if (value <= 0) return 0;
  if (counts.others === 0) return 1;
  return (counts.below + counts.equal / 2) / counts.others;
}

/** What was owed on a date: an installment, or an order balance with its due date. */
export interface DueItem {
  dueDate: string;
  /** The day it was fully paid, or null while still open. */
  paidDate: string | null;
}

export interface PunctualityFacts {
  /** Paid on or before the due date. */
  onTime: number;
  /** Paid after the due date. */
  late: number;
  /** Open and past due today. */
  overdueOpen: number;
  /** Days late added up over the late and the overdue items (overdue ones: until today). */
  totalDaysLate: number;
}

/** Facts from due items as of `today`; items open and not yet due are not judged. */
export function punctualityFacts(items: readonly DueItem[], today: string): PunctualityFacts {
  const facts: PunctualityFacts = { onTime: 0, late: 0, overdueOpen: 0, totalDaysLate: 0 };
  for (const item of items) {
    const settled = item.paidDate ?? today;
    const daysLate = daysBetween(item.dueDate, settled);
    if (item.paidDate === null) {
      if (daysLate <= 0) continue;
      facts.overdueOpen++;
      facts.totalDaysLate += daysLate;
    } else if (daysLate <= 0) facts.onTime++;
    else {
      facts.late++;
      facts.totalDaysLate += daysLate;
    }
  }
  return facts;
}

/** Pontualidade in 0..1, or null (neutral) when nothing was judged. */
export function punctualityScore(f: PunctualityFacts): number | null {
  const judged = f.onTime + f.late + f.overdueOpen;
  if (judged <= 0) return null;
  const averageDaysLate = f.totalDaysLate / judged;
  return clamp01(0.5 * (f.onTime / judged) + 0.5 * clamp01(1 - averageDaysLate / LATENESS_ZERO_AT_DAYS));
}

/** One customer's facts. Dates are business dates in the shop's time zone. */
export interface CustomerHealthInput {
  lastOrderDate: string | null;
  /** `medianGapDays` of their order days; null with fewer than two order days (the shop default applies). */
  usualIntervalDays: number | null;
  ordersLast12Months: number;
  revenueLast12MonthsCents: Cents;
  punctuality: PunctualityFacts;
}

/** The shop's side: today, the default interval, the ranked distributions and the weights. */
export interface ShopHealthContext {
  today: string;
  /** Interval for customers with fewer than two order days (days, ≥ 1). */
  defaultIntervalDays: number;
  /** Orders in the last 12 months of every ranked customer, ascending. */
  orderCounts: readonly number[];
  /** Revenue in the last 12 months (cents) of every ranked customer, ascending. */
  revenues: readonly number[];
  weights?: Readonly<HealthWeights>;
  /**
   * Instead of the two distributions: this customer's place among the other ranked customers
   * (one customer recomputed against the others' stored values). `orderCounts`/`revenues` are then ignored.
   */
  rankCounts?: { frequencia: RankCounts; valor: RankCounts };
}

export interface HealthResult {
  score: number;
  category: HealthCategory;
  /** Effective weights, summing to 1 (pontualidade 0 and the rest scaled up when it is neutral). */
  weights: HealthWeights;
  pillars: {
    recencia: { value: number; daysSinceLastOrder: number | null; usualIntervalDays: number; defaultInterval: boolean };
    frequencia: { value: number; orders: number; rankedCustomers: number };
    valor: { value: number; revenueCents: Cents; rankedCustomers: number };
    pontualidade: {
      value: number | null;
      onTime: number;
      late: number;
      overdueOpen: number;
      averageDaysLate: number | null;
    };
  };
}

export function customerHealth(input: CustomerHealthInput, shop: ShopHealthContext): HealthResult {
  if (!Number.isFinite(shop.defaultIntervalDays) || shop.defaultIntervalDays < 1) {
    throw new RangeError('defaultIntervalDays must be at least 1');
  }
  const base = normalizeWeights(shop.weights ?? DEFAULT_HEALTH_WEIGHTS);

  const defaultInterval = input.usualIntervalDays === null;
  const usualIntervalDays = Math.max(1, input.usualIntervalDays ?? shop.defaultIntervalDays);
  const daysSinceLastOrder = input.lastOrderDate === null ? null : daysBetween(input.lastOrderDate, shop.today);
  const recencia = daysSinceLastOrder === null ? 0 : recencyScore(daysSinceLastOrder, usualIntervalDays);

  const counts = shop.rankCounts;
  const frequencia = counts
    ? rankFromCounts(input.ordersLast12Months, counts.frequencia)
    : percentileRank(input.ordersLast12Months, shop.orderCounts);
  const valor = counts
    ? rankFromCounts(input.revenueLast12MonthsCents, counts.valor)
    : percentileRank(input.revenueLast12MonthsCents, shop.revenues);
  const rankedOrders = counts
    ? counts.frequencia.others + (input.ordersLast12Months > 0 ? 1 : 0)
    : shop.orderCounts.length;
  const rankedRevenue = counts
    ? counts.valor.others + (input.revenueLast12MonthsCents > 0 ? 1 : 0)
    : shop.revenues.length;

  const p = input.punctuality;
  const judged = p.onTime + p.late + p.overdueOpen;
  const pontualidade = punctualityScore(p);

  const weights =
    pontualidade === null && base.pontualidade < 1
      ? normalizeWeights({ ...base, pontualidade: 0 })
      : pontualidade === null
        ? { recencia: 0, frequencia: 0, valor: 0, pontualidade: 0 }
        : base;
  const raw =
    weights.recencia * recencia +
    weights.frequencia * frequencia +
    weights.valor * valor +
    weights.pontualidade * (pontualidade ?? 0);
  // Only pontualidade weighted and nothing to judge: neutral means the middle of the scale.
  const score = round4(pontualidade === null && base.pontualidade >= 1 ? 0.5 : clamp01(raw));

  return {
    score,
    category: healthCategory(score),
    weights,
    pillars: {
      recencia: { value: recencia, daysSinceLastOrder, usualIntervalDays, defaultInterval },
      frequencia: { value: frequencia, orders: input.ordersLast12Months, rankedCustomers: rankedOrders },
      valor: { value: valor, revenueCents: input.revenueLast12MonthsCents, rankedCustomers: rankedRevenue },
      pontualidade: {
        value: pontualidade,
        onTime: p.onTime,
        late: p.late,
        overdueOpen: p.overdueOpen,
        averageDaysLate: judged > 0 ? p.totalDaysLate / judged : null,
      },
    },
  };
}
