import type { InputOf } from '../../../src-shared/contract';
import { formatDateBR } from '../../../src-shared/domain/dates';
import { useCall } from '../../api/hooks';
import { DateFilterField } from '../../components/DateInput';
import { ErrorBox } from '../../components/ErrorBox';
import { Field } from '../../components/Field';
import { FilterPanel } from '../../components/FilterPanel';
import { CustomerPicker, type PickedCustomer } from '../../components/finance/CustomerPicker';
import { DocLink } from '../../components/finance/links';
import { MethodSelect, usePaymentMethods } from '../../components/finance/methods';
import { PaymentsTable } from '../../components/finance/PaymentsTable';
import { todayIso } from '../../components/finance/PlanTerms';
import { Pagination } from '../../components/Pagination';
import { storedPaging, useClampPage } from '../../hooks/useListPaging';
import { useStoredState } from '../../hooks/useStoredState';
import { t } from '../../i18n';
import { docPaths, formatMoney } from '../../lib/finance';
import { dateFilter, formatInt } from '../../lib/format';
import { urlDateBR } from '../../lib/url-filters';
import { useSession } from '../../session';

interface ListState {
  from: string;
  to: string;
  methodId: string;
  customer: PickedCustomer | null;
  /** '' everyone, else a user id. */
  receivedBy: string;
  page: number;
  perPage: number;
}

/** The current month so far: what the counter usually wants to see. */
function initialState(): ListState {
  const today = todayIso();
  return {
    from: formatDateBR(`${today.slice(0, 8)}01`),
    to: '',
    methodId: '',
    customer: null,
    receivedBy: '',
    page: 1,
    perPage: 50,
  };
}

function parseState(stored: unknown): ListState {
  const initial = initialState();
  if (typeof stored !== 'object' || stored === null) return initial;
  const s = stored as Record<string, unknown>;
  const str = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback);
  const c = s.customer as Record<string, unknown> | null | undefined;
  return {
    from: str(s.from, initial.from),
    to: str(s.to),
    methodId: /^\d*$/.test(str(s.methodId)) ? str(s.methodId) : '',
    customer: c && typeof c.id === 'number' && typeof c.name === 'string' ? { id: c.id, name: c.name } : null,
    receivedBy: /^\d*$/.test(str(s.receivedBy)) ? str(s.receivedBy) : '',
    ...storedPaging(s),
  };
}

/** `/financeiro/pagamentos`: the finance history with filters, totals per method, CSV and receipts. */
export function PaymentsPage() {
  const session = useSession();
  const [state, setState] = useStoredState('balcao.finance.payments', initialState(), parseState, (q) => ({
    ...initialState(),
    from: urlDateBR(q.from),
    to: urlDateBR(q.to),
  }));
  const update = (patch: Partial<ListState>) => setState((s) => ({ ...s, ...patch, page: patch.page ?? 1 }));
  const { all: methods } = usePaymentMethods();
  const users = useCall('users.list', { page: 1, perPage: 200 }, { enabled: session.can('users.manage') });
  const from = dateFilter(state.from);
  const to = dateFilter(state.to);
  const filters = {
    ...(from.iso && { from: from.iso }),
    ...(to.iso && { to: to.iso }),
    ...(state.methodId && { paymentMethodId: Number(state.methodId) }),
    ...(state.customer && { customerId: state.customer.id }),
    ...(state.receivedBy && { receivedBy: Number(state.receivedBy) }),
  };
  const input: InputOf<'payments.list'> = { page: state.page, perPage: state.perPage, ...filters };
  const list = useCall('payments.list', input, { keepPrevious: true });
  const total = list.data?.total;
  useClampPage(total, state, setState);

  const me = session.me.user;
  const people = users.data?.items ?? [{ id: me.id, name: me.name }];
  const activeFilters = [
    state.from && `${t('finance.filter.from')} ${state.from}`,
    state.to && `${t('finance.filter.to')} ${state.to}`,
    state.methodId && (methods.find((m) => String(m.id) === state.methodId)?.name ?? t('finance.method')),
    state.customer?.name,
    state.receivedBy && (people.find((u) => String(u.id) === state.receivedBy)?.name ?? t('finance.col.receivedBy')),
  ].filter((x): x is string => Boolean(x));

  return (
    <section className="page" data-testid="payments-page">
      <div className="page-header">
        <h1>
          {t('finance.history.title')}
          {list.data && <span className="count"> ({formatInt(list.data.total)})</span>}
        </h1>
        <div className="actions">
          <DocLink path={docPaths.paymentsCsv} params={filters} testId="payments-csv" className="btn">
            {t('finance.exportCsv')}
          </DocLink>
        </div>
      </div>
      <FilterPanel active={activeFilters}>
        <div className="filters-grid">
          <DateFilterField
            name="filter-from"
            label={t('finance.filter.from')}
            error={from.error}
            value={state.from}
            onChange={(v) => update({ from: v })}
          />
          <DateFilterField
            name="filter-to"
            label={t('finance.filter.to')}
            error={to.error}
            value={state.to}
            onChange={(v) => update({ to: v })}
          />
          <Field name="filter-method" label={t('finance.method')}>
            {(p) => (
              <MethodSelect
                control={p}
                methods={methods}
                value={state.methodId}
                emptyLabel={t('finance.filter.all')}
                onChange={(methodId) => update({ methodId })}
              />
            )}
          </Field>
          <Field name="filter-customer" label={t('finance.col.customer')} className="span-2">
            {(p) => <CustomerPicker control={p} value={state.customer} onChange={(customer) => update({ customer })} />}
          </Field>
          <Field name="filter-receivedBy" label={t('finance.col.receivedBy')}>
            {(p) => (
              <select {...p} value={state.receivedBy} onChange={(e) => update({ receivedBy: e.target.value })}>
                <option value="">{t('finance.filter.everyone')}</option>
                {people.map((u) => (
                  <option key={u.id} value={String(u.id)}>
                    {u.id === me.id ? t('finance.filter.me', { name: u.name }) : u.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </FilterPanel>
      <ErrorBox error={list.error} onRetry={() => void list.refetch()} />
      {list.data && (
        <div className="fin-stats" data-testid="payments-totals">
          <div className="fin-stat fin-stat-main">
            <span className="fin-stat-label">{t('finance.history.total')}</span>
            <strong data-testid="payments-total">{formatMoney(list.data.totalCents)}</strong>
          </div>
          {list.data.byMethod.map((m) => (
            <div className="fin-stat" key={m.paymentMethodId} data-testid="payments-method-total">
              <span className="fin-stat-label">
                {m.name} ({formatInt(m.count)})
              </span>
              <strong>{formatMoney(m.totalCents)}</strong>
            </div>
          ))}
        </div>
      )}
      <div className={list.isPlaceholderData ? 'fin-stale' : undefined}>
        <PaymentsTable items={list.data?.items} loading={list.isPending} showCustomer />
      </div>
      {list.data && (
        <Pagination
          page={state.page}
          perPage={state.perPage}
          total={list.data.total}
          busy={list.isFetching}
          onPage={(page) => update({ page })}
          onPerPage={(perPage) => update({ perPage })}
        />
      )}
    </section>
  );
}
