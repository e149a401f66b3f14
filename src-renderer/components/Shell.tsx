import { type ReactNode, useState } from 'react';
import { Link } from 'wouter';
import { roleLabel, t } from '../i18n';
import { useSession } from '../session';
import { ChangePasswordDialog } from './ChangePasswordDialog';
import { FinanceNav } from './finance/FinanceNav';
import { LanguageSelect } from './LanguageSelect';
import { NavItem } from './NavLinks';
import { NotificationBell } from './orders/NotificationBell';
import { OrdersNav } from './orders/OrdersNav';

/** Top bar (company, user, password, language, API, logout) and the side menu. */
export function Shell({ children }: { children: ReactNode }) {
  const session = useSession();
  const { user, companyName } = session.me;
  const [changingPassword, setChangingPassword] = useState(false);
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            B
          </span>
          <span className="company" data-testid="company-name">
            {companyName ?? t('shell.noCompany')}
          </span>
        </div>
        {session.realtime === 'offline' && (
          <span className="badge badge-warn realtime" data-testid="realtime-offline">
            {t('shell.realtimeOffline')}
          </span>
        )}
        <div className="topbar-user">
          <span className="user">
            <span className="user-name" data-testid="user-name">
              {user.name}
            </span>
            <span className="user-role" data-testid="user-role">
              {roleLabel(user.role)}
            </span>
          </span>
          <NotificationBell />
          <Link href="/api" className="topbar-link" data-testid="nav-api">
            {t('nav.api')}
          </Link>
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => setChangingPassword(true)}
            data-testid="change-password"
          >
            {t('shell.changePassword')}
          </button>
          <LanguageSelect />
          <button type="button" className="btn btn-ghost" onClick={() => void session.logout()} data-testid="logout">
            {t('shell.logout')}
          </button>
        </div>
      </header>
      <div className="layout">
        <nav className="sidenav" aria-label={t('nav.main')}>
          <NavItem href="/clientes" testId="nav-customers">
            {t('nav.customers')}
          </NavItem>
          <OrdersNav />
          <FinanceNav />
          {session.can('users.manage') && (
            <NavItem href="/usuarios" testId="nav-users">
              {t('nav.users')}
            </NavItem>
          )}
          {session.can('backups.read') && (
            <NavItem href="/configuracoes/backup" testId="nav-backups">
              {t('nav.backups')}
            </NavItem>
          )}
        </nav>
        <main className="content">{children}</main>
      </div>
      {changingPassword && <ChangePasswordDialog onClose={() => setChangingPassword(false)} />}
    </div>
  );
}
