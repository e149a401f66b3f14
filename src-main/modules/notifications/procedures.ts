import type { notifications } from '../../../src-shared/contract/notifications';
import { AppError } from '../../../src-shared/errors';
import { msg, readStored } from '../../../src-shared/i18n';
import { type Implementation, requireUser } from '../../rpc/context';

export const notificationProcedures = {
  'notifications.list': async (input, ctx) => {
    const user = requireUser(ctx);
    let q = ctx.db.selectFrom('notifications').where('user_id', '=', user.id);
    if (input.unread) q = q.where('read_at', 'is', null);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const unread = await ctx.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', user.id)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .orderBy('id', 'desc')
      .limit(input.perPage)
      .offset((input.page - 1) * input.perPage)
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        type: r.type as 'order.created',
        title: readStored(r.title, ctx.locale),
        body: readStored(r.body, ctx.locale),
        orderId: r.order_id,
        createdAt: r.created_at,
        readAt: r.read_at,
      })),
      total: Number(total.n),
      unread: Number(unread.n),
      page: input.page,
      perPage: input.perPage,
    };
  },
  'notifications.markRead': async (input, ctx) => {
    const user = requireUser(ctx);
    let q = ctx.db
      .updateTable('notifications')
      .set({ read_at: ctx.clock.nowIso() })
      .where('user_id', '=', user.id)
      .where('read_at', 'is', null);
    if (input.ids) q = q.where('id', 'in', input.ids.length ? input.ids : [-1]);
    const res = await q.executeTakeFirst();
    return { updated: Number(res.numUpdatedRows) };
  },
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
} satisfies Implementation<typeof notifications>;
