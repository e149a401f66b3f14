import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src-main/clock';
import { figures, m2, resolvePeriod, startOfDayInstant } from '../../src-main/modules/reports/service';
import { AppError } from '../../src-shared/errors';

/** The reports' own period arithmetic on top of `domain/periods.ts`: the shop's zone, custom periods, derived figures. */
describe('report periods in the shop’s time zone', () => {
  it('a preset is taken on the shop’s today, not UTC’s', () => {
    // 02:00 UTC on 1 December is still 30 November (23:00) in São Paulo.
    const clock = manualClock('2026-12-01T02:00:00Z');
    expect(resolvePeriod({ clock }, { preset: 'mes' })).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(resolvePeriod({ clock }, { preset: 'semana' })).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(resolvePeriod({ clock }, { preset: 'hoje' })).toEqual({ from: '2026-11-30', to: '2026-11-30' });
    expect(resolvePeriod({ clock }, { preset: 'mes_passado' })).toEqual({ from: '2026-10-01', to: '2026-10-31' });
  });

  it('a Sunday belongs to the week that started on the Monday before', () => {
    const clock = manualClock('2026-11-29T15:00:00Z');
    expect(resolvePeriod({ clock }, { preset: 'semana' })).toEqual({ from: '2026-11-23', to: '2026-11-29' });
  });

  it('personalizado needs both dates, in order, at most ten years', () => {
    const clock = manualClock('2026-11-24T13:00:00Z');
    const fields = (input: { from?: string; to?: string }) => {
      try {
        resolvePeriod({ clock }, { preset: 'personalizado', ...input });
        return null;
      } catch (err) {
        expect(err).toBeInstanceOf(AppError);
        return Object.keys((err as AppError).fields ?? {});
      }
    };
    expect(fields({ from: '2026-02-01', to: '2026-02-28' })).toBeNull();
    expect(fields({ from: '2026-02-01' })).toEqual(['to']);
    expect(fields({})).toEqual(['from', 'to']);
    expect(fields({ from: '2026-03-01', to: '2026-02-28' })).toEqual(['to']);
    expect(fields({ from: '2010-01-01', to: '2026-01-01' })).toEqual(['to']);
  });

  it('the instant a business day starts, across offsets and daylight saving', () => {
    expect(startOfDayInstant('2026-11-24', 'America/Sao_Paulo')).toBe('2026-11-24T03:00:00.000Z');
    expect(startOfDayInstant('2026-03-08', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfDayInstant('2026-03-09', 'America/New_York')).toBe('2026-03-09T04:00:00.000Z');
    expect(startOfDayInstant('2026-11-02', 'America/New_York')).toBe('2026-11-02T05:00:00.000Z');
    expect(startOfDayInstant('2026-06-01', 'Asia/Kolkata')).toBe('2026-05-31T18:30:00.000Z');
    expect(startOfDayInstant('2026-06-01', 'UTC')).toBe('2026-06-01T00:00:00.000Z');
  });
});

describe('derived figures', () => {
  it('profit is items − discount − cost; ticket is sales per order; m² from mm² with two decimals', () => {
    const f = figures({
      orders: 3,
      lines: 4,
      quantity: 9,
      areaMm2: 12_345_678,
      salesCents: 100_001,
      itemsCents: 99_000,
      discountCents: 1000,
      freightCents: 2001,
      costCents: 40_000,
    });
    expect(f.profitCents).toBe(58_000);
    expect(f.ticketCents).toBe(33_334);
    expect(f.areaM2).toBe(12.35);
    expect(m2(0)).toBe(0);
    expect(figures({ ...f, areaMm2: 0, orders: 0 }).ticketCents).toBe(0);
  });
});
