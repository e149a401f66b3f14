import { Link } from 'wouter';
import type { InputOf } from '../../../src-shared/contract';
import { formatDateBR } from '../../../src-shared/domain/dates';
import { useCall } from '../../api/hooks';
import { DateFilterField } from '../../components/DateInput';
import { ErrorBox, Notice } from '../../components/ErrorBox';
import { DocLink } from '../../components/finance/links';
import { SkeletonRows, Spinner } from '../../components/Spinner';
import { useStoredState } from '../../hooks/useStoredState';
import { t } from '../../i18n';
import { customerHref, docPaths, formatMoney } from '../../lib/finance';
import { dateFilter, displayPhone, formatInt } from '../../lib/format';

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
      <div className="filters fin-filters">
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
      </div>
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
      <div className={report.isPlaceholderData ? 'table-wrap fin-stale' : 'table-wrap'}>
        <table className="table" data-testid="delinquency-table">
          <thead>
            <tr>
              <th>{t('finance.col.customer')}</th>
              <th>{t('finance.delinquency.phone')}</th>
              <th className="fin-num">{t('finance.delinquency.countShort')}</th>
              <th>{t('finance.delinquency.oldest')}</th>
              {BUCKETS.map((b) => (
                <th key={b} className="fin-num">
                  {t(`finance.bucket.${b}`)}
                </th>
              ))}
              <th className="fin-num">{t('finance.delinquency.principal')}</th>
              <th className="fin-num">{t('finance.delinquency.charges')}</th>
            </tr>
          </thead>
          <tbody>
            {report.isPending && <SkeletonRows rows={5} cols={10} />}
            {data?.items.map((r) => (
              <tr key={r.customerId} data-testid="delinquency-row">
                <td data-label={t('finance.col.customer')}>
                  <Link href={customerHref(r.customerId)} className="row-title">
                    {r.customerName}
                  </Link>
                </td>
                <td data-label={t('finance.delinquency.phone')} className="nowrap">
                  {displayPhone(r.phone)}
                </td>
                <td data-label={t('finance.delinquency.countShort')} className="fin-num">
                  {r.count}
                </td>
                <td data-label={t('finance.delinquency.oldest')} className="nowrap">
                  {formatDateBR(r.oldestDueDate)}
                </td>
                {BUCKETS.map((b) => (
                  <td key={b} data-label={t(`finance.bucket.${b}`)} className="fin-num">
                    {r.buckets[b] ? formatMoney(r.buckets[b]) : '—'}
                  </td>
                ))}
                <td data-label={t('finance.delinquency.principal')} className="fin-num">
                  {formatMoney(r.principalCents)}
                </td>
                <td data-label={t('finance.delinquency.charges')} className="fin-num">
                  {formatMoney(r.chargesCents)}
                </td>
              </tr>
            ))}
          </tbody>
          {data && data.items.length > 0 && (
            <tfoot>
              <tr className="fin-total-row" data-testid="delinquency-total-row">
                <td>{t('finance.totalRow')}</td>
                <td />
                <td className="fin-num">{data.totals.count}</td>
                <td />
                {BUCKETS.map((b) => (
                  <td key={b} className="fin-num" data-testid={`delinquency-bucket-${b}`}>
                    {formatMoney(data.totals.buckets[b])}
                  </td>
                ))}
                <td className="fin-num">{formatMoney(data.totals.principalCents)}</td>
                <td className="fin-num">{formatMoney(data.totals.chargesCents)}</td>
              </tr>
            </tfoot>
          )}
        </table>
        {data && data.items.length === 0 && (
          <div className="empty" data-testid="delinquency-empty">
            <p>{t('finance.delinquency.empty')}</p>
          </div>
        )}
      </div>
    </section>
  );
}
