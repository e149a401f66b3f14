import { z } from 'zod';
import { Id, Instant, ListOf, PageInput, QueryBool, Text } from './common';
import { procedure } from './procedure';

export const Notification = z.object({
  id: z.number().int(),
  type: z.enum(['order.created', 'order.ready', 'order.overdue']),
  title: z.string(),
  body: z.string(),
  orderId: z.number().int().nullable(),
  createdAt: Instant,
  readAt: Instant.nullable(),
});

export const SavedView = z.object({
  id: z.number().int(),
  name: z.string(),
  filters: z.record(z.string(), z.unknown()),
  createdAt: Instant,
});

export const notifications = {
  'notifications.list': procedure({
    http: 'GET /api/notifications',
    permission: 'authenticated',
    summary: 'Minhas notificações (pedido novo, pronto, atrasado), mais recentes primeiro.',
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
  'views.list': procedure({
    http: 'GET /api/views',
    permission: 'authenticated',
    summary: 'Minhas visões salvas da lista de pedidos.',
    input: z.strictObject({}),
    output: z.object({ items: z.array(SavedView) }),
  }),
  'views.create': procedure({
    http: 'POST /api/views',
    permission: 'authenticated',
    summary: 'Salva os filtros atuais da lista de pedidos com um nome.',
    status: 201,
    input: z.strictObject({ name: Text(60), filters: z.record(z.string(), z.unknown()) }),
    output: SavedView,
  }),
  'views.delete': procedure({
    http: 'DELETE /api/views/:id',
    permission: 'authenticated',
    summary: 'Apaga uma visão salva.',
    input: z.strictObject({ id: Id }),
    output: z.object({ id: z.number().int(), deleted: z.literal(true) }),
  }),
};
