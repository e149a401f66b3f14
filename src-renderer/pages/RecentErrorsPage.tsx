import { RecentErrors } from '../components/system/RecentErrors';
import { t } from '../i18n';

/** Settings → "Erros recentes" (admins). */
export function RecentErrorsPage() {
  return (
    <section className="page" data-testid="recent-errors-page">
      <div className="page-header">
        <h1>{t('system.errors.title')}</h1>
      </div>
      <RecentErrors />
    </section>
  );
}
