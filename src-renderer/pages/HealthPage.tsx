import { useState } from 'react';
import { Link } from 'wouter';
import type { InputOf, OutputOf } from '../../src-shared/contract';
import type { HEALTH_SORTS } from '../../src-shared/contract/health';
import { formatDateBR, formatInstantBR } from '../../src-shared/domain/dates';
import { HEALTH_CATEGORIES, type HealthCategory } from '../../src-shared/domain/health';
import { PERIOD_PRESETS, type PeriodPreset } from '../../src-shared/domain/periods';
import { useCall, useCallMutation } from '../api/hooks';
import { SeriesChart } from '../components/charts';
import { DataTable } from '../components/DataTable';
import { DateFilterField } from '../components/DateInput';
import { ErrorBox } from '../components/ErrorBox';
import { Field } from '../components/Field';
import { FilterPanel } from '../components/FilterPanel';
import { CategoryChip, formatScore } from '../components/health/HealthCard';
import { Pagination } from '../components/Pagination';
import { Spinner } from '../components/Spinner';
import { useToast } from '../components/Toasts';
import { useCursorPaging } from '../hooks/useListPaging';
import { useStoredState } from '../hooks/useStoredState';
import { t } from '../i18n';
import { formatMoney } from '../lib/finance';
import { dateFilter, displayPhone, formatInt, whatsappUrl } from '../lib/format';
import type { ColumnList } from '../lib/table';
import { useSession } from '../session';

type Sort = (typeof HEALTH_SORTS)[number];
type Row = OutputOf<'health.list'>['items'][number];
type RiskRow = OutputOf<'health.atRisk'>['items'][number];

interface State {
  category: '' | HealthCategory;
  joinedFrom: string;
  joinedTo: string;
  city: string;
  tag: string;
  sort: Sort;
  page: number;
  perPage: number;
}

const INITIAL: State = {
  category: '',
  joinedFrom: '',
  joinedTo: '',
  city: '',
  tag: '',
  sort: '-score',
  page: 1,
  perPage: 50,
};

function parseState(stored: unknown): State {
  if (typeof stored !== 'object' || stored === null) return INITIAL;
  const s = stored as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const category = str(s.category);
  return {
    ...INITIAL,
    category: (HEALTH_CATEGORIES as readonly string[]).includes(category) ? (category as HealthCategory) : '',
    joinedFrom: str(s.joinedFrom),
    joinedTo: str(s.joinedTo),
    city: str(s.city),
    tag: str(s.tag),
    sort: typeof s.sort === 'string' && s.sort ? (s.sort as Sort) : '-score',
    perPage: typeof s.perPage === 'number' ? s.perPage : 50,
  };
}

const CATEGORY_COLORS: Record<HealthCategory, string> = {
  critico: '#c62828',
  normal: '#f9a825',
  saudavel: '#2e7d32',
  campeao: '#1565c0',
};

/** `/clientes/saude`: the distribution, the KPIs of a period, the filtered list and the Em risco list. */
export function HealthPage() {
  const session = useSession();
  const money = session.can('money.read');
  const [state, setState] = useStoredState('balcao.health.list', INITIAL, parseState);
  const update = (patch: Partial<State>) => setState((s) => ({ ...s, page: 1, ...patch }));
  const from = dateFilter(state.joinedFrom);
  const to = dateFilter(state.joinedTo);
  const filters = {
    ...(from.iso && { joinedFrom: from.iso }),
    ...(to.iso && { joinedTo: to.iso }),
    ...(state.city.trim() && { city: state.city.trim() }),
    ...(state.tag.trim() && { tag: state.tag.trim() }),
  };
  const paging = useCursorPaging(JSON.stringify([filters, state.category, state.sort, state.perPage]));
  const cursor = paging.cursorFor(state.page);
  const input: InputOf<'health.list'> = {
    ...filters,
    ...(state.category && { category: state.category }),
    sort: state.sort,
    perPage: state.perPage,
    ...(cursor ? { cursor } : { page: state.page }),
  };
  const list = useCall('health.list', input, { keepPrevious: true });
  if (list.data) paging.learn(state.page, list.data.nextCursor);
  const distribution = useCall('health.distribution', filters, { keepPrevious: true });
  const filtered = Object.keys(filters).length > 0 || state.category !== '';
  const activeFilters = [
    state.category && t(`health.category.${state.category}`),
    state.joinedFrom && `${t('health.filter.joinedFrom')} ${state.joinedFrom}`,
    state.joinedTo && `${t('health.filter.joinedTo')} ${state.joinedTo}`,
    state.city && state.city,
    state.tag && `#${state.tag}`,
  ].filter((x): x is string => Boolean(x));

  const pillarColumn = (id: 'recencia' | 'frequencia' | 'valor' | 'pontualidade') => ({
    id,
    header: t(`health.pillar.${id}`),
    num: true,
    serverSort: [id, `-${id}`] as const,
    cell: (r: Row) => (r[id] === null ? <span className="muted">{t('health.neutral')}</span> : formatScore(r[id])),
  });
  const columns: ColumnList<Row> = [
    {
      id: 'customer',
      header: t('health.col.customer'),
      required: true,
      cell: (r) => (
        <Link href={`/clientes/${r.customerId}`} className="row-title">
          {r.name}
        </Link>
      ),
    },
    {
      id: 'score',
      header: t('health.score'),
      num: true,
      serverSort: ['score', '-score'],
      cell: (r) => <strong data-testid="health-row-score">{formatScore(r.score)}</strong>,
    },
    { id: 'category', header: t('health.col.category'), cell: (r) => <CategoryChip category={r.category} /> },
    pillarColumn('recencia'),
    pillarColumn('frequencia'),
    money && pillarColumn('valor'),
    pillarColumn('pontualidade'),
    {
      id: 'lastOrder',
      header: t('health.col.lastOrder'),
      className: 'nowrap',
      cell: (r) => formatDateBR(r.lastOrderDate),
    },
    { id: 'orders12m', header: t('health.col.orders12m'), num: true, hiddenByDefault: true, cell: (r) => r.orders12m },
    money && {
      id: 'revenue12m',
      header: t('health.col.revenue12m'),
      num: true,
      hiddenByDefault: true,
      cell: (r: Row) => (r.revenue12mCents === undefined ? '—' : formatMoney(r.revenue12mCents)),
    },
    { id: 'city', header: t('health.col.city'), hiddenByDefault: true, cell: (r) => r.city ?? '' },
  ];

  const dist = distribution.data;
  return (
    <section className="page" data-testid="health-page">
      <div className="page-header">
        <div>
          <h1>
            {t('health.title')} {list.isFetching && list.data && <Spinner small label={t('common.updating')} />}
          </h1>
          <p className="muted">{t('health.subtitle')}</p>
        </div>
      </div>

      <Kpis />

      <div className="card" data-testid="health-distribution">
        <h2>
          {t('health.distribution')} {dist && <span className="muted small">· {formatInt(dist.total)}</span>}
        </h2>
        <ErrorBox error={distribution.error} onRetry={() => void distribution.refetch()} />
        {dist && (
          <>
            <div className="fin-stats">
              {dist.categories.map((c) => (
                <button
                  key={c.category}
                  type="button"
                  className={state.category === c.category ? 'fin-stat fin-stat-active' : 'fin-stat'}
                  onClick={() => update({ category: state.category === c.category ? '' : c.category })}
                  data-testid={`health-dist-${c.category}`}
                  style={{ borderLeft: `4px solid ${CATEGORY_COLORS[c.category]}` }}
                >
                  <span className="fin-stat-label">{t(`health.category.${c.category}`)}</span>
                  <strong>{formatInt(c.count)}</strong>
                </button>
              ))}
            </div>
            <SeriesChart
              kind="bar"
              height={200}
              title={t('health.distribution')}
              data={dist.categories.map((c) => ({ label: t(`health.category.${c.category}`), count: c.count }))}
              xKey="label"
              series={[{ key: 'count', label: t('health.customers') }]}
              format={(v) => formatInt(v)}
            />
          </>
        )}
      </div>

      <AtRisk />
      {session.can('settings.write') && <WeightsCard />}

      <h2>{t('health.customers')}</h2>
      <FilterPanel active={activeFilters}>
        <div className="filters-grid">
          <Field name="filter-category" label={t('health.filter.category')}>
            {(p) => (
              <select
                {...p}
                value={state.category}
                onChange={(e) => update({ category: e.target.value as State['category'] })}
              >
                <option value="">{t('health.filter.anyCategory')}</option>
                {HEALTH_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {t(`health.category.${c}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <DateFilterField
            name="filter-joinedFrom"
            label={t('health.filter.joinedFrom')}
            error={from.error}
            value={state.joinedFrom}
            onChange={(v) => update({ joinedFrom: v })}
          />
          <DateFilterField
            name="filter-joinedTo"
            label={t('health.filter.joinedTo')}
            error={to.error}
            value={state.joinedTo}
            onChange={(v) => update({ joinedTo: v })}
          />
          <Field name="filter-city" label={t('health.filter.city')}>
            {(p) => (
              <input {...p} maxLength={80} value={state.city} onChange={(e) => update({ city: e.target.value })} />
            )}
          </Field>
          <Field name="filter-tag" label={t('health.filter.tag')}>
            {(p) => <input {...p} maxLength={40} value={state.tag} onChange={(e) => update({ tag: e.target.value })} />}
          </Field>
        </div>
      </FilterPanel>
      <ErrorBox error={list.error} onRetry={() => void list.refetch()} />
      <DataTable
        tableId="health"
        testId="health-table"
        rowTestId="health-row"
        columns={columns}
        rows={list.data?.items}
        rowKey={(r) => r.customerId}
        loading={list.isLoading}
        stale={list.isPlaceholderData}
        sort={state.sort}
        onSort={(sort) => update({ sort: sort as Sort })}
        empty={<p className="empty">{filtered ? t('health.emptyFiltered') : t('health.empty')}</p>}
      />
      {list.data && (
        <Pagination
          page={state.page}
          perPage={state.perPage}
          total={list.data.total}
          capped={list.data.totalCapped}
          more={list.data.nextCursor !== null}
          busy={list.isFetching}
          onPage={(page) => setState((s) => ({ ...s, page }))}
          onPerPage={(perPage) => update({ perPage })}
        />
      )}
    </section>
  );
}

function percent(value: number | null): string {
  if (value === null) return '—';
  return new Intl.NumberFormat('pt-BR', { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** The KPIs of a period (Hoje, Semana, Mês, Mês passado, Ano, personalizado); stacked on a phone. */
function Kpis() {
  const [preset, setPreset] = useStoredState<PeriodPreset>('balcao.health.period', 'mes', (v) =>
    typeof v === 'string' && (PERIOD_PRESETS as readonly string[]).includes(v) ? (v as PeriodPreset) : 'mes',
  );
  const [customFrom, setCustomFrom] = useState('');
  const [customTo, setCustomTo] = useState('');
  const from = dateFilter(customFrom);
  const to = dateFilter(customTo);
  const custom = preset === 'personalizado';
  const ready = !custom || (from.iso !== null && to.iso !== null);
  const input: InputOf<'health.kpis'> = {
    preset,
    ...(custom && from.iso && { from: from.iso }),
    ...(custom && to.iso && { to: to.iso }),
  };
  const kpis = useCall('health.kpis', input, { enabled: ready, keepPrevious: true });
  const k = kpis.data;
  return (
    <div className="card" data-testid="health-kpis">
      <h2>{t('health.kpis')}</h2>
      <div className="filters-grid">
        <Field name="health-period" label={t('health.period')}>
          {(p) => (
            <select {...p} value={preset} onChange={(e) => setPreset(e.target.value as PeriodPreset)}>
              {PERIOD_PRESETS.map((v) => (
                <option key={v} value={v}>
                  {t(`health.period.${v}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {custom && (
          <>
            <DateFilterField
              name="health-period-from"
              label={t('health.period.from')}
              error={from.error}
              value={customFrom}
              onChange={setCustomFrom}
            />
            <DateFilterField
              name="health-period-to"
              label={t('health.period.to')}
              error={to.error}
              value={customTo}
              onChange={setCustomTo}
            />
          </>
        )}
      </div>
      <ErrorBox error={kpis.error} onRetry={() => void kpis.refetch()} />
      {k && (
        <>
          <p className="muted small" data-testid="health-kpis-range">
            {t('health.period.range', { from: formatDateBR(k.from), to: formatDateBR(k.to) })}
          </p>
          <div className="fin-stats health-kpis">
            <Stat label={t('health.kpi.active')} value={formatInt(k.activeCustomers)} testId="kpi-active" />
            <Stat label={t('health.kpi.new')} value={formatInt(k.newCustomers)} testId="kpi-new" />
            <Stat
              label={t('health.kpi.churn')}
              value={percent(k.churnRate)}
              hint={t('health.kpi.churnHint', { churned: formatInt(k.churned), previous: formatInt(k.previousActive) })}
              testId="kpi-churn"
            />
            {k.averageTicketCents !== undefined && (
              <Stat
                label={t('health.kpi.ticket')}
                value={k.averageTicketCents === null ? '—' : formatMoney(k.averageTicketCents)}
                testId="kpi-ticket"
              />
            )}
            {k.lifetimeValueCents !== undefined && (
              <Stat
                label={t('health.kpi.ltv')}
                value={k.lifetimeValueCents === null ? '—' : formatMoney(k.lifetimeValueCents)}
                testId="kpi-ltv"
              />
            )}
            <Stat
              label={t('health.kpi.production')}
              value={
                k.averageProductionDays === null
                  ? '—'
                  : t('health.kpi.productionValue', { days: formatScore(k.averageProductionDays).replace(/,00$/, '') })
              }
              testId="kpi-production"
            />
            <Stat
              label={t('health.kpi.onTime')}
              value={percent(k.onTimeDeliveryRate)}
              hint={t('health.kpi.onTimeHint', { count: formatInt(k.delivered) })}
              testId="kpi-ontime"
            />
          </div>
        </>
      )}
    </div>
  );
}

function Stat({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) {
  return (
    <div className="fin-stat" data-testid={testId}>
      <span className="fin-stat-label">{label}</span>
      <strong>{value}</strong>
      {hint && <span className="muted small">{hint}</span>}
    </div>
  );
}

/** Em risco: who fell a category, and good customers past their habit — WhatsApp and a logged note. */
function AtRisk() {
  const risk = useCall('health.atRisk', {});
  const rows = risk.data?.items;
  return (
    <div className="card" data-testid="health-at-risk">
      <h2>{t('health.atRisk')}</h2>
      <p className="muted small">{t('health.atRisk.hint')}</p>
      <ErrorBox error={risk.error} onRetry={() => void risk.refetch()} />
      {rows && rows.length === 0 && <p className="muted">{t('health.atRisk.empty')}</p>}
      {rows && rows.length > 0 && (
        <ul className="health-risk-list">
          {rows.map((r) => (
            <RiskItem key={r.customerId} row={r} />
          ))}
        </ul>
      )}
    </div>
  );
}

function RiskItem({ row }: { row: RiskRow }) {
  const session = useSession();
  const toast = useToast();
  const [note, setNote] = useState('');
  const save = useCallMutation('health.note');
  const submit = async () => {
    if (!note.trim()) return;
    try {
      await save.mutateAsync({ id: row.customerId, notes: note.trim() });
      setNote('');
      toast(t('health.atRisk.noteSaved'));
    } catch {
      // Shown below the field.
    }
  };
  const why =
    row.reason === 'caiu' && row.fromCategory
      ? t('health.atRisk.fell', {
          from: t(`health.category.${row.fromCategory}`),
          to: t(`health.category.${row.category}`),
        })
      : t('health.atRisk.late', {
          days: formatInt(row.daysSinceLastOrder ?? 0),
          interval: formatScore(row.usualIntervalDays).replace(/,00$/, ''),
        });
  return (
    <li className="health-risk" data-testid="health-risk-row" data-customer={row.customerId}>
      <div className="health-risk-head">
        <Link href={`/clientes/${row.customerId}`} className="row-title">
          {row.name}
        </Link>{' '}
        <CategoryChip category={row.category} /> <span className="muted">{formatScore(row.score)}</span>
      </div>
      <div className="small">{why}</div>
      {row.lastContactAt && (
        <div className="muted small" data-testid="health-risk-contact">
          {t('health.atRisk.lastContact', {
            date: formatInstantBR(row.lastContactAt),
            note: row.lastContactNote ?? '',
          })}
        </div>
      )}
      <div className="health-risk-actions">
        {row.phone && (
          <a
            className="btn btn-small"
            href={whatsappUrl(row.phone)}
            target="_blank"
            rel="noreferrer"
            data-testid="health-risk-whatsapp"
            title={displayPhone(row.phone)}
          >
            {t('health.atRisk.whatsapp')}
          </a>
        )}
        {session.can('customers.interact') && (
          <form
            className="health-risk-note"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <input
              aria-label={t('health.atRisk.notePlaceholder')}
              placeholder={t('health.atRisk.notePlaceholder')}
              maxLength={2000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              data-testid="health-risk-note"
            />
            <button type="submit" className="btn btn-small" disabled={save.isPending || !note.trim()}>
              {t('health.atRisk.saveNote')}
            </button>
          </form>
        )}
      </div>
      <ErrorBox error={save.error} />
    </li>
  );
}

const PILLARS = ['recencia', 'frequencia', 'valor', 'pontualidade'] as const;

/** The score's weights and the default reorder interval (admin, gerente); saving recomputes every score. */
function WeightsCard() {
  const toast = useToast();
  const current = useCall('health.settings', {});
  const save = useCallMutation('health.setSettings');
  const [draft, setDraft] = useState<Record<string, string> | null>(null);
  const loaded = current.data;
  if (!loaded) return <ErrorBox error={current.error} onRetry={() => void current.refetch()} />;
  const values: Record<string, string> = draft ?? {
    ...Object.fromEntries(PILLARS.map((p) => [p, String(Math.round(loaded.weights[p] * 100) / 100)])),
    interval: String(loaded.defaultIntervalDays),
  };
  const number = (text: string | undefined) => Number((text ?? '').replace(',', '.'));
  const weights = Object.fromEntries(PILLARS.map((p) => [p, number(values[p])])) as Record<
    (typeof PILLARS)[number],
    number
  >;
  const interval = number(values.interval);
  const bad =
    PILLARS.some((p) => !Number.isFinite(weights[p]) || weights[p] < 0) ||
    PILLARS.every((p) => weights[p] === 0) ||
    !Number.isInteger(interval) ||
    interval < 1 ||
    interval > 365;
  const submit = async () => {
    try {
      const out = await save.mutateAsync({ weights, defaultIntervalDays: interval });
      setDraft(null);
      toast(t('health.weights.saved', { n: formatInt(out.recomputed) }));
    } catch {
      // Shown below.
    }
  };
  return (
    <form
      className="card stack"
      data-testid="health-weights"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{t('health.weights.title')}</h2>
      <p className="muted small">{t('health.weights.hint')}</p>
      <div className="grid-3">
        {PILLARS.map((p) => (
          <Field
            key={p}
            name={`weight-${p}`}
            label={t(`health.pillar.${p}`)}
            error={save.error?.fields?.[`weights.${p}`]}
          >
            {(control) => (
              <input
                {...control}
                inputMode="decimal"
                value={values[p] ?? ''}
                onChange={(e) => setDraft({ ...values, [p]: e.target.value })}
                data-testid={`health-weight-${p}`}
              />
            )}
          </Field>
        ))}
        <Field
          name="weight-interval"
          label={t('health.weights.interval')}
          error={save.error?.fields?.defaultIntervalDays}
        >
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              value={values.interval ?? ''}
              onChange={(e) => setDraft({ ...values, interval: e.target.value })}
              data-testid="health-weight-interval"
            />
          )}
        </Field>
      </div>
      {bad && <p className="field-error">{t('health.weights.invalid')}</p>}
      <ErrorBox error={save.error} />
      <div className="form-actions">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={bad || save.isPending}
          data-testid="health-weights-save"
        >
          {save.isPending ? <Spinner /> : t('common.save')}
        </button>
      </div>
    </form>
  );
}
