/**
 * Crediário rules: splitting a financed amount into installments, due dates, the Tabela Price,
 * late charges (multa + juros de mora) and early payoff. All amounts are integer cents.
 */

import { daysInMonth } from './dates';
import type { Cents } from './money';

/** Splits cents into `count` parts that add up exactly; the first parts carry the extra cents (100 in 3 → 34, 33, 33). */
export function splitCents(total: Cents, count: number): Cents[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be a positive integer');
  const base = Math.floor(total / count);
  const extra = total - base * count;
  return Array.from({ length: count }, (_, i) => base + (i < extra ? 1 : 0));
}

const parse = (date: string) => date.split('-').map(Number) as [number, number, number];
const fmt = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Adds months keeping the day, falling back to the month's last day (31/01 + 1 → 28 or 29/02). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parse(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return fmt(year, month, Math.min(d, daysInMonth(year, month)));
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parse(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return fmt(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parse(from);
  const [y2, m2, d2] = parse(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/** Due dates: monthly on the first date's day (with month-end fallback), or every `intervalDays`. */
export function dueDates(first: string, count: number, intervalDays?: number | null): string[] {
  return Array.from({ length: count }, (_, i) =>
    intervalDays ? addDays(first, i * intervalDays) : addMonths(first, i),
  );
}

/** Rounds half up to an integer cent. */
export const roundCents = (value: number): Cents => Math.floor(value + 0.5 + 1e-9);

/**
 * Installment amounts for a financed amount: without interest an exact split; with a monthly
 * rate, the Tabela Price payment (equal installments, the last one absorbing rounding).
 */
export function planInstallments(financed: Cents, count: number, monthlyRatePercent: number): Cents[] {
  if (!monthlyRatePercent) return splitCents(financed, count);
  const i = monthlyRatePercent / 100;
  const pmt = roundCents((financed * i) / (1 - (1 + i) ** -count));
  const amounts = Array.from({ length: count }, () => pmt);
  // The last installment settles the exact balance of the amortisation table.
  let balance = financed;
  for (let k = 0; k < count - 1; k++) balance = balance + roundCents(balance * i) - pmt;
  amounts[count - 1] = balance + roundCents(balance * i);
  return amounts;
}

export interface ChargeSettings {
  /** Multa, percent of the open principal, charged once per installment; never above 2%. */
  finePercent: number;
  /** Juros de mora, percent a month, simple, pro rata die (÷ 30). */
  monthlyInterestPercent: number;
  /** Days after the due date during which no charge applies. */
  graceDays: number;
}

export interface InstallmentState {
  dueDate: string;
  /** Principal still open. */
  openCents: Cents;
  /** Whether the fine was already charged (collected) on an earlier partial payment. */
  fineCharged: boolean;
  /** Interest already accrues from here (the later of the due date and the last partial payment). */
  interestFrom?: string | null;
}

export interface Charges {
  principalCents: Cents;
  fineCents: Cents;
  interestCents: Cents;
  totalCents: Cents;
  daysLate: number;
}

/** What an installment costs on a date: open principal, plus multa and juros de mora when late. */
export function lateCharges(state: InstallmentState, asOf: string, settings: ChargeSettings, waived = false): Charges {
  const daysLate = Math.max(0, daysBetween(state.dueDate, asOf));
  const principal = state.openCents;
  if (waived || principal <= 0 || daysLate === 0 || daysLate <= settings.graceDays) {
    return { principalCents: principal, fineCents: 0, interestCents: 0, totalCents: principal, daysLate };
  }
  const finePercent = Math.min(2, Math.max(0, settings.finePercent));
  const fine = state.fineCharged ? 0 : roundCents((principal * finePercent) / 100);
  const from = state.interestFrom && state.interestFrom > state.dueDate ? state.interestFrom : state.dueDate;
  const interestDays = Math.max(0, daysBetween(from, asOf));
  const interest = roundCents((principal * settings.monthlyInterestPercent * interestDays) / 100 / 30);
  return {
    principalCents: principal,
    fineCents: fine,
    interestCents: interest,
    totalCents: principal + fine + interest,
    daysLate,
  };
}

/** Splits a payment: charges first (fine, then interest), then principal. */
export function allocatePayment(
  amount: Cents,
  charges: Pick<Charges, 'fineCents' | 'interestCents' | 'principalCents'>,
) {
  const fine = Math.min(amount, charges.fineCents);
  const interest = Math.min(amount - fine, charges.interestCents);
  const principal = Math.min(amount - fine - interest, charges.principalCents);
  return {
    fineCents: fine,
    interestCents: interest,
    principalCents: principal,
    leftoverCents: amount - fine - interest - principal,
  };
}

/**
 * Early payoff of a Price plan: each future installment is brought to present value at the plan's
 * rate for the days until its due date (future interest reduced proportionally, CDC art. 52 §2).
 * Installments already due are owed in full (their late charges are added apart).
 */
export function presentValue(openCents: Cents, dueDate: string, asOf: string, monthlyRatePercent: number): Cents {
  const days = daysBetween(asOf, dueDate);
  if (days <= 0 || !monthlyRatePercent) return openCents;
  return roundCents(openCents / (1 + monthlyRatePercent / 100) ** (days / 30));
}

/**
 * The amortisation table of a plan from its financed amount and installment amounts: each
 * installment's interest (on the balance before it, at the plan's rate per period) and principal.
 * Without interest every installment is all principal. The principals add up to the financed amount.
 */
export function amortisation(
  financedCents: Cents,
  amounts: readonly Cents[],
  monthlyRatePercent: number,
): Array<{ interestCents: Cents; principalCents: Cents }> {
  const rate = monthlyRatePercent > 0 ? monthlyRatePercent / 100 : 0;
  let balance = financedCents;
  return amounts.map((amount) => {
    const interest = Math.min(amount, Math.max(0, rate ? roundCents(Math.max(0, balance) * rate) : 0));
    const principal = amount - interest;
    balance -= principal;
    return { interestCents: interest, principalCents: principal };
  });
}

export interface PayoffInstallment {
  dueDate: string;
  amountCents: Cents;
  paidCents: Cents;
  /** Still to be paid (not paid off, renegotiated or cancelled). */
  open: boolean;
}

export interface PayoffLine {
  dueDate: string;
  /** What the installment still shows (principal and the interest built into it). */
  openCents: Cents;
  openPrincipalCents: Cents;
  /** Interest built into the installment that was not paid yet. */
  openInterestCents: Cents;
  /** The installment brought to present value at the plan's rate: open − present value (0 when due). */
  presentDiscountCents: Cents;
  /** Due before the payoff date: owed in full (late charges are added apart). */
  overdue: boolean;
}

export interface Payoff {
  lines: PayoffLine[];
  /** The open installments added up, interest included ("saldo das parcelas"). */
  installmentsCents: Cents;
  /** The real open principal: what is left of the financed amount. */
  openPrincipalCents: Cents;
  /** Interest of the installments not yet due, the most a payoff can discount. */
  futureInterestCents: Cents;
  discountCents: Cents;
  /** installments − discount (without late charges of overdue installments). */
  totalCents: Cents;
}

/**
 * Early payoff (quitação antecipada, CDC art. 52 §2): each installment not yet due is brought to
 * present value at the plan's rate for the days until it falls due, and the discount is capped at
 * the interest still to come (the interest built into the installments not yet due; partial
 * payments pay an installment's interest first). A first due date more than a period away, 31-day
 * months or roundings can make the present value discount larger than the interest the plan
 * charges: the cap keeps the payoff at or above the open principal (on the day a plan opens, the
 * payoff is the financed amount). Installments already due are owed in full.
 * `installments` are all of the plan's, in order (paid ones too: they place the table).
 */
export function earlyPayoff(
  plan: { financedCents: Cents; monthlyRatePercent: number; installments: readonly PayoffInstallment[] },
  asOf: string,
): Payoff {
  const table = amortisation(
    plan.financedCents,
    plan.installments.map((i) => i.amountCents),
    plan.monthlyRatePercent,
  );
  const lines: PayoffLine[] = [];
  plan.installments.forEach((inst, k) => {
    const openCents = Math.max(0, inst.amountCents - inst.paidCents);
    if (!inst.open || openCents <= 0) return;
    const interest = table[k]?.interestCents ?? 0;
    const openInterestCents = Math.min(openCents, Math.max(0, interest - inst.paidCents));
    const overdue = inst.dueDate < asOf;
    const presentDiscount = overdue
      ? 0
      : openCents - presentValue(openCents, inst.dueDate, asOf, plan.monthlyRatePercent);
    lines.push({
      dueDate: inst.dueDate,
      openCents,
      openPrincipalCents: openCents - openInterestCents,
      openInterestCents,
      presentDiscountCents: Math.max(0, presentDiscount),
      overdue,
    });
  });
  const sum = (pick: (l: PayoffLine) => number) => lines.reduce((s, l) => s + pick(l), 0);
  const installmentsCents = sum((l) => l.openCents);
  const futureInterestCents = sum((l) => (l.overdue ? 0 : l.openInterestCents));
  const discountCents = Math.min(
    sum((l) => l.presentDiscountCents),
    futureInterestCents,
  );
  return {
    lines,
    installmentsCents,
    openPrincipalCents: sum((l) => l.openPrincipalCents),
    futureInterestCents,
    discountCents,
    totalCents: installmentsCents - discountCents,
  };
}
