import { describe, expect, it } from 'vitest';
import { orderBalanceCents, PAYMENT_STATE_LABELS, paymentState } from '../../src-shared/domain/payment-state';

const o = (totalCents: number, paidCents: number, financedCents: number, creditOpenCents: number) => ({
  totalCents,
  paidCents,
  financedCents,
  creditOpenCents,
});

describe('paymentState', () => {
  it('a financed order with installments still open is "no_crediario", never "pago"', () => {
    expect(paymentState(o(100_000, 0, 100_000, 106_327))).toBe('no_crediario');
    expect(paymentState(o(130_00, 30_00, 100_00, 1))).toBe('no_crediario');
  });
  it('"pago" only when nothing is owed on the order nor on its plans', () => {
    expect(paymentState(o(100_000, 0, 100_000, 0))).toBe('pago');
    expect(paymentState(o(12_000, 12_000, 0, 0))).toBe('pago');
  });
  it('a zero-total order is "sem_valor"', () => {
    expect(paymentState(o(0, 0, 0, 0))).toBe('sem_valor');
  });
  it('em aberto and parcial by what was received or financed', () => {
    expect(paymentState(o(12_000, 0, 0, 0))).toBe('em_aberto');
    expect(paymentState(o(12_000, 5000, 0, 0))).toBe('parcial');
    expect(paymentState(o(12_000, 0, 5000, 5000))).toBe('parcial');
    expect(orderBalanceCents(o(12_000, 5000, 2000, 0))).toBe(5000);
  });
  it('every state has a pt-BR label', () => {
    expect(PAYMENT_STATE_LABELS.no_crediario).toBe('No crediário');
  });
});
