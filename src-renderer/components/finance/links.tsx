import type { ReactNode } from 'react';
import { useCall } from '../../api/hooks';
import { documentTarget } from '../../lib/finance';

type Params = Record<string, string | number | boolean | null | undefined>;

/** Links live at least 10 minutes; they are renewed well before that. */
const LINK_FRESH_MS = 4 * 60_000;

/**
 * A short-lived signed link (`?u=…&exp=…&sig=…`, from `files.link`) to a file route: PDF, CSV or
 * image. No session token ever goes in a URL (history, logs, the system browser). Null while it loads.
 */
export function useFileLink(target: string | null): string | null {
  const link = useCall(
    'files.link',
    { path: target ?? '' },
    { enabled: target !== null && target !== '', staleTimeMs: LINK_FRESH_MS, refetchIntervalMs: LINK_FRESH_MS },
  );
  return target ? (link.data?.url ?? null) : null;
}

/** "Imprimir recibo", "Carnê", "Exportar CSV": opens the document in a new tab (the system browser in the desktop app). */
export function DocLink({
  path,
  params,
  children,
  testId,
  className,
  title,
}: {
  path: string;
  params?: Params;
  children: ReactNode;
  testId?: string;
  className?: string;
  title?: string;
}) {
  const url = useFileLink(documentTarget(path, params));
  if (!url) return null;
  return (
    <a
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      className={className ?? 'btn btn-small'}
      data-testid={testId}
      title={title}
    >
      {children}
    </a>
  );
}
