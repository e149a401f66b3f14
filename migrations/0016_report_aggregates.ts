import { type Kysely, sql } from 'kysely';

/**
 * Per-day aggregates for the reports (Relatórios), kept by SQLite triggers in the same statement
 * as every write to orders, order items and payments — whoever writes (orders, finance, imports,
 * merges, a restored older file being migrated) — so they can never show a number the raw rows
 * do not add up to. Rows that fall to zero are removed.
 *
 * - `report_order_days`: orders (kind `pedido`, quotes never) per day — by entry date (`entrada`)
 *   and by delivery date (`entrega`, orders with one) — per status and reprint flag: count,
 *   total, items' total, discount, freight, `items_count`, and their items' lines, quantity, area
 *   in mm² (items sold by m²) and real cost (`order_items.cost_cents`).
 * - `report_item_days`: item lines of orders that are not cancelled, per day (both bases), reprint
 *   flag, production type, product, designer and machine (0 for none): lines, quantity, area in
 *   mm² (items sold by m²), value and real cost (`order_items.cost_cents`).
 * - `report_payment_days`: payments per paid date, kind and payment method: count, principal,
 *   fine, interest and total (reversals are negative entries of kind `estorno`).
 *
 * Each table is backfilled here with one set-based statement.
 */

const BASES = [
  { basis: 'entrada', col: 'entry_date' },
  { basis: 'entrega', col: 'delivery_date' },
] as const;

type Row = 'NEW' | 'OLD';

/** m² produced, in mm²: items sold by m² (width × height × quantity). */
const AREA = (i: string) =>
  `case when ${i}.unit = 'm2' then coalesce(${i}.width_mm, 0) * coalesce(${i}.height_mm, 0) * ${i}.quantity else 0 end`;

const ORDER_DAY_COLUMNS =
  'basis, day, status, reprint, orders, total_cents, items_total_cents, discount_cents, freight_cents, items, lines, quantity, area_mm2, cost_cents';
const ORDER_DAY_CONFLICT = `on conflict (basis, day, status, reprint) do update set orders = orders + excluded.orders,
      total_cents = total_cents + excluded.total_cents, items_total_cents = items_total_cents + excluded.items_total_cents,
      discount_cents = discount_cents + excluded.discount_cents, freight_cents = freight_cents + excluded.freight_cents,
      items = items + excluded.items, lines = lines + excluded.lines, quantity = quantity + excluded.quantity,
      area_mm2 = area_mm2 + excluded.area_mm2, cost_cents = cost_cents + excluded.cost_cents`;

/**
 * Adds (sign 1) or removes (sign -1) one order's contribution to `report_order_days`: its own
 * figures (`order`) and/or its items' as they are now (`items`).
 */
function orderDays(o: Row, sign: 1 | -1, parts: { order: boolean; items: boolean }): string {
  const v = (expr: string) => (parts.order ? `${sign} * ${expr}` : '0');
  const itemSum = (expr: string) =>
    parts.items ? `${sign} * (select coalesce(sum(${expr}), 0) from order_items i where i.order_id = ${o}.id)` : '0';
  return BASES.map(
    ({ basis, col }) => `
    insert into report_order_days (${ORDER_DAY_COLUMNS})
    select '${basis}', ${o}.${col}, ${o}.status, ${o}.is_reprint, ${v('1')}, ${v(`${o}.total_cents`)}, ${v(`${o}.items_total_cents`)},
      ${v(`${o}.discount_cents`)}, ${v(`${o}.freight_cents`)}, ${v(`${o}.items_count`)}, ${itemSum('1')}, ${itemSum('i.quantity')},
      ${itemSum(AREA('i'))}, ${itemSum('i.cost_cents')}
    where ${o}.kind = 'pedido' and ${o}.${col} is not null
    ${ORDER_DAY_CONFLICT};
    ${sign === -1 ? `delete from report_order_days where basis = '${basis}' and day = ${o}.${col} and status = ${o}.status and reprint = ${o}.is_reprint and orders = 0 and lines = 0;` : ''}`,
  ).join('\n');
}

const ITEM_COLUMNS =
  'basis, day, reprint, production_type, product_id, designer_id, machine_id, lines, quantity, area_mm2, total_cents, cost_cents';
const ITEM_CONFLICT = `on conflict (basis, day, reprint, production_type, product_id, designer_id, machine_id) do update set
      lines = lines + excluded.lines, quantity = quantity + excluded.quantity, area_mm2 = area_mm2 + excluded.area_mm2,
      total_cents = total_cents + excluded.total_cents, cost_cents = cost_cents + excluded.cost_cents`;
const COUNTS = `o.kind = 'pedido' and o.status != 'cancelado'`;

function itemValues(i: string, sign: 1 | -1, basis: string, col: string): string {
  return `'${basis}', o.${col}, o.is_reprint, ${i}.production_type, coalesce(${i}.product_id, 0), coalesce(${i}.designer_id, 0),
      coalesce(${i}.machine_id, 0), ${sign}, ${sign} * ${i}.quantity, ${sign} * ${AREA(i)}, ${sign} * ${i}.total_cents, ${sign} * ${i}.cost_cents`;
}

/**
 * One item line (`NEW`/`OLD` of order_items) added to or removed from the aggregates, through its
 * order as it is now: `report_order_days` for every order (per status), `report_item_days` for
 * orders that count (not cancelled).
 */
function oneItem(i: Row, sign: 1 | -1): string {
  return BASES.map(
    ({ basis, col }) => `
    insert into report_order_days (${ORDER_DAY_COLUMNS})
    select '${basis}', o.${col}, o.status, o.is_reprint, 0, 0, 0, 0, 0, 0, ${sign}, ${sign} * ${i}.quantity, ${sign} * ${AREA(i)},
      ${sign} * ${i}.cost_cents
    from orders o where o.id = ${i}.order_id and o.kind = 'pedido' and o.${col} is not null
    ${ORDER_DAY_CONFLICT};
    insert into report_item_days (${ITEM_COLUMNS})
    select ${itemValues(i, sign, basis, col)} from orders o where o.id = ${i}.order_id and ${COUNTS} and o.${col} is not null
    ${ITEM_CONFLICT};
    ${
      sign === -1
        ? `delete from report_order_days where orders = 0 and lines = 0 and basis = '${basis}' and (day, status, reprint) in (select o.${col}, o.status, o.is_reprint from orders o where o.id = ${i}.order_id);
    delete from report_item_days where lines = 0 and basis = '${basis}' and (day, reprint) in (select o.${col}, o.is_reprint from orders o where o.id = ${i}.order_id) and production_type = ${i}.production_type and product_id = coalesce(${i}.product_id, 0) and designer_id = coalesce(${i}.designer_id, 0) and machine_id = coalesce(${i}.machine_id, 0);`
        : ''
    }`,
  ).join('\n');
}

/** Every item of one order (`NEW`/`OLD` of orders, with that row's kind, status, dates and flag) added or removed. */
function allItems(o: Row, sign: 1 | -1): string {
  return BASES.map(
    ({ basis, col }) => `
    insert into report_item_days (${ITEM_COLUMNS})
    select ${itemValues('i', sign, basis, col).replaceAll('o.', `${o}.`)} from order_items i
    where i.order_id = ${o}.id and ${o}.kind = 'pedido' and ${o}.status != 'cancelado' and ${o}.${col} is not null
    ${ITEM_CONFLICT};
    ${sign === -1 ? `delete from report_item_days where lines = 0 and basis = '${basis}' and day = ${o}.${col} and reprint = ${o}.is_reprint;` : ''}`,
  ).join('\n');
}

function paymentDays(p: Row, sign: 1 | -1): string {
  return `
    insert into report_payment_days (day, kind, payment_method_id, payments, amount_cents, fine_cents, interest_cents, total_cents)
    select ${p}.paid_date, ${p}.kind, ${p}.payment_method_id, ${sign}, ${sign} * ${p}.amount_cents, ${sign} * ${p}.fine_cents,
      ${sign} * ${p}.interest_cents, ${sign} * ${p}.total_cents where true
    on conflict (day, kind, payment_method_id) do update set payments = payments + excluded.payments,
      amount_cents = amount_cents + excluded.amount_cents, fine_cents = fine_cents + excluded.fine_cents,
      interest_cents = interest_cents + excluded.interest_cents, total_cents = total_cents + excluded.total_cents;
    ${sign === -1 ? `delete from report_payment_days where day = ${p}.paid_date and kind = ${p}.kind and payment_method_id = ${p}.payment_method_id and payments = 0;` : ''}`;
}

const ORDER_ITEM_KEYS =
  "OLD.kind is not NEW.kind or (OLD.status = 'cancelado') is not (NEW.status = 'cancelado') or OLD.entry_date is not NEW.entry_date or OLD.delivery_date is not NEW.delivery_date or OLD.is_reprint is not NEW.is_reprint";
const ORDER_DAY_KEYS = `${ORDER_ITEM_KEYS} or OLD.status is not NEW.status or OLD.total_cents is not NEW.total_cents or OLD.items_total_cents is not NEW.items_total_cents or OLD.discount_cents is not NEW.discount_cents or OLD.freight_cents is not NEW.freight_cents or OLD.items_count is not NEW.items_count`;
const ITEM_KEYS = [
  'order_id',
  'production_type',
  'product_id',
  'designer_id',
  'machine_id',
  'unit',
  'quantity',
  'width_mm',
  'height_mm',
  'total_cents',
  'cost_cents',
]
  .map((c) => `OLD.${c} is not NEW.${c}`)
  .join(' or ');
const PAYMENT_KEYS = [
  'paid_date',
  'kind',
  'payment_method_id',
  'amount_cents',
  'fine_cents',
  'interest_cents',
  'total_cents',
]
  .map((c) => `OLD.${c} is not NEW.${c}`)
  .join(' or ');

export const TRIGGERS: Record<string, string> = {
  // A new order has no items yet: each item adds itself.
  report_orders_insert: `after insert on orders begin ${orderDays('NEW', 1, { order: true, items: false })} end`,
  report_orders_delete: `after delete on orders begin ${orderDays('OLD', -1, { order: true, items: false })} end`,
  // Items still there when their order goes (a foreign-key cascade, whose item triggers no longer
  // see the order) leave with it here; the orders service deletes them first, one by one.
  report_orders_delete_items: `before delete on orders begin ${orderDays('OLD', -1, { order: false, items: true })} ${allItems('OLD', -1)} end`,
  report_orders_update: `after update on orders when ${ORDER_DAY_KEYS} begin ${orderDays('OLD', -1, { order: true, items: true })} ${orderDays('NEW', 1, { order: true, items: true })} end`,
  report_orders_update_items: `after update on orders when ${ORDER_ITEM_KEYS} begin ${allItems('OLD', -1)} ${allItems('NEW', 1)} end`,
  report_items_insert: `after insert on order_items begin ${oneItem('NEW', 1)} end`,
  report_items_delete: `after delete on order_items begin ${oneItem('OLD', -1)} end`,
  report_items_update: `after update on order_items when ${ITEM_KEYS} begin ${oneItem('OLD', -1)} ${oneItem('NEW', 1)} end`,
  report_payments_insert: `after insert on payments begin ${paymentDays('NEW', 1)} end`,
  report_payments_delete: `after delete on payments begin ${paymentDays('OLD', -1)} end`,
  report_payments_update: `after update on payments when ${PAYMENT_KEYS} begin ${paymentDays('OLD', -1)} ${paymentDays('NEW', 1)} end`,
};

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table report_order_days (
    basis text not null, day text not null, status text not null, reprint integer not null,
    orders integer not null, total_cents integer not null, items_total_cents integer not null,
    discount_cents integer not null, freight_cents integer not null, items integer not null,
    lines integer not null, quantity integer not null, area_mm2 integer not null, cost_cents integer not null,
    primary key (basis, day, status, reprint)
  ) without rowid`.execute(db);
  await sql`create table report_item_days (
    basis text not null, day text not null, reprint integer not null, production_type text not null,
    product_id integer not null, designer_id integer not null, machine_id integer not null,
    lines integer not null, quantity integer not null, area_mm2 integer not null,
    total_cents integer not null, cost_cents integer not null,
    primary key (basis, day, reprint, production_type, product_id, designer_id, machine_id)
  ) without rowid`.execute(db);
  await sql`create table report_payment_days (
    day text not null, kind text not null, payment_method_id integer not null,
    payments integer not null, amount_cents integer not null, fine_cents integer not null,
    interest_cents integer not null, total_cents integer not null,
    primary key (day, kind, payment_method_id)
  ) without rowid`.execute(db);

  for (const { basis, col } of BASES) {
    await sql
      .raw(`insert into report_order_days
      select '${basis}', o.${col}, o.status, o.is_reprint, count(*), sum(o.total_cents), sum(o.items_total_cents),
        sum(o.discount_cents), sum(o.freight_cents), sum(o.items_count), sum(coalesce(t.lines, 0)), sum(coalesce(t.quantity, 0)),
        sum(coalesce(t.area_mm2, 0)), sum(coalesce(t.cost_cents, 0))
      from orders o left join (
        select i.order_id, count(*) as lines, sum(i.quantity) as quantity, sum(${AREA('i')}) as area_mm2, sum(i.cost_cents) as cost_cents
        from order_items i group by i.order_id
      ) t on t.order_id = o.id
      where o.kind = 'pedido' and o.${col} is not null group by 1, 2, 3, 4`)
      .execute(db);
    await sql
      .raw(`insert into report_item_days
      select '${basis}', o.${col}, o.is_reprint, i.production_type, coalesce(i.product_id, 0), coalesce(i.designer_id, 0),
        coalesce(i.machine_id, 0), count(*), sum(i.quantity), sum(${AREA('i')}), sum(i.total_cents), sum(i.cost_cents)
      from order_items i join orders o on o.id = i.order_id
      where ${COUNTS} and o.${col} is not null group by 1, 2, 3, 4, 5, 6, 7`)
      .execute(db);
  }
  await sql`insert into report_payment_days
    select paid_date, kind, payment_method_id, count(*), sum(amount_cents), sum(fine_cents), sum(interest_cents), sum(total_cents)
    from payments group by 1, 2, 3`.execute(db);

  for (const [name, body] of Object.entries(TRIGGERS)) await sql.raw(`create trigger ${name} ${body}`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of Object.keys(TRIGGERS)) await sql.raw(`drop trigger if exists ${name}`).execute(db);
  for (const t of ['report_payment_days', 'report_item_days', 'report_order_days'])
    await db.schema.dropTable(t).ifExists().execute();
}
