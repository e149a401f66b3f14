import type { OrderStatus } from '../../../src-shared/domain/order-status';
import { STATUS_LABELS } from '../../../src-shared/domain/order-status';
import { getLocale, t } from '../../i18n';

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

export function PaymentBadge({ state }: { state: 'em_aberto' | 'parcial' | 'pago' }) {
  return (
    <span className={`badge payment payment-${state}`} data-testid="payment-state">
      {t(`orders.payment.${state}`)}
    </span>
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
