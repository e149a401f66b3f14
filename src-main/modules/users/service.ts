import bcrypt from 'bcryptjs';
import type { OutputOf } from '../../../src-shared/contract';
import { isLocale } from '../../../src-shared/i18n';
import type { Role } from '../../../src-shared/permissions';
import type { UserRow } from '../../db/schema';

export const BCRYPT_COST = 10;

export type UserOut = OutputOf<'users.create'>;

export function toUser(row: UserRow): UserOut {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    role: row.role as Role,
    locale: isLocale(row.locale) ? row.locale : null,
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** For audit rows: a user without the password hash. */
export function auditUser(row: UserRow): Omit<UserRow, 'password_hash'> {
  const { password_hash: _, ...rest } = row;
  return rest;
}

export const hashPassword = (password: string): Promise<string> => bcrypt.hash(password, BCRYPT_COST);
export const checkPassword = (password: string, hash: string): Promise<boolean> => bcrypt.compare(password, hash);

/** A hash to compare against when the username does not exist, so both paths take the same time. */
export const DUMMY_HASH = bcrypt.hashSync('balcao-dummy-password', BCRYPT_COST);
