import { t } from '../../i18n';
import { useSession } from '../../session';
import { NavLinks } from '../NavLinks';

/** The "Financeiro" group of the side menu, for the roles that see money. */
export function FinanceNav() {
  const session = useSession();
  const payments = session.can('payments.read');
  const credit = session.can('credit.read');
  if (!payments && !credit) return null;
  return (
    <div className="fin-nav-group" data-testid="nav-finance">
      <span className="fin-nav-group-title">{t('finance.nav.title')}</span>
      <NavLinks
        links={[
          {
            href: '/financeiro/pagamentos',
            testId: 'nav-finance-payments',
            label: t('finance.nav.payments'),
            show: payments,
          },
          {
            href: '/financeiro/parcelas',
            testId: 'nav-finance-installments',
            label: t('finance.nav.installments'),
            show: credit,
          },
          {
            href: '/financeiro/a-receber',
            testId: 'nav-finance-receivables',
            label: t('finance.nav.receivables'),
            show: credit,
          },
          {
            href: '/financeiro/inadimplencia',
            testId: 'nav-finance-delinquency',
            label: t('finance.nav.delinquency'),
            show: credit,
          },
          {
            href: '/financeiro/configuracoes',
            testId: 'nav-finance-settings',
            label: t('finance.nav.settings'),
            show: session.can('settings.write'),
          },
        ]}
      />
    </div>
  );
}
