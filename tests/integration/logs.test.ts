import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { type Job, runJob } from '../../src-main/jobs/scheduler';
import { logFiles } from '../../src-main/log/daily-file';
import type { AppError } from '../../src-shared/errors';
import { ADMIN, api, makeApp, setupAdmin, startTestCore, userWithRole } from '../helpers/app';

type Line = Record<string, unknown>;

/** Every line of every log file of an app, after what was written reached the files. */
async function logLines(app: App): Promise<Line[]> {
  await app.services.logs.flush();
  const dir = app.services.logs.dir as string;
  return logFiles(dir)
    .reverse()
    .flatMap((file) => fs.readFileSync(file, 'utf8').split('\n'))
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Line);
}

async function logText(app: App): Promise<string> {
  await app.services.logs.flush();
  const dir = app.services.logs.dir as string;
  return fs
    .readdirSync(dir)
    .map((name) => fs.readFileSync(path.join(dir, name), 'utf8'))
    .join('\n');
}

describe('a failed job is logged and visible', () => {
  let app: App;
  let token: string;
  beforeAll(async () => {
    ({ app } = await makeApp());
    token = await setupAdmin(app);
  });
  afterAll(() => app.close());

  it('records the run, logs it at error level with its cause, notifies the admins and shows on the recent errors', async () => {
    const gerente = await userWithRole(app, 'gerente');
    const failing: Job = {
      name: 'tarefa-quebrada',
      cron: '0 1 * * *',
      run: async (ctx) => {
        await ctx.db
          .insertInto('settings')
          .values({ key: 'meio-feito', value: '1', updated_at: ctx.clock.nowIso() })
          .execute();
        throw new Error('a tarefa não conseguiu terminar', { cause: new Error('disco de rede sumiu') });
      },
    };
    const run = await runJob(app, failing); // never throws: nothing is swallowed, nothing escapes
    expect(run).toMatchObject({ job: 'tarefa-quebrada', outcome: 'error', error: 'a tarefa não conseguiu terminar' });
    expect(run.id).toEqual(expect.any(Number));

    // The job's work was rolled back; the run is recorded.
    expect(await app.db.selectFrom('settings').selectAll().where('key', '=', 'meio-feito').execute()).toEqual([]);
    const rows = await app.db.selectFrom('job_runs').selectAll().where('job', '=', 'tarefa-quebrada').execute();
    expect(rows).toEqual([
      {
        id: run.id,
        job: 'tarefa-quebrada',
        started_at: '2026-11-24T13:00:00.000Z',
        finished_at: '2026-11-24T13:00:00.000Z',
        outcome: 'error',
        error: 'a tarefa não conseguiu terminar',
        items: null,
      },
    ]);

    // Logged: start, then the failure at error level (50) with the real cause and its stack.
    const lines = (await logLines(app)).filter((l) => l.job === 'tarefa-quebrada');
    expect(lines.map((l) => [l.level, l.phase])).toEqual([
      [30, 'start'],
      [50, 'end'],
    ]);
    const err = lines[1]?.err as { message: string; stack: string; type: string };
    expect(err.message).toContain('disco de rede sumiu');
    expect(err.stack).toContain('caused by: Error: disco de rede sumiu');
    expect(lines[1]).toMatchObject({ evt: 'job', outcome: 'error', ms: expect.any(Number) });

    // Admins are told; a gerente is not.
    const notes = (await app.call('notifications.list', { unread: true }, { token })) as {
      items: Array<{ type: string; title: string; body: string; orderId: number | null }>;
    };
    expect(notes.items[0]).toMatchObject({
      type: 'job.failed',
      title: 'A tarefa "tarefa-quebrada" falhou',
      body: 'a tarefa não conseguiu terminar — veja Configurações → Erros recentes.',
      orderId: null,
    });
    const english = (await app.call('notifications.list', {}, { token, locale: 'en' })) as typeof notes;
    expect(english.items[0]?.title).toBe('The job "tarefa-quebrada" failed');
    const theirs = (await app.call('notifications.list', {}, { token: gerente.token })) as typeof notes;
    expect(theirs.items.filter((n) => n.type === 'job.failed')).toEqual([]);

    // Visible to admins through the recent errors, with the last outcome of each job.
    const recent = (await app.call('system.recentErrors', {}, { token })) as {
      items: Array<{ evt: string; job: string | null; error: { message: string; stack: string | null } | null }>;
      jobs: Array<{ job: string; outcome: string; error: string | null }>;
    };
    expect(recent.items[0]).toMatchObject({ evt: 'job', job: 'tarefa-quebrada', level: 'error' });
    expect(recent.items[0]?.error?.message).toContain('disco de rede sumiu');
    expect(recent.items[0]?.error?.stack).toContain('at ');
    expect(recent.jobs).toContainEqual(
      expect.objectContaining({ job: 'tarefa-quebrada', outcome: 'error', error: 'a tarefa não conseguiu terminar' }),
    );
    await expect(app.call('system.recentErrors', {}, { token: gerente.token })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    } satisfies Partial<AppError>);
  });

  it('a job that works is recorded with its items, and its last run replaces the failure as the outcome', async () => {
    const fixed: Job = { name: 'tarefa-quebrada', cron: '0 1 * * *', run: async () => ({ a: 2, b: 3 }) };
    const run = await runJob(app, fixed);
    expect(run).toMatchObject({ outcome: 'ok', items: 5, error: null });
    const recent = (await app.call('system.recentErrors', { limit: 5 }, { token })) as {
      jobs: Array<{ job: string; outcome: string; items: number | null }>;
    };
    expect(recent.jobs).toContainEqual({
      job: 'tarefa-quebrada',
      outcome: 'ok',
      items: 5,
      error: null,
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
    });
    const end = (await logLines(app)).filter((l) => l.job === 'tarefa-quebrada' && l.phase === 'end').at(-1);
    expect(end).toMatchObject({ level: 30, outcome: 'ok', items: 5 });
  });
});

describe('call log lines', () => {
  let core: Awaited<ReturnType<typeof startTestCore>>;
  let token: string;
  beforeAll(async () => {
    core = await startTestCore();
    token = await setupAdmin(core.app);
  });
  afterAll(() => core.stop());

  it('an HTTP call: request id (sent back as X-Request-Id), user, procedure, duration, status, transport', async () => {
    const res = await api(core.url, token)('POST', '/api/customers', { name: 'Cliente do Log' });
    expect(res.status).toBe(201);
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const line = (await logLines(core.app)).find((l) => l.reqId === requestId);
    expect(line).toMatchObject({
      level: 30,
      evt: 'call',
      transport: 'http',
      proc: 'customers.create',
      userId: 1,
      outcome: 'ok',
      status: 201,
      ms: expect.any(Number),
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    // Each request its own id; a client's own X-Request-Id is not taken.
    const again = await api(core.url, token)('GET', '/api/customers', undefined, { 'x-request-id': 'escolhido' });
    expect(again.headers.get('x-request-id')).not.toBe('escolhido');
    expect(again.headers.get('x-request-id')).not.toBe(requestId);
  });

  it('a refused call is info with its code; a failure of ours is error with the real cause', async () => {
    const vendedor = await userWithRole(core.app, 'vendedor');
    const refused = await api(core.url, vendedor.token)('GET', '/api/users');
    expect(refused.status).toBe(403);
    const product = (await core.app.call(
      'products.create',
      { name: 'Banner', productionType: 'lona', unit: 'un', priceCents: 1000 },
      { transport: 'direct', token },
    )) as { id: number };
    const stop = core.app.hooks.on('orderCreated', () => {
      throw new TypeError('assinante com defeito');
    });
    const failed = await api(core.url, token)('POST', '/api/orders', {
      customerId: 1,
      deliveryDate: core.app.clock.today(),
      items: [{ productId: product.id, description: 'Banner', quantity: 1 }],
    });
    stop();
    expect(failed.status, JSON.stringify(failed.body)).toBe(500);
    expect(failed.body.error.message).not.toContain('assinante'); // the cause stays in the log
    const lines = await logLines(core.app);
    expect(lines.find((l) => l.reqId === refused.headers.get('x-request-id'))).toMatchObject({
      level: 30,
      proc: 'users.list',
      userId: vendedor.id,
      outcome: 'FORBIDDEN',
      status: 403,
    });
    const line = lines.find((l) => l.reqId === failed.headers.get('x-request-id'));
    expect(line).toMatchObject({ level: 50, proc: 'orders.create', outcome: 'INTERNAL', status: 500 });
    const err = line?.err as { type: string; stack: string } | undefined;
    expect(err?.type).toBe('TypeError');
    expect(err?.stack).toContain('assinante com defeito');
  });

  it('direct calls get a request id too', async () => {
    await core.app.call('customers.list', {}, { transport: 'direct', token });
    const line = (await logLines(core.app))
      .filter((l) => l.proc === 'customers.list' && l.transport === 'direct')
      .at(-1);
    expect(line?.reqId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('secrets never reach a log', () => {
  it('a setup, a login, a password change and a signed link leave no password, token or signature in the files', async () => {
    const core = await startTestCore();
    try {
      const http = api(core.url);
      const setup = await http('POST', '/api/setup', { companyName: 'Gráfica Segredo', admin: ADMIN });
      expect(setup.status).toBe(201);
      const login = await http('POST', '/api/auth/login', { username: ADMIN.username, password: ADMIN.password });
      expect(login.status).toBe(200);
      const token = login.body.token as string;
      const wrong = await http('POST', '/api/auth/login', { username: ADMIN.username, password: 'senha-errada-999' });
      expect(wrong.status).toBe(401);
      const newPassword = 'outra-senha-secreta-456';
      const changed = await api(core.url, token)('POST', '/api/auth/password', {
        currentPassword: ADMIN.password,
        newPassword,
      });
      expect(changed.status).toBe(200);
      const again = await http('POST', '/api/auth/login', { username: ADMIN.username, password: newPassword });
      const token2 = again.body.token as string;
      const link = await api(core.url, token2)('GET', '/api/files/link?path=/api/payments/export.csv');
      expect(link.status).toBe(200);
      const sig = new URL(link.body.url, core.url).searchParams.get('sig') as string;
      expect(sig.length).toBeGreaterThan(10);
      const file = await fetch(`${core.url}${link.body.url}`, { headers: { cookie: 'sessao=biscoito-secreto' } });
      expect(file.status).toBe(200);
      // A failure outside the dispatcher (a signed link gone wrong) is logged without its query.
      await fetch(`${core.url}/api/payments/export.csv?u=1&exp=1&sig=${sig}x`);
      // And if code ever logs such things, the logger's redaction blanks them.
      core.app.services.log.error(
        {
          input: { admin: { password: ADMIN.password } },
          headers: { authorization: `Bearer ${token2}`, cookie: 'sessao=biscoito-secreto' },
          smtp: { password: 'smtp-senha-secreta' },
          token: token2,
          sig,
        },
        'redaction check',
      );
      const text = await logText(core.app);
      expect(text).toContain('redaction check');
      expect(text).toContain('"password":"[redacted]"');
      expect(text).toContain('auth.login');
      expect(text).toContain('auth.changePassword');
      for (const secret of [
        ADMIN.password,
        newPassword,
        'senha-errada-999',
        token,
        token2,
        sig,
        'biscoito-secreto',
        'smtp-senha-secreta',
      ]) {
        expect(text, secret).not.toContain(secret);
      }
    } finally {
      await core.stop();
    }
  });
});
