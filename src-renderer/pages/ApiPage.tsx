import { useMemo, useState } from 'react';
import { getClient } from '../api/client';
import { roleLabel, t } from '../i18n';
import { apiEntries, filterEntries } from '../lib/api-doc';

function PermissionLabel({ permission, roles }: { permission: string; roles: readonly string[] | null }) {
  if (permission === 'public') return <>{t('api.perm.public')}</>;
  if (permission === 'authenticated') return <>{t('api.perm.authenticated')}</>;
  return (
    <>
      <code>{permission}</code>
      {roles && (
        <span className="muted">
          {' '}
          · {t('api.roles', { roles: roles.map((r) => roleLabel(r as Parameters<typeof roleLabel>[0])).join(', ') })}
        </span>
      )}
    </>
  );
}

/** Every procedure of the contract: route, summary, permission and input fields. */
export function ApiPage() {
  const all = useMemo(() => apiEntries(), []);
  const [filter, setFilter] = useState('');
  const entries = filterEntries(all, filter);
  const overHttp = getClient().kind === 'http';
  const domains = [...new Set(entries.map((e) => e.domain))];

  return (
    <section className="page api-page" data-testid="api-page">
      <div className="page-header">
        <h1>{t('api.title')}</h1>
        {overHttp && (
          <a href="/api/openapi.json" target="_blank" rel="noreferrer" className="btn" data-testid="openapi-link">
            {t('api.openapi')}
          </a>
        )}
      </div>
      <div className="card api-intro">
        <p>{t('api.intro')}</p>
        <ul>
          <li>{t('api.auth')}</li>
          <li>{t('api.errors')}</li>
          <li>{t('api.idempotency')}</li>
          <li>{t('api.realtime')}</li>
        </ul>
        {!overHttp && <p className="muted">{t('api.ipcNote')}</p>}
      </div>
      <div className="searchbar">
        <label htmlFor="api-filter" className="visually-hidden">
          {t('api.filter')}
        </label>
        <input
          id="api-filter"
          type="search"
          className="search-input"
          placeholder={t('api.filter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          data-testid="api-filter"
        />
        <span className="muted">{t('api.count', { count: entries.length })}</span>
      </div>
      {domains.map((domain) => (
        <div key={domain} className="api-group">
          <h2>{domain}</h2>
          {entries
            .filter((e) => e.domain === domain)
            .map((e) => (
              <details key={e.name} className="api-op" data-testid="api-operation">
                <summary>
                  <span className={`method method-${e.method.toLowerCase()}`}>{e.method}</span>
                  <code className="api-path">{e.path}</code>
                  <span className="api-summary">{e.summary}</span>
                </summary>
                <div className="api-details">
                  <p>
                    <strong>{e.name}</strong>
                  </p>
                  <p>
                    {t('api.permission')}: <PermissionLabel permission={e.permission} roles={e.roles} />
                  </p>
                  <h3>{t('api.input')}</h3>
                  {e.fields.length === 0 ? (
                    <p className="muted">{t('api.noInput')}</p>
                  ) : (
                    <table className="table table-compact">
                      <tbody>
                        {e.fields.map((f) => (
                          <tr key={f.name}>
                            <td>
                              <code>{f.name}</code>
                              {f.required && <span className="badge badge-warn">{t('api.required')}</span>}
                            </td>
                            <td>
                              <code className="api-type">{f.type}</code>
                            </td>
                            <td className="muted">
                              {f.where === 'path'
                                ? t('api.inPath')
                                : f.where === 'query'
                                  ? t('api.inQuery')
                                  : t('api.inBody')}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </div>
              </details>
            ))}
        </div>
      ))}
    </section>
  );
}
