import { useState } from 'react';
import { Link } from 'wouter';
import { formatDateBR } from '../../../src-shared/domain/dates';
import type { AppError } from '../../../src-shared/errors';
import { useCall, useCallMutation } from '../../api/hooks';
import { toAppError } from '../../api/http';
import { t } from '../../i18n';
import {
  customerHref,
  docPaths,
  formatMoney,
  type Installment,
  installmentBadgeClass,
  isOpen,
  planHref,
} from '../../lib/finance';
import { useSession } from '../../session';
import { ErrorBox } from '../ErrorBox';
import { Modal } from '../Modal';
import { SkeletonRows } from '../Spinner';
import { InstallmentPayDialog } from './InstallmentPayDialog';
import { DocLink } from './links';
import { PixBox } from './PixBox';

export function InstallmentBadge({ status }: { status: Installment['status'] }) {
  return (
    <span className={installmentBadgeClass(status)} data-testid="installment-status">
      {t(`credit.status.${status}`)}
    </span>
  );
}

type Dialog = { kind: 'pay' | 'pix'; installment: Installment } | null;

/**
 * Installments with their status (late ones highlighted) and, per open one, receive, promissória,
 * Pix and WhatsApp. Used by the plan page, the shop's installments list and the customer page.
 */
export function InstallmentsTable({
  items,
  loading,
  showCustomer,
  showPlan,
  actions = true,
  testId = 'installments-table',
}: {
  items: readonly Installment[] | undefined;
  loading?: boolean;
  showCustomer?: boolean;
  showPlan?: boolean;
  actions?: boolean;
  testId?: string;
}) {
  const session = useSession();
  const [dialog, setDialog] = useState<Dialog>(null);
  const whatsapp = useCallMutation('installments.whatsapp');
  const [whatsappResult, setWhatsappResult] = useState<{ url: string; message: string } | null>(null);
  const [whatsappError, setWhatsappError] = useState<AppError | null>(null);
  const canReceive = session.can('payments.receive');
  const canInteract = session.can('customers.interact');
  const cols = 6 + (showCustomer ? 1 : 0) + (actions ? 1 : 0);

  const sendWhatsapp = async (i: Installment) => {
    setWhatsappError(null);
    try {
      const result = await whatsapp.mutateAsync({ id: i.id });
      const opened = window.open(result.url, '_blank');
      if (opened) opened.opener = null;
      // A blocked pop-up leaves the link on screen to be clicked.
      else setWhatsappResult(result);
    } catch (error) {
      setWhatsappError(toAppError(error));
    }
  };

  return (
    <>
      <ErrorBox error={whatsappError} testId="whatsapp-error" />
      <div className="table-wrap">
        <table className="table" data-testid={testId}>
          <thead>
            <tr>
              <th>{t('credit.col.installment')}</th>
              {showCustomer && <th>{t('credit.col.customer')}</th>}
              <th>{t('credit.col.dueDate')}</th>
              <th className="fin-num">{t('credit.col.amount')}</th>
              <th className="fin-num">{t('credit.col.paid')}</th>
              <th className="fin-num">{t('credit.col.open')}</th>
              <th>{t('credit.col.status')}</th>
              {actions && <th className="row-actions">{t('credit.col.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {loading && <SkeletonRows rows={4} cols={cols} />}
            {items?.map((i) => {
              const open = isOpen(i);
              return (
                <tr
                  key={i.id}
                  className={i.status === 'atrasada' ? 'fin-overdue' : undefined}
                  data-testid="installment-row"
                  data-status={i.status}
                >
                  <td data-label={t('credit.col.installment')} className="nowrap">
                    {showPlan ? (
                      <Link href={planHref(i.planId)} className="row-title" data-testid="installment-plan-link">
                        {i.code}
                      </Link>
                    ) : (
                      <span data-testid="installment-code">
                        {i.number}/{i.count}
                      </span>
                    )}
                  </td>
                  {showCustomer && (
                    <td data-label={t('credit.col.customer')}>
                      <Link href={customerHref(i.customerId)}>{i.customerName}</Link>
                    </td>
                  )}
                  <td data-label={t('credit.col.dueDate')} className="nowrap" data-testid="installment-due">
                    {formatDateBR(i.dueDate)}
                  </td>
                  <td data-label={t('credit.col.amount')} className="fin-num" data-testid="installment-amount">
                    {formatMoney(i.amountCents)}
                  </td>
                  <td data-label={t('credit.col.paid')} className="fin-num">
                    {formatMoney(i.paidCents)}
                  </td>
                  <td data-label={t('credit.col.open')} className="fin-num" data-testid="installment-open">
                    {formatMoney(i.balanceCents)}
                  </td>
                  <td data-label={t('credit.col.status')}>
                    <InstallmentBadge status={i.status} />
                  </td>
                  {actions && (
                    <td className="row-actions">
                      {open && canReceive && (
                        <button
                          type="button"
                          className="btn btn-small btn-primary"
                          onClick={() => setDialog({ kind: 'pay', installment: i })}
                          data-testid="installment-receive"
                        >
                          {t('finance.receive')}
                        </button>
                      )}
                      <DocLink
                        path={docPaths.promissory(i.id)}
                        testId="installment-promissory"
                        title={t('credit.promissoryTitle')}
                      >
                        {t('credit.promissory')}
                      </DocLink>
                      {open && (
                        <button
                          type="button"
                          className="btn btn-small"
                          onClick={() => setDialog({ kind: 'pix', installment: i })}
                          data-testid="installment-pix"
                        >
                          {t('finance.pix')}
                        </button>
                      )}
                      {open && canInteract && (
                        <button
                          type="button"
                          className="btn btn-small"
                          disabled={whatsapp.isPending}
                          onClick={() => void sendWhatsapp(i)}
                          data-testid="installment-whatsapp"
                        >
                          {t('credit.whatsapp')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
        {items && items.length === 0 && (
          <div className="empty" data-testid={`${testId}-empty`}>
            <p>{t('credit.installments.empty')}</p>
          </div>
        )}
      </div>
      {dialog?.kind === 'pay' && (
        <InstallmentPayDialog installment={dialog.installment} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'pix' && (
        <InstallmentPixDialog installment={dialog.installment} onClose={() => setDialog(null)} />
      )}
      {whatsappResult && (
        <Modal title={t('credit.whatsappReady')} onClose={() => setWhatsappResult(null)} testId="whatsapp-dialog">
          <p className="pre">{whatsappResult.message}</p>
          <div className="form-actions">
            <a
              href={whatsappResult.url}
              target="_blank"
              rel="noopener noreferrer"
              className="btn btn-primary"
              data-testid="whatsapp-open"
              onClick={() => setWhatsappResult(null)}
            >
              {t('credit.whatsappOpen')}
            </a>
          </div>
        </Modal>
      )}
    </>
  );
}

function InstallmentPixDialog({ installment, onClose }: { installment: Installment; onClose: () => void }) {
  const pix = useCall('installments.pix', { id: installment.id });
  return (
    <Modal title={t('credit.pixTitle', { code: installment.code })} onClose={onClose} testId="pix-dialog">
      <PixBox data={pix.data} error={pix.error} pending={pix.isPending} onRetry={() => void pix.refetch()} />
    </Modal>
  );
}
