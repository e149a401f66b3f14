import { describe, expect, it } from 'vitest';
import { daysBetween } from '../../src-shared/domain/credit';
import { businessDateOf } from '../../src-shared/domain/dates';
import {
  bucketKey,
  bucketLabel,
  buckets,
  endOfMonth,
  isoWeekday,
  lastDays,
  lastMonths,
  monthToDate,
  type PeriodPreset,
  presetPeriod,
  previousPeriod,
  sameDaysLastMonth,
  samePeriodLastYear,
  startOfWeek,
  validatePeriod,
} from '../../src-shared/domain/periods';

describe('weeks start on Monday', () => {
  it.each([
    ['2026-11-02', 1], // segunda
    ['2026-11-08', 7], // domingo
    ['2026-01-01', 4], // quinta
  ])('%s is weekday %i', (date, wd) => expect(isoWeekday(date)).toBe(wd));

  it.each([
    ['2026-01-01', '2025-12-29'], // across the year boundary
    ['2026-01-04', '2025-12-29'], // Sunday still in that week
    ['2026-01-05', '2026-01-05'],
    ['2024-03-03', '2024-02-26'], // across a leap February
    ['2027-01-03', '2026-12-28'],
  ])('the week of %s starts %s', (date, monday) => expect(startOfWeek(date)).toBe(monday));

  it('semana preset across a year boundary', () => {
    expect(presetPeriod('semana', '2026-01-01')).toEqual({ from: '2025-12-29', to: '2026-01-04' });
    expect(presetPeriod('semana', '2025-12-29')).toEqual({ from: '2025-12-29', to: '2026-01-04' });
  });
});

describe('presets', () => {
  it.each<[PeriodPreset, string, string, string]>([
    ['hoje', '2026-11-05', '2026-11-05', '2026-11-05'],
    ['semana', '2026-11-05', '2026-11-02', '2026-11-08'],
    ['mes', '2026-11-05', '2026-11-01', '2026-11-30'],
    ['mes', '2024-02-10', '2024-02-01', '2024-02-29'],
    ['mes', '2025-02-10', '2025-02-01', '2025-02-28'],
    ['mes_passado', '2026-11-05', '2026-10-01', '2026-10-31'],
    ['mes_passado', '2026-03-31', '2026-02-01', '2026-02-28'],
    ['mes_passado', '2024-03-31', '2024-02-01', '2024-02-29'],
    ['mes_passado', '2026-01-15', '2025-12-01', '2025-12-31'],
    ['ano', '2026-11-05', '2026-01-01', '2026-12-31'],
  ])('%s on %s is %s..%s', (preset, today, from, to) => {
    expect(presetPeriod(preset, today)).toEqual({ from, to });
  });

  it('personalizado validates from and to', () => {
    expect(presetPeriod('personalizado', '2026-11-05', { from: '2026-10-10', to: '2026-10-20' })).toEqual({
      from: '2026-10-10',
      to: '2026-10-20',
    });
    expect(presetPeriod('personalizado', '2026-11-05', { from: '2026-10-10', to: '2026-10-10' }).to).toBe('2026-10-10');
    expect(() => presetPeriod('personalizado', '2026-11-05')).toThrow(RangeError);
    expect(() => presetPeriod('personalizado', '2026-11-05', { from: '2026-10-20', to: '2026-10-10' })).toThrow(
      RangeError,
    );
    expect(() => presetPeriod('personalizado', '2026-11-05', { from: '2025-02-29', to: '2025-03-10' })).toThrow(
      RangeError,
    );
    expect(() => validatePeriod({ from: '2026-1-1', to: '2026-01-02' })).toThrow(RangeError);
    expect(() => presetPeriod('hoje', '2026-13-01')).toThrow(RangeError);
  });

  it("today is the shop's date, not UTC's", () => {
    // 02:00 UTC on 1 Jan 2026 is still 31 Dec 2025, 23:00, in São Paulo.
    const today = businessDateOf(new Date('2026-01-01T02:00:00Z'), 'America/Sao_Paulo');
    expect(today).toBe('2025-12-31');
    expect(presetPeriod('ano', today)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(presetPeriod('mes', today)).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetPeriod('semana', today)).toEqual({ from: '2025-12-29', to: '2026-01-04' });
    expect(businessDateOf(new Date('2026-01-01T03:00:00Z'), 'America/Sao_Paulo')).toBe('2026-01-01');
  });
});

describe('previous period', () => {
  it.each([
    // whole months → calendar months before
    ['2026-03-01', '2026-03-31', '2026-02-01', '2026-02-28'],
    ['2024-03-01', '2024-03-31', '2024-02-01', '2024-02-29'],
    ['2026-02-01', '2026-02-28', '2026-01-01', '2026-01-31'],
    ['2026-01-01', '2026-01-31', '2025-12-01', '2025-12-31'],
    ['2026-05-01', '2026-06-30', '2026-03-01', '2026-04-30'], // two months → the two before
    ['2026-01-01', '2026-12-31', '2025-01-01', '2025-12-31'], // a year
    // other periods → the same number of days just before
    ['2026-11-05', '2026-11-05', '2026-11-04', '2026-11-04'],
    ['2026-01-05', '2026-01-11', '2025-12-29', '2026-01-04'], // a week across the year boundary
    ['2026-03-01', '2026-03-15', '2026-02-14', '2026-02-28'],
    ['2024-03-01', '2024-03-30', '2024-01-31', '2024-02-29'], // 30 days
  ])('%s..%s → %s..%s', (from, to, pf, pt) => {
    expect(previousPeriod({ from, to })).toEqual({ from: pf, to: pt });
  });

  it('a non-month period keeps its length and ends the day before', () => {
    const p = { from: '2026-10-07', to: '2026-11-05' };
    const prev = previousPeriod(p);
    expect(daysBetween(prev.from, prev.to)).toBe(daysBetween(p.from, p.to));
    expect(daysBetween(prev.to, p.from)).toBe(1);
  });

  it('last 30 days against the previous 30', () => {
    const p = lastDays('2026-03-10', 30);
    expect(p).toEqual({ from: '2026-02-09', to: '2026-03-10' });
    expect(previousPeriod(p)).toEqual({ from: '2026-01-10', to: '2026-02-08' });
  });
});

describe('same period last year', () => {
  it.each([
    ['2026-11-01', '2026-11-30', '2025-11-01', '2025-11-30'],
    ['2024-02-29', '2024-02-29', '2023-02-28', '2023-02-28'], // 29 Feb → 28 Feb
    ['2024-02-01', '2024-02-29', '2023-02-01', '2023-02-28'],
    ['2025-02-01', '2025-02-28', '2024-02-01', '2024-02-29'], // a whole February stays whole
    ['2024-02-10', '2024-03-05', '2023-02-10', '2023-03-05'],
    ['2026-01-01', '2026-12-31', '2025-01-01', '2025-12-31'],
    ['2025-12-29', '2026-01-04', '2024-12-29', '2025-01-04'],
  ])('%s..%s → %s..%s', (from, to, pf, pt) => {
    expect(samePeriodLastYear({ from, to })).toEqual({ from: pf, to: pt });
  });
});

describe('same days of last month (month to date)', () => {
  it.each([
    ['2026-03-15', '2026-02-01', '2026-02-15'],
    ['2026-03-31', '2026-02-01', '2026-02-28'], // clamped at month end
    ['2024-03-31', '2024-02-01', '2024-02-29'], // leap year
    ['2026-03-29', '2026-02-01', '2026-02-28'],
    ['2026-05-31', '2026-04-01', '2026-04-30'],
    ['2026-01-10', '2025-12-01', '2025-12-10'], // across the year
    ['2026-11-01', '2026-10-01', '2026-10-01'],
  ])('%s → %s..%s', (today, from, to) => {
    expect(sameDaysLastMonth(today)).toEqual({ from, to });
  });
  it('month to date', () => expect(monthToDate('2026-03-15')).toEqual({ from: '2026-03-01', to: '2026-03-15' }));
});

describe('last months', () => {
  it('last 12 months end today and start the day after the same date a year ago', () => {
    expect(lastMonths('2026-11-05', 12)).toEqual({ from: '2025-11-06', to: '2026-11-05' });
    expect(lastMonths('2024-02-29', 12)).toEqual({ from: '2023-03-01', to: '2024-02-29' });
    expect(() => lastMonths('2026-11-05', 0)).toThrow(RangeError);
    expect(() => lastDays('2026-11-05', 1.5)).toThrow(RangeError);
  });
});

describe('month ends', () => {
  it.each([
    ['2024-02-10', '2024-02-29'],
    ['2025-02-10', '2025-02-28'],
    ['2000-02-01', '2000-02-29'], // divisible by 400
    ['2100-02-01', '2100-02-28'], // divisible by 100
    ['2026-04-30', '2026-04-30'],
    ['2026-12-01', '2026-12-31'],
  ])('%s → %s', (date, end) => expect(endOfMonth(date)).toBe(end));
});

describe('buckets', () => {
  it('keys and labels', () => {
    expect(bucketKey('2026-11-05', 'dia')).toBe('2026-11-05');
    expect(bucketKey('2026-11-05', 'semana')).toBe('2026-11-02');
    expect(bucketKey('2026-11-05', 'mes')).toBe('2026-11-01');
    expect(bucketLabel('2026-11-02', 'semana')).toBe('sem. 02/11');
    expect(bucketLabel('2026-11-01', 'mes')).toBe('nov/2026');
    expect(bucketLabel('2026-11-05', 'dia')).toBe('05/11');
    expect(bucketLabel('2026-11-02', 'semana', 'en')).toBe('wk 11/02');
    expect(bucketLabel('2026-11-01', 'mes', 'en')).toBe('Nov 2026');
  });

  it('days', () => {
    const b = buckets({ from: '2024-02-27', to: '2024-03-02' }, 'dia');
    expect(b.map((x) => x.key)).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02']);
    expect(b.every((x) => !x.partial && x.from === x.key && x.to === x.key)).toBe(true);
  });

  it('months cut at the ends of the range', () => {
    const b = buckets({ from: '2025-11-15', to: '2026-02-10' }, 'mes');
    expect(b.map((x) => [x.key, x.from, x.to, x.partial, x.label])).toEqual([
      ['2025-11-01', '2025-11-15', '2025-11-30', true, 'nov/2025'],
      ['2025-12-01', '2025-12-01', '2025-12-31', false, 'dez/2025'],
      ['2026-01-01', '2026-01-01', '2026-01-31', false, 'jan/2026'],
      ['2026-02-01', '2026-02-01', '2026-02-10', true, 'fev/2026'],
    ]);
  });

  it('a 12-month range by week: Mondays, contiguous, covering the range exactly', () => {
    const range = { from: '2025-12-01', to: '2026-11-30' };
    const b = buckets(range, 'semana');
    expect(b[0]).toMatchObject({ key: '2025-12-01', from: '2025-12-01', to: '2025-12-07', partial: false });
    expect(b.at(-1)).toMatchObject({ key: '2026-11-30', from: '2026-11-30', to: '2026-11-30', partial: true });
    expect(b.length).toBe(53);
    for (const x of b) {
      expect(isoWeekday(x.key)).toBe(1);
      expect(x.label).toBe(`sem. ${x.key.slice(8, 10)}/${x.key.slice(5, 7)}`);
    }
    for (let i = 1; i < b.length; i++) expect(daysBetween(b[i - 1]!.to, b[i]!.from)).toBe(1);
    const covered = b.reduce((n, x) => n + daysBetween(x.from, x.to) + 1, 0);
    expect(covered).toBe(daysBetween(range.from, range.to) + 1);
    // the week across the year boundary is one bucket
    expect(b.find((x) => x.from <= '2026-01-01' && x.to >= '2026-01-01')).toMatchObject({
      key: '2025-12-29',
      to: '2026-01-04',
      label: 'sem. 29/12',
    });
  });

  it('a range starting mid-week starts with a cut week keyed by its Monday', () => {
    const b = buckets({ from: '2026-01-01', to: '2026-01-12' }, 'semana');
    expect(b.map((x) => [x.key, x.from, x.to, x.partial])).toEqual([
      ['2025-12-29', '2026-01-01', '2026-01-04', true],
      ['2026-01-05', '2026-01-05', '2026-01-11', false],
      ['2026-01-12', '2026-01-12', '2026-01-12', true],
    ]);
  });

  it('every date maps into the bucket listed for it', () => {
    const range = { from: '2024-01-01', to: '2024-12-31' };
    for (const g of ['dia', 'semana', 'mes'] as const) {
      const b = buckets(range, g);
      const byKey = new Map(b.map((x) => [x.key, x]));
      for (const date of ['2024-01-01', '2024-02-29', '2024-07-15', '2024-12-31']) {
        const x = byKey.get(bucketKey(date, g));
        expect(x && date >= x.from && date <= x.to).toBe(true);
      }
    }
    expect(buckets(range, 'dia').length).toBe(366);
    expect(buckets(range, 'mes').length).toBe(12);
  });
});
