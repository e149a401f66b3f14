import type { OutputOf } from '../../src-shared/contract';
import type { PaymentState } from '../../src-shared/domain/payment-state';

/**
 * Money fields of an order arrive only for roles with `money.read` (production gets none): the
 * contract marks them optional, so the screens ask here once and hide the money when it is absent.
 */
interface SummaryMoneyFields {
  itemsTotalCents?: number | undefined;
  totalCents?: number | undefined;
  paidCents?: number | undefined;
  financedCents?: number | undefined;
  balanceCents?: number | undefined;
  paymentState?: PaymentState | undefined;
  creditOpenCents?: number | undefined;
}

export interface OrderMoney {
  itemsTotalCents: number;
  totalCents: number;
  paidCents: number;
  financedCents: number;
  balanceCents: number;
  paymentState: PaymentState;
  /** Still owed on the order's crediário plans. */
  creditOpenCents: number;
}

/** The order's money, or null when this user may not see it (any field missing counts as hidden). */
export function orderMoney(o: SummaryMoneyFields): OrderMoney | null {
  const { itemsTotalCents, totalCents, paidCents, financedCents, balanceCents, paymentState } = o;
  if (
    itemsTotalCents === undefined ||
    totalCents === undefined ||
    paidCents === undefined ||
    financedCents === undefined ||
    balanceCents === undefined ||
    paymentState === undefined
  )
    return null;
  return {
    itemsTotalCents,
    totalCents,
    paidCents,
    financedCents,
    balanceCents,
    paymentState,
    creditOpenCents: o.creditOpenCents ?? 0,
  };
}

/** Order-detail extras (freight, discount), or null when hidden. */
export function orderCharges(o: { freightCents?: number | undefined; discountCents?: number | undefined }): {
  freightCents: number;
  discountCents: number;
} | null {
  return o.freightCents === undefined || o.discountCents === undefined
    ? null
    : { freightCents: o.freightCents, discountCents: o.discountCents };
}

/** Sorts that reveal money are offered only to who sees it. */
export function visibleSorts<S extends string>(sorts: readonly S[], seesMoney: boolean): S[] {
  return sorts.filter((s) => seesMoney || !/cents/i.test(s));
}

export type Customer = OutputOf<'customers.get'>;
export type CustomerAddress = NonNullable<Customer['address']>;

/** The empty address: what a customer's address is for a user who may not see it. */
export const NO_ADDRESS: CustomerAddress = {
  cep: null,
  street: null,
  number: null,
  complement: null,
  district: null,
  city: null,
  state: null,
};
