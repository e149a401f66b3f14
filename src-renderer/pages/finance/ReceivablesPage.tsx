import { Link } from 'wouter';
import type { InputOf } from '../../../src-shared/contract';
import { formatDateBR } from '../../../src-shared/domain/dates';
import { useCall } from '../../api/hooks';
import { DateFilterField } from '../../components/DateInput';
import { ErrorBox, Notice } from '../../components/ErrorBox';
import { SkeletonRows, Spinner } from '../../components/Spinner';
import { useStoredState } from '../../hooks/useStoredState';
import { t } from '../../i18n';
import { customerHref, formatMoney, orderHref } from '../../lib/finance';
import { dateFilter, formatInt } from '../../lib/format';

interface State {
  from: string;
  to: string;
}

const INITIAL: State = { from: '', to: '' };
const LIMIT = 1000;

function parseState(stored: unknown): State {
  if (typeof stored !== 'object' || stored === null) return INITIAL;
  const s = stored as Record<string, unknown>;
  return { from: typeof s.from === 'string' ? s.from : '', to: typeof s.to === 'string' ? s.to : '' };
}

/** The server reads at most `limit` installments and `limit` orders: reaching it means some were left out. */
function limited(items: ReadonlyArray<{ kind: 'parcela' | 'pedido' }>): boolean {
  return (
    items.filter((i) => i.kind === 'parcela').length >= LIMIT ||
    items.filter((i) => i.kind === 'pedido').length >= LIMIT
  );
}

/** `/financeiro/a-receber`: open installments and order balances by due date, with totals. */
export function ReceivablesPage() {
  const [state, setState] = useStoredState('balcao.finance.receivables', INITIAL, parseState);
  const from = dateFilter(state.from);
  const to = dateFilter(state.to);
  const input: InputOf<'receivables.list'> = {
    limit: LIMIT,
    ...(from.iso && { from: from.iso }),
    ...(to.iso && { to: to.iso }),
  };
  const list = useCall('receivables.list', input, { keepPrevious: true });
  const data = list.data;

  return (
    <section className="page" data-testid="receivables-page">
      <div className="page-header">
        <h1>
          {t('finance.receivables.title')} {list.isFetching && data && <Spinner small label={t('common.updating')} />}
        </h1>
      </div>
      <div className="filters fin-filters">
        <div className="filters-grid">
          <DateFilterField
            name="filter-from"
            label={t('finance.receivables.from')}
            error={from.error}
            value={state.from}
            onChange={(v) => setState((s) => ({ ...s, from: v }))}
          />
          <DateFilterField
            name="filter-to"
            label={t('finance.receivables.to')}
            error={to.error}
            value={state.to}
            onChange={(v) => setState((s) => ({ ...s, to: v }))}
          />
        </div>
      </div>
      <ErrorBox error={list.error} onRetry={() => void list.refetch()} />
      {data && (
        <div className="fin-stats" data-testid="receivables-totals">
          <div className="fin-stat">
            <span className="fin-stat-label">{t('finance.receivables.total')}</span>
            <strong data-testid="receivables-total">{formatMoney(data.totalCents)}</strong>
          </div>
          <div className="fin-stat fin-stat-danger">
            <span className="fin-stat-label">{t('finance.receivables.overdue')}</span>
            <strong data-testid="receivables-overdue">{formatMoney(data.overdueCents)}</strong>
          </div>
          <div className="fin-stat">
            <span className="fin-stat-label">{t('finance.receivables.installments')}</span>
            <strong data-testid="receivables-installments">{formatMoney(data.installmentsCents)}</strong>
          </div>
          <div className="fin-stat">
            <span className="fin-stat-label">{t('finance.receivables.orders')}</span>
            <strong data-testid="receivables-orders">{formatMoney(data.ordersCents)}</strong>
          </div>
        </div>
      )}
      {data && limited(data.items) && (
        <Notice tone="warn">{t('finance.receivables.limited', { count: formatInt(LIMIT) })}</Notice>
      )}
      <div className={list.isPlaceholderData ? 'table-wrap fin-stale' : 'table-wrap'}>
        <table className="table" data-testid="receivables-table">
          <thead>
            <tr>
              <th>{t('credit.col.dueDate')}</th>
              <th>{t('finance.col.kind')}</th>
              <th>{t('finance.col.reference')}</th>
              <th>{t('finance.col.customer')}</th>
              <th className="fin-num">{t('credit.col.open')}</th>
            </tr>
          </thead>
          <tbody>
            {list.isPending && <SkeletonRows rows={6} cols={5} />}
            {data?.items.map((r) => (
              <tr
                key={`${r.kind}-${r.id}`}
                className={r.overdue ? 'fin-overdue' : undefined}
                data-testid="receivable-row"
              >
                <td data-label={t('credit.col.dueDate')} className="nowrap">
                  {r.dueDate ? formatDateBR(r.dueDate) : t('finance.receivables.noDate')}
                  {r.overdue && <span className="badge badge-danger">{t('finance.receivables.late')}</span>}
                </td>
                <td data-label={t('finance.col.kind')}>{t(`finance.receivables.kind.${r.kind}`)}</td>
                <td data-label={t('finance.col.reference')} className="nowrap">
                  {r.kind === 'pedido' ? <Link href={orderHref(r.id)}>{r.reference}</Link> : r.reference}
                </td>
                <td data-label={t('finance.col.customer')}>
                  <Link href={customerHref(r.customerId)}>{r.customerName}</Link>
                </td>
                <td data-label={t('credit.col.open')} className="fin-num">
                  {formatMoney(r.balanceCents)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {data && data.items.length === 0 && (
          <div className="empty" data-testid="receivables-empty">
            <p>{t('finance.receivables.empty')}</p>
          </div>
        )}
      </div>
    </section>
  );
}
