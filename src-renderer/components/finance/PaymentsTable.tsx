import { useState } from 'react';
import { Link } from 'wouter';
import { formatInstantBR } from '../../../src-shared/domain/dates';
import { t } from '../../i18n';
import { customerHref, docPaths, formatMoney, type Payment, paymentReference } from '../../lib/finance';
import { useSession } from '../../session';
import { SkeletonRows } from '../Spinner';
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
  const cols = 4 + (showCustomer ? 1 : 0) + (compact ? 0 : 2);
  return (
    <>
      <div className="table-wrap">
        <table className="table" data-testid={testId}>
          <thead>
            <tr>
              <th>{t('finance.col.receipt')}</th>
              {showCustomer && <th>{t('finance.col.customer')}</th>}
              <th>{t('finance.col.kind')}</th>
              {!compact && <th>{t('finance.col.method')}</th>}
              <th className="fin-num">{t('finance.col.amount')}</th>
              {!compact && <th>{t('finance.col.receivedBy')}</th>}
              <th className="row-actions">{t('finance.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {loading && <SkeletonRows rows={3} cols={cols} />}
            {items?.map((p) => {
              const reversal = p.reversalOfId !== null;
              const reversed = p.reversedById !== null;
              const charges = p.fineCents + p.interestCents;
              return (
                <tr
                  key={p.id}
                  className={reversal ? 'fin-reversal' : reversed ? 'inactive' : undefined}
                  data-testid="payment-row"
                  data-kind={p.kind}
                >
                  <td data-label={t('finance.col.receipt')} className="nowrap">
                    <span data-testid="payment-receipt">{p.receiptNumber}</span>
                    <div className="muted small">{formatInstantBR(p.paidAt)}</div>
                  </td>
                  {showCustomer && (
                    <td data-label={t('finance.col.customer')}>
                      <Link href={customerHref(p.customerId)}>{p.customerName}</Link>
                    </td>
                  )}
                  <td data-label={t('finance.col.kind')}>
                    {t(`finance.kind.${p.kind}`)}
                    <div className="muted small nowrap">
                      {compact
                        ? [paymentReference(p), p.paymentMethodName].filter(Boolean).join(' · ')
                        : paymentReference(p)}
                    </div>
                    {reversed && <span className="badge badge-danger">{t('finance.reversed')}</span>}
                    {p.waivedReason && (
                      <span className="badge" title={p.waivedReason}>
                        {t('finance.waived')}
                      </span>
                    )}
                    {reversal && p.reversalReason && <div className="muted small">{p.reversalReason}</div>}
                  </td>
                  {!compact && <td data-label={t('finance.col.method')}>{p.paymentMethodName}</td>}
                  <td data-label={t('finance.col.amount')} className="fin-num" data-testid="payment-amount">
                    {formatMoney(p.totalCents)}
                    {charges !== 0 && (
                      <div className="muted small">
                        {t('finance.includesCharges', { charges: formatMoney(charges) })}
                      </div>
                    )}
                    {p.changeCents !== null && p.changeCents > 0 && (
                      <div className="muted small" data-testid="payment-change">
                        {t('finance.changeGiven', {
                          tendered: formatMoney(p.tenderedCents ?? 0),
                          change: formatMoney(p.changeCents),
                        })}
                      </div>
                    )}
                  </td>
                  {!compact && <td data-label={t('finance.col.receivedBy')}>{p.receivedByName}</td>}
                  <td className="row-actions">
                    <DocLink path={docPaths.receipt(p.id)} testId="payment-receipt-link">
                      {t('finance.receipt.reprint')}
                    </DocLink>
                    {canReverse && !reversal && !reversed && (
                      <button
                        type="button"
                        className="btn btn-small btn-danger-outline"
                        onClick={() => setReversing(p)}
                        data-testid="payment-reverse"
                      >
                        {t('finance.reverse')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {items && items.length === 0 && (
          <div className="empty" data-testid={`${testId}-empty`}>
            <p>{t('finance.payments.empty')}</p>
          </div>
        )}
      </div>
      {reversing && <ReverseDialog payment={reversing} onClose={() => setReversing(null)} />}
    </>
  );
}
