import nodemailer, { type Transporter } from 'nodemailer';
import type { MessagesConfig } from './settings';

/** One delivery's failure: `permanent` ones are not retried (a refused address, a bad token). */
export class SendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

export interface Attachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  attachments?: Attachment[];
}

let cached: { key: string; transport: Transporter } | null = null;

/** One pooled SMTP transport per configuration (a changed setting closes the old one). */
function transportFor(smtp: MessagesConfig['smtp']): Transporter {
  const key = JSON.stringify(smtp);
  if (cached?.key === key) return cached.transport;
  cached?.transport.close();
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 2,
    host: smtp.host,
    port: smtp.port,
    secure: smtp.tls === 'tls',
    requireTLS: smtp.tls === 'starttls',
    ignoreTLS: smtp.tls === 'none',
    ...(smtp.user && { auth: { user: smtp.user, pass: smtp.password } }),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // nodemailer's own logger stays off: it would print the AUTH exchange.
    logger: false,
  });
  cached = { key, transport };
  return transport;
}

/** Closes the pooled SMTP connections (app close, tests). */
export function closeTransports(): void {
  cached?.transport.close();
  cached = null;
}

export async function sendEmail(config: MessagesConfig, email: OutgoingEmail): Promise<void> {
  const { smtp } = config;
  try {
    await transportFor(smtp).sendMail({
      from: smtp.fromName ? { name: smtp.fromName, address: smtp.fromAddress } : smtp.fromAddress,
      to: email.to,
      subject: email.subject,
      text: email.text,
      attachments: email.attachments ?? [],
    });
  } catch (err) {
    const e = err as { message?: string; responseCode?: number };
    // A 5xx answer (mailbox refused, authentication failed) will not change by retrying.
    const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500;
    throw new SendError(e.message ?? String(err), permanent);
  }
}

/** Brazilian phone digits as WhatsApp wants them: with the country code. */
export function whatsappNumber(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length <= 11 ? `55${digits}` : digits;
}

/** The wa.me link that opens WhatsApp (phone or Web) with the text ready. */
export function waLink(phone: string, text: string): string {
  return `https://wa.me/${whatsappNumber(phone)}?text=${encodeURIComponent(text)}`;
}

/** Sends a text through the WhatsApp Business Cloud API (`{apiBase}/{phoneNumberId}/messages`). */
export async function sendWhatsapp(config: MessagesConfig, to: string, text: string): Promise<void> {
  const { apiBase, phoneNumberId, token } = config.whatsapp;
  let res: Response;
  try {
    res = await fetch(`${apiBase.replace(/\/+$/, '')}/${phoneNumberId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: whatsappNumber(to),
        type: 'text',
        text: { preview_url: false, body: text },
      }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    throw new SendError(err instanceof Error ? err.message : String(err), false);
  }
  if (res.ok) return;
  let detail = `HTTP ${res.status}`;
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    if (body.error?.message) detail = `${detail}: ${body.error.message}`;
  } catch {
    // not JSON
  }
  throw new SendError(detail, res.status >= 400 && res.status < 500 && res.status !== 429);
}
