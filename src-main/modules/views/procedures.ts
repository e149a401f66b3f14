import type { views } from '../../../src-shared/contract/views';
import { AppError } from '../../../src-shared/errors';
import { msg } from '../../../src-shared/i18n';
import { type Implementation, requireUser } from '../../rpc/context';

export const viewProcedures = {
  'views.list': async (_input, ctx) => {
    const user = requireUser(ctx);
    const rows = await ctx.db
      .selectFrom('saved_views')
      .selectAll()
      .where('user_id', '=', user.id)
      .orderBy('name')
      .execute();
    return {
      items: rows.map((r) => ({ id: r.id, name: r.name, filters: JSON.parse(r.filters), createdAt: r.created_at })),
    };
  },
  'views.create': async (input, ctx) => {
    const user = requireUser(ctx);
    const json = JSON.stringify(input.filters);
    if (json.length > 4000)
      throw new AppError('VALIDATION', msg('views.filtersTooLarge'), {
        fields: { filters: msg('field.tooLarge') },
      });
    const now = ctx.clock.nowIso();
    const row = await ctx.db
      .insertInto('saved_views')
      .values({ user_id: user.id, name: input.name, filters: json, created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { id: row.id, name: row.name, filters: input.filters, createdAt: row.created_at };
  },
  'views.delete': async (input, ctx) => {
    const user = requireUser(ctx);
    const res = await ctx.db
      .deleteFrom('saved_views')
      .where('id', '=', input.id)
      .where('user_id', '=', user.id)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) throw new AppError('NOT_FOUND', msg('views.notFound'));
    return { id: input.id, deleted: true as const };
  },
} satisfies Implementation<typeof views>;
