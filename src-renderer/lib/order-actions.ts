import type { OutputOf } from '../../src-shared/contract';

type Order = OutputOf<'orders.get'>;

export interface OrderActionRights {
  write: boolean;
  delete: boolean;
}

export interface OrderActions {
  edit: boolean;
  convert: boolean;
  deliver: boolean;
  /** Cancel with a reason ("Cancelar orçamento" on a quote). */
  cancel: boolean;
  /** Delete for good: only what never moved money nor left the shop. */
  delete: boolean;
}

/**
 * Which actions the order page offers: exactly the ones the server would accept. Deleting is for an
 * order that was not delivered and has no payment or crediário (the server refuses those and says
 * "cancele-o com um motivo"); when this user cannot see the money, it cannot tell, so it is not offered.
 */
export function orderActions(
  o: Pick<Order, 'status' | 'kind' | 'paidCents' | 'financedCents'>,
  rights: OrderActionRights,
): OrderActions {
  const open = o.status !== 'entregue' && o.status !== 'cancelado';
  const isQuote = o.kind === 'orcamento';
  const untouched = o.paidCents === 0 && o.financedCents === 0;
  return {
    edit: rights.write && open,
    convert: rights.write && isQuote && o.status !== 'cancelado',
    deliver: rights.write && !isQuote && o.status === 'pronto',
    cancel: rights.write && open,
    delete: rights.delete && o.status !== 'entregue' && untouched,
  };
}
