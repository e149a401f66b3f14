import type { Procedure } from '../../src-shared/contract/procedure';
import { forbiddenInputField, type Grants, hideRestricted } from '../../src-shared/contract/visibility';
import { AppError } from '../../src-shared/errors';
import { msg } from '../../src-shared/i18n';
import { can, type Role } from '../../src-shared/permissions';

/** What a user (or nobody, on a public call without a session) holds. */
export function grantsOf(role: Role | null): Grants {
  return (permission) => role !== null && can(role, permission);
}

/**
 * Refuses a request that sets an input field the user may not write (403 naming the field), before
 * anything else reads the input. Create and update alike: the rule is on the contract's field.
 */
export function assertWritable(proc: Procedure, rawInput: unknown, role: Role | null): void {
  const field = forbiddenInputField(proc.input, rawInput, grantsOf(role));
  if (!field) return;
  const message = msg('error.fieldForbidden', { field: field.label });
  throw new AppError('FORBIDDEN', message, { fields: { [field.path]: message } });
}

/** Drops, from a validated output, every field the user may not see (objects, arrays, nested objects). */
export function visibleOutput<T>(proc: Procedure, output: T, role: Role | null): T {
  return hideRestricted(proc.output, output, grantsOf(role));
}
