import { useState } from 'react';
import type { OutputOf } from '../../../src-shared/contract';
import { addDays } from '../../../src-shared/domain/credit';
import { formatDateBR } from '../../../src-shared/domain/dates';
import { useCall } from '../../api/hooks';
import { SeriesChart } from '../../components/charts';
import { DataTable } from '../../components/DataTable';
import { ErrorBox } from '../../components/ErrorBox';
import { t } from '../../i18n';
import type { ColumnList } from '../../lib/table';
import { useSession } from '../../session';
import { formatM2, growth, int, money, ReportFiles, Stat } from './common';

type Weekly = OutputOf<'reports.weekly'>;
type Rank = Weekly['topByRevenue'][number];

/** `/relatorios/semanal`: the week (Monday–Sunday) against the one before, and what sold most. */
export function WeeklyReport() {
  const session = useSession();
  const [date, setDate] = useState<string | undefined>(undefined);
  const report = useCall('reports.weekly', date ? { date } : {}, { keepPrevious: true });
  const w = report.data;
  const moneyOk = session.can('money.read');
  const columns = (by: 'revenue' | 'quantity'): ColumnList<Rank> => [
    { id: 'name', header: t('reports.col.product'), required: true, cell: (r) => r.name },
    { id: 'type', header: t('reports.col.type'), cell: (r) => r.productionType, hiddenByDefault: by === 'quantity' },
    {
      id: 'quantity',
      header: t('reports.col.quantity'),
      num: true,
      cell: (r) => int(r.quantity),
      sortValue: (r) => r.quantity,
    },
    { id: 'area', header: t('reports.col.area'), num: true, cell: (r) => formatM2(r.areaM2), hiddenByDefault: true },
    moneyOk && {
      id: 'revenue',
      header: t('reports.col.revenue'),
      num: true,
      cell: (r) => money(r.revenueCents),
      sortValue: (r) => r.revenueCents,
    },
    moneyOk && {
      id: 'cost',
      header: t('reports.col.cost'),
      num: true,
      cell: (r) => money(r.costCents),
      hiddenByDefault: true,
    },
    moneyOk && { id: 'profit', header: t('reports.col.profit'), num: true, cell: (r) => money(r.profitCents) },
  ];
  return (
    <div data-testid="report-weekly">
      <div className="report-toolbar">
        <div className="actions">
          <button
            type="button"
            className="btn btn-small"
            data-testid="weekly-prev"
            onClick={() => w && setDate(w.previousWeek.from)}
          >
            {t('reports.weekly.prev')}
          </button>
          <strong data-testid="weekly-range">
            {w ? `${formatDateBR(w.week.from)} – ${formatDateBR(w.week.to)}` : ''}
          </strong>
          <button
            type="button"
            className="btn btn-small"
            data-testid="weekly-next"
            onClick={() => w && setDate(addDays(w.week.from, 7))}
          >
            {t('reports.weekly.next')}
          </button>
        </div>
        <ReportFiles params={{ report: 'semanal', ...(date && { date }) }} testId="weekly" />
      </div>
      <ErrorBox error={report.error} onRetry={() => void report.refetch()} />
      {w && (
        <>
          {w.own && <p className="muted">{t('reports.ownOnly')}</p>}
          <div className="fin-stats" data-testid="weekly-stats">
            {moneyOk && (
              <Stat
                main
                label={t('reports.sales')}
                value={money(w.current.salesCents)}
                hint={`${growth(w.current.salesCents, w.previous.salesCents)} · ${money(w.previous.salesCents)}`}
                testId="weekly-sales"
              />
            )}
            <Stat
              label={t('reports.orders')}
              value={int(w.current.orders)}
              hint={`${growth(w.current.orders, w.previous.orders)} · ${int(w.previous.orders)}`}
              testId="weekly-orders"
            />
            {moneyOk && (
              <Stat
                label={t('reports.profit')}
                value={money(w.current.profitCents)}
                hint={`${growth(w.current.profitCents, w.previous.profitCents)} · ${t('reports.cost')} ${money(w.current.costCents)}`}
                testId="weekly-profit"
              />
            )}
            <Stat
              label={t('reports.area')}
              value={formatM2(w.current.areaM2)}
              hint={`${growth(w.current.areaM2, w.previous.areaM2)} · ${formatM2(w.previous.areaM2)}`}
            />
          </div>
          {moneyOk && w.topByRevenue.length > 0 && (
            <SeriesChart
              kind="bar"
              title={t('reports.weekly.topRevenue')}
              data={w.topByRevenue.map((r) => ({ name: r.name, revenue: r.revenueCents ?? 0 }))}
              xKey="name"
              series={[{ key: 'revenue', label: t('reports.col.revenue') }]}
              format={(v) => money(v)}
              height={220}
            />
          )}
          <h2>{t('reports.weekly.topRevenue')}</h2>
          <DataTable
            tableId="report-weekly-revenue"
            columns={columns('revenue')}
            rows={w.topByRevenue}
            rowKey={(r) => r.productId}
            testId="weekly-top-revenue"
            empty={<p className="muted">{t('reports.empty')}</p>}
          />
          <h2>{t('reports.weekly.topQuantity')}</h2>
          <DataTable
            tableId="report-weekly-quantity"
            columns={columns('quantity')}
            rows={w.topByQuantity}
            rowKey={(r) => r.productId}
            testId="weekly-top-quantity"
            empty={<p className="muted">{t('reports.empty')}</p>}
          />
        </>
      )}
    </div>
  );
}
