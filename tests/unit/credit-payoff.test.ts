import { describe, expect, it } from 'vitest';
import {
  addDays,
  amortisation,
  dueDates,
  earlyPayoff,
  type PayoffInstallment,
  planInstallments,
} from '../../src-shared/domain/credit';

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

function plan(financed: number, count: number, rate: number, first: string, interval: number | null) {
  const amounts = planInstallments(financed, count, rate);
  const dates = dueDates(first, count, interval);
  return {
    financedCents: financed,
    monthlyRatePercent: rate,
    installments: amounts.map((amountCents, i) => ({
      dueDate: dates[i] as string,
      amountCents,
      paidCents: 0,
      open: true,
    })) as PayoffInstallment[],
  };
}

describe('amortisation', () => {
  it('splits every installment into interest and principal; the principals add up to the financed amount', () => {
    const amounts = planInstallments(100_000, 6, 2);
    const table = amortisation(100_000, amounts, 2);
    expect(table.reduce((s, l) => s + l.principalCents, 0)).toBe(100_000);
    expect(table.reduce((s, l) => s + l.interestCents, 0)).toBe(amounts.reduce((a, b) => a + b, 0) - 100_000);
    expect(table[0]?.interestCents).toBe(2000); // 2% of R$ 1.000,00
    expect(amortisation(10_000, [3334, 3333, 3333], 0).every((l) => l.interestCents === 0)).toBe(true);
  });
});

describe('early payoff', () => {
  it('on the day the plan opens, the payoff is the financed amount, never less (R$ 999,79 for R$ 1.000,00 was a bug)', () => {
    // A first due date 45 days out: the Price table charges one period, the present value discounted 45 days.
    const p = plan(100_000, 3, 2, '2027-02-14', null);
    const interest = p.installments.reduce((s, i) => s + i.amountCents, 0) - 100_000;
    const q = earlyPayoff(p, '2026-12-31');
    expect(q.openPrincipalCents).toBe(100_000);
    expect(q.futureInterestCents).toBe(interest);
    expect(q.discountCents).toBeLessThanOrEqual(interest);
    expect(q.totalCents).toBe(100_000); // was R$ 990,80: a discount of R$ 49,47 on R$ 40,27 of interest
  });

  it('31-day months do not push the payoff below the financed amount either', () => {
    const q = earlyPayoff(plan(100_000, 3, 3, '2027-01-31', null), '2026-12-31');
    expect(q.totalCents).toBeGreaterThanOrEqual(100_000);
  });

  it('property: over many plans, dates, rates and partial payments the discount never exceeds the interest to come and the payoff never goes below the open principal', () => {
    const next = rng(20_261_130);
    let checked = 0;
    let capped = 0;
    for (let n = 0; n < 3000; n++) {
      const financed = 100 + Math.floor(next() * 5_000_000);
      const count = 1 + Math.floor(next() * 48);
      const rate = next() < 0.15 ? 0 : Math.round(next() * 2000) / 100; // 0 to 20% a.m.
      const opened = addDays('2026-01-01', Math.floor(next() * 700));
      const interval = next() < 0.3 ? 1 + Math.floor(next() * 45) : null;
      const first = addDays(opened, Math.floor(next() * 60));
      const p = plan(financed, count, rate, first, interval);
      // Some installments paid, some partly.
      for (const inst of p.installments) {
        const r = next();
        if (r < 0.2) inst.paidCents = inst.amountCents;
        else if (r < 0.35) inst.paidCents = Math.floor(next() * inst.amountCents);
        inst.open = inst.paidCents < inst.amountCents;
      }
      const last = p.installments[p.installments.length - 1]?.dueDate as string;
      const asOf = addDays(
        opened,
        Math.floor(next() * (Math.max(1, Date.parse(last) - Date.parse(opened)) / 86_400_000 + 10)),
      );
      const q = earlyPayoff(p, asOf);
      const table = amortisation(
        financed,
        p.installments.map((i) => i.amountCents),
        rate,
      );
      // Independently: the interest still built into the installments not yet due.
      let interestToCome = 0;
      let openPrincipal = 0;
      p.installments.forEach((inst, k) => {
        if (!inst.open) return;
        const open = inst.amountCents - inst.paidCents;
        const interest = Math.min(open, Math.max(0, (table[k]?.interestCents ?? 0) - inst.paidCents));
        openPrincipal += open - interest;
        if (inst.dueDate >= asOf) interestToCome += interest;
      });
      expect(q.discountCents).toBeGreaterThanOrEqual(0);
      expect(q.discountCents).toBeLessThanOrEqual(interestToCome);
      expect(q.openPrincipalCents).toBe(openPrincipal);
      expect(q.totalCents).toBeGreaterThanOrEqual(q.openPrincipalCents);
      expect(q.totalCents).toBeLessThanOrEqual(q.installmentsCents);
      expect(q.totalCents).toBe(q.installmentsCents - q.discountCents);
      if (rate === 0) expect(q.discountCents).toBe(0);
      if (q.discountCents === interestToCome && interestToCome > 0) capped++;
      checked++;
    }
    expect(checked).toBe(3000);
    expect(capped).toBeGreaterThan(0); // the cap is exercised, not only the present value
  });

  it('installments already due get no discount', () => {
    const p = plan(100_000, 4, 3, '2027-01-10', null);
    const q = earlyPayoff(p, '2027-02-20');
    expect(q.lines.filter((l) => l.overdue).map((l) => l.presentDiscountCents)).toEqual([0, 0]);
    expect(q.lines.filter((l) => !l.overdue).every((l) => l.presentDiscountCents > 0)).toBe(true);
    expect(q.discountCents).toBeGreaterThan(0);
  });
});
