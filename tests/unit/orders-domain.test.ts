import { describe, expect, it } from 'vitest';
import {
  canMoveTo,
  canToggleStage,
  currentStage,
  statusFromStages,
  toggleStages,
} from '../../src-shared/domain/order-status';
import { areaM2, divRoundHalfUp, itemTotalCents, missingMeasures } from '../../src-shared/domain/pricing';
import { msg, t } from '../../src-shared/i18n';

const stages = (done: number) =>
  ['financeiro', 'conferencia', 'impressao', 'acabamento', 'expedicao'].map((key, i) => ({ key, done: i < done }));

describe('item pricing', () => {
  it.each([
    // unit, price, qty, w, h, extras, expected
    ['m2', 4500, 2, 3000, 1200, [], 32_400],
    ['m2', 4501, 1, 333, 333, [], 499], // 499.11 → 499
    ['m2', 1000, 1, 1500, 1001, [], 1502], // 1501.5 → 1502 (half up)
    ['m2', 999, 3, 1234, 567, [], 2097], // 2096.9… → 2097
    ['m', 2500, 2, 1500, null, [], 7500],
    ['un', 3990, 10, null, null, [], 39_900],
    ['un', 1000, 1, null, null, [{ quantity: 16, unitPriceCents: 50 }], 1800],
  ] as const)('%s R$%i × %i (%s × %s) → %i', (unit, price, quantity, w, h, extras, expected) => {
    expect(itemTotalCents({ unit, unitPriceCents: price, quantity, widthMm: w, heightMm: h, extras })).toBe(expected);
  });
  it('stays exact for large areas and quantities', () => {
    expect(
      itemTotalCents({ unit: 'm2', unitPriceCents: 999_999, quantity: 1000, widthMm: 10_000, heightMm: 10_000 }),
    ).toBe(99_999_900_000);
    expect(divRoundHalfUp(5n, 2n)).toBe(3);
    expect(divRoundHalfUp(4n, 3n)).toBe(1);
  });
  it('areas and missing measures', () => {
    expect(areaM2(3000, 1200)).toBe(3.6);
    expect(areaM2(null, 1200)).toBeNull();
    expect(missingMeasures('m2', 1000, null)).toEqual(['heightMm']);
    expect(missingMeasures('m', null, null)).toEqual(['widthMm']);
    expect(missingMeasures('un', null, null)).toEqual([]);
  });
});

describe('order status machine', () => {
  it('derives the status and current stage from the stages', () => {
    expect(statusFromStages(stages(0))).toBe('pendente');
    expect(statusFromStages(stages(1))).toBe('em_producao');
    expect(statusFromStages(stages(5))).toBe('pronto');
    expect(currentStage(stages(2))).toBe('impressao');
    expect(currentStage(stages(5))).toBeNull();
  });
  it('stages go in order, and undoing one undoes the later ones', () => {
    expect(canToggleStage('pendente', 'pedido', stages(0), 'impressao', true)).toEqual({
      ok: false,
      reason: msg('orders.move.previousStage', { stage: 'financeiro' }),
    });
    expect(canToggleStage('pendente', 'pedido', stages(0), 'financeiro', true)).toEqual({ ok: true });
    expect(toggleStages(stages(4), 'financeiro', false).every((s) => !s.done)).toBe(true);
    expect(toggleStages(stages(2), 'impressao', true).filter((s) => s.done)).toHaveLength(3);
  });
  it('refuses moves that make no sense, saying why', () => {
    expect(canToggleStage('pendente', 'orcamento', stages(0), 'financeiro', true).ok).toBe(false);
    expect(canToggleStage('entregue', 'pedido', stages(5), 'expedicao', false).ok).toBe(false);
    const notReady = canMoveTo('em_producao', 'entregue');
    expect(notReady.ok).toBe(false);
    if (!notReady.ok)
      expect(t(notReady.reason.key, notReady.reason.params, 'pt-BR')).toMatch(/^Só um pedido pronto.*em produção/);
    if (!notReady.ok) expect(t(notReady.reason.key, notReady.reason.params, 'en')).toMatch(/this one is in production/);
    expect(canMoveTo('pronto', 'entregue')).toEqual({ ok: true });
    expect(canMoveTo('pronto', 'cancelado', '  ')).toMatchObject({
      ok: false,
      reason: msg('orders.move.reasonRequired'),
    });
    expect(canMoveTo('entregue', 'cancelado', 'x').ok).toBe(false);
    expect(canMoveTo('cancelado', 'cancelado', 'x').ok).toBe(false);
    expect(canMoveTo('pendente', 'cancelado', 'Cliente desistiu')).toEqual({ ok: true });
  });
});
