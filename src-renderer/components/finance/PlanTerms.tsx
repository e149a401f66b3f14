import { useState } from 'react';
import { businessDateOf, formatDateBR } from '../../../src-shared/domain/dates';
import type { FieldErrors } from '../../../src-shared/errors';
import { useCall } from '../../api/hooks';
import { useDebounced } from '../../hooks/useDebounced';
import { t } from '../../i18n';
import {
  formatMoney,
  type PaymentMethod,
  type PlanTerms,
  type PlanTermsForm,
  type Schedule,
  simulateInput,
  validatePlanTerms,
} from '../../lib/finance';
import { DateInput } from '../DateInput';
import { ErrorBox } from '../ErrorBox';
import { Field } from '../Field';
import { MoneyInput } from '../MoneyInput';
import { Spinner } from '../Spinner';
import { MethodSelect } from './methods';

export const todayIso = () => businessDateOf(new Date());

/**
 * The crediário terms as the user types them, checked, and the simulation (`plans.simulate`)
 * refreshed a moment after the typing stops. Errors show for fields already left, or all after a submit.
 */
export function usePlanTerms(options: { baseCents: number | null; withDownPayment: boolean; initial: PlanTermsForm }) {
  const [form, setForm] = useState<PlanTermsForm>(options.initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const { errors, terms, preview } = validatePlanTerms(form, {
    today: todayIso(),
    baseCents: options.baseCents,
    withDownPayment: options.withDownPayment,
  });
  const shown: FieldErrors = { ...serverErrors };
  for (const [key, message] of Object.entries(errors)) if (submitted || touched.has(key)) shown[key] = message;

  const input = preview && options.baseCents !== null ? simulateInput(preview, options.baseCents) : null;
  const settled = useDebounced(input, 300);
  const simulation = useCall('plans.simulate', settled ?? { financedCents: 1, count: 1, firstDueDate: todayIso() }, {
    enabled: settled !== null,
    keepPrevious: true,
  });

  return {
    form,
    set: <K extends keyof PlanTermsForm>(key: K, value: PlanTermsForm[K]) => {
      setForm((f) => ({ ...f, [key]: value }));
      setServerErrors((e) => {
        const field = FIELD_OF[key];
        if (!(field in e)) return e;
        const { [field]: _removed, ...rest } = e;
        return rest;
      });
    },
    touch: (key: string) => setTouched((s) => new Set(s).add(key)),
    errors: shown,
    terms,
    /** The latest simulation (the previous one, greyed, while the next is on its way); null without valid terms. */
    simulation: input ? simulation : null,
    simulating:
      input !== null &&
      (settled === null || JSON.stringify(input) !== JSON.stringify(settled) || simulation.isFetching),
    financedCents: input?.financedCents ?? null,
    /** Call on submit: shows every error; true when the terms can be sent. */
    check: (): PlanTerms | null => {
      setSubmitted(true);
      return terms;
    },
    setServerErrors,
  };
}

export type PlanTermsState = ReturnType<typeof usePlanTerms>;

const FIELD_OF: Record<keyof PlanTermsForm, string> = {
  downPayment: 'downPaymentCents',
  downPaymentMethodId: 'downPaymentMethodId',
  count: 'count',
  firstDueDate: 'firstDueDate',
  schedule: 'intervalDays',
  intervalDays: 'intervalDays',
  rate: 'monthlyRatePercent',
};

/** Entrada and its method, number of installments, first due date, monthly or every N days, rate. */
export function PlanTermsFields({
  state,
  methods,
  withDownPayment,
}: {
  state: PlanTermsState;
  methods: readonly PaymentMethod[];
  withDownPayment: boolean;
}) {
  const { form, set, touch, errors } = state;
  return (
    <div className="fin-plan-terms">
      {withDownPayment && (
        <div className="grid-2">
          <Field
            name="downPaymentCents"
            label={t('credit.downPayment')}
            error={errors.downPaymentCents}
            hint={t('credit.downPaymentHint')}
            optional
          >
            {(p) => (
              <MoneyInput
                variant="finance"
                control={p}
                value={form.downPayment}
                onChange={(v) => set('downPayment', v)}
                onBlur={() => touch('downPaymentCents')}
              />
            )}
          </Field>
          <Field
            name="downPaymentMethodId"
            label={t('credit.downPaymentMethod')}
            error={errors.downPaymentMethodId}
            optional
          >
            {(p) => (
              <MethodSelect
                control={p}
                methods={methods}
                value={form.downPaymentMethodId}
                emptyLabel={t('credit.downPaymentMethodNone')}
                onChange={(v) => set('downPaymentMethodId', v)}
              />
            )}
          </Field>
        </div>
      )}
      <div className="grid-3">
        <Field name="count" label={t('credit.count')} error={errors.count} hint={t('credit.countHint')}>
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="numeric"
              min={1}
              max={48}
              value={form.count}
              onChange={(e) => set('count', e.target.value)}
              onBlur={() => touch('count')}
            />
          )}
        </Field>
        <Field name="firstDueDate" label={t('credit.firstDueDate')} error={errors.firstDueDate}>
          {(p) => (
            <DateInput
              control={p}
              value={form.firstDueDate}
              onChange={(v) => set('firstDueDate', v)}
              onBlur={() => touch('firstDueDate')}
            />
          )}
        </Field>
        <Field
          name="monthlyRatePercent"
          label={t('credit.rate')}
          error={errors.monthlyRatePercent}
          hint={t('credit.rateHint')}
        >
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              autoComplete="off"
              maxLength={8}
              value={form.rate}
              onChange={(e) => set('rate', e.target.value)}
              onBlur={() => touch('monthlyRatePercent')}
            />
          )}
        </Field>
      </div>
      <fieldset className="field">
        <legend>{t('credit.schedule')}</legend>
        <div className="radios">
          {(['monthly', 'days'] as const satisfies readonly Schedule[]).map((schedule) => (
            <label key={schedule} className="radio">
              <input
                type="radio"
                name="schedule"
                value={schedule}
                checked={form.schedule === schedule}
                onChange={() => set('schedule', schedule)}
                data-testid={`field-schedule-${schedule}`}
              />
              {t(`credit.schedule.${schedule}`)}
            </label>
          ))}
          {form.schedule === 'days' && (
            <Field
              name="intervalDays"
              label={t('credit.intervalDays')}
              error={errors.intervalDays}
              className="fin-inline"
            >
              {(p) => (
                <input
                  {...p}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={365}
                  className="fin-input-short"
                  value={form.intervalDays}
                  onChange={(e) => set('intervalDays', e.target.value)}
                  onBlur={() => touch('intervalDays')}
                />
              )}
            </Field>
          )}
        </div>
      </fieldset>
    </div>
  );
}

/** The simulated installments and what the crediário costs in the end. */
export function SimulationTable({ state }: { state: PlanTermsState }) {
  const sim = state.simulation;
  const financed = state.financedCents;
  if (financed === null) {
    return (
      <p className="muted" data-testid="simulation-empty">
        {t('credit.simulation.fill')}
      </p>
    );
  }
  if (sim?.error) return <ErrorBox error={sim.error} onRetry={() => void sim.refetch()} />;
  const data = sim?.data;
  const interest = data ? data.totalCents - financed : 0;
  return (
    <div className={state.simulating ? 'fin-simulation fin-stale' : 'fin-simulation'} data-testid="simulation">
      <div className="fin-simulation-head">
        <h3>{t('credit.simulation.title')}</h3>
        {state.simulating && <Spinner small label={t('common.updating')} />}
      </div>
      {data && (
        <>
          <table className="table table-compact">
            <thead>
              <tr>
                <th>{t('credit.col.number')}</th>
                <th>{t('credit.col.dueDate')}</th>
                <th className="fin-num">{t('credit.col.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {data.installments.map((i) => (
                <tr key={i.number} data-testid="simulation-row">
                  <td data-label={t('credit.col.number')}>
                    {i.number}/{data.installments.length}
                  </td>
                  <td data-label={t('credit.col.dueDate')}>{formatDateBR(i.dueDate)}</td>
                  <td data-label={t('credit.col.amount')} className="fin-num">
                    {formatMoney(i.amountCents)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="fin-totals">
            <div>
              <dt>{t('credit.financed')}</dt>
              <dd data-testid="simulation-financed">{formatMoney(financed)}</dd>
            </div>
            <div>
              <dt>{t('credit.interest')}</dt>
              <dd data-testid="simulation-interest">{interest > 0 ? formatMoney(interest) : t('credit.noInterest')}</dd>
            </div>
            <div>
              <dt>{t('credit.total')}</dt>
              <dd data-testid="simulation-total">
                <strong>{formatMoney(data.totalCents)}</strong>
              </dd>
            </div>
          </dl>
        </>
      )}
    </div>
  );
}
