import { z } from 'zod';
import { TEMPLATE_KINDS } from '../domain/templates';
import { Email, Id, Instant, Line, ListOf, Ok, PageInput, QueryInt, Text } from './common';
import { procedure } from './procedure';

/** Automations (issue 12): channels, templates, the outbox, the WhatsApp "A enviar" list and the scheduled jobs. */

export const TemplateKind = z.enum(TEMPLATE_KINDS);
export const OUTBOX_STATUSES = ['pending', 'held', 'sending', 'sent', 'failed', 'uncertain', 'cancelled'] as const;
export const OutboxStatus = z.enum(OUTBOX_STATUSES);
export const Channel = z.enum(['email', 'whatsapp']);

const Smtp = z.object({
  host: z.string(),
  port: z.number().int(),
  tls: z.enum(['none', 'starttls', 'tls']),
  user: z.string(),
  /** The password is write-only: the API only says whether one is saved. */
  passwordSet: z.boolean(),
  fromName: z.string(),
  fromAddress: z.string(),
});

export const MessagesSettings = z.object({
  smtp: Smtp,
  whatsapp: z.object({
    phoneNumberId: z.string(),
    /** The Cloud API token is write-only too. */
    tokenSet: z.boolean(),
    apiBase: z.string(),
    /** Sent by the outbox by itself (token and phone number id saved); else the "A enviar" list. */
    cloudApi: z.boolean(),
  }),
  reminders: z.object({
    enabled: z.boolean(),
    dueInDays: z.number().int(),
    overdueSteps: z.array(z.number().int()),
    deliveredBalances: z.boolean(),
  }),
  weeklyReport: z.object({ recipients: z.array(z.string()) }),
  orderReady: z.enum(['auto', 'ask', 'off']),
  pickup: z.object({ address: z.string(), hours: z.string() }),
  quoteFollowUp: z.object({ customer: z.boolean() }),
  birthdays: z.object({ enabled: z.boolean() }),
});

const Steps = z
  .array(z.number().int().min(1).max(365))
  .min(1)
  .max(8)
  .transform((steps) => [...new Set(steps)].sort((a, b) => a - b));

export const MessagesSettingsInput = z.strictObject({
  smtp: z
    .strictObject({
      host: Line(200),
      port: z.number().int().min(1).max(65535),
      tls: z.enum(['none', 'starttls', 'tls']),
      user: Line(200),
      /** Omitted: keeps the saved one; empty: removes it. */
      password: z.string().max(200).optional(),
      fromName: Line(120),
      fromAddress: z.union([Email, z.literal('')]),
    })
    .optional(),
  whatsapp: z
    .strictObject({
      phoneNumberId: Line(40).refine((v) => /^\d*$/.test(v)),
      token: z.string().max(500).optional(),
      apiBase: z.url({ protocol: /^https?$/ }).max(200),
    })
    .optional(),
  reminders: z
    .strictObject({
      enabled: z.boolean(),
      dueInDays: z.number().int().min(0).max(30),
      overdueSteps: Steps,
      deliveredBalances: z.boolean(),
    })
    .optional(),
  weeklyReport: z.strictObject({ recipients: z.array(Email).max(10) }).optional(),
  orderReady: z.enum(['auto', 'ask', 'off']).optional(),
  pickup: z.strictObject({ address: Line(200), hours: Line(120) }).optional(),
  quoteFollowUp: z.strictObject({ customer: z.boolean() }).optional(),
  birthdays: z.strictObject({ enabled: z.boolean() }).optional(),
});

export const TemplateOut = z.object({
  kind: TemplateKind,
  subject: z.string(),
  body: z.string(),
  placeholders: z.array(z.string()),
  isDefault: z.boolean(),
});

export const OutboxMessage = z.object({
  id: z.number().int(),
  channel: Channel,
  kind: z.string(),
  customerId: z.number().int().nullable(),
  customerName: z.string().nullable(),
  recipient: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  status: OutboxStatus,
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  nextAttemptAt: Instant,
  lastError: z.string().nullable(),
  sentAt: Instant.nullable(),
  createdAt: Instant,
  /** WhatsApp: the wa.me link with the text ready. */
  link: z.string().nullable(),
});

export const JobInfo = z.object({
  name: z.string(),
  cron: z.string(),
  defaultCron: z.string(),
  enabled: z.boolean(),
  nextRunAt: Instant.nullable(),
  lastRun: z
    .object({
      startedAt: Instant,
      finishedAt: Instant,
      outcome: z.enum(['ok', 'error']),
      error: z.string().nullable(),
      items: z.number().int().nullable(),
    })
    .nullable(),
  lastSuccessAt: Instant.nullable(),
});

const JobName = z.string().trim().min(1).max(60);

export const messages = {
  'messages.settings': procedure({
    http: 'GET /api/messages/settings',
    permission: 'messages.manage',
    summary: 'Configuração das mensagens: e-mail (SMTP), WhatsApp, lembretes, relatório semanal.',
    input: z.strictObject({}),
    output: MessagesSettings,
  }),
  'messages.updateSettings': procedure({
    http: 'PUT /api/messages/settings',
    permission: 'messages.manage',
    summary: 'Altera a configuração das mensagens (senhas e tokens só são gravados, nunca devolvidos).',
    input: MessagesSettingsInput,
    output: MessagesSettings,
  }),
  'messages.testEmail': procedure({
    http: 'POST /api/messages/test-email',
    permission: 'messages.manage',
    summary: 'Envia um e-mail de teste com o SMTP configurado.',
    write: false,
    input: z.strictObject({ to: Email }),
    output: Ok,
  }),
  'templates.list': procedure({
    http: 'GET /api/templates',
    permission: 'messages.manage',
    summary: 'Modelos de mensagem, com os campos que cada um aceita.',
    input: z.strictObject({}),
    output: z.object({ items: z.array(TemplateOut) }),
  }),
  'templates.update': procedure({
    http: 'PUT /api/templates/:kind',
    permission: 'messages.manage',
    summary: 'Altera um modelo (campos desconhecidos são recusados); texto vazio volta ao padrão.',
    input: z.strictObject({ kind: TemplateKind, subject: Line(200), body: z.string().max(4000) }),
    output: TemplateOut,
  }),
  'templates.preview': procedure({
    http: 'POST /api/templates/preview',
    permission: 'messages.manage',
    summary: 'Mostra um modelo preenchido com dados reais.',
    write: false,
    input: z.strictObject({
      kind: TemplateKind,
      subject: Line(200).optional(),
      body: z.string().max(4000).optional(),
      customerId: Id.optional(),
    }),
    output: z.object({ subject: z.string(), body: z.string(), sample: z.string().nullable() }),
  }),
  'outbox.list': procedure({
    http: 'GET /api/outbox',
    permission: 'messages.manage',
    summary: 'Caixa de saída: mensagens pendentes, enviadas, com falha.',
    input: z.strictObject({ status: OutboxStatus.optional(), channel: Channel.optional(), ...PageInput }),
    output: ListOf(OutboxMessage),
  }),
  'outbox.resend': procedure({
    http: 'POST /api/outbox/:id/resend',
    permission: 'messages.manage',
    summary: 'Põe de novo na fila uma mensagem com falha, incerta, cancelada ou aguardando confirmação.',
    input: z.strictObject({ id: Id }),
    output: OutboxMessage,
  }),
  'outbox.cancel': procedure({
    http: 'POST /api/outbox/:id/cancel',
    permission: 'messages.manage',
    summary: 'Cancela uma mensagem que ainda não foi enviada.',
    input: z.strictObject({ id: Id }),
    output: OutboxMessage,
  }),
  'outbox.toSend': procedure({
    http: 'GET /api/outbox/whatsapp',
    permission: 'messages.send',
    summary: 'Mensagens de WhatsApp a enviar hoje: cada uma abre o wa.me com o texto pronto.',
    input: z.strictObject({}),
    output: z.object({ items: z.array(OutboxMessage) }),
  }),
  'outbox.markSent': procedure({
    http: 'POST /api/outbox/:id/sent',
    permission: 'messages.send',
    summary: 'Marca como enviada uma mensagem de WhatsApp enviada à mão.',
    input: z.strictObject({ id: Id }),
    output: OutboxMessage,
  }),
  'outbox.byCustomer': procedure({
    http: 'GET /api/customers/:id/messages',
    permission: 'customers.read',
    summary: 'Mensagens enviadas (ou na fila) para um cliente.',
    input: z.strictObject({ id: Id, page: QueryInt(1, 10_000).default(1) }),
    output: z.object({ items: z.array(OutboxMessage) }),
  }),
  'messages.emailOrderDocument': procedure({
    http: 'POST /api/orders/:id/email',
    permission: 'messages.send',
    summary:
      'Envia o orçamento ou o pedido/OS em PDF por e-mail (pela caixa de saída): ao e-mail do cliente, se ele aceita mensagens por e-mail, ou ao endereço informado.',
    status: 201,
    input: z.strictObject({ id: Id, document: z.enum(['orcamento', 'os']), to: Email.optional() }),
    output: z.object({ messageId: z.number().int(), to: z.string() }),
  }),
  'jobs.list': procedure({
    http: 'GET /api/jobs',
    permission: 'system.logs',
    summary: 'Tarefas agendadas: próxima execução, última, resultado.',
    input: z.strictObject({}),
    output: z.object({ items: z.array(JobInfo) }),
  }),
  'jobs.update': procedure({
    http: 'PATCH /api/jobs/:name',
    permission: 'system.logs',
    summary: 'Liga, desliga ou muda o horário (regra cron) de uma tarefa.',
    input: z.strictObject({ name: JobName, enabled: z.boolean().optional(), cron: Text(60).optional() }),
    output: JobInfo,
  }),
  'jobs.run': procedure({
    http: 'POST /api/jobs/:name/run',
    permission: 'system.logs',
    summary: 'Executa uma tarefa agora.',
    write: false,
    input: z.strictObject({ name: JobName }),
    output: JobInfo,
  }),
};

export type MessagesSettingsOut = z.output<typeof MessagesSettings>;
