import type { ReactNode } from 'react';
import { DocLink } from '../../components/finance/links';
import { t } from '../../i18n';
import { formatMoney } from '../../lib/finance';
import { formatInt } from '../../lib/format';

const m2Format = new Intl.NumberFormat('pt-BR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const formatM2 = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : `${m2Format.format(v)} m²`;
export const money = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : formatMoney(v));
export const int = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : formatInt(v));

/** Growth of `cur` over `base` ("+12,5%", "−3,0%"), "—" without a base. */
export function growth(cur: number | undefined, base: number | undefined): string {
  if (cur === undefined || base === undefined || base === 0) return '—';
  const p = (100 * (cur - base)) / Math.abs(base);
  const text = new Intl.NumberFormat('pt-BR', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    Math.abs(p),
  );
  return `${p > 0 ? '+' : p < 0 ? '−' : ''}${text}%`;
}

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
