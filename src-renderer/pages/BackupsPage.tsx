import { type FormEvent, useEffect, useState, useSyncExternalStore } from 'react';
import type { OutputOf } from '../../src-shared/contract';
import { formatInstantBR } from '../../src-shared/domain/dates';
import type { AppError } from '../../src-shared/errors';
import { call, getClient } from '../api/client';
import { useCall, useCallMutation } from '../api/hooks';
import { toAppError } from '../api/http';
import { progressStore } from '../api/progress';
import { ErrorBox } from '../components/ErrorBox';
import { Field } from '../components/Field';
import { DocLink } from '../components/finance/links';
import { ConfirmDialog, Modal } from '../components/Modal';
import { PasswordField } from '../components/PasswordField';
import { useToast } from '../components/Toasts';
import { t } from '../i18n';
import { formatInt } from '../lib/format';
import { useSession } from '../session';

type Backup = OutputOf<'backups.list'>['items'][number];
type Validation = OutputOf<'backups.validate'>;
type TextKey = Parameters<typeof t>[0];

/** 1.5 MB, 320 KB: sizes as people read them. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString(undefined, { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
}

const when = (iso: string | null | undefined) => (iso ? formatInstantBR(iso) : '—');

/** The bar of the backup, restore or maintenance under way: events move it, the status call fills in. */
function TaskProgress() {
  const percent = useSyncExternalStore(progressStore.subscribe, progressStore.get, progressStore.get);
  const status = useCall('backups.status', {}, { refetchIntervalMs: 1000 });
  const task = status.data?.task;
  if (!task && percent === null) return null;
  const shown = percent ?? task?.percent ?? 0;
  const phaseKey = `backups.phase.${task?.phase ?? 'before'}` as TextKey;
  return (
    <div className="card" data-testid="backup-progress">
      <p>{t('backups.progress', { phase: t(phaseKey), percent: shown })}</p>
      <progress max={100} value={shown} style={{ width: '100%' }} aria-label={t(phaseKey)} />
    </div>
  );
}

function StatusBadge({ backup }: { backup: Backup }) {
  const cls =
    backup.status === 'verified' ? 'badge badge-ok' : backup.status === 'failed' ? 'badge badge-danger' : 'badge';
  return (
    <span className={cls} data-testid={`backup-status-${backup.id}`}>
      {t(`backups.status.${backup.status}` as TextKey)}
    </span>
  );
}

/** Settings → "Backup e dados": backups, restore, schedule, the database's health and maintenance. */
export function BackupsPage() {
  const session = useSession();
  const admin = session.can('backups.manage');
  const list = useCall('backups.list', {});
  const create = useCallMutation('backups.create');
  const toast = useToast();
  const [restoring, setRestoring] = useState<Backup | 'pick' | null>(null);
  const [deleting, setDeleting] = useState<Backup | null>(null);
  const remove = useCallMutation('backups.delete');
  const items = list.data?.items ?? [];

  return (
    <section className="page" data-testid="backups-page">
      <div className="page-header">
        <h1>{t('backups.title')}</h1>
        <div className="actions">
          <button
            type="button"
            className="btn btn-primary"
            disabled={create.isPending}
            onClick={() => create.mutate({}, { onSuccess: () => toast(t('backups.started')) })}
            data-testid="backup-now"
          >
            {create.isPending ? t('backups.making') : t('backups.makeNow')}
          </button>
          {admin && (
            <button type="button" className="btn" onClick={() => setRestoring('pick')} data-testid="restore-open">
              {t('backups.restore')}
            </button>
          )}
        </div>
      </div>
      <p className="muted">{t('backups.intro')}</p>
      <ErrorBox error={create.error} />
      <TaskProgress />
      {admin && <DatabaseCard lastVerified={items.find((b) => b.status === 'verified') ?? null} />}

      <h2>{t('backups.list')}</h2>
      <ErrorBox error={list.error} onRetry={() => void list.refetch()} />
      <div className="table-wrap">
        <table className="table" data-testid="backup-list">
          <thead>
            <tr>
              <th>{t('backups.col.when')}</th>
              <th>{t('backups.col.kind')}</th>
              <th>{t('backups.col.size')}</th>
              <th>{t('backups.col.status')}</th>
              <th>{t('backups.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 && !list.isPending && (
              <tr>
                <td colSpan={5} className="muted">
                  {t('backups.empty')}
                </td>
              </tr>
            )}
            {items.map((b) => (
              <tr key={b.id} data-testid={`backup-row-${b.id}`}>
                <td>{when(b.createdAt)}</td>
                <td>{t(`backups.kind.${b.kind}` as TextKey)}</td>
                <td>{formatBytes(b.sizeBytes)}</td>
                <td>
                  <StatusBadge backup={b} />
                  {b.problems.map((p) => (
                    <div key={p} className="field-error">
                      {p}
                    </div>
                  ))}
                  {b.copy && (
                    <div className={b.copy.ok ? 'muted' : 'field-error'}>
                      {b.copy.ok ? t('backups.copied') : t('backups.copyFailed', { problem: b.copy.problem ?? '' })}
                    </div>
                  )}
                </td>
                <td className="row-actions">
                  {b.status !== 'running' && (
                    <DocLink path={`/api/backups/${b.id}/download`} testId={`backup-download-${b.id}`}>
                      {t('backups.download')}
                    </DocLink>
                  )}
                  {admin && b.status === 'verified' && (
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => setRestoring(b)}
                      data-testid={`backup-restore-${b.id}`}
                    >
                      {t('backups.restore')}
                    </button>
                  )}
                  {admin && b.status !== 'running' && (
                    <button
                      type="button"
                      className="btn btn-small btn-ghost"
                      onClick={() => setDeleting(b)}
                      data-testid={`backup-delete-${b.id}`}
                    >
                      {t('backups.delete')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {admin && <BackupSettings />}
      {/* Recent errors (structured logs) join this screen from the logs work. */}
      <div data-testid="recent-errors-slot" />
      {restoring && (
        <RestoreWizard
          initial={restoring === 'pick' ? null : restoring}
          backups={items.filter((b) => b.status === 'verified')}
          onClose={() => setRestoring(null)}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t('backups.delete')}
          message={t('backups.deleteConfirm', { when: when(deleting.createdAt) })}
          confirmLabel={t('backups.delete')}
          danger
          busy={remove.isPending}
          error={remove.error ? <ErrorBox error={remove.error} /> : null}
          onConfirm={() =>
            remove.mutate(
              { id: deleting.id },
              {
                onSuccess: () => {
                  setDeleting(null);
                  toast(t('backups.deleted'));
                },
              },
            )
          }
          onCancel={() => setDeleting(null)}
        />
      )}
    </section>
  );
}

function ValidationResult({ validation }: { validation: Validation }) {
  if (!validation.ok)
    return (
      <div className="alert alert-error" data-testid="restore-invalid">
        <p>{t('backups.invalidTitle')}</p>
        <ul>
          {validation.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </div>
    );
  return (
    <div className="alert alert-info" data-testid="restore-valid">
      <p>{t('backups.valid', { when: when(validation.createdAt), version: validation.appVersion ?? '?' })}</p>
      <p className="muted">
        {t('backups.validCounts', {
          customers: formatInt(validation.counts.customers ?? 0),
          orders: formatInt(validation.counts.orders ?? 0),
          payments: formatInt(validation.counts.payments ?? 0),
        })}
      </p>
    </div>
  );
}

/** Upload (browser) or pick → validation → password → progress → the app reloads. */
function RestoreWizard({
  initial,
  backups,
  onClose,
}: {
  initial: Backup | null;
  backups: Backup[];
  onClose: () => void;
}) {
  const [chosen, setChosen] = useState<string | null>(initial?.id ?? null);
  const [validation, setValidation] = useState<Validation | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [password, setPassword] = useState('');
  const [restoring, setRestoring] = useState(false);
  const [done, setDone] = useState(false);
  const http = !('balcao' in window);

  useEffect(() => {
    if (!chosen) return;
    let live = true;
    setChecking(true);
    setValidation(null);
    setError(null);
    call('backups.validate', { id: chosen })
      .then((v) => live && setValidation(v))
      .catch((e: unknown) => live && setError(toAppError(e)))
      .finally(() => live && setChecking(false));
    return () => {
      live = false;
    };
  }, [chosen]);

  const upload = async (file: File) => {
    setChecking(true);
    setValidation(null);
    setError(null);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const token = getClient().tokens.state().token;
      const res = await fetch('/api/backups/upload', {
        method: 'POST',
        headers: { ...(token && { authorization: `Bearer ${token}` }) },
        body: form,
      });
      const body = (await res.json()) as OutputOf<'backups.upload'> & {
        error?: { message: string; fields: Record<string, string> };
      };
      if (!res.ok) {
        const problems = body.error ? Object.values(body.error.fields) : [];
        setValidation({
          ok: false,
          problems: problems.length ? problems : [body.error?.message ?? ''],
          appVersion: null,
          lastMigration: null,
          createdAt: null,
          counts: {},
        });
        return;
      }
      setValidation(body.validation);
      setChosen(null);
      setUploaded(body.backup.id);
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setChecking(false);
    }
  };
  const [uploaded, setUploaded] = useState<string | null>(null);
  const target = uploaded ?? chosen;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!target) return;
    setRestoring(true);
    setError(null);
    try {
      await call('backups.restore', { id: target, password });
      setDone(true);
      // The server tells every client to reload; this one also does, in case the message is missed.
      setTimeout(() => window.location.reload(), 1500);
    } catch (e) {
      setError(toAppError(e));
      setRestoring(false);
    }
  };

  return (
    <Modal
      title={t('backups.restoreTitle')}
      onClose={restoring ? () => undefined : onClose}
      testId="restore-dialog"
      wide
    >
      <div className="stack">
        {!initial && (
          <>
            {http ? (
              <Field name="restore-file" label={t('backups.restoreFromFile')}>
                {(p) => (
                  <input
                    {...p}
                    type="file"
                    accept=".zip,application/zip"
                    disabled={checking || restoring}
                    onChange={(e) => {
                      const file = e.target.files?.[0];
                      if (file) void upload(file);
                    }}
                  />
                )}
              </Field>
            ) : (
              <p className="muted">{t('backups.uploadDesktop')}</p>
            )}
            <Field name="restore-pick" label={t('backups.restoreFromList')}>
              {(p) => (
                <select
                  {...p}
                  value={chosen ?? ''}
                  disabled={checking || restoring}
                  onChange={(e) => {
                    setUploaded(null);
                    setChosen(e.target.value || null);
                  }}
                >
                  <option value="" />
                  {backups.map((b) => (
                    <option key={b.id} value={b.id}>
                      {when(b.createdAt)} — {t(`backups.kind.${b.kind}` as TextKey)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </>
        )}
        {checking && <p>{t('backups.validating')}</p>}
        {validation && <ValidationResult validation={validation} />}
        <ErrorBox error={error} />
        {validation?.ok && target && !done && (
          <form onSubmit={(e) => void submit(e)} className="stack">
            <p className="alert alert-warn">{t('backups.restoreWarning')}</p>
            <PasswordField
              name="restore-password"
              label={t('backups.password')}
              error={null}
              autoComplete="current-password"
              value={password}
              onChange={setPassword}
            />
            {restoring && <TaskProgress />}
            <div className="actions">
              <button type="button" className="btn" onClick={onClose} disabled={restoring}>
                {t('common.cancel')}
              </button>
              <button
                type="submit"
                className="btn btn-danger"
                disabled={restoring || password.length === 0}
                data-testid="restore-confirm"
              >
                {restoring ? t('backups.restoring') : t('backups.confirmRestore')}
              </button>
            </div>
          </form>
        )}
        {done && (
          <p className="alert alert-info" data-testid="restore-done">
            {t('backups.restored')}
          </p>
        )}
      </div>
    </Modal>
  );
}

function DatabaseCard({ lastVerified }: { lastVerified: Backup | null }) {
  const info = useCall('database.info', {});
  const maintain = useCallMutation('database.maintain');
  const toast = useToast();
  const d = info.data;
  const check = d?.lastCheck;
  return (
    <div className="card" data-testid="db-health">
      <h2>{t('db.title')}</h2>
      <ErrorBox error={info.error ?? maintain.error} onRetry={() => void info.refetch()} />
      {d && (
        <>
          {check && !check.ok && (
            <div className="alert alert-error" data-testid="db-check-failed">
              {t('db.checkAdvice', { when: when(lastVerified?.createdAt ?? d.lastVerifiedBackup?.createdAt) })}
              <ul>
                {check.messages.slice(0, 5).map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </div>
          )}
          {d.lowDisk && (
            <div className="alert alert-warn" data-testid="db-low-disk">
              {t('db.lowDisk')}
            </div>
          )}
          <dl className="facts">
            <dt>{t('db.size')}</dt>
            <dd>{formatBytes(d.fileBytes)}</dd>
            <dt>{t('db.wal')}</dt>
            <dd>{formatBytes(d.walBytes)}</dd>
            <dt>{t('db.freePages')}</dt>
            <dd>
              {formatInt(d.freePages)} / {formatInt(d.pageCount)}
            </dd>
            <dt>{t('db.schema')}</dt>
            <dd>{d.schemaVersion ?? '—'}</dd>
            <dt>{t('db.lastCheck')}</dt>
            <dd data-testid="db-last-check">
              {check
                ? t(check.ok ? 'db.checkOk' : 'db.checkFailed', {
                    when: when(check.at),
                    kind: t(`db.kind.${check.kind}` as TextKey),
                  })
                : t('db.never')}
            </dd>
            <dt>{t('db.lastBackup')}</dt>
            <dd>{when(d.lastBackup?.createdAt)}</dd>
            <dt>{t('db.lastVerified')}</dt>
            <dd>{when(d.lastVerifiedBackup?.createdAt)}</dd>
            <dt>{t('db.disk')}</dt>
            <dd>{formatBytes(d.freeDiskBytes)}</dd>
            <dt>{t('db.counts')}</dt>
            <dd>
              {Object.entries(d.counts)
                .map(([table, n]) => `${table}: ${formatInt(n)}`)
                .join(' · ')}
            </dd>
          </dl>
        </>
      )}
      <div className="actions">
        {[false, true].map((full) => (
          <button
            key={String(full)}
            type="button"
            className="btn"
            disabled={maintain.isPending}
            data-testid={full ? 'db-maintain-full' : 'db-maintain'}
            onClick={() =>
              maintain.mutate(
                { full },
                {
                  onSuccess: (r) => {
                    void info.refetch();
                    toast(
                      t('db.maintenanceDone', {
                        result: t(
                          !r.ok ? 'db.maintenanceProblems' : r.vacuumed ? 'db.maintenanceVacuumed' : 'db.maintenanceOk',
                        ),
                      }),
                    );
                  },
                },
              )
            }
          >
            {full ? t('db.runFull') : t('db.runMaintenance')}
          </button>
        ))}
      </div>
    </div>
  );
}

function BackupSettings() {
  const config = useCall('backups.config', {});
  const save = useCallMutation('backups.setConfig');
  const toast = useToast();
  const [form, setForm] = useState<OutputOf<'backups.config'> | null>(null);
  useEffect(() => {
    if (config.data && !form) setForm(config.data);
  }, [config.data, form]);
  if (!form) return <ErrorBox error={config.error} onRetry={() => void config.refetch()} />;
  const fields = save.error?.fields ?? {};
  const num = (key: 'keepDaily' | 'keepWeekly' | 'keepMonthly', label: TextKey) => (
    <Field name={key} label={t(label)} error={fields[key]}>
      {(p) => (
        <input
          {...p}
          type="number"
          min={0}
          value={form[key]}
          onChange={(e) => setForm({ ...form, [key]: Number(e.target.value) })}
        />
      )}
    </Field>
  );
  return (
    <form
      className="card stack"
      data-testid="backup-settings"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          { ...form, secondDestination: form.secondDestination?.trim() ? form.secondDestination.trim() : null },
          { onSuccess: () => toast(t('backups.settingsSaved')) },
        );
      }}
    >
      <h2>{t('backups.settings')}</h2>
      <Field name="dailyAt" label={t('backups.dailyAt')} error={fields.dailyAt}>
        {(p) => (
          <input
            {...p}
            type="time"
            value={form.dailyAt}
            onChange={(e) => setForm({ ...form, dailyAt: e.target.value })}
          />
        )}
      </Field>
      {num('keepDaily', 'backups.keepDaily')}
      {num('keepWeekly', 'backups.keepWeekly')}
      {num('keepMonthly', 'backups.keepMonthly')}
      <p className="hint">{t('backups.retentionHint')}</p>
      <Field
        name="secondDestination"
        label={t('backups.secondDestination')}
        hint={t('backups.secondDestinationHint')}
        error={fields.secondDestination}
        optional
      >
        {(p) => (
          <input
            {...p}
            value={form.secondDestination ?? ''}
            onChange={(e) => setForm({ ...form, secondDestination: e.target.value })}
          />
        )}
      </Field>
      <Field name="lowDiskBytes" label={t('backups.lowDiskGb')} error={fields.lowDiskBytes}>
        {(p) => (
          <input
            {...p}
            type="number"
            min={0}
            step={0.5}
            value={form.lowDiskBytes / 1_000_000_000}
            onChange={(e) => setForm({ ...form, lowDiskBytes: Math.round(Number(e.target.value) * 1_000_000_000) })}
          />
        )}
      </Field>
      <ErrorBox error={save.error && Object.keys(fields).length === 0 ? save.error : null} />
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="backup-settings-save">
          {save.isPending ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}
