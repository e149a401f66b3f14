import { type ReactNode, useState } from 'react';
import { t } from '../i18n';

/**
 * A list's filters, folded until asked for (the list comes first, on a phone too); the fold shows
 * which filters are on (`active`, one short text each), so a filtered list never looks complete.
 */
export function FilterPanel({
  active,
  title,
  testId = 'filters',
  children,
}: {
  active: readonly string[];
  title?: string;
  testId?: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <details className="filters" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid={testId}>
      <summary>
        {title ?? t('filters.title')}
        {active.length > 0 ? (
          <span className="filter-summary" data-testid={`${testId}-summary`}>
            {active.map((text) => (
              <span key={text} className="chip chip-filter">
                {text}
              </span>
            ))}
          </span>
        ) : (
          <span className="muted small filter-none"> · {t('filters.none')}</span>
        )}
      </summary>
      {children}
    </details>
  );
}
