import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { t } from '../../i18n';
import { useSession } from '../../session';

function NavItem({ href, children, testId }: { href: string; children: ReactNode; testId: string }) {
  const [location] = useLocation();
  const active = location === href || location.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      className={active ? 'nav-link active' : 'nav-link'}
      aria-current={active ? 'page' : undefined}
      data-testid={testId}
    >
      {children}
    </Link>
  );
}

/** Orders, production board, deadlines, registries (cadastros) and the production settings. */
export function OrdersNav() {
  const session = useSession();
  return (
    <>
      <NavItem href="/pedidos" testId="nav-orders">
        {t('orders.nav.orders')}
      </NavItem>
      <NavItem href="/producao" testId="nav-board">
        {t('orders.nav.board')}
      </NavItem>
      <NavItem href="/prazos" testId="nav-deadlines">
        {t('orders.nav.deadlines')}
      </NavItem>
      <NavItem href="/cadastros" testId="nav-registries">
        {t('orders.nav.registries')}
      </NavItem>
      {session.can('settings.write') && (
        <NavItem href="/configuracoes/producao" testId="nav-production-settings">
          {t('orders.nav.productionSettings')}
        </NavItem>
      )}
    </>
  );
}
