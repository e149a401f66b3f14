import { z } from 'zod';
import { Id, Instant, Text } from './common';
import { procedure } from './procedure';

export const SavedView = z.object({
  id: z.number().int(),
  name: z.string(),
  filters: z.record(z.string(), z.unknown()),
  createdAt: Instant,
});

/** Saved views of the orders list, one set per user. */
export const views = {
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
