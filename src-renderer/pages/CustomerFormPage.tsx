import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { type UseFormReturn, useWatch } from 'react-hook-form';
import { Link, useLocation } from 'wouter';
import { contract } from '../../src-shared/contract';
import { businessDateOf } from '../../src-shared/domain/dates';
import { formatCep, formatPhone, onlyDigits, UFS } from '../../src-shared/domain/documents';
import type { FieldErrors } from '../../src-shared/errors';
import { useCall, useCallMutation } from '../api/hooks';
import { queryKeyOf } from '../api/query-keys';
import { DateInput } from '../components/DateInput';
import { ErrorBox, Notice } from '../components/ErrorBox';
import { MoneyInput } from '../components/MoneyInput';
import { RecordNotFound } from '../components/RecordNotFound';
import { Loading } from '../components/Spinner';
import { StaleBanner } from '../components/StaleBanner';
import { TagInput } from '../components/TagInput';
import { useToast } from '../components/Toasts';
import { FormField, FormRootError, fieldError, SelectField, TextAreaField, TextField } from '../form/fields';
import { useContractForm } from '../form/useContractForm';
import { useIdempotencyKey } from '../hooks/useIdempotencyKey';
import { t } from '../i18n';
import { fillAddress, lookupCep } from '../lib/cep';
import {
  type Consent,
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

/** The contract calls it `creditLimitCents`; the form keeps the typed text as `creditLimit`. */
const formKeyOf = (key: string): string => (key === 'creditLimitCents' ? 'creditLimit' : key);

function toFormKeys(fields: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [formKeyOf(k), v]));
}

const UF_OPTIONS = UFS.map((uf) => ({ value: uf, label: uf }));

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
  const seesDocuments = session.can('customers.documents');
  const editing = customer !== null;

  const [key] = useIdempotencyKey();
  const create = useCallMutation('customers.create', { idempotencyKey: key });
  const update = useCallMutation('customers.update');
  const tags = useCall('customers.tags', {});
  const saving = create.isPending || update.isPending;

  const { form, general, showStale, reloading, reloaded, doReload, submit } = useContractForm({
    id: customer?.id ?? null,
    initial: () => (customer ? customerToForm(customer) : emptyCustomerForm(today())),
    version: customer?.version ?? 0,
    latestVersion,
    // The page's checks (masks, dd/mm/aaaa), then the contract's own schema on what would be sent.
    schema: contract['customers.create'].input,
    toInput: (v) => formToCreateInput(v, { canPrivateNotes, canCreditLimit }),
    validate: (v) => validateCustomerForm(v, { today: today() }),
    fieldOf: formKeyOf,
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
    serverErrors: (error) => {
      const outcome = mappedFieldsOutcome(error, (fields) => mapServerFields(fields));
      return outcome && { ...outcome, fields: toFormKeys(outcome.fields) };
    },
    reload,
    toValues: customerToForm,
    rebase: rebaseForm,
  });

  const kind = useWatch({ control: form.control, name: 'kind' });
  const errorCount = Object.keys(form.formState.errors).length;
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
      {reloaded && !showStale && !form.formState.isDirty && (
        <Notice testId="reloaded-notice">{t('customerForm.reloaded')}</Notice>
      )}

      <form className="form card" onSubmit={(e) => void submit(e)} noValidate data-testid="customer-form">
        <KindField form={form} />

        <div className="grid-2">
          <TextField
            form={form}
            name="name"
            label={t('customer.name')}
            hint={kind === 'PJ' ? t('customer.nameHintPJ') : undefined}
            input={{ maxLength: 160 }}
          />
          {seesDocuments && <DocumentField form={form} />}
        </div>

        {kind === 'PJ' && (
          <fieldset className="group" data-testid="pj-fields">
            <legend>{t('customer.pj')}</legend>
            <div className="grid-2">
              <TextField
                form={form}
                name="legalName"
                label={t('customer.legalName')}
                optional
                input={{ maxLength: 160 }}
              />
              <TextField
                form={form}
                name="tradeName"
                label={t('customer.tradeName')}
                optional
                input={{ maxLength: 160 }}
              />
              {seesDocuments && (
                <TextField
                  form={form}
                  name="stateRegistration"
                  label={t('customer.stateRegistration')}
                  hint={t('customer.stateRegistrationHint')}
                  optional
                  input={{ maxLength: 20 }}
                />
              )}
              <TextField
                form={form}
                name="contactName"
                label={t('customer.contactName')}
                optional
                input={{ maxLength: 120 }}
              />
            </div>
          </fieldset>
        )}

        <div className="grid-3">
          <TextField
            form={form}
            name="phone"
            label={t('customer.phone')}
            optional
            mask={formatPhone}
            input={{ type: 'tel', inputMode: 'tel', placeholder: '(11) 98765-4321' }}
          />
          <TextField
            form={form}
            name="whatsapp"
            label={t('customer.whatsapp')}
            optional
            mask={formatPhone}
            input={{ type: 'tel', inputMode: 'tel', placeholder: '(11) 98765-4321' }}
          />
          <TextField
            form={form}
            name="email"
            label={t('customer.email')}
            optional
            input={{ type: 'email', inputMode: 'email', maxLength: 160 }}
          />
        </div>

        <div className="grid-3">
          {seesDocuments && (
            <DateField
              form={form}
              name="birthDate"
              label={kind === 'PJ' ? t('customer.foundedDate') : t('customer.birthDate')}
              optional
            />
          )}
          <DateField form={form} name="joinedAt" label={t('customer.joinedAt')} />
        </div>

        {seesDocuments && <AddressFields form={form} />}

        <FormField form={form} name="tags" label={t('customer.tags')} hint={t('customer.tagsHint')} optional>
          {(control, binding) => (
            <TagInput
              control={control}
              tags={Array.isArray(binding.value) ? (binding.value as string[]) : []}
              suggestions={tags.data?.items.map((i) => i.tag) ?? []}
              onChange={(next) => binding.onChange(next)}
            />
          )}
        </FormField>

        <TextAreaField
          form={form}
          name="preferences"
          label={t('customer.preferences')}
          hint={t('customer.preferencesHint')}
          optional
          maxLength={2000}
        />

        <FormField form={form} name="consent" label={t('customer.consent.title')}>
          {(control, binding) => {
            const consent = binding.value as Consent;
            return (
              <div className="stack" id={control.id} data-testid="field-consent">
                {(
                  [
                    ['transactionalWhatsapp', 'customer.consent.txWhatsapp'],
                    ['transactionalEmail', 'customer.consent.txEmail'],
                    ['marketingWhatsapp', 'customer.consent.mktWhatsapp'],
                    ['marketingEmail', 'customer.consent.mktEmail'],
                  ] as const
                ).map(([key, label]) => (
                  <label key={key} className="checkbox">
                    <input
                      type="checkbox"
                      checked={consent[key]}
                      onChange={(e) => binding.onChange({ ...consent, [key]: e.target.checked })}
                      data-testid={`consent-${key}`}
                    />{' '}
                    {t(label)}
                  </label>
                ))}
              </div>
            );
          }}
        </FormField>
        <SelectField
          form={form}
          name="preferredChannel"
          label={t('customer.consent.preferred')}
          options={[
            { value: 'whatsapp', label: t('msg.channel.whatsapp') },
            { value: 'email', label: t('msg.channel.email') },
          ]}
          blank={t('customer.consent.auto')}
        />

        {canPrivateNotes && (
          <TextAreaField
            form={form}
            name="privateNotes"
            label={t('customer.privateNotes')}
            hint={t('customer.privateNotesHint')}
            optional
            maxLength={4000}
          />
        )}

        {canCreditLimit && (
          <FormField
            form={form}
            name="creditLimit"
            label={t('credit.creditLimit')}
            hint={t('credit.creditLimitHint')}
            optional
          >
            {(control, binding) => (
              <MoneyInput
                variant="finance"
                control={{ ...control, 'data-testid': 'field-creditLimitCents' }}
                value={typeof binding.value === 'string' ? binding.value : ''}
                onChange={(v) => binding.onChange(v)}
                onBlur={binding.onBlur}
              />
            )}
          </FormField>
        )}

        <FormRootError form={form} />
        <ErrorBox error={general} testId="form-error" />
        {errorCount > 0 && !general && (
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

type CustomerForm = UseFormReturn<CustomerFormValues>;

/** PF or PJ; switching re-masks the document (CPF ↔ CNPJ). */
function KindField({ form }: { form: CustomerForm }) {
  const kind = useWatch({ control: form.control, name: 'kind' });
  const setKind = (next: CustomerKind) => {
    form.setValue('kind', next);
    form.setValue('document', maskDocument(next, form.getValues('document')));
    form.clearErrors(['document', 'kind']);
  };
  return (
    <fieldset className="field kind-field">
      <legend>{t('customerForm.kind')}</legend>
      <div className="radios">
        {(['PF', 'PJ'] as const).map((k) => (
          <label key={k} className="radio">
            <input
              type="radio"
              name="kind"
              value={k}
              checked={kind === k}
              onChange={() => setKind(k)}
              data-testid={`field-kind-${k}`}
            />
            {t(`customer.kind.${k}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** CPF or CNPJ by kind, masked as typed; a 12th digit on PF switches to PJ. A wrong complete number shows at once. */
function DocumentField({ form }: { form: CustomerForm }) {
  const [kind, document] = useWatch({ control: form.control, name: ['kind', 'document'] });
  const live = documentError(kind, document, false);
  return (
    <FormField
      form={form}
      name="document"
      label={kind === 'PF' ? t('customer.cpf') : t('customer.cnpj')}
      optional
      className={live ? 'has-error' : undefined}
    >
      {(control, binding) => (
        <>
          <input
            {...control}
            ref={binding.ref}
            aria-invalid={control['aria-invalid'] ?? (live ? true : undefined)}
            inputMode="numeric"
            autoComplete="off"
            placeholder={kind === 'PF' ? '000.000.000-00' : '00.000.000/0000-00'}
            value={document}
            onChange={(e) => {
              const next = typeDocument(form.getValues('kind'), e.target.value);
              if (next.kind !== form.getValues('kind')) form.setValue('kind', next.kind);
              binding.onChange(next.document);
            }}
            onBlur={binding.onBlur}
          />
          {live && !fieldError(form, 'document') && (
            <p className="field-error" data-testid="error-document">
              {live}
            </p>
          )}
        </>
      )}
    </FormField>
  );
}

function DateField({
  form,
  name,
  label,
  optional,
}: {
  form: CustomerForm;
  name: 'birthDate' | 'joinedAt';
  label: string;
  optional?: boolean;
}) {
  return (
    <FormField form={form} name={name} label={label} optional={optional}>
      {(control, binding) => (
        <DateInput
          control={control}
          value={typeof binding.value === 'string' ? binding.value : ''}
          onChange={(v) => binding.onChange(v)}
          onBlur={binding.onBlur}
        />
      )}
    </FormField>
  );
}

/** The address; a complete CEP fills the blanks from ViaCEP when online (otherwise the user just types). */
function AddressFields({ form }: { form: CustomerForm }) {
  const asked = useRef('');
  const onCep = (cep: string) => {
    const digits = onlyDigits(cep);
    if (digits.length !== 8 || asked.current === digits) return;
    asked.current = digits;
    void lookupCep(digits).then((found) => {
      if (!found || onlyDigits(form.getValues('address.cep')) !== digits) return;
      const filled = fillAddress(form.getValues('address'), found);
      for (const k of ['street', 'district', 'city', 'state'] as const) {
        if (filled[k] !== form.getValues(`address.${k}`))
          form.setValue(`address.${k}`, filled[k], { shouldDirty: true });
      }
      form.setFocus('address.number');
    });
  };
  return (
    <fieldset className="group">
      <legend>{t('customer.address')}</legend>
      <div className="grid-address">
        <FormField form={form} name="address.cep" label={t('customer.cep')} optional hint={t('customer.cepHint')}>
          {(control, binding) => (
            <input
              {...control}
              ref={binding.ref}
              inputMode="numeric"
              autoComplete="off"
              placeholder="00000-000"
              value={typeof binding.value === 'string' ? binding.value : ''}
              onChange={(e) => {
                const cep = formatCep(e.target.value);
                binding.onChange(cep);
                onCep(cep);
              }}
              onBlur={binding.onBlur}
            />
          )}
        </FormField>
        <TextField
          form={form}
          name="address.street"
          label={t('customer.street')}
          className="span-2"
          input={{ maxLength: 160 }}
        />
        <TextField form={form} name="address.number" label={t('customer.number')} input={{ maxLength: 20 }} />
        <TextField form={form} name="address.complement" label={t('customer.complement')} input={{ maxLength: 80 }} />
        <TextField form={form} name="address.district" label={t('customer.district')} input={{ maxLength: 80 }} />
        <TextField form={form} name="address.city" label={t('customer.city')} input={{ maxLength: 80 }} />
        <SelectField form={form} name="address.state" label={t('customer.state')} options={UF_OPTIONS} blank="—" />
      </div>
    </fieldset>
  );
}
