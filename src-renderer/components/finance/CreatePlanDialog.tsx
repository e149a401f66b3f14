import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import { AppError } from '../../../src-shared/errors';
import { call } from '../../api/client';
import { toAppError } from '../../api/http';
import { useIdempotencyKey } from '../../hooks/useIdempotencyKey';
import { t } from '../../i18n';
import {
  docPaths,
  emptyPlanTerms,
  formatMoney,
  isCreditBlocked,
  type Plan,
  type PlanTerms,
  planHref,
  planTermsInput,
} from '../../lib/finance';
import { useSession } from '../../session';
import { ErrorBox, Notice } from '../ErrorBox';
import { Modal } from '../Modal';
import { Loading } from '../Spinner';
import { useToast } from '../Toasts';
import { useInvalidateFinance } from './invalidate';
import { DocLink } from './links';
import { usePaymentMethods } from './methods';
import { PlanTermsFields, SimulationTable, todayIso, usePlanTerms } from './PlanTerms';

/**
 * Sends the result of a crediário create, retrying once with `override` when a gerente/admin
 * chose "Liberar mesmo assim". Shared by the order dialog and the standalone sale page.
 */
export function useCreatePlan<I>(send: (input: I, idempotencyKey: string) => Promise<Plan>) {
  const [key, renewKey] = useIdempotencyKey();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const invalidate = useInvalidateFinance();
  /** The plan, or the error (also kept in `error` to be shown). */
  const run = async (input: I): Promise<Plan | AppError> => {
    setPending(true);
    setError(null);
    try {
      const plan = await send(input, key);
      renewKey();
      invalidate();
      return plan;
    } catch (err) {
      const appError = toAppError(err);
      setError(appError);
      return appError;
    } finally {
      setPending(false);
    }
  };
  return { run, pending, error, blocked: isCreditBlocked(error), clearError: () => setError(null) };
}

/** The 422 "Crediário bloqueado…" with, for gerentes and admins, the way to open it anyway. */
export function CreditBlocked({ error, busy, onOverride }: { error: AppError; busy: boolean; onOverride: () => void }) {
  const session = useSession();
  return (
    <div className="alert alert-warn" role="alert" data-testid="credit-blocked">
      <span>{error.message}</span>
      {session.can('credit.override') && (
        <button
          type="button"
          className="btn btn-small btn-danger"
          onClick={onOverride}
          disabled={busy}
          data-testid="plan-override"
        >
          {t('credit.override')}
        </button>
      )}
    </div>
  );
}

/** "Crediário" on an order: the simulator over the order's balance, then `plans.createForOrder`. */
export function CreatePlanDialog({
  orderId,
  orderNumber,
  balanceCents,
  onClose,
}: {
  orderId: number;
  orderNumber?: string | undefined;
  balanceCents: number;
  onClose: () => void;
}) {
  const { methods, pending: loadingMethods } = usePaymentMethods();
  const terms = usePlanTerms({ baseCents: balanceCents, withDownPayment: true, initial: emptyPlanTerms(todayIso()) });
  const create = useCreatePlan((input: PlanTerms & { override: boolean }, idempotencyKey) =>
    call('plans.createForOrder', { id: orderId, ...planTermsInput(input, input.override) }, { idempotencyKey }),
  );
  const [created, setCreated] = useState<Plan | null>(null);
  const toast = useToast();

  const send = async (override: boolean) => {
    const valid = terms.check();
    if (!valid) return;
    const result = await create.run({ ...valid, override });
    if (result instanceof AppError) {
      // Field errors from the server land on the fields; anything else is shown above the buttons.
      if (result.fields) terms.setServerErrors(result.fields);
      return;
    }
    setCreated(result);
    toast(t('credit.created', { count: result.count }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(false);
  };
  const error = create.error;

  const title = orderNumber ? t('credit.titleOrder', { number: orderNumber }) : t('credit.title');
  if (created) {
    return (
      <Modal title={title} onClose={onClose} testId="plan-dialog" wide>
        <Notice tone="ok" testId="plan-created">
          {t('credit.createdLong', {
            count: created.count,
            total: formatMoney(created.totalCents),
            code: created.installments[0]?.code.replace(/-\d+\/\d+$/, '') ?? '',
          })}
        </Notice>
        <div className="form-actions">
          <DocLink path={docPaths.carne(created.id)} testId="carne-link" className="btn">
            {t('credit.printCarne')}
          </DocLink>
          <Link href={planHref(created.id)} className="btn" data-testid="plan-open" onClick={onClose}>
            {t('credit.openPlan')}
          </Link>
          <button type="button" className="btn btn-primary" onClick={onClose} data-testid="plan-close">
            {t('common.close')}
          </button>
        </div>
      </Modal>
    );
  }

  return (
    <Modal title={title} onClose={onClose} testId="plan-dialog" wide>
      {loadingMethods ? (
        <Loading />
      ) : (
        <form onSubmit={submit} noValidate>
          <p className="muted">
            {t('credit.orderBalance')} <strong data-testid="plan-balance">{formatMoney(balanceCents)}</strong>
          </p>
          <PlanTermsFields state={terms} methods={methods} withDownPayment />
          <SimulationTable state={terms} />
          {error && create.blocked ? (
            <CreditBlocked error={error} busy={create.pending} onOverride={() => void send(true)} />
          ) : (
            error && !error.fields && <ErrorBox error={error} testId="plan-error" />
          )}
          <div className="form-actions">
            <button type="button" className="btn" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={create.pending} data-testid="plan-confirm">
              {create.pending ? t('common.saving') : t('credit.confirm')}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
