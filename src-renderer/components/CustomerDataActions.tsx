import { Link } from 'wouter';
import type { InputOf } from '../../src-shared/contract';
import { t } from '../i18n';
import { useSession } from '../session';
import { ExportButtons } from './ExportButtons';

/** The customers list's data actions: export with its filters, possible duplicates, import. */
export function CustomerDataActions({ filters }: { filters: InputOf<'customers.list'> }) {
  const session = useSession();
  return (
    <span className="actions">
      <ExportButtons base="/api/customers" params={filters} testId="customers" />
      {session.can('customers.merge') && (
        <Link href="/clientes/duplicados" className="btn btn-small" data-testid="customers-duplicates">
          {t('data.dup.link')}
        </Link>
      )}
      {session.can('data.import') && (
        <Link href="/importar" className="btn btn-small" data-testid="customers-import">
          {t('data.import.link')}
        </Link>
      )}
    </span>
  );
}
