import type { OutputOf } from '../../../src-shared/contract';
import { formatDateBR } from '../../../src-shared/domain/dates';
import { useCall } from '../../api/hooks';
import { SeriesChart } from '../../components/charts';
import { DataTable } from '../../components/DataTable';
import { ErrorBox } from '../../components/ErrorBox';
import { useStoredState } from '../../hooks/useStoredState';
import { t } from '../../i18n';
import type { ColumnList } from '../../lib/table';
import { useSession } from '../../session';
import { formatM2, growth, int, money, ReportFiles, Stat } from './common';
import { PeriodPicker, parsePeriod, periodInput } from './PeriodPicker';

type Trends = OutputOf<'reports.trends'>;
type Point = Trends['points'][number];
type Figures = Point['current'];
type Granularity = 'dia' | 'semana' | 'mes';

const METRICS = [
  'salesCents',
  'orders',
  'profitCents',
  'areaM2',
  'lines',
  'quantity',
  'costCents',
  'ticketCents',
] as const;
type Metric = (typeof METRICS)[number];
const MONEY_METRICS: readonly Metric[] = ['salesCents', 'profitCents', 'costCents', 'ticketCents'];

function metricOf(f: Figures, m: Metric): number {
  return f[m] ?? 0;
}

function show(v: number, m: Metric): string {
  if (MONEY_METRICS.includes(m)) return money(v);
  if (m === 'areaM2') return formatM2(v);
  return int(v);
}

/** `/relatorios/tendencias`: one value per day, week or month, against the period before and last year. */
export function TrendsReport() {
  const session = useSession();
  const moneyOk = session.can('money.read');
  const [period, setPeriod] = useStoredState(
    'balcao.reports.trends',
    { preset: 'ano' as const, from: '', to: '', basis: 'entrada' as const },
    (s) => parsePeriod(s, { preset: 'ano', from: '', to: '', basis: 'entrada' }),
  );
  const [granularity, setGranularity] = useStoredState<Granularity>('balcao.reports.granularity', 'semana', (s) =>
    s === 'dia' || s === 'mes' ? s : 'semana',
  );
  const metrics = METRICS.filter((m) => moneyOk || !MONEY_METRICS.includes(m));
  const [stored, setMetric] = useStoredState<Metric>('balcao.reports.metric', 'salesCents', (s) =>
    METRICS.includes(s as Metric) ? (s as Metric) : 'salesCents',
  );
  const metric = metrics.includes(stored) ? stored : 'orders';
  const input = periodInput(period);
  const report = useCall('reports.trends', input ? { ...input, granularity } : {}, {
    keepPrevious: true,
    enabled: input !== null,
  });
  const tr = report.data;
  const columns: ColumnList<Point> = [
    { id: 'label', header: t('reports.col.period'), required: true, cell: (p) => p.label, sortValue: (p) => p.key },
    { id: 'from', header: t('reports.from'), cell: (p) => formatDateBR(p.from), hiddenByDefault: true },
    {
      id: 'value',
      header: t(`reports.metric.${metric}`),
      num: true,
      cell: (p) => show(metricOf(p.current, metric), metric),
      sortValue: (p) => metricOf(p.current, metric),
      total: () => (
        <span data-testid="trends-total">{tr ? show(metricOf(tr.totals.current, metric), metric) : ''}</span>
      ),
    },
    {
      id: 'previous',
      header: t('reports.trends.vsPrevious'),
      num: true,
      cell: (p) => growth(metricOf(p.current, metric), metricOf(p.previous, metric)),
      total: () => (tr ? growth(metricOf(tr.totals.current, metric), metricOf(tr.totals.previous, metric)) : ''),
    },
    {
      id: 'lastYear',
      header: t('reports.trends.vsLastYear'),
      num: true,
      cell: (p) => growth(metricOf(p.current, metric), metricOf(p.lastYear, metric)),
      total: () => (tr ? growth(metricOf(tr.totals.current, metric), metricOf(tr.totals.lastYear, metric)) : ''),
    },
    {
      id: 'lastYearValue',
      header: t('reports.trends.lastYear'),
      num: true,
      hiddenByDefault: true,
      cell: (p) => show(metricOf(p.lastYear, metric), metric),
    },
  ];
  return (
    <div data-testid="report-trends">
      <div className="report-toolbar">
        <PeriodPicker state={period} onChange={setPeriod} />
        <label className="report-basis">
          <span>{t('reports.granularity')}</span>
          <select
            value={granularity}
            data-testid="trends-granularity"
            onChange={(e) => setGranularity(e.target.value as Granularity)}
          >
            <option value="dia">{t('reports.granularity.dia')}</option>
            <option value="semana">{t('reports.granularity.semana')}</option>
            <option value="mes">{t('reports.granularity.mes')}</option>
          </select>
        </label>
        <label className="report-basis">
          <span>{t('reports.metric')}</span>
          <select value={metric} data-testid="trends-metric" onChange={(e) => setMetric(e.target.value as Metric)}>
            {metrics.map((m) => (
              <option key={m} value={m}>
                {t(`reports.metric.${m}`)}
              </option>
            ))}
          </select>
        </label>
        {input && <ReportFiles params={{ report: 'tendencias', granularity, ...input }} testId="trends" />}
      </div>
      <ErrorBox error={report.error} onRetry={() => void report.refetch()} />
      {tr && (
        <>
          <div className="fin-stats">
            <Stat
              main
              label={t(`reports.metric.${metric}`)}
              value={show(metricOf(tr.totals.current, metric), metric)}
            />
            <Stat
              label={t('reports.trends.vsPrevious')}
              value={growth(metricOf(tr.totals.current, metric), metricOf(tr.totals.previous, metric))}
              hint={`${formatDateBR(tr.totals.previousPeriod.from)} – ${formatDateBR(tr.totals.previousPeriod.to)}`}
            />
            <Stat
              label={t('reports.trends.vsLastYear')}
              value={growth(metricOf(tr.totals.current, metric), metricOf(tr.totals.lastYear, metric))}
              hint={`${formatDateBR(tr.totals.lastYearPeriod.from)} – ${formatDateBR(tr.totals.lastYearPeriod.to)}`}
            />
          </div>
          <SeriesChart
            kind={granularity === 'mes' ? 'bar' : 'line'}
            title={t('reports.tab.trends')}
            data={tr.points.map((p) => ({
              label: p.label,
              current: metricOf(p.current, metric),
              lastYear: metricOf(p.lastYear, metric),
            }))}
            xKey="label"
            series={[
              { key: 'current', label: t(`reports.metric.${metric}`) },
              { key: 'lastYear', label: t('reports.trends.lastYear'), dashed: true },
            ]}
            format={(v, short) =>
              MONEY_METRICS.includes(metric) && short
                ? new Intl.NumberFormat('pt-BR', { notation: 'compact', style: 'currency', currency: 'BRL' }).format(
                    v / 100,
                  )
                : show(v, metric)
            }
          />
          <DataTable
            tableId="report-trends"
            columns={columns}
            rows={tr.points}
            rowKey={(p) => p.key}
            totalsLabel={t('reports.total')}
            testId="trends-table"
            rowTestId="trends-row"
          />
        </>
      )}
    </div>
  );
}
