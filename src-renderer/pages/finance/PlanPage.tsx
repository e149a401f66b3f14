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
import { MethodSelect, usePaymentMethods, usePreferredMethodId } from '../../components/finance/methods';
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
          <DocLink path={docPaths.promissories(p.id)} testId="plan-promissories" className="btn">
            {t('docs.printPromissories')}
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

/** How much settles the plan on a date (future interest reduced, late ones with charges); "Quitar agora" for today. */
function Payoff({ plan }: { plan: Plan }) {
  const session = useSession();
  const today = todayIso();
  const [date, setDate] = useState(formatDateBR(today));
  const [settling, setSettling] = useState(false);
  const iso = parseDateBR(date);
  const problem = date.length === 10 && !iso ? t('field.date') : null;
  const quote = useCall(
    'plans.payoff',
    { id: plan.id, ...(iso && { date: iso }) },
    { enabled: plan.status === 'ativo' && iso !== null, keepPrevious: true },
  );
  if (plan.status !== 'ativo') return <div className="card" />;
  const q = quote.data && !quote.isPlaceholderData ? quote.data : null;
  const canSettle = session.can('payments.receive') && q !== null && q.date === today && q.totalCents > 0;
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
            <dd data-testid="payoff-installments">{formatMoney(quote.data.installmentsCents)}</dd>
          </div>
          <div>
            <dt>{t('credit.payoff.openPrincipal')}</dt>
            <dd data-testid="payoff-open-principal">{formatMoney(quote.data.openPrincipalCents)}</dd>
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
      {q && q.date !== today && <p className="muted small">{t('credit.settle.onlyToday')}</p>}
      {canSettle && (
        <div className="form-actions">
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => setSettling(true)}
            data-testid="payoff-settle"
          >
            {t('credit.settle')}
          </button>
        </div>
      )}
      {settling && q && <SettleDialog plan={plan} quote={q} onClose={() => setSettling(false)} />}
    </div>
  );
}

/** Settles the plan at today's quote: how the customer pays, then the receipt. */
function SettleDialog({
  plan,
  quote,
  onClose,
}: {
  plan: Plan;
  quote: { date: string; totalCents: number };
  onClose: () => void;
}) {
  const { methods, pending } = usePaymentMethods();
  const preferred = usePreferredMethodId(methods);
  const [chosen, setChosen] = useState('');
  const methodId = chosen || preferred;
  const settle = useCallMutation('plans.settle');
  const invalidate = useInvalidateFinance();
  const toast = useToast();
  const [done, setDone] = useState<{ id: number; receiptNumber: string } | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!methodId) {
      setFields({ paymentMethodId: t('field.required') });
      return;
    }
    try {
      const payment = await settle.mutateAsync({
        id: plan.id,
        date: quote.date,
        totalCents: quote.totalCents,
        paymentMethodId: Number(methodId),
      });
      invalidate();
      toast(t('credit.settle.done', { receipt: payment.receiptNumber }));
      setDone(payment);
    } catch (error) {
      const appError = toAppError(error);
      if (appError.fields) setFields(appError.fields);
    }
  };

  return (
    <Modal
      title={t('credit.settle.title', { code: plan.orderNumber ?? plan.description ?? '' })}
      onClose={onClose}
      testId="settle-dialog"
    >
      {done ? (
        <>
          <Notice tone="ok" testId="settle-done">
            {t('credit.settle.done', { receipt: done.receiptNumber })}
          </Notice>
          <div className="form-actions">
            <DocLink path={docPaths.receipt(done.id)} testId="settle-receipt" className="btn">
              {t('finance.receipt.print')}
            </DocLink>
            <button type="button" className="btn btn-primary" onClick={onClose}>
              {t('common.close')}
            </button>
          </div>
        </>
      ) : pending ? (
        <Loading />
      ) : (
        <form onSubmit={submit} noValidate>
          <p>
            {t('credit.settle.amount')} <strong data-testid="settle-total">{formatMoney(quote.totalCents)}</strong>
          </p>
          <Field name="paymentMethodId" label={t('finance.method')} error={fields.paymentMethodId}>
            {(p) => <MethodSelect control={p} methods={methods} value={methodId} onChange={setChosen} />}
          </Field>
          {settle.error && !settle.error.fields && <ErrorBox error={settle.error} testId="settle-error" />}
          {settle.error?.fields && Object.keys(settle.error.fields).some((k) => k !== 'paymentMethodId') && (
            <ErrorBox error={settle.error} testId="settle-error" />
          )}
          <div className="form-actions">
            <button type="button" className="btn" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={settle.isPending} data-testid="settle-confirm">
              {settle.isPending ? t('common.saving') : t('credit.settle.confirm')}
            </button>
          </div>
        </form>
      )}
    </Modal>
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
  const base = quote.data ? quote.data.installmentsCents + (includeCharges ? quote.data.chargesCents : 0) : null;
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
                principal: formatMoney(quote.data.installmentsCents),
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
