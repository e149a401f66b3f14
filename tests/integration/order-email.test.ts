import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { formatCents } from '../../src-shared/domain/money';
import type { AppError } from '../../src-shared/errors';
import { makeApp, setupAdmin, tempDir, userWithRole } from '../helpers/app';
import { smtpSettings, TestSmtp } from '../helpers/smtp';

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a refusal');
}

/** The PDF attached to a raw MIME message, decoded. */
function attachedPdf(raw: string): Buffer {
  const part = raw.split(/\r?\n--/).find((p) => /Content-Type: application\/pdf/i.test(p));
  if (!part) throw new Error('no PDF attached');
  const body = part
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('\n')
    .replace(/\s+/g, '');
  return Buffer.from(body, 'base64');
}

describe('a quote sent by e-mail', () => {
  let app: App;
  let token: string;
  const smtp = new TestSmtp();
  let quoteId: number;
  let customerId: number;
  let quoteTotal: string;
  beforeAll(async () => {
    ({ app } = await makeApp('2026-11-24T13:00:00Z'));
    token = await setupAdmin(app);
    await smtp.start();
    const product = (await app.call(
      'products.create',
      { name: 'Banner', productionType: 'lona', unit: 'un', priceCents: 7500 },
      { token },
    )) as { id: number };
    const customer = (await app.call(
      'customers.create',
      { name: 'Carla Mendes', email: 'carla@cliente.test' },
      { token },
    )) as { id: number };
    customerId = customer.id;
    const quote = (await app.call(
      'orders.create',
      {
        kind: 'orcamento',
        customerId,
        validUntil: '2026-12-05',
        items: [{ productId: product.id, description: 'Banner 2 × 1 m', quantity: 2 }],
      },
      { token },
    )) as { id: number; totalCents: number };
    quoteId = quote.id;
    quoteTotal = formatCents(quote.totalCents)
      .replace(/\u00a0/g, ' ')
      .replace('R$ ', '');
  });
  afterAll(async () => {
    await app.close();
    await smtp.stop();
  });

  it('without e-mail configured, says what to set up and queues nothing', async () => {
    const err = await refusal(
      app.call('messages.emailOrderDocument', { id: quoteId, document: 'orcamento' }, { token }),
    );
    expect(err.status).toBe(422);
    expect(err.message).toMatch(/SMTP/);
    expect(await app.db.selectFrom('outbox').select('id').execute()).toEqual([]);
  });

  it('goes to the customer with the quote PDF attached, drawn with the company header and the prices', async () => {
    await app.call('messages.updateSettings', smtpSettings(smtp.port), { token });
    const consent = async (transactionalEmail: boolean) => {
      const current = (await app.call('customers.get', { id: customerId }, { token })) as { version: number };
      await app.call(
        'customers.update',
        {
          id: customerId,
          version: current.version,
          consent: {
            transactionalEmail,
            transactionalWhatsapp: false,
            marketingEmail: false,
            marketingWhatsapp: false,
          },
        },
        { token },
      );
    };
    // A customer who said no to e-mail gets nothing unless an address is typed.
    await consent(false);
    const noConsent = await refusal(
      app.call('messages.emailOrderDocument', { id: quoteId, document: 'orcamento' }, { token }),
    );
    expect(noConsent.message).toMatch(/não aceita mensagens por e-mail/);
    expect(await app.db.selectFrom('outbox').select('id').execute()).toEqual([]);
    await consent(true);

    const out = (await app.call('messages.emailOrderDocument', { id: quoteId, document: 'orcamento' }, { token })) as {
      messageId: number;
      to: string;
    };
    expect(out.to).toBe('carla@cliente.test');
    await app.outbox.deliverDue();
    const mail = smtp.received.at(-1);
    expect(mail?.to).toEqual(['carla@cliente.test']);
    const file = path.join(tempDir('balcao-mail-'), 'orcamento.pdf');
    fs.writeFileSync(file, attachedPdf(mail?.raw ?? ''));
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toMatch(/Orçamento/);
    expect(text).toMatch(/Carla Mendes/);
    expect(text).toMatch(/Banner 2 × 1 m/);
    expect(quoteTotal).not.toBe('0,00');
    expect(text).toContain(quoteTotal);
    const row = await app.db.selectFrom('outbox').selectAll().where('id', '=', out.messageId).executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
    expect(row.subject).toMatch(/orçamento/);
  });

  it('a seller cannot send the prices of another seller’s customer; production cannot send at all', async () => {
    const seller = await userWithRole(app, 'vendedor', 'vend_mail');
    const err = await refusal(
      app.call(
        'messages.emailOrderDocument',
        { id: quoteId, document: 'orcamento', to: 'x@y.test' },
        { token: seller.token },
      ),
    );
    expect(err.status).toBe(403);
    const production = await userWithRole(app, 'producao', 'prod_mail');
    const denied = await refusal(
      app.call(
        'messages.emailOrderDocument',
        { id: quoteId, document: 'orcamento', to: 'x@y.test' },
        { token: production.token },
      ),
    );
    expect(denied.status).toBe(403);
  });
});
