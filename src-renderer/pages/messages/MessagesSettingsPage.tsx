import { useEffect, useState } from 'react';
import type { InputOf, OutputOf } from '../../../src-shared/contract';
import { formatInstantBR } from '../../../src-shared/domain/dates';
import { type TemplateKind, unknownPlaceholders } from '../../../src-shared/domain/templates';
import { useCall, useCallMutation } from '../../api/hooks';
import { ErrorBox } from '../../components/ErrorBox';
import { Field } from '../../components/Field';
import { useToast } from '../../components/Toasts';
import { type TextKey, t } from '../../i18n';

type Settings = OutputOf<'messages.settings'>;

const list = (text: string) =>
  text
    .split(/[,;\s]+/)
    .map((v) => v.trim())
    .filter(Boolean);

/** Settings → Mensagens: channels (SMTP with a test e-mail, WhatsApp), reminders, weekly report, order ready, templates. */
export function MessagesSettingsPage() {
  const settings = useCall('messages.settings', {});
  const save = useCallMutation('messages.updateSettings');
  const test = useCallMutation('messages.testEmail');
  const toast = useToast();
  const [form, setForm] = useState<Settings | null>(null);
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [steps, setSteps] = useState('');
  const [recipients, setRecipients] = useState('');
  const [testTo, setTestTo] = useState('');
  useEffect(() => {
    if (settings.data && !form) {
      setForm(settings.data);
      setSteps(settings.data.reminders.overdueSteps.join(', '));
      setRecipients(settings.data.weeklyReport.recipients.join(', '));
    }
  }, [settings.data, form]);
  if (!form) return <ErrorBox error={settings.error} onRetry={() => void settings.refetch()} />;
  const fields = save.error?.fields ?? {};
  const err = (path: string) => fields[path];
  const submit = () => {
    const input: InputOf<'messages.updateSettings'> = {
      smtp: {
        host: form.smtp.host,
        port: form.smtp.port,
        tls: form.smtp.tls,
        user: form.smtp.user,
        ...(password && { password }),
        fromName: form.smtp.fromName,
        fromAddress: form.smtp.fromAddress,
      },
      whatsapp: { phoneNumberId: form.whatsapp.phoneNumberId, apiBase: form.whatsapp.apiBase, ...(token && { token }) },
      reminders: { ...form.reminders, overdueSteps: list(steps).map(Number) },
      weeklyReport: { recipients: list(recipients) },
      orderReady: form.orderReady,
      pickup: form.pickup,
      quoteFollowUp: form.quoteFollowUp,
      birthdays: form.birthdays,
    };
    save.mutate(input, {
      onSuccess: (saved) => {
        setForm(saved);
        setPassword('');
        setToken('');
        toast(t('msg.settings.saved'));
      },
    });
  };
  const text = (label: TextKey, value: string, set: (v: string) => void, name: string, type = 'text') => (
    <Field name={name} label={t(label)} error={err(name)}>
      {(p) => <input {...p} type={type} value={value} onChange={(e) => set(e.target.value)} />}
    </Field>
  );
  const check = (label: TextKey, value: boolean, set: (v: boolean) => void, name: string) => (
    <label className="checkbox">
      <input type="checkbox" checked={value} onChange={(e) => set(e.target.checked)} data-testid={`field-${name}`} />{' '}
      {t(label)}
    </label>
  );
  return (
    <section className="page" data-testid="messages-settings-page">
      <div className="page-header">
        <h1>{t('msg.settings.title')}</h1>
      </div>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="card stack">
          <h2>{t('msg.settings.email')}</h2>
          {text(
            'msg.settings.host',
            form.smtp.host,
            (v) => setForm({ ...form, smtp: { ...form.smtp, host: v } }),
            'smtp.host',
          )}
          {text(
            'msg.settings.port',
            String(form.smtp.port),
            (v) => setForm({ ...form, smtp: { ...form.smtp, port: Number(v) || 0 } }),
            'smtp.port',
            'number',
          )}
          <Field name="smtp.tls" label={t('msg.settings.tls')}>
            {(p) => (
              <select
                {...p}
                value={form.smtp.tls}
                onChange={(e) =>
                  setForm({ ...form, smtp: { ...form.smtp, tls: e.target.value as Settings['smtp']['tls'] } })
                }
              >
                {(['starttls', 'tls', 'none'] as const).map((v) => (
                  <option key={v} value={v}>
                    {t(`msg.settings.tls.${v}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text(
            'msg.settings.user',
            form.smtp.user,
            (v) => setForm({ ...form, smtp: { ...form.smtp, user: v } }),
            'smtp.user',
          )}
          <Field
            name="smtp.password"
            label={t('msg.settings.password')}
            hint={form.smtp.passwordSet ? t('msg.settings.passwordSaved') : undefined}
          >
            {(p) => (
              <input
                {...p}
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          {text(
            'msg.settings.fromName',
            form.smtp.fromName,
            (v) => setForm({ ...form, smtp: { ...form.smtp, fromName: v } }),
            'smtp.fromName',
          )}
          {text(
            'msg.settings.fromAddress',
            form.smtp.fromAddress,
            (v) => setForm({ ...form, smtp: { ...form.smtp, fromAddress: v } }),
            'smtp.fromAddress',
            'email',
          )}
          <div className="actions">
            <input
              type="email"
              aria-label={t('msg.settings.testTo')}
              placeholder={t('msg.settings.testTo')}
              value={testTo}
              onChange={(e) => setTestTo(e.target.value)}
              data-testid="smtp-test-to"
            />
            <button
              type="button"
              className="btn"
              disabled={test.isPending || !testTo}
              onClick={() => test.mutate({ to: testTo }, { onSuccess: () => toast(t('msg.settings.testSent')) })}
              data-testid="smtp-test"
            >
              {t('msg.settings.test')}
            </button>
          </div>
          <ErrorBox error={test.error} />
        </div>

        <div className="card stack">
          <h2>{t('msg.settings.whatsapp')}</h2>
          <p className="muted">{t('msg.settings.whatsappIntro')}</p>
          {form.whatsapp.cloudApi && <p className="badge badge-ok">{t('msg.settings.cloudOn')}</p>}
          {text(
            'msg.settings.phoneNumberId',
            form.whatsapp.phoneNumberId,
            (v) => setForm({ ...form, whatsapp: { ...form.whatsapp, phoneNumberId: v } }),
            'whatsapp.phoneNumberId',
          )}
          <Field
            name="whatsapp.token"
            label={t('msg.settings.token')}
            hint={form.whatsapp.tokenSet ? t('msg.settings.tokenSaved') : undefined}
          >
            {(p) => (
              <input
                {...p}
                type="password"
                autoComplete="off"
                value={token}
                onChange={(e) => setToken(e.target.value)}
              />
            )}
          </Field>
          {text(
            'msg.settings.apiBase',
            form.whatsapp.apiBase,
            (v) => setForm({ ...form, whatsapp: { ...form.whatsapp, apiBase: v } }),
            'whatsapp.apiBase',
          )}
        </div>

        <div className="card stack">
          <h2>{t('msg.settings.reminders')}</h2>
          {check(
            'msg.settings.remindersOn',
            form.reminders.enabled,
            (v) => setForm({ ...form, reminders: { ...form.reminders, enabled: v } }),
            'reminders.enabled',
          )}
          {text(
            'msg.settings.dueInDays',
            String(form.reminders.dueInDays),
            (v) => setForm({ ...form, reminders: { ...form.reminders, dueInDays: Number(v) || 0 } }),
            'reminders.dueInDays',
            'number',
          )}
          {text('msg.settings.steps', steps, setSteps, 'reminders.overdueSteps')}
          {check(
            'msg.settings.deliveredBalances',
            form.reminders.deliveredBalances,
            (v) => setForm({ ...form, reminders: { ...form.reminders, deliveredBalances: v } }),
            'reminders.deliveredBalances',
          )}
          <h2>{t('msg.settings.weekly')}</h2>
          {text('msg.settings.recipients', recipients, setRecipients, 'weeklyReport.recipients')}
          <h2>{t('msg.settings.orderReady')}</h2>
          {(['auto', 'ask', 'off'] as const).map((v) => (
            <label key={v} className="checkbox">
              <input
                type="radio"
                name="orderReady"
                checked={form.orderReady === v}
                onChange={() => setForm({ ...form, orderReady: v })}
                data-testid={`field-orderReady-${v}`}
              />{' '}
              {t(`msg.settings.orderReady.${v}`)}
            </label>
          ))}
          {text(
            'msg.settings.pickupAddress',
            form.pickup.address,
            (v) => setForm({ ...form, pickup: { ...form.pickup, address: v } }),
            'pickup.address',
          )}
          {text(
            'msg.settings.pickupHours',
            form.pickup.hours,
            (v) => setForm({ ...form, pickup: { ...form.pickup, hours: v } }),
            'pickup.hours',
          )}
          {check(
            'msg.settings.quoteCustomer',
            form.quoteFollowUp.customer,
            (v) => setForm({ ...form, quoteFollowUp: { customer: v } }),
            'quoteFollowUp.customer',
          )}
          {check(
            'msg.settings.birthdays',
            form.birthdays.enabled,
            (v) => setForm({ ...form, birthdays: { enabled: v } }),
            'birthdays.enabled',
          )}
        </div>
        <ErrorBox error={save.error} />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="messages-save">
            {save.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
      <Templates />
    </section>
  );
}

type Template = OutputOf<'templates.list'>['items'][number];

function TemplateEditor({ template }: { template: Template }) {
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const save = useCallMutation('templates.update');
  const preview = useCallMutation('templates.preview');
  const toast = useToast();
  const kind = template.kind as TemplateKind;
  const unknown = [...new Set([...unknownPlaceholders(kind, subject), ...unknownPlaceholders(kind, body)])];
  return (
    <div className="card stack" data-testid={`template-${kind}`}>
      <h3>
        {t(`msg.kind.${kind}` as TextKey)}{' '}
        {template.isDefault && <span className="muted">· {t('msg.tpl.isDefault')}</span>}
      </h3>
      <Field name={`${kind}.subject`} label={t('msg.tpl.subject')} error={save.error?.fields?.subject}>
        {(p) => <input {...p} value={subject} onChange={(e) => setSubject(e.target.value)} />}
      </Field>
      <Field
        name={`${kind}.body`}
        label={t('msg.tpl.body')}
        hint={t('msg.tpl.fields', { fields: template.placeholders.map((f) => `{${f}}`).join(' ') })}
        error={
          unknown.length
            ? t('msg.tpl.unknown', { names: unknown.map((n) => `{${n}}`).join(', ') })
            : save.error?.fields?.body
        }
      >
        {(p) => <textarea {...p} rows={6} value={body} onChange={(e) => setBody(e.target.value)} />}
      </Field>
      <div className="actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={save.isPending || unknown.length > 0}
          onClick={() => save.mutate({ kind, subject, body }, { onSuccess: () => toast(t('msg.settings.saved')) })}
          data-testid={`template-save-${kind}`}
        >
          {t('common.save')}
        </button>
        <button
          type="button"
          className="btn"
          disabled={preview.isPending || unknown.length > 0}
          onClick={() => preview.mutate({ kind, subject, body })}
          data-testid={`template-preview-${kind}`}
        >
          {t('msg.tpl.preview')}
        </button>
        {!template.isDefault && (
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() =>
              save.mutate(
                { kind, subject: '', body: '' },
                {
                  onSuccess: (out) => {
                    setSubject(out.subject);
                    setBody(out.body);
                  },
                },
              )
            }
          >
            {t('msg.tpl.reset')}
          </button>
        )}
      </div>
      <ErrorBox error={save.error && !save.error.fields?.body ? save.error : (preview.error ?? null)} />
      {preview.data && (
        <div data-testid={`template-preview-out-${kind}`}>
          {preview.data.sample && <p className="muted">{t('msg.tpl.previewOf', { name: preview.data.sample })}</p>}
          <p>
            <strong>{preview.data.subject}</strong>
          </p>
          <pre className="message-text">{preview.data.body}</pre>
        </div>
      )}
    </div>
  );
}

function Templates() {
  const templates = useCall('templates.list', {});
  return (
    <section className="stack" data-testid="templates">
      <h2>{t('msg.settings.templates')}</h2>
      <ErrorBox error={templates.error} onRetry={() => void templates.refetch()} />
      {templates.data?.items.map((tpl) => (
        <TemplateEditor key={`${tpl.kind}:${tpl.subject}:${tpl.body}`} template={tpl} />
      ))}
    </section>
  );
}

type Job = OutputOf<'jobs.list'>['items'][number];

function JobRow({ job }: { job: Job }) {
  const update = useCallMutation('jobs.update');
  const run = useCallMutation('jobs.run');
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [cron, setCron] = useState(job.cron);
  const name = t(`jobs.name.${job.name}` as TextKey);
  return (
    <div className="card stack" data-testid={`job-${job.name}`}>
      <h3>{name.startsWith('jobs.name.') ? job.name : name}</h3>
      <div>
        <span className="muted">{t('jobs.col.when')}:</span> <code>{job.cron}</code>
        {!job.enabled && <span className="badge badge-warn"> {t('jobs.off')}</span>}
      </div>
      <div>
        <span className="muted">{t('jobs.col.next')}:</span> {job.nextRunAt ? formatInstantBR(job.nextRunAt) : '—'}
      </div>
      <div data-testid={`job-last-${job.name}`}>
        <span className="muted">{t('jobs.col.last')}:</span>{' '}
        {!job.lastRun
          ? t('jobs.never')
          : `${formatInstantBR(job.lastRun.startedAt)} — ${
              job.lastRun.outcome === 'ok'
                ? t('jobs.ok', { items: job.lastRun.items ?? 0 })
                : t('jobs.error', { error: job.lastRun.error ?? '' })
            }`}
      </div>
      {editing && (
        <Field name={`cron-${job.name}`} label={t('jobs.cron')} error={update.error?.fields?.cron}>
          {(p) => <input {...p} value={cron} onChange={(e) => setCron(e.target.value)} />}
        </Field>
      )}
      <ErrorBox error={update.error && !update.error.fields?.cron ? update.error : (run.error ?? null)} />
      <div className="actions">
        <button
          type="button"
          className="btn btn-small btn-primary"
          disabled={run.isPending}
          onClick={() => run.mutate({ name: job.name }, { onSuccess: () => toast(t('jobs.ran')) })}
          data-testid={`job-run-${job.name}`}
        >
          {t('jobs.runNow')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={update.isPending}
          onClick={() => update.mutate({ name: job.name, enabled: !job.enabled })}
          data-testid={`job-toggle-${job.name}`}
        >
          {job.enabled ? t('jobs.disable') : t('jobs.enable')}
        </button>
        {editing ? (
          <button
            type="button"
            className="btn btn-small"
            disabled={update.isPending}
            onClick={() => update.mutate({ name: job.name, cron }, { onSuccess: () => setEditing(false) })}
            data-testid={`job-save-${job.name}`}
          >
            {t('common.save')}
          </button>
        ) : (
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setEditing(true)}>
            {t('jobs.changeTime')}
          </button>
        )}
      </div>
    </div>
  );
}

/** Settings → Tarefas: every scheduled job, its next and last run; run now, turn off, change the time. */
export function JobsPage() {
  const jobs = useCall('jobs.list', {}, { refetchIntervalMs: 30_000 });
  return (
    <section className="page" data-testid="jobs-page">
      <div className="page-header">
        <h1>{t('jobs.title')}</h1>
      </div>
      <p className="muted">{t('jobs.intro')}</p>
      <ErrorBox error={jobs.error} onRetry={() => void jobs.refetch()} />
      <div className="stack">
        {jobs.data?.items.map((job) => (
          <JobRow key={job.name} job={job} />
        ))}
      </div>
    </section>
  );
}
