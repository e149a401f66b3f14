import { type PresenceEntity, usePresence } from '../../api/presence';
import { t } from '../../i18n';
import { useSession } from '../../session';

/** "Ana está editando este pedido", from the live presence of the other users. */
export function PresenceNotice({ entity, id }: { entity: PresenceEntity; id: number }) {
  const session = useSession();
  const others = usePresence(entity, id, session.me.user.id);
  if (others.length === 0) return null;
  const names = others.map((u) => u.name);
  const who =
    names.length === 1
      ? (names[0] ?? '')
      : t('orders.presence.andList', {
          names: names.slice(0, -1).join(', '),
          last: names.at(-1) ?? '',
        });
  return (
    <div className="alert alert-warn presence" role="status" data-testid="presence-notice">
      <span>{t(names.length === 1 ? 'orders.presence.editingOne' : 'orders.presence.editingMany', { who })}</span>
    </div>
  );
}
