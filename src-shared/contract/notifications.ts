import { z } from 'zod';
import { Id, Instant, ListOf, PageInput, QueryBool } from './common';
import { procedure } from './procedure';

export const Notification = z.object({
  id: z.number().int(),
  type: z.enum([
    'order.created',
    'order.ready',
    'order.overdue',
    'job.failed',
    'backup.failed',
    'database.checkFailed',
    'disk.low',
    'quote.expiring',
  ]),
  title: z.string(),
  body: z.string(),
  orderId: z.number().int().nullable(),
  createdAt: Instant,
  readAt: Instant.nullable(),
});

export const notifications = {
  'notifications.list': procedure({
    http: 'GET /api/notifications',
    permission: 'authenticated',
    summary:
      'Minhas notificações (pedido novo, pronto, atrasado; tarefa que falhou, para administradores), mais recentes primeiro.',
    input: z.strictObject({ ...PageInput, unread: QueryBool.optional() }),
    output: ListOf(Notification).extend({ unread: z.number().int() }),
  }),
  'notifications.markRead': procedure({
    http: 'POST /api/notifications/read',
    permission: 'authenticated',
    summary: 'Marca notificações como lidas (todas, se `ids` não vier).',
    input: z.strictObject({ ids: z.array(Id).max(500).optional() }),
    output: z.object({ updated: z.number().int() }),
  }),
};
