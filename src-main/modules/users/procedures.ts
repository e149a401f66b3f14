import type { users } from '../../../src-shared/contract/users';
import { AppError } from '../../../src-shared/errors';
import { msg } from '../../../src-shared/i18n';
import { type Implementation, type ProcCtx, prepared, requireUser } from '../../rpc/context';
import { auditUser, hashPassword, insertUser, toUser } from './service';

async function activeAdmins(ctx: ProcCtx, exceptId: number): Promise<number> {
  const row = await ctx.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .where('id', '!=', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const userProcedures = {
  'users.list': async (input, ctx) => {
    let q = ctx.db.selectFrom('users');
    if (input.search) {
      const like = `%${input.search.toLowerCase()}%`;
      q = q.where((eb) => eb.or([eb('username', 'like', like), eb('name', 'like', like)]));
    }
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .orderBy('name')
      .limit(input.perPage)
      .offset((input.page - 1) * input.perPage)
      .execute();
    return { items: rows.map(toUser), total: Number(total.n), page: input.page, perPage: input.perPage };
  },

  'users.create': prepared({
    prepare: (input) => hashPassword(input.password),
    run: async (input, ctx, passwordHash: string) => {
      const taken = await ctx.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', input.username)
        .executeTakeFirst();
      if (taken) {
        throw new AppError('CONFLICT', msg('users.usernameTaken'), {
          fields: { username: msg('users.usernameTakenField') },
        });
      }
      const row = await insertUser(ctx.db, ctx.clock, { ...input, passwordHash });
      await ctx.audit({ action: 'create', entity: 'user', entityId: row.id, after: auditUser(row) });
      return toUser(row);
    },
  }),

  'users.update': prepared({
    prepare: async (input) => (input.password ? hashPassword(input.password) : null),
    run: async (input, ctx, passwordHash: string | null) => {
      const me = requireUser(ctx);
      const before = await ctx.db.selectFrom('users').selectAll().where('id', '=', input.id).executeTakeFirst();
      if (!before) throw new AppError('NOT_FOUND', msg('users.notFound'));
      if (before.version !== input.version) {
        throw new AppError('STALE_VERSION', msg('users.stale'));
      }
      const deactivating = input.active === false && before.active === 1;
      const demoting = input.role !== undefined && input.role !== 'admin' && before.role === 'admin';
      if ((deactivating || demoting) && before.role === 'admin' && (await activeAdmins(ctx, before.id)) === 0) {
        throw new AppError('BUSINESS_RULE', msg('users.lastAdmin'));
      }
      if (deactivating && before.id === me.id) {
        throw new AppError('BUSINESS_RULE', msg('users.deactivateSelf'));
      }
      const row = await ctx.db
        .updateTable('users')
        .set({
          ...(input.name !== undefined && { name: input.name }),
          ...(input.role !== undefined && { role: input.role }),
          ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
          ...(passwordHash && { password_hash: passwordHash }),
          updated_at: ctx.clock.nowIso(),
          version: before.version + 1,
        })
        .where('id', '=', input.id)
        .where('version', '=', input.version)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (deactivating || passwordHash) await ctx.services.sessions.revokeUser(ctx.db, row.id);
      else ctx.services.sessions.forgetUser(row.id);
      await ctx.audit({
        action: passwordHash ? 'update+password' : 'update',
        entity: 'user',
        entityId: row.id,
        before: auditUser(before),
        after: auditUser(row),
      });
      return toUser(row);
    },
  }),
} satisfies Implementation<typeof users>;
