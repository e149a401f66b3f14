import type { AppError, FieldErrors } from '../../src-shared/errors';

/** What a failed save shows: errors next to the fields, and whether the banner shows the error too. */
export interface ServerErrorOutcome {
  fields: FieldErrors;
  general: boolean;
}

/**
 * For forms whose mapping splits the server's `fields` into ones it shows (`fields`) and the rest
 * (`other`). No `fields` in the answer: null (just the banner, field errors untouched). The banner also
 * shows when some field could not be placed, none could, or the error is not a plain VALIDATION.
 */
export function mappedFieldsOutcome(
  error: AppError,
  map: (fields: FieldErrors) => { fields: FieldErrors; other: readonly string[] },
): ServerErrorOutcome | null {
  if (!error.fields) return null;
  const mapped = map(error.fields);
  const general = mapped.other.length > 0 || Object.keys(mapped.fields).length === 0 || error.code !== 'VALIDATION';
  return { fields: mapped.fields, general };
}

/**
 * For forms that show only the server fields they have (`known`), as named: the rest are dropped, and
 * the banner shows when any was dropped or none is left.
 */
export function knownFieldsOutcome(error: AppError, known: readonly string[]): ServerErrorOutcome {
  const all = Object.entries(error.fields ?? {});
  const fields: FieldErrors = Object.fromEntries(all.filter(([k]) => known.includes(k)));
  const kept = Object.keys(fields).length;
  return { fields, general: kept === 0 || kept < all.length };
}

/** Someone else saved: the server's version (live updates) is not the one this form expects. */
export function remoteChanged(editing: boolean, latestVersion: number | undefined, expectedVersion: number): boolean {
  return editing && latestVersion !== undefined && latestVersion !== expectedVersion;
}
