import { useEffect, useId, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { formatInstantBR } from '../../../src-shared/domain/dates';
import { useCall, useCallMutation } from '../../api/hooks';
import { t } from '../../i18n';
import { formatInt } from '../../lib/format';
import { ErrorBox } from '../ErrorBox';
import { Spinner } from '../Spinner';
import { RECENT_ERRORS_PATH } from '../system/paths';

/**
 * The bell in the top bar: unread count, the latest notifications in a dropdown, mark as read.
 * Refetched live when a `notification.created` event names this user (see useRealtime).
 */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const list = useCall('notifications.list', { page: 1, perPage: 20 });
  const markRead = useCallMutation('notifications.markRead');
  const [, navigate] = useLocation();
  const ref = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const unread = list.data?.unread ?? 0;

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const openNotification = (id: number, orderId: number | null, read: boolean, type?: string) => {
    if (!read) markRead.mutate({ ids: [id] });
    setOpen(false);
    if (orderId) navigate(`/pedidos/${orderId}`);
    else if (type === 'job.failed') navigate(RECENT_ERRORS_PATH);
  };

  return (
    <div className="bell" ref={ref}>
      <button
        type="button"
        className="btn btn-ghost bell-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread ? t('notifications.buttonUnread', { n: unread }) : t('notifications.button')}
        onClick={() => setOpen((o) => !o)}
        data-testid="notifications-bell"
      >
        <svg className="bell-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
            fill="currentColor"
          />
        </svg>
        {unread > 0 && (
          <span className="bell-count" data-testid="notifications-unread">
            {unread > 99 ? '99+' : formatInt(unread)}
          </span>
        )}
      </button>
      {open && (
        <div className="bell-panel" id={panelId} data-testid="notifications-panel">
          <div className="bell-head">
            <strong>{t('notifications.title')}</strong>
            {list.isFetching && <Spinner small label={t('common.updating')} />}
            {unread > 0 && (
              <button
                type="button"
                className="btn btn-small btn-ghost"
                onClick={() => markRead.mutate({})}
                disabled={markRead.isPending}
                data-testid="notifications-read-all"
              >
                {t('notifications.readAll')}
              </button>
            )}
          </div>
          <ErrorBox error={list.error ?? markRead.error} />
          {list.data && list.data.items.length === 0 && <p className="muted bell-empty">{t('notifications.empty')}</p>}
          <ul className="bell-list">
            {list.data?.items.map((n) => (
              <li key={n.id} className={n.readAt ? 'bell-item' : 'bell-item unread'} data-testid="notification">
                <button type="button" onClick={() => openNotification(n.id, n.orderId, n.readAt !== null, n.type)}>
                  <span className="bell-title">{n.title}</span>
                  <span className="bell-body">{n.body}</span>
                  <span className="bell-when">{formatInstantBR(n.createdAt)}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
