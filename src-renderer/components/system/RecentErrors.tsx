import { useState } from 'react';
import type { OutputOf } from '../../../src-shared/contract';
import { formatInstantBR } from '../../../src-shared/domain/dates';
import { useCall } from '../../api/hooks';
import { t } from '../../i18n';
import { ErrorBox } from '../ErrorBox';
import { Loading, Spinner } from '../Spinner';

type Recent = OutputOf<'system.recentErrors'>;
type Entry = Recent['items'][number];

/** What an error line is about, said in the reader's language. */
function whatOf(entry: Entry): string {
  if (entry.evt === 'job' && entry.job) return t('system.errors.what.job', { job: entry.job });
  if (entry.evt === 'call' && entry.procedure) return t('system.errors.what.call', { procedure: entry.procedure });
  if (entry.evt === 'http') return t('system.errors.what.http');
  return entry.level === 'fatal' ? t('system.errors.what.fatal') : t('system.errors.what.other');
}

function ErrorRow({ entry, index }: { entry: Entry; index: number }) {
  const [open, setOpen] = useState(false);
  const detail = entry.error?.message || entry.msg;
  return (
    <li className="card recent-error" data-testid="recent-error">
      <div className="recent-error-head">
        <span className={entry.level === 'fatal' ? 'badge badge-danger' : 'badge badge-warn'}>
          {entry.level === 'fatal' ? t('system.errors.level.fatal') : t('system.errors.level.error')}
        </span>
        <strong>{whatOf(entry)}</strong>
        <span className="muted">{formatInstantBR(entry.time)}</span>
      </div>
      <p className="recent-error-message" data-testid="recent-error-message">
        {detail}
      </p>
      <p className="muted small">
        {entry.code && <>{t('system.errors.code', { code: entry.code })} · </>}
        {entry.userId !== null && <>{t('system.errors.user', { id: entry.userId })} · </>}
        {entry.requestId && t('system.errors.request', { id: entry.requestId })}
      </p>
      {entry.error?.stack && (
        <>
          <button
            type="button"
            className="btn btn-small btn-ghost"
            aria-expanded={open}
            aria-controls={`recent-error-stack-${index}`}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? t('system.errors.hideDetails') : t('system.errors.showDetails')}
          </button>
          {open && (
            <pre className="recent-error-stack" id={`recent-error-stack-${index}`}>
              {entry.error.stack}
            </pre>
          )}
        </>
      )}
    </li>
  );
}

function JobRuns({ jobs }: { jobs: Recent['jobs'] }) {
  if (!jobs.length) return <p className="muted">{t('system.jobs.none')}</p>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="job-runs">
        <thead>
          <tr>
            <th scope="col">{t('system.jobs.job')}</th>
            <th scope="col">{t('system.jobs.lastRun')}</th>
            <th scope="col">{t('system.jobs.outcome')}</th>
            <th scope="col">{t('system.jobs.items')}</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((run) => (
            <tr key={run.job} data-testid="job-run">
              <td>{run.job}</td>
              <td>{formatInstantBR(run.finishedAt)}</td>
              <td>
                {run.outcome === 'ok' ? (
                  <span className="badge badge-ok">{t('system.jobs.ok')}</span>
                ) : (
                  <span className="badge badge-danger" title={run.error ?? undefined}>
                    {t('system.jobs.failed')}
                  </span>
                )}
                {run.error && <div className="muted small">{run.error}</div>}
              </td>
              <td>{run.items ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The core's recent errors (newest first, from the log files in `<data>/logs`) and the last run of
 * each scheduled job. Admins only (`system.logs`). Its own page under Settings, and embeddable
 * (Settings → "Backup e dados").
 */
export function RecentErrors({ limit = 50 }: { limit?: number }) {
  const recent = useCall('system.recentErrors', { limit });
  if (recent.isPending) return <Loading />;
  if (recent.isError) return <ErrorBox error={recent.error} onRetry={() => void recent.refetch()} />;
  const { items, jobs } = recent.data;
  return (
    <div className="stack recent-errors" data-testid="recent-errors">
      <section className="stack">
        <h2>{t('system.jobs.title')}</h2>
        <JobRuns jobs={jobs} />
      </section>
      <section className="stack">
        <div className="page-header">
          <h2>{t('system.errors.listTitle')}</h2>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void recent.refetch()}
            disabled={recent.isFetching}
            data-testid="recent-errors-refresh"
          >
            {recent.isFetching ? <Spinner small label={t('common.updating')} /> : t('system.errors.refresh')}
          </button>
        </div>
        {items.length === 0 ? (
          <p className="muted" data-testid="recent-errors-empty">
            {t('system.errors.none')}
          </p>
        ) : (
          <ul className="stack recent-error-list">
            {items.map((entry, i) => (
              <ErrorRow key={`${entry.time}-${entry.requestId ?? i}`} entry={entry} index={i} />
            ))}
          </ul>
        )}
        <p className="muted small">{t('system.errors.where')}</p>
      </section>
    </div>
  );
}
