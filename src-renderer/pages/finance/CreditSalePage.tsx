import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { AppError } from '../../../src-shared/errors';
import { call } from '../../api/client';
import { useCall } from '../../api/hooks';
import { ErrorBox, Notice } from '../../components/ErrorBox';
import { Field } from '../../components/Field';
import { CreditBlocked, useCreatePlan } from '../../components/finance/CreatePlanDialog';
import { usePaymentMethods } from '../../components/finance/methods';
import { PlanTermsFields, SimulationTable, todayIso, usePlanTerms } from '../../components/finance/PlanTerms';
import { MoneyInput } from '../../components/MoneyInput';
import { Loading } from '../../components/Spinner';
import { useToast } from '../../components/Toasts';
import { t } from '../../i18n';
import {
  customerHref,
  emptyPlanTerms,
  formatMoney,
  MAX_CENTS,
  moneyError,
  type PlanTerms,
  parseMoneyInput,
  planHref,
  planTermsInput,
} from '../../lib/finance';

/** `/financeiro/venda/:customerId`: a sale on crediário without an order (description, total, terms). */
export function CreditSalePage({ customerId }: { customerId: number }) {
  const valid = Number.isSafeInteger(customerId) && customerId > 0;
  const customer = useCall('customers.get', { id: customerId }, { enabled: valid });
  if (!valid || customer.error?.code === 'NOT_FOUND') {
    return (
      <section className="page">
        <Notice tone="warn">{t('customer.notFound')}</Notice>
      </section>
    );
  }
  if (customer.isPending) return <Loading />;
  if (customer.isError) return <ErrorBox error={customer.error} onRetry={() => void customer.refetch()} />;
  return (
    <SaleForm
      customerId={customerId}
      customerName={customer.data.name}
      limit={customer.data.creditLimitCents ?? null}
    />
  );
}

function SaleForm({
  customerId,
  customerName,
  limit,
}: {
  customerId: number;
  customerName: string;
  limit: number | null;
}) {
  const [, navigate] = useLocation();
  const toast = useToast();
  const { methods, pending } = usePaymentMethods();
  const [description, setDescription] = useState('');
  const [total, setTotal] = useState('');
  const [saleErrors, setSaleErrors] = useState<{ description?: string; totalCents?: string }>({});
  const totalCents = parseMoneyInput(total);
  const terms = usePlanTerms({
    baseCents: totalCents !== null && totalCents > 0 ? totalCents : null,
    withDownPayment: true,
    initial: emptyPlanTerms(todayIso()),
  });
  const create = useCreatePlan(
    (input: PlanTerms & { override: boolean; description: string; totalCents: number }, idempotencyKey) =>
      call(
        'plans.createSale',
        {
          customerId,
          description: input.description,
          totalCents: input.totalCents,
          ...planTermsInput(input, input.override),
        },
        { idempotencyKey },
      ),
  );

  const send = async (override: boolean) => {
    const found: { description?: string; totalCents?: string } = {};
    if (!description.trim()) found.description = t('field.required');
    const totalProblem = moneyError(total, { required: true, min: 1, max: MAX_CENTS });
    if (totalProblem) found.totalCents = totalProblem;
    setSaleErrors(found);
    const valid = terms.check();
    if (!valid || Object.keys(found).length > 0 || totalCents === null) return;
    const result = await create.run({ ...valid, override, description: description.trim(), totalCents });
    if (!(result instanceof AppError)) {
      toast(t('credit.created', { count: result.count }));
      navigate(planHref(result.id));
    } else if (result.fields) {
      terms.setServerErrors(result.fields);
      setSaleErrors((e) => ({
        ...e,
        ...(result.fields?.description && { description: result.fields.description }),
        ...(result.fields?.totalCents && { totalCents: result.fields.totalCents }),
      }));
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(false);
  };
  const error = create.error;

  return (
    <section className="page" data-testid="credit-sale-page">
      <div className="page-header">
        <div>
          <Link href={customerHref(customerId)} className="back-link">
            ‹ {customerName}
          </Link>
          <h1>{t('credit.sale.title')}</h1>
          {limit !== null && <p className="muted">{t('credit.sale.limit', { limit: formatMoney(limit) })}</p>}
        </div>
      </div>
      {pending ? (
        <Loading />
      ) : (
        <form className="form card" onSubmit={submit} noValidate>
          <div className="grid-2">
            <Field name="description" label={t('credit.sale.description')} error={saleErrors.description}>
              {(p) => (
                <input
                  {...p}
                  maxLength={300}
                  value={description}
                  onChange={(e) => {
                    setDescription(e.target.value);
                    setSaleErrors(({ description: _d, ...rest }) => rest);
                  }}
                />
              )}
            </Field>
            <Field name="totalCents" label={t('credit.sale.total')} error={saleErrors.totalCents}>
              {(p) => (
                <MoneyInput
                  variant="finance"
                  control={p}
                  value={total}
                  onChange={(v) => {
                    setTotal(v);
                    setSaleErrors(({ totalCents: _t, ...rest }) => rest);
                  }}
                />
              )}
            </Field>
          </div>
          <PlanTermsFields state={terms} methods={methods} withDownPayment />
          <SimulationTable state={terms} />
          {error && create.blocked ? (
            <CreditBlocked error={error} busy={create.pending} onOverride={() => void send(true)} />
          ) : (
            error && !error.fields && <ErrorBox error={error} testId="plan-error" />
          )}
          <div className="form-actions">
            <Link href={customerHref(customerId)} className="btn">
              {t('common.cancel')}
            </Link>
            <button type="submit" className="btn btn-primary" disabled={create.pending} data-testid="plan-confirm">
              {create.pending ? t('common.saving') : t('credit.confirm')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
