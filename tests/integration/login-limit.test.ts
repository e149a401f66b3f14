import { describe, expect, it } from 'vitest';
import { createApp } from '../../src-main/app';
import { manualClock } from '../../src-main/clock';
import { cleanUp } from '../../src-main/modules/auth/jobs';
import { AppError } from '../../src-shared/errors';
import { ADMIN, setupAdmin, tempDir } from '../helpers/app';

const login = (app: Awaited<ReturnType<typeof createApp>>, password: string, ip: string, username = ADMIN.username) =>
  app
    .call('auth.login', { username, password }, { transport: 'http', ip })
    .then(() => 200)
    .catch((e: unknown) => (e instanceof AppError ? e.status : 500));

describe('login limiter in the database', () => {
  it('a lock survives a restart, and another address does not get around it', async () => {
    const dir = tempDir('balcao-login-');
    const clock = manualClock('2026-11-24T13:00:00Z');
    let app = await createApp({ dataDir: dir, clock });
    await setupAdmin(app);
    for (let i = 0; i < 5; i++) expect(await login(app, 'senha-errada', '127.0.0.1')).toBe(401);
    expect(await login(app, ADMIN.password, '127.0.0.1')).toBe(429);
    // another loopback address, another LAN address: the username is locked, wherever from
    expect(await login(app, ADMIN.password, '127.0.0.2')).toBe(429);
    expect(await login(app, ADMIN.password, '192.168.0.31')).toBe(429);

    await app.close();
    app = await createApp({ dataDir: dir, clock });
    expect(await login(app, ADMIN.password, '127.0.0.1')).toBe(429);
    const err = await app
      .call('auth.login', { username: 'ana', password: ADMIN.password }, { transport: 'http', ip: '10.0.0.9' })
      .catch((e: unknown) => e as AppError);
    expect(err).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/Muitas tentativas/) });
    expect((err as AppError).retryAfterS).toBeGreaterThan(800);

    clock.advance(15 * 60 * 1000 + 1000);
    expect(await login(app, ADMIN.password, '127.0.0.1')).toBe(200);
    await app.close();
  });

  it('locks again for twice as long (exponential backoff); a success resets it', async () => {
    const dir = tempDir('balcao-login-');
    const clock = manualClock('2026-11-24T13:00:00Z');
    const app = await createApp({ dataDir: dir, clock });
    await setupAdmin(app);
    for (let i = 0; i < 5; i++) await login(app, 'errada-1', '10.0.0.1');
    clock.advance(15 * 60 * 1000 + 1000);
    for (let i = 0; i < 5; i++) expect(await login(app, 'errada-2', `10.0.0.${i + 2}`)).toBe(401);
    const limiter = app.services.loginLimiter;
    const wait = await limiter.retryAfterS('ana', '10.9.9.9');
    expect(wait).toBeGreaterThan(29 * 60);
    expect(wait).toBeLessThanOrEqual(30 * 60);
    clock.advance(30 * 60 * 1000 + 1000);
    expect(await login(app, ADMIN.password, '10.0.0.1')).toBe(200);
    for (let i = 0; i < 5; i++) await login(app, 'errada-3', '10.0.0.1');
    expect(await limiter.retryAfterS('ana', '10.0.0.1')).toBeLessThanOrEqual(15 * 60);
    await app.close();
  });

  it('one address trying many usernames is locked too', async () => {
    const clock = manualClock('2026-11-24T13:00:00Z');
    const app = await createApp({ dataDir: tempDir('balcao-login-'), clock });
    await setupAdmin(app);
    for (let i = 0; i < 20; i++) expect(await login(app, 'x-senha-123', '10.1.1.1', `user${i}`)).toBe(401);
    expect(await login(app, ADMIN.password, '10.1.1.1')).toBe(429);
    expect(await login(app, ADMIN.password, '10.1.1.2')).toBe(200);
    await app.close();
  });

  it('10,000 failures on other usernames do not evict an active lock; housekeeping cleans old rows', async () => {
    const clock = manualClock('2026-11-24T13:00:00Z');
    const app = await createApp({ dataDir: tempDir('balcao-login-'), clock });
    app.database.sqlite.pragma('synchronous = OFF'); // speed only: 10k single-row commits
    await setupAdmin(app);
    for (let i = 0; i < 5; i++) await login(app, 'errada-000', '127.0.0.1');
    const limiter = app.services.loginLimiter;
    for (let i = 0; i < 10_000; i++)
      await limiter.fail(`outro${i}`, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    expect(await login(app, ADMIN.password, '127.0.0.1')).toBe(429);
    expect(await limiter.retryAfterS('ana', '172.16.0.1')).toBeGreaterThan(0);

    clock.advance(2 * 24 * 3600 * 1000);
    const count = (table: string) =>
      (app.database.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    expect(count('login_failures')).toBeGreaterThan(10_000);
    await app.dispatcher.system('limpeza', cleanUp);
    expect(count('login_failures')).toBe(0);
    expect(count('login_locks')).toBe(0);
    expect(await login(app, ADMIN.password, '127.0.0.1')).toBe(200);
    await app.close();
  });

  it("a wrong restore password counts as a failed login: five lock the restore and the admin's login", async () => {
    const clock = manualClock('2026-11-24T13:00:00Z');
    const app = await createApp({ dataDir: tempDir('balcao-login-'), clock });
    const token = await setupAdmin(app);
    const backup = await app.services.backups.start('manual');
    await app.services.backups.idle();
    const restore = (password: string) =>
      app
        .call('backups.restore', { id: backup.id, password }, { transport: 'http', ip: '192.168.0.31', token })
        .then(() => 200)
        .catch((e: unknown) => (e instanceof AppError ? e : (e as Error)));
    for (let i = 0; i < 5; i++) expect(await restore('senha-errada')).toMatchObject({ code: 'VALIDATION' });
    const err = await restore(ADMIN.password);
    expect(err).toMatchObject({
      code: 'RATE_LIMITED',
      status: 429,
      message: expect.stringMatching(/Muitas tentativas/),
    });
    expect((err as AppError).retryAfterS).toBeGreaterThan(800);
    // The username is locked for login too, from any address.
    expect(await login(app, ADMIN.password, '127.0.0.1')).toBe(429);
    expect(await login(app, ADMIN.password, '192.168.0.31')).toBe(429);
    clock.advance(15 * 60 * 1000 + 1000);
    expect(await login(app, ADMIN.password, '127.0.0.1')).toBe(200);
    await app.close();
  });
});
