import { type Expression, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { OutputOf, ParsedInputOf } from '../../../src-shared/contract';
import type { ORDER_STATUSES } from '../../../src-shared/contract/orders';
import { areaM2 } from '../../../src-shared/domain/pricing';
import type { Db } from '../../db/connection';
import type { Database, OrderRow } from '../../db/schema';
import { ftsQuery } from '../customers/search';
import {
  creditOpenByOrder,
  creditOpenOf,
  orderBalance,
  paymentState,
  paymentStateCondition,
} from '../finance/payments';
import { orderNotFound } from './errors';

export type OrderOut = OutputOf<'orders.get'>;
export type OrderSummaryOut = OutputOf<'orders.byCustomer'>['items'][number];
type Status = (typeof ORDER_STATUSES)[number];

export const OPEN_STATUSES = ['pendente', 'em_producao', 'pronto'] as const;

export { orderNotFound };

export function isOverdue(row: Pick<OrderRow, 'kind' | 'status' | 'delivery_date'>, today: string): boolean {
  return (
    row.kind === 'pedido' &&
    !!row.delivery_date &&
    row.delivery_date < today &&
    (OPEN_STATUSES as readonly string[]).includes(row.status)
  );
}

/** An order row as a summary; `creditOpen` is what its crediário still owes (see `creditOpenByOrder`). */
export function toSummary(row: OrderRow, today: string, creditOpen: ReadonlyMap<number, number>): OrderSummaryOut {
  const creditOpenCents = creditOpen.get(row.id) ?? 0;
  return {
    id: row.id,
    number: row.number,
    kind: row.kind as 'pedido' | 'orcamento',
    validUntil: row.valid_until,
    expired: row.kind === 'orcamento' && !!row.valid_until && row.valid_until < today,
    customerId: row.customer_id,
    customerName: row.customer_name,
    customerPhone: row.customer_phone,
    customerCity: row.customer_city,
    entryDate: row.entry_date,
    deliveryDate: row.delivery_date,
    priority: row.priority as 'NORMAL' | 'ALTA',
    status: row.status as Status,
    currentStage: row.current_stage,
    stageSince: row.stage_since,
    overdue: isOverdue(row, today),
    sellerId: row.seller_id,
    itemsCount: row.items_count,
    itemsTotalCents: row.items_total_cents,
    totalCents: row.total_cents,
    paidCents: row.paid_cents,
    financedCents: row.financed_cents,
    balanceCents: orderBalance(row),
    paymentState: paymentState(row, creditOpenCents),
    creditOpenCents,
    isReprint: row.is_reprint === 1,
    version: row.version,
  };
}

export async function getOrderRow(db: Db, id: number): Promise<OrderRow> {
  const row = await db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw orderNotFound(id);
  return row;
}

export const mediaUrl = (mediaId: string, thumb = false) => `/api/media/${mediaId}${thumb ? '/thumb' : ''}`;

/** The whole order: items with images, stages with who did them. */
export async function loadOrder(db: Db, id: number, today: string): Promise<OrderOut> {
  const row = await getOrderRow(db, id);
  const items = await db
    .selectFrom('order_items')
    .leftJoin('users', 'users.id', 'order_items.art_approved_by')
    .selectAll('order_items')
    .select('users.name as approverName')
    .where('order_id', '=', id)
    .orderBy('position')
    .execute();
  const images = await db
    .selectFrom('item_images')
    .innerJoin('media', 'media.id', 'item_images.media_id')
    .select([
      'item_images.id',
      'item_images.item_id',
      'item_images.media_id',
      'item_images.created_at',
      'media.mime',
      'media.width',
      'media.height',
      'media.size_bytes',
    ])
    .where('item_images.order_id', '=', id)
    .orderBy('item_images.id')
    .execute();
  const stages = await db
    .selectFrom('order_stages')
    .leftJoin('users', 'users.id', 'order_stages.done_by')
    .selectAll('order_stages')
    .select('users.name as doneByName')
    .where('order_id', '=', id)
    .orderBy('position')
    .execute();
  return {
    ...toSummary(row, today, new Map([[row.id, await creditOpenOf(db, row)]])),
    notes: row.notes,
    shippingMethodId: row.shipping_method_id,
    freightCents: row.freight_cents,
    discountCents: row.discount_cents,
    paymentMethodId: row.payment_method_id,
    paymentNotes: row.payment_notes,
    reprintOfOrderId: row.reprint_of_order_id,
    reprintReason: row.reprint_reason,
    reprintCostCents: row.reprint_cost_cents,
    cancelReason: row.cancel_reason,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    items: items.map((it) => ({
      id: it.id,
      position: it.position,
      productId: it.product_id,
      productName: it.product_name,
      productionType: it.production_type,
      unit: it.unit as 'un' | 'm2' | 'm',
      description: it.description,
      widthMm: it.width_mm,
      heightMm: it.height_mm,
      areaM2: areaM2(it.width_mm, it.height_mm),
      quantity: it.quantity,
      materialId: it.material_id,
      finishId: it.finish_id,
      finishPriceCents: it.finish_price_cents,
      finishPriceUnit: it.finish_price_unit as 'un' | 'm2' | 'm' | null,
      seams: it.seams as 'sem' | 'com',
      seamCount: it.seam_count,
      extras: JSON.parse(it.extras),
      unitPriceCents: it.unit_price_cents,
      totalCents: it.total_cents,
      costCents: it.cost_cents,
      designerId: it.designer_id,
      machineId: it.machine_id,
      colorProfile: it.color_profile,
      rip: it.rip,
      printDate: it.print_date,
      notes: it.notes,
      artStatus: it.art_status as 'aguardando_arte',
      artApprovedBy: it.art_approved_by,
      artApprovedByName: it.approverName,
      artApprovedAt: it.art_approved_at,
      artChannel: it.art_channel as 'balcao' | null,
      images: images
        .filter((im) => im.item_id === it.id)
        .map((im) => ({
          id: im.id,
          mediaId: im.media_id,
          mime: im.mime,
          width: im.width,
          height: im.height,
          sizeBytes: im.size_bytes,
          url: mediaUrl(im.media_id),
          thumbUrl: mediaUrl(im.media_id, true),
          createdAt: im.created_at,
        })),
      sizeGrid: JSON.parse(it.size_grid),
      names: JSON.parse(it.personalization),
    })),
    stages: stages.map((s) => ({
      key: s.key,
      label: s.label,
      position: s.position,
      done: s.done === 1,
      doneAt: s.done_at,
      doneBy: s.done_by,
      doneByName: s.doneByName,
    })),
  };
}

type OrdersQuery = SelectQueryBuilder<Database, 'orders', object>;

const SORTS = {
  '-entryDate': [
    ['entry_date', 'desc'],
    ['id', 'desc'],
  ],
  entryDate: [
    ['entry_date', 'asc'],
    ['id', 'asc'],
  ],
  deliveryDate: [
    ['delivery_date', 'asc'],
    ['id', 'asc'],
  ],
  '-deliveryDate': [
    ['delivery_date', 'desc'],
    ['id', 'desc'],
  ],
  '-number': [['id', 'desc']],
  number: [['id', 'asc']],
  '-totalCents': [
    ['total_cents', 'desc'],
    ['id', 'desc'],
  ],
} as const;

/** Applies the list filters; shared by the list and by batch tools. */
export function filterOrders(
  q: OrdersQuery,
  input: ParsedInputOf<'orders.list'>,
  today: string,
  /** A seller filtering by payment state sees only their own customers' orders (finance/scope.ts). */
  moneyScope: Expression<SqlBool> | null = null,
): OrdersQuery {
  const { from, to } = input;
  if (from || to) {
    const range =
      (col: 'entry_date' | 'delivery_date' | 'valid_until') => (eb: ExpressionBuilder<Database, 'orders'>) => {
        const parts = [];
        if (from) parts.push(eb(col, '>=', from));
        if (to) parts.push(eb(col, '<=', to));
        return eb.and(parts);
      };
    if (input.dateMode === 'entrada') q = q.where(range('entry_date'));
    else if (input.dateMode === 'entrega') q = q.where(range('delivery_date'));
    else if (input.dateMode === 'validade') q = q.where(range('valid_until'));
    else q = q.where((eb) => eb.or([range('entry_date')(eb), range('delivery_date')(eb)]));
  }
  if (input.status?.length) q = q.where('status', 'in', input.status);
  if (input.kind !== 'todos') q = q.where('kind', '=', input.kind);
  if (input.customerId) q = q.where('customer_id', '=', input.customerId);
  if (input.sellerId) q = q.where('seller_id', '=', input.sellerId);
  if (input.priority) q = q.where('priority', '=', input.priority);
  if (input.reprint !== undefined) q = q.where('is_reprint', '=', input.reprint ? 1 : 0);
  if (input.designerId) {
    const designer = input.designerId;
    q = q.where('id', 'in', (eb) =>
      eb.selectFrom('order_items').select('order_id').where('designer_id', '=', designer),
    );
  }
  if (input.productionType) {
    const type = input.productionType;
    q = q.where('id', 'in', (eb) =>
      eb.selectFrom('order_items').select('order_id').where(sql<boolean>`production_type = ${type} collate nocase`),
    );
  }
  if (input.overdue !== undefined) {
    q = input.overdue
      ? q
          .where('kind', '=', 'pedido')
          .where('status', 'in', [...OPEN_STATUSES])
          .where('delivery_date', '<', today)
      : q.where((eb) =>
          eb.or([
            eb('kind', '!=', 'pedido'),
            eb('status', 'not in', [...OPEN_STATUSES]),
            eb('delivery_date', 'is', null),
            eb('delivery_date', '>=', today),
          ]),
        );
  }
  if (input.expired !== undefined) {
    q = input.expired
      ? q.where('kind', '=', 'orcamento').where('valid_until', '<', today)
      : q.where((eb) =>
          eb.or([eb('kind', '!=', 'orcamento'), eb('valid_until', 'is', null), eb('valid_until', '>=', today)]),
        );
  }
  if (input.own && moneyScope) q = q.where(moneyScope);
  if (input.paymentState?.length) {
    q = q.where(paymentStateCondition(input.paymentState));
    if (moneyScope) q = q.where(moneyScope);
  }
  const match = input.text ? ftsQuery(input.text) : null;
  if (match) q = q.where(sql<boolean>`orders.id in (select rowid from orders_fts where orders_fts match ${match})`);
  return q;
}

/** Text searches count at most this many matches ("mais de 1.000"), so a common word stays fast at 1M orders. */
export const TEXT_COUNT_CAP = 1000;

export async function listOrders(
  db: Db,
  input: ParsedInputOf<'orders.list'>,
  today: string,
  moneyScope: Expression<SqlBool> | null = null,
) {
  const match = input.text ? ftsQuery(input.text) : null;
  if (match) return listOrdersByText(db, input, today, match, moneyScope);
  const q = filterOrders(db.selectFrom('orders'), input, today, moneyScope);
  const count = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let page = q.selectAll();
  for (const [col, dir] of SORTS[input.sort]) page = page.orderBy(col, dir);
  const rows = await page
    .limit(input.perPage)
    .offset((input.page - 1) * input.perPage)
    .execute();
  const credit = await creditOpenByOrder(db, rows);
  return {
    items: rows.map((r) => toSummary(r, today, credit)),
    total: Number(count.n),
    totalCapped: false,
    page: input.page,
    perPage: input.perPage,
  };
}

/** Whether the list asks for more than a text search. */
function hasFilters(input: ParsedInputOf<'orders.list'>): boolean {
  const {
    from,
    to,
    status,
    kind,
    customerId,
    sellerId,
    designerId,
    productionType,
    priority,
    overdue,
    expired,
    reprint,
    paymentState: states,
  } = input;
  return (
    Boolean(
      from ||
        to ||
        status?.length ||
        kind !== 'todos' ||
        customerId ||
        sellerId ||
        designerId ||
        productionType ||
        priority ||
        states?.length,
    ) ||
    overdue !== undefined ||
    expired !== undefined ||
    reprint !== undefined
  );
}

/**
 * Text search is driven by the full-text index, newest first by its rowid (the order id), so a
 * common word does not make SQLite gather and sort every match; the count stops at a cap.
 */
async function listOrdersByText(
  db: Db,
  input: ParsedInputOf<'orders.list'>,
  today: string,
  match: string,
  moneyScope: Expression<SqlBool> | null,
) {
  const base = db
    .selectFrom('orders_fts')
    .innerJoin('orders', 'orders.id', 'orders_fts.rowid')
    .where(sql<boolean>`orders_fts match ${match}`) as unknown as OrdersQuery;
  const q = filterOrders(base, { ...input, text: undefined }, today, moneyScope);
  // Without other filters the index alone answers the count; with them, each hit's order is read.
  const hits = hasFilters(input)
    ? q.select(sql<number>`1`.as('one')).limit(TEXT_COUNT_CAP + 1)
    : db
        .selectFrom('orders_fts')
        .select(sql<number>`1`.as('one'))
        .where(sql<boolean>`orders_fts match ${match}`)
        .limit(TEXT_COUNT_CAP + 1);
  const counted = await sql<{ n: number }>`select count(*) as n from (${hits}) as hits`.execute(db);
  const capped = { n: counted.rows[0]?.n ?? 0 };
  let page = q.selectAll('orders');
  if (input.sort === '-entryDate' || input.sort === '-number') page = page.orderBy(sql`orders_fts.rowid`, 'desc');
  else for (const [col, dir] of SORTS[input.sort]) page = page.orderBy(`orders.${col}`, dir);
  const rows = await page
    .limit(input.perPage)
    .offset((input.page - 1) * input.perPage)
    .execute();
  const n = Number(capped.n);
  const credit = await creditOpenByOrder(db, rows);
  return {
    items: rows.map((r) => toSummary(r, today, credit)),
    total: Math.min(n, TEXT_COUNT_CAP),
    totalCapped: n > TEXT_COUNT_CAP,
    page: input.page,
    perPage: input.perPage,
  };
}

/** Search text for an order: number (also without leading zeros), customer, item descriptions. */
export async function writeOrderIndex(db: Db, orderId: number): Promise<void> {
  const row = await getOrderRow(db, orderId);
  const items = await db.selectFrom('order_items').select('description').where('order_id', '=', orderId).execute();
  const [year, seq] = row.number.split('-');
  await db.deleteFrom('orders_fts').where('rowid', '=', orderId).execute();
  await db
    .insertInto('orders_fts')
    .values({
      rowid: orderId,
      number: `${row.number} ${year ?? ''}${seq ?? ''} ${seq ?? ''} ${seq ? String(Number(seq)) : ''}`,
      customer: row.customer_name,
      items: items.map((i) => i.description).join(' \n '),
    })
    .execute();
}
