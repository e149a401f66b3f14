import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { formatDateBR, formatInstantBR, parseDateBR } from '../../../src-shared/domain/dates';
import type { AppError } from '../../../src-shared/errors';
import { call } from '../../api/client';
import { useCall, useCallMutation } from '../../api/hooks';
import { toAppError } from '../../api/http';
import { DateInput } from '../../components/DateInput';
import { ErrorBox, Notice } from '../../components/ErrorBox';
import { Field } from '../../components/Field';
import { InstallmentsTable } from '../../components/finance/InstallmentsTable';
import { useInvalidateFinance } from '../../components/finance/invalidate';
import { DocLink } from '../../components/finance/links';
import { usePaymentMethods } from '../../components/finance/methods';
import { PlanTermsFields, SimulationTable, todayIso, usePlanTerms } from '../../components/finance/PlanTerms';
import { ReasonDialog } from '../../components/finance/ReasonDialog';
import { Modal } from '../../components/Modal';
import { RecordNotFound } from '../../components/RecordNotFound';
import { Loading, Spinner } from '../../components/Spinner';
import { useToast } from '../../components/Toasts';
import { t } from '../../i18n';
import {
  customerHref,
  docPaths,
  emptyPlanTerms,
  formatMoney,
  formatPercent,
  orderHref,
  type Plan,
  planHref,
} from '../../lib/finance';
import { useSession } from '../../session';

const PLAN_BADGE: Record<Plan['status'], string> = {
  ativo: 'badge badge-warn',
  quitado: 'badge badge-ok',
  renegociado: 'badge',
  cancelado: 'badge badge-danger',
};

/** `/financeiro/crediarios/:id`: a crediário with its installments and what can be done with it. */
export function PlanPage({ id }: { id: number }) {
  const valid = Number.isSafeInteger(id) && id > 0;
  const plan = useCall('plans.get', { id }, { enabled: valid });
  if (!valid || plan.error?.code === 'NOT_FOUND') {
    return <RecordNotFound testId="plan-not-found">{t('credit.notFound')}</RecordNotFound>;
  }
  if (plan.isPending) return <Loading />;
  if (plan.isError) return <ErrorBox error={plan.error} onRetry={() => void plan.refetch()} />;
  return <PlanView plan={plan.data} refreshing={plan.isFetching} />;
}

type Dialog = 'renegotiate' | 'cancel' | null;

function PlanView({ plan: p, refreshing }: { plan: Plan; refreshing: boolean }) {
  const session = useSession();
  const toast = useToast();
  const invalidate = useInvalidateFinance();
  const [dialog, setDialog] = useState<Dialog>(null);
  const cancel = useCallMutation('plans.cancel');
  const active = p.status === 'ativo';
  const canManage = session.can('credit.manage');
  const reference = p.installments[0]?.code.replace(/-\d+\/\d+$/, '') ?? String(p.id);
  const openCents = p.installments
    .filter((i) => i.status === 'pendente' || i.status === 'parcial' || i.status === 'atrasada')
    .reduce((sum, i) => sum + i.balanceCents, 0);
  const lateCount = p.installments.filter((i) => i.status === 'atrasada').length;

  return (
    <section className="page" data-testid="plan-page">
      <div className="page-header">
        <div>
          <Link href={customerHref(p.customerId)} className="back-link">
            ‹ {p.customerName}
          </Link>
          <h1 data-testid="plan-title">
            {t('credit.planTitle', { code: reference })}{' '}
            <span className={PLAN_BADGE[p.status]} data-testid="plan-status">
              {t(`credit.planStatus.${p.status}`)}
            </span>{' '}
            {refreshing && <Spinner small label={t('common.updating')} />}
          </h1>
          <p className="muted">
            {p.orderId !== null && p.orderNumber ? (
              <Link href={orderHref(p.orderId)} data-testid="plan-order-link">
                {t('credit.orderRef', { number: p.orderNumber })}
              </Link>
            ) : (
              p.description
            )}
            {' · '}
            {t('credit.createdAt', { date: formatInstantBR(p.createdAt) })}
          </p>
        </div>
        <div className="actions">
          <DocLink path={docPaths.carne(p.id)} testId="plan-carne" className="btn">
            {t('credit.printCarne')}
          </DocLink>
          {active && canManage && (
            <button
              type="button"
              className="btn"
              onClick={() => setDialog('renegotiate')}
              data-testid="plan-renegotiate"
            >
              {t('credit.renegotiate')}
            </button>
          )}
          {active && canManage && (
            <button
              type="button"
              className="btn btn-danger-outline"
              onClick={() => setDialog('cancel')}
              data-testid="plan-cancel"
            >
              {t('credit.cancel')}
            </button>
          )}
        </div>
      </div>

      {p.renegotiatedFromId !== null && (
        <Notice testId="plan-renegotiated-from">
          {t('credit.renegotiatedFrom')} <Link href={planHref(p.renegotiatedFromId)}>{t('credit.seePrevious')}</Link>
        </Notice>
      )}
      {p.status === 'renegociado' && <Notice tone="warn">{t('credit.renegotiatedBanner')}</Notice>}
      {p.status === 'cancelado' && (
        <Notice tone="warn" testId="plan-cancelled">
          {t('credit.cancelledBanner', { reason: p.cancelReason ?? '' })}
        </Notice>
      )}
      {lateCount > 0 && (
        <Notice tone="warn" testId="plan-late">
          {t('credit.lateBanner', { count: lateCount })}
        </Notice>
      )}

      <div className="columns">
        <div className="card">
          <h2>{t('credit.section.terms')}</h2>
          <dl className="fin-totals">
            <div>
              <dt>{t('credit.downPayment')}</dt>
              <dd>{formatMoney(p.downPaymentCents)}</dd>
            </div>
            <div>
              <dt>{t('credit.financed')}</dt>
              <dd data-testid="plan-financed">{formatMoney(p.financedCents)}</dd>
            </div>
            <div>
              <dt>{t('credit.total')}</dt>
              <dd data-testid="plan-total">{formatMoney(p.totalCents)}</dd>
            </div>
            <div>
              <dt>{t('credit.open')}</dt>
              <dd data-testid="plan-open-amount">
                <strong>{formatMoney(openCents)}</strong>
              </dd>
            </div>
          </dl>
          <p className="muted small">
            {t('credit.termsLine', {
              count: p.count,
              first: formatDateBR(p.firstDueDate),
              schedule: p.intervalDays === null ? t('credit.monthly') : t('credit.everyDays', { days: p.intervalDays }),
              rate:
                p.monthlyRatePercent > 0
                  ? t('credit.rateValue', { rate: formatPercent(p.monthlyRatePercent) })
                  : t('credit.noInterest'),
            })}
            <br />
            {t('credit.chargesLine', {
              fine: formatPercent(p.finePercent),
              interest: formatPercent(p.monthlyInterestPercent),
            })}
          </p>
        </div>
        <Payoff plan={p} />
      </div>

      <div className="card">
        <h2>{t('credit.section.installments')}</h2>
        <InstallmentsTable items={p.installments} testId="plan-installments" />
      </div>

      {dialog === 'renegotiate' && <RenegotiateDialog plan={p} onClose={() => setDialog(null)} />}
      {dialog === 'cancel' && (
        <ReasonDialog
          title={t('credit.cancelTitle')}
          message={t('credit.cancelMessage', { code: reference, open: formatMoney(openCents) })}
          label={t('credit.cancelReason')}
          confirmLabel={t('credit.cancel')}
          busy={cancel.isPending}
          error={cancel.error}
          testId="plan-cancel-dialog"
          onConfirm={async (reason) => {
            try {
              await cancel.mutateAsync({ id: p.id, reason, version: p.version });
              invalidate();
              toast(t('credit.cancelled'));
              setDialog(null);
            } catch {
              // Shown in the dialog.
            }
          }}
          onCancel={() => {
            cancel.reset();
            setDialog(null);
          }}
        />
      )}
    </section>
  );
}

/** How much settles the plan on a date (future interest reduced, late ones with charges). */
function Payoff({ plan }: { plan: Plan }) {
  const [date, setDate] = useState(formatDateBR(todayIso()));
  const iso = parseDateBR(date);
  const problem = date.length === 10 && !iso ? t('field.date') : null;
  const quote = useCall(
    'plans.payoff',
    { id: plan.id, ...(iso && { date: iso }) },
    { enabled: plan.status === 'ativo' && iso !== null, keepPrevious: true },
  );
  if (plan.status !== 'ativo') return <div className="card" />;
  return (
    <div className="card" data-testid="payoff">
      <h2>{t('credit.payoff')}</h2>
      <Field name="payoffDate" label={t('credit.payoffDate')} error={problem}>
        {(p) => <DateInput control={p} value={date} onChange={setDate} />}
      </Field>
      <ErrorBox error={quote.error} onRetry={() => void quote.refetch()} />
      {quote.data && (
        <dl className={quote.isPlaceholderData ? 'fin-totals fin-stale' : 'fin-totals'}>
          <div>
            <dt>{t('credit.payoff.principal')}</dt>
            <dd>{formatMoney(quote.data.principalCents)}</dd>
          </div>
          <div>
            <dt>{t('credit.payoff.discount')}</dt>
            <dd>− {formatMoney(quote.data.discountCents)}</dd>
          </div>
          <div>
            <dt>{t('credit.payoff.charges')}</dt>
            <dd>+ {formatMoney(quote.data.chargesCents)}</dd>
          </div>
          <div>
            <dt>{t('credit.payoff.total')}</dt>
            <dd data-testid="payoff-total">
              <strong>{formatMoney(quote.data.totalCents)}</strong>
            </dd>
          </div>
        </dl>
      )}
    </div>
  );
}

/** The open installments (with their charges, unless left out) become a new crediário. */
function RenegotiateDialog({ plan, onClose }: { plan: Plan; onClose: () => void }) {
  const [, navigate] = useLocation();
  const toast = useToast();
  const invalidate = useInvalidateFinance();
  const { methods } = usePaymentMethods();
  const [includeCharges, setIncludeCharges] = useState(true);
  const today = todayIso();
  const quote = useCall('plans.payoff', { id: plan.id, date: today });
  const base = quote.data ? quote.data.principalCents + (includeCharges ? quote.data.chargesCents : 0) : null;
  const terms = usePlanTerms({ baseCents: base, withDownPayment: false, initial: emptyPlanTerms(today) });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const valid = terms.check();
    if (!valid) return;
    setPending(true);
    setError(null);
    try {
      const created = await call('plans.renegotiate', {
        id: plan.id,
        count: valid.count,
        firstDueDate: valid.firstDueDate,
        intervalDays: valid.intervalDays,
        monthlyRatePercent: valid.monthlyRatePercent,
        includeCharges,
      });
      invalidate();
      toast(t('credit.renegotiated'));
      onClose();
      navigate(planHref(created.id));
    } catch (err) {
      const appError = toAppError(err);
      setError(appError);
      if (appError.fields) terms.setServerErrors(appError.fields);
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal title={t('credit.renegotiateTitle')} onClose={onClose} testId="renegotiate-dialog" wide>
      <form onSubmit={submit} noValidate>
        <p className="muted">{t('credit.renegotiateIntro')}</p>
        {quote.isPending ? (
          <Loading />
        ) : quote.error ? (
          <ErrorBox error={quote.error} onRetry={() => void quote.refetch()} />
        ) : (
          quote.data && (
            <p>
              {t('credit.renegotiateOpen', {
                principal: formatMoney(quote.data.principalCents),
                charges: formatMoney(quote.data.chargesCents),
              })}
            </p>
          )
        )}
        <label className="checkbox">
          <input
            type="checkbox"
            checked={includeCharges}
            onChange={(e) => setIncludeCharges(e.target.checked)}
            data-testid="field-includeCharges"
          />
          {t('credit.includeCharges')}
        </label>
        <PlanTermsFields state={terms} methods={methods} withDownPayment={false} />
        <SimulationTable state={terms} />
        {error && !error.fields && <ErrorBox error={error} />}
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={pending} data-testid="renegotiate-confirm">
            {pending ? t('common.saving') : t('credit.renegotiateConfirm')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
