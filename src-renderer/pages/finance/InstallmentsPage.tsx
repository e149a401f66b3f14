import type { InputOf } from '../../../src-shared/contract';
import { INSTALLMENT_STATUSES } from '../../../src-shared/contract/finance';
import { useCall } from '../../api/hooks';
import { DateFilterField } from '../../components/DateInput';
import { ErrorBox } from '../../components/ErrorBox';
import { ExportButtons } from '../../components/ExportButtons';
import { Field } from '../../components/Field';
import { FilterPanel } from '../../components/FilterPanel';
import { InstallmentsTable } from '../../components/finance/InstallmentsTable';
import { Pagination } from '../../components/Pagination';
import { storedPaging, useClampPage } from '../../hooks/useListPaging';
import { useStoredState } from '../../hooks/useStoredState';
import { t } from '../../i18n';
import type { InstallmentStatus } from '../../lib/finance';
import { dateFilter, formatInt } from '../../lib/format';
import { urlDateBR } from '../../lib/url-filters';

interface ListState {
  status: InstallmentStatus | '';
  overdue: boolean;
  dueFrom: string;
  dueTo: string;
  page: number;
  perPage: number;
}

const INITIAL: ListState = { status: '', overdue: false, dueFrom: '', dueTo: '', page: 1, perPage: 50 };

function parseState(stored: unknown): ListState {
  if (typeof stored !== 'object' || stored === null) return INITIAL;
  const s = stored as Record<string, unknown>;
  const status = typeof s.status === 'string' ? s.status : '';
  return {
    status: (INSTALLMENT_STATUSES as readonly string[]).includes(status) ? (status as InstallmentStatus) : '',
    overdue: s.overdue === true,
    dueFrom: typeof s.dueFrom === 'string' ? s.dueFrom : '',
    dueTo: typeof s.dueTo === 'string' ? s.dueTo : '',
    ...storedPaging(s),
  };
}

/** `/financeiro/parcelas`: every installment of the shop, by due date, with status and period filters. */
export function InstallmentsPage() {
  const [state, setState] = useStoredState('balcao.finance.installments', INITIAL, parseState, (q) =>
    parseState({
      status: q.status,
      overdue: q.overdue === 'true',
      dueFrom: urlDateBR(q.dueFrom),
      dueTo: urlDateBR(q.dueTo),
    }),
  );
  const update = (patch: Partial<ListState>) => setState((s) => ({ ...s, ...patch, page: patch.page ?? 1 }));
  const from = dateFilter(state.dueFrom);
  const to = dateFilter(state.dueTo);
  const input: InputOf<'installments.list'> = {
    page: state.page,
    perPage: state.perPage,
    ...(state.status && { status: [state.status] }),
    ...(state.overdue && { overdue: true }),
    ...(from.iso && { dueFrom: from.iso }),
    ...(to.iso && { dueTo: to.iso }),
  };
  const list = useCall('installments.list', input, { keepPrevious: true });
  const activeFilters = [
    state.status && t(`credit.status.${state.status}`),
    state.overdue && t('credit.filter.overdue'),
    state.dueFrom && `${t('credit.filter.dueFrom')} ${state.dueFrom}`,
    state.dueTo && `${t('credit.filter.dueTo')} ${state.dueTo}`,
  ].filter((x): x is string => Boolean(x));
  const total = list.data?.total;
  useClampPage(total, state, setState);

  return (
    <section className="page" data-testid="installments-page">
      <div className="page-header">
        <h1>
          {t('credit.installments.title')}
          {list.data && <span className="count"> ({formatInt(list.data.total)})</span>}
        </h1>
        <ExportButtons base="/api/installments" params={input} testId="installments" />
      </div>
      <FilterPanel active={activeFilters}>
        <div className="filters-grid">
          <Field name="filter-status" label={t('credit.col.status')}>
            {(p) => (
              <select
                {...p}
                value={state.status}
                onChange={(e) => update({ status: e.target.value as InstallmentStatus | '' })}
              >
                <option value="">{t('finance.filter.all')}</option>
                {INSTALLMENT_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`credit.status.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <DateFilterField
            name="filter-dueFrom"
            label={t('credit.filter.dueFrom')}
            error={from.error}
            value={state.dueFrom}
            onChange={(v) => update({ dueFrom: v })}
          />
          <DateFilterField
            name="filter-dueTo"
            label={t('credit.filter.dueTo')}
            error={to.error}
            value={state.dueTo}
            onChange={(v) => update({ dueTo: v })}
          />
          <div className="field field-button">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={state.overdue}
                onChange={(e) => update({ overdue: e.target.checked })}
                data-testid="filter-overdue"
              />
              {t('credit.filter.overdue')}
            </label>
          </div>
        </div>
      </FilterPanel>
      <ErrorBox error={list.error} onRetry={() => void list.refetch()} />
      <div className={list.isPlaceholderData ? 'fin-stale' : undefined}>
        <InstallmentsTable items={list.data?.items} loading={list.isPending} showCustomer showPlan />
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
