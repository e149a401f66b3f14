import { Link } from 'wouter';
import { t } from '../i18n';

export function NotFoundPage() {
  return (
    <section className="page">
      <h1>{t('notFound.title')}</h1>
      <Link href="/clientes" className="btn">
        {t('notFound.back')}
      </Link>
    </section>
  );
}
