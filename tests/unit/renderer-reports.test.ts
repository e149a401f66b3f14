import { describe, expect, it } from 'vitest';
import { formatM2, growth, int, money } from '../../src-renderer/pages/reports/format';

describe('reports: numbers as the screens show them (pt-BR)', () => {
  it('growth against a base, signed, one decimal; nothing to compare with is a dash', () => {
    expect(growth(53_980, 49_500)).toBe('+9,1%');
    expect(growth(49_500, 53_980)).toBe('−8,3%');
    expect(growth(100, 100)).toBe('0,0%');
    expect(growth(100, 0)).toBe('—');
    expect(growth(undefined, 10)).toBe('—');
    // A loss turning into a profit grows against the size of the loss.
    expect(growth(50, -100)).toBe('+150,0%');
  });

  it('m², money and counts; a missing value (no permission) is a dash', () => {
    expect(formatM2(1234.5)).toBe('1.234,50 m²');
    expect(formatM2(undefined)).toBe('—');
    expect(money(103_480)).toBe('R$ 1.034,80');
    expect(money(undefined)).toBe('—');
    expect(int(12_345)).toBe('12.345');
    expect(int(null)).toBe('—');
  });
});
