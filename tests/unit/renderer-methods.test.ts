import { describe, expect, it } from 'vitest';
import { defaultMethodId } from '../../src-renderer/components/finance/methods';
import type { PaymentMethod } from '../../src-renderer/lib/finance';

const method = (id: number, name: string, kind: PaymentMethod['kind']): PaymentMethod => ({
  id,
  name,
  kind,
  active: true,
  createdAt: '2026-11-24T13:00:00.000Z',
  updatedAt: '2026-11-24T13:00:00.000Z',
  version: 1,
});

describe('the receive dialogs start on the shop’s most used method', () => {
  const methods = [method(5, 'Boleto', 'boleto'), method(1, 'Dinheiro', 'dinheiro'), method(2, 'Pix', 'pix')];
  it('takes the server’s preferred method when it is offered', () => {
    expect(defaultMethodId(methods, 2)).toBe('2');
  });
  it('falls back to Dinheiro (not the first in the list, Boleto) without a preference', () => {
    expect(defaultMethodId(methods, null)).toBe('1');
    expect(defaultMethodId(methods, 99)).toBe('1');
    expect(defaultMethodId([method(5, 'Boleto', 'boleto')], null)).toBe('5');
    expect(defaultMethodId([], null)).toBe('');
  });
});
