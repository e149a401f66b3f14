import { Link } from 'wouter';
import type { InputOf, OutputOf } from '../../../src-shared/contract';
import { formatDateBR } from '../../../src-shared/domain/dates';
import { useCall } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { DateFilterField } from '../../components/DateInput';
import { ErrorBox, Notice } from '../../components/ErrorBox';
import { FilterPanel } from '../../components/FilterPanel';
import { DocLink } from '../../components/finance/links';
import { DelinquencyActions } from '../../components/finance/RowActions';
import { Spinner } from '../../components/Spinner';
import { useStoredState } from '../../hooks/useStoredState';
import { t } from '../../i18n';
import { customerHref, docPaths, formatMoney } from '../../lib/finance';
import { dateFilter, displayPhone, formatInt } from '../../lib/format';
import type { ColumnList, TableColumn } from '../../lib/table';

type Row = OutputOf<'reports.delinquency'>['items'][number];

interface State {
  from: string;
  to: string;
  asOf: string;
}

const INITIAL: State = { from: '', to: '', asOf: '' };

function parseState(stored: unknown): State {
  if (typeof stored !== 'object' || stored === null) return INITIAL;
  const s = stored as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return { from: str(s.from), to: str(s.to), asOf: str(s.asOf) };
}

const BUCKETS = ['d1_30', 'd31_60', 'd61_90', 'd90plus'] as const;

/** `/financeiro/inadimplencia`: customers with overdue installments, by age bucket, with totals and CSV. */
export function DelinquencyPage() {
  const [state, setState] = useStoredState('balcao.finance.delinquency', INITIAL, parseState);
  const from = dateFilter(state.from);
  const to = dateFilter(state.to);
  const asOf = dateFilter(state.asOf);
  const filters = {
    ...(from.iso && { from: from.iso }),
    ...(to.iso && { to: to.iso }),
    ...(asOf.iso && { asOf: asOf.iso }),
  };
  const input: InputOf<'reports.delinquency'> = filters;
  const report = useCall('reports.delinquency', input, { keepPrevious: true });
  const data = report.data;
  const set = (key: keyof State) => (value: string) => setState((s) => ({ ...s, [key]: value }));
  const activeFilters = [
    state.from && `${t('finance.delinquency.from')} ${state.from}`,
    state.to && `${t('finance.delinquency.to')} ${state.to}`,
    state.asOf && `${t('finance.delinquency.asOf')} ${state.asOf}`,
  ].filter((x): x is string => Boolean(x));
  // Totals are the report's (every customer), not just the rows shown.
  const totals = data?.totals;
  const columns: ColumnList<Row> = [
    {
      id: 'customer',
      header: t('finance.col.customer'),
      required: true,
      sortValue: (r) => r.customerName.toLocaleLowerCase('pt-BR'),
      cell: (r) => (
        <Link href={customerHref(r.customerId)} className="row-title">
          {r.customerName}
        </Link>
      ),
    },
    {
      id: 'phone',
      header: t('finance.delinquency.phone'),
      className: 'nowrap',
      cell: (r) => displayPhone(r.phone),
    },
    {
      id: 'count',
      header: t('finance.delinquency.countShort'),
      num: true,
      sortValue: (r) => r.count,
      cell: (r) => r.count,
      total: () => totals?.count,
    },
    {
      id: 'oldest',
      header: t('finance.delinquency.oldest'),
      className: 'nowrap',
      sortValue: (r) => r.oldestDueDate,
      cell: (r) => formatDateBR(r.oldestDueDate),
    },
    ...BUCKETS.map(
      (b): TableColumn<Row> => ({
        id: b,
        header: t(`finance.bucket.${b}`),
        num: true,
        hiddenByDefault: b === 'd31_60' || b === 'd61_90',
        sortValue: (r) => r.buckets[b],
        cell: (r) => (r.buckets[b] ? formatMoney(r.buckets[b]) : '—'),
        total: () => (
          <span data-testid={`delinquency-bucket-${b}`}>{totals ? formatMoney(totals.buckets[b]) : ''}</span>
        ),
      }),
    ),
    {
      id: 'principal',
      header: t('finance.delinquency.principal'),
      num: true,
      sortValue: (r) => r.principalCents,
      cell: (r) => formatMoney(r.principalCents),
      total: () => (totals ? formatMoney(totals.principalCents) : ''),
    },
    {
      id: 'charges',
      header: t('finance.delinquency.charges'),
      num: true,
      sortValue: (r) => r.chargesCents,
      cell: (r) => formatMoney(r.chargesCents),
      total: () => (totals ? formatMoney(totals.chargesCents) : ''),
    },
    {
      id: 'actions',
      header: t('finance.col.actions'),
      required: true,
      actions: true,
      cell: (r) => <DelinquencyActions row={r} />,
    },
  ];

  return (
    <section className="page" data-testid="delinquency-page">
      <div className="page-header">
        <div>
          <h1>
            {t('finance.delinquency.title')}{' '}
            {report.isFetching && data && <Spinner small label={t('common.updating')} />}
          </h1>
          {data && (
            <p className="muted" data-testid="delinquency-asof">
              {t('finance.delinquency.asOfLine', { date: formatDateBR(data.asOf) })}
            </p>
          )}
        </div>
        <div className="actions">
          <DocLink path={docPaths.delinquencyCsv} params={filters} testId="delinquency-csv" className="btn">
            {t('finance.exportCsv')}
          </DocLink>
        </div>
      </div>
      <FilterPanel active={activeFilters}>
        <div className="filters-grid">
          <DateFilterField
            name="filter-from"
            label={t('finance.delinquency.from')}
            error={from.error}
            value={state.from}
            onChange={set('from')}
          />
          <DateFilterField
            name="filter-to"
            label={t('finance.delinquency.to')}
            error={to.error}
            value={state.to}
            onChange={set('to')}
          />
          <DateFilterField
            name="filter-asOf"
            label={t('finance.delinquency.asOf')}
            error={asOf.error}
            hint={t('finance.delinquency.asOfHint')}
            value={state.asOf}
            onChange={set('asOf')}
          />
        </div>
      </FilterPanel>
      <ErrorBox error={report.error} onRetry={() => void report.refetch()} />
      {data && (
        <div className="fin-stats" data-testid="delinquency-totals">
          <div className="fin-stat">
            <span className="fin-stat-label">{t('finance.delinquency.customers')}</span>
            <strong data-testid="delinquency-customers">{formatInt(data.totals.customers)}</strong>
          </div>
          <div className="fin-stat">
            <span className="fin-stat-label">{t('finance.delinquency.count')}</span>
            <strong>{formatInt(data.totals.count)}</strong>
          </div>
          <div className="fin-stat fin-stat-danger">
            <span className="fin-stat-label">{t('finance.delinquency.principal')}</span>
            <strong data-testid="delinquency-principal">{formatMoney(data.totals.principalCents)}</strong>
          </div>
          <div className="fin-stat">
            <span className="fin-stat-label">{t('finance.delinquency.charges')}</span>
            <strong>{formatMoney(data.totals.chargesCents)}</strong>
          </div>
        </div>
      )}
      {data && data.totals.customers > data.items.length && (
        <Notice testId="delinquency-limited">
          {t('finance.delinquency.limited', {
            shown: formatInt(data.items.length),
            total: formatInt(data.totals.customers),
          })}
        </Notice>
      )}
      <DataTable
        tableId="delinquency"
        columns={columns}
        rows={data?.items}
        rowKey={(r) => r.customerId}
        loading={report.isPending}
        stale={report.isPlaceholderData}
        testId="delinquency-table"
        rowTestId="delinquency-row"
        totalsLabel={t('finance.totalRow')}
        empty={
          <div className="empty" data-testid="delinquency-empty">
            <p>{t('finance.delinquency.empty')}</p>
          </div>
        }
      />
    </section>
  );
}
