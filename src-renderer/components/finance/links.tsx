import { type ReactNode, useCallback, useSyncExternalStore } from 'react';
import { getClient } from '../../api/client';
import { documentUrl } from '../../lib/finance';

type Params = Record<string, string | number | boolean | null | undefined>;

/**
 * Builds links to the PDF and CSV routes with the session token. In a LAN browser they open in a
 * new tab; in the desktop app main hands them to the system browser through the core's server.
 */
export function useDocumentUrl(): (path: string, params?: Params) => string | null {
  const client = getClient();
  const tokens = client.tokens;
  const { token } = useSyncExternalStore(tokens.subscribe, tokens.state, tokens.state);
  return useCallback((path, params = {}) => documentUrl(path, params, { kind: client.kind, token }), [client, token]);
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
  const url = useDocumentUrl()(path, params);
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
