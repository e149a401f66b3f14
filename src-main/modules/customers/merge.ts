import { sql } from 'kysely';
import type { OutputOf, ParsedInputOf } from '../../../src-shared/contract';
import type { DUPLICATE_REASONS } from '../../../src-shared/contract/customers';
import { AppError } from '../../../src-shared/errors';
import { msg } from '../../../src-shared/i18n';
import type { CustomerRow } from '../../db/schema';
import type { ProcCtx } from '../../rpc/context';
import { stateFact } from '../hooks';
import { addInteraction, getCustomerRow, writeIndex } from './service';

type Reason = (typeof DUPLICATE_REASONS)[number];
type DuplicatesOut = OutputOf<'customers.duplicates'>;

/**
 * Probable duplicates among active customers (merged ones are out): the same document, the same
 * phone (phone or WhatsApp, either way), the same e-mail (any case), or the same name without
 * accents and spaces in the same city. Each query groups in SQL; only the groups' customers are read.
 */
const GROUPS: Record<Reason, string> = {
  document: `select document as key, group_concat(id) as ids from customers
    where active = 1 and merged_into_id is null and document is not null group by document having count(*) > 1`,
  phone: `select v as key, group_concat(distinct id) as ids from (
      select id, phone as v from customers where active = 1 and merged_into_id is null and phone is not null
      union select id, whatsapp from customers where active = 1 and merged_into_id is null and whatsapp is not null)
    group by v having count(distinct id) > 1`,
  email: `select lower(email) as key, group_concat(id) as ids from customers
    where active = 1 and merged_into_id is null and email is not null group by lower(email) having count(*) > 1`,
  name: `select replace(sort_name, ' ', '') || ' · ' || lower(city) as key, group_concat(id) as ids from customers
    where active = 1 and merged_into_id is null and city is not null and trim(city) != ''
    group by replace(sort_name, ' ', ''), lower(city) having count(*) > 1`,
};

export async function findDuplicates(
  ctx: ProcCtx,
  input: ParsedInputOf<'customers.duplicates'>,
): Promise<DuplicatesOut> {
  const reasons = input.reason ? [input.reason] : (Object.keys(GROUPS) as Reason[]);
  const found: Array<{ reason: Reason; key: string; ids: number[] }> = [];
  let truncated = false;
  for (const reason of reasons) {
    const left = input.limit - found.length;
    if (left <= 0) {
      truncated = true;
      break;
    }
    const rows = await sql<{
      key: string;
      ids: string;
    }>`${sql.raw(GROUPS[reason])} order by key limit ${left + 1}`.execute(ctx.db);
    if (rows.rows.length > left) truncated = true;
    for (const r of rows.rows.slice(0, left))
      found.push({
        reason,
        key: r.key,
        ids: r.ids
          .split(',')
          .map(Number)
          .sort((a, b) => a - b),
      });
  }
  const ids = [...new Set(found.flatMap((g) => g.ids))];
  const customers = ids.length ? await ctx.db.selectFrom('customers').selectAll().where('id', 'in', ids).execute() : [];
  const orders = ids.length
    ? await ctx.db
        .selectFrom('orders')
        .select(['customer_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('customer_id', 'in', ids)
        .groupBy('customer_id')
        .execute()
    : [];
  const ordersOf = new Map(orders.map((o) => [o.customer_id, Number(o.n)]));
  const byId = new Map(customers.map((c) => [c.id, c]));
  return {
    truncated,
    groups: found.map((g) => ({
      reason: g.reason,
      key: g.key,
      customers: g.ids.flatMap((id) => {
        const c = byId.get(id);
        if (!c) return [];
        return [
          {
            id: c.id,
            name: c.name,
            kind: c.kind as 'PF' | 'PJ',
            document: c.document,
            phone: c.phone,
            whatsapp: c.whatsapp,
            email: c.email,
            city: c.city,
            state: c.state,
            ordersCount: ordersOf.get(c.id) ?? 0,
            createdAt: c.created_at,
            version: c.version,
          },
        ];
      }),
    })),
  };
}

/** Fields the kept customer takes from the other when it has none of its own. */
const FILLABLE = [
  'document',
  'phone',
  'whatsapp',
  'email',
  'birth_date',
  'cep',
  'street',
  'number',
  'complement',
  'district',
  'city',
  'state',
  'preferences',
  'private_notes',
  'credit_limit_cents',
] as const;

const count = async (ctx: ProcCtx, table: 'orders' | 'payments' | 'installment_plans' | 'installments', id: number) =>
  Number(
    (
      await ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('customer_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );

const snapshot = (row: CustomerRow) => ({ ...row, tags: JSON.parse(row.tags) as string[] });

/**
 * Merges `otherId` into `id`, in the caller's transaction: the customers module moves its own rows
 * (interactions, tags, missing fields, search index) and states `customerMerged`, to which orders
 * and finance answer by moving theirs (orders, payments, crediários, installments). The other
 * customer stays, deactivated, pointing to the kept one (`merged_into_id`). Both timelines say so.
 */
export async function mergeCustomers(
  ctx: ProcCtx,
  input: ParsedInputOf<'customers.merge'>,
): Promise<OutputOf<'customers.merge'>> {
  if (input.id === input.otherId) throw new AppError('BUSINESS_RULE', msg('customers.mergeSame'));
  const kept = await getCustomerRow(ctx.db, input.id);
  const other = await getCustomerRow(ctx.db, input.otherId);
  for (const [row, version] of [
    [kept, input.version],
    [other, input.otherVersion],
  ] as const) {
    if (row.merged_into_id !== null)
      throw new AppError('BUSINESS_RULE', msg('customers.alreadyMerged', { name: row.name, id: row.merged_into_id }));
    if (row.version !== version)
      throw new AppError('STALE_VERSION', msg('customers.stale', { version: row.version, yours: version }));
  }

  const moved = {
    orders: await count(ctx, 'orders', other.id),
    payments: await count(ctx, 'payments', other.id),
    plans: await count(ctx, 'installment_plans', other.id),
    installments: await count(ctx, 'installments', other.id),
    interactions: Number(
      (
        await ctx.db
          .selectFrom('interactions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('customer_id', '=', other.id)
          .executeTakeFirstOrThrow()
      ).n,
    ),
    tags: 0,
  };

  // What the kept one lacks, it takes from the other (the document moves: it is unique).
  const fill: Partial<Pick<CustomerRow, (typeof FILLABLE)[number]>> = {};
  for (const field of FILLABLE)
    if (kept[field] === null && other[field] !== null) Object.assign(fill, { [field]: other[field] });
  const keptTags = JSON.parse(kept.tags) as string[];
  const newTags = (JSON.parse(other.tags) as string[]).filter((t) => !keptTags.includes(t));
  moved.tags = newTags.length;
  const now = ctx.clock.nowIso();

  const otherRow = await ctx.db
    .updateTable('customers')
    .set({
      active: 0,
      merged_into_id: kept.id,
      tags: '[]',
      ...(fill.document !== undefined && { document: null }),
      updated_at: now,
      version: other.version + 1,
    })
    .where('id', '=', other.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const keptRow = await ctx.db
    .updateTable('customers')
    .set({ ...fill, tags: JSON.stringify([...keptTags, ...newTags]), updated_at: now, version: kept.version + 1 })
    .where('id', '=', kept.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.db.updateTable('interactions').set({ customer_id: kept.id }).where('customer_id', '=', other.id).execute();
  await writeIndex(ctx.db, otherRow, true);
  await writeIndex(ctx.db, keptRow, true);

  await stateFact(ctx, 'customerMerged', {
    fromId: other.id,
    intoId: kept.id,
    intoName: keptRow.name,
    intoPhone: keptRow.phone,
    intoCity: keptRow.city,
  });

  // Documents and timelines are in pt-BR (as receipts and WhatsApp texts are).
  const what = [
    `${moved.orders} pedido(s)`,
    `${moved.payments} pagamento(s)`,
    `${moved.plans} crediário(s)`,
    `${moved.interactions} interação(ões)`,
    `${moved.tags} etiqueta(s)`,
  ].join(', ');
  await addInteraction(ctx, {
    customerId: kept.id,
    kind: 'nota',
    notes: `Cadastro unido: ${other.name} (nº ${other.id}) foi unido a este cliente. Vieram ${what}.`,
  });
  await addInteraction(ctx, {
    customerId: other.id,
    kind: 'nota',
    notes: `Este cadastro foi unido a ${kept.name} (nº ${kept.id}) e desativado. Foram ${what}.`,
  });
  await ctx.audit({
    action: 'merge',
    entity: 'customer',
    entityId: kept.id,
    before: { kept: snapshot(kept), other: snapshot(other) },
    after: { kept: snapshot(keptRow), mergedId: other.id, moved },
  });
  ctx.emit({ type: 'customer.updated', id: other.id, version: otherRow.version, by: ctx.user?.id ?? null });
  return { id: keptRow.id, version: keptRow.version, mergedId: other.id, moved };
}
