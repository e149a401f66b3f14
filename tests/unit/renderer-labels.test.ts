import { describe, expect, it } from 'vitest';
import { type UiKey, uiEn, uiPtBR } from '../../src-renderer/i18n/messages';
import { INSTALLMENT_STATUSES, PAYMENT_ENTRY_KINDS, PlanStatus } from '../../src-shared/contract/finance';
import { ORDER_STATUSES } from '../../src-shared/contract/orders';
import { PAYMENT_KINDS, PRODUCT_UNITS } from '../../src-shared/contract/registries';
import { PAYMENT_STATES } from '../../src-shared/domain/payment-state';

/** Every enum value the UI shows, with the label family it goes through. */
const families: Array<[string, readonly string[]]> = [
  ['orders.payment', PAYMENT_STATES],
  ['finance.state', PAYMENT_STATES],
  ['finance.kind', PAYMENT_ENTRY_KINDS],
  ['credit.status', INSTALLMENT_STATUSES],
  ['credit.planStatus', PlanStatus.options],
  ['finance.orderStatus', ORDER_STATUSES],
  ['orders.status', ORDER_STATUSES],
  ['orders.priority', ['NORMAL', 'ALTA']],
  ['registry.paymentKind', PAYMENT_KINDS],
  ['registry.unit', PRODUCT_UNITS],
  ['registry.finishUnit', PRODUCT_UNITS],
];

describe('enum values are written as words a person reads', () => {
  it.each(families)('%s: a label in pt-BR and en for each value, never the raw value in capitals', (family, values) => {
    for (const value of values) {
      const key = `${family}.${value}` as UiKey;
      expect(uiPtBR[key], key).toBeTruthy();
      expect(uiEn[key], key).toBeTruthy();
      for (const label of [uiPtBR[key], uiEn[key]]) {
        // "PIX", "ALTA", "HIGH": shouting enum values; "m²" and short units are fine.
        expect(label.length > 2 && label === label.toUpperCase() && /[A-Z]/.test(label), `${key} = ${label}`).toBe(
          false,
        );
        expect(label, key).not.toBe(value);
      }
    }
  });

  it('the payment states read as people say them', () => {
    expect(uiPtBR['orders.payment.no_crediario']).toBe('No crediário');
    expect(uiPtBR['orders.payment.sem_valor']).toBe('Sem valor');
    expect(uiPtBR['registry.paymentKind.pix']).toBe('Pix');
    expect(uiPtBR['orders.priority.ALTA']).toBe('Alta');
  });
});
