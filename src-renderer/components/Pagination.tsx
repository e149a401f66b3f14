import { t } from '../i18n';
import { formatInt, pageCount, rangeLabel } from '../lib/format';
import { Spinner } from './Spinner';

const PER_PAGE_OPTIONS = [25, 50, 100, 200];

export function Pagination({
  page,
  perPage,
  total,
  capped = false,
  more,
  busy,
  onPage,
  onPerPage,
}: {
  page: number;
  perPage: number;
  total: number;
  /** The server stopped counting at `total` (there are more): pages show "N+" and "next" stays on. */
  capped?: boolean;
  /** Whether a page follows (a cursor list's `nextCursor`); by default, from the count. */
  more?: boolean;
  busy?: boolean;
  onPage: (page: number) => void;
  onPerPage?: (perPage: number) => void;
}) {
  const pages = pageCount(perPage, total);
  return (
    <div className="pagination">
      <span className="range" data-testid="list-range">
        {rangeLabel(page, perPage, total, capped)}
      </span>
      {busy && <Spinner small label={t('common.updating')} />}
      <span className="spacer" />
      {onPerPage && (
        <label className="inline-label">
          {t('list.perPage')}
          <select value={perPage} onChange={(e) => onPerPage(Number(e.target.value))} data-testid="per-page">
            {PER_PAGE_OPTIONS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      )}
      <button
        type="button"
        className="btn btn-small"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
        data-testid="page-prev"
      >
        ‹ {t('list.prev')}
      </button>
      <span className="page-of">
        {formatInt(page)} / {formatInt(pages)}
        {capped ? '+' : ''}
      </span>
      <button
        type="button"
        className="btn btn-small"
        disabled={!(more ?? page < pages)}
        onClick={() => onPage(page + 1)}
        data-testid="page-next"
      >
        {t('list.next')} ›
      </button>
    </div>
  );
}
