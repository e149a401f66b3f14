import type { OrderStatus } from '../../../src-shared/domain/order-status';
import { STATUS_LABELS } from '../../../src-shared/domain/order-status';
import type { PaymentState } from '../../../src-shared/domain/payment-state';
import { getLocale, t } from '../../i18n';
import { formatMoney } from '../../lib/finance';

/** Status names: the shared pt-BR labels (the same the server writes in messages), translated otherwise. */
export function statusLabel(status: OrderStatus): string {
  return getLocale() === 'pt-BR' ? STATUS_LABELS[status] : t(`orders.status.${status}`);
}

export function StatusBadge({ status, testId }: { status: OrderStatus; testId?: string }) {
  return (
    <span className={`badge status status-${status}`} data-testid={testId ?? 'order-status'}>
      {statusLabel(status)}
    </span>
  );
}

export function PriorityBadge({ priority }: { priority: 'NORMAL' | 'ALTA' }) {
  if (priority !== 'ALTA') return null;
  return (
    <span className="badge priority-high" data-testid="priority-high">
      {t('orders.priority.ALTA')}
    </span>
  );
}

/** The payment state in words (one label set for every list, page and panel). */
export function paymentStateLabel(state: PaymentState): string {
  return t(`orders.payment.${state}`);
}

/**
 * The payment state badge; on crediário, what the plan still owes goes next to it
 * ("No crediário · R$ 1.063,27 a receber"), so a financed order never reads as settled.
 */
export function PaymentBadge({
  state,
  creditOpenCents = 0,
  testId = 'payment-state',
}: {
  state: PaymentState;
  creditOpenCents?: number;
  testId?: string;
}) {
  return (
    <>
      <span className={`badge payment payment-${state}`} data-testid={testId}>
        {paymentStateLabel(state)}
      </span>
      {state === 'no_crediario' && creditOpenCents > 0 && (
        <span className="muted small payment-credit-open" data-testid={`${testId}-credit`}>
          {' '}
          {t('orders.payment.creditOpen', { amount: formatMoney(creditOpenCents) })}
        </span>
      )}
    </>
  );
}

export function KindBadge({ kind }: { kind: 'pedido' | 'orcamento' }) {
  if (kind !== 'orcamento') return null;
  return (
    <span className="badge kind-quote" data-testid="kind-quote">
      {t('orders.kind.orcamento')}
    </span>
  );
}

export function OverdueBadge({ overdue }: { overdue: boolean }) {
  if (!overdue) return null;
  return (
    <span className="badge overdue" data-testid="overdue">
      {t('orders.overdue')}
    </span>
  );
}
