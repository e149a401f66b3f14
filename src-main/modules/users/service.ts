import bcrypt from 'bcryptjs';
import type { OutputOf } from '../../../src-shared/contract';
import { isLocale } from '../../../src-shared/i18n';
import type { Role } from '../../../src-shared/permissions';
import type { Clock } from '../../clock';
import type { Db } from '../../db/connection';
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

/** Adds an active user (user admin, and the first administrator at setup). */
export async function insertUser(
  db: Db,
  clock: Clock,
  user: { username: string; name: string; role: Role; passwordHash: string },
): Promise<UserRow> {
  const now = clock.nowIso();
  return db
    .insertInto('users')
    .values({
      username: user.username,
      name: user.name,
      role: user.role,
      password_hash: user.passwordHash,
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A user's own password change (sessions are ended by the caller). */
export async function setPassword(db: Db, clock: Clock, userId: number, passwordHash: string): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({ password_hash: passwordHash, updated_at: clock.nowIso(), version: eb('version', '+', 1) }))
    .where('id', '=', userId)
    .execute();
}

/** A user's own language for the server's messages (null: follow the request). */
export async function setUserLocale(db: Db, userId: number, locale: UserRow['locale']): Promise<void> {
  await db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
}
