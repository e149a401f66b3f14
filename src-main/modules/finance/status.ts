import type { INSTALLMENT_STATUSES } from '../../../src-shared/contract/finance';
import type { InstallmentRow } from '../../db/schema';

/** Installment statuses that still expect money. */
export const OPEN_INSTALLMENT = ['pendente', 'parcial', 'atrasada'] as const;

/**
 * Status of an installment on a date (renegotiated and cancelled ones keep theirs): the one rule,
 * for payments, reversals, settlements and every answer that shows an installment.
 */
export function installmentStatus(
  i: Pick<InstallmentRow, 'status' | 'paid_cents' | 'amount_cents' | 'due_date'>,
  today: string,
): (typeof INSTALLMENT_STATUSES)[number] {
  if (i.status === 'renegociada' || i.status === 'cancelada') return i.status;
  if (i.paid_cents >= i.amount_cents) return 'paga';
  if (i.due_date < today) return 'atrasada';
  return i.paid_cents > 0 ? 'parcial' : 'pendente';
}
