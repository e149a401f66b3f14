import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { InputOf } from '../../src-shared/contract';
import { CUSTOMER_SORTS } from '../../src-shared/contract/customers';
import { UFS } from '../../src-shared/domain/documents';
import { useCall } from '../api/hooks';
import { CustomerDataActions } from '../components/CustomerDataActions';
import { DateFilterField } from '../components/DateInput';
import { ErrorBox } from '../components/ErrorBox';
import { Field } from '../components/Field';
import { Pagination } from '../components/Pagination';
import { SkeletonRows } from '../components/Spinner';
import { useDebounced } from '../hooks/useDebounced';
import { storedPaging, useClampPage, useCursorPaging } from '../hooks/useListPaging';
import { useStoredState } from '../hooks/useStoredState';
import { t } from '../i18n';
import { cityUf, dateFilter, displayDocument, displayPhone, formatInt } from '../lib/format';
import { useSession } from '../session';

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
  // Open on a desktop; on a phone the filters start folded so the list is visible.
  const [filtersOpen, setFiltersOpen] = useState(() => window.matchMedia('(min-width: 761px)').matches);
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

      <details className="filters" open={filtersOpen} onToggle={(e) => setFiltersOpen(e.currentTarget.open)}>
        <summary>{t('customers.filters')}</summary>
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
      </details>

      <ErrorBox error={list.error} onRetry={() => void list.refetch()} />

      <div className={list.isPlaceholderData ? 'table-wrap stale' : 'table-wrap'}>
        <table className="table" data-testid="customer-table">
          <thead>
            <tr>
              <th>{t('customers.col.name')}</th>
              {seesDocuments && <th>{t('customers.col.document')}</th>}
              <th>{t('customers.col.phone')}</th>
              <th>{t('customers.col.city')}</th>
              <th>{t('customers.col.tags')}</th>
            </tr>
          </thead>
          <tbody>
            {list.isPending && <SkeletonRows rows={8} cols={5} />}
            {list.data?.items.map((c) => (
              <tr
                key={c.id}
                className={c.active ? 'row-link' : 'row-link inactive'}
                data-testid="customer-row"
                onClick={(e) => {
                  if ((e.target as HTMLElement).closest('a')) return;
                  navigate(`/clientes/${c.id}`);
                }}
              >
                <td data-label={t('customers.col.name')}>
                  <Link href={`/clientes/${c.id}`} className="row-title">
                    {c.name}
                  </Link>
                  {!c.active && <span className="badge">{t('common.inactive')}</span>}
                </td>
                {seesDocuments && (
                  <td data-label={t('customers.col.document')} className="nowrap">
                    {displayDocument(c.document)}
                  </td>
                )}
                <td data-label={t('customers.col.phone')} className="nowrap">
                  {displayPhone(c.phone ?? c.whatsapp)}
                </td>
                <td data-label={t('customers.col.city')}>{cityUf(c.address)}</td>
                <td data-label={t('customers.col.tags')}>
                  {c.tags.length > 0 && (
                    <span className="chips">
                      {c.tags.map((tag) => (
                        <span key={tag} className="chip">
                          {tag}
                        </span>
                      ))}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.data && list.data.items.length === 0 && (
          <div className="empty" data-testid="customers-empty">
            <p>{t('customers.empty')}</p>
            <p className="muted">{t('customers.emptyHint')}</p>
          </div>
        )}
      </div>

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
