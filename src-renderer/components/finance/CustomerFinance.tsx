import { useState } from 'react';
import { Link } from 'wouter';
import { formatDateBR } from '../../../src-shared/domain/dates';
import { useCall } from '../../api/hooks';
import { t } from '../../i18n';
import { formatMoney, orderHref, saleHref } from '../../lib/finance';
import { useSession } from '../../session';
import { ErrorBox } from '../ErrorBox';
import { PaymentBadge } from '../orders/labels';
import { Pagination } from '../Pagination';
import { Loading } from '../Spinner';
import { InstallmentsTable } from './InstallmentsTable';
import { PaymentsTable } from './PaymentsTable';

type Tab = 'installments' | 'statement';

/**
 * The customer's crediário on the customer page: installments (late ones first to the eye) and the
 * statement. A seller (no `finance.shop`) reads statements of their own customers only: for another
 * seller's customer the server answers 403, and the statement tab hides itself instead of showing it.
 * The check is the statement query itself (same key as the tab's, so it is fetched once).
 */
export function CustomerFinance({ customerId, active }: { customerId: number; active: boolean }) {
  const session = useSession();
  const [chosen, setTab] = useState<Tab>('installments');
  const scoped = session.can('credit.read') && !session.can('finance.shop');
  const probe = useCall('finance.customerStatement', { id: customerId }, { enabled: scoped });
  if (!session.can('credit.read')) return null;
  const tabs: readonly Tab[] =
    scoped && probe.error?.code === 'FORBIDDEN' ? ['installments'] : ['installments', 'statement'];
  const tab = tabs.includes(chosen) ? chosen : 'installments';
  return (
    <div className="card" data-testid="customer-finance">
      <div className="finance-panel-head">
        <h2>{t('finance.customer.title')}</h2>
        {active && session.can('credit.write') && (
          <Link href={saleHref(customerId)} className="btn" data-testid="customer-credit-sale">
            {t('credit.sale.new')}
          </Link>
        )}
      </div>
      <div className="fin-tabs" role="tablist">
        {tabs.map((key) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={tab === key}
            className={tab === key ? 'fin-tab active' : 'fin-tab'}
            onClick={() => setTab(key)}
            data-testid={`customer-finance-tab-${key}`}
          >
            {t(`finance.customer.tab.${key}`)}
          </button>
        ))}
      </div>
      {tab === 'installments' ? (
        <CustomerInstallments customerId={customerId} />
      ) : (
        <Statement customerId={customerId} />
      )}
    </div>
  );
}

function CustomerInstallments({ customerId }: { customerId: number }) {
  const [page, setPage] = useState(1);
  const [onlyOpen, setOnlyOpen] = useState(true);
  const list = useCall(
    'installments.list',
    {
      customerId,
      page,
      perPage: 25,
      ...(onlyOpen && { status: ['pendente', 'parcial', 'atrasada'] as const }),
    },
    { keepPrevious: true },
  );
  return (
    <div data-testid="customer-installments">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={onlyOpen}
          onChange={(e) => {
            setOnlyOpen(e.target.checked);
            setPage(1);
          }}
          data-testid="customer-installments-open"
        />
        {t('finance.customer.onlyOpen')}
      </label>
      <ErrorBox error={list.error} onRetry={() => void list.refetch()} />
      <InstallmentsTable
        items={list.data?.items}
        loading={list.isPending}
        showPlan
        testId="customer-installments-table"
      />
      {list.data && list.data.total > list.data.perPage && (
        <Pagination
          page={page}
          perPage={list.data.perPage}
          total={list.data.total}
          busy={list.isFetching}
          onPage={setPage}
        />
      )}
    </div>
  );
}

function Statement({ customerId }: { customerId: number }) {
  const statement = useCall('finance.customerStatement', { id: customerId });
  if (statement.isPending) return <Loading />;
  if (statement.isError) return <ErrorBox error={statement.error} onRetry={() => void statement.refetch()} />;
  const s = statement.data;
  const available = s.creditLimitCents === null ? null : s.creditLimitCents - s.installmentsBalanceCents;
  return (
    <div data-testid="customer-statement">
      <div className="fin-stats">
        <div className="fin-stat">
          <span className="fin-stat-label">{t('finance.statement.orders')}</span>
          <strong data-testid="statement-orders-balance">{formatMoney(s.ordersBalanceCents)}</strong>
        </div>
        <div className="fin-stat">
          <span className="fin-stat-label">{t('finance.statement.installments')}</span>
          <strong data-testid="statement-installments-balance">{formatMoney(s.installmentsBalanceCents)}</strong>
        </div>
        <div className="fin-stat fin-stat-main">
          <span className="fin-stat-label">{t('finance.statement.balance')}</span>
          <strong data-testid="statement-balance">{formatMoney(s.balanceCents)}</strong>
        </div>
        <div className="fin-stat">
          <span className="fin-stat-label">{t('finance.statement.limit')}</span>
          <strong data-testid="statement-limit">
            {s.creditLimitCents === null ? t('finance.statement.noLimit') : formatMoney(s.creditLimitCents)}
          </strong>
          {available !== null && (
            <span className="muted small">{t('finance.statement.available', { amount: formatMoney(available) })}</span>
          )}
        </div>
      </div>

      <h3>{t('finance.statement.ordersTitle')}</h3>
      {s.orders.length === 0 ? (
        <p className="muted">{t('finance.statement.noOrders')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table-compact" data-testid="statement-orders">
            <thead>
              <tr>
                <th>{t('finance.statement.order')}</th>
                <th>{t('finance.statement.entryDate')}</th>
                <th>{t('credit.col.status')}</th>
                <th className="fin-num">{t('finance.total')}</th>
                <th className="fin-num">{t('finance.paid')}</th>
                <th className="fin-num">{t('finance.balance')}</th>
              </tr>
            </thead>
            <tbody>
              {s.orders.map((o) => {
                return (
                  <tr key={o.id} data-testid="statement-order-row">
                    <td data-label={t('finance.statement.order')}>
                      <Link href={orderHref(o.id)}>{o.number}</Link>
                    </td>
                    <td data-label={t('finance.statement.entryDate')}>{formatDateBR(o.entryDate)}</td>
                    <td data-label={t('credit.col.status')}>
                      {t(`finance.orderStatus.${o.orderStatus}`)}{' '}
                      <PaymentBadge state={o.paymentState} creditOpenCents={o.creditOpenCents} />
                    </td>
                    <td data-label={t('finance.total')} className="fin-num">
                      {formatMoney(o.totalCents)}
                    </td>
                    <td data-label={t('finance.paid')} className="fin-num">
                      {formatMoney(o.paidCents)}
                    </td>
                    <td data-label={t('finance.balance')} className="fin-num">
                      {formatMoney(o.balanceCents)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <h3>{t('finance.statement.paymentsTitle')}</h3>
      <PaymentsTable items={s.payments} testId="statement-payments" />

      <h3>{t('finance.statement.installmentsTitle')}</h3>
      <InstallmentsTable items={s.installments} showPlan actions={false} testId="statement-installments" />
    </div>
  );
}
