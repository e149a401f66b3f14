import type { notifications } from '../../../src-shared/contract/notifications';
import { readStored } from '../../../src-shared/i18n';
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
} satisfies Implementation<typeof notifications>;
