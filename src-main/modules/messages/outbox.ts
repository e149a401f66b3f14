import type { Locale } from '../../../src-shared/i18n';
import { msg, readStored, storedMsg } from '../../../src-shared/i18n';
import type { Clock } from '../../clock';
import type { Db } from '../../db/connection';
import type { OutboxTable } from '../../db/schema';
import { orderDocumentPdf } from '../../documents/order-docs';
import type { Logger } from '../../log/logger';
import type { ProcCtx } from '../../rpc/context';
import { type Attachment, SendError, sendEmail, sendWhatsapp, waLink } from './channels';
import { cloudApiConfigured, getMessagesConfig, type MessagesConfig, smtpConfigured } from './settings';
import { weeklyReportPdf } from './weekly';

type Row = {
  [K in keyof OutboxTable]: OutboxTable[K] extends import('kysely').Generated<infer T> ? T : OutboxTable[K];
};

export interface NewMessage {
  channel: 'email' | 'whatsapp';
  kind: string;
  customerId: number | null;
  recipient: string;
  subject: string | null;
  body: string;
  /** What to attach, built when sending (`{"weeklyReport": "2026-11-23"}`). */
  attachment?: Record<string, string> | null;
  /** The same key twice writes one message (a weekly report per week and recipient, a reminder per customer and day). */
  dedupeKey?: string | null;
  /** `held`: waits for someone to confirm it (order ready, "ask each time"). */
  status?: 'pending' | 'held';
}

/**
 * Writes a message to the outbox inside the caller's transaction; the sender delivers it after the
 * commit (a rolled-back call sends nothing). Returns its id, or null when its dedupe key already
 * exists.
 */
export async function enqueue(ctx: ProcCtx, m: NewMessage): Promise<number | null> {
  const now = ctx.clock.nowIso();
  const row = await ctx.db
    .insertInto('outbox')
    .values({
      channel: m.channel,
      kind: m.kind,
      customer_id: m.customerId,
      recipient: m.recipient,
      subject: m.subject,
      body: m.body,
      attachment: m.attachment ? JSON.stringify(m.attachment) : null,
      status: m.status ?? 'pending',
      next_attempt_at: now,
      dedupe_key: m.dedupeKey ?? null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row) ctx.services.automation.kickOutbox();
  return row?.id ?? null;
}

/** A message as the contract shows it (errors kept as catalogue keys are said in the reader's language). */
export function toOutboxMessage(row: Row & { customer_name?: string | null }, locale: Locale) {
  return {
    id: row.id,
    channel: row.channel,
    kind: row.kind,
    customerId: row.customer_id,
    customerName: row.customer_name ?? null,
    recipient: row.recipient,
    subject: row.subject,
    body: row.body,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error === null ? null : readStored(row.last_error, locale),
    sentAt: row.sent_at,
    createdAt: row.created_at,
    link: row.channel === 'whatsapp' ? waLink(row.recipient, row.body) : null,
  };
}

/** Backoff before attempt n+1: 1 min, 4 min, 16 min, ~1 h, ~4 h, capped at 6 h. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000 * 4 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

/** How long a claim holds a message: longer than any send may take (SMTP timeouts are 10–30 s). */
export const LEASE_MS = 5 * 60_000;

export interface SenderHost {
  db: Db;
  clock: Clock;
  /** Where item pictures are (an order's PDF attached to an e-mail prints them). */
  mediaDir: string;
  log: Logger;
  /** Runs work in its own committed transaction (the dispatcher's `system`). */
  system<T>(label: string, work: (ctx: ProcCtx) => Promise<T>): Promise<T>;
}

interface Outcome {
  id: number;
  attempts: number;
  outcome: keyof DeliveryReport;
  error: string | null;
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

async function attachmentsFor(db: Db, clock: Clock, mediaDir: string, row: Row): Promise<Attachment[]> {
  if (!row.attachment) return [];
  const spec = JSON.parse(row.attachment) as Record<string, string>;
  const out: Attachment[] = [];
  if (spec.weeklyReport)
    out.push({
      filename: `relatorio-semana-${spec.weeklyReport}.pdf`,
      contentType: 'application/pdf',
      content: await weeklyReportPdf(db, clock, spec.weeklyReport),
    });
  if (spec.orderDocument) {
    // Drawn when sent, as the order is then (the user who queued it was allowed to see its prices).
    const doc = await orderDocumentPdf(
      { db, clock, user: null, services: { mediaDir } },
      Number(spec.orderDocument),
      spec.documentKind === 'os' ? 'os' : 'orcamento',
    );
    out.push({ filename: doc.filename, contentType: 'application/pdf', content: doc.pdf });
  }
  return out;
}

/**
 * Delivers the outbox, outside any transaction: each pass **claims** a few due messages in one
 * small committed transaction (`sending`, a lease, one more attempt), sends each over the network
 * with no database connection held, and records the outcome in another small transaction (`sent`;
 * or `pending` again after a backoff; or `failed` once its attempts are spent or the channel says
 * no for good). A message found `sending` when the app starts was claimed by a process that died
 * before recording the outcome: it may or may not have left, so it becomes `uncertain` and is
 * never resent by itself — someone checks and resends it from the outbox screen (at most once).
 */
export class OutboxSender {
  private started = false;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly host: SenderHost) {}

  /** Marks interrupted sends as uncertain, then delivers now and every `pollMs`. */
  async start(pollMs = 15_000): Promise<void> {
    await this.recover();
    this.started = true;
    this.timer = setInterval(() => this.kick(), pollMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Asks for a pass soon (after the caller's transaction commits: the claim waits for the connection). */
  kick(): void {
    if (!this.started) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.deliverDue();
        } while (this.again && this.started);
      } catch (err) {
        this.host.log.error({ evt: 'outbox', err }, 'outbox pass failed');
      } finally {
        this.running = null;
      }
    })();
  }

  /** Messages left `sending` by a process that ended mid-send become `uncertain`. */
  async recover(): Promise<number> {
    return this.host.system('outbox:recover', async (ctx) => {
      const now = ctx.clock.nowIso();
      const res = await ctx.db
        .updateTable('outbox')
        .set({
          status: 'uncertain',
          claimed_until: null,
          updated_at: now,
          last_error: storedMsg(msg('outbox.uncertain')),
        })
        .where('status', '=', 'sending')
        .executeTakeFirst();
      const n = Number(res.numUpdatedRows);
      if (n) this.host.log.warn({ evt: 'outbox', count: n }, 'interrupted sends marked uncertain');
      return n;
    });
  }

  /**
   * Claims and sends every due message, a batch at a time; each batch's outcomes are recorded
   * together in one small transaction (until then its messages stay `sending`: a crash in between
   * leaves them uncertain, never resent). Returns what happened.
   */
  async deliverDue(batch = 10): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
    for (;;) {
      const claimed = await this.claim(batch);
      if (!claimed.rows.length) return report;
      const outcomes: Outcome[] = [];
      for (const row of claimed.rows) {
        outcomes.push(await this.sendOne(claimed.config, row));
        // Let waiting requests run between two sends.
        await new Promise((resolve) => setImmediate(resolve));
      }
      await this.record(outcomes);
      for (const o of outcomes) report[o.outcome]++;
    }
  }

  /** Claims up to `batch` due messages (public for tests that stop between claiming and sending). */
  async claim(batch: number): Promise<{ config: MessagesConfig; rows: Row[] }> {
    return this.host.system('outbox:claim', async (ctx) => {
      const config = await getMessagesConfig(ctx.db);
      const channels: Array<'email' | 'whatsapp'> = [];
      if (smtpConfigured(config)) channels.push('email');
      // Without the Cloud API, WhatsApp messages wait on the "A enviar" list for a person.
      if (cloudApiConfigured(config)) channels.push('whatsapp');
      if (!channels.length) return { config, rows: [] };
      const now = ctx.clock.nowIso();
      const rows = (await ctx.db
        .selectFrom('outbox')
        .selectAll()
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where('channel', 'in', channels)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(batch)
        .execute()) as Row[];
      if (!rows.length) return { config, rows };
      const until = new Date(ctx.clock.now().getTime() + LEASE_MS).toISOString();
      await ctx.db
        .updateTable('outbox')
        .set((eb) => ({ status: 'sending', claimed_until: until, attempts: eb('attempts', '+', 1), updated_at: now }))
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
      return { config, rows: rows.map((r) => ({ ...r, attempts: r.attempts + 1 })) };
    });
  }

  private async sendOne(config: MessagesConfig, row: Row): Promise<Outcome> {
    const log = this.host.log.child({ evt: 'outbox', messageId: row.id, channel: row.channel, kind: row.kind });
    let error: SendError | null = null;
    try {
      if (row.channel === 'email')
        await sendEmail(config, {
          to: row.recipient,
          subject: row.subject ?? '',
          text: row.body,
          attachments: await attachmentsFor(this.host.db, this.host.clock, this.host.mediaDir, row),
        });
      else await sendWhatsapp(config, row.recipient, row.body);
    } catch (err) {
      error = err instanceof SendError ? err : new SendError(err instanceof Error ? err.message : String(err), false);
    }
    const outcome: keyof DeliveryReport = !error
      ? 'sent'
      : error.permanent || row.attempts >= row.max_attempts
        ? 'failed'
        : 'retried';
    if (error) log.warn({ outcome, attempts: row.attempts, error: error.message }, 'message not sent');
    else log.info({ outcome }, 'message sent');
    return { id: row.id, attempts: row.attempts, outcome, error: error?.message ?? null };
  }

  private async record(outcomes: Outcome[]): Promise<void> {
    await this.host.system('outbox:record', async (ctx) => {
      const now = ctx.clock.nowIso();
      const sent = outcomes.filter((o) => o.outcome === 'sent').map((o) => o.id);
      if (sent.length)
        await ctx.db
          .updateTable('outbox')
          .set({ status: 'sent', sent_at: now, claimed_until: null, last_error: null, updated_at: now })
          .where('id', 'in', sent)
          .execute();
      for (const o of outcomes) {
        if (o.outcome === 'sent') continue;
        await ctx.db
          .updateTable('outbox')
          .set({
            status: o.outcome === 'failed' ? 'failed' : 'pending',
            claimed_until: null,
            last_error: (o.error ?? '').slice(0, 500),
            next_attempt_at: new Date(ctx.clock.now().getTime() + backoffMs(o.attempts)).toISOString(),
            updated_at: now,
          })
          .where('id', '=', o.id)
          .execute();
      }
    });
  }
}
