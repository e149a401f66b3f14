import { useQueries } from '@tanstack/react-query';
import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'wouter';
import type { OutputOf } from '../../../src-shared/contract';
import { ORDER_SORTS, ORDER_STATUSES } from '../../../src-shared/contract/orders';
import { formatDateBR } from '../../../src-shared/domain/dates';
import { PAYMENT_STATES } from '../../../src-shared/domain/payment-state';
import { call } from '../../api/client';
import { useCall, useCallMutation } from '../../api/hooks';
import { toAppError } from '../../api/http';
import { queryKeyOf } from '../../api/query-keys';
import { DateInput } from '../../components/DateInput';
import { ErrorBox } from '../../components/ErrorBox';
import { ExportButtons } from '../../components/ExportButtons';
import { Field } from '../../components/Field';
import { FilterPanel } from '../../components/FilterPanel';
import { BatchProgress, useFichaBatch } from '../../components/fichas/PrintFicha';
import { Modal } from '../../components/Modal';
import { choices, useCatalog } from '../../components/orders/catalog';
import {
  KindBadge,
  OverdueBadge,
  PaymentBadge,
  PriorityBadge,
  paymentStateLabel,
  StatusBadge,
  statusLabel,
} from '../../components/orders/labels';
import { CustomerPicker } from '../../components/orders/Picker';
import { useStageLabels } from '../../components/orders/stages';
import { Spinner } from '../../components/Spinner';
import { useToast } from '../../components/Toasts';
import { VirtualTable } from '../../components/VirtualTable';
import { useDebounced } from '../../hooks/useDebounced';
import { useStoredState } from '../../hooks/useStoredState';
import { t } from '../../i18n';
import { formatCentsOrDash, formatInt } from '../../lib/format';
import { visibleSorts } from '../../lib/money-fields';
import {
  activeFilterCount,
  type DateMode,
  dateFilterError,
  EMPTY_FILTERS,
  filtersFromQuery,
  filtersToInput,
  type KindFilter,
  ORDER_FILTERS_KEY,
  type OrderFilters,
  type OrderSort,
  type PriorityFilter,
  pagesForRange,
  parseFilters,
  type TriState,
} from '../../lib/order-list';
import type { ColumnList } from '../../lib/table';
import { useSession } from '../../session';

/** Rows fetched per request (the API's maximum): scrolling asks only for the pages in view. */
const PER_PAGE = 200;

type Summary = OutputOf<'orders.list'>['items'][number];

function useRowHeight(): number {
  const [narrow, setNarrow] = useState(() => window.matchMedia('(max-width: 760px)').matches);
  useEffect(() => {
    const query = window.matchMedia('(max-width: 760px)');
    const onChange = () => setNarrow(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return narrow ? 92 : 46;
}

/** `/pedidos`: every order and quote, filtered, sorted and scrolled smoothly even with 100k of them. */
export function OrdersPage() {
  const session = useSession();
  const [filters, setFilters] = useStoredState<OrderFilters>(
    ORDER_FILTERS_KEY,
    EMPTY_FILTERS,
    parseFilters,
    filtersFromQuery,
  );
  const text = useDebounced(filters.text, 300);
  const input = useMemo(() => filtersToInput(filters, text), [filters, text]);
  const rowHeight = useRowHeight();
  const lastTotal = useRef<{ total: number; capped: boolean }>({ total: 0, capped: false });
  const stageLabel = useStageLabels();

  const update = (patch: Partial<OrderFilters>) => setFilters((f) => ({ ...f, ...patch }));
  /** Orders picked for printing their fichas together. */
  const [selected, setSelected] = useState<ReadonlySet<number>>(() => new Set());
  const [twoPerPage, setTwoPerPage] = useState(false);
  const fichas = useFichaBatch();
  const toggle = (id: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const [visible, setVisible] = useState<[number, number]>([0, 0]);
  const pages = pagesForRange(visible[0], visible[1], PER_PAGE);
  const queries = useQueries({
    queries: pages.map((page) => {
      const pageInput = { ...input, page, perPage: PER_PAGE };
      return { queryKey: queryKeyOf('orders.list', pageInput), queryFn: () => call('orders.list', pageInput) };
    }),
  });
  const loaded = new Map<number, Summary[]>();
  let latest: { total: number; capped: boolean } | null = null;
  let error = null;
  let fetching = false;
  for (const [i, q] of queries.entries()) {
    const page = pages[i];
    if (q.data && page !== undefined) {
      loaded.set(page, q.data.items);
      latest ??= { total: q.data.total, capped: q.data.totalCapped };
    }
    error ??= q.error;
    fetching ||= q.isFetching;
  }
  if (latest) lastTotal.current = latest;
  const { total, capped } = latest ?? lastTotal.current;
  const firstLoad = queries.every((q) => q.isPending) && !latest;

  const onRange = useCallback((first: number, last: number) => {
    setVisible((v) => (v[0] === first && v[1] === last ? v : [first, last]));
  }, []);
  const inputKey = JSON.stringify(input);

  const rowAt = (index: number): Summary | undefined =>
    loaded.get(Math.floor(index / PER_PAGE) + 1)?.[index % PER_PAGE];

  const count = activeFilterCount(filters);
  const seesMoney = session.can('money.read');
  const activeFilters = filterLabels(filters);
  const columns: ColumnList<Summary> = [
    {
      id: 'select',
      header: '',
      required: true,
      width: '2.2rem',
      narrowHidden: true,
      cell: (o) => (
        <input
          type="checkbox"
          checked={selected.has(o.id)}
          onClick={(e) => e.stopPropagation()}
          onChange={() => toggle(o.id)}
          aria-label={t('fichas.select', { number: o.number })}
          data-testid="order-select"
        />
      ),
    },
    {
      id: 'number',
      header: t('orders.col.number'),
      required: true,
      width: '13rem',
      className: 'cell-number',
      serverSort: ['number', '-number'],
      cell: (o) => (
        <>
          <strong>{o.number}</strong>
          <PriorityBadge priority={o.priority} />
          <KindBadge kind={o.kind} />
          {o.isReprint && <span className="badge">{t('orders.reprintBadge')}</span>}
        </>
      ),
    },
    {
      id: 'customer',
      header: t('orders.col.customer'),
      required: true,
      width: 'minmax(9rem, 2fr)',
      className: 'cell-customer',
      cell: (o) => <span title={o.customerName}>{o.customerName}</span>,
    },
    {
      id: 'entry',
      header: t('orders.col.entry'),
      width: '6.5rem',
      className: 'cell-date cell-entry',
      narrowHidden: true,
      serverSort: ['entryDate', '-entryDate'],
      cell: (o) => formatDateBR(o.entryDate),
    },
    {
      id: 'delivery',
      header: t('orders.col.delivery'),
      width: '11rem',
      className: 'cell-date',
      serverSort: ['deliveryDate', '-deliveryDate'],
      cell: (o) => (
        <span className={o.overdue ? 'text-overdue' : undefined}>
          {formatDateBR(o.deliveryDate) ||
            (o.kind === 'orcamento' && o.validUntil
              ? `${t('orders.validUntilShort')} ${formatDateBR(o.validUntil)}`
              : '')}
          <OverdueBadge overdue={o.overdue} />
          {o.expired && <span className="badge badge-warn">{t('orders.expired')}</span>}
        </span>
      ),
    },
    {
      id: 'status',
      header: t('orders.col.status'),
      width: '7.5rem',
      cell: (o) => <StatusBadge status={o.status} testId="order-row-status" />,
    },
    {
      id: 'stage',
      header: t('orders.col.stage'),
      width: 'minmax(7rem, 1fr)',
      className: 'cell-stage',
      narrowHidden: true,
      cell: (o) => stageLabel(o.currentStage),
    },
    seesMoney && {
      id: 'total',
      header: t('orders.col.total'),
      width: '7.5rem',
      num: true,
      testId: 'order-row-total',
      serverSort: ['-totalCents', '-totalCents'],
      cell: (o) => formatCentsOrDash(o.totalCents),
    },
    seesMoney && {
      id: 'payment',
      header: t('orders.col.payment'),
      width: '6.5rem',
      cell: (o) => (o.paymentState ? <PaymentBadge state={o.paymentState} creditOpenCents={o.creditOpenCents} /> : '—'),
    },
  ];
  return (
    <section className="page page-wide" data-testid="orders-page">
      <div className="page-header">
        <h1>
          {t('orders.title')}
          {!firstLoad && (
            <span className="count" data-testid="orders-count">
              {' '}
              ({capped ? t('orders.countCapped') : formatInt(total)})
            </span>
          )}
          {fetching && !firstLoad && <Spinner small label={t('common.updating')} />}
        </h1>
        <ExportButtons base="/api/orders" params={input} testId="orders" />
        {session.can('orders.write') && (
          <div className="actions">
            <Link href="/pedidos/novo" className="btn btn-primary" data-testid="order-new">
              + {t('orders.new')}
            </Link>
            <Link href="/pedidos/novo/orcamento" className="btn" data-testid="quote-new">
              + {t('orders.newQuote')}
            </Link>
          </div>
        )}
      </div>

      <div className="searchbar">
        <label htmlFor="orders-search" className="visually-hidden">
          {t('orders.search')}
        </label>
        <input
          id="orders-search"
          type="search"
          className="search-input"
          placeholder={t('orders.searchPlaceholder')}
          autoComplete="off"
          maxLength={100}
          value={filters.text}
          onChange={(e) => update({ text: e.target.value })}
          data-testid="orders-search"
        />
        <SavedViews filters={filters} onApply={setFilters} />
      </div>

      {selected.size > 0 && (
        <div className="actions selection-bar" data-testid="orders-selection">
          <button
            type="button"
            className="btn btn-small btn-primary"
            onClick={() =>
              void fichas.start({ orderIds: [...selected].slice(0, 500), ...(twoPerPage && { paper: 'a4_duas' }) })
            }
            disabled={fichas.batch !== null && !fichas.batch.ready}
            data-testid="orders-print-fichas"
          >
            {t('fichas.batch.selected', { n: selected.size })}
          </button>
          <label className="inline-field small">
            <input type="checkbox" checked={twoPerPage} onChange={(e) => setTwoPerPage(e.target.checked)} />{' '}
            {t('fichas.batch.twoPerPage')}
          </label>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setSelected(new Set())}>
            {t('fichas.clearSelection')}
          </button>
        </div>
      )}
      <BatchProgress batch={fichas.batch} onOpen={fichas.open} onClose={fichas.dismiss} />

      <FilterPanel active={activeFilters} title={t('orders.filters')}>
        <OrderFiltersForm
          filters={filters}
          update={update}
          onClear={() => setFilters({ ...EMPTY_FILTERS, sort: filters.sort })}
        />
      </FilterPanel>

      <ErrorBox error={error} onRetry={() => queries.forEach((q) => void q.refetch())} />

      <VirtualTable
        tableId="orders"
        columns={columns}
        total={total}
        rowAt={rowAt}
        rowHeight={rowHeight}
        onRange={onRange}
        resetKey={inputKey}
        rowHref={(o) => `/pedidos/${o.id}`}
        rowClassName={(o) =>
          [o.overdue ? 'is-overdue' : '', o.priority === 'ALTA' ? 'is-high' : ''].filter(Boolean).join(' ')
        }
        rowTestId="order-row"
        sort={filters.sort}
        onSort={(sort) => update({ sort: sort as OrderFilters['sort'] })}
      >
        {!firstLoad && total === 0 && (
          <div className="empty" data-testid="orders-empty">
            {count > 0 ? (
              <>
                <p>{t('orders.empty')}</p>
                <p className="muted">{t('orders.emptyFiltered')}</p>
              </>
            ) : (
              <>
                <p>{t('orders.firstRun')}</p>
                {session.can('orders.write') && (
                  <Link href="/pedidos/novo" className="btn btn-primary" data-testid="order-first">
                    {t('orders.firstRunButton')}
                  </Link>
                )}
              </>
            )}
          </div>
        )}
        {firstLoad && (
          <div className="loading">
            <Spinner /> {t('common.loading')}
          </div>
        )}
      </VirtualTable>
    </section>
  );
}

/** The filters that are on, one short text each (the search box shows the text itself). */
function filterLabels(f: OrderFilters): string[] {
  const out: string[] = [];
  if (f.from || f.to)
    out.push(
      [
        t(`orders.filter.dateMode.${f.dateMode}`),
        f.from && `${t('orders.filter.from')} ${f.from}`,
        f.to && `${t('orders.filter.to')} ${f.to}`,
      ]
        .filter(Boolean)
        .join(' '),
    );
  if (f.statuses.length) out.push(f.statuses.map((s) => t(`orders.status.${s}`)).join(', '));
  if (f.kind !== 'todos') out.push(t(`orders.filter.kind.${f.kind}`));
  if (f.customerId) out.push(f.customerName || t('orders.filter.customer'));
  if (f.sellerId) out.push(t('orders.filter.seller'));
  if (f.designerId) out.push(t('orders.filter.designer'));
  if (f.productionType) out.push(f.productionType);
  if (f.priority) out.push(`${t('orders.filter.priority')}: ${t(`orders.priority.${f.priority}`)}`);
  const tri = (value: string, label: string) => {
    if (value) out.push(`${label}: ${value === 'true' ? t('orders.filter.only') : t('orders.filter.none')}`);
  };
  tri(f.overdue, t('orders.filter.overdue'));
  tri(f.expired, t('orders.filter.expired'));
  tri(f.reprint, t('orders.filter.reprint'));
  if (f.own) out.push(t('orders.filter.own'));
  return out;
}

function OrderFiltersForm({
  filters: f,
  update,
  onClear,
}: {
  filters: OrderFilters;
  update: (patch: Partial<OrderFilters>) => void;
  onClear: () => void;
}) {
  const catalog = useCatalog();
  const session = useSession();
  const settings = useCall('settings.production.get', {});
  const sellers = choices(
    catalog.staff.filter((s) => s.roles.includes('vendedor')),
    f.sellerId,
  );
  const designers = choices(
    catalog.staff.filter((s) => s.roles.includes('designer')),
    f.designerId,
  );
  const tri = (name: 'overdue' | 'expired' | 'reprint') => (
    <Field name={`filter-${name}`} label={t(`orders.filter.${name}`)}>
      {(p) => (
        <select
          {...p}
          value={f[name]}
          onChange={(e) => {
            const patch: Partial<OrderFilters> = {};
            patch[name] = e.target.value as TriState;
            update(patch);
          }}
        >
          <option value="">{t('orders.filter.any')}</option>
          <option value="true">{t('orders.filter.only')}</option>
          <option value="false">{t('orders.filter.none')}</option>
        </select>
      )}
    </Field>
  );
  return (
    <div className="filters-body">
      <fieldset className="status-filter">
        <legend>{t('orders.filter.status')}</legend>
        <div className="chips-toggle">
          {ORDER_STATUSES.map((status) => {
            const on = f.statuses.includes(status);
            return (
              <label key={status} className={on ? 'chip-toggle on' : 'chip-toggle'}>
                <input
                  type="checkbox"
                  checked={on}
                  onChange={() =>
                    update({ statuses: on ? f.statuses.filter((s) => s !== status) : [...f.statuses, status] })
                  }
                  data-testid={`filter-status-${status}`}
                />
                {statusLabel(status)}
              </label>
            );
          })}
        </div>
      </fieldset>
      <div className="filters-grid">
        <Field name="filter-dateMode" label={t('orders.filter.dateMode')}>
          {(p) => (
            <select {...p} value={f.dateMode} onChange={(e) => update({ dateMode: e.target.value as DateMode })}>
              <option value="entrada">{t('orders.filter.dateMode.entrada')}</option>
              <option value="entrega">{t('orders.filter.dateMode.entrega')}</option>
              <option value="qualquer">{t('orders.filter.dateMode.qualquer')}</option>
              <option value="validade">{t('orders.filter.dateMode.validade')}</option>
            </select>
          )}
        </Field>
        <Field
          name="filter-from"
          label={t('orders.filter.from')}
          error={dateFilterError(f.from) ? t('field.date') : null}
        >
          {(p) => <DateInput control={p} value={f.from} onChange={(from) => update({ from })} />}
        </Field>
        <Field name="filter-to" label={t('orders.filter.to')} error={dateFilterError(f.to) ? t('field.date') : null}>
          {(p) => <DateInput control={p} value={f.to} onChange={(to) => update({ to })} />}
        </Field>
        <Field name="filter-kind" label={t('orders.filter.kind')}>
          {(p) => (
            <select {...p} value={f.kind} onChange={(e) => update({ kind: e.target.value as KindFilter })}>
              <option value="todos">{t('orders.filter.kind.todos')}</option>
              <option value="pedido">{t('orders.filter.kind.pedido')}</option>
              <option value="orcamento">{t('orders.filter.kind.orcamento')}</option>
            </select>
          )}
        </Field>
        <Field name="filter-customer" label={t('orders.filter.customer')} className="span-2">
          {(p) => (
            <CustomerPicker
              control={p}
              value={f.customerId ? { id: f.customerId, name: f.customerName } : null}
              onChange={(c) => update({ customerId: c?.id ?? null, customerName: c?.name ?? '' })}
              clearable
            />
          )}
        </Field>
        <Field name="filter-seller" label={t('orders.filter.seller')}>
          {(p) => (
            <select
              {...p}
              value={f.sellerId ?? ''}
              onChange={(e) => update({ sellerId: e.target.value ? Number(e.target.value) : null })}
            >
              <option value="">{t('orders.filter.anyone')}</option>
              {sellers.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="filter-designer" label={t('orders.filter.designer')}>
          {(p) => (
            <select
              {...p}
              value={f.designerId ?? ''}
              onChange={(e) => update({ designerId: e.target.value ? Number(e.target.value) : null })}
            >
              <option value="">{t('orders.filter.anyone')}</option>
              {designers.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="filter-productionType" label={t('orders.filter.productionType')}>
          {(p) => (
            <select {...p} value={f.productionType} onChange={(e) => update({ productionType: e.target.value })}>
              <option value="">{t('orders.filter.anyType')}</option>
              {f.productionType && !settings.data?.productionTypes.includes(f.productionType) && (
                <option value={f.productionType}>{f.productionType}</option>
              )}
              {settings.data?.productionTypes.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="filter-priority" label={t('orders.filter.priority')}>
          {(p) => (
            <select {...p} value={f.priority} onChange={(e) => update({ priority: e.target.value as PriorityFilter })}>
              <option value="">{t('orders.filter.any')}</option>
              <option value="ALTA">{t('orders.priority.ALTA')}</option>
              <option value="NORMAL">{t('orders.priority.NORMAL')}</option>
            </select>
          )}
        </Field>
        {session.can('money.read') && (
          <Field name="filter-paymentState" label={t('orders.filter.paymentState')}>
            {(p) => (
              <select
                {...p}
                value={f.paymentState}
                onChange={(e) => update({ paymentState: e.target.value as OrderFilters['paymentState'] })}
              >
                <option value="">{t('orders.filter.any')}</option>
                {PAYMENT_STATES.map((state) => (
                  <option key={state} value={state}>
                    {paymentStateLabel(state)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {tri('overdue')}
        {tri('expired')}
        {tri('reprint')}
        {session.can('money.read') && !session.can('finance.shop') && (
          <div className="field field-button">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={f.own}
                onChange={(e) => update({ own: e.target.checked })}
                data-testid="filter-own"
              />
              {t('orders.filter.own')}
            </label>
          </div>
        )}
        <Field name="sort" label={t('orders.sort')}>
          {(p) => (
            <select {...p} value={f.sort} onChange={(e) => update({ sort: e.target.value as OrderSort })}>
              {visibleSorts(ORDER_SORTS, session.can('money.read')).map((sort) => (
                <option key={sort} value={sort}>
                  {t(`orders.sort.${sort}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {activeFilterCount(f) > 0 && (
          <div className="field field-button">
            <button type="button" className="btn btn-ghost" onClick={onClear} data-testid="filters-clear">
              {t('orders.filter.clear')}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}

/** The user's saved views of this list: apply one, save the current filters, delete. */
function SavedViews({ filters, onApply }: { filters: OrderFilters; onApply: (f: OrderFilters) => void }) {
  const views = useCall('views.list', {});
  const create = useCallMutation('views.create');
  const remove = useCallMutation('views.delete');
  const toast = useToast();
  const [chosen, setChosen] = useState('');
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const items = views.data?.items ?? [];

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameError(t('field.required'));
      return;
    }
    try {
      const saved = await create.mutateAsync({ name: name.trim(), filters: { ...filters, text: filters.text.trim() } });
      setChosen(String(saved.id));
      setNaming(false);
      setName('');
      toast(t('orders.views.saved', { name: saved.name }));
    } catch (err) {
      setNameError(toAppError(err).fields?.name ?? null);
    }
  };

  const current = items.find((v) => String(v.id) === chosen);
  return (
    <div className="saved-views">
      <label className="inline-label">
        {t('orders.views')}
        <select
          value={chosen}
          onChange={(e) => {
            setChosen(e.target.value);
            const view = items.find((v) => String(v.id) === e.target.value);
            if (view) onApply(parseFilters(view.filters));
          }}
          data-testid="views-select"
        >
          <option value="">{items.length ? t('orders.views.choose') : t('orders.views.none')}</option>
          {items.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="btn btn-small" onClick={() => setNaming(true)} data-testid="views-save">
        {t('orders.views.save')}
      </button>
      {current && (
        <button
          type="button"
          className="btn btn-small btn-ghost"
          disabled={remove.isPending}
          onClick={() =>
            void remove.mutateAsync({ id: current.id }).then(
              () => {
                setChosen('');
                toast(t('orders.views.deleted', { name: current.name }));
              },
              (err: unknown) => toast(toAppError(err).message),
            )
          }
          data-testid="views-delete"
        >
          {t('orders.views.delete')}
        </button>
      )}
      {naming && (
        <Modal title={t('orders.views.saveTitle')} onClose={() => setNaming(false)} testId="views-dialog">
          <form onSubmit={save} noValidate>
            <Field name="view-name" label={t('orders.views.name')} error={nameError}>
              {(p) => (
                <input
                  {...p}
                  maxLength={60}
                  autoComplete="off"
                  value={name}
                  onChange={(e) => {
                    setName(e.target.value);
                    setNameError(null);
                  }}
                />
              )}
            </Field>
            <ErrorBox error={create.error && !create.error.fields ? create.error : null} />
            <div className="form-actions">
              <button type="button" className="btn" onClick={() => setNaming(false)}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="btn btn-primary" disabled={create.isPending} data-testid="views-confirm">
                {t('common.save')}
              </button>
            </div>
          </form>
        </Modal>
      )}
    </div>
  );
}
