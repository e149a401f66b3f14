import type SQLite from 'better-sqlite3';
import { DEFAULT_STAGES } from '../src-main/modules/settings/production';
import { addMonths, dueDates, splitCents } from '../src-shared/domain/credit';
import { itemTotalCents } from '../src-shared/domain/pricing';
import { foldText } from '../src-shared/domain/text';
import { ITEM_WORDS, PRODUCTS, rng } from './seed-data';

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** Catalog rows the orders point to; returns their ids. */
function seedCatalog(sqlite: SQLite.Database) {
  const now = new Date().toISOString();
  const existing = sqlite.prepare('select id, unit, price_cents, name, production_type from products').all() as Array<{
    id: number;
    unit: string;
    price_cents: number;
    name: string;
    production_type: string;
  }>;
  if (!existing.length) {
    const ins =
      sqlite.prepare(`insert into products (name, sort_name, kind, production_type, unit, price_cents, cost_cents, active, created_at, updated_at, version)
      values (?, ?, 'produto', ?, ?, ?, ?, 1, ?, ?, 1)`);
    for (const [name, type, unit, price] of PRODUCTS)
      ins.run(name, foldText(name), type, unit, price, Math.round(price * 0.4), now, now);
    const staff = sqlite.prepare(
      `insert into staff (name, sort_name, roles, user_id, active, created_at, updated_at, version) values (?, ?, ?, null, 1, ?, ?, 1)`,
    );
    for (const name of ['Vera Vendas', 'Caio Balcão', 'Rita Comercial', 'Nando Externo'])
      staff.run(name, foldText(name), '["vendedor"]', now, now);
    for (const name of ['Dani Designer', 'Léo Arte', 'Bia Criação'])
      staff.run(name, foldText(name), '["designer"]', now, now);
    sqlite
      .prepare(
        `insert into machines (name, sort_name, type, status, active, created_at, updated_at, version) values ('Mimaki JV33', 'mimaki jv33', 'Solvente', 'ativa', 1, ?, ?, 1)`,
      )
      .run(now, now);
    sqlite
      .prepare(
        `insert into machines (name, sort_name, type, status, active, created_at, updated_at, version) values ('Epson F570', 'epson f570', 'Sublimação', 'ativa', 1, ?, ?, 1)`,
      )
      .run(now, now);
  }
  const products = sqlite
    .prepare('select id, unit, price_cents, name, production_type from products')
    .all() as typeof existing;
  const sellers = (
    sqlite.prepare(`select id from staff where roles like '%vendedor%'`).all() as Array<{ id: number }>
  ).map((r) => r.id);
  const designers = (
    sqlite.prepare(`select id from staff where roles like '%designer%'`).all() as Array<{ id: number }>
  ).map((r) => r.id);
  const machines = (sqlite.prepare('select id from machines').all() as Array<{ id: number }>).map((r) => r.id);
  return { products, sellers, designers, machines };
}

export interface SeedOrdersOptions {
  /** How many days before `today` the first order was entered (default ten years). */
  spanDays?: number;
  /** Share of orders sold on crediário (default 6%). */
  creditShare?: number;
  /** Share of crediário plans whose last two installments are never paid (default 12%). */
  defaultShare?: number;
  /** First and last entry date of the orders (YYYY-MM-DD); they override `spanDays`. */
  from?: string;
  to?: string;
}

/**
 * Seeds `count` orders (about 3 items each) spread over the ten years before `today`, with the
 * statuses a real shop has: old orders delivered (a few cancelled), recent ones in production.
 */
export function seedOrders(
  sqlite: SQLite.Database,
  count: number,
  today: string,
  seed = 7,
  { spanDays: span = 3650, creditShare = 0.06, defaultShare = 0.12, from, to }: SeedOrdersOptions = {},
): void {
  const r = rng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)] as T;
  const { products, sellers, designers, machines } = seedCatalog(sqlite);
  const customers = sqlite.prepare('select id, name, phone, city from customers where active = 1').all() as Array<{
    id: number;
    name: string;
    phone: string | null;
    city: string | null;
  }>;
  if (!customers.length) throw new Error('Semeie clientes antes dos pedidos.');
  const now = new Date().toISOString();
  const firstDay = from ?? addDays(to ?? today, -span);
  const spanDays = Math.max(0, Math.round((Date.parse(to ?? today) - Date.parse(firstDay)) / 86_400_000));
  const insOrder =
    sqlite.prepare(`insert into orders (number, kind, valid_until, customer_id, customer_name, customer_phone, customer_city,
    entry_date, delivery_date, priority, status, current_stage, stage_since, notes, seller_id, shipping_method_id, freight_cents, discount_cents,
    payment_method_id, payment_notes, items_count, items_total_cents, total_cents, is_reprint, cancel_reason, delivered_at, overdue_notified,
    created_by, created_at, updated_at, version)
    values (@number, @kind, @valid_until, @customer_id, @customer_name, @customer_phone, @customer_city, @entry_date, @delivery_date, @priority,
    @status, @current_stage, @stage_since, null, @seller_id, null, 0, 0, null, null, @items_count, @items_total_cents, @total_cents, 0,
    @cancel_reason, @delivered_at, 1, null, @created_at, @created_at, 1)`);
  const insItem =
    sqlite.prepare(`insert into order_items (order_id, position, product_id, product_name, production_type, unit, description,
    width_mm, height_mm, quantity, seams, seam_count, extras, unit_price_cents, total_cents, designer_id, machine_id, art_status)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'sem', 0, '[]', ?, ?, ?, ?, ?)`);
  const insStage = sqlite.prepare(
    'insert into order_stages (order_id, key, label, position, done, done_at, done_by) values (?, ?, ?, ?, ?, ?, null)',
  );
  const insFts = sqlite.prepare('insert into orders_fts (rowid, number, customer, items) values (?, ?, ?, ?)');
  const insPayment =
    sqlite.prepare(`insert into payments (receipt_number, kind, order_id, installment_id, plan_id, customer_id, amount_cents,
    fine_cents, interest_cents, total_cents, tendered_cents, change_cents, payment_method_id, paid_at, paid_date, notes, received_by,
    reversed_by_id, reversal_of_id, reversal_reason, waived_reason, created_at)
    values (?, ?, ?, ?, ?, ?, ?, 0, 0, ?, null, null, ?, ?, ?, null, null, null, null, null, null, ?)`);
  const insPlan =
    sqlite.prepare(`insert into installment_plans (reference, order_id, customer_id, description, down_payment_cents, financed_cents,
    total_cents, count, first_due_date, interval_days, monthly_rate_percent, fine_percent, monthly_interest_percent, status, renegotiated_from_id,
    cancel_reason, created_by, created_at, updated_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, null, 0, 2, 1, ?, null, null, null, ?, ?, 1)`);
  const insInstallment =
    sqlite.prepare(`insert into installments (plan_id, customer_id, code, number, count, due_date, amount_cents, paid_cents,
    fine_paid_cents, interest_paid_cents, fine_charged, interest_from, status, version) values (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, null, ?, 1)`);
  const setPaid = sqlite.prepare('update orders set paid_cents = ?, financed_cents = ? where id = ?');
  const methodIds = (
    sqlite.prepare("select id, kind from payment_methods where kind != 'crediario'").all() as Array<{
      id: number;
      kind: string;
    }>
  ).map((m) => m.id);
  const receipts = new Map<string, number>();
  const receipt = (date: string) => {
    const year = date.slice(0, 4);
    const n = (receipts.get(year) ?? 0) + 1;
    receipts.set(year, n);
    return `${year}-${String(n).padStart(6, '0')}`;
  };
  const pay = (
    kind: string,
    orderId: number | null,
    installmentId: number | null,
    planId: number | null,
    customerId: number,
    cents: number,
    date: string,
  ) =>
    insPayment.run(
      receipt(date),
      kind,
      orderId,
      installmentId,
      planId,
      customerId,
      cents,
      cents,
      pick(methodIds),
      `${date}T16:00:00.000Z`,
      date,
      `${date}T16:00:00.000Z`,
    );
  const counters = new Map<string, number>();
  for (const row of sqlite.prepare("select name, value from counters where name like 'order:%'").all() as Array<{
    name: string;
    value: number;
  }>) {
    counters.set(row.name.slice(6), row.value);
  }
  // Receipt numbers continue too, so seeding into a folder that has payments adds to them.
  for (const row of sqlite.prepare("select name, value from counters where name like 'receipt:%'").all() as Array<{
    name: string;
    value: number;
  }>) {
    receipts.set(row.name.slice(8), row.value);
  }

  const batch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const entry = addDays(firstDay, Math.floor((i / count) * spanDays));
      const age = (Date.parse(today) - Date.parse(entry)) / 86_400_000;
      const delivery = addDays(entry, 1 + Math.floor(r() * 10));
      const customer = pick(customers);
      const quote = r() < 0.05;
      let status: string;
      if (age > 20) status = r() < 0.96 ? 'entregue' : 'cancelado';
      else if (age > 7) status = pick(['entregue', 'entregue', 'pronto', 'em_producao']);
      else status = pick(['pendente', 'em_producao', 'em_producao', 'pronto']);
      if (quote) status = age > 30 ? 'cancelado' : 'pendente';
      const doneCount = status === 'pendente' ? 0 : status === 'em_producao' ? 1 + Math.floor(r() * 4) : 5;
      const year = entry.slice(0, 4);
      const seq = (counters.get(year) ?? 0) + 1;
      counters.set(year, seq);
      const nItems = 1 + Math.floor(r() * 5);
      const items = [];
      let total = 0;
      const descriptions: string[] = [];
      for (let k = 0; k < nItems; k++) {
        const p = pick(products);
        const w = p.unit === 'un' ? null : 500 + Math.floor(r() * 40) * 100;
        const h = p.unit === 'm2' ? 500 + Math.floor(r() * 30) * 100 : null;
        const qty = p.unit === 'un' ? 1 + Math.floor(r() * 30) : 1 + Math.floor(r() * 3);
        const t = itemTotalCents({
          unit: p.unit as 'un',
          unitPriceCents: p.price_cents,
          quantity: qty,
          widthMm: w,
          heightMm: h,
        });
        total += t;
        const description = `${p.name} ${pick(ITEM_WORDS)}`;
        descriptions.push(description);
        items.push([p, description, w, h, qty, t] as const);
      }
      const stageKey =
        status === 'pendente'
          ? 'financeiro'
          : status === 'em_producao'
            ? (DEFAULT_STAGES[doneCount]?.key ?? null)
            : null;
      const info = insOrder.run({
        number: `${year}-${String(seq).padStart(6, '0')}`,
        kind: quote ? 'orcamento' : 'pedido',
        valid_until: quote ? addDays(entry, 15) : null,
        customer_id: customer.id,
        customer_name: customer.name,
        customer_phone: customer.phone,
        customer_city: customer.city,
        entry_date: entry,
        delivery_date: delivery,
        priority: r() < 0.15 ? 'ALTA' : 'NORMAL',
        status,
        current_stage: quote ? null : stageKey,
        stage_since: `${entry}T15:00:00.000Z`,
        seller_id: pick(sellers),
        items_count: nItems,
        items_total_cents: total,
        total_cents: total,
        cancel_reason: status === 'cancelado' ? 'Cliente desistiu' : null,
        delivered_at: status === 'entregue' ? `${delivery}T18:00:00.000Z` : null,
        created_at: `${entry}T13:00:00.000Z`,
      });
      const orderId = Number(info.lastInsertRowid);
      items.forEach(([p, description, w, h, qty, t], k) => {
        insItem.run(
          orderId,
          k + 1,
          p.id,
          p.name,
          p.production_type,
          p.unit,
          description,
          w,
          h,
          qty,
          p.price_cents,
          t,
          pick(designers),
          pick(machines),
          status === 'pendente' ? 'arte_enviada' : 'aprovada',
        );
      });
      DEFAULT_STAGES.forEach((s, k) => {
        insStage.run(
          orderId,
          s.key,
          s.label,
          k + 1,
          k < doneCount ? 1 : 0,
          k < doneCount ? `${entry}T14:00:00.000Z` : null,
        );
      });
      // Money: delivered orders were paid; some went to crediário (20% down, 3–6 monthly installments, some never paid).
      if (!quote && status !== 'cancelado') {
        if (r() < creditShare) {
          const down = Math.floor(total * 0.2);
          const financed = total - down;
          const n = 3 + Math.floor(r() * 4);
          const amounts = splitCents(financed, n);
          const dues = dueDates(addMonths(entry, 1), n);
          const number = `${year}-${String(seq).padStart(6, '0')}`;
          const willDefault = r() < defaultShare;
          const allPaid = dues.every((d) => d < today) && !willDefault;
          const plan = Number(
            insPlan.run(
              number,
              orderId,
              customer.id,
              `Pedido ${number}`,
              down,
              financed,
              financed,
              n,
              dues[0],
              allPaid ? 'quitado' : 'ativo',
              `${entry}T13:00:00.000Z`,
              `${entry}T13:00:00.000Z`,
            ).lastInsertRowid,
          );
          if (down > 0) pay('entrada', orderId, null, plan, customer.id, down, entry);
          amounts.forEach((amount, k) => {
            const due = dues[k] as string;
            const paid = due < today && !(willDefault && k >= n - 2);
            const inst = Number(
              insInstallment.run(
                plan,
                customer.id,
                `${number}-${k + 1}/${n}`,
                k + 1,
                n,
                due,
                amount,
                paid ? amount : 0,
                paid ? 'paga' : due < today ? 'atrasada' : 'pendente',
              ).lastInsertRowid,
            );
            if (paid) pay('parcela', orderId, inst, plan, customer.id, amount, due);
          });
          setPaid.run(down, financed, orderId);
        } else if (status === 'entregue') {
          pay('pedido', orderId, null, null, customer.id, total, delivery);
          setPaid.run(total, 0, orderId);
        } else if (r() < 0.5) {
          const deposit = Math.floor(total / 2);
          pay('pedido', orderId, null, null, customer.id, deposit, entry);
          setPaid.run(deposit, 0, orderId);
        }
      }
      insFts.run(
        orderId,
        `${year}-${String(seq).padStart(6, '0')} ${year}${String(seq).padStart(6, '0')} ${String(seq).padStart(6, '0')} ${seq}`,
        customer.name,
        descriptions.join(' \n '),
      );
    }
  });
  for (let i = 0; i < count; i += 20_000) batch(i, Math.min(count, i + 20_000));
  const upsert = sqlite.prepare(
    'insert into counters (name, value) values (?, ?) on conflict(name) do update set value = excluded.value',
  );
  for (const [year, value] of counters) upsert.run(`order:${year}`, value);
  for (const [year, value] of receipts) upsert.run(`receipt:${year}`, value);
  sqlite.exec("insert into orders_fts(orders_fts) values('optimize')");
  sqlite.exec('analyze');
  void now;
}
