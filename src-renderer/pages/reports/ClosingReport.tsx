import { useState } from 'react';
import type { OutputOf } from '../../../src-shared/contract';
import { CLOSING_GROUPS } from '../../../src-shared/contract/reports';
import { formatDateBR } from '../../../src-shared/domain/dates';
import { useCall } from '../../api/hooks';
import { SeriesChart } from '../../components/charts';
import { DataTable } from '../../components/DataTable';
import { ErrorBox, Notice } from '../../components/ErrorBox';
import { useStoredState } from '../../hooks/useStoredState';
import { t } from '../../i18n';
import type { ColumnList } from '../../lib/table';
import { useSession } from '../../session';
import { formatM2, int, money, ReportFiles, Stat } from './common';
import { INITIAL_PERIOD, PeriodPicker, parsePeriod, periodInput } from './PeriodPicker';

type Closing = OutputOf<'reports.closing'>;
type Group = (typeof CLOSING_GROUPS)[number];
type GroupRow = Closing['groups'][Group][number];
type Reprint = Closing['reprints']['items'][number];
type Reason = Closing['reprints']['reasons'][number];

const PER_ITEM: readonly Group[] = ['designer', 'tipo', 'maquina'];

/** The closing of the chosen period: one query feeds the closing, machines and reprints tabs. */
function useClosing(key: string, group: Group) {
  const [period, setPeriod] = useStoredState(`balcao.reports.${key}`, INITIAL_PERIOD, (s) => parsePeriod(s));
  const input = periodInput(period);
  const report = useCall('reports.closing', input ? { ...input, group } : {}, {
    keepPrevious: true,
    enabled: input !== null,
  });
  return { period, setPeriod, input, report };
}

function periodLine(c: Closing): string {
  const range =
    c.period.from === c.period.to
      ? formatDateBR(c.period.from)
      : `${formatDateBR(c.period.from)} – ${formatDateBR(c.period.to)}`;
  return `${range} · ${t(`reports.basis.${c.basis}`)}`;
}

function groupColumns(group: Group, rows: readonly GroupRow[], moneyOk: boolean): ColumnList<GroupRow> {
  const perItem = PER_ITEM.includes(group);
  const sum = (pick: (r: GroupRow) => number | null | undefined) => rows.reduce((a, r) => a + (pick(r) ?? 0), 0);
  return [
    {
      id: 'label',
      header: t(`reports.group.${group}`),
      required: true,
      cell: (r) => r.label,
      sortValue: (r) => r.label.toLocaleLowerCase('pt-BR'),
    },
    !perItem && {
      id: 'orders',
      header: t('reports.orders'),
      num: true,
      cell: (r) => int(r.orders),
      sortValue: (r) => r.orders,
      total: () => <span data-testid="closing-total-orders">{int(sum((r) => r.orders))}</span>,
    },
    {
      id: 'lines',
      header: t('reports.col.lines'),
      num: true,
      cell: (r) => int(r.lines),
      sortValue: (r) => r.lines,
      total: () => <span data-testid="closing-total-lines">{int(sum((r) => r.lines))}</span>,
    },
    perItem && {
      id: 'quantity',
      header: t('reports.col.quantity'),
      num: true,
      cell: (r) => int(r.quantity),
      sortValue: (r) => r.quantity,
      total: () => int(sum((r) => r.quantity)),
    },
    perItem && {
      id: 'area',
      header: t('reports.col.area'),
      num: true,
      cell: (r) => formatM2(r.areaM2),
      sortValue: (r) => r.areaM2,
      total: () => (
        <span data-testid="closing-total-area">{formatM2(Math.round(sum((r) => r.areaM2) * 100) / 100)}</span>
      ),
    },
    moneyOk && {
      id: 'value',
      header: t('reports.col.value'),
      num: true,
      cell: (r) => money(r.valueCents),
      sortValue: (r) => r.valueCents,
      total: () => <span data-testid="closing-total-value">{money(sum((r) => r.valueCents))}</span>,
    },
    moneyOk &&
      perItem && {
        id: 'cost',
        header: t('reports.col.cost'),
        num: true,
        cell: (r) => money(r.costCents),
        sortValue: (r) => r.costCents,
        total: () => money(sum((r) => r.costCents)),
      },
  ];
}

function GroupTable({ group, rows, testId }: { group: Group; rows: readonly GroupRow[]; testId: string }) {
  const session = useSession();
  return (
    <DataTable
      tableId={`report-group-${group}`}
      columns={groupColumns(group, rows, session.can('money.read'))}
      rows={rows}
      rowKey={(r) => r.key}
      testId={testId}
      rowTestId={`${testId}-row`}
      totalsLabel={t('reports.total')}
      empty={<p className="muted">{t('reports.empty')}</p>}
    />
  );
}

/** `/relatorios/fechamento`. */
export function ClosingReport() {
  const session = useSession();
  const [group, setGroup] = useStoredState<Group>('balcao.reports.closingGroup', 'cliente', (s) =>
    CLOSING_GROUPS.includes(s as Group) ? (s as Group) : 'cliente',
  );
  const { period, setPeriod, input, report } = useClosing('closing', group);
  const c = report.data;
  const moneyOk = session.can('money.read');
  return (
    <div data-testid="report-closing">
      <div className="report-toolbar">
        <PeriodPicker state={period} onChange={setPeriod} />
        {input && <ReportFiles params={{ report: 'fechamento', group, ...input }} testId="closing" />}
      </div>
      <ErrorBox error={report.error} onRetry={() => void report.refetch()} />
      {c && (
        <>
          <p className="muted" data-testid="closing-period">
            {periodLine(c)}
            {c.own ? ` · ${t('reports.ownOnly')}` : ''}
          </p>
          <div className="fin-stats" data-testid="closing-stats">
            {moneyOk && (
              <Stat main label={t('reports.sales')} value={money(c.totals.salesCents)} testId="closing-sales" />
            )}
            <Stat label={t('reports.orders')} value={int(c.totals.orders)} testId="closing-orders" />
            <Stat
              label={t('reports.col.lines')}
              value={int(c.totals.lines)}
              hint={`${int(c.totals.quantity)} ${t('reports.pieces')}`}
            />
            <Stat label={t('reports.area')} value={formatM2(c.totals.areaM2)} />
            {moneyOk && (
              <>
                <Stat label={t('reports.discount')} value={money(c.totals.discountCents)} />
                <Stat label={t('reports.freight')} value={money(c.totals.freightCents)} />
                <Stat label={t('reports.cost')} value={money(c.totals.costCents)} />
                <Stat label={t('reports.profit')} value={money(c.totals.profitCents)} testId="closing-profit" />
              </>
            )}
            <Stat
              label={t('reports.cancelled')}
              value={int(c.cancelled.orders)}
              {...(moneyOk && { hint: money(c.cancelled.totalCents) })}
            />
            <Stat
              label={t('reports.tab.reprints')}
              value={int(c.reprints.count)}
              {...(moneyOk && { hint: money(c.reprints.costCents) })}
            />
          </div>
          <label className="report-basis">
            <span>{t('reports.groupBy')}</span>
            <select value={group} data-testid="closing-group" onChange={(e) => setGroup(e.target.value as Group)}>
              {CLOSING_GROUPS.map((g) => (
                <option key={g} value={g}>
                  {t(`reports.group.${g}`)}
                </option>
              ))}
            </select>
          </label>
          <GroupTable group={group} rows={c.groups[group]} testId="closing-table" />
          {c.finance && (
            <section className="report-finance" data-testid="closing-finance">
              <h2>{t('reports.finance.title')}</h2>
              <div className="fin-stats">
                <Stat
                  main
                  label={t('reports.finance.received')}
                  value={money(c.finance.receivedCents)}
                  testId="closing-received"
                />
                <Stat
                  label={t('reports.finance.reversals')}
                  value={money(c.finance.reversalsCents)}
                  hint={int(c.finance.reversals)}
                />
                <Stat
                  label={t('reports.finance.creditSold')}
                  value={money(c.finance.creditSoldCents)}
                  hint={int(c.finance.creditSold)}
                />
                <Stat
                  label={t('reports.finance.installments')}
                  value={money(c.finance.installmentsReceivedCents)}
                  hint={int(c.finance.installmentsReceived)}
                />
                <Stat label={t('reports.finance.charges')} value={money(c.finance.chargesCents)} />
              </div>
              <DataTable
                tableId="report-finance-methods"
                columns={[
                  { id: 'name', header: t('reports.group.pagamento'), required: true, cell: (r) => r.name },
                  { id: 'payments', header: t('reports.finance.entries'), num: true, cell: (r) => int(r.payments) },
                  {
                    id: 'total',
                    header: t('reports.finance.received'),
                    num: true,
                    cell: (r) => money(r.totalCents),
                    total: (rows) => money(rows.reduce((a, r) => a + r.totalCents, 0)),
                  },
                ]}
                rows={c.finance.byMethod}
                rowKey={(r) => r.methodId}
                totalsLabel={t('reports.total')}
                testId="closing-methods"
                empty={<p className="muted">{t('reports.empty')}</p>}
              />
            </section>
          )}
        </>
      )}
    </div>
  );
}

/** `/relatorios/maquinas`: m², pieces and items per machine. */
export function MachinesReport() {
  const { period, setPeriod, input, report } = useClosing('machines', 'maquina');
  const c = report.data;
  return (
    <div data-testid="report-machines">
      <div className="report-toolbar">
        <PeriodPicker state={period} onChange={setPeriod} />
        {input && <ReportFiles params={{ report: 'maquinas', ...input }} testId="machines" />}
      </div>
      <ErrorBox error={report.error} onRetry={() => void report.refetch()} />
      {c && (
        <>
          <p className="muted">{periodLine(c)}</p>
          {c.groups.maquina.length > 0 && (
            <SeriesChart
              kind="bar"
              title={t('reports.tab.machines')}
              data={c.groups.maquina.map((r) => ({ name: r.label, area: r.areaM2 ?? 0, quantity: r.quantity ?? 0 }))}
              xKey="name"
              series={[
                { key: 'area', label: t('reports.col.area') },
                { key: 'quantity', label: t('reports.col.quantity') },
              ]}
              format={(v) => new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 2 }).format(v)}
              height={220}
            />
          )}
          <GroupTable group="maquina" rows={c.groups.maquina} testId="machines-table" />
        </>
      )}
    </div>
  );
}

/** `/relatorios/reimpressoes`: how many, what they cost, why. */
export function ReprintsReport() {
  const session = useSession();
  const moneyOk = session.can('money.read');
  const { period, setPeriod, input, report } = useClosing('reprints', 'status');
  const [showAll, setShowAll] = useState(false);
  const c = report.data;
  const reasons: ColumnList<Reason> = [
    { id: 'reason', header: t('reports.reprints.reason'), required: true, cell: (r) => r.reason },
    {
      id: 'count',
      header: t('reports.tab.reprints'),
      num: true,
      cell: (r) => int(r.count),
      total: (rows) => int(rows.reduce((a, r) => a + r.count, 0)),
    },
    moneyOk && {
      id: 'cost',
      header: t('reports.col.cost'),
      num: true,
      cell: (r) => money(r.costCents),
      total: (rows) => money(rows.reduce((a, r) => a + (r.costCents ?? 0), 0)),
    },
  ];
  const items: ColumnList<Reprint> = [
    { id: 'number', header: t('reports.reprints.order'), required: true, cell: (r) => r.number },
    { id: 'date', header: t('reports.reprints.date'), cell: (r) => formatDateBR(r.entryDate) },
    { id: 'customer', header: t('reports.reprints.customer'), cell: (r) => r.customerName },
    { id: 'reason', header: t('reports.reprints.reason'), cell: (r) => r.reason },
    moneyOk && { id: 'cost', header: t('reports.col.cost'), num: true, cell: (r) => money(r.costCents) },
  ];
  return (
    <div data-testid="report-reprints">
      <div className="report-toolbar">
        <PeriodPicker state={period} onChange={setPeriod} />
        {input && <ReportFiles params={{ report: 'reimpressoes', ...input }} testId="reprints" />}
      </div>
      <ErrorBox error={report.error} onRetry={() => void report.refetch()} />
      {c && (
        <>
          <p className="muted">{periodLine(c)}</p>
          <div className="fin-stats">
            <Stat main label={t('reports.tab.reprints')} value={int(c.reprints.count)} testId="reprints-count" />
            {moneyOk && <Stat label={t('reports.col.cost')} value={money(c.reprints.costCents)} />}
          </div>
          <DataTable
            tableId="report-reprint-reasons"
            columns={reasons}
            rows={c.reprints.reasons}
            rowKey={(r) => r.reason}
            totalsLabel={t('reports.total')}
            testId="reprints-reasons"
            empty={<p className="muted">{t('reports.empty')}</p>}
          />
          {c.reprints.items.length > 0 && (
            <>
              <h2>{t('reports.tab.reprints')}</h2>
              <DataTable
                tableId="report-reprint-items"
                columns={items}
                rows={showAll ? c.reprints.items : c.reprints.items.slice(0, 50)}
                rowKey={(r) => r.orderId}
                testId="reprints-items"
              />
              {!showAll && c.reprints.items.length > 50 && (
                <Notice>
                  <button type="button" className="btn btn-small" onClick={() => setShowAll(true)}>
                    {t('reports.showAll')}
                  </button>
                </Notice>
              )}
            </>
          )}
        </>
      )}
    </div>
  );
}
