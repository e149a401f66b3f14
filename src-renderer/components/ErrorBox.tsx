import type { ReactNode } from 'react';
import type { AppError } from '../../src-shared/errors';
import { isRetryable } from '../api/http';
import { t } from '../i18n';

/**
 * An error from the server (already in pt-BR) or the no-connection message, with a retry button
 * only when asking again may help (no connection, 5xx, 429) — never for a 4xx answer.
 */
export function ErrorBox({
  error,
  onRetry,
  testId,
}: {
  error: AppError | null;
  onRetry?: () => void;
  testId?: string;
}) {
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert" data-testid={testId ?? 'error'}>
      <span>{error.message}</span>
      {onRetry && isRetryable(error) && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function Notice({
  children,
  tone = 'info',
  testId,
}: {
  children: ReactNode;
  tone?: 'info' | 'warn' | 'ok';
  testId?: string;
}) {
  return (
    <div className={`alert alert-${tone}`} role="status" data-testid={testId}>
      {children}
    </div>
  );
}
