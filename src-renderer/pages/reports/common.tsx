import type { ReactNode } from 'react';
import { DocLink } from '../../components/finance/links';
import { t } from '../../i18n';

export { formatM2, growth, int, money } from './format';

export function Stat({
  label,
  value,
  hint,
  testId,
  main,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  testId?: string;
  main?: boolean;
}) {
  return (
    <div className={main ? 'fin-stat fin-stat-main' : 'fin-stat'}>
      <span className="fin-stat-label">{label}</span>
      <strong data-testid={testId}>{value}</strong>
      {hint !== undefined && <span className="fin-stat-label">{hint}</span>}
    </div>
  );
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** "CSV" and "PDF" of a report: the same numbers as the screen, through signed links. */
export function ReportFiles({ params, testId }: { params: Query; testId: string }) {
  return (
    <span className="export-buttons" data-testid={`${testId}-files`}>
      <DocLink path="/api/reports/export.csv" params={params} testId={`${testId}-csv`} className="btn btn-small">
        {t('reports.csv')}
      </DocLink>
      <DocLink path="/api/reports/export.pdf" params={params} testId={`${testId}-pdf`} className="btn btn-small">
        {t('reports.pdf')}
      </DocLink>
    </span>
  );
}
