import { AppError } from '../../src-shared/errors';
import { msg } from '../../src-shared/i18n';

/** The error codes of an error and of its causes (SQLite's `SQLITE_…`, Node's `ENOSPC`, …). */
export function errorCodes(err: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/** The disk (or SQLite's size limit) refused a write. */
export function isStorageFull(err: unknown): boolean {
  return errorCodes(err).some((c) => c === 'SQLITE_FULL' || c === 'ENOSPC' || c === 'EDQUOT');
}

/**
 * Errors that are not bugs but answers: a full disk (507) and SQLite constraints — a row still in
 * use (foreign key) or a duplicate (unique) is 409, a value outside a CHECK is 422. Null for
 * anything else (a bug: 500).
 */
export function knownError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (isStorageFull(err)) return new AppError('STORAGE_FULL', msg('error.STORAGE_FULL'));
  for (const code of errorCodes(err)) {
    if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === 'SQLITE_CONSTRAINT_TRIGGER')
      return new AppError('CONFLICT', msg('error.conflictInUse'));
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
      return new AppError('CONFLICT', msg('error.conflictDuplicate'));
    if (code === 'SQLITE_CONSTRAINT_CHECK' || code === 'SQLITE_CONSTRAINT_NOTNULL' || code === 'SQLITE_CONSTRAINT')
      return new AppError('BUSINESS_RULE', msg('error.inconsistent'));
  }
  return null;
}
