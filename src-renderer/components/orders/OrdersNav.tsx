import { t } from '../../i18n';
import { useSession } from '../../session';
import { NavLinks } from '../NavLinks';

/** Orders, production board, deadlines, registries (cadastros) and the production settings. */
export function OrdersNav() {
  const session = useSession();
  return (
    <NavLinks
      links={[
        { href: '/pedidos', testId: 'nav-orders', label: t('orders.nav.orders') },
        { href: '/producao', testId: 'nav-board', label: t('orders.nav.board') },
        { href: '/prazos', testId: 'nav-deadlines', label: t('orders.nav.deadlines') },
        { href: '/cadastros', testId: 'nav-registries', label: t('orders.nav.registries') },
        {
          href: '/configuracoes/producao',
          testId: 'nav-production-settings',
          label: t('orders.nav.productionSettings'),
          show: session.can('settings.write'),
        },
        {
          href: '/configuracoes/fichas',
          testId: 'nav-ficha-templates',
          label: t('fichas.nav'),
          show: session.can('settings.write'),
        },
      ]}
    />
  );
}
