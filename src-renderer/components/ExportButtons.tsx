import './data.css';
import { t } from '../i18n';
import { DocLink } from './finance/links';

type Params = Record<string, unknown>;
type Query = Record<string, string | number | boolean | null | undefined>;

/** Query parameters as the export routes read them (a list becomes `a,b`; paging is not a filter). */
function flat(params: Params): Query {
  const out: Query = {};
  for (const [key, v] of Object.entries(params)) {
    if (key === 'page' || key === 'perPage' || key === 'cursor') continue;
    if (Array.isArray(v)) out[key] = v.join(',');
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[key] = v;
  }
  return out;
}

/**
 * "CSV" and "XLSX" for a list: the export routes (`…/export.csv`, `…/export.xlsx`) with the
 * list's filters, opened through a signed link like every file (no token in the URL).
 */
export function ExportButtons({ base, params, testId }: { base: string; params: Params; testId: string }) {
  const query = flat(params);
  return (
    <span className="export-buttons" data-testid={`${testId}-export`}>
      <DocLink path={`${base}/export.csv`} params={query} testId={`${testId}-csv`} title={t('data.export.csvHint')}>
        {t('data.export.csv')}
      </DocLink>
      <DocLink path={`${base}/export.xlsx`} params={query} testId={`${testId}-xlsx`} title={t('data.export.xlsxHint')}>
        {t('data.export.xlsx')}
      </DocLink>
    </span>
  );
}
