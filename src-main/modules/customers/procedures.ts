import type { customers, INTERACTION_KINDS } from '../../../src-shared/contract/customers';
import type { Db } from '../../db/connection';
import { previewImport, runImport } from '../../documents/import';
import type { Implementation } from '../../rpc/context';
import { findDuplicates, mergeCustomers } from './merge';
import {
  addInteraction,
  createCustomer,
  getCustomerRow,
  hardDeleteCustomer,
  listCustomers,
  setCustomerActive,
  toCustomer,
  updateCustomer,
} from './service';
import { customerImport, exportCustomers } from './transfer';

type InteractionKind = (typeof INTERACTION_KINDS)[number];

/** Interactions with the name of who recorded them. */
function interactions(db: Db) {
  return db
    .selectFrom('interactions')
    .leftJoin('users', 'users.id', 'interactions.user_id')
    .select([
      'interactions.id',
      'interactions.customer_id as customerId',
      'interactions.kind',
      'interactions.notes',
      'interactions.at',
      'interactions.user_id as byUserId',
      'users.name as byName',
      'interactions.created_at as createdAt',
    ]);
}

const asInteraction = <T extends { kind: string }>(row: T) => ({ ...row, kind: row.kind as InteractionKind });

export const customerProcedures = {
  'customers.list': (input, ctx) => listCustomers(ctx, input),
  'customers.get': async (input, ctx) => toCustomer(await getCustomerRow(ctx.db, input.id)),
  'customers.create': (input, ctx) => createCustomer(ctx, input),
  'customers.update': (input, ctx) => updateCustomer(ctx, input),
  'customers.delete': async (input, ctx) => {
    if (input.hard) {
      await hardDeleteCustomer(ctx, input.id);
      return { id: input.id, version: null, deleted: true };
    }
    const row = await setCustomerActive(ctx, input.id, false);
    return { id: row.id, version: row.version, deleted: false };
  },
  'customers.reactivate': async (input, ctx) => toCustomer(await setCustomerActive(ctx, input.id, true)),
  'customers.tags': async (_input, ctx) => {
    const rows = await ctx.db
      .selectFrom('customer_tags')
      .select(['tag', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('tag')
      .orderBy('tag')
      .execute();
    return { items: rows.map((r) => ({ tag: r.tag, count: Number(r.count) })) };
  },
  'customers.interactions.list': async (input, ctx) => {
    await getCustomerRow(ctx.db, input.id);
    const total = await ctx.db
      .selectFrom('interactions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('customer_id', '=', input.id)
      .executeTakeFirstOrThrow();
    const rows = await interactions(ctx.db)
      .where('interactions.customer_id', '=', input.id)
      .orderBy('interactions.at', 'desc')
      .orderBy('interactions.id', 'desc')
      .limit(input.perPage)
      .offset((input.page - 1) * input.perPage)
      .execute();
    return {
      items: rows.map(asInteraction),
      total: Number(total.n),
      page: input.page,
      perPage: input.perPage,
    };
  },
  'customers.interactions.create': async (input, ctx) => {
    await getCustomerRow(ctx.db, input.id);
    const row = await addInteraction(ctx, { customerId: input.id, kind: input.kind, notes: input.notes, at: input.at });
    await ctx.audit({ action: 'create', entity: 'interaction', entityId: row.id, after: row });
    return asInteraction(await interactions(ctx.db).where('interactions.id', '=', row.id).executeTakeFirstOrThrow());
  },
  'customers.duplicates': (input, ctx) => findDuplicates(ctx, input),
  'customers.merge': (input, ctx) => mergeCustomers(ctx, input),
  'customers.exportCsv': (input, ctx) => exportCustomers(ctx, input, 'csv'),
  'customers.exportXlsx': (input, ctx) => exportCustomers(ctx, input, 'xlsx'),
  'customers.importPreview': (input, ctx) => previewImport(ctx, customerImport, input),
  'customers.import': (input, ctx) => runImport(ctx, customerImport, input),
} satisfies Implementation<typeof customers>;
