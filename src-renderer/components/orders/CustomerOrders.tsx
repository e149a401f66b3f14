import { useState } from 'react';
import { Link } from 'wouter';
import { formatDateBR } from '../../../src-shared/domain/dates';
import { useCall } from '../../api/hooks';
import { t } from '../../i18n';
import { formatCentsOrDash, formatInt } from '../../lib/format';
import { EMPTY_FILTERS, ORDER_FILTERS_KEY } from '../../lib/order-list';
import { useSession } from '../../session';
import { ErrorBox } from '../ErrorBox';
import { SkeletonRows, Spinner } from '../Spinner';
import { KindBadge, OverdueBadge, PaymentBadge, PriorityBadge, StatusBadge } from './labels';

const PAGE = 10;

/** Opens the order list filtered by this customer (the list reads its filters from sessionStorage). */
function openListFiltered(customerId: number, customerName: string): void {
  try {
    window.sessionStorage.setItem(ORDER_FILTERS_KEY, JSON.stringify({ ...EMPTY_FILTERS, customerId, customerName }));
  } catch {
    // Storage blocked: the list opens unfiltered.
  }
}

/** The customer's orders and quotes, newest first (customer page). */
export function CustomerOrders({ customerId, active }: { customerId: number; active: boolean }) {
  const session = useSession();
  const seesMoney = session.can('money.read');
  const [shown, setShown] = useState(PAGE);
  const list = useCall('orders.byCustomer', { id: customerId, page: 1, perPage: shown }, { keepPrevious: true });
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  return (
    <div className="card" data-testid="customer-orders">
      <div className="card-head">
        <h2>
          {t('orders.customer.title')}
          {list.data && <span className="count"> ({formatInt(total)})</span>}
        </h2>
        {session.can('orders.write') && active && (
          <Link href={`/pedidos/novo/cliente/${customerId}`} className="btn btn-small" data-testid="customer-new-order">
            + {t('orders.new')}
          </Link>
        )}
      </div>
      <ErrorBox error={list.error} onRetry={() => void list.refetch()} />
      <div className="table-wrap">
        <table className="table table-compact">
          <thead>
            <tr>
              <th>{t('orders.col.number')}</th>
              <th>{t('orders.col.entry')}</th>
              <th>{t('orders.col.delivery')}</th>
              <th>{t('orders.col.status')}</th>
              {seesMoney && (
                <>
                  <th className="num">{t('orders.col.total')}</th>
                  <th>{t('orders.col.payment')}</th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {list.isPending && <SkeletonRows rows={3} cols={6} />}
            {items.map((o) => (
              <tr key={o.id} data-testid="customer-order-row" className={o.overdue ? 'is-overdue' : undefined}>
                <td data-label={t('orders.col.number')}>
                  <Link href={`/pedidos/${o.id}`} className="row-title">
                    {o.number}
                  </Link>
                  <KindBadge kind={o.kind} />
                  <PriorityBadge priority={o.priority} />
                </td>
                <td data-label={t('orders.col.entry')}>{formatDateBR(o.entryDate)}</td>
                <td data-label={t('orders.col.delivery')} className={o.overdue ? 'text-overdue' : undefined}>
                  {formatDateBR(o.deliveryDate)} <OverdueBadge overdue={o.overdue} />
                </td>
                <td data-label={t('orders.col.status')}>
                  <StatusBadge status={o.status} testId="customer-order-status" />
                </td>
                {seesMoney && (
                  <>
                    <td data-label={t('orders.col.total')} className="num">
                      {formatCentsOrDash(o.totalCents)}
                    </td>
                    <td data-label={t('orders.col.payment')}>
                      {o.paymentState ? (
                        <PaymentBadge state={o.paymentState} creditOpenCents={o.creditOpenCents} />
                      ) : (
                        '—'
                      )}
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {list.data && items.length === 0 && <p className="empty muted">{t('orders.customer.empty')}</p>}
      </div>
      {total > 0 && (
        <div className="form-actions">
          <Link
            href="/pedidos"
            className="btn btn-small btn-ghost"
            onClick={() => openListFiltered(customerId, items[0]?.customerName ?? '')}
            data-testid="customer-orders-all"
          >
            {t('orders.customer.all')}
          </Link>
          {items.length < total && shown < 200 && (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => setShown((n) => Math.min(200, n + PAGE * 2))}
              disabled={list.isFetching}
              data-testid="customer-orders-more"
            >
              {list.isFetching ? <Spinner small /> : null} {t('orders.customer.more')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
