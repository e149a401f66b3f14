import type { Cents } from './money';

/**
 * Where an order's money stands, computed in one place for every list, page, statement, export
 * and receipt:
 * - `sem_valor`: the order totals R$ 0,00 — nothing to charge (shown apart so a forgotten price is
 *   noticed; it is not "pago", nobody paid anything, and not "em aberto", nothing is owed);
 * - `em_aberto`: nothing received and nothing financed;
 * - `parcial`: part received or financed, part still owed on the order itself;
 * - `no_crediario`: nothing owed on the order, but installments of its crediário are still open;
 * - `pago`: nothing owed anywhere.
 */
export const PAYMENT_STATES = ['sem_valor', 'em_aberto', 'parcial', 'no_crediario', 'pago'] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

/** pt-BR names, for what the server writes (statement text, receipts). */
export const PAYMENT_STATE_LABELS: Record<PaymentState, string> = {
  sem_valor: 'Sem valor',
  em_aberto: 'Em aberto',
  parcial: 'Pago em parte',
  no_crediario: 'No crediário',
  pago: 'Pago',
};

export interface OrderMoney {
  totalCents: Cents;
  /** Received on the order (payments and down payments, less reversals). */
  paidCents: Cents;
  /** Moved to crediário plans. */
  financedCents: Cents;
  /** Still owed on the order's active crediário plans (open installments, interest included). */
  creditOpenCents: Cents;
}

/** What is still owed on the order itself (outside any crediário). */
export const orderBalanceCents = (o: Pick<OrderMoney, 'totalCents' | 'paidCents' | 'financedCents'>): Cents =>
  o.totalCents - o.paidCents - o.financedCents;

export function paymentState(o: OrderMoney): PaymentState {
  if (o.totalCents <= 0) return 'sem_valor';
  if (orderBalanceCents(o) > 0) return o.paidCents + o.financedCents > 0 ? 'parcial' : 'em_aberto';
  return o.creditOpenCents > 0 ? 'no_crediario' : 'pago';
}
