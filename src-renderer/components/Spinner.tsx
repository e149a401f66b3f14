import { t } from '../i18n';

export function Spinner({ label, small }: { label?: string; small?: boolean }) {
  return (
    <span
      className={small ? 'spinner spinner-small' : 'spinner'}
      role="status"
      aria-label={label ?? t('common.loading')}
    />
  );
}

/** A whole area waiting for data. */
export function Loading({ label }: { label?: string }) {
  return (
    <div className="loading" data-testid="loading">
      <Spinner />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

/** Placeholder rows while a table loads for the first time. */
export function SkeletonRows({ rows, cols }: { rows: number; cols: number }) {
  const cells = Array.from({ length: cols }, (_, i) => `c${i}`);
  return (
    <>
      {Array.from({ length: rows }, (_, r) => `r${r}`).map((rowKey) => (
        <tr key={rowKey} className="skeleton-row">
          {cells.map((cellKey) => (
            <td key={cellKey}>
              <span className="skeleton" />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}
