import type { Procedure } from '../../src-shared/contract/procedure';
import {
  forbiddenInputField,
  type Grants,
  hideOutsideScope,
  hideRestricted,
  type OwnKeys,
  type RowScope,
  scopedRowKeys,
} from '../../src-shared/contract/visibility';
import { AppError } from '../../src-shared/errors';
import { msg } from '../../src-shared/i18n';
import { can, type Role } from '../../src-shared/permissions';
import type { Db } from '../db/connection';
import type { AuthUser } from './context';

/** What a user (or nobody, on a public call without a session) holds. */
export function grantsOf(role: Role | null): Grants {
  return (permission) => role !== null && can(role, permission);
}

/**
 * Refuses a request that sets an input field the user may not write (403 naming the field), or
 * chooses a value of a field they may not choose (400 on the field, e.g. sorting by money), before
 * anything else reads the input. Create and update alike: the rule is on the contract's field.
 */
export function assertWritable(proc: Procedure, rawInput: unknown, role: Role | null): void {
  const field = forbiddenInputField(proc.input, rawInput, grantsOf(role));
  if (!field) return;
  if (field.kind === 'value') {
    const message = msg('error.valueForbidden', { what: field.label });
    throw new AppError('VALIDATION', msg('error.VALIDATION'), { fields: { [field.path]: message } });
  }
  const message = msg('error.fieldForbidden', { field: field.label });
  throw new AppError('FORBIDDEN', message, { fields: { [field.path]: message } });
}

/** Drops, from a validated output, every field the user may not see (objects, arrays, nested objects). */
export function visibleOutput<T>(proc: Procedure, output: T, role: Role | null): T {
  return hideRestricted(proc.output, output, grantsOf(role));
}

/**
 * A row scope's answers, registered by the module that owns its rows (see `ROW_SCOPES`). Each
 * answers in one query, whatever the number of keys.
 */
export interface RowScopeResolver {
  /** Which of these keys (e.g. customer ids) are the user's own. */
  own(ctx: { db: Db; user: AuthUser }, keys: readonly number[]): Promise<ReadonlySet<number>>;
  /** For each key, the users whose own it is: who, without the scope's bypass, hears an event about it. */
  owners(db: Db, keys: readonly number[]): Promise<ReadonlyMap<number, readonly number[]>>;
}

export type RowScopeResolvers = Record<RowScope, RowScopeResolver>;

/**
 * Row-level visibility, after `visibleOutput`: rows of a scope (`scopedRow`) that are not the user's
 * own lose the scope's hidden fields. Asks each scope's resolver once, and only when the output has
 * such rows and the user neither sees every row whole nor lacks the hidden fields already.
 */
export async function scopeRows<T>(
  proc: Procedure,
  output: T,
  user: AuthUser | null,
  db: Db,
  resolvers: RowScopeResolvers,
): Promise<T> {
  const grants = grantsOf(user?.role ?? null);
  const keys = scopedRowKeys(proc.output, output, grants);
  if (keys.size === 0) return output;
  const own: OwnKeys = {};
  if (user) for (const [scope, set] of keys) own[scope] = await resolvers[scope].own({ db, user }, [...set]);
  return hideOutsideScope(proc.output, output, grants, own);
}
