import { useState } from 'react';
import { Link } from 'wouter';
import type { OutputOf } from '../../../src-shared/contract';
import { formatDateBR } from '../../../src-shared/domain/dates';
import { useCall } from '../../api/hooks';
import { t } from '../../i18n';
import { formatCentsOrDash, formatInt } from '../../lib/format';
import { EMPTY_FILTERS, ORDER_FILTERS_KEY } from '../../lib/order-list';
import type { ColumnList } from '../../lib/table';
import { useSession } from '../../session';

type Summary = OutputOf<'orders.byCustomer'>['items'][number];

import { DataTable } from '../DataTable';
import { ErrorBox } from '../ErrorBox';
import { Spinner } from '../Spinner';
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
  const columns: ColumnList<Summary> = [
    {
      id: 'number',
      header: t('orders.col.number'),
      required: true,
      sortValue: (o) => o.number,
      cell: (o) => (
        <>
          <Link href={`/pedidos/${o.id}`} className="row-title">
            {o.number}
          </Link>
          <KindBadge kind={o.kind} />
          <PriorityBadge priority={o.priority} />
        </>
      ),
    },
    {
      id: 'entry',
      header: t('orders.col.entry'),
      sortValue: (o) => o.entryDate,
      cell: (o) => formatDateBR(o.entryDate),
    },
    {
      id: 'delivery',
      header: t('orders.col.delivery'),
      sortValue: (o) => o.deliveryDate ?? '',
      cell: (o) => (
        <span className={o.overdue ? 'text-overdue' : undefined}>
          {formatDateBR(o.deliveryDate)} <OverdueBadge overdue={o.overdue} />
        </span>
      ),
    },
    {
      id: 'status',
      header: t('orders.col.status'),
      cell: (o) => <StatusBadge status={o.status} testId="customer-order-status" />,
    },
    seesMoney && {
      id: 'total',
      header: t('orders.col.total'),
      num: true,
      sortValue: (o) => o.totalCents ?? null,
      cell: (o) => formatCentsOrDash(o.totalCents),
    },
    seesMoney && {
      id: 'payment',
      header: t('orders.col.payment'),
      cell: (o) => (o.paymentState ? <PaymentBadge state={o.paymentState} creditOpenCents={o.creditOpenCents} /> : '—'),
    },
  ];
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
      <DataTable
        tableId="customer-orders"
        columns={columns}
        rows={list.data?.items}
        rowKey={(o) => o.id}
        loading={list.isPending}
        rowTestId="customer-order-row"
        rowClassName={(o) => (o.overdue ? 'is-overdue' : undefined)}
        compact
        empty={<p className="empty muted">{t('orders.customer.empty')}</p>}
      />
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
