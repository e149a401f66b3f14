import { useState } from 'react';
import { Link } from 'wouter';
import { useCall } from '../../api/hooks';
import { t } from '../../i18n';
import { formatMoney, planHref } from '../../lib/finance';
import { useSession } from '../../session';
import { ErrorBox } from '../ErrorBox';
import { Modal } from '../Modal';
import { PaymentBadge } from '../orders/labels';
import { Loading } from '../Spinner';
import { CreatePlanDialog } from './CreatePlanDialog';
import { PaymentsTable } from './PaymentsTable';
import { OrderPix, ReceivePaymentDialog } from './ReceivePaymentDialog';

type Dialog = 'receive' | 'plan' | 'pix' | null;

/**
 * The money side of an order, self-contained for the order page: total, paid, on crediário,
 * balance and state; the payments with receipt and reversal; "Receber", "Crediário" and Pix.
 */
export function OrderPaymentsPanel({ orderId }: { orderId: number }) {
  const session = useSession();
  const allowed = session.can('payments.read');
  const payments = useCall('finance.orderPayments', { id: orderId }, { enabled: allowed });
  const order = useCall('orders.get', { id: orderId }, { enabled: allowed });
  const [dialog, setDialog] = useState<Dialog>(null);
  if (!allowed) return null;
  if (payments.isPending) return <Loading />;
  if (payments.isError) return <ErrorBox error={payments.error} onRetry={() => void payments.refetch()} />;

  const data = payments.data;
  const financed = Math.max(0, data.totalCents - data.paidCents - data.balanceCents);
  const o = order.data;
  // Quotes and cancelled orders take no money.
  const takesMoney = o ? o.kind === 'pedido' && o.status !== 'cancelado' : false;
  const open = takesMoney && data.balanceCents > 0;
  const number = o?.number;

  return (
    <section className="finance-panel" data-testid="order-payments">
      <div className="finance-panel-head">
        <h2>
          {t('finance.panel.title')}{' '}
          <PaymentBadge state={data.paymentState} creditOpenCents={data.creditOpenCents} testId="panel-state" />
        </h2>
        <div className="actions">
          {open && session.can('payments.receive') && (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => setDialog('receive')}
              data-testid="order-receive"
            >
              {t('finance.receive')}
            </button>
          )}
          {open && session.can('credit.write') && (
            <button type="button" className="btn" onClick={() => setDialog('plan')} data-testid="order-plan">
              {t('credit.action')}
            </button>
          )}
          {open && (
            <button type="button" className="btn" onClick={() => setDialog('pix')} data-testid="order-pix">
              {t('finance.pix')}
            </button>
          )}
        </div>
      </div>
      {o?.kind === 'orcamento' && <p className="muted">{t('finance.panel.quote')}</p>}
      <dl className="fin-totals fin-totals-row">
        <div>
          <dt>{t('finance.total')}</dt>
          <dd data-testid="panel-total">{formatMoney(data.totalCents)}</dd>
        </div>
        <div>
          <dt>{t('finance.paid')}</dt>
          <dd data-testid="panel-paid">{formatMoney(data.paidCents)}</dd>
        </div>
        {financed > 0 && (
          <div>
            <dt>{t('finance.financed')}</dt>
            <dd data-testid="panel-financed">{formatMoney(financed)}</dd>
          </div>
        )}
        <div>
          <dt>{t('finance.balance')}</dt>
          <dd data-testid="panel-balance">
            <strong>{formatMoney(data.balanceCents)}</strong>
          </dd>
        </div>
      </dl>
      {financed > 0 && o && <OrderPlans orderId={orderId} customerId={o.customerId} />}
      {data.items.length > 0 && <PaymentsTable items={data.items} compact testId="order-payments-table" />}

      {dialog === 'receive' && (
        <ReceivePaymentDialog
          orderId={orderId}
          orderNumber={number}
          balanceCents={data.balanceCents}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'plan' && (
        <CreatePlanDialog
          orderId={orderId}
          orderNumber={number}
          balanceCents={data.balanceCents}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'pix' && (
        <Modal title={t('finance.pix.orderTitle', { number: number ?? '' })} onClose={() => setDialog(null)}>
          <OrderPix orderId={orderId} title={t('finance.pix.balanceTitle')} />
        </Modal>
      )}
    </section>
  );
}

/**
 * Links to the crediários of this order. The contract has no order → plan lookup, so the
 * customer's installments are read and grouped by plan (at most 200, plenty for one customer).
 */
function OrderPlans({ orderId, customerId }: { orderId: number; customerId: number }) {
  const session = useSession();
  const list = useCall(
    'installments.list',
    { customerId, page: 1, perPage: 200 },
    { enabled: session.can('credit.read') },
  );
  const plans = new Map<number, { code: string; count: number; open: number }>();
  for (const i of list.data?.items ?? []) {
    if (i.orderId !== orderId) continue;
    const entry = plans.get(i.planId) ?? { code: i.code.replace(/-\d+\/\d+$/, ''), count: i.count, open: 0 };
    if (i.status !== 'renegociada' && i.status !== 'cancelada') entry.open += i.balanceCents;
    plans.set(i.planId, entry);
  }
  if (plans.size === 0) return null;
  return (
    <ul className="fin-plan-links" data-testid="order-plans">
      {[...plans].map(([planId, p]) => (
        <li key={planId}>
          <Link href={planHref(planId)} data-testid="order-plan-link">
            {t('credit.planLink', { code: p.code, count: p.count })}
          </Link>{' '}
          <span className="muted">{t('credit.planOpen', { open: formatMoney(p.open) })}</span>
        </li>
      ))}
    </ul>
  );
}
