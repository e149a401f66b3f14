/**
 * Period arithmetic for reports, on business dates ('YYYY-MM-DD' in the shop's time zone; the caller
 * turns "now" into today with `businessDateOf(now, timeZone)`). A period is inclusive at both ends.
 * Weeks start on Monday (ISO-like); months are calendar months. No I/O, no clock.
 */

import type { Locale } from '../i18n';
import { addDays, addMonths, daysBetween } from './credit';
import { daysInMonth, isValidBusinessDate } from './dates';

export interface Period {
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

export const PERIOD_PRESETS = ['hoje', 'semana', 'mes', 'mes_passado', 'ano', 'personalizado'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export type Granularity = 'dia' | 'semana' | 'mes';

const parts = (date: string) => date.split('-').map(Number) as [number, number, number];
const pad = (n: number) => String(n).padStart(2, '0');
const fmt = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function assertDate(date: string, name = 'date'): void {
  if (!isValidBusinessDate(date)) throw new RangeError(`${name} must be a valid YYYY-MM-DD date: ${date}`);
}

/** Day of the week with Monday = 1 … Sunday = 7 (ISO). */
export function isoWeekday(date: string): number {
  const [y, m, d] = parts(date);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The Monday on or before the date (it may fall in the previous month or year). */
export const startOfWeek = (date: string): string => addDays(date, 1 - isoWeekday(date));
export const endOfWeek = (date: string): string => addDays(startOfWeek(date), 6);
export const startOfMonth = (date: string): string => `${date.slice(0, 7)}-01`;
export function endOfMonth(date: string): string {
  const [y, m] = parts(date);
  return fmt(y, m, daysInMonth(y, m));
}
export const isMonthStart = (date: string): boolean => date.endsWith('-01');
export const isMonthEnd = (date: string): boolean => endOfMonth(date) === date;

/** Number of days in a period (both ends count). */
export const periodDays = (p: Period): number => daysBetween(p.from, p.to) + 1;

/** Validates a period: two real dates, `from` not after `to`. Returns it unchanged or throws RangeError. */
export function validatePeriod(p: Period): Period {
  assertDate(p.from, 'from');
  assertDate(p.to, 'to');
  if (p.from > p.to) throw new RangeError(`from (${p.from}) is after to (${p.to})`);
  return { from: p.from, to: p.to };
}

/**
 * The period a preset means on `today`. Presets are whole calendar periods (the whole week Monday–Sunday,
 * the whole month, the whole year), even when part of them is still in the future — there is simply no
 * data there yet; use `sameDaysLastMonth` for month-to-date comparisons. `personalizado` needs
 * `custom`, validated.
 */
export function presetPeriod(preset: PeriodPreset, today: string, custom?: Period): Period {
  assertDate(today, 'today');
  switch (preset) {
    case 'hoje':
      return { from: today, to: today };
    case 'semana':
      return { from: startOfWeek(today), to: endOfWeek(today) };
    case 'mes':
      return { from: startOfMonth(today), to: endOfMonth(today) };
    case 'mes_passado': {
      const last = addMonths(startOfMonth(today), -1);
      return { from: last, to: endOfMonth(last) };
    }
    case 'ano':
      return { from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` };
    case 'personalizado':
      if (!custom) throw new RangeError('personalizado needs from and to');
      return validatePeriod(custom);
  }
}

/** True when the period is made of whole calendar months (starts on a 1st, ends on a month's last day). */
export const isWholeMonths = (p: Period): boolean => isMonthStart(p.from) && isMonthEnd(p.to);

function monthIndex(date: string): number {
  const [y, m] = parts(date);
  return y * 12 + m - 1;
}

/**
 * Shifts a period by whole months. Days past the target month's end clamp to it (31/03 → 28 or 29/02,
 * 29/02 → 28/02) and an end that is a month's last day stays a month's last day (28/02/2025 − 12 → 29/02/2024).
 */
export function shiftMonths(p: Period, months: number): Period {
  const to = isMonthEnd(p.to) ? endOfMonth(addMonths(startOfMonth(p.to), months)) : addMonths(p.to, months);
  return { from: addMonths(p.from, months), to };
}

/**
 * The previous period of the same length: for whole calendar months, the same number of calendar months
 * before (March → February 1–28/29; a year → the previous year); otherwise the same number of days
 * immediately before (a week → the previous week; the 1st–15th → the 15 days before the 1st).
 */
export function previousPeriod(p: Period): Period {
  validatePeriod(p);
  if (isWholeMonths(p)) return shiftMonths(p, -(monthIndex(p.to) - monthIndex(p.from) + 1));
  const length = periodDays(p);
  return { from: addDays(p.from, -length), to: addDays(p.from, -1) };
}

/** The same dates one year earlier (29/02 → 28/02; a whole February → the whole February). */
export function samePeriodLastYear(p: Period): Period {
  validatePeriod(p);
  return shiftMonths(p, -12);
}

/**
 * Month-to-date comparison: the 1st to today's day of last month, clamped at that month's end
 * (31/03 → 01/02–28/02; 15/03 → 01/02–15/02).
 */
export function sameDaysLastMonth(today: string): Period {
  assertDate(today, 'today');
  const from = addMonths(startOfMonth(today), -1);
  return { from, to: addMonths(today, -1) };
}

/** Month-to-date: the 1st of today's month to today. */
export const monthToDate = (today: string): Period => ({ from: startOfMonth(today), to: today });

/** The `days` days ending today (30 → today and the 29 days before it). */
export function lastDays(today: string, days: number): Period {
  assertDate(today, 'today');
  if (!Number.isInteger(days) || days < 1) throw new RangeError('days must be a positive integer');
  return { from: addDays(today, 1 - days), to: today };
}

/** The `months` months ending today: from the day after the same date `months` months ago (last 12 months). */
export function lastMonths(today: string, months: number): Period {
  assertDate(today, 'today');
  if (!Number.isInteger(months) || months < 1) throw new RangeError('months must be a positive integer');
  return { from: addDays(addMonths(today, -months), 1), to: today };
}

/** Whether a date falls inside a period. */
export const inPeriod = (date: string, p: Period): boolean => date >= p.from && date <= p.to;

/** The key of the bucket a date falls in: the date itself, its week's Monday, or its month's 1st. */
export function bucketKey(date: string, granularity: Granularity): string {
  if (granularity === 'dia') return date;
  if (granularity === 'semana') return startOfWeek(date);
  return startOfMonth(date);
}

const MONTHS_PT = ['jan', 'fev', 'mar', 'abr', 'mai', 'jun', 'jul', 'ago', 'set', 'out', 'nov', 'dez'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A bucket's label: pt-BR "02/11", "sem. 02/11", "nov/2026"; en "11/02", "wk 11/02", "Nov 2026". */
export function bucketLabel(key: string, granularity: Granularity, locale: Locale = 'pt-BR'): string {
  const [y, m, d] = parts(key);
  const en = locale === 'en';
  if (granularity === 'mes') return en ? `${MONTHS_EN[m - 1]} ${y}` : `${MONTHS_PT[m - 1]}/${y}`;
  const day = en ? `${pad(m)}/${pad(d)}` : `${pad(d)}/${pad(m)}`;
  return granularity === 'semana' ? `${en ? 'wk' : 'sem.'} ${day}` : day;
}

export interface Bucket {
  /** The bucket's own start (a Monday for weeks, a 1st for months), as `bucketKey` gives. */
  key: string;
  /** The part of the bucket inside the range (the first and last buckets may be cut). */
  from: string;
  to: string;
  /** True when the range cuts the bucket. */
  partial: boolean;
  label: string;
}

/** The buckets covering a range in order, contiguous, each clamped to the range. */
export function buckets(range: Period, granularity: Granularity, locale: Locale = 'pt-BR'): Bucket[] {
  validatePeriod(range);
  const out: Bucket[] = [];
  let key = bucketKey(range.from, granularity);
  while (key <= range.to) {
    const end = granularity === 'dia' ? key : granularity === 'semana' ? addDays(key, 6) : endOfMonth(key);
    const from = key < range.from ? range.from : key;
    const to = end > range.to ? range.to : end;
    out.push({ key, from, to, partial: from !== key || to !== end, label: bucketLabel(key, granularity, locale) });
    key = granularity === 'mes' ? addMonths(key, 1) : addDays(end, 1);
  }
  return out;
}
