import { useState } from 'react';
import { Link } from 'wouter';
import type { OutputOf } from '../../../src-shared/contract';
import { formatDateBR } from '../../../src-shared/domain/dates';
import { call } from '../../api/client';
import { useCall } from '../../api/hooks';
import { ErrorBox } from '../../components/ErrorBox';
import { OverdueBadge, PriorityBadge, StatusBadge } from '../../components/orders/labels';
import { useStageLabels } from '../../components/orders/stages';
import { Loading, Spinner } from '../../components/Spinner';
import { t } from '../../i18n';
import { formatCentsOrDash, formatInt } from '../../lib/format';
import { useSession } from '../../session';

type Deadline = OutputOf<'orders.deadlines'>['items'][number];
type Bucket = Deadline['bucket'];
/** Pages of a group loaded with "Mostrar mais" after the first one (by the group's cursor). */
type More = Partial<Record<Bucket, { items: Deadline[]; nextCursor: string | null }>>;

const BUCKETS: readonly Bucket[] = ['atrasado', 'hoje', 'amanha', 'semana', 'depois'];
const DAY_OPTIONS = [3, 7, 15, 30];

/** `/prazos`: what is due, grouped atrasado / hoje / amanhã / esta semana, and the production alerts. */
export function DeadlinesPage() {
  const [days, setDays] = useState(7);
  const deadlines = useCall('orders.deadlines', { days }, { keepPrevious: true });
  const stageLabel = useStageLabels();
  const seesMoney = useSession().can('money.read');
  // The server sends the first rows of each group with its count and cursor; more come per group.
  // Kept with the first pages they continue: fresh first pages (another horizon, a change elsewhere) start over.
  const [loaded, setLoaded] = useState<{ of: unknown; more: More }>({ of: null, more: {} });
  const more = loaded.of === deadlines.data ? loaded.more : {};
  const [loading, setLoading] = useState<Bucket | null>(null);
  const groups = new Map<Bucket, Deadline[]>();
  for (const item of [...(deadlines.data?.items ?? []), ...Object.values(more).flatMap((m) => m.items)]) {
    const list = groups.get(item.bucket) ?? [];
    list.push(item);
    groups.set(item.bucket, list);
  }
  const info = new Map((deadlines.data?.buckets ?? []).map((b) => [b.bucket, b]));
  const cursorOf = (bucket: Bucket) =>
    more[bucket] ? more[bucket].nextCursor : (info.get(bucket)?.nextCursor ?? null);
  const showMore = async (bucket: Bucket, cursor: string) => {
    setLoading(bucket);
    try {
      const page = await call('orders.deadlines', { days, bucket, cursor });
      const of = deadlines.data;
      setLoaded((l) => {
        const m = l.of === of ? l.more : {};
        const items = [...(m[bucket]?.items ?? []), ...page.items];
        return { of, more: { ...m, [bucket]: { items, nextCursor: page.buckets[0]?.nextCursor ?? null } } };
      });
    } finally {
      setLoading(null);
    }
  };
  const shown = [...groups.values()].reduce((n, list) => n + list.length, 0);
  return (
    <section className="page page-wide" data-testid="deadlines-page">
      <div className="page-header">
        <h1>
          {t('orders.deadlines.title')} {deadlines.isFetching && <Spinner small label={t('common.updating')} />}
        </h1>
        <label className="inline-label">
          {t('orders.deadlines.days')}
          <select value={days} onChange={(e) => setDays(Number(e.target.value))} data-testid="deadlines-days">
            {DAY_OPTIONS.map((n) => (
              <option key={n} value={n}>
                {t('orders.deadlines.nextDays', { n })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Alerts />
      <ErrorBox error={deadlines.error} onRetry={() => void deadlines.refetch()} />
      {deadlines.isPending && <Loading />}
      {deadlines.data && shown === 0 && <p className="empty muted">{t('orders.deadlines.empty')}</p>}
      {deadlines.data && deadlines.data.total > shown && (
        <p className="hint">
          {t('orders.deadlines.more', { shown: formatInt(shown), total: formatInt(deadlines.data.total) })}
        </p>
      )}
      {BUCKETS.map((bucket) => {
        const items = groups.get(bucket);
        if (!items?.length) return null;
        const cursor = cursorOf(bucket);
        return (
          <div key={bucket} className={`card deadline-group bucket-${bucket}`} data-testid={`deadlines-${bucket}`}>
            <h2>
              {t(`orders.bucket.${bucket}`)}{' '}
              <span className="count">({formatInt(info.get(bucket)?.count ?? items.length)})</span>
            </h2>
            <ul className="deadline-list">
              {items.map((o) => (
                <li key={o.id} className={o.overdue ? 'deadline is-overdue' : 'deadline'} data-testid="deadline-item">
                  <Link href={`/pedidos/${o.id}`} className="row-title">
                    {o.number}
                  </Link>
                  <span className="deadline-customer">{o.customerName}</span>
                  <span className={o.overdue ? 'text-overdue' : undefined}>
                    {formatDateBR(o.deliveryDate)} <OverdueBadge overdue={o.overdue} />
                  </span>
                  <span>
                    <StatusBadge status={o.status} testId="deadline-status" />
                  </span>
                  <span className="muted">{stageLabel(o.currentStage)}</span>
                  <span>
                    <PriorityBadge priority={o.priority} />
                  </span>
                  {/* "—" where the server left this order's money out (another seller's customer). */}
                  {seesMoney && <span className="num">{formatCentsOrDash(o.totalCents)}</span>}
                </li>
              ))}
            </ul>
            {cursor && (
              <button
                type="button"
                className="btn btn-small btn-ghost"
                disabled={loading === bucket}
                onClick={() => void showMore(bucket, cursor)}
                data-testid={`deadlines-more-${bucket}`}
              >
                {t('orders.customer.more')}
              </button>
            )}
          </div>
        );
      })}
    </section>
  );
}

/** Production alerts: late, urgent (due within a day and not started), stalled in a stage. */
export function Alerts({ compact }: { compact?: boolean }) {
  const alerts = useCall('orders.alerts', {});
  const [all, setAll] = useState(false);
  const items = alerts.data?.items ?? [];
  if (alerts.isError) return <ErrorBox error={alerts.error} onRetry={() => void alerts.refetch()} />;
  if (!alerts.data || items.length === 0) return null;
  const limit = compact && !all ? 5 : items.length;
  return (
    <div className="card alerts" data-testid="production-alerts">
      <h2>
        {t('production.alerts')} <span className="count">({formatInt(items.length)})</span>
      </h2>
      <ul className="alert-list">
        {items.slice(0, limit).map((a) => (
          <li key={`${a.kind}-${a.order.id}`} className={`alert-item alert-${a.kind}`} data-testid="production-alert">
            <span className={`badge alert-kind-${a.kind}`}>{t(`production.alert.${a.kind}`)}</span>
            <Link href={`/pedidos/${a.order.id}`}>
              {t(`alerts.${a.kind}`, {
                number: a.order.number,
                customer: a.order.customerName,
                count: a.count,
                stage: a.stage ?? '',
              })}
            </Link>
          </li>
        ))}
      </ul>
      {items.length > limit && (
        <button type="button" className="btn btn-small btn-ghost" onClick={() => setAll(true)}>
          {t('production.alerts.all', { n: formatInt(items.length) })}
        </button>
      )}
    </div>
  );
}
