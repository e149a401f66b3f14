import { Link, useLocation } from 'wouter';
import { t } from '../i18n';
import { useSession } from '../session';

interface Tab {
  href: string;
  /** Where the tab counts as the current one (its section). */
  section: string;
  label: string;
  testId: string;
  icon: string;
}

/**
 * On a phone, the main sections at the bottom within the thumb's reach; "Mais" opens the full menu
 * (registries, settings, the other finance pages, users).
 */
export function TabBar({ menuOpen, onMenu }: { menuOpen: boolean; onMenu: () => void }) {
  const session = useSession();
  const [location] = useLocation();
  const tabs: Tab[] = [
    { href: '/', section: '/', label: t('home.nav'), testId: 'tab-home', icon: '🏠' },
    { href: '/clientes', section: '/clientes', label: t('nav.customers'), testId: 'tab-customers', icon: '👤' },
    { href: '/pedidos', section: '/pedidos', label: t('orders.nav.orders'), testId: 'tab-orders', icon: '🧾' },
    { href: '/producao', section: '/producao', label: t('orders.nav.board'), testId: 'tab-board', icon: '🏭' },
  ];
  if (session.can('payments.read'))
    tabs.push({
      href: '/financeiro/pagamentos',
      section: '/financeiro',
      label: t('finance.nav.title'),
      testId: 'tab-finance',
      icon: '💰',
    });
  const inSection = (section: string) =>
    location === section || (section !== '/' && location.startsWith(`${section}/`));
  return (
    <nav className="tabbar" aria-label={t('nav.main')}>
      {tabs.map((tab) => {
        const active = !menuOpen && inSection(tab.section);
        return (
          <Link
            key={tab.href}
            href={tab.href}
            className={active ? 'tab-item active' : 'tab-item'}
            aria-current={active ? 'page' : undefined}
            data-testid={tab.testId}
          >
            <span className="tab-icon" aria-hidden="true">
              {tab.icon}
            </span>
            {tab.label}
          </Link>
        );
      })}
      <button
        type="button"
        className={menuOpen ? 'tab-item active' : 'tab-item'}
        aria-expanded={menuOpen}
        onClick={onMenu}
        data-testid="tab-more"
      >
        <span className="tab-icon" aria-hidden="true">
          ☰
        </span>
        {t('shell.more')}
      </button>
    </nav>
  );
}
