import './home.css';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { OutputOf } from '../../../src-shared/contract';
import { addDays } from '../../../src-shared/domain/credit';
import { formatDateBR } from '../../../src-shared/domain/dates';
import { formatCents } from '../../../src-shared/domain/money';
import { useCall } from '../../api/hooks';
import { SeriesChart } from '../../components/charts';
import { ErrorBox } from '../../components/ErrorBox';
import { Loading } from '../../components/Spinner';
import { getLocale, t } from '../../i18n';
import { formatInt } from '../../lib/format';
import { homeLinks } from '../../lib/home-links';
import { useSession } from '../../session';

type Home = OutputOf<'home.summary'>;
type OrderRef = Home['operations']['overdue']['items'][number];

function Stat(props: {
  label: string;
  value: string;
  href?: string;
  hint?: string | null;
  testId: string;
  tone?: 'danger' | 'main';
}) {
  const className = `fin-stat home-stat${props.tone ? ` fin-stat-${props.tone}` : ''}`;
  const body = (
    <>
      <span className="fin-stat-label">{props.label}</span>
      <strong data-testid={props.testId}>{props.value}</strong>
      {props.hint && <span className="home-hint">{props.hint}</span>}
    </>
  );
  return props.href ? (
    <Link href={props.href} className={className} data-testid={`${props.testId}-link`}>
      {body}
    </Link>
  ) : (
    <div className={className}>{body}</div>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <section className="home-section" data-testid={testId}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function OrderList({ items, note, testId }: { items: OrderRef[]; note: (o: OrderRef) => string; testId: string }) {
  if (items.length === 0) return null;
  return (
    <ul className="home-list" data-testid={testId}>
      {items.map((o) => (
        <li key={o.id}>
          <Link href={`/pedidos/${o.id}`}>
            <strong>{o.number}</strong> {o.customerName}
          </Link>
          <span className="home-hint">{note(o)}</span>
        </li>
      ))}
    </ul>
  );
}

function formatPercent(value: number, signed = false): string {
  return new Intl.NumberFormat(getLocale(), {
    style: 'percent',
    maximumFractionDigits: 1,
    ...(signed && { signDisplay: 'exceptZero' }),
  }).format(value);
}

function compactMoney(cents: number): string {
  return new Intl.NumberFormat(getLocale(), {
    style: 'currency',
    currency: 'BRL',
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(cents / 100);
}

function shortDate(date: string): string {
  return formatDateBR(date).slice(0, 5);
}

/** `/`: the first page after login — the day at a glance, by role (production: no money; a seller: their own). */
export function HomePage() {
  const query = useCall('home.summary', {});
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorBox error={query.error} onRetry={() => void query.refetch()} />;
  const h = query.data;
  const ops = h.operations;
  const links = homeLinks(h.today, h.monthFrom, h.scope === 'proprios');
  return (
    <section className="page home-page" data-testid="home-page">
      <div className="page-header">
        <h1>{t('home.title')}</h1>
        <span className="muted" data-testid="home-today">
          {formatDateBR(h.today)}
          {h.scope === 'proprios' && ` · ${t('home.scope.own')}`}
        </span>
      </div>

      <Section title={t('home.today')} testId="home-ops">
        <div className="home-stats">
          <Stat
            label={t('home.dueToday')}
            value={formatInt(ops.dueToday.count)}
            href={links.dueToday}
            testId="home-due-today"
          />
          <Stat
            label={t('home.overdue')}
            value={formatInt(ops.overdue.count)}
            hint={ops.overdue.count > 0 ? t('home.overdue.hint', { count: ops.overdue.maxDaysLate }) : null}
            href={links.overdue}
            testId="home-overdue"
            {...(ops.overdue.count > 0 && { tone: 'danger' as const })}
          />
          <Stat
            label={t('home.approval')}
            value={formatInt(ops.awaitingApproval.count)}
            href={links.approval}
            testId="home-approval"
          />
          <Stat
            label={t('home.ready')}
            value={formatInt(ops.ready.count)}
            hint={ops.ready.count > 0 ? t('home.ready.hint', { count: ops.ready.maxDays }) : null}
            href={links.ready}
            testId="home-ready"
          />
          <Stat
            label={t('home.quotes')}
            value={formatInt(ops.quotesExpiring.count)}
            href={links.quotes}
            testId="home-quotes"
          />
          <ToSendStat />
        </div>
        <h3>{t('home.stages')}</h3>
        <div className="home-stats home-stats-small" data-testid="home-stages">
          {ops.stages.map((s) => (
            <Stat
              key={s.key}
              label={s.label}
              value={formatInt(s.count)}
              href={links.board}
              testId={`home-stage-${s.key}`}
            />
          ))}
        </div>
        <div className="home-lists">
          <OrderList
            items={ops.overdue.items}
            note={(o) => t('home.overdue.item', { count: o.days })}
            testId="home-overdue-list"
          />
          <OrderList
            items={ops.ready.items}
            note={(o) => t('home.ready.item', { count: o.days })}
            testId="home-ready-list"
          />
          <OrderList
            items={ops.quotesExpiring.items}
            note={(o) => t('home.quotes.item', { date: o.date ? formatDateBR(o.date) : '—' })}
            testId="home-quotes-list"
          />
        </div>
      </Section>

      {h.sales && <SalesSection sales={h.sales} links={links} />}

      {h.money && (
        <Section title={t('home.money')} testId="home-money">
          <div className="home-stats">
            <Stat
              label={t('home.received')}
              value={formatCents(h.money.receivedToday.totalCents)}
              hint={h.money.receivedToday.byMethod
                .filter((m) => m.totalCents !== 0)
                .map((m) => `${m.name} ${formatCents(m.totalCents)}`)
                .join(' · ')}
              href={links.received}
              testId="home-received"
              tone="main"
            />
            <Stat
              label={t('home.dueTodayMoney')}
              value={formatCents(h.money.dueToday.totalCents)}
              hint={t('home.due.hint', {
                orders: formatCents(h.money.dueToday.ordersCents),
                installments: formatCents(h.money.dueToday.installmentsCents),
              })}
              href={links.dueTodayMoney}
              testId="home-due-money"
            />
            <Stat
              label={t('home.dueWeek', { date: formatDateBR(h.money.dueWeek.to) })}
              value={formatCents(h.money.dueWeek.totalCents)}
              hint={t('home.due.hint', {
                orders: formatCents(h.money.dueWeek.ordersCents),
                installments: formatCents(h.money.dueWeek.installmentsCents),
              })}
              href={links.dueWeek}
              testId="home-due-week"
            />
            <Stat
              label={t('home.overdueInstallments', { count: h.money.overdueInstallments.count })}
              value={formatCents(h.money.overdueInstallments.principalCents)}
              hint={t('home.charges', { value: formatCents(h.money.overdueInstallments.chargesCents) })}
              href={links.overdueInstallments}
              testId="home-overdue-installments"
              {...(h.money.overdueInstallments.count > 0 && { tone: 'danger' as const })}
            />
          </div>
        </Section>
      )}

      {h.credit && (
        <Section title={t('home.credit')} testId="home-credit">
          <div className="home-stats">
            <Stat
              label={t('home.receivable')}
              value={formatCents(h.credit.receivableCents)}
              href={links.receivable}
              testId="home-receivable"
            />
            <Stat
              label={t('home.delinquency')}
              value={formatCents(h.credit.overduePrincipalCents)}
              hint={t('home.delinquency.share', { share: formatPercent(h.credit.overdueShare) })}
              href={links.delinquency}
              testId="home-delinquency"
            />
            <Stat
              label={t('home.creditSold')}
              value={formatCents(h.credit.soldThisMonthCents)}
              hint={t('home.creditSold.hint', { count: h.credit.soldThisMonthCount })}
              testId="home-credit-sold"
            />
          </div>
        </Section>
      )}

      <Section title={t('home.types')} testId="home-types">
        {h.productionTypes.length === 0 ? (
          <p className="muted">{t('home.types.empty')}</p>
        ) : (
          <table className="home-table">
            <thead>
              <tr>
                <th>{t('home.types.type')}</th>
                <th className="num">{t('home.types.orders')}</th>
                <th className="num">{t('home.types.items')}</th>
                {h.sales && <th className="num">{t('home.types.total')}</th>}
              </tr>
            </thead>
            <tbody>
              {h.productionTypes.map((row) => (
                <tr key={row.type} data-testid={`home-type-${row.type}`}>
                  <td>
                    <Link href={links.productionType(row.type)}>{row.type}</Link>
                  </td>
                  <td className="num">{formatInt(row.orders)}</td>
                  <td className="num">{formatInt(row.items)}</td>
                  {h.sales && <td className="num">{formatCents(row.totalCents ?? 0)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </section>
  );
}

function SalesSection({ sales, links }: { sales: NonNullable<Home['sales']>; links: ReturnType<typeof homeLinks> }) {
  const change =
    sales.changePercent === null
      ? t('home.sales.noComparison')
      : t('home.sales.change', { change: formatPercent(sales.changePercent / 100, true) });
  const data = sales.days.map((d) => ({
    label: shortDate(d.date),
    atual: d.totalCents,
    anterior: d.previousCents,
  }));
  return (
    <Section title={t('home.sales')} testId="home-sales">
      <div className="home-stats">
        <Stat
          label={t('home.sales.mtd')}
          value={formatCents(sales.monthToDate.totalCents)}
          hint={change}
          href={links.sales}
          testId="home-sales-mtd"
          tone="main"
        />
        <Stat
          label={t('home.sales.lastMonth', {
            from: shortDate(sales.sameDaysLastMonth.from),
            to: shortDate(sales.sameDaysLastMonth.to),
          })}
          value={formatCents(sales.sameDaysLastMonth.totalCents)}
          testId="home-sales-last-month"
        />
        <Stat
          label={t('home.sales.ticket')}
          value={formatCents(sales.averageTicketCents)}
          hint={t('home.sales.orders', { count: sales.monthToDate.count })}
          href={links.sales}
          testId="home-ticket"
        />
      </div>
      <div className="home-chart">
        <h3>
          {t('home.chart', {
            total: formatCents(sales.last30.totalCents),
            previous: formatCents(sales.previous30.totalCents),
          })}
        </h3>
        <SeriesChart
          kind="line"
          data={data}
          xKey="label"
          series={[
            { key: 'atual', label: t('home.chart.current', { from: shortDate(sales.last30.from) }) },
            {
              key: 'anterior',
              label: t('home.chart.previous', { from: shortDate(addDays(sales.last30.from, -30)) }),
              dashed: true,
            },
          ]}
          format={(value, short) => (short ? compactMoney(value) : formatCents(value))}
          title={t('home.chart.title')}
          height={220}
        />
      </div>
    </Section>
  );
}

/** Today's WhatsApp messages waiting to be opened and sent (the "A enviar" list), for who sends them. */
function ToSendStat() {
  const session = useSession();
  const allowed = session.can('messages.send');
  const list = useCall('outbox.toSend', {}, { enabled: allowed });
  if (!allowed) return null;
  const count = list.data?.items.length ?? 0;
  return (
    <Stat
      label={t('home.toSend')}
      value={list.data ? formatInt(count) : '…'}
      href="/mensagens/a-enviar"
      testId="home-to-send"
      {...(count > 0 && { tone: 'main' as const })}
    />
  );
}
