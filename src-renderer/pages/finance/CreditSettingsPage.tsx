import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import type { InputOf, OutputOf } from '../../../src-shared/contract';
import type { FieldErrors } from '../../../src-shared/errors';
import { useCall, useCallMutation } from '../../api/hooks';
import { toAppError } from '../../api/http';
import { ErrorBox } from '../../components/ErrorBox';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Spinner';
import { useToast } from '../../components/Toasts';
import { t } from '../../i18n';
import { formatPercent, parsePercent, parseWhole } from '../../lib/finance';

type CreditSettings = OutputOf<'settings.credit.get'>;

interface Form {
  finePercent: string;
  monthlyInterestPercent: string;
  graceDays: string;
  depositPercent: string;
  blockAfterDaysOverdue: string;
}

const toForm = (s: CreditSettings): Form => ({
  finePercent: formatPercent(s.finePercent),
  monthlyInterestPercent: formatPercent(s.monthlyInterestPercent),
  graceDays: String(s.graceDays),
  depositPercent: formatPercent(s.depositPercent),
  blockAfterDaysOverdue: String(s.blockAfterDaysOverdue),
});

/** Same limits as the contract: multa up to 2% (CDC), juros de mora up to 1% a month. */
function validate(f: Form): { errors: FieldErrors; input: InputOf<'settings.credit.update'> | null } {
  const errors: FieldErrors = {};
  const percent = (key: keyof Form, max: number, message: string) => {
    const v = parsePercent(f[key]);
    if (v === null) errors[key] = t('field.required');
    else if (Number.isNaN(v) || v < 0 || v > max) errors[key] = message;
    return v ?? 0;
  };
  const whole = (key: keyof Form, max: number) => {
    const v = parseWhole(f[key]);
    if (v === null) errors[key] = t('field.required');
    else if (Number.isNaN(v) || v > max) errors[key] = t('credit.settings.wholeMax', { max });
    return v ?? 0;
  };
  const input: InputOf<'settings.credit.update'> = {
    finePercent: percent('finePercent', 2, t('credit.settings.fineMax')),
    monthlyInterestPercent: percent('monthlyInterestPercent', 1, t('credit.settings.interestMax')),
    graceDays: whole('graceDays', 60),
    depositPercent: percent('depositPercent', 100, t('credit.settings.depositMax')),
    blockAfterDaysOverdue: whole('blockAfterDaysOverdue', 365),
  };
  return { errors, input: Object.keys(errors).length ? null : input };
}

/** `/financeiro/configuracoes` (admin/gerente): late charges, grace, deposit, credit block and the Pix key. */
export function CreditSettingsPage() {
  const settings = useCall('settings.credit.get', {});
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <ErrorBox error={settings.error} onRetry={() => void settings.refetch()} />;
  return <SettingsForm initial={settings.data} />;
}

function SettingsForm({ initial }: { initial: CreditSettings }) {
  const [form, setForm] = useState<Form>(() => toForm(initial));
  const [errors, setErrors] = useState<FieldErrors>({});
  const update = useCallMutation('settings.credit.update');
  const toast = useToast();
  const set = (key: keyof Form) => (value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors(({ [key]: _removed, ...rest }) => rest);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { errors: found, input } = validate(form);
    setErrors(found);
    if (!input) return;
    try {
      const saved = await update.mutateAsync(input);
      setForm(toForm(saved));
      toast(t('credit.settings.saved'));
    } catch (error) {
      const { fields } = toAppError(error);
      if (fields) setErrors(fields);
    }
  };

  const percentField = (key: keyof Form, label: string, hint: string) => (
    <Field name={key} label={label} error={errors[key]} hint={hint}>
      {(p) => (
        <span className="fin-suffix">
          <input
            {...p}
            inputMode="decimal"
            autoComplete="off"
            maxLength={8}
            value={form[key]}
            onChange={(e) => set(key)(e.target.value)}
          />
          <span aria-hidden="true">%</span>
        </span>
      )}
    </Field>
  );
  const daysField = (key: keyof Form, label: string, hint: string) => (
    <Field name={key} label={label} error={errors[key]} hint={hint}>
      {(p) => (
        <span className="fin-suffix">
          <input
            {...p}
            type="number"
            inputMode="numeric"
            min={0}
            value={form[key]}
            onChange={(e) => set(key)(e.target.value)}
          />
          <span aria-hidden="true">{t('credit.settings.days')}</span>
        </span>
      )}
    </Field>
  );

  return (
    <section className="page" data-testid="credit-settings-page">
      <div className="page-header">
        <h1>{t('credit.settings.title')}</h1>
      </div>
      <form className="form card" onSubmit={submit} noValidate data-testid="credit-settings-form">
        <fieldset className="group">
          <legend>{t('credit.settings.charges')}</legend>
          <div className="grid-3">
            {percentField('finePercent', t('credit.settings.fine'), t('credit.settings.fineHint'))}
            {percentField('monthlyInterestPercent', t('credit.settings.interest'), t('credit.settings.interestHint'))}
            {daysField('graceDays', t('credit.settings.grace'), t('credit.settings.graceHint'))}
          </div>
        </fieldset>
        <fieldset className="group">
          <legend>{t('credit.settings.rules')}</legend>
          <div className="grid-2">
            {percentField('depositPercent', t('credit.settings.deposit'), t('credit.settings.depositHint'))}
            {daysField('blockAfterDaysOverdue', t('credit.settings.block'), t('credit.settings.blockHint'))}
          </div>
        </fieldset>
        <fieldset className="group">
          <legend>{t('credit.settings.pix')}</legend>
          {/* The Pix key and city moved to the company profile (Dados da empresa), read by every document. */}
          <p className="hint" data-testid="credit-pix-moved">
            {t('docs.pixMoved')} <Link href="/configuracoes/empresa">{t('company.nav')}</Link>
            {initial.pixKey ? ` — ${initial.pixKey}` : ''}
          </p>
        </fieldset>
        {update.error && !update.error.fields && <ErrorBox error={update.error} />}
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={update.isPending}
            data-testid="credit-settings-save"
          >
            {update.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
