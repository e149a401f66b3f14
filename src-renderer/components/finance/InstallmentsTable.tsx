import { useState } from 'react';
import { Link } from 'wouter';
import { formatDateBR } from '../../../src-shared/domain/dates';
import { useCall } from '../../api/hooks';
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
import { type ColumnList, sumOf } from '../../lib/table';
import { useSession } from '../../session';
import { DataTable } from '../DataTable';
import { Modal } from '../Modal';
import { InstallmentPayDialog } from './InstallmentPayDialog';
import { DocLink } from './links';
import { PixBox } from './PixBox';
import { useWhatsappCharge } from './useWhatsappCharge';

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
  const whatsapp = useWhatsappCharge();
  const canReceive = session.can('payments.receive');
  const canInteract = session.can('customers.interact');
  const columns: ColumnList<Installment> = [
    {
      id: 'installment',
      header: t('credit.col.installment'),
      required: true,
      className: 'nowrap',
      cell: (i) =>
        showPlan ? (
          <Link href={planHref(i.planId)} className="row-title" data-testid="installment-plan-link">
            {i.code}
          </Link>
        ) : (
          <span data-testid="installment-code">
            {i.number}/{i.count}
          </span>
        ),
    },
    showCustomer && {
      id: 'customer',
      header: t('credit.col.customer'),
      sortValue: (i) => i.customerName.toLocaleLowerCase('pt-BR'),
      cell: (i) => <Link href={customerHref(i.customerId)}>{i.customerName}</Link>,
    },
    {
      id: 'dueDate',
      header: t('credit.col.dueDate'),
      className: 'nowrap',
      testId: 'installment-due',
      sortValue: (i) => i.dueDate,
      cell: (i) => formatDateBR(i.dueDate),
    },
    {
      id: 'amount',
      header: t('credit.col.amount'),
      num: true,
      testId: 'installment-amount',
      sortValue: (i) => i.amountCents,
      cell: (i) => formatMoney(i.amountCents),
      total: (rows) => formatMoney(sumOf(rows, (i) => i.amountCents)),
    },
    {
      id: 'paid',
      header: t('credit.col.paid'),
      num: true,
      sortValue: (i) => i.paidCents,
      cell: (i) => formatMoney(i.paidCents),
      total: (rows) => formatMoney(sumOf(rows, (i) => i.paidCents)),
    },
    {
      id: 'open',
      header: t('credit.col.open'),
      num: true,
      testId: 'installment-open',
      sortValue: (i) => i.balanceCents,
      cell: (i) => formatMoney(i.balanceCents),
      total: (rows) => formatMoney(sumOf(rows, (i) => i.balanceCents)),
    },
    {
      id: 'status',
      header: t('credit.col.status'),
      sortValue: (i) => i.status,
      cell: (i) => <InstallmentBadge status={i.status} />,
    },
    actions && {
      id: 'actions',
      header: t('credit.col.actions'),
      required: true,
      actions: true,
      cell: (i) => {
        const open = isOpen(i);
        return (
          <>
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
                disabled={whatsapp.pending}
                onClick={() => void whatsapp.send(i.id)}
                data-testid="installment-whatsapp"
              >
                {t('credit.whatsapp')}
              </button>
            )}
          </>
        );
      },
    },
  ];

  return (
    <>
      {whatsapp.ui}
      <DataTable
        tableId={showCustomer ? 'installments-shop' : 'installments'}
        columns={columns}
        rows={items}
        rowKey={(i) => i.id}
        loading={loading}
        testId={testId}
        rowTestId="installment-row"
        rowClassName={(i) => (i.status === 'atrasada' ? 'fin-overdue' : undefined)}
        rowAttributes={(i) => ({ 'data-status': i.status })}
        empty={
          <div className="empty" data-testid={`${testId}-empty`}>
            <p>{t('credit.installments.empty')}</p>
          </div>
        }
      />
      {dialog?.kind === 'pay' && (
        <InstallmentPayDialog installment={dialog.installment} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'pix' && (
        <InstallmentPixDialog installment={dialog.installment} onClose={() => setDialog(null)} />
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
