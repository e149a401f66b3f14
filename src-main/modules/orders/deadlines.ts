import { sql } from 'kysely';
import type { OutputOf, ParsedInputOf } from '../../../src-shared/contract';
import { DEADLINE_BUCKETS } from '../../../src-shared/contract/orders';
import { addDays } from '../../../src-shared/domain/credit';
import { AppError } from '../../../src-shared/errors';
import { msg } from '../../../src-shared/i18n';
import type { Db } from '../../db/connection';
import type { OrderRow } from '../../db/schema';
import { creditOpenByOrder, paymentState } from '../finance/payments';
import { isOverdue, OPEN_STATUSES } from './queries';

type Bucket = (typeof DEADLINE_BUCKETS)[number];
type Out = OutputOf<'orders.deadlines'>;
type Row = Pick<
  OrderRow,
  | 'id'
  | 'number'
  | 'kind'
  | 'customer_id'
  | 'customer_name'
  | 'customer_phone'
  | 'delivery_date'
  | 'priority'
  | 'status'
  | 'current_stage'
  | 'total_cents'
  | 'paid_cents'
  | 'financed_cents'
>;

/** Each group's delivery dates: [from, to], inclusive (null: unbounded), up to the horizon. */
function ranges(today: string, until: string): Record<Bucket, [string | null, string]> {
  const yesterday = addDays(today, -1);
  const tomorrow = addDays(today, 1);
  const week = addDays(today, 7) < until ? addDays(today, 7) : until;
  return {
    atrasado: [null, yesterday],
    hoje: [today, today],
    amanha: [tomorrow, tomorrow],
    semana: [addDays(today, 2), week],
    depois: [addDays(week, 1), until],
  };
}

const badCursor = () =>
  new AppError('VALIDATION', msg('error.VALIDATION'), {
    fields: { cursor: msg('field.cursorDeadlines') },
  });

type Key = [string, string, number];

const encode = (bucket: Bucket, r: Row): string =>
  Buffer.from(JSON.stringify([bucket, r.delivery_date, r.priority, r.id])).toString('base64url');

function decode(cursor: string, bucket: Bucket): Key {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw badCursor();
  const [b, date, priority, id] = parsed as unknown[];
  if (b !== bucket || typeof date !== 'string' || typeof priority !== 'string' || !Number.isSafeInteger(id))
    throw badCursor();
  return [date, priority, id as number];
}

/**
 * `orders.deadlines`: open orders due until the horizon, in groups (overdue, today, tomorrow, this
 * week, later), each paged by keyset on (delivery date, priority — ALTA first —, id) with its count.
 * Rows are the slim ones the screen shows; counts come from one grouped query on the
 * `orders_status_delivery` index.
 */
export async function listDeadlines(db: Db, input: ParsedInputOf<'orders.deadlines'>, today: string): Promise<Out> {
  const until = addDays(today, input.days);
  const range = ranges(today, until);
  const open = db
    .selectFrom('orders')
    .where('status', 'in', [...OPEN_STATUSES])
    .where('kind', '=', 'pedido')
    .where('delivery_date', '<=', until);
  if (input.cursor && !input.bucket) throw badCursor();
  const asked = input.bucket
    ? [input.bucket]
    : DEADLINE_BUCKETS.filter((b) => range[b][0] === null || range[b][0] <= range[b][1]);

  const grouped = await open
    .select([
      sql<Bucket>`case when delivery_date < ${today} then 'atrasado' when delivery_date = ${today} then 'hoje'
        when delivery_date = ${range.amanha[0]} then 'amanha' when delivery_date <= ${range.semana[1]} then 'semana'
        else 'depois' end`.as('bucket'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .groupBy('bucket')
    .execute();
  const counts = new Map(grouped.map((g) => [g.bucket, Number(g.n)]));

  const rows: Array<{ bucket: Bucket; row: Row }> = [];
  const buckets: Out['buckets'] = [];
  for (const bucket of asked) {
    const count = counts.get(bucket) ?? 0;
    let next: string | null = null;
    if (count > 0) {
      const [from, to] = range[bucket];
      let q = open.where('delivery_date', '<=', to);
      if (from) q = q.where('delivery_date', '>=', from);
      if (input.cursor) {
        const [date, priority, id] = decode(input.cursor, bucket);
        q = q.where(sql<boolean>`(delivery_date, priority, id) > (${date}, ${priority}, ${id})`);
      }
      const page = (await q
        .select([
          'id',
          'number',
          'kind',
          'customer_id',
          'customer_name',
          'customer_phone',
          'delivery_date',
          'priority',
          'status',
          'current_stage',
          'total_cents',
          'paid_cents',
          'financed_cents',
        ])
        .orderBy('delivery_date')
        .orderBy('priority')
        .orderBy('id')
        .limit(input.perBucket + 1)
        .execute()) as Row[];
      const shown = page.slice(0, input.perBucket);
      const last = shown[shown.length - 1];
      if (page.length > input.perBucket && last) next = encode(bucket, last);
      for (const row of shown) rows.push({ bucket, row });
    }
    buckets.push({ bucket, count, nextCursor: next });
  }

  const credit = await creditOpenByOrder(
    db,
    rows.map((r) => r.row),
  );
  return {
    items: rows.map(({ bucket, row }) => ({
      id: row.id,
      number: row.number,
      customerId: row.customer_id,
      customerName: row.customer_name,
      customerPhone: row.customer_phone,
      deliveryDate: row.delivery_date,
      priority: row.priority as 'NORMAL' | 'ALTA',
      status: row.status as (typeof OPEN_STATUSES)[number],
      currentStage: row.current_stage,
      overdue: isOverdue(row, today),
      totalCents: row.total_cents,
      paidCents: row.paid_cents,
      paymentState: paymentState(row, credit.get(row.id) ?? 0),
      bucket,
    })),
    buckets,
    total: [...counts.values()].reduce((a, b) => a + b, 0),
  };
}
