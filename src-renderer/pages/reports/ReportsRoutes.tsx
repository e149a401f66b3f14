import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { t } from '../../i18n';
import { useSession } from '../../session';
import { NotFoundPage } from '../NotFoundPage';
import { ClosingReport, MachinesReport, ReprintsReport } from './ClosingReport';
import { TrendsReport } from './TrendsReport';
import { WeeklyReport } from './WeeklyReport';

const TABS = [
  { href: '/relatorios/semanal', key: 'weekly', page: WeeklyReport },
  { href: '/relatorios/fechamento', key: 'closing', page: ClosingReport },
  { href: '/relatorios/tendencias', key: 'trends', page: TrendsReport },
  { href: '/relatorios/reimpressoes', key: 'reprints', page: ReprintsReport },
  { href: '/relatorios/maquinas', key: 'machines', page: MachinesReport },
] as const;

/** Every `/relatorios/…` screen (one lazy chunk; recharts loads only when a chart is drawn). */
export function ReportsRoutes() {
  const session = useSession();
  const [location] = useLocation();
  if (!session.can('reports.read')) return <NotFoundPage />;
  return (
    <section className="page" data-testid="reports-page">
      <div className="page-header">
        <h1>{t('reports.title')}</h1>
      </div>
      <nav className="report-tabs" aria-label={t('reports.title')}>
        {TABS.map((tab) => (
          <Link
            key={tab.href}
            href={tab.href}
            className={location === tab.href ? 'btn btn-small btn-primary' : 'btn btn-small'}
            aria-current={location === tab.href ? 'page' : undefined}
            data-testid={`report-tab-${tab.key}`}
          >
            {t(`reports.tab.${tab.key}`)}
          </Link>
        ))}
      </nav>
      <Switch>
        {TABS.map((tab) => (
          <Route key={tab.href} path={tab.href}>
            <tab.page />
          </Route>
        ))}
        <Route path="/relatorios">
          <Redirect to="/relatorios/semanal" replace />
        </Route>
        <Route>
          <NotFoundPage />
        </Route>
      </Switch>
    </section>
  );
}
