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
