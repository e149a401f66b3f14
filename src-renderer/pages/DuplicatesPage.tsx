import '../components/data.css';
import { useState } from 'react';
import { Link } from 'wouter';
import type { OutputOf } from '../../src-shared/contract';
import { useCall, useCallMutation } from '../api/hooks';
import { ErrorBox } from '../components/ErrorBox';
import { SkeletonRows } from '../components/Spinner';
import { t } from '../i18n';
import { displayDocument, displayPhone, formatInt } from '../lib/format';

type Group = OutputOf<'customers.duplicates'>['groups'][number];
type Dup = Group['customers'][number];

/**
 * `/clientes/duplicados`: probable duplicate customers by reason (a dry run: nothing changes), and
 * for a pair, "keep this one" → confirm → merge (gerente/admin).
 */
export function DuplicatesPage() {
  const list = useCall('customers.duplicates', {});
  const merge = useCallMutation('customers.merge');
  const [choice, setChoice] = useState<{ keep: Dup; other: Dup } | null>(null);
  const [done, setDone] = useState<OutputOf<'customers.merge'> | null>(null);

  const confirm = async () => {
    if (!choice) return;
    const out = await merge.mutateAsync({
      id: choice.keep.id,
      otherId: choice.other.id,
      version: choice.keep.version,
      otherVersion: choice.other.version,
    });
    setDone(out);
    setChoice(null);
  };

  return (
    <section className="page" data-testid="duplicates-page">
      <div className="page-header">
        <h1>
          {t('data.dup.title')}
          {list.data && <span className="count"> ({formatInt(list.data.groups.length)})</span>}
        </h1>
        <Link href="/clientes" className="btn">
          {t('data.dup.back')}
        </Link>
      </div>
      <p className="muted">{t('data.dup.intro')}</p>
      <ErrorBox error={list.error} onRetry={() => list.refetch()} />
      <ErrorBox error={merge.error} testId="merge-error" />
      {done && (
        <div className="alert alert-ok" role="status" data-testid="merge-done">
          {t('data.dup.merged', {
            orders: done.moved.orders,
            payments: done.moved.payments,
            plans: done.moved.plans,
            interactions: done.moved.interactions,
          })}{' '}
          <Link href={`/clientes/${done.id}`}>{t('data.dup.openKept')}</Link>
        </div>
      )}
      {choice && (
        <div
          className="alert alert-warn merge-confirm"
          role="alertdialog"
          aria-labelledby="merge-title"
          data-testid="merge-dialog"
        >
          <div>
            <strong id="merge-title">{t('data.dup.confirmTitle')}</strong>
            <p>
              {t('data.dup.confirmText', {
                keep: `${choice.keep.name} (nº ${choice.keep.id})`,
                other: `${choice.other.name} (nº ${choice.other.id})`,
              })}
            </p>
          </div>
          <div className="actions">
            <button type="button" className="btn" onClick={() => setChoice(null)}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="btn btn-danger"
              data-testid="merge-confirm"
              disabled={merge.isPending}
              onClick={() => void confirm().catch(() => undefined)}
            >
              {t('data.dup.confirm')}
            </button>
          </div>
        </div>
      )}
      {list.isLoading && <SkeletonRows rows={4} cols={6} />}
      {list.data && list.data.groups.length === 0 && <p data-testid="duplicates-empty">{t('data.dup.none')}</p>}
      {list.data?.truncated && <p className="muted">{t('data.dup.truncated')}</p>}
      {list.data?.groups.map((g) => (
        <div className="card dup-group" key={`${g.reason}:${g.key}`} data-testid="duplicate-group">
          <h2 className="dup-reason">
            {t(`data.dup.reason.${g.reason}`)}: <span className="muted">{g.key}</span>
          </h2>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t('data.dup.col.name')}</th>
                  <th>{t('data.dup.col.document')}</th>
                  <th>{t('data.dup.col.phone')}</th>
                  <th>{t('data.dup.col.email')}</th>
                  <th>{t('data.dup.col.city')}</th>
                  <th>{t('data.dup.col.orders')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {g.customers.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link href={`/clientes/${c.id}`}>{c.name}</Link> <span className="muted">nº {c.id}</span>
                    </td>
                    <td>{c.document ? displayDocument(c.document) : '—'}</td>
                    <td>
                      {[c.phone, c.whatsapp]
                        .filter(Boolean)
                        .map((p) => displayPhone(p as string))
                        .join(' · ') || '—'}
                    </td>
                    <td>{c.email ?? '—'}</td>
                    <td>{[c.city, c.state].filter(Boolean).join(' / ') || '—'}</td>
                    <td>{formatInt(c.ordersCount)}</td>
                    <td>
                      {g.customers
                        .filter((o) => o.id !== c.id)
                        .map((o) => (
                          <button
                            key={o.id}
                            type="button"
                            className="btn btn-small"
                            data-testid={`keep-${c.id}-merge-${o.id}`}
                            onClick={() => setChoice({ keep: c, other: o })}
                          >
                            {g.customers.length > 2 ? t('data.dup.keepThisOf', { id: o.id }) : t('data.dup.keepThis')}
                          </button>
                        ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </section>
  );
}
