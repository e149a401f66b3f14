import { useQueryClient } from '@tanstack/react-query';
import { Link, useLocation } from 'wouter';
import { businessDateOf } from '../../src-shared/domain/dates';
import { formatCep, formatPhone, UFS } from '../../src-shared/domain/documents';
import type { FieldErrors } from '../../src-shared/errors';
import { useCall, useCallMutation } from '../api/hooks';
import { queryKeyOf } from '../api/query-keys';
import { DateInput } from '../components/DateInput';
import { ErrorBox, Notice } from '../components/ErrorBox';
import { Field } from '../components/Field';
import { MoneyInput } from '../components/MoneyInput';
import { RecordNotFound } from '../components/RecordNotFound';
import { Loading } from '../components/Spinner';
import { StaleBanner } from '../components/StaleBanner';
import { TagInput } from '../components/TagInput';
import { useToast } from '../components/Toasts';
import { useEditForm } from '../hooks/useEditForm';
import { useIdempotencyKey } from '../hooks/useIdempotencyKey';
import { t } from '../i18n';
import {
  type AddressForm,
  type Customer,
  type CustomerFormValues,
  type CustomerKind,
  customerToForm,
  documentError,
  emptyCustomerForm,
  formToCreateInput,
  formToUpdateInput,
  mapServerFields,
  maskDocument,
  rebaseForm,
  typeDocument,
  validateCustomerForm,
} from '../lib/customer-form';
import { mappedFieldsOutcome } from '../lib/edit-form';
import { useSession } from '../session';

/** `/clientes/novo` and `/clientes/:id/editar`. */
export function CustomerFormPage({ id }: { id?: number }) {
  if (id === undefined) return <CustomerForm customer={null} />;
  return <EditCustomer id={id} />;
}

function EditCustomer({ id }: { id: number }) {
  const valid = Number.isSafeInteger(id) && id > 0;
  const query = useCall('customers.get', { id }, { enabled: valid });
  if (!valid || query.error?.code === 'NOT_FOUND') {
    return (
      <RecordNotFound testId="customer-not-found" back={{ href: '/clientes', label: t('customer.backToList') }}>
        {t('customer.notFound')}
      </RecordNotFound>
    );
  }
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorBox error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <CustomerForm
      customer={query.data}
      latestVersion={query.data.version}
      reload={async () => (await query.refetch()).data ?? null}
    />
  );
}

const today = () => businessDateOf(new Date());

function withoutKey(errors: FieldErrors, key: string): FieldErrors {
  if (!(key in errors)) return errors;
  const { [key]: _removed, ...rest } = errors;
  return rest;
}

function CustomerForm({
  customer,
  latestVersion,
  reload,
}: {
  customer: Customer | null;
  /** The version the server has now (live updates); differs from ours when someone else saved. */
  latestVersion?: number;
  reload?: () => Promise<Customer | null>;
}) {
  const session = useSession();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const canPrivateNotes = session.can('customers.privateNotes');
  const canCreditLimit = session.can('credit.manage');
  const editing = customer !== null;

  const [key] = useIdempotencyKey();
  const create = useCallMutation('customers.create', { idempotencyKey: key });
  const update = useCallMutation('customers.update');
  const tags = useCall('customers.tags', {});
  const saving = create.isPending || update.isPending;

  const {
    values,
    setValues,
    errors,
    setErrors,
    general,
    showStale,
    reloading,
    reloaded,
    setReloaded,
    formRef,
    check,
    doReload,
    submit,
  } = useEditForm({
    id: customer?.id ?? null,
    initial: () => (customer ? customerToForm(customer) : emptyCustomerForm(today())),
    version: customer?.version ?? 0,
    latestVersion,
    validate: (v) => validateCustomerForm(v, { today: today() }),
    create: async (v) => {
      const created = await create.mutateAsync(formToCreateInput(v, { canPrivateNotes, canCreditLimit }));
      queryClient.setQueryData(queryKeyOf('customers.get', { id: created.id }), created);
      toast(t('customer.created'));
      navigate(`/clientes/${created.id}`);
    },
    toUpdateInput: (original, current, target) =>
      formToUpdateInput(original, current, { ...target, canPrivateNotes, canCreditLimit }),
    update: async (input) => {
      const saved = await update.mutateAsync(input);
      queryClient.setQueryData(queryKeyOf('customers.get', { id: saved.id }), saved);
      toast(t('customer.saved'));
      navigate(`/clientes/${saved.id}`);
    },
    onUnchanged: (id) => {
      toast(t('customerForm.notChanged'));
      navigate(`/clientes/${id}`);
    },
    serverErrors: (error) => mappedFieldsOutcome(error, (fields) => mapServerFields(fields)),
    reload,
    toValues: customerToForm,
    rebase: rebaseForm,
  });

  const clearError = (key: string) => setErrors((e) => withoutKey(e, key));
  const set = <K extends keyof CustomerFormValues>(key: K, value: CustomerFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    clearError(key);
    setReloaded(false);
  };
  const setAddress = (key: keyof AddressForm, value: string) => {
    setValues((v) => ({ ...v, address: { ...v.address, [key]: value } }));
    clearError(`address.${key}`);
  };

  const setKind = (kind: CustomerKind) => {
    setValues((v) => ({ ...v, kind, document: maskDocument(kind, v.document) }));
    clearError('document');
    clearError('kind');
  };

  const documentProblem = errors.document ?? documentError(values.kind, values.document, false);
  const cancelHref = customer ? `/clientes/${customer.id}` : '/clientes';

  return (
    <section className="page" data-testid="customer-form-page">
      <div className="page-header">
        <div>
          <Link href={cancelHref} className="back-link">
            ‹ {customer ? customer.name : t('nav.customers')}
          </Link>
          <h1>{editing ? t('customerForm.editTitle') : t('customerForm.newTitle')}</h1>
        </div>
      </div>

      {showStale && (
        <StaleBanner
          message={t('customerForm.stale')}
          reloadLabel={t('customerForm.staleReload')}
          reloading={reloading}
          onReload={() => void doReload()}
        />
      )}
      {reloaded && !showStale && <Notice testId="reloaded-notice">{t('customerForm.reloaded')}</Notice>}

      <form ref={formRef} className="form card" onSubmit={submit} noValidate data-testid="customer-form">
        <fieldset className="field kind-field">
          <legend>{t('customerForm.kind')}</legend>
          <div className="radios">
            {(['PF', 'PJ'] as const).map((kind) => (
              <label key={kind} className="radio">
                <input
                  type="radio"
                  name="kind"
                  value={kind}
                  checked={values.kind === kind}
                  onChange={() => setKind(kind)}
                  data-testid={`field-kind-${kind}`}
                />
                {t(`customer.kind.${kind}`)}
              </label>
            ))}
          </div>
        </fieldset>

        <div className="grid-2">
          <Field
            name="name"
            label={t('customer.name')}
            error={errors.name}
            hint={values.kind === 'PJ' ? t('customer.nameHintPJ') : undefined}
          >
            {(p) => (
              <input
                {...p}
                maxLength={160}
                autoComplete="off"
                value={values.name}
                onChange={(e) => set('name', e.target.value)}
                onBlur={() => check('name')}
              />
            )}
          </Field>
          <Field
            name="document"
            label={values.kind === 'PF' ? t('customer.cpf') : t('customer.cnpj')}
            error={documentProblem}
            optional
          >
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                autoComplete="off"
                placeholder={values.kind === 'PF' ? '000.000.000-00' : '00.000.000/0000-00'}
                value={values.document}
                onChange={(e) => {
                  const next = typeDocument(values.kind, e.target.value);
                  setValues((v) => ({ ...v, ...next }));
                  clearError('document');
                }}
                onBlur={() => check('document')}
              />
            )}
          </Field>
        </div>

        <div className="grid-3">
          <Field name="phone" label={t('customer.phone')} error={errors.phone} optional>
            {(p) => (
              <input
                {...p}
                type="tel"
                inputMode="tel"
                autoComplete="off"
                placeholder="(11) 98765-4321"
                value={values.phone}
                onChange={(e) => set('phone', formatPhone(e.target.value))}
                onBlur={() => check('phone')}
              />
            )}
          </Field>
          <Field name="whatsapp" label={t('customer.whatsapp')} error={errors.whatsapp} optional>
            {(p) => (
              <input
                {...p}
                type="tel"
                inputMode="tel"
                autoComplete="off"
                placeholder="(11) 98765-4321"
                value={values.whatsapp}
                onChange={(e) => set('whatsapp', formatPhone(e.target.value))}
                onBlur={() => check('whatsapp')}
              />
            )}
          </Field>
          <Field name="email" label={t('customer.email')} error={errors.email} optional>
            {(p) => (
              <input
                {...p}
                type="email"
                inputMode="email"
                autoComplete="off"
                maxLength={160}
                value={values.email}
                onChange={(e) => set('email', e.target.value)}
                onBlur={() => check('email')}
              />
            )}
          </Field>
        </div>

        <div className="grid-3">
          <Field
            name="birthDate"
            label={values.kind === 'PJ' ? t('customer.foundedDate') : t('customer.birthDate')}
            error={errors.birthDate}
            optional
          >
            {(p) => (
              <DateInput
                control={p}
                value={values.birthDate}
                onChange={(v) => set('birthDate', v)}
                onBlur={() => check('birthDate')}
              />
            )}
          </Field>
          <Field name="joinedAt" label={t('customer.joinedAt')} error={errors.joinedAt}>
            {(p) => (
              <DateInput
                control={p}
                value={values.joinedAt}
                onChange={(v) => set('joinedAt', v)}
                onBlur={() => check('joinedAt')}
              />
            )}
          </Field>
        </div>

        <fieldset className="group">
          <legend>{t('customer.address')}</legend>
          <div className="grid-address">
            <Field name="address.cep" label={t('customer.cep')} error={errors['address.cep']} optional>
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  autoComplete="off"
                  placeholder="00000-000"
                  value={values.address.cep}
                  onChange={(e) => setAddress('cep', formatCep(e.target.value))}
                  onBlur={() => check('address.cep')}
                />
              )}
            </Field>
            <Field
              name="address.street"
              label={t('customer.street')}
              error={errors['address.street']}
              className="span-2"
            >
              {(p) => (
                <input
                  {...p}
                  maxLength={160}
                  autoComplete="off"
                  value={values.address.street}
                  onChange={(e) => setAddress('street', e.target.value)}
                />
              )}
            </Field>
            <Field name="address.number" label={t('customer.number')} error={errors['address.number']}>
              {(p) => (
                <input
                  {...p}
                  maxLength={20}
                  autoComplete="off"
                  value={values.address.number}
                  onChange={(e) => setAddress('number', e.target.value)}
                />
              )}
            </Field>
            <Field name="address.complement" label={t('customer.complement')} error={errors['address.complement']}>
              {(p) => (
                <input
                  {...p}
                  maxLength={80}
                  autoComplete="off"
                  value={values.address.complement}
                  onChange={(e) => setAddress('complement', e.target.value)}
                />
              )}
            </Field>
            <Field name="address.district" label={t('customer.district')} error={errors['address.district']}>
              {(p) => (
                <input
                  {...p}
                  maxLength={80}
                  autoComplete="off"
                  value={values.address.district}
                  onChange={(e) => setAddress('district', e.target.value)}
                />
              )}
            </Field>
            <Field name="address.city" label={t('customer.city')} error={errors['address.city']}>
              {(p) => (
                <input
                  {...p}
                  maxLength={80}
                  autoComplete="off"
                  value={values.address.city}
                  onChange={(e) => setAddress('city', e.target.value)}
                />
              )}
            </Field>
            <Field name="address.state" label={t('customer.state')} error={errors['address.state']}>
              {(p) => (
                <select {...p} value={values.address.state} onChange={(e) => setAddress('state', e.target.value)}>
                  <option value="">—</option>
                  {UFS.map((uf) => (
                    <option key={uf} value={uf}>
                      {uf}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </fieldset>

        <Field name="tags" label={t('customer.tags')} error={errors.tags} hint={t('customer.tagsHint')} optional>
          {(p) => (
            <TagInput
              control={p}
              tags={values.tags}
              suggestions={tags.data?.items.map((i) => i.tag) ?? []}
              onChange={(next) => set('tags', next)}
            />
          )}
        </Field>

        <Field
          name="preferences"
          label={t('customer.preferences')}
          error={errors.preferences}
          hint={t('customer.preferencesHint')}
          optional
        >
          {(p) => (
            <textarea
              {...p}
              rows={3}
              maxLength={2000}
              value={values.preferences}
              onChange={(e) => set('preferences', e.target.value)}
            />
          )}
        </Field>

        {canPrivateNotes && (
          <Field
            name="privateNotes"
            label={t('customer.privateNotes')}
            error={errors.privateNotes}
            hint={t('customer.privateNotesHint')}
            optional
          >
            {(p) => (
              <textarea
                {...p}
                rows={3}
                maxLength={4000}
                value={values.privateNotes}
                onChange={(e) => set('privateNotes', e.target.value)}
              />
            )}
          </Field>
        )}

        {canCreditLimit && (
          <Field
            name="creditLimitCents"
            label={t('credit.creditLimit')}
            error={errors.creditLimitCents}
            hint={t('credit.creditLimitHint')}
            optional
          >
            {(p) => (
              <MoneyInput
                variant="finance"
                control={p}
                value={values.creditLimit}
                onChange={(v) => {
                  set('creditLimit', v);
                  clearError('creditLimitCents');
                }}
                onBlur={() => check('creditLimitCents')}
              />
            )}
          </Field>
        )}

        <ErrorBox error={general} testId="form-error" />
        {Object.keys(errors).length > 0 && !general && (
          <p className="field-error" role="alert">
            {t('customerForm.fixErrors')}
          </p>
        )}

        <div className="form-actions">
          <Link href={cancelHref} className="btn" data-testid="customer-cancel">
            {t('common.cancel')}
          </Link>
          <button type="submit" className="btn btn-primary" disabled={saving} data-testid="customer-save">
            {saving ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
