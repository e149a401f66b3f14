import { useState } from 'react';
import { Link } from 'wouter';
import { formatInstantBR } from '../../../src-shared/domain/dates';
import { t } from '../../i18n';
import { customerHref, docPaths, formatMoney, type Payment, paymentReference } from '../../lib/finance';
import { type ColumnList, sumOf } from '../../lib/table';
import { useSession } from '../../session';
import { DataTable } from '../DataTable';
import { DocLink } from './links';
import { ReverseDialog } from './ReverseDialog';

/** Payments with their receipt, and the reversal for the roles allowed to reverse. */
export function PaymentsTable({
  items,
  loading,
  showCustomer,
  compact,
  testId = 'payments-table',
}: {
  items: readonly Payment[] | undefined;
  loading?: boolean;
  showCustomer?: boolean;
  /** Leaves out who received (for a narrow column, like the order page's). */
  compact?: boolean;
  testId?: string;
}) {
  const session = useSession();
  const canReverse = session.can('payments.reverse');
  const [reversing, setReversing] = useState<Payment | null>(null);
  const columns: ColumnList<Payment> = [
    {
      id: 'receipt',
      header: t('finance.col.receipt'),
      required: true,
      className: 'nowrap',
      sortValue: (p) => p.paidAt,
      cell: (p) => (
        <>
          <span data-testid="payment-receipt">{p.receiptNumber}</span>
          <div className="muted small">{formatInstantBR(p.paidAt)}</div>
        </>
      ),
    },
    showCustomer && {
      id: 'customer',
      header: t('finance.col.customer'),
      sortValue: (p) => p.customerName.toLocaleLowerCase('pt-BR'),
      cell: (p) => <Link href={customerHref(p.customerId)}>{p.customerName}</Link>,
    },
    {
      id: 'kind',
      header: t('finance.col.kind'),
      cell: (p) => {
        const reversal = p.reversalOfId !== null;
        return (
          <>
            {t(`finance.kind.${p.kind}`)}
            <div className="muted small">
              {compact ? [paymentReference(p), p.paymentMethodName].filter(Boolean).join(' · ') : paymentReference(p)}
            </div>
            {p.reversedById !== null && <span className="badge badge-danger">{t('finance.reversed')}</span>}
            {p.waivedReason && (
              <span className="badge" title={p.waivedReason}>
                {t('finance.waived')}
              </span>
            )}
            {reversal && p.reversalReason && <div className="muted small">{p.reversalReason}</div>}
          </>
        );
      },
    },
    !compact && {
      id: 'method',
      header: t('finance.col.method'),
      sortValue: (p) => p.paymentMethodName ?? '',
      cell: (p) => p.paymentMethodName,
    },
    {
      id: 'amount',
      header: t('finance.col.amount'),
      num: true,
      testId: 'payment-amount',
      sortValue: (p) => p.totalCents,
      total: compact ? undefined : (rows) => formatMoney(sumOf(rows, (p) => p.totalCents)),
      cell: (p) => {
        const charges = p.fineCents + p.interestCents;
        return (
          <>
            {formatMoney(p.totalCents)}
            {charges !== 0 && (
              <div className="muted small">{t('finance.includesCharges', { charges: formatMoney(charges) })}</div>
            )}
            {p.changeCents !== null && p.changeCents > 0 && (
              <div className="muted small" data-testid="payment-change">
                {t('finance.changeGiven', {
                  tendered: formatMoney(p.tenderedCents ?? 0),
                  change: formatMoney(p.changeCents),
                })}
              </div>
            )}
          </>
        );
      },
    },
    !compact && {
      id: 'receivedBy',
      header: t('finance.col.receivedBy'),
      sortValue: (p) => p.receivedByName ?? '',
      cell: (p) => p.receivedByName,
    },
    {
      id: 'actions',
      header: t('finance.col.actions'),
      required: true,
      actions: true,
      cell: (p) => (
        <>
          <DocLink path={docPaths.receipt(p.id)} testId="payment-receipt-link">
            {t('finance.receipt.reprint')}
          </DocLink>
          {canReverse && p.reversalOfId === null && p.reversedById === null && (
            <button
              type="button"
              className="btn btn-small btn-danger-outline"
              onClick={() => setReversing(p)}
              data-testid="payment-reverse"
            >
              {t('finance.reverse')}
            </button>
          )}
        </>
      ),
    },
  ];
  return (
    <>
      <DataTable
        tableId={compact ? 'payments-compact' : 'payments'}
        columns={columns}
        rows={items}
        rowKey={(p) => p.id}
        loading={loading}
        testId={testId}
        rowTestId="payment-row"
        rowClassName={(p) =>
          p.reversalOfId !== null ? 'fin-reversal' : p.reversedById !== null ? 'inactive' : undefined
        }
        rowAttributes={(p) => ({ 'data-kind': p.kind })}
        chooser={!compact}
        empty={
          <div className="empty" data-testid={`${testId}-empty`}>
            <p>{t('finance.payments.empty')}</p>
          </div>
        }
      />
      {reversing && <ReverseDialog payment={reversing} onClose={() => setReversing(null)} />}
    </>
  );
}
