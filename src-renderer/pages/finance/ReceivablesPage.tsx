import { Link } from 'wouter';
import type { InputOf, OutputOf } from '../../../src-shared/contract';
import { formatDateBR } from '../../../src-shared/domain/dates';
import { useCall } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { DateFilterField } from '../../components/DateInput';
import { ErrorBox, Notice } from '../../components/ErrorBox';
import { FilterPanel } from '../../components/FilterPanel';
import { ReceivableActions } from '../../components/finance/RowActions';
import { Spinner } from '../../components/Spinner';
import { useStoredState } from '../../hooks/useStoredState';
import { t } from '../../i18n';
import { customerHref, formatMoney, orderHref } from '../../lib/finance';
import { dateFilter, formatInt } from '../../lib/format';
import { type ColumnList, sumOf } from '../../lib/table';
import { urlDateBR } from '../../lib/url-filters';

type Row = OutputOf<'receivables.list'>['items'][number];

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
  const [state, setState] = useStoredState('balcao.finance.receivables', INITIAL, parseState, (q) => ({
    from: urlDateBR(q.from),
    to: urlDateBR(q.to),
  }));
  const from = dateFilter(state.from);
  const to = dateFilter(state.to);
  const input: InputOf<'receivables.list'> = {
    limit: LIMIT,
    ...(from.iso && { from: from.iso }),
    ...(to.iso && { to: to.iso }),
  };
  const list = useCall('receivables.list', input, { keepPrevious: true });
  const data = list.data;
  const activeFilters = [
    state.from && `${t('finance.receivables.from')} ${state.from}`,
    state.to && `${t('finance.receivables.to')} ${state.to}`,
  ].filter((x): x is string => Boolean(x));
  const columns: ColumnList<Row> = [
    {
      id: 'dueDate',
      header: t('credit.col.dueDate'),
      required: true,
      className: 'nowrap',
      sortValue: (r) => r.dueDate ?? '9999',
      cell: (r) => (
        <>
          {r.dueDate ? formatDateBR(r.dueDate) : t('finance.receivables.noDate')}
          {r.overdue && <span className="badge badge-danger">{t('finance.receivables.late')}</span>}
        </>
      ),
    },
    {
      id: 'kind',
      header: t('finance.col.kind'),
      sortValue: (r) => r.kind,
      cell: (r) => t(`finance.receivables.kind.${r.kind}`),
    },
    {
      id: 'reference',
      header: t('finance.col.reference'),
      className: 'nowrap',
      cell: (r) => (r.kind === 'pedido' ? <Link href={orderHref(r.id)}>{r.reference}</Link> : r.reference),
    },
    {
      id: 'customer',
      header: t('finance.col.customer'),
      sortValue: (r) => r.customerName.toLocaleLowerCase('pt-BR'),
      cell: (r) => <Link href={customerHref(r.customerId)}>{r.customerName}</Link>,
    },
    {
      id: 'open',
      header: t('credit.col.open'),
      num: true,
      sortValue: (r) => r.balanceCents,
      cell: (r) => formatMoney(r.balanceCents),
      total: (rows) => formatMoney(sumOf(rows, (r) => r.balanceCents)),
    },
    {
      id: 'actions',
      header: t('finance.col.actions'),
      required: true,
      actions: true,
      cell: (r) => <ReceivableActions row={r} />,
    },
  ];

  return (
    <section className="page" data-testid="receivables-page">
      <div className="page-header">
        <h1>
          {t('finance.receivables.title')} {list.isFetching && data && <Spinner small label={t('common.updating')} />}
        </h1>
      </div>
      <FilterPanel active={activeFilters}>
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
      </FilterPanel>
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
      <DataTable
        tableId="receivables"
        columns={columns}
        rows={data?.items}
        rowKey={(r) => `${r.kind}-${r.id}`}
        loading={list.isPending}
        stale={list.isPlaceholderData}
        testId="receivables-table"
        rowTestId="receivable-row"
        rowClassName={(r) => (r.overdue ? 'fin-overdue' : undefined)}
        empty={
          <div className="empty" data-testid="receivables-empty">
            <p>{t('finance.receivables.empty')}</p>
          </div>
        }
      />
    </section>
  );
}
