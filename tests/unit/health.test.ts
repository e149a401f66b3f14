import { describe, expect, it } from 'vitest';
import {
  type CustomerHealthInput,
  customerHealth,
  DEFAULT_HEALTH_WEIGHTS,
  healthCategory,
  medianGapDays,
  normalizeWeights,
  type PunctualityFacts,
  percentileRank,
  punctualityFacts,
  punctualityScore,
  rankFromCounts,
  recencyScore,
  type ShopHealthContext,
} from '../../src-shared/domain/health';

const NO_CREDIT: PunctualityFacts = { onTime: 0, late: 0, overdueOpen: 0, totalDaysLate: 0 };
const PERFECT: PunctualityFacts = { onTime: 4, late: 0, overdueOpen: 0, totalDaysLate: 0 };

const SHOP: ShopHealthContext = {
  today: '2026-11-05',
  defaultIntervalDays: 30,
  orderCounts: [1, 2, 3, 4, 5],
  revenues: [1000, 2000, 3000, 4000, 5000],
};

function input(over: Partial<CustomerHealthInput> = {}): CustomerHealthInput {
  return {
    lastOrderDate: '2026-11-05',
    usualIntervalDays: 10,
    ordersLast12Months: 5,
    revenueLast12MonthsCents: 5000,
    punctuality: PERFECT,
    ...over,
  };
}

describe('recência', () => {
  it.each([
    [0, 10, 1],
    [10, 10, 1], // exactly the usual interval
    [11, 10, 0.95],
    [20, 10, 0.5],
    [30, 10, 0], // three intervals
    [400, 10, 0],
    [-2, 10, 1], // an order dated after today counts as today
    [2, 0, 0.5], // interval clamped to 1 day
  ])('%i days with a %i-day interval → %d', (days, interval, expected) => {
    expect(recencyScore(days, interval)).toBeCloseTo(expected, 10);
  });

  it('usual interval is the median gap between distinct order days', () => {
    expect(medianGapDays([])).toBeNull();
    expect(medianGapDays(['2026-01-10'])).toBeNull();
    expect(medianGapDays(['2026-01-10', '2026-01-10'])).toBeNull(); // two orders on one day
    expect(medianGapDays(['2026-01-10', '2026-01-20'])).toBe(10);
    expect(medianGapDays(['2026-03-01', '2026-01-01', '2026-01-11', '2026-01-31'])).toBe(20); // gaps 10,20,29
    expect(medianGapDays(['2026-01-01', '2026-01-11', '2026-01-31', '2026-02-28', '2026-03-01'])).toBe(15); // gaps 1,10,20,28
    expect(medianGapDays(['2024-02-28', '2024-03-01'])).toBe(2); // leap day in between
  });

  it('a customer with one order uses the shop default interval', () => {
    const r = customerHealth(input({ usualIntervalDays: null, lastOrderDate: '2026-10-06' }), SHOP);
    expect(r.pillars.recencia).toEqual({
      value: 1,
      daysSinceLastOrder: 30,
      usualIntervalDays: 30,
      defaultInterval: true,
    });
    const later = customerHealth(input({ usualIntervalDays: null, lastOrderDate: '2026-09-06' }), SHOP);
    expect(later.pillars.recencia.value).toBeCloseTo(0.5, 10);
  });

  it('no order at all: recência 0 and no days since', () => {
    const r = customerHealth(
      input({ lastOrderDate: null, usualIntervalDays: null, ordersLast12Months: 0, revenueLast12MonthsCents: 0 }),
      SHOP,
    );
    expect(r.pillars.recencia.value).toBe(0);
    expect(r.pillars.recencia.daysSinceLastOrder).toBeNull();
    expect(r.pillars.frequencia.value).toBe(0);
    expect(r.pillars.valor.value).toBe(0);
  });
});

describe('frequência and valor: percentile rank among the other customers', () => {
  it.each([
    [5, [1, 2, 3, 4, 5], 1], // the top
    [1, [1, 2, 3, 4, 5], 0], // the bottom
    [3, [1, 2, 3, 4, 5], 0.5],
    [2, [2, 2, 2], 0.5], // all tied
    [7, [7], 1], // alone
    [0, [0, 1, 2], 0], // nothing → 0
    [3, [1, 3, 3, 9], (1 + 0.5) / 3], // a tie counts half
  ])('%d in %j → %d', (value, dist, expected) => {
    expect(percentileRank(value, dist)).toBeCloseTo(expected, 10);
  });

  it('the value must be in the distribution', () => {
    expect(() => percentileRank(6, [1, 2, 3])).toThrow(RangeError);
  });

  it('works on a large distribution', () => {
    const dist = Array.from({ length: 100_001 }, (_, i) => i);
    expect(percentileRank(100_000, dist)).toBe(1);
    expect(percentileRank(50_000, dist)).toBe(0.5);
  });

  it('the facts behind both', () => {
    const r = customerHealth(input({ ordersLast12Months: 4, revenueLast12MonthsCents: 2000 }), SHOP);
    expect(r.pillars.frequencia).toEqual({ value: 0.75, orders: 4, rankedCustomers: 5 });
    expect(r.pillars.valor).toEqual({ value: 0.25, revenueCents: 2000, rankedCustomers: 5 });
  });
});

describe('pontualidade', () => {
  it('facts from due items as of today', () => {
    const f = punctualityFacts(
      [
        { dueDate: '2026-10-10', paidDate: '2026-10-10' }, // on the day: on time
        { dueDate: '2026-10-10', paidDate: '2026-10-01' }, // early
        { dueDate: '2026-10-10', paidDate: '2026-10-15' }, // 5 late
        { dueDate: '2026-11-01', paidDate: null }, // 4 days overdue
        { dueDate: '2026-11-05', paidDate: null }, // due today: not judged yet
        { dueDate: '2026-12-05', paidDate: null }, // future: not judged
      ],
      '2026-11-05',
    );
    expect(f).toEqual({ onTime: 2, late: 1, overdueOpen: 1, totalDaysLate: 9 });
  });

  it.each<[PunctualityFacts, number | null]>([
    [NO_CREDIT, null], // neutral
    [{ onTime: 10, late: 0, overdueOpen: 0, totalDaysLate: 0 }, 1],
    [{ onTime: 0, late: 3, overdueOpen: 0, totalDaysLate: 90 }, 0], // always 30 days late
    [{ onTime: 0, late: 2, overdueOpen: 0, totalDaysLate: 400 }, 0],
    [{ onTime: 0, late: 3, overdueOpen: 0, totalDaysLate: 9 }, 0.45], // always 3 days late
    [{ onTime: 9, late: 1, overdueOpen: 0, totalDaysLate: 60 }, 0.85],
    [{ onTime: 1, late: 0, overdueOpen: 1, totalDaysLate: 30 }, 0.5],
  ])('%j → %s', (facts, expected) => {
    const s = punctualityScore(facts);
    if (expected === null) expect(s).toBeNull();
    else expect(s).toBeCloseTo(expected, 10);
  });

  it('neutral: the pillar is null and its weight goes to the other three', () => {
    const r = customerHealth(input({ punctuality: NO_CREDIT }), SHOP);
    expect(r.pillars.pontualidade).toEqual({
      value: null,
      onTime: 0,
      late: 0,
      overdueOpen: 0,
      averageDaysLate: null,
    });
    expect(r.weights.pontualidade).toBe(0);
    expect(r.weights.recencia).toBeCloseTo(0.375, 10);
    expect(r.weights.frequencia).toBeCloseTo(0.375, 10);
    expect(r.weights.valor).toBeCloseTo(0.25, 10);
    expect(r.score).toBe(1); // a perfect customer who always pays at once is not held back
    const mid = customerHealth(
      input({ punctuality: NO_CREDIT, ordersLast12Months: 3, revenueLast12MonthsCents: 3000 }),
      SHOP,
    );
    expect(mid.score).toBe(0.6875); // 0,375 + 0,375×0,5 + 0,25×0,5
  });

  it('average days late is over every judged item', () => {
    const r = customerHealth(input({ punctuality: { onTime: 3, late: 1, overdueOpen: 0, totalDaysLate: 8 } }), SHOP);
    expect(r.pillars.pontualidade.averageDaysLate).toBe(2);
  });
});

describe('weights', () => {
  it('are validated and normalised', () => {
    expect(normalizeWeights(DEFAULT_HEALTH_WEIGHTS)).toEqual({
      recencia: 0.3,
      frequencia: 0.3,
      valor: 0.2,
      pontualidade: 0.2,
    });
    expect(normalizeWeights({ recencia: 1, frequencia: 1, valor: 1, pontualidade: 1 }).valor).toBe(0.25);
    expect(normalizeWeights({ recencia: 0, frequencia: 0, valor: 0, pontualidade: 5 }).pontualidade).toBe(1);
    expect(() => normalizeWeights({ recencia: 0, frequencia: 0, valor: 0, pontualidade: 0 })).toThrow(RangeError);
    expect(() => normalizeWeights({ recencia: -1, frequencia: 1, valor: 1, pontualidade: 1 })).toThrow(RangeError);
    expect(() => normalizeWeights({ recencia: Number.NaN, frequencia: 1, valor: 1, pontualidade: 1 })).toThrow(
      RangeError,
    );
    expect(() =>
      normalizeWeights({ recencia: Number.POSITIVE_INFINITY, frequencia: 1, valor: 1, pontualidade: 1 }),
    ).toThrow(RangeError);
  });

  it('change the score', () => {
    // recência 1, frequência 0,75, valor 0,25, pontualidade 0,5
    const c = input({
      ordersLast12Months: 4,
      revenueLast12MonthsCents: 2000,
      punctuality: { onTime: 1, late: 0, overdueOpen: 1, totalDaysLate: 30 },
    });
    expect(customerHealth(c, SHOP).score).toBe(0.675); // 0,3 + 0,225 + 0,05 + 0,1
    expect(
      customerHealth(c, { ...SHOP, weights: { recencia: 1, frequencia: 1, valor: 1, pontualidade: 1 } }).score,
    ).toBe(0.625);
    expect(
      customerHealth(c, { ...SHOP, weights: { recencia: 0, frequencia: 0, valor: 1, pontualidade: 0 } }).score,
    ).toBe(0.25);
    expect(() =>
      customerHealth(c, { ...SHOP, weights: { recencia: 0, frequencia: 0, valor: 0, pontualidade: 0 } }),
    ).toThrow(RangeError);
  });

  it('only pontualidade weighted and nothing to judge → 0,5', () => {
    const r = customerHealth(input({ punctuality: NO_CREDIT }), {
      ...SHOP,
      weights: { recencia: 0, frequencia: 0, valor: 0, pontualidade: 1 },
    });
    expect(r.score).toBe(0.5);
    expect(r.category).toBe('normal');
  });

  it('the shop default interval must be at least a day', () => {
    expect(() => customerHealth(input(), { ...SHOP, defaultIntervalDays: 0 })).toThrow(RangeError);
  });
});

describe('categories', () => {
  it.each([
    [0, 'critico'],
    [0.3, 'critico'], // the limit belongs to the lower category
    [0.30004, 'critico'], // rounds to 0,3000
    [0.30005, 'normal'],
    [0.3001, 'normal'],
    [0.6, 'normal'],
    [0.6001, 'saudavel'],
    [0.8, 'saudavel'],
    [0.8001, 'campeao'],
    [1, 'campeao'],
    [0.1 + 0.2, 'critico'], // 0,30000000000000004
  ])('%d → %s', (score, category) => expect(healthCategory(score)).toBe(category));

  it('scores landing exactly on 0,3 / 0,6 / 0,8 through the weights', () => {
    const zero = { ordersLast12Months: 1, revenueLast12MonthsCents: 1000 }; // bottom of both rankings
    const late: PunctualityFacts = { onTime: 0, late: 1, overdueOpen: 0, totalDaysLate: 30 }; // pontualidade 0
    const old = { lastOrderDate: '2026-01-01' }; // recência 0
    const r03 = customerHealth(input({ ...zero, punctuality: late }), SHOP); // recência only: 0,3
    expect([r03.score, r03.category]).toEqual([0.3, 'critico']);
    const r06 = customerHealth(input({ revenueLast12MonthsCents: 1000, punctuality: late }), SHOP); // 0,3 + 0,3
    expect([r06.score, r06.category]).toEqual([0.6, 'normal']);
    const r08 = customerHealth(input({ punctuality: late }), SHOP); // 0,3 + 0,3 + 0,2
    expect([r08.score, r08.category]).toEqual([0.8, 'saudavel']);
    const r1 = customerHealth(input(), SHOP);
    expect([r1.score, r1.category]).toEqual([1, 'campeao']);
    const r0 = customerHealth(input({ ...zero, ...old, punctuality: late }), SHOP);
    expect([r0.score, r0.category]).toEqual([0, 'critico']);
  });

  it('just past each limit goes up a category', () => {
    // recência slightly below 1 moves 0,3 down; slightly more pontualidade moves it up
    const bit: PunctualityFacts = { onTime: 0, late: 1, overdueOpen: 0, totalDaysLate: 29.97 }; // 0,0005 → +0,0001
    const zero = { ordersLast12Months: 1, revenueLast12MonthsCents: 1000 };
    expect(customerHealth(input({ ...zero, punctuality: bit }), SHOP).category).toBe('normal');
    expect(customerHealth(input({ revenueLast12MonthsCents: 1000, punctuality: bit }), SHOP).category).toBe('saudavel');
    expect(customerHealth(input({ punctuality: bit }), SHOP).category).toBe('campeao');
  });
});

describe('the result explains the score', () => {
  it('returns every pillar with its facts', () => {
    const r = customerHealth(
      {
        lastOrderDate: '2026-10-16',
        usualIntervalDays: 14,
        ordersLast12Months: 3,
        revenueLast12MonthsCents: 3000,
        punctuality: { onTime: 3, late: 1, overdueOpen: 0, totalDaysLate: 12 },
      },
      SHOP,
    );
    expect(r.pillars.recencia).toEqual({
      value: expect.closeTo(1 - 6 / 28, 10),
      daysSinceLastOrder: 20,
      usualIntervalDays: 14,
      defaultInterval: false,
    });
    expect(r.pillars.frequencia.orders).toBe(3);
    expect(r.pillars.valor.revenueCents).toBe(3000);
    expect(r.pillars.pontualidade).toEqual({
      value: expect.closeTo(0.5 * 0.75 + 0.5 * 0.9, 10),
      onTime: 3,
      late: 1,
      overdueOpen: 0,
      averageDaysLate: 3,
    });
    const expected = 0.3 * (1 - 6 / 28) + 0.3 * 0.5 + 0.2 * 0.5 + 0.2 * 0.825;
    expect(r.score).toBe(Math.round(expected * 10_000) / 10_000);
    expect(r.weights).toEqual({ recencia: 0.3, frequencia: 0.3, valor: 0.2, pontualidade: 0.2 });
  });
});

describe("ranking one customer from counts (a write, against the others' stored figures)", () => {
  it('gives what the whole distribution gives', () => {
    const others = [1, 1, 2, 3, 3, 3, 7, 12];
    for (const value of [0, 1, 2, 3, 5, 7, 12, 40]) {
      const sorted = [...others, ...(value > 0 ? [value] : [])].sort((a, b) => a - b);
      const ranked = others.filter((v) => v > 0);
      const counts = {
        below: ranked.filter((v) => v < value).length,
        equal: ranked.filter((v) => v === value).length,
        others: ranked.length,
      };
      expect(rankFromCounts(value, counts)).toBeCloseTo(percentileRank(value, sorted), 12);
    }
  });

  it('edges: nothing ranks 0, alone ranks 1, all tied rank 0,5', () => {
    expect(rankFromCounts(0, { below: 3, equal: 0, others: 5 })).toBe(0);
    expect(rankFromCounts(9, { below: 0, equal: 0, others: 0 })).toBe(1);
    expect(rankFromCounts(4, { below: 0, equal: 6, others: 6 })).toBe(0.5);
    expect(rankFromCounts(4, { below: 6, equal: 0, others: 6 })).toBe(1);
  });

  it('customerHealth with rankCounts equals customerHealth with the distributions', () => {
    const c = input({ ordersLast12Months: 4, revenueLast12MonthsCents: 2000 });
    const byCounts = customerHealth(c, {
      ...SHOP,
      orderCounts: [],
      revenues: [],
      rankCounts: {
        frequencia: { below: 3, equal: 0, others: 4 }, // 1, 2, 3, 5
        valor: { below: 1, equal: 0, others: 4 }, // 1000, 3000, 4000, 5000
      },
    });
    const byArrays = customerHealth(c, {
      ...SHOP,
      orderCounts: [1, 2, 3, 4, 5],
      revenues: [1000, 2000, 3000, 4000, 5000],
    });
    expect(byCounts).toEqual(byArrays);
    expect(byCounts.pillars.frequencia.rankedCustomers).toBe(5);
  });
});
