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

/** The "Financeiro" group of the side menu, for the roles that see money. */
export function FinanceNav() {
  const session = useSession();
  const payments = session.can('payments.read');
  const credit = session.can('credit.read');
  if (!payments && !credit) return null;
  return (
    <div className="fin-nav-group" data-testid="nav-finance">
      <span className="fin-nav-group-title">{t('finance.nav.title')}</span>
      {payments && (
        <NavItem href="/financeiro/pagamentos" testId="nav-finance-payments">
          {t('finance.nav.payments')}
        </NavItem>
      )}
      {credit && (
        <NavItem href="/financeiro/parcelas" testId="nav-finance-installments">
          {t('finance.nav.installments')}
        </NavItem>
      )}
      {credit && (
        <NavItem href="/financeiro/a-receber" testId="nav-finance-receivables">
          {t('finance.nav.receivables')}
        </NavItem>
      )}
      {credit && (
        <NavItem href="/financeiro/inadimplencia" testId="nav-finance-delinquency">
          {t('finance.nav.delinquency')}
        </NavItem>
      )}
      {session.can('settings.write') && (
        <NavItem href="/financeiro/configuracoes" testId="nav-finance-settings">
          {t('finance.nav.settings')}
        </NavItem>
      )}
    </div>
  );
}
