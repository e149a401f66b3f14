import type { messages } from '../../../src-shared/contract/messages';
import { formatDateBR } from '../../../src-shared/domain/dates';
import { formatCents } from '../../../src-shared/domain/money';
import { pixPayload } from '../../../src-shared/domain/pix';
import {
  DEFAULT_TEMPLATES,
  renderTemplate,
  TEMPLATE_PLACEHOLDERS,
  type TemplateKind,
  unknownPlaceholders,
} from '../../../src-shared/domain/templates';
import { AppError } from '../../../src-shared/errors';
import { msg } from '../../../src-shared/i18n';
import type { Db } from '../../db/connection';
import { documentShowsMoney } from '../../documents/order-docs';
import { effective, JOB_CONFIG_KEY, JOBS, type JobConfig, occurrences, validCron } from '../../jobs/scheduler';
import { type Implementation, type ProcCtx, requireUser } from '../../rpc/context';
import { getSetting, setSetting } from '../settings/service';
import { SendError, sendEmail } from './channels';
import { enqueue, toOutboxMessage } from './outbox';
import {
  getMessagesConfig,
  getTemplates,
  MESSAGES_KEY,
  type MessagesConfig,
  publicSettings,
  shopInfo,
  smtpConfigured,
  TEMPLATES_KEY,
} from './settings';

async function jobInfo(db: Db, timeZone: string, now: Date, name: string) {
  const job = JOBS.find((j) => j.name === name);
  if (!job) throw new AppError('NOT_FOUND', msg('jobs.notFound'));
  const config = (await getSetting<JobConfig>(db, JOB_CONFIG_KEY)) ?? {};
  const { cron, enabled } = effective(job, config);
  const last = await db
    .selectFrom('job_runs')
    .selectAll()
    .where('job', '=', name)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const ok = await db
    .selectFrom('job_runs')
    .select((eb) => eb.fn.max('started_at').as('at'))
    .where('job', '=', name)
    .where('outcome', '=', 'ok')
    .executeTakeFirst();
  return {
    name,
    cron,
    defaultCron: job.cron,
    enabled,
    nextRunAt: enabled && validCron(cron, timeZone) ? occurrences(cron, timeZone, now).next.toISOString() : null,
    lastRun: last
      ? {
          startedAt: last.started_at,
          finishedAt: last.finished_at,
          outcome: last.outcome,
          error: last.error,
          items: last.items,
        }
      : null,
    lastSuccessAt: (ok?.at as string | null | undefined) ?? null,
  };
}

async function outboxRow(ctx: ProcCtx, id: number) {
  const row = await ctx.db
    .selectFrom('outbox')
    .leftJoin('customers', 'customers.id', 'outbox.customer_id')
    .selectAll('outbox')
    .select('customers.name as customer_name')
    .where('outbox.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', msg('outbox.notFound'));
  return row;
}

/** Sample values for a template's preview: a real customer (the one asked for, else one with something to show). */
async function previewValues(ctx: ProcCtx, kind: TemplateKind, customerId: number | undefined) {
  const shop = await shopInfo(ctx.db);
  const today = ctx.clock.today();
  let q = ctx.db.selectFrom('customers').select(['id', 'name']).where('active', '=', 1);
  if (customerId) q = q.where('id', '=', customerId);
  else if (kind === 'lembrete')
    q = q.where('id', 'in', (eb) =>
      eb.selectFrom('installments').select('customer_id').where('status', 'in', ['pendente', 'parcial', 'atrasada']),
    );
  const customer = await q.orderBy('id').limit(1).executeTakeFirst();
  if (customerId && !customer) throw new AppError('NOT_FOUND', msg('customers.notFound'));
  const name = customer?.name ?? 'Maria Exemplo';
  const order = await ctx.db
    .selectFrom('orders')
    .select(['number', 'total_cents', 'valid_until'])
    .$if(Boolean(customer), (qb) => qb.where('customer_id', '=', customer?.id ?? 0))
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const open = customer
    ? await ctx.db
        .selectFrom('installments')
        .select(['number', 'count', 'code', 'due_date', 'amount_cents', 'paid_cents'])
        .where('customer_id', '=', customer.id)
        .where('status', 'in', ['pendente', 'parcial', 'atrasada'])
        .orderBy('due_date')
        .limit(5)
        .execute()
    : [];
  const total = open.reduce((s, i) => s + i.amount_cents - i.paid_cents, 0) || (order?.total_cents ?? 15_000);
  const values: Record<string, string> = {
    cliente: name,
    empresa: shop.name,
    pedido: order?.number ?? '2026-0001',
    valor: formatCents(total),
    vencimento: formatDateBR(open[0]?.due_date ?? today),
    itens: open.length
      ? open
          .map(
            (i) =>
              `- Parcela ${i.number}/${i.count} (${i.code}): ${formatCents(i.amount_cents - i.paid_cents)}, vence em ${formatDateBR(i.due_date)}`,
          )
          .join('\n')
      : `- Parcela 1/3: ${formatCents(total)}, vence em ${formatDateBR(today)}`,
    pix: shop.pixKey
      ? pixPayload({ key: shop.pixKey, merchantName: shop.name, merchantCity: shop.pixCity, amountCents: total })
      : '',
    endereco: shop.address,
    horario: shop.hours,
    validade: formatDateBR(order?.valid_until ?? today),
    semana: formatDateBR(today),
    vendas: formatCents(total),
    pedidos: '12',
    documento: 'orçamento',
  };
  return { values, sample: customer?.name ?? null };
}

function checkTemplate(kind: TemplateKind, subject: string, body: string): void {
  const unknown = [...new Set([...unknownPlaceholders(kind, subject), ...unknownPlaceholders(kind, body)])];
  if (!unknown.length) return;
  const message = msg('messages.unknownPlaceholders', {
    names: unknown.map((n) => `{${n}}`).join(', '),
    known: TEMPLATE_PLACEHOLDERS[kind].map((n) => `{${n}}`).join(', '),
  });
  const fields: Record<string, typeof message> = {};
  if (unknownPlaceholders(kind, body).length) fields.body = message;
  if (unknownPlaceholders(kind, subject).length) fields.subject = message;
  throw new AppError('BUSINESS_RULE', message, { fields });
}

export const messageProcedures = {
  'messages.settings': async (_input, ctx) => publicSettings(await getMessagesConfig(ctx.db)),
  'messages.updateSettings': async (input, ctx) => {
    const current = await getMessagesConfig(ctx.db);
    const next: MessagesConfig = {
      ...current,
      ...(input.smtp && {
        smtp: {
          ...input.smtp,
          password: input.smtp.password === undefined ? current.smtp.password : input.smtp.password,
        },
      }),
      ...(input.whatsapp && {
        whatsapp: {
          ...input.whatsapp,
          token: input.whatsapp.token === undefined ? current.whatsapp.token : input.whatsapp.token,
        },
      }),
      ...(input.reminders && { reminders: input.reminders }),
      ...(input.weeklyReport && { weeklyReport: input.weeklyReport }),
      ...(input.orderReady && { orderReady: input.orderReady }),
      ...(input.pickup && { pickup: input.pickup }),
      ...(input.quoteFollowUp && { quoteFollowUp: input.quoteFollowUp }),
      ...(input.birthdays && { birthdays: input.birthdays }),
    };
    await setSetting(ctx.db, ctx.clock, MESSAGES_KEY, next);
    // The audit names what changed, never the secrets.
    await ctx.audit({ action: 'update', entity: 'messages.settings', entityId: null, after: publicSettings(next) });
    return publicSettings(next);
  },
  'messages.testEmail': async (input, ctx) => {
    const config = await getMessagesConfig(ctx.db);
    if (!smtpConfigured(config)) throw new AppError('BUSINESS_RULE', msg('messages.smtpMissing'));
    const shop = await shopInfo(ctx.db);
    try {
      await sendEmail(config, {
        to: input.to,
        subject: `${shop.name}: teste de e-mail do Balcão`,
        text: `Este é um e-mail de teste enviado pelo Balcão de ${shop.name}. Se chegou, o envio de e-mails está funcionando.`,
      });
    } catch (err) {
      const error = err instanceof SendError ? err.message : String(err);
      throw new AppError('BUSINESS_RULE', msg('messages.smtpFailed', { error: error.slice(0, 300) }));
    }
    return { ok: true as const };
  },
  'templates.list': async (_input, ctx) => {
    const templates = await getTemplates(ctx.db);
    return {
      items: (Object.keys(templates) as TemplateKind[]).map((kind) => ({
        kind,
        ...templates[kind],
        placeholders: [...TEMPLATE_PLACEHOLDERS[kind]],
      })),
    };
  },
  'templates.update': async (input, ctx) => {
    const saved = (await getSetting<Record<string, { subject: string; body: string }>>(ctx.db, TEMPLATES_KEY)) ?? {};
    const reset = input.body.trim() === '';
    if (reset) delete saved[input.kind];
    else {
      checkTemplate(input.kind, input.subject, input.body);
      saved[input.kind] = { subject: input.subject, body: input.body };
    }
    await setSetting(ctx.db, ctx.clock, TEMPLATES_KEY, saved);
    await ctx.audit({ action: 'update', entity: 'messages.template', entityId: null, after: { kind: input.kind } });
    const t = reset ? DEFAULT_TEMPLATES[input.kind] : { subject: input.subject, body: input.body };
    return { kind: input.kind, ...t, placeholders: [...TEMPLATE_PLACEHOLDERS[input.kind]], isDefault: reset };
  },
  'templates.preview': async (input, ctx) => {
    const templates = await getTemplates(ctx.db);
    const subject = input.subject ?? templates[input.kind].subject;
    const body = input.body ?? templates[input.kind].body;
    checkTemplate(input.kind, subject, body);
    const { values, sample } = await previewValues(ctx, input.kind, input.customerId);
    return { subject: renderTemplate(subject, values), body: renderTemplate(body, values), sample };
  },
  'outbox.list': async (input, ctx) => {
    let q = ctx.db.selectFrom('outbox').leftJoin('customers', 'customers.id', 'outbox.customer_id');
    if (input.status) q = q.where('outbox.status', '=', input.status);
    if (input.channel) q = q.where('outbox.channel', '=', input.channel);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll('outbox')
      .select('customers.name as customer_name')
      .orderBy('outbox.id', 'desc')
      .limit(input.perPage)
      .offset((input.page - 1) * input.perPage)
      .execute();
    return {
      items: rows.map((r) => toOutboxMessage(r, ctx.locale)),
      total: Number(total.n),
      page: input.page,
      perPage: input.perPage,
    };
  },
  'outbox.resend': async (input, ctx) => {
    const row = await outboxRow(ctx, input.id);
    if (row.status === 'sent' || row.status === 'sending' || row.status === 'pending')
      throw new AppError('CONFLICT', msg('outbox.notResendable'));
    const now = ctx.clock.nowIso();
    await ctx.db
      .updateTable('outbox')
      .set((eb) => ({
        status: 'pending',
        next_attempt_at: now,
        // A resend gets a fresh set of attempts.
        max_attempts: eb('attempts', '+', 6),
        updated_at: now,
      }))
      .where('id', '=', row.id)
      .execute();
    await ctx.audit({ action: 'resend', entity: 'outbox', entityId: row.id, before: { status: row.status } });
    ctx.services.automation.kickOutbox();
    return toOutboxMessage(await outboxRow(ctx, row.id), ctx.locale);
  },
  'outbox.cancel': async (input, ctx) => {
    const row = await outboxRow(ctx, input.id);
    if (row.status === 'sent' || row.status === 'cancelled' || row.status === 'sending')
      throw new AppError('CONFLICT', msg('outbox.notCancellable'));
    await ctx.db
      .updateTable('outbox')
      .set({ status: 'cancelled', updated_at: ctx.clock.nowIso() })
      .where('id', '=', row.id)
      .execute();
    await ctx.audit({ action: 'cancel', entity: 'outbox', entityId: row.id, before: { status: row.status } });
    return toOutboxMessage(await outboxRow(ctx, row.id), ctx.locale);
  },
  'outbox.toSend': async (_input, ctx) => {
    const rows = await ctx.db
      .selectFrom('outbox')
      .leftJoin('customers', 'customers.id', 'outbox.customer_id')
      .selectAll('outbox')
      .select('customers.name as customer_name')
      .where('outbox.channel', '=', 'whatsapp')
      .where('outbox.status', 'in', ['pending', 'held'])
      .orderBy('outbox.id')
      .limit(500)
      .execute();
    return { items: rows.map((r) => toOutboxMessage(r, ctx.locale)) };
  },
  'outbox.markSent': async (input, ctx) => {
    const user = requireUser(ctx);
    const row = await outboxRow(ctx, input.id);
    if (row.channel !== 'whatsapp' || (row.status !== 'pending' && row.status !== 'held' && row.status !== 'failed'))
      throw new AppError('CONFLICT', msg('outbox.notManual'));
    const now = ctx.clock.nowIso();
    await ctx.db
      .updateTable('outbox')
      .set({ status: 'sent', sent_at: now, sent_by: user.id, last_error: null, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    return toOutboxMessage(await outboxRow(ctx, row.id), ctx.locale);
  },
  'outbox.byCustomer': async (input, ctx) => {
    const rows = await ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('customer_id', '=', input.id)
      .orderBy('id', 'desc')
      .limit(50)
      .offset((input.page - 1) * 50)
      .execute();
    return { items: rows.map((r) => toOutboxMessage({ ...r, customer_name: null }, ctx.locale)) };
  },
  'messages.emailOrderDocument': async (input, ctx) => {
    const config = await getMessagesConfig(ctx.db);
    if (!smtpConfigured(config)) throw new AppError('BUSINESS_RULE', msg('messages.smtpMissing'));
    const order = await ctx.db
      .selectFrom('orders')
      .innerJoin('customers', 'customers.id', 'orders.customer_id')
      .select([
        'orders.id',
        'orders.number',
        'orders.customer_id',
        'orders.total_cents',
        'orders.valid_until',
        'customers.name',
        'customers.email',
        'customers.consent_tx_email',
      ])
      .where('orders.id', '=', input.id)
      .executeTakeFirst();
    if (!order) throw new AppError('NOT_FOUND', msg('orders.notFound', { id: input.id }));
    // The e-mail carries the prices: only who may see this order's prices may send it.
    if (!(await documentShowsMoney(ctx, order.customer_id)))
      throw new AppError('FORBIDDEN', msg('messages.documentForbidden'));
    const to = input.to ?? order.email;
    if (!to) throw new AppError('VALIDATION', msg('messages.noEmail'), { fields: { to: msg('messages.noEmail') } });
    if (!input.to && order.consent_tx_email !== 1) throw new AppError('BUSINESS_RULE', msg('messages.noEmailConsent'));
    const shop = await shopInfo(ctx.db);
    const template = (await getTemplates(ctx.db)).documento;
    const values = {
      cliente: order.name,
      empresa: shop.name,
      documento: input.document === 'os' ? 'pedido' : 'orçamento',
      pedido: order.number,
      valor: formatCents(order.total_cents),
      validade: order.valid_until ? formatDateBR(order.valid_until) : '',
    };
    const messageId = await enqueue(ctx, {
      channel: 'email',
      kind: 'documento',
      customerId: order.customer_id,
      recipient: to,
      subject: renderTemplate(template.subject, values),
      body: renderTemplate(template.body, values),
      attachment: { orderDocument: String(order.id), documentKind: input.document },
    });
    return { messageId: messageId ?? 0, to };
  },
  'jobs.list': async (_input, ctx) => ({
    items: await Promise.all(JOBS.map((j) => jobInfo(ctx.db, ctx.clock.timeZone, ctx.clock.now(), j.name))),
  }),
  'jobs.update': async (input, ctx) => {
    await jobInfo(ctx.db, ctx.clock.timeZone, ctx.clock.now(), input.name);
    if (input.cron !== undefined && !validCron(input.cron, ctx.clock.timeZone))
      throw new AppError('VALIDATION', msg('jobs.badCron'), { fields: { cron: msg('jobs.badCron') } });
    const config = (await getSetting<JobConfig>(ctx.db, JOB_CONFIG_KEY)) ?? {};
    const own = { ...config[input.name] };
    if (input.enabled !== undefined) own.enabled = input.enabled;
    if (input.cron !== undefined) own.cron = input.cron.trim().replace(/\s+/g, ' ');
    await setSetting(ctx.db, ctx.clock, JOB_CONFIG_KEY, { ...config, [input.name]: own });
    await ctx.audit({ action: 'update', entity: 'job', entityId: null, after: { name: input.name, ...own } });
    return jobInfo(ctx.db, ctx.clock.timeZone, ctx.clock.now(), input.name);
  },
  'jobs.run': async (input, ctx) => {
    const run = ctx.services.automation.runJob(input.name);
    if (!run) throw new AppError('NOT_FOUND', msg('jobs.notFound'));
    await run;
    return jobInfo(ctx.db, ctx.clock.timeZone, ctx.clock.now(), input.name);
  },
} satisfies Implementation<typeof messages>;
