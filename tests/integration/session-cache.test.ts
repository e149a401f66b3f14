import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import type { ManualClock } from '../../src-main/clock';
import { AppError } from '../../src-shared/errors';
import { makeApp, setupAdmin } from '../helpers/app';

/**
 * Sessions are cached in memory (no query per request); ending one — logout, deactivation, a
 * password reset or change — must end access on the very next call, cached or not.
 */
let app: App;
let clock: ManualClock;
let adminToken: string;

const as = (token: string) => ({ token, transport: 'http' as const });
const me = (token: string) => app.call('auth.me', {}, as(token));
const refused = async (token: string) => {
  const err = await me(token).catch((e: unknown) => e);
  return err instanceof AppError && err.code === 'UNAUTHENTICATED';
};

async function newUser(username: string) {
  const user = (await app.call(
    'users.create',
    { name: `Pessoa ${username}`, username, role: 'vendedor', password: 'senha-boa-123' },
    as(adminToken),
  )) as { id: number; version: number };
  const login = async () =>
    (
      (await app.call('auth.login', { username, password: 'senha-boa-123' }, { transport: 'http' })) as {
        token: string;
      }
    ).token;
  return { user, login };
}

beforeAll(async () => {
  ({ app, clock } = await makeApp());
  adminToken = await setupAdmin(app);
});
afterAll(async () => {
  await app.close();
});

describe('session cache', () => {
  it('answers from memory, and re-reads the row within 30 s', async () => {
    const { login } = await newUser('cache1');
    const token = await login();
    await me(token);
    // Revoked behind the store's back (no app path does this): the cached session still answers…
    app.database.sqlite
      .prepare(
        "update sessions set revoked_at = 'x' where revoked_at is null and user_id = (select id from users where username = 'cache1')",
      )
      .run();
    expect(await me(token)).toMatchObject({ user: { username: 'cache1' } });
    // …until the cache entry is older than 30 s.
    clock.advance(31_000);
    expect(await refused(token)).toBe(true);
  });

  it('logout ends access at once', async () => {
    const { login } = await newUser('cache2');
    const token = await login();
    await me(token);
    await app.call('auth.logout', {}, as(token));
    expect(await refused(token)).toBe(true);
  });

  it('deactivating a user ends every session of theirs at once', async () => {
    const { user, login } = await newUser('cache3');
    const [a, b] = [await login(), await login()];
    await me(a);
    await me(b);
    await app.call('users.update', { id: user.id, version: user.version, active: false }, as(adminToken));
    expect(await refused(a)).toBe(true);
    expect(await refused(b)).toBe(true);
  });

  it('a password reset by the admin ends the sessions; changing one’s own keeps only the caller’s', async () => {
    const { user, login } = await newUser('cache4');
    const a = await login();
    await me(a);
    await app.call('users.update', { id: user.id, version: user.version, password: 'outra-senha-456' }, as(adminToken));
    expect(await refused(a)).toBe(true);

    const x = (await app.call(
      'auth.login',
      { username: 'cache4', password: 'outra-senha-456' },
      { transport: 'http' },
    )) as {
      token: string;
    };
    const y = (await app.call(
      'auth.login',
      { username: 'cache4', password: 'outra-senha-456' },
      { transport: 'http' },
    )) as {
      token: string;
    };
    await me(x.token);
    await me(y.token);
    await app.call(
      'auth.changePassword',
      { currentPassword: 'outra-senha-456', newPassword: 'terceira-789' },
      as(x.token),
    );
    expect(await me(x.token)).toMatchObject({ user: { username: 'cache4' } });
    expect(await refused(y.token)).toBe(true);
  });

  it('a role change is seen on the next call; idle expiry still applies to a cached session', async () => {
    const { user, login } = await newUser('cache5');
    const token = await login();
    expect(await me(token)).toMatchObject({ user: { role: 'vendedor' } });
    await app.call('users.update', { id: user.id, version: user.version, role: 'producao' }, as(adminToken));
    expect(await me(token)).toMatchObject({ user: { role: 'producao' } });
    clock.advance(9 * 24 * 3600_000);
    expect(await refused(token)).toBe(true);
  });
});
