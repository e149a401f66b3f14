import { type ReactNode, useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { t } from '../i18n';
import { useSession } from '../session';
import { ChangePasswordDialog } from './ChangePasswordDialog';
import { FinanceNav } from './finance/FinanceNav';
import { NavItem } from './NavLinks';
import { NotificationBell } from './orders/NotificationBell';
import { OrdersNav } from './orders/OrdersNav';
import { RECENT_ERRORS_PATH } from './system/paths';
import { TabBar } from './TabBar';
import { UserMenu } from './UserMenu';

/**
 * Top bar (company, notifications, the user menu) and the side menu; on a phone the side menu gives
 * way to a bottom tab bar whose "Mais" opens it over the page.
 */
export function Shell({ children }: { children: ReactNode }) {
  const session = useSession();
  const { companyName } = session.me;
  const [changingPassword, setChangingPassword] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const [location] = useLocation();
  // Going somewhere closes the phone menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation
  useEffect(() => setMenuOpen(false), [location]);
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
          <NotificationBell />
          <UserMenu onChangePassword={() => setChangingPassword(true)} />
        </div>
      </header>
      <div className="layout">
        <nav className={menuOpen ? 'sidenav open' : 'sidenav'} aria-label={t('nav.main')} data-testid="sidenav">
          <NavItem href="/" testId="nav-home">
            {t('home.nav')}
          </NavItem>
          <NavItem href="/clientes" testId="nav-customers">
            {t('nav.customers')}
          </NavItem>
          {session.can('health.read') && (
            <NavItem href="/clientes/saude" testId="nav-health">
              {t('nav.health')}
            </NavItem>
          )}
          <OrdersNav />
          <FinanceNav />
          {session.can('reports.read') && (
            <NavItem href="/relatorios" testId="nav-reports">
              {t('reports.nav')}
            </NavItem>
          )}
          {session.can('messages.send') && (
            <NavItem href="/mensagens/a-enviar" testId="nav-to-send">
              {t('nav.messages.toSend')}
            </NavItem>
          )}
          {session.can('messages.manage') && (
            <NavItem href="/mensagens/saida" testId="nav-outbox">
              {t('nav.messages.outbox')}
            </NavItem>
          )}
          {session.can('users.manage') && (
            <NavItem href="/usuarios" testId="nav-users">
              {t('nav.users')}
            </NavItem>
          )}
          {session.can('settings.write') && (
            <NavItem href="/configuracoes/empresa" testId="nav-company">
              {t('company.nav')}
            </NavItem>
          )}
          {session.can('backups.read') && (
            <NavItem href="/configuracoes/backup" testId="nav-backups">
              {t('nav.backups')}
            </NavItem>
          )}
          {session.can('settings.write') && (
            <NavItem href="/configuracoes/rede" testId="nav-network">
              {t('desk.nav')}
            </NavItem>
          )}
          {session.can('messages.manage') && (
            <NavItem href="/configuracoes/mensagens" testId="nav-messages-settings">
              {t('nav.messages.settings')}
            </NavItem>
          )}
          {session.can('system.logs') && (
            <NavItem href="/configuracoes/tarefas" testId="nav-jobs">
              {t('nav.jobs')}
            </NavItem>
          )}
          {session.can('system.logs') && (
            <NavItem href={RECENT_ERRORS_PATH} testId="nav-recent-errors">
              {t('system.errors.nav')}
            </NavItem>
          )}
        </nav>
        <main className="content">{children}</main>
      </div>
      <TabBar menuOpen={menuOpen} onMenu={() => setMenuOpen((o) => !o)} />
      {changingPassword && <ChangePasswordDialog onClose={() => setChangingPassword(false)} />}
    </div>
  );
}
