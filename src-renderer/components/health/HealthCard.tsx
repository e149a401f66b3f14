import './health.css';
import type { OutputOf } from '../../../src-shared/contract';
import { formatDateBR } from '../../../src-shared/domain/dates';
import { HEALTH_PILLARS, type HealthCategory, type HealthPillar } from '../../../src-shared/domain/health';
import { useCall } from '../../api/hooks';
import { t } from '../../i18n';
import { formatMoney } from '../../lib/finance';
import { formatInt } from '../../lib/format';
import { SeriesChart } from '../charts';
import { ErrorBox } from '../ErrorBox';

/** 0,8123 → "0,81". */
export function formatScore(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat('pt-BR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

export function CategoryChip({ category }: { category: HealthCategory }) {
  return (
    <span className={`chip health-chip health-${category}`} data-testid="health-category">
      {t(`health.category.${category}`)}
    </span>
  );
}

/** "2026-11" → "nov/2026". */
function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat('pt-BR', { month: 'short', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, m - 1, 1)))
    .replace('. de ', '/')
    .replace(' de ', '/');
}

type Detail = OutputOf<'health.customer'>;

function factOf(pillar: HealthPillar, d: Detail): string {
  const p = d.pillars;
  if (!p) return '';
  switch (pillar) {
    case 'recencia': {
      const r = p.recencia;
      if (!r.lastOrderDate) return t('health.fact.recenciaNone');
      const params = {
        date: formatDateBR(r.lastOrderDate),
        days: formatInt(r.daysSinceLastOrder ?? 0),
        interval: formatScore(r.usualIntervalDays).replace(/,00$/, ''),
      };
      return t(r.defaultInterval ? 'health.fact.recenciaDefault' : 'health.fact.recencia', params);
    }
    case 'frequencia':
      return t('health.fact.frequencia', {
        orders: formatInt(p.frequencia.orders),
        ranked: formatInt(p.frequencia.rankedCustomers),
      });
    case 'valor':
      return p.valor.revenueCents === undefined
        ? t('health.fact.valorNoMoney', { ranked: formatInt(p.valor.rankedCustomers) })
        : t('health.fact.valor', {
            revenue: formatMoney(p.valor.revenueCents),
            ranked: formatInt(p.valor.rankedCustomers),
          });
    case 'pontualidade': {
      const q = p.pontualidade;
      if (q.value === null) return t('health.fact.pontualidadeNeutral');
      return t('health.fact.pontualidade', {
        onTime: formatInt(q.onTime),
        late: formatInt(q.late),
        overdue: formatInt(q.overdueOpen),
        avg: formatScore(q.averageDaysLate ?? 0).replace(/,00$/, ''),
      });
    }
  }
}

/** The customer page's health block: score, category, each pillar with its facts, the monthly history. */
export function HealthCard({ customerId }: { customerId: number }) {
  const health = useCall('health.customer', { id: customerId });
  // Not this user's customer (a vendedor's view of another seller's): nothing to show.
  if (health.error?.code === 'FORBIDDEN') return null;
  const d = health.data;
  return (
    <div className="card" data-testid="health-card">
      <h2>{t('health.card.title')}</h2>
      <ErrorBox error={health.error} onRetry={() => void health.refetch()} />
      {d && !d.scored && <p className="muted">{t('health.card.unscored')}</p>}
      {d?.scored && d.pillars && (
        <>
          <p className="health-score-line">
            <strong className="health-score" data-testid="health-score">
              {formatScore(d.score)}
            </strong>{' '}
            {d.category && <CategoryChip category={d.category} />}
            {d.computedOn && (
              <span className="muted small">
                {' '}
                · {t('health.card.computedOn', { date: formatDateBR(d.computedOn) })}
              </span>
            )}
          </p>
          <dl className="dl health-pillars">
            {HEALTH_PILLARS.map((pillar) => {
              const value = d.pillars?.[pillar].value ?? null;
              const weight = d.weights?.[pillar] ?? 0;
              return (
                <div key={pillar} className="dl-item" data-testid={`health-pillar-${pillar}`}>
                  <dt>
                    {t(`health.pillar.${pillar}`)}{' '}
                    <span className="muted small">({t('health.weight', { weight: Math.round(weight * 100) })})</span>
                  </dt>
                  <dd>
                    <strong>{value === null ? t('health.neutral') : formatScore(value)}</strong>
                    <div className="muted small">{factOf(pillar, d)}</div>
                  </dd>
                </div>
              );
            })}
          </dl>
        </>
      )}
      {d && d.history.length > 0 && (
        <>
          <h3>{t('health.card.history')}</h3>
          <SeriesChart
            kind="line"
            height={180}
            title={t('health.card.history')}
            data={d.history.map((h) => ({ month: monthLabel(h.month), score: h.score }))}
            xKey="month"
            series={[{ key: 'score', label: t('health.score') }]}
            format={(v) => formatScore(v)}
          />
        </>
      )}
    </div>
  );
}
