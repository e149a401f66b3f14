import type { Selectable } from 'kysely';
import { addDays, daysBetween } from '../../../src-shared/domain/credit';
import { businessDateOf, formatDateBR } from '../../../src-shared/domain/dates';
import { formatCents } from '../../../src-shared/domain/money';
import { startOfWeek } from '../../../src-shared/domain/periods';
import { pixPayload } from '../../../src-shared/domain/pix';
import { renderTemplate } from '../../../src-shared/domain/templates';
import type { Clock } from '../../clock';
import type { Db } from '../../db/connection';
import type { CustomersTable } from '../../db/schema';
import type { ProcCtx } from '../../rpc/context';
import { OPEN_INSTALLMENT } from '../finance/status';
import { type Facts, type Hooks, stateFact } from '../hooks';
import { enqueue } from './outbox';
import { getMessagesConfig, getTemplates, shopInfo } from './settings';
import { weeklyReportContent, weeklyReportText } from './weekly';

type Purpose = 'transactional' | 'marketing';
type Contact = Pick<
  Selectable<CustomersTable>,
  | 'name'
  | 'phone'
  | 'whatsapp'
  | 'email'
  | 'preferred_channel'
  | 'consent_tx_email'
  | 'consent_tx_whatsapp'
  | 'consent_mkt_email'
  | 'consent_mkt_whatsapp'
> & { id: number; active: number };

const CONTACT_COLUMNS = [
  'id',
  'name',
  'phone',
  'whatsapp',
  'email',
  'preferred_channel',
  'consent_tx_email',
  'consent_tx_whatsapp',
  'consent_mkt_email',
  'consent_mkt_whatsapp',
  'active',
] as const;

/**
 * Where a customer may be reached for a purpose: the preferred channel (else WhatsApp when there is
 * a number), then the other one — only a channel the customer consented to for that purpose and
 * has a contact for. Null: nothing may be sent.
 */
export function channelFor(c: Contact, purpose: Purpose): { channel: 'email' | 'whatsapp'; recipient: string } | null {
  const phone = c.whatsapp ?? c.phone;
  const first = c.preferred_channel === 'email' || (!c.preferred_channel && !phone) ? 'email' : 'whatsapp';
  for (const channel of [first, first === 'email' ? 'whatsapp' : 'email'] as const) {
    const consent =
      purpose === 'transactional'
        ? channel === 'email'
          ? c.consent_tx_email
          : c.consent_tx_whatsapp
        : channel === 'email'
          ? c.consent_mkt_email
          : c.consent_mkt_whatsapp;
    const recipient = channel === 'email' ? c.email : phone;
    if (consent === 1 && recipient && c.active === 1) return { channel, recipient };
  }
  return null;
}

async function contacts(db: Db, ids: number[]): Promise<Map<number, Contact>> {
  const out = new Map<number, Contact>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('customers')
      .select([...CONTACT_COLUMNS])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.id, r as Contact);
  }
  return out;
}

/** The weekly report (Monday 09:00): the week before, to each configured recipient, once per week. */
export async function queueWeeklyReport(ctx: ProcCtx): Promise<number> {
  const config = await getMessagesConfig(ctx.db);
  if (!config.weeklyReport.recipients.length) return 0;
  // The last whole week (Monday–Sunday) before today, even when the run is a late catch-up.
  const monday = addDays(startOfWeek(ctx.clock.today()), -7);
  const [report, shop, templates] = await Promise.all([
    weeklyReportContent(ctx.db, ctx.clock, monday),
    shopInfo(ctx.db),
    getTemplates(ctx.db),
  ]);
  const values = {
    empresa: shop.name,
    semana: `${formatDateBR(report.from)} a ${formatDateBR(report.to)}`,
    vendas: formatCents(report.week.salesCents),
    pedidos: String(report.week.orders),
  };
  const intro = renderTemplate(templates.relatorio.body, values);
  let queued = 0;
  for (const to of config.weeklyReport.recipients) {
    const id = await enqueue(ctx, {
      channel: 'email',
      kind: 'relatorio',
      customerId: null,
      recipient: to,
      subject: renderTemplate(templates.relatorio.subject, values),
      body: `${intro}\n\n${weeklyReportText(report)}`,
      attachment: { weeklyReport: monday },
      dedupeKey: `relatorio:${monday}:${to.toLowerCase()}`,
    });
    if (id !== null) queued++;
  }
  return queued;
}

interface ReminderItem {
  key: string;
  customerId: number;
  line: string;
  owedCents: number;
  dueDate: string;
}

/** The installments and delivered orders' balances that call for a reminder today, with their once-only keys. */
async function reminderItems(
  db: Db,
  today: string,
  timeZone: string,
  config: Awaited<ReturnType<typeof getMessagesConfig>>,
) {
  const { dueInDays, overdueSteps, deliveredBalances } = config.reminders;
  const stepFor = (days: number) => [...overdueSteps].reverse().find((s) => s <= days) ?? null;
  const items: ReminderItem[] = [];
  const installments = await db
    .selectFrom('installments')
    .select(['id', 'customer_id', 'number', 'count', 'code', 'due_date', 'amount_cents', 'paid_cents'])
    .where('status', 'in', [...OPEN_INSTALLMENT])
    .where('due_date', '<=', addDays(today, dueInDays))
    .where('due_date', '>=', addDays(today, -(Math.max(...overdueSteps) + 60)))
    .execute();
  for (const i of installments) {
    const owed = i.amount_cents - i.paid_cents;
    if (owed <= 0) continue;
    const label = `Parcela ${i.number}/${i.count} (${i.code})`;
    if (i.due_date >= today) {
      items.push({
        key: `due:${i.id}:${i.due_date}`,
        customerId: i.customer_id,
        line: `- ${label}: ${formatCents(owed)}, vence em ${formatDateBR(i.due_date)}`,
        owedCents: owed,
        dueDate: i.due_date,
      });
      continue;
    }
    const late = daysBetween(i.due_date, today);
    const step = stepFor(late);
    if (step === null) continue;
    items.push({
      key: `late:${i.id}:${i.due_date}:${step}`,
      customerId: i.customer_id,
      line: `- ${label}: ${formatCents(owed)}, venceu em ${formatDateBR(i.due_date)} (${late} dia(s) de atraso)`,
      owedCents: owed,
      dueDate: i.due_date,
    });
  }
  if (deliveredBalances) {
    const orders = await db
      .selectFrom('orders')
      .select(['id', 'number', 'customer_id', 'delivered_at', 'total_cents', 'paid_cents', 'financed_cents'])
      .where('kind', '=', 'pedido')
      .where('status', '=', 'entregue')
      // By the (status, delivery_date) index: an order delivered past its last step has had them all.
      .where('delivery_date', '>=', addDays(today, -(Math.max(...overdueSteps) + 120)))
      .where((eb) => eb(eb('total_cents', '-', eb('paid_cents', '+', eb.ref('financed_cents'))), '>', 0))
      .execute();
    for (const o of orders) {
      if (!o.delivered_at) continue;
      const delivered = businessDateOf(new Date(o.delivered_at), timeZone);
      const step = stepFor(daysBetween(delivered, today));
      if (step === null) continue;
      const owed = o.total_cents - o.paid_cents - o.financed_cents;
      items.push({
        key: `balance:${o.id}:${step}`,
        customerId: o.customer_id,
        line: `- Pedido ${o.number} (entregue em ${formatDateBR(delivered)}): saldo de ${formatCents(owed)}`,
        owedCents: owed,
        dueDate: delivered,
      });
    }
  }
  return items;
}

async function markedKeys(db: Db, keys: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom('reminder_marks')
      .select('key')
      .where('key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const r of rows) out.add(r.key);
  }
  return out;
}

/**
 * Payment reminders (daily, 10:00): installments due within N days, overdue ones at each step of
 * the cadence, unpaid balances of delivered orders — one message per customer per day with all
 * their items and a Pix copia-e-cola for the total, by the channel they prefer and consented to.
 * Each item's reminder has a key (item, due date, cadence step) recorded with the message in
 * `reminder_marks`, so no reminder goes twice, whatever restarts or catch-ups happen.
 */
export async function queueReminders(ctx: ProcCtx, prepared?: unknown): Promise<number> {
  const plan = (prepared as ReminderPlan | undefined) ?? (await planReminders(ctx.db, ctx.clock));
  const now = ctx.clock.nowIso();
  let queued = 0;
  const marks: Array<{ key: string; customer_id: number; outbox_id: number; created_at: string }> = [];
  for (const m of plan.messages) {
    const id = await enqueue(ctx, {
      channel: m.channel,
      kind: 'lembrete',
      customerId: m.customerId,
      recipient: m.recipient,
      subject: m.subject,
      body: m.body,
      dedupeKey: `lembrete:${m.customerId}:${plan.today}`,
    });
    if (id === null) continue; // this customer already has today's message: the rest waits for tomorrow
    queued++;
    for (const key of m.keys) marks.push({ key, customer_id: m.customerId, outbox_id: id, created_at: now });
  }
  for (let i = 0; i < marks.length; i += 200)
    await ctx.db
      .insertInto('reminder_marks')
      .values(marks.slice(i, i + 200))
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  return queued;
}

interface ReminderPlan {
  today: string;
  messages: Array<{
    customerId: number;
    channel: 'email' | 'whatsapp';
    recipient: string;
    subject: string;
    body: string;
    keys: string[];
  }>;
}

/**
 * What today's reminders will say, read before the job's write transaction (`Job.prepare`): every
 * query here runs on its own, so requests are answered between them, and the transaction only
 * writes. The marks and the per-customer-per-day key still guard against duplicates if anything
 * changed in between.
 */
export async function planReminders(db: Db, clock: Clock): Promise<ReminderPlan> {
  const today = clock.today();
  const plan: ReminderPlan = { today, messages: [] };
  const config = await getMessagesConfig(db);
  if (!config.reminders.enabled) return plan;
  const all = await reminderItems(db, today, clock.timeZone, config);
  if (!all.length) return plan;
  const done = await markedKeys(
    db,
    all.map((i) => i.key),
  );
  const byCustomer = new Map<number, ReminderItem[]>();
  for (const item of all) {
    if (done.has(item.key)) continue;
    const list = byCustomer.get(item.customerId) ?? [];
    list.push(item);
    byCustomer.set(item.customerId, list);
  }
  if (!byCustomer.size) return plan;
  const [people, shop, templates] = await Promise.all([
    contacts(db, [...byCustomer.keys()]),
    shopInfo(db),
    getTemplates(db),
  ]);
  for (const [customerId, items] of byCustomer) {
    const person = people.get(customerId);
    const to = person && channelFor(person, 'transactional');
    if (!person || !to) continue;
    const total = items.reduce((sum, i) => sum + i.owedCents, 0);
    const values = {
      cliente: person.name,
      empresa: shop.name,
      valor: formatCents(total),
      vencimento: formatDateBR(items.map((i) => i.dueDate).sort()[0] ?? today),
      itens: items.map((i) => i.line).join('\n'),
      pix: shop.pixKey
        ? pixPayload({
            key: shop.pixKey,
            merchantName: shop.name,
            merchantCity: shop.pixCity,
            amountCents: total,
            txid: `LEMBRETE${customerId}`,
          })
        : '',
    };
    plan.messages.push({
      customerId,
      channel: to.channel,
      recipient: to.recipient,
      subject: renderTemplate(templates.lembrete.subject, values),
      body: renderTemplate(templates.lembrete.body, values),
      keys: items.map((i) => i.key),
    });
  }
  return plan;
}

/** "Seu pedido está pronto" (per setting: automatic, held for confirmation, or off), once per order. */
async function orderReadyMessage(ctx: ProcCtx, fact: Facts['orderReady']): Promise<void> {
  const config = await getMessagesConfig(ctx.db);
  if (config.orderReady === 'off') return;
  const order = await ctx.db
    .selectFrom('orders')
    .select(['id', 'number', 'customer_id', 'total_cents', 'kind'])
    .where('id', '=', fact.orderId)
    .executeTakeFirst();
  if (order?.kind !== 'pedido') return;
  const person = (await contacts(ctx.db, [order.customer_id])).get(order.customer_id);
  const to = person && channelFor(person, 'transactional');
  if (!person || !to) return;
  const [shop, templates] = await Promise.all([shopInfo(ctx.db), getTemplates(ctx.db)]);
  const values = {
    cliente: person.name,
    empresa: shop.name,
    pedido: order.number,
    valor: formatCents(order.total_cents),
    endereco: shop.address,
    horario: shop.hours,
  };
  await enqueue(ctx, {
    channel: to.channel,
    kind: 'pronto',
    customerId: order.customer_id,
    recipient: to.recipient,
    subject: renderTemplate(templates.pronto.subject, values),
    body: renderTemplate(templates.pronto.body, values),
    dedupeKey: `pronto:${order.id}`,
    status: config.orderReady === 'ask' ? 'held' : 'pending',
  });
}

/** Quotes whose validity ends in two days: the seller hears of it in the app; the customer too if the shop wants. */
export async function quoteFollowUp(ctx: ProcCtx): Promise<number> {
  const today = ctx.clock.today();
  const quotes = await ctx.db
    .selectFrom('orders')
    .select(['id', 'number', 'customer_id', 'customer_name', 'valid_until', 'total_cents', 'seller_id', 'created_by'])
    .where('kind', '=', 'orcamento')
    .where('status', '!=', 'cancelado')
    .where('valid_until', '>=', today)
    .where('valid_until', '<=', addDays(today, 2))
    .execute();
  if (!quotes.length) return 0;
  const done = await markedKeys(
    ctx.db,
    quotes.map((q) => `quote:${q.id}:${q.valid_until}`),
  );
  const config = await getMessagesConfig(ctx.db);
  const [shop, templates] = await Promise.all([shopInfo(ctx.db), getTemplates(ctx.db)]);
  let count = 0;
  for (const q of quotes) {
    const key = `quote:${q.id}:${q.valid_until}`;
    if (done.has(key) || !q.valid_until) continue;
    await stateFact(ctx, 'quoteExpiring', {
      orderId: q.id,
      number: q.number,
      customerName: q.customer_name,
      validUntil: q.valid_until,
      sellerId: q.seller_id,
      createdBy: q.created_by,
    });
    let outboxId: number | null = null;
    if (config.quoteFollowUp.customer) {
      const person = (await contacts(ctx.db, [q.customer_id])).get(q.customer_id);
      const to = person && channelFor(person, 'transactional');
      if (person && to) {
        const values = {
          cliente: person.name,
          empresa: shop.name,
          pedido: q.number,
          valor: formatCents(q.total_cents),
          validade: formatDateBR(q.valid_until),
        };
        outboxId = await enqueue(ctx, {
          channel: to.channel,
          kind: 'orcamento',
          customerId: q.customer_id,
          recipient: to.recipient,
          subject: renderTemplate(templates.orcamento.subject, values),
          body: renderTemplate(templates.orcamento.body, values),
          dedupeKey: key,
        });
      }
    }
    await ctx.db
      .insertInto('reminder_marks')
      .values({ key, customer_id: q.customer_id, outbox_id: outboxId, created_at: ctx.clock.nowIso() })
      .execute();
    count++;
  }
  return count;
}

/** Birthday greetings (optional): only to customers who consented to marketing, once a year. */
export async function birthdayGreetings(ctx: ProcCtx): Promise<number> {
  const config = await getMessagesConfig(ctx.db);
  if (!config.birthdays.enabled) return 0;
  const today = ctx.clock.today();
  const year = Number(today.slice(0, 4));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [today.slice(5)];
  if (days[0] === '02-28' && !leap) days.push('02-29');
  const rows = await ctx.db
    .selectFrom('customers')
    .select([...CONTACT_COLUMNS, 'birth_date'])
    .where('active', '=', 1)
    .where('birth_date', 'is not', null)
    .where((eb) => eb.or(days.map((d) => eb('birth_date', 'like', `%-${d}`))))
    .execute();
  const [shop, templates] = await Promise.all([shopInfo(ctx.db), getTemplates(ctx.db)]);
  let queued = 0;
  for (const person of rows) {
    const to = channelFor(person as Contact, 'marketing');
    if (!to) continue;
    const values = { cliente: person.name, empresa: shop.name };
    const id = await enqueue(ctx, {
      channel: to.channel,
      kind: 'aniversario',
      customerId: person.id,
      recipient: to.recipient,
      subject: renderTemplate(templates.aniversario.subject, values),
      body: renderTemplate(templates.aniversario.body, values),
      dedupeKey: `aniversario:${person.id}:${year}`,
    });
    if (id !== null) queued++;
  }
  return queued;
}

/** The messages module reacts to orders becoming ready. */
export function subscribeMessages(hooks: Hooks): void {
  hooks.on('orderReady', orderReadyMessage);
}
