import { type FormEvent, useEffect, useState } from 'react';
import type { FieldErrors } from '../../../src-shared/errors';
import { useCall, useCallMutation } from '../../api/hooks';
import { toAppError } from '../../api/http';
import { useIdempotencyKey } from '../../hooks/useIdempotencyKey';
import { t } from '../../i18n';
import {
  centsToInput,
  changeFor,
  docPaths,
  formatMoney,
  moneyError,
  type Payment,
  parseMoneyInput,
} from '../../lib/finance';
import { ErrorBox, Notice } from '../ErrorBox';
import { Field } from '../Field';
import { Modal } from '../Modal';
import { MoneyInput } from '../MoneyInput';
import { Loading } from '../Spinner';
import { useToast } from '../Toasts';
import { useInvalidateFinance } from './invalidate';
import { DocLink } from './links';
import { MethodSelect, usePaymentMethods, usePreferredMethodId } from './methods';
import { PixBox } from './PixBox';

/**
 * Receives a payment on an order: method, amount (the balance by default) and, in cash, what was
 * handed over with the change worked out as it is typed. Afterwards: the receipt and, while
 * something is still owed, the Pix of the balance.
 */
export function ReceivePaymentDialog({
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
  const { methods, pending } = usePaymentMethods();
  const preferred = usePreferredMethodId(methods);
  const [methodId, setMethodId] = useState('');
  const [amount, setAmount] = useState(() => centsToInput(balanceCents));
  const [tendered, setTendered] = useState('');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  /** The payment made and the balance it was made against (the order's balance refreshes right after). */
  const [done, setDone] = useState<{ payment: Payment; before: number } | null>(null);
  const [key, renewKey] = useIdempotencyKey();
  const create = useCallMutation('payments.create', { idempotencyKey: key });
  const invalidate = useInvalidateFinance();
  const toast = useToast();

  useEffect(() => {
    if (!methodId && preferred) setMethodId(preferred);
  }, [methodId, preferred]);

  const method = methods.find((m) => String(m.id) === methodId);
  const cash = method?.kind === 'dinheiro';
  const pix = method?.kind === 'pix';
  const amountCents = parseMoneyInput(amount);
  const tenderedCents = parseMoneyInput(tendered);
  const change = cash ? changeFor(amountCents, tenderedCents) : null;
  const short = cash && amountCents !== null && tenderedCents !== null && tenderedCents < amountCents;

  const validate = (): FieldErrors => {
    const found: FieldErrors = {};
    if (!method) found.paymentMethodId = t('field.required');
    const amountProblem = moneyError(amount, {
      required: true,
      min: 1,
      max: balanceCents,
      maxMessage: t('finance.error.overBalance', { balance: formatMoney(balanceCents) }),
    });
    if (amountProblem) found.amountCents = amountProblem;
    if (cash && tendered.trim()) {
      const tenderedProblem = moneyError(tendered);
      if (tenderedProblem) found.tenderedCents = tenderedProblem;
      else if (short) found.tenderedCents = t('finance.error.tenderedShort');
    }
    if (notes.trim().length > 500) found.notes = t('field.tooLong', { max: 500 });
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0 || amountCents === null || !method) return;
    try {
      const payment = await create.mutateAsync({
        id: orderId,
        amountCents,
        paymentMethodId: method.id,
        ...(cash && tenderedCents !== null && { tenderedCents }),
        ...(notes.trim() && { notes: notes.trim() }),
      });
      renewKey();
      invalidate();
      setDone({ payment, before: balanceCents });
      toast(t('finance.receive.saved', { receipt: payment.receiptNumber }));
    } catch (error) {
      const { fields } = toAppError(error);
      if (fields) setErrors(fields);
    }
  };

  const title = orderNumber ? t('finance.receive.titleOrder', { number: orderNumber }) : t('finance.receive.title');
  if (done) {
    const { payment } = done;
    const remaining = Math.max(0, done.before - payment.amountCents);
    return (
      <Modal title={title} onClose={onClose} testId="receive-dialog" wide>
        <Notice tone="ok" testId="receive-done">
          {t('finance.receive.done', { amount: formatMoney(payment.amountCents), receipt: payment.receiptNumber })}
        </Notice>
        {payment.changeCents !== null && payment.changeCents > 0 && (
          <p className="fin-change-line">
            {t('finance.receive.change')}{' '}
            <strong data-testid="receive-done-change">{formatMoney(payment.changeCents)}</strong>
          </p>
        )}
        <p>
          {remaining > 0 ? (
            <span data-testid="receive-remaining">
              {t('finance.receive.remaining', { balance: formatMoney(remaining) })}
            </span>
          ) : (
            <span data-testid="receive-remaining">{t('finance.receive.fullyPaid')}</span>
          )}
        </p>
        {remaining > 0 && <OrderPix orderId={orderId} title={t('finance.pix.balanceTitle')} />}
        <div className="form-actions">
          <DocLink path={docPaths.receipt(payment.id)} testId="receipt-link" className="btn">
            {t('finance.receipt.print')}
          </DocLink>
          <button type="button" className="btn btn-primary" onClick={onClose} data-testid="receive-close">
            {t('common.close')}
          </button>
        </div>
      </Modal>
    );
  }

  return (
    <Modal title={title} onClose={onClose} testId="receive-dialog" wide>
      {pending ? (
        <Loading />
      ) : (
        <form onSubmit={submit} noValidate>
          <p className="muted">
            {t('finance.receive.balance')} <strong data-testid="receive-balance">{formatMoney(balanceCents)}</strong>
          </p>
          <div className="grid-2">
            <Field name="paymentMethodId" label={t('finance.method')} error={errors.paymentMethodId}>
              {(p) => (
                <MethodSelect
                  control={p}
                  methods={methods}
                  value={methodId}
                  onChange={(v) => {
                    setMethodId(v);
                    setErrors(({ paymentMethodId: _m, tenderedCents: _t, ...rest }) => rest);
                  }}
                />
              )}
            </Field>
            <Field name="amountCents" label={t('finance.amount')} error={errors.amountCents}>
              {(p) => (
                <MoneyInput
                  variant="finance"
                  control={p}
                  value={amount}
                  autoFocus
                  onChange={(v) => {
                    setAmount(v);
                    setErrors(({ amountCents: _a, ...rest }) => rest);
                  }}
                />
              )}
            </Field>
          </div>
          {cash && (
            <div className="grid-2">
              <Field
                name="tenderedCents"
                label={t('finance.tendered')}
                error={errors.tenderedCents}
                hint={t('finance.tenderedHint')}
                optional
              >
                {(p) => (
                  <MoneyInput
                    variant="finance"
                    control={p}
                    value={tendered}
                    onChange={(v) => {
                      setTendered(v);
                      setErrors(({ tenderedCents: _t, ...rest }) => rest);
                    }}
                  />
                )}
              </Field>
              <div className="field">
                <span className="fin-label">{t('finance.change')}</span>
                <output className={short ? 'fin-change fin-change-short' : 'fin-change'} data-testid="change">
                  {change !== null ? formatMoney(change) : short ? t('finance.error.tenderedShort') : '—'}
                </output>
              </div>
            </div>
          )}
          <Field name="notes" label={t('finance.notes')} error={errors.notes} optional>
            {(p) => <input {...p} maxLength={500} value={notes} onChange={(e) => setNotes(e.target.value)} />}
          </Field>
          {pix && <OrderPix orderId={orderId} title={t('finance.pix.balanceTitle')} />}
          {create.error && !create.error.fields && <ErrorBox error={create.error} testId="receive-error" />}
          <div className="form-actions">
            <button type="button" className="btn" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={create.isPending} data-testid="receive-save">
              {create.isPending ? t('common.saving') : t('finance.receive.submit')}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}

/** The Pix of an order's whole balance (finance.orderPix). */
export function OrderPix({ orderId, title }: { orderId: number; title: string }) {
  const pix = useCall('finance.orderPix', { id: orderId });
  return (
    <section className="fin-pix-section">
      <h3>{title}</h3>
      <PixBox data={pix.data} error={pix.error} pending={pix.isPending} onRetry={() => void pix.refetch()} />
    </section>
  );
}
