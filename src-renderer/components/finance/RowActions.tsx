import { useState } from 'react';
import { Link } from 'wouter';
import type { OutputOf } from '../../../src-shared/contract';
import { useCall } from '../../api/hooks';
import { t } from '../../i18n';
import { isOpen, orderHref, planHref } from '../../lib/finance';
import { whatsappUrl } from '../../lib/format';
import { useSession } from '../../session';
import { ErrorBox } from '../ErrorBox';
import { Modal } from '../Modal';
import { Loading } from '../Spinner';
import { InstallmentPayDialog } from './InstallmentPayDialog';
import { ReceivePaymentDialog } from './ReceivePaymentDialog';
import { useWhatsappCharge } from './useWhatsappCharge';

type Receivable = OutputOf<'receivables.list'>['items'][number];
type Delinquent = OutputOf<'reports.delinquency'>['items'][number];

/**
 * Receiving an installment from a list that only knows its id and plan: the plan is read, then the
 * same dialog as on the plan page. With no `installmentId`, the oldest open installment.
 */
function ReceiveInstallment({
  planId,
  installmentId,
  onClose,
}: {
  planId: number;
  installmentId?: number;
  onClose: () => void;
}) {
  const plan = useCall('plans.get', { id: planId });
  if (plan.isPending || plan.isError) {
    return (
      <Modal title={t('finance.receive')} onClose={onClose} testId="receive-loading">
        {plan.isPending ? <Loading /> : <ErrorBox error={plan.error} onRetry={() => void plan.refetch()} />}
      </Modal>
    );
  }
  const open = plan.data.installments.filter(isOpen);
  const installment = installmentId === undefined ? open[0] : open.find((i) => i.id === installmentId);
  if (!installment) {
    return (
      <Modal title={t('finance.receive')} onClose={onClose} testId="receive-nothing">
        <p>{t('finance.rowActions.nothingOpen')}</p>
      </Modal>
    );
  }
  return <InstallmentPayDialog installment={installment} onClose={onClose} />;
}

/** A receivable's actions: receive it, charge it by WhatsApp (installments), open its crediário or order. */
export function ReceivableActions({ row }: { row: Receivable }) {
  const session = useSession();
  const [receiving, setReceiving] = useState(false);
  const whatsapp = useWhatsappCharge();
  const canReceive = session.can('payments.receive');
  return (
    <>
      {canReceive && (
        <button
          type="button"
          className="btn btn-small btn-primary"
          onClick={() => setReceiving(true)}
          data-testid="receivable-receive"
        >
          {t('finance.receive')}
        </button>
      )}
      {row.kind === 'parcela' && session.can('customers.interact') && (
        <button
          type="button"
          className="btn btn-small"
          disabled={whatsapp.pending}
          onClick={() => void whatsapp.send(row.id)}
          data-testid="receivable-whatsapp"
        >
          {t('credit.whatsapp')}
        </button>
      )}
      {row.planId !== null ? (
        <Link href={planHref(row.planId)} className="btn btn-small" data-testid="receivable-plan">
          {t('finance.rowActions.plan')}
        </Link>
      ) : (
        <Link href={orderHref(row.id)} className="btn btn-small" data-testid="receivable-order">
          {t('finance.rowActions.order')}
        </Link>
      )}
      {whatsapp.ui}
      {receiving &&
        (row.kind === 'parcela' && row.planId !== null ? (
          <ReceiveInstallment planId={row.planId} installmentId={row.id} onClose={() => setReceiving(false)} />
        ) : (
          <ReceivePaymentDialog
            orderId={row.id}
            orderNumber={row.reference}
            balanceCents={row.balanceCents}
            onClose={() => setReceiving(false)}
          />
        ))}
    </>
  );
}

/** A delinquent customer's actions: receive the oldest overdue installment, WhatsApp, open that crediário. */
export function DelinquencyActions({ row }: { row: Delinquent }) {
  const session = useSession();
  const [receiving, setReceiving] = useState(false);
  return (
    <>
      {session.can('payments.receive') && (
        <button
          type="button"
          className="btn btn-small btn-primary"
          onClick={() => setReceiving(true)}
          data-testid="delinquency-receive"
        >
          {t('finance.receive')}
        </button>
      )}
      {row.phone && (
        <a
          href={whatsappUrl(row.phone)}
          target="_blank"
          rel="noopener noreferrer"
          className="btn btn-small"
          data-testid="delinquency-whatsapp"
        >
          {t('credit.whatsapp')}
        </a>
      )}
      <Link href={planHref(row.oldestPlanId)} className="btn btn-small" data-testid="delinquency-plan">
        {t('finance.rowActions.plan')}
      </Link>
      {receiving && <ReceiveInstallment planId={row.oldestPlanId} onClose={() => setReceiving(false)} />}
    </>
  );
}
