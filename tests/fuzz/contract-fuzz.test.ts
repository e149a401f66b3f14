import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rng } from '../../scripts/seed-data';
import type { App } from '../../src-main/app';
import { contract } from '../../src-shared/contract';
import { AppError } from '../../src-shared/errors';
import { databaseDigest, makeApp, setupAdmin } from '../helpers/app';

/**
 * Random JSON thrown at every procedure as an admin: the answer is a result or an AppError with a
 * 4xx status — never INTERNAL — and a refused call leaves the database exactly as it was.
 */
const r = rng(2026);
const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)] as T;
const STRINGS = [
  '',
  ' ',
  'João',
  '💥',
  '"; drop table customers; --',
  '../../etc/passwd',
  'a'.repeat(5000),
  '2026-02-30',
  '31/12/2026',
  '529.982.247-25',
  '-1',
  '1e309',
  'null',
  'NaN',
  '\u0000',
  'ç'.repeat(300),
];
const NUMBERS = [0, -1, 1, 2 ** 31, 2 ** 53, -(2 ** 53), 1.5, Number.MAX_SAFE_INTEGER, 999_999_999_999];

function value(depth: number): unknown {
  const kind = Math.floor(r() * (depth > 2 ? 5 : 7));
  if (kind === 0) return pick(STRINGS);
  if (kind === 1) return pick(NUMBERS);
  if (kind === 2) return r() < 0.5;
  if (kind === 3) return null;
  if (kind === 4) return undefined;
  if (kind === 5) return Array.from({ length: Math.floor(r() * 4) }, () => value(depth + 1));
  return randomObject(depth + 1);
}

const KEYS = [
  'id',
  'name',
  'version',
  'items',
  'amountCents',
  'customerId',
  'status',
  'page',
  'perPage',
  'search',
  'document',
  'address',
  'count',
  'firstDueDate',
  'paymentMethodId',
  'reason',
  'stage',
  'done',
  'ids',
  'text',
];

function randomObject(depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 5); i > 0; i--) out[pick(KEYS)] = value(depth);
  return out;
}

describe('fuzzing the contract', () => {
  let app: App;
  let token: string;
  beforeAll(async () => {
    ({ app } = await makeApp());
    token = await setupAdmin(app);
  });
  afterAll(() => app.close());

  it.each(Object.keys(contract).filter((n) => n !== 'auth.logout' && n !== 'auth.changePassword'))(
    '%s never fails with 500',
    async (name) => {
      for (let i = 0; i < 25; i++) {
        const input = r() < 0.1 ? value(0) : randomObject(0);
        const before = databaseDigest(app);
        try {
          await app.call(name, input, { token });
        } catch (err) {
          expect(err, `${name} ${JSON.stringify(input)?.slice(0, 200)}`).toBeInstanceOf(AppError);
          const e = err as AppError;
          expect(e.status, `${name} ${JSON.stringify(input)?.slice(0, 200)}: ${e.message}`).toBeLessThan(500);
          expect(databaseDigest(app)).toBe(before);
        }
      }
    },
  );
});
