import { sql } from 'kysely';
import type { audit as auditContract, auth, systemLogs } from '../../../src-shared/contract/auth';
import { AppError } from '../../../src-shared/errors';
import { msg } from '../../../src-shared/i18n';
import { can, PERMISSIONS, type Permission, type Role } from '../../../src-shared/permissions';
import { isLoopback } from '../../http/hosts';
import { type Implementation, type ProcCtx, prepared, requireUser } from '../../rpc/context';
import { getCompanyProfile, updateCompanyProfile } from '../settings/company';
import {
  auditUser,
  checkPassword,
  DUMMY_HASH,
  hashPassword,
  insertUser,
  setPassword,
  setUserLocale,
  toUser,
} from '../users/service';
import { fileRoutePermission } from './file-links';
import { rateLimited } from './rate-limit';

const permissionsOf = (role: Role): Permission[] =>
  (Object.keys(PERMISSIONS) as Permission[]).filter((p) => (PERMISSIONS[p] as readonly Role[]).includes(role));

async function userById(ctx: ProcCtx, id: number) {
  const row = await ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', msg('users.notFound'));
  return row;
}

export const authProcedures = {
  'system.health': async (_input, ctx) => {
    let db: 'ok' | 'error' = 'ok';
    try {
      await sql`select 1`.execute(ctx.db);
    } catch {
      db = 'error';
    }
    const storage = await ctx.services.storage.status();
    return {
      status: db === 'ok' && !storage.full ? 'ok' : 'degraded',
      version: ctx.services.version,
      db,
      uptimeS: Math.floor((Date.now() - ctx.services.startedAt) / 1000),
      disk: storage.full ? 'full' : 'ok',
      freeBytes: storage.freeBytes === null ? null : Math.floor(storage.freeBytes),
    };
  },

  'setup.status': async (_input, ctx) => {
    const any = await ctx.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
    const company = any ? await getCompanyProfile(ctx.db) : null;
    return { needed: !any, companyName: company?.name ?? null };
  },

  'setup.run': prepared({
    prepare: (input, ctx) => {
      // The first administrator is created at the main computer itself, not by whoever on the
      // network reaches a fresh install first.
      if (ctx.call.transport === 'http' && !isLoopback(ctx.call.ip))
        throw new AppError('FORBIDDEN', msg('error.setupLocalOnly'));
      return hashPassword(input.admin.password);
    },
    run: async (input, ctx, passwordHash: string) => {
      const any = await ctx.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
      if (any) throw new AppError('CONFLICT', msg('auth.setupDone'));
      await updateCompanyProfile(ctx.db, ctx.clock, { ...input.company, name: input.companyName });
      const row = await insertUser(ctx.db, ctx.clock, { ...input.admin, role: 'admin', passwordHash });
      await ctx.audit({ action: 'setup', entity: 'user', entityId: row.id, after: auditUser(row) });
      const session = await ctx.services.sessions.create(ctx.db, row.id, ctx.call);
      return { ...session, user: toUser(row) };
    },
  }),

  'auth.login': prepared({
    prepare: async (input, ctx) => {
      const ip = ctx.call.ip ?? ctx.call.transport;
      const limiter = ctx.services.loginLimiter;
      const wait = await limiter.retryAfterS(input.username, ip);
      if (wait > 0) throw rateLimited(wait);
      const row = await ctx.db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', input.username)
        .executeTakeFirst();
      const ok = await checkPassword(input.password, row?.password_hash ?? DUMMY_HASH);
      if (!row || !ok || row.active !== 1) {
        // Recording the failure is best effort: a full disk must not turn a wrong password into 507.
        await limiter.fail(input.username, ip).catch(() => undefined);
        throw new AppError('UNAUTHENTICATED', msg('auth.badCredentials'));
      }
      await limiter.succeed(input.username, ip).catch(() => undefined);
      return row.id;
    },
    run: async (_input, ctx, userId: number) => {
      const row = await userById(ctx, userId);
      const session = await ctx.services.sessions.create(ctx.db, row.id, ctx.call);
      await ctx.audit({ action: 'login', entity: 'user', entityId: row.id });
      return { ...session, user: toUser(row) };
    },
  }),

  'auth.logout': async (_input, ctx) => {
    if (ctx.sessionId !== null) await ctx.services.sessions.revoke(ctx.db, ctx.sessionId);
    return { ok: true as const };
  },

  'auth.me': async (_input, ctx) => {
    const user = requireUser(ctx);
    const row = await userById(ctx, user.id);
    const company = await getCompanyProfile(ctx.db);
    return { user: toUser(row), companyName: company.name, permissions: permissionsOf(user.role) };
  },

  'auth.setLocale': async (input, ctx) => {
    const user = requireUser(ctx);
    const before = await userById(ctx, user.id);
    await setUserLocale(ctx.db, user.id, input.locale);
    ctx.services.sessions.forgetUser(user.id);
    await ctx.audit({
      action: 'locale',
      entity: 'user',
      entityId: user.id,
      before: { locale: before.locale },
      after: { locale: input.locale },
    });
    return toUser({ ...before, locale: input.locale });
  },

  'auth.changePassword': prepared({
    prepare: async (input, ctx) => {
      const user = requireUser(ctx);
      const row = await userById(ctx, user.id);
      if (!(await checkPassword(input.currentPassword, row.password_hash))) {
        throw new AppError('VALIDATION', msg('error.VALIDATION'), {
          fields: { currentPassword: msg('auth.wrongPassword') },
        });
      }
      return hashPassword(input.newPassword);
    },
    run: async (_input, ctx, passwordHash: string) => {
      const user = requireUser(ctx);
      await setPassword(ctx.db, ctx.clock, user.id, passwordHash);
      await ctx.services.sessions.revokeUser(ctx.db, user.id, ctx.sessionId);
      await ctx.audit({ action: 'password', entity: 'user', entityId: user.id });
      return { ok: true as const };
    },
  }),

  'files.link': async (input, ctx) => {
    const user = requireUser(ctx);
    const permission = fileRoutePermission(input.path.split('?')[0] ?? '');
    if (!permission) throw new AppError('NOT_FOUND', msg('files.notFound'));
    if (!can(user.role, permission)) throw new AppError('FORBIDDEN', msg('error.FORBIDDEN'));
    return ctx.services.fileLinks.sign(input.path, user.id);
  },
} satisfies Implementation<typeof auth>;

export const auditProcedures = {
  'audit.list': async (input, ctx) => {
    let q = ctx.db.selectFrom('audit_log').leftJoin('users', 'users.id', 'audit_log.user_id');
    if (input.entity) q = q.where('audit_log.entity', '=', input.entity);
    if (input.entityId) q = q.where('audit_log.entity_id', '=', input.entityId);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .select([
        'audit_log.id',
        'audit_log.at',
        'audit_log.user_id',
        'users.name as userName',
        'audit_log.action',
        'audit_log.entity',
        'audit_log.entity_id',
        'audit_log.before',
        'audit_log.after',
      ])
      .orderBy('audit_log.id', 'desc')
      .limit(input.perPage)
      .offset((input.page - 1) * input.perPage)
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        at: r.at,
        userId: r.user_id,
        userName: r.userName,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        before: r.before ? JSON.parse(r.before) : null,
        after: r.after ? JSON.parse(r.after) : null,
      })),
      total: Number(total.n),
      page: input.page,
      perPage: input.perPage,
    };
  },
} satisfies Implementation<typeof auditContract>;

export const logProcedures = {
  /**
   * The newest error lines of the log files (read from their ends, never whole; `log/tail.ts`) and
   * the last run of each scheduled job (`job_runs`, written by the scheduler).
   */
  'system.recentErrors': async (input, ctx) => {
    const items = await ctx.services.logs.recentErrors(input.limit);
    const jobs = await ctx.db
      .selectFrom('job_runs')
      .selectAll()
      .where('id', 'in', (q) =>
        q
          .selectFrom('job_runs')
          .select((eb) => eb.fn.max('id').as('id'))
          .groupBy('job'),
      )
      .orderBy('job')
      .execute();
    return {
      items,
      jobs: jobs.map((r) => ({
        job: r.job,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        outcome: r.outcome,
        error: r.error,
        items: r.items,
      })),
    };
  },
} satisfies Implementation<typeof systemLogs>;
