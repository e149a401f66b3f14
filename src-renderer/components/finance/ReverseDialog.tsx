import { useCallMutation } from '../../api/hooks';
import { t } from '../../i18n';
import { formatMoney, type Payment } from '../../lib/finance';
import { useToast } from '../Toasts';
import { useInvalidateFinance } from './invalidate';
import { ReasonDialog } from './ReasonDialog';

/** Reverses a payment by a counter-entry (both stay in the history); a reason is required. */
export function ReverseDialog({ payment, onClose }: { payment: Payment; onClose: () => void }) {
  const reverse = useCallMutation('payments.reverse');
  const invalidate = useInvalidateFinance();
  const toast = useToast();
  return (
    <ReasonDialog
      title={t('finance.reverse.title', { receipt: payment.receiptNumber })}
      message={t('finance.reverse.message', {
        amount: formatMoney(payment.totalCents),
        receipt: payment.receiptNumber,
        customer: payment.customerName,
      })}
      label={t('finance.reverse.reason')}
      confirmLabel={t('finance.reverse.confirm')}
      busy={reverse.isPending}
      error={reverse.error}
      testId="reverse-dialog"
      onConfirm={async (reason) => {
        try {
          await reverse.mutateAsync({ id: payment.id, reason });
          invalidate();
          toast(t('finance.reverse.done', { receipt: payment.receiptNumber }));
          onClose();
        } catch {
          // Shown in the dialog.
        }
      }}
      onCancel={onClose}
    />
  );
}
