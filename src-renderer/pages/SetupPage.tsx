import { type FormEvent, useState } from 'react';
import { formatDocument, formatPhone, isValidDocument, onlyDigits, UFS } from '../../src-shared/domain/documents';
import type { FieldErrors } from '../../src-shared/errors';
import { getClient } from '../api/client';
import { useCallMutation } from '../api/hooks';
import { toAppError } from '../api/http';
import { AuthCard } from '../components/AuthCard';
import { ErrorBox } from '../components/ErrorBox';
import { Field } from '../components/Field';
import { useIdempotencyKey } from '../hooks/useIdempotencyKey';
import { t } from '../i18n';
import { USERNAME_RE } from '../lib/validation';

/** First run: company, administrator and password → `setup.run` → logged in. */
export function SetupPage() {
  const [companyName, setCompanyName] = useState('');
  // The company's essentials; Configurações → Dados da empresa edits the rest later.
  const [company, setCompany] = useState({ legalName: '', document: '', whatsapp: '', city: '', state: '' });
  const setCompanyField = (key: keyof typeof company) => (value: string) => setCompany((c) => ({ ...c, [key]: value }));
  const [name, setName] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [key] = useIdempotencyKey();
  const mutation = useCallMutation('setup.run', { idempotencyKey: key });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!companyName.trim()) found.companyName = t('field.required');
    if (!name.trim()) found['admin.name'] = t('field.required');
    if (!USERNAME_RE.test(username.trim().toLowerCase())) found['admin.username'] = t('field.username');
    if (password.length < 8) found['admin.password'] = t('field.password');
    if (password !== confirm) found.confirm = t('password.mismatch');
    const doc = onlyDigits(company.document);
    if (doc && !isValidDocument(doc)) found['company.document'] = t('setup.badDocument');
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      const session = await mutation.mutateAsync({
        companyName: companyName.trim(),
        company: {
          legalName: company.legalName.trim() || null,
          document: doc || null,
          whatsapp: onlyDigits(company.whatsapp) || null,
          city: company.city.trim() || null,
          state: company.state || null,
        },
        admin: { name: name.trim(), username: username.trim().toLowerCase(), password },
      });
      getClient().tokens.set(session.token);
    } catch (error) {
      const { fields } = toAppError(error);
      if (fields) setErrors(fields);
    }
  };

  const generalError = mutation.error && !mutation.error.fields ? mutation.error : null;
  return (
    <AuthCard title={t('setup.title')} subtitle={t('setup.intro')}>
      <form onSubmit={submit} noValidate data-testid="setup-form">
        <Field name="companyName" label={t('setup.company')} error={errors.companyName}>
          {(p) => (
            <input
              {...p}
              data-testid="setup-company"
              autoComplete="organization"
              maxLength={120}
              value={companyName}
              onChange={(e) => setCompanyName(e.target.value)}
            />
          )}
        </Field>
        <Field name="company.legalName" label={t('setup.legalName')} error={errors['company.legalName']} optional>
          {(p) => (
            <input
              {...p}
              data-testid="setup-legal-name"
              maxLength={160}
              value={company.legalName}
              onChange={(e) => setCompanyField('legalName')(e.target.value)}
            />
          )}
        </Field>
        <Field
          name="company.document"
          label={t('setup.document')}
          error={errors['company.document']}
          hint={t('setup.documentHint')}
          optional
        >
          {(p) => (
            <input
              {...p}
              data-testid="setup-document"
              inputMode="numeric"
              maxLength={18}
              value={company.document}
              onChange={(e) => setCompanyField('document')(formatDocument(e.target.value))}
            />
          )}
        </Field>
        <Field name="company.whatsapp" label={t('setup.whatsapp')} error={errors['company.whatsapp']} optional>
          {(p) => (
            <input
              {...p}
              data-testid="setup-whatsapp"
              inputMode="tel"
              maxLength={16}
              value={company.whatsapp}
              onChange={(e) => setCompanyField('whatsapp')(formatPhone(e.target.value))}
            />
          )}
        </Field>
        <div className="grid-2">
          <Field name="company.city" label={t('setup.city')} error={errors['company.city']} optional>
            {(p) => (
              <input
                {...p}
                data-testid="setup-city"
                maxLength={80}
                value={company.city}
                onChange={(e) => setCompanyField('city')(e.target.value)}
              />
            )}
          </Field>
          <Field name="company.state" label={t('setup.state')} error={errors['company.state']} optional>
            {(p) => (
              <select
                {...p}
                data-testid="setup-state"
                value={company.state}
                onChange={(e) => setCompanyField('state')(e.target.value)}
              >
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
        <Field name="admin.name" label={t('setup.adminName')} error={errors['admin.name']}>
          {(p) => (
            <input
              {...p}
              data-testid="setup-name"
              autoComplete="name"
              maxLength={120}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <Field
          name="admin.username"
          label={t('setup.username')}
          error={errors['admin.username']}
          hint={t('setup.usernameHint')}
        >
          {(p) => (
            <input
              {...p}
              data-testid="setup-username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={40}
              value={username}
              onChange={(e) => setUsername(e.target.value.toLowerCase())}
            />
          )}
        </Field>
        <Field
          name="admin.password"
          label={t('setup.password')}
          error={errors['admin.password']}
          hint={t('setup.passwordHint')}
        >
          {(p) => (
            <input
              {...p}
              data-testid="setup-password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <Field name="confirm" label={t('setup.passwordConfirm')} error={errors.confirm}>
          {(p) => (
            <input
              {...p}
              data-testid="setup-password-confirm"
              type="password"
              autoComplete="new-password"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
            />
          )}
        </Field>
        <ErrorBox error={generalError} testId="setup-error" />
        <button
          type="submit"
          className="btn btn-primary btn-block"
          disabled={mutation.isPending}
          data-testid="setup-submit"
        >
          {mutation.isPending ? t('setup.submitting') : t('setup.submit')}
        </button>
      </form>
    </AuthCard>
  );
}
