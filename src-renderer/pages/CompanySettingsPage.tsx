import { useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useState } from 'react';
import { useForm } from 'react-hook-form';
import { contract, type OutputOf } from '../../src-shared/contract';
import { formatCep, formatDocument, formatPhone, UFS } from '../../src-shared/domain/documents';
import { useCall, useCallMutation } from '../api/hooks';
import { toAppError } from '../api/http';
import { queryKeyOf } from '../api/query-keys';
import { ErrorBox } from '../components/ErrorBox';
import { useFileLink } from '../components/finance/links';
import { Loading } from '../components/Spinner';
import { useToast } from '../components/Toasts';
import { contractResolver } from '../form/contract-resolver';
import { SelectField, TextAreaField, TextField } from '../form/fields';
import { t } from '../i18n';
import { type CompanyFormValues, formToCompanyInput, profileToForm } from '../lib/company-form';

type Profile = OutputOf<'settings.company.get'>;

const UF_OPTIONS = [{ value: '', label: '—' }, ...UFS.map((uf) => ({ value: uf, label: uf }))];

/** `/configuracoes/empresa` (admin/gerente): Dados da empresa, printed on every document. */
export function CompanySettingsPage() {
  const profile = useCall('settings.company.get', {});
  if (profile.isPending) return <Loading />;
  if (profile.isError) return <ErrorBox error={profile.error} onRetry={() => void profile.refetch()} />;
  return <CompanyForm profile={profile.data} />;
}

function CompanyForm({ profile }: { profile: Profile }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const update = useCallMutation('settings.company.update');
  const [general, setGeneral] = useState<ReturnType<typeof toAppError> | null>(null);
  const form = useForm<CompanyFormValues>({
    defaultValues: profileToForm(profile),
    resolver: contractResolver<CompanyFormValues>({
      schema: contract['settings.company.update'].input,
      toInput: formToCompanyInput,
    }),
    mode: 'onTouched',
    reValidateMode: 'onChange',
  });
  const submit = form.handleSubmit(async (values) => {
    setGeneral(null);
    try {
      const saved = await update.mutateAsync(formToCompanyInput(values));
      queryClient.setQueryData(queryKeyOf('settings.company.get', {}), saved);
      void queryClient.invalidateQueries({ queryKey: queryKeyOf('auth.me', {}) });
      form.reset(profileToForm(saved));
      toast(t('company.saved'));
    } catch (err) {
      const error = toAppError(err);
      const fields = error.fields ?? {};
      const keys = Object.keys(fields);
      for (const key of keys) form.setError(key as keyof CompanyFormValues, { type: 'server', message: fields[key] });
      if (keys.length === 0) setGeneral(error);
    }
  });

  return (
    <section className="page" data-testid="company-page">
      <div className="page-header">
        <div>
          <h1>{t('company.title')}</h1>
          <p className="muted">{t('company.lead')}</p>
        </div>
      </div>
      <LogoCard profile={profile} />
      <form className="form card" onSubmit={(e) => void submit(e)} noValidate data-testid="company-form">
        {general && <ErrorBox error={general} />}
        <h2>{t('company.identity')}</h2>
        <div className="grid-2">
          <TextField form={form} name="name" label={t('company.name')} input={{ maxLength: 120 }} />
          <TextField form={form} name="legalName" label={t('company.legalName')} optional input={{ maxLength: 160 }} />
          <TextField
            form={form}
            name="document"
            label={t('company.document')}
            hint={t('company.documentHint')}
            optional
            mask={formatDocument}
            input={{ inputMode: 'numeric', maxLength: 18 }}
          />
          <TextField
            form={form}
            name="stateRegistration"
            label={t('company.stateRegistration')}
            optional
            input={{ maxLength: 30 }}
          />
        </div>
        <h2>{t('company.address')}</h2>
        <div className="grid-2">
          <TextField
            form={form}
            name="cep"
            label={t('customer.cep')}
            optional
            mask={formatCep}
            input={{ inputMode: 'numeric', maxLength: 9 }}
          />
          <TextField form={form} name="street" label={t('customer.street')} optional input={{ maxLength: 160 }} />
          <TextField form={form} name="number" label={t('customer.number')} optional input={{ maxLength: 20 }} />
          <TextField
            form={form}
            name="complement"
            label={t('customer.complement')}
            optional
            input={{ maxLength: 80 }}
          />
          <TextField form={form} name="district" label={t('customer.district')} optional input={{ maxLength: 80 }} />
          <TextField form={form} name="city" label={t('customer.city')} optional input={{ maxLength: 80 }} />
          <SelectField form={form} name="state" label={t('customer.state')} optional options={UF_OPTIONS} />
        </div>
        <h2>{t('company.contacts')}</h2>
        <div className="grid-2">
          <TextField
            form={form}
            name="phone"
            label={t('customer.phone')}
            optional
            mask={formatPhone}
            input={{ inputMode: 'tel', maxLength: 16 }}
          />
          <TextField
            form={form}
            name="whatsapp"
            label={t('customer.whatsapp')}
            optional
            mask={formatPhone}
            input={{ inputMode: 'tel', maxLength: 16 }}
          />
          <TextField
            form={form}
            name="email"
            label={t('customer.email')}
            optional
            input={{ type: 'email', maxLength: 160 }}
          />
          <TextField form={form} name="website" label={t('company.website')} optional input={{ maxLength: 160 }} />
        </div>
        <h2>{t('company.pixAndDocs')}</h2>
        <div className="grid-2">
          <TextField
            form={form}
            name="pixKey"
            label={t('credit.settings.pixKey')}
            hint={t('credit.settings.pixKeyHint')}
            optional
            input={{ maxLength: 77 }}
          />
          <TextField
            form={form}
            name="pixCity"
            label={t('credit.settings.pixCity')}
            hint={t('credit.settings.pixCityHint')}
            optional
            input={{ maxLength: 15 }}
          />
          <TextField
            form={form}
            name="promissoryPlace"
            label={t('company.promissoryPlace')}
            hint={t('company.promissoryPlaceHint')}
            optional
            input={{ maxLength: 80 }}
          />
          <TextField
            form={form}
            name="quoteValidityDays"
            label={t('company.quoteValidityDays')}
            input={{ inputMode: 'numeric', maxLength: 3 }}
          />
        </div>
        <TextAreaField form={form} name="paymentTerms" label={t('company.paymentTerms')} optional maxLength={600} />
        <TextAreaField form={form} name="deliveryTerms" label={t('company.deliveryTerms')} optional maxLength={600} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={update.isPending} data-testid="company-save">
            {t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => (typeof reader.result === 'string' ? resolve(reader.result) : reject(new Error('read')));
    reader.onerror = () => reject(reader.error ?? new Error('read'));
    reader.readAsDataURL(file);
  });
}

/** The logo: shown as the documents print it; PNG, JPEG or SVG checked on the server. */
function LogoCard({ profile }: { profile: Profile }) {
  const toast = useToast();
  const setLogo = useCallMutation('settings.company.setLogo');
  const removeLogo = useCallMutation('settings.company.removeLogo');
  const [error, setError] = useState<ReturnType<typeof toAppError> | null>(null);
  const version = profile.logo?.updatedAt ?? null;
  const url = useFileLink(version ? '/api/settings/company/logo' : null);
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setError(null);
    try {
      await setLogo.mutateAsync({ dataUrl: await readAsDataUrl(file) });
      toast(t('company.logoSaved'));
    } catch (err) {
      setError(toAppError(err));
    }
  };
  return (
    <div className="card stack" data-testid="company-logo">
      <h2>{t('company.logo')}</h2>
      {url ? (
        <img src={url} alt={t('company.logo')} style={{ maxWidth: 240, maxHeight: 96, objectFit: 'contain' }} />
      ) : (
        <p className="muted">{t('company.noLogo')}</p>
      )}
      {error && <ErrorBox error={error} />}
      <div className="actions">
        <label className="btn">
          {profile.logo ? t('company.changeLogo') : t('company.sendLogo')}
          <input
            type="file"
            accept="image/png,image/jpeg,image/svg+xml"
            hidden
            onChange={(e) => void onFile(e)}
            data-testid="company-logo-input"
          />
        </label>
        {profile.logo && (
          <button
            type="button"
            className="btn btn-danger-outline"
            disabled={removeLogo.isPending}
            onClick={() => void removeLogo.mutateAsync({}).then(() => toast(t('company.logoRemoved')))}
          >
            {t('company.removeLogo')}
          </button>
        )}
      </div>
      <p className="hint">{t('company.logoHint')}</p>
    </div>
  );
}
