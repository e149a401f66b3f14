import { Link, useLocation } from 'wouter';
import type { InputOf, OutputOf } from '../../src-shared/contract';
import { CUSTOMER_SORTS } from '../../src-shared/contract/customers';
import { formatDateBR } from '../../src-shared/domain/dates';
import { UFS } from '../../src-shared/domain/documents';
import { useCall } from '../api/hooks';
import { CustomerDataActions } from '../components/CustomerDataActions';
import { DataTable } from '../components/DataTable';
import { DateFilterField } from '../components/DateInput';
import { ErrorBox } from '../components/ErrorBox';
import { Field } from '../components/Field';
import { FilterPanel } from '../components/FilterPanel';
import { Pagination } from '../components/Pagination';
import { useDebounced } from '../hooks/useDebounced';
import { storedPaging, useClampPage, useCursorPaging } from '../hooks/useListPaging';
import { useStoredState } from '../hooks/useStoredState';
import { t } from '../i18n';
import { cityUf, dateFilter, displayDocument, displayPhone, formatInt } from '../lib/format';
import type { ColumnList } from '../lib/table';
import { useSession } from '../session';

type CustomerRow = OutputOf<'customers.list'>['items'][number];

type Sort = (typeof CUSTOMER_SORTS)[number];
type ActiveFilter = 'true' | 'false' | 'all';

interface ListState {
  search: string;
  active: ActiveFilter;
  state: string;
  city: string;
  tag: string;
  joinedFrom: string;
  joinedTo: string;
  sort: Sort;
  page: number;
  perPage: number;
}

const INITIAL: ListState = {
  search: '',
  active: 'true',
  state: '',
  city: '',
  tag: '',
  joinedFrom: '',
  joinedTo: '',
  sort: 'name',
  page: 1,
  perPage: 50,
};

const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);

function parseListState(stored: unknown): ListState {
  if (typeof stored !== 'object' || stored === null) return INITIAL;
  const s = stored as Record<string, unknown>;
  const active = str(s.active, 'true');
  const sort = str(s.sort, 'name');
  return {
    search: str(s.search, ''),
    active: active === 'false' || active === 'all' ? active : 'true',
    state: (UFS as readonly string[]).includes(str(s.state, '')) ? str(s.state, '') : '',
    city: str(s.city, ''),
    tag: str(s.tag, ''),
    joinedFrom: str(s.joinedFrom, ''),
    joinedTo: str(s.joinedTo, ''),
    sort: (CUSTOMER_SORTS as readonly string[]).includes(sort) ? (sort as Sort) : 'name',
    ...storedPaging(s),
  };
}

export function CustomersPage() {
  const session = useSession();
  const seesDocuments = session.can('customers.documents');
  const [, navigate] = useLocation();
  const [state, setState] = useStoredState('balcao.customers.list', INITIAL, parseListState);
  const search = useDebounced(state.search.trim(), 250);
  const city = useDebounced(state.city.trim(), 250);
  const from = dateFilter(state.joinedFrom);
  const to = dateFilter(state.joinedTo);

  /** Any change of filter goes back to page 1. */
  const update = (patch: Partial<ListState>) => setState((s) => ({ ...s, ...patch, page: patch.page ?? 1 }));

  const filters: InputOf<'customers.list'> = {
    perPage: state.perPage,
    sort: state.sort,
    active: state.active,
    ...(search && { search }),
    ...(state.state && { state: state.state }),
    ...(city && { city }),
    ...(state.tag && { tag: state.tag }),
    ...(from.iso && { joinedFrom: from.iso }),
    ...(to.iso && { joinedTo: to.iso }),
  };
  // The next page goes by the cursor the page before gave (keyset); others by number.
  const paging = useCursorPaging(JSON.stringify(filters));
  const cursor = paging.cursorFor(state.page);
  const input: InputOf<'customers.list'> = { ...filters, page: state.page, ...(cursor && { cursor }) };
  const list = useCall('customers.list', input, { keepPrevious: true });
  if (list.data && !list.isPlaceholderData) paging.learn(list.data.page, list.data.nextCursor);
  const tags = useCall('customers.tags', {});

  // A shrinking list (deletions, new filters elsewhere) can leave us past the last page.
  // A capped count does not bound the pages.
  const total = list.data?.totalCapped ? undefined : list.data?.total;
  useClampPage(total, state, setState);

  const filtered =
    state.active !== 'true' ||
    Boolean(state.state || state.city || state.tag || state.joinedFrom || state.joinedTo || state.search);
  /** No customer at all yet (not a search or filter that found none). */
  const firstRun = !filtered;
  const activeFilters = [
    state.active !== 'true' && t(`customers.filter.active.${state.active}`),
    state.state,
    state.city.trim() && t('customers.summary.city', { city: state.city.trim() }),
    state.tag && t('customers.summary.tag', { tag: state.tag }),
    state.joinedFrom && t('customers.summary.from', { date: state.joinedFrom }),
    state.joinedTo && t('customers.summary.to', { date: state.joinedTo }),
  ].filter((x): x is string => Boolean(x));

  const columns: ColumnList<CustomerRow> = [
    {
      id: 'name',
      header: t('customers.col.name'),
      required: true,
      serverSort: ['name', '-name'],
      cell: (c) => (
        <>
          <Link href={`/clientes/${c.id}`} className="row-title">
            {c.name}
          </Link>
          {!c.active && <span className="badge">{t('common.inactive')}</span>}
          {c.tradeName && c.tradeName !== c.name && <div className="muted small">{c.tradeName}</div>}
        </>
      ),
    },
    seesDocuments && {
      id: 'document',
      header: t('customers.col.document'),
      className: 'nowrap',
      cell: (c) => displayDocument(c.document),
    },
    {
      id: 'phone',
      header: t('customers.col.phone'),
      className: 'nowrap',
      cell: (c) => displayPhone(c.phone ?? c.whatsapp),
    },
    { id: 'city', header: t('customers.col.city'), cell: (c) => cityUf(c.address) },
    {
      id: 'tags',
      header: t('customers.col.tags'),
      cell: (c) =>
        c.tags.length > 0 && (
          <span className="chips">
            {c.tags.map((tag) => (
              <span key={tag} className="chip">
                {tag}
              </span>
            ))}
          </span>
        ),
    },
    {
      id: 'joinedAt',
      header: t('customers.col.joinedAt'),
      hiddenByDefault: true,
      serverSort: ['joinedAt', '-joinedAt'],
      className: 'nowrap',
      cell: (c) => formatDateBR(c.joinedAt),
    },
  ];

  return (
    <section className="page" data-testid="customers-page">
      <div className="page-header">
        <h1>
          {t('customers.title')}
          {list.data && (
            <span className="count">
              {' '}
              ({formatInt(list.data.total)}
              {list.data.totalCapped ? '+' : ''})
            </span>
          )}
        </h1>
        <CustomerDataActions filters={filters} />
        {session.can('customers.write') && (
          <Link href="/clientes/novo" className="btn btn-primary" data-testid="customer-new">
            + {t('customers.new')}
          </Link>
        )}
      </div>

      <div className="searchbar">
        <label htmlFor="customer-search" className="visually-hidden">
          {t('customers.search')}
        </label>
        <input
          id="customer-search"
          type="search"
          className="search-input"
          placeholder={t('customers.searchPlaceholder')}
          autoComplete="off"
          maxLength={100}
          value={state.search}
          onChange={(e) => update({ search: e.target.value })}
          data-testid="customer-search"
        />
      </div>

      <FilterPanel active={activeFilters} title={t('customers.filters')}>
        <div className="filters-grid">
          <Field name="filter-active" label={t('customers.filter.active')}>
            {(p) => (
              <select {...p} value={state.active} onChange={(e) => update({ active: e.target.value as ActiveFilter })}>
                <option value="true">{t('customers.filter.active.true')}</option>
                <option value="false">{t('customers.filter.active.false')}</option>
                <option value="all">{t('customers.filter.active.all')}</option>
              </select>
            )}
          </Field>
          <Field name="filter-state" label={t('customers.filter.state')}>
            {(p) => (
              <select {...p} value={state.state} onChange={(e) => update({ state: e.target.value })}>
                <option value="">{t('customers.filter.anyState')}</option>
                {UFS.map((uf) => (
                  <option key={uf} value={uf}>
                    {uf}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="filter-city" label={t('customers.filter.city')}>
            {(p) => (
              <input {...p} maxLength={80} value={state.city} onChange={(e) => update({ city: e.target.value })} />
            )}
          </Field>
          <Field name="filter-tag" label={t('customers.filter.tag')}>
            {(p) => (
              <select {...p} value={state.tag} onChange={(e) => update({ tag: e.target.value })}>
                <option value="">{t('customers.filter.anyTag')}</option>
                {state.tag && !tags.data?.items.some((i) => i.tag === state.tag) && (
                  <option value={state.tag}>{state.tag}</option>
                )}
                {tags.data?.items.map((item) => (
                  <option key={item.tag} value={item.tag}>
                    {item.tag} ({formatInt(item.count)})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <DateFilterField
            name="filter-joinedFrom"
            label={t('customers.filter.joinedFrom')}
            error={from.error}
            value={state.joinedFrom}
            onChange={(v) => update({ joinedFrom: v })}
          />
          <DateFilterField
            name="filter-joinedTo"
            label={t('customers.filter.joinedTo')}
            error={to.error}
            value={state.joinedTo}
            onChange={(v) => update({ joinedTo: v })}
          />
          <Field name="sort" label={t('customers.sort')}>
            {(p) => (
              <select {...p} value={state.sort} onChange={(e) => update({ sort: e.target.value as Sort })}>
                {CUSTOMER_SORTS.map((sort) => (
                  <option key={sort} value={sort}>
                    {t(`customers.sort.${sort}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {filtered && (
            <div className="field field-button">
              <button
                type="button"
                className="btn btn-ghost"
                onClick={() => setState({ ...INITIAL, perPage: state.perPage, sort: state.sort })}
                data-testid="filters-clear"
              >
                {t('customers.filter.clear')}
              </button>
            </div>
          )}
        </div>
      </FilterPanel>

      <ErrorBox error={list.error} onRetry={() => void list.refetch()} />

      <DataTable
        tableId="customers"
        columns={columns}
        rows={list.data?.items}
        rowKey={(c) => c.id}
        loading={list.isPending}
        stale={list.isPlaceholderData}
        testId="customer-table"
        rowTestId="customer-row"
        rowClassName={(c) => (c.active ? undefined : 'inactive')}
        onRowClick={(c) => navigate(`/clientes/${c.id}`)}
        sort={state.sort}
        onSort={(sort) => update({ sort: sort as Sort })}
        empty={
          firstRun ? (
            <div className="empty empty-first-run" data-testid="customers-empty">
              <p>{t('customers.firstRun')}</p>
              {session.can('customers.write') && (
                <Link href="/clientes/novo" className="btn btn-primary" data-testid="customer-first">
                  {t('customers.firstRunButton')}
                </Link>
              )}
            </div>
          ) : (
            <div className="empty" data-testid="customers-empty">
              <p>{t('customers.empty')}</p>
              <p className="muted">{t('customers.emptyHint')}</p>
            </div>
          )
        }
      />

      {list.data && (
        <Pagination
          page={state.page}
          perPage={state.perPage}
          total={list.data.total}
          capped={list.data.totalCapped}
          more={list.data.nextCursor !== null}
          busy={list.isFetching}
          onPage={(page) => update({ page })}
          onPerPage={(perPage) => update({ perPage })}
        />
      )}
    </section>
  );
}
