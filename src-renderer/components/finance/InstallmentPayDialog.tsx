import { type FormEvent, useEffect, useState } from 'react';
import { formatDateBR, parseDateBR } from '../../../src-shared/domain/dates';
import type { FieldErrors } from '../../../src-shared/errors';
import { useCall, useCallMutation } from '../../api/hooks';
import { toAppError } from '../../api/http';
import { useDebounced } from '../../hooks/useDebounced';
import { useIdempotencyKey } from '../../hooks/useIdempotencyKey';
import { t } from '../../i18n';
import {
  centsToInput,
  docPaths,
  formatMoney,
  type Installment,
  moneyError,
  type Payment,
  parseMoneyInput,
} from '../../lib/finance';
import { useSession } from '../../session';
import { DateInput } from '../DateInput';
import { ErrorBox, Notice } from '../ErrorBox';
import { Field } from '../Field';
import { Modal } from '../Modal';
import { MoneyInput } from '../MoneyInput';
import { Loading, Spinner } from '../Spinner';
import { useToast } from '../Toasts';
import { useInvalidateFinance } from './invalidate';
import { DocLink } from './links';
import { MethodSelect, usePaymentMethods, usePreferredMethodId } from './methods';
import { todayIso } from './PlanTerms';

/** Noon of a business date in this browser's zone (the shop's), so the server reads the same date back. */
function paidAtOf(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12, 0, 0).toISOString();
}

/**
 * Receives an installment: principal, multa and juros for the chosen date (`installments.charges`),
 * the amount (the total by default), the method; a gerente/admin may waive the charges with a reason.
 */
export function InstallmentPayDialog({ installment, onClose }: { installment: Installment; onClose: () => void }) {
  const session = useSession();
  const canWaive = session.can('credit.waive');
  const today = todayIso();
  const { methods, pending: loadingMethods } = usePaymentMethods();
  const preferred = usePreferredMethodId(methods);
  const [date, setDate] = useState(formatDateBR(today));
  const [methodId, setMethodId] = useState('');
  const [amount, setAmount] = useState('');
  const [amountEdited, setAmountEdited] = useState(false);
  const [waive, setWaive] = useState(false);
  const [waiveReason, setWaiveReason] = useState('');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<Payment | null>(null);
  const [key, renewKey] = useIdempotencyKey();
  const pay = useCallMutation('installments.pay', { idempotencyKey: key });
  const invalidate = useInvalidateFinance();
  const toast = useToast();

  const iso = parseDateBR(date);
  const dateProblem = !date.trim()
    ? t('field.required')
    : !iso
      ? t('field.date')
      : iso > today
        ? t('field.futureDate')
        : null;
  const chargesDate = useDebounced(dateProblem ? null : iso, 200);
  const charges = useCall(
    'installments.charges',
    { id: installment.id, ...(chargesDate && { date: chargesDate }) },
    { enabled: chargesDate !== null, keepPrevious: true },
  );
  const due = charges.data ? (waive ? charges.data.principalCents : charges.data.totalCents) : null;

  useEffect(() => {
    if (!methodId && preferred) setMethodId(preferred);
  }, [methodId, preferred]);
  // Until the user types an amount of their own, it follows what is due on the chosen date.
  useEffect(() => {
    if (!amountEdited && due !== null) setAmount(centsToInput(due));
  }, [due, amountEdited]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (dateProblem) found.paidAt = dateProblem;
    const method = methods.find((m) => String(m.id) === methodId);
    if (!method) found.paymentMethodId = t('field.required');
    const amountProblem = moneyError(amount, {
      required: true,
      min: 1,
      ...(due !== null && {
        max: due,
        maxMessage: t('finance.error.overDue', { due: formatMoney(due) }),
      }),
    });
    if (amountProblem) found.amountCents = amountProblem;
    if (waive && !waiveReason.trim()) found.waiveReason = t('field.required');
    setErrors(found);
    const amountCents = parseMoneyInput(amount);
    if (Object.keys(found).length > 0 || !method || amountCents === null || !iso) return;
    try {
      const payment = await pay.mutateAsync({
        id: installment.id,
        amountCents,
        paymentMethodId: method.id,
        ...(iso !== today && { paidAt: paidAtOf(iso) }),
        ...(waive && { waiveReason: waiveReason.trim() }),
        ...(notes.trim() && { notes: notes.trim() }),
      });
      renewKey();
      invalidate();
      setDone(payment);
      toast(t('finance.receive.saved', { receipt: payment.receiptNumber }));
    } catch (error) {
      const { fields } = toAppError(error);
      if (fields) setErrors(fields);
    }
  };

  const title = t('credit.pay.title', { code: installment.code });
  if (done) {
    return (
      <Modal title={title} onClose={onClose} testId="installment-pay-dialog">
        <Notice tone="ok" testId="installment-pay-done">
          {t('finance.receive.done', { amount: formatMoney(done.totalCents), receipt: done.receiptNumber })}
        </Notice>
        <dl className="fin-totals">
          <div>
            <dt>{t('credit.charges.principal')}</dt>
            <dd>{formatMoney(done.amountCents)}</dd>
          </div>
          <div>
            <dt>{t('credit.charges.fine')}</dt>
            <dd>{formatMoney(done.fineCents)}</dd>
          </div>
          <div>
            <dt>{t('credit.charges.interest')}</dt>
            <dd>{formatMoney(done.interestCents)}</dd>
          </div>
        </dl>
        <div className="form-actions">
          <DocLink path={docPaths.receipt(done.id)} testId="receipt-link" className="btn">
            {t('finance.receipt.print')}
          </DocLink>
          <button type="button" className="btn btn-primary" onClick={onClose} data-testid="installment-pay-close">
            {t('common.close')}
          </button>
        </div>
      </Modal>
    );
  }

  return (
    <Modal title={title} onClose={onClose} testId="installment-pay-dialog" wide>
      {loadingMethods ? (
        <Loading />
      ) : (
        <form onSubmit={submit} noValidate>
          <p className="muted">
            {t('credit.pay.info', {
              due: formatDateBR(installment.dueDate),
              amount: formatMoney(installment.amountCents),
              open: formatMoney(installment.balanceCents),
            })}
          </p>
          <Field
            name="paidAt"
            label={t('credit.pay.date')}
            error={errors.paidAt ?? dateProblem}
            hint={t('credit.pay.dateHint')}
          >
            {(p) => <DateInput control={p} value={date} onChange={setDate} />}
          </Field>
          <div className="fin-charges" data-testid="charges">
            {charges.isPending && chargesDate !== null ? (
              <Loading />
            ) : charges.error ? (
              <ErrorBox error={charges.error} onRetry={() => void charges.refetch()} />
            ) : charges.data ? (
              <dl className={charges.isPlaceholderData ? 'fin-totals fin-stale' : 'fin-totals'}>
                <div>
                  <dt>{t('credit.charges.principal')}</dt>
                  <dd data-testid="charges-principal">{formatMoney(charges.data.principalCents)}</dd>
                </div>
                <div className={waive ? 'fin-waived' : undefined}>
                  <dt>{t('credit.charges.fine')}</dt>
                  <dd data-testid="charges-fine">{formatMoney(charges.data.fineCents)}</dd>
                </div>
                <div className={waive ? 'fin-waived' : undefined}>
                  <dt>{t('credit.charges.interest')}</dt>
                  <dd data-testid="charges-interest">{formatMoney(charges.data.interestCents)}</dd>
                </div>
                <div>
                  <dt>{t('credit.charges.total')}</dt>
                  <dd data-testid="charges-total">
                    <strong>{formatMoney(due ?? charges.data.totalCents)}</strong>
                    {charges.isFetching && <Spinner small label={t('common.updating')} />}
                  </dd>
                </div>
                {charges.data.daysLate > 0 && (
                  <div>
                    <dt>{t('credit.charges.daysLate')}</dt>
                    <dd data-testid="charges-days-late">{charges.data.daysLate}</dd>
                  </div>
                )}
              </dl>
            ) : null}
          </div>
          <div className="grid-2">
            <Field name="paymentMethodId" label={t('finance.method')} error={errors.paymentMethodId}>
              {(p) => <MethodSelect control={p} methods={methods} value={methodId} onChange={setMethodId} />}
            </Field>
            <Field
              name="amountCents"
              label={t('finance.amount')}
              error={errors.amountCents}
              hint={t('credit.pay.amountHint')}
            >
              {(p) => (
                <MoneyInput
                  variant="finance"
                  control={p}
                  value={amount}
                  onChange={(v) => {
                    setAmount(v);
                    setAmountEdited(true);
                    setErrors(({ amountCents: _a, ...rest }) => rest);
                  }}
                />
              )}
            </Field>
          </div>
          {canWaive && (
            <div className="fin-waive">
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={waive}
                  onChange={(e) => {
                    setWaive(e.target.checked);
                    setAmountEdited(false);
                  }}
                  data-testid="field-waive"
                />
                {t('credit.pay.waive')}
              </label>
              {waive && (
                <Field name="waiveReason" label={t('credit.pay.waiveReason')} error={errors.waiveReason}>
                  {(p) => (
                    <input
                      {...p}
                      maxLength={300}
                      value={waiveReason}
                      onChange={(e) => {
                        setWaiveReason(e.target.value);
                        setErrors(({ waiveReason: _w, ...rest }) => rest);
                      }}
                    />
                  )}
                </Field>
              )}
            </div>
          )}
          <Field name="notes" label={t('finance.notes')} error={errors.notes} optional>
            {(p) => <input {...p} maxLength={500} value={notes} onChange={(e) => setNotes(e.target.value)} />}
          </Field>
          {pay.error && !pay.error.fields && <ErrorBox error={pay.error} testId="installment-pay-error" />}
          <div className="form-actions">
            <button type="button" className="btn" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button
              type="submit"
              className="btn btn-primary"
              disabled={pay.isPending}
              data-testid="installment-pay-save"
            >
              {pay.isPending ? t('common.saving') : t('finance.receive.submit')}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
