import { useState } from 'react';
import type { OutputOf } from '../../../src-shared/contract';
import { formatInstantBR } from '../../../src-shared/domain/dates';
import { useCall, useCallMutation } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { ErrorBox } from '../../components/ErrorBox';
import { useToast } from '../../components/Toasts';
import { type TextKey, t } from '../../i18n';
import type { ColumnList } from '../../lib/table';
import { useSession } from '../../session';

type Message = OutputOf<'outbox.list'>['items'][number];

export const kindText = (kind: string) =>
  t(
    (['lembrete', 'pronto', 'orcamento', 'aniversario', 'relatorio', 'teste'].includes(kind)
      ? `msg.kind.${kind}`
      : 'msg.kind.teste') as TextKey,
  );
export const statusText = (status: Message['status']) => t(`msg.status.${status}` as TextKey);

function StatusBadge({ m }: { m: Message }) {
  const cls =
    m.status === 'sent'
      ? 'badge badge-ok'
      : m.status === 'failed' || m.status === 'uncertain'
        ? 'badge badge-danger'
        : 'badge badge-warn';
  return (
    <span className={cls} data-testid={`outbox-status-${m.id}`}>
      {statusText(m.status)}
    </span>
  );
}

/** The daily WhatsApp list ("A enviar"): each message opens wa.me with its text and is marked sent in the same click. */
export function ToSendPage() {
  const list = useCall('outbox.toSend', {}, { refetchIntervalMs: 30_000 });
  const mark = useCallMutation('outbox.markSent');
  const toast = useToast();
  const items = list.data?.items ?? [];
  return (
    <section className="page" data-testid="to-send-page">
      <div className="page-header">
        <h1>{t('msg.toSend.title')}</h1>
      </div>
      <p className="muted">{t('msg.toSend.intro')}</p>
      <ErrorBox error={list.error ?? mark.error} onRetry={() => void list.refetch()} />
      {items.length === 0 && !list.isPending && <p className="muted">{t('msg.toSend.empty')}</p>}
      <div className="stack">
        {items.map((m) => (
          <article key={m.id} className="card stack" data-testid={`to-send-${m.id}`}>
            <div>
              <strong>{m.customerName ?? m.recipient}</strong> · {kindText(m.kind)} · {m.recipient}
              {m.status === 'held' && <span className="badge badge-warn"> {t('msg.toSend.held')}</span>}
            </div>
            <pre className="message-text">{m.body}</pre>
            <div className="actions">
              {m.link && (
                <a
                  className="btn btn-primary"
                  href={m.link}
                  target="_blank"
                  rel="noopener noreferrer"
                  onClick={() => mark.mutate({ id: m.id }, { onSuccess: () => toast(t('msg.toSend.sent')) })}
                  data-testid={`to-send-open-${m.id}`}
                >
                  {t('msg.toSend.open')}
                </a>
              )}
              <button
                type="button"
                className="btn btn-ghost"
                disabled={mark.isPending}
                onClick={() => mark.mutate({ id: m.id }, { onSuccess: () => toast(t('msg.toSend.sent')) })}
                data-testid={`to-send-mark-${m.id}`}
              >
                {t('msg.toSend.markOnly')}
              </button>
            </div>
          </article>
        ))}
      </div>
    </section>
  );
}

const STATUSES = ['pending', 'held', 'sent', 'failed', 'uncertain', 'cancelled'] as const;

/** The outbox: every message the app decided to send, its outcome and error; resend and cancel. */
export function OutboxPage() {
  const [status, setStatus] = useState<(typeof STATUSES)[number] | ''>('');
  const [page, setPage] = useState(1);
  const list = useCall('outbox.list', { page, perPage: 50, ...(status && { status }) }, { keepPrevious: true });
  const resend = useCallMutation('outbox.resend');
  const cancel = useCallMutation('outbox.cancel');
  const toast = useToast();
  const columns: ColumnList<Message> = [
    { id: 'when', header: t('msg.col.when'), cell: (m) => formatInstantBR(m.sentAt ?? m.createdAt) },
    {
      id: 'to',
      header: t('msg.col.to'),
      required: true,
      cell: (m) => (
        <>
          <div>{m.customerName ?? m.recipient}</div>
          <div className="muted">
            {t(`msg.channel.${m.channel}`)} · {m.recipient}
          </div>
        </>
      ),
    },
    { id: 'kind', header: t('msg.col.kind'), cell: (m) => kindText(m.kind) },
    {
      id: 'status',
      header: t('msg.col.status'),
      cell: (m) => (
        <>
          <StatusBadge m={m} />
          {m.attempts > 0 && m.status !== 'sent' && (
            <div className="muted">{t('msg.outbox.attempts', { attempts: m.attempts, max: m.maxAttempts })}</div>
          )}
          {m.lastError && <div className="field-error">{m.lastError}</div>}
        </>
      ),
    },
    {
      id: 'text',
      header: t('msg.col.text'),
      hiddenByDefault: true,
      cell: (m) => <span className="muted">{(m.subject ?? m.body).slice(0, 120)}</span>,
    },
    {
      id: 'actions',
      header: t('msg.col.actions'),
      actions: true,
      required: true,
      cell: (m) => (
        <>
          {['failed', 'uncertain', 'cancelled', 'held'].includes(m.status) && (
            <button
              type="button"
              className="btn btn-small"
              disabled={resend.isPending}
              onClick={() => resend.mutate({ id: m.id }, { onSuccess: () => toast(t('msg.outbox.resent')) })}
              data-testid={`outbox-resend-${m.id}`}
            >
              {m.status === 'held' ? t('msg.outbox.send') : t('msg.outbox.resend')}
            </button>
          )}
          {['pending', 'held', 'failed', 'uncertain'].includes(m.status) && (
            <button
              type="button"
              className="btn btn-small btn-ghost"
              disabled={cancel.isPending}
              onClick={() => cancel.mutate({ id: m.id }, { onSuccess: () => toast(t('msg.outbox.cancelled')) })}
              data-testid={`outbox-cancel-${m.id}`}
            >
              {t('msg.outbox.cancel')}
            </button>
          )}
        </>
      ),
    },
  ];
  const total = list.data?.total ?? 0;
  return (
    <section className="page" data-testid="outbox-page">
      <div className="page-header">
        <h1>{t('msg.outbox.title')}</h1>
      </div>
      <p className="muted">{t('msg.outbox.intro')}</p>
      <div className="actions">
        {(['', ...STATUSES] as const).map((s) => (
          <button
            key={s || 'all'}
            type="button"
            className={status === s ? 'btn btn-small btn-primary' : 'btn btn-small'}
            onClick={() => {
              setStatus(s);
              setPage(1);
            }}
            data-testid={`outbox-filter-${s || 'all'}`}
          >
            {s ? statusText(s) : t('msg.status.all')}
          </button>
        ))}
      </div>
      <ErrorBox error={list.error ?? resend.error ?? cancel.error} onRetry={() => void list.refetch()} />
      <DataTable
        tableId="outbox"
        columns={columns}
        rows={list.data?.items}
        rowKey={(m) => m.id}
        loading={list.isPending}
        stale={list.isPlaceholderData}
        testId="outbox-table"
        empty={<p className="muted">{t('msg.outbox.empty')}</p>}
      />
      {total > 50 && (
        <div className="actions">
          <button type="button" className="btn btn-small" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            ‹
          </button>
          <span className="muted">
            {page} / {Math.ceil(total / 50)}
          </span>
          <button
            type="button"
            className="btn btn-small"
            disabled={page * 50 >= total}
            onClick={() => setPage(page + 1)}
          >
            ›
          </button>
        </div>
      )}
    </section>
  );
}

/** On the customer page: what was sent to this customer (or is queued). */
export function CustomerMessages({ customerId }: { customerId: number }) {
  const session = useSession();
  const list = useCall('outbox.byCustomer', { id: customerId }, { enabled: session.can('customers.read') });
  const items = list.data?.items ?? [];
  return (
    <section className="card stack" data-testid="customer-messages">
      <h2>{t('customer.messages.title')}</h2>
      <ErrorBox error={list.error} onRetry={() => void list.refetch()} />
      {items.length === 0 && !list.isPending && <p className="muted">{t('customer.messages.empty')}</p>}
      {items.length > 0 && (
        <ul className="plain-list">
          {items.map((m) => (
            <li key={m.id} data-testid={`customer-message-${m.id}`}>
              <span className="muted">{formatInstantBR(m.sentAt ?? m.createdAt)}</span> · {kindText(m.kind)} ·{' '}
              {t(`msg.channel.${m.channel}`)} · <StatusBadge m={m} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
