import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import type { ManualClock } from '../../src-main/clock';
import { dueJobs, JOBS, type Job } from '../../src-main/jobs/scheduler';
import { enqueue } from '../../src-main/modules/messages/outbox';
import { businessDateOf } from '../../src-shared/domain/dates';
import { parseEmv } from '../../src-shared/domain/pix';
import type { AppError } from '../../src-shared/errors';
import { readStored } from '../../src-shared/i18n';
import { makeApp, setupAdmin } from '../helpers/app';
import { smtpSettings, TestSmtp } from '../helpers/smtp';

const DAY = 86_400_000;
const jobsNamed = (...names: string[]) => JOBS.filter((j) => names.includes(j.name));

/** The shop's day (America/Sao_Paulo) at HH:00 local time, as an instant. */
const at = (date: string, hour: number) => new Date(`${date}T${String(hour + 3).padStart(2, '0')}:00:00Z`);

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a refusal');
}

describe('weekly report over eight weeks with days off', () => {
  let app: App;
  let clock: ManualClock;
  let token: string;
  const smtp = new TestSmtp();
  beforeAll(async () => {
    ({ app, clock } = await makeApp('2026-11-02T11:00:00Z')); // Monday 08:00 in São Paulo
    token = await setupAdmin(app);
    await smtp.start();
    await app.call(
      'messages.updateSettings',
      { ...smtpSettings(smtp.port), weeklyReport: { recipients: ['dono@grafica.test'] } },
      { token },
    );
  });
  afterAll(async () => {
    await app.close();
    await smtp.stop();
  });

  it('sends exactly one report per week, on Monday or at the first start after it', async () => {
    const weekly = jobsNamed('relatorio-semanal');
    // Days the PC stayed off: a Monday and Tuesday, a long weekend into Monday, a Monday morning.
    const off = new Set(['2026-11-16', '2026-11-17', '2026-11-28', '2026-11-29', '2026-11-30']);
    const lateStart: Record<string, number> = { '2026-12-14': 14 };
    for (let d = 0; d < 56; d++) {
      const date = businessDateOf(new Date(Date.parse('2026-11-02T15:00:00Z') + d * DAY));
      if (off.has(date)) continue;
      const first = lateStart[date] ?? 8;
      clock.set(at(date, first));
      await dueJobs(app, weekly, true); // the app starts
      for (let hour = first; hour <= 18; hour++) {
        clock.set(at(date, hour));
        await dueJobs(app, weekly, false); // the half-minute check while it runs
        if (hour === 12 && date === '2026-11-09') await dueJobs(app, weekly, true); // a restart that day
      }
      await app.outbox.deliverDue();
    }
    const reports = await app.db
      .selectFrom('outbox')
      .select(['dedupe_key', 'created_at', 'status', 'subject'])
      .where('kind', '=', 'relatorio')
      .orderBy('id')
      .execute();
    expect(reports.map((r) => [r.dedupe_key?.split(':')[1], businessDateOf(new Date(r.created_at))])).toEqual([
      ['2026-10-26', '2026-11-02'],
      ['2026-11-02', '2026-11-09'],
      ['2026-11-09', '2026-11-18'], // Monday and Tuesday off: Wednesday's first start
      ['2026-11-16', '2026-11-23'],
      ['2026-11-23', '2026-12-01'], // off Saturday to Monday: Tuesday
      ['2026-11-30', '2026-12-07'],
      ['2026-12-07', '2026-12-14'], // started at 14:00: right then
      ['2026-12-14', '2026-12-21'],
    ]);
    expect(reports.every((r) => r.status === 'sent')).toBe(true);
    // Delivered over real SMTP: eight e-mails, each with its PDF.
    expect(smtp.received).toHaveLength(8);
    for (const mail of smtp.received) {
      expect(mail.to).toEqual(['dono@grafica.test']);
      expect(mail.raw).toContain('application/pdf');
      expect(mail.raw).toMatch(/relatorio-semana-\d{4}-\d{2}-\d{2}\.pdf/);
    }
  });
});

describe('payment reminders', () => {
  let app: App;
  let clock: ManualClock;
  let token: string;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    ({ app, clock } = await makeApp('2026-10-01T12:00:00Z')); // the sales were made in October
    token = await setupAdmin(app);
    await app.call('settings.credit.update', { pixKey: 'pix@grafica.test', pixCity: 'Campinas' }, { token });
    const customer = async (name: string, extra: Record<string, unknown>) =>
      ((await app.call('customers.create', { name, ...extra }, { token })) as { id: number }).id;
    ids.ana = await customer('Ana Whats', { whatsapp: '11987654321' });
    ids.bruno = await customer('Bruno Email', { email: 'bruno@cliente.test', preferredChannel: 'email' });
    ids.carla = await customer('Carla Sem Consentimento', {
      whatsapp: '11912345678',
      email: 'carla@cliente.test',
      consent: { transactionalWhatsapp: false, transactionalEmail: false },
    });
    const sale = (customerId: number, totalCents: number, firstDueDate: string) =>
      app.call(
        'plans.createSale',
        { customerId, description: 'Banner', totalCents, count: 1, firstDueDate },
        { token },
      );
    await sale(ids.ana as number, 10_000, '2026-11-05'); // due in three days
    await sale(ids.ana as number, 5_000, '2026-10-31'); // two days late
    await sale(ids.bruno as number, 7_000, '2026-11-04');
    await sale(ids.carla as number, 9_000, '2026-11-03');
    clock.set('2026-11-02T12:00:00Z'); // Monday 09:00
  });
  afterAll(() => app.close());

  const messagesOf = (customerId: number) =>
    app.db.selectFrom('outbox').selectAll().where('customer_id', '=', customerId).orderBy('id').execute();

  it('groups a customer’s items in one message, by their channel, with the Pix; respects consent; never twice', async () => {
    const reminders = jobsNamed('lembretes-pagamento');
    clock.set(at('2026-11-02', 10));
    expect(await dueJobs(app, reminders, true)).toEqual(['lembretes-pagamento']);
    await dueJobs(app, reminders, true); // a restart: nothing new
    const ana = await messagesOf(ids.ana as number);
    expect(ana).toHaveLength(1);
    expect(ana[0]).toMatchObject({
      channel: 'whatsapp',
      recipient: '11987654321',
      kind: 'lembrete',
      status: 'pending',
    });
    expect(ana[0]?.body).toContain('Olá, Ana Whats!');
    expect(ana[0]?.body).toContain('vence em 05/11/2026');
    expect(ana[0]?.body).toContain('venceu em 31/10/2026 (2 dia(s) de atraso)');
    expect(ana[0]?.body).toMatch(/Total: R\$\s150,00/);
    const pix = ana[0]?.body.split('\n').find((l) => l.startsWith('000201')) ?? '';
    expect(parseEmv(pix).get('54')).toBe('150.00');
    const bruno = await messagesOf(ids.bruno as number);
    expect(bruno).toHaveLength(1);
    expect(bruno[0]).toMatchObject({ channel: 'email', recipient: 'bruno@cliente.test' });
    expect(await messagesOf(ids.carla as number)).toHaveLength(0);
  });

  it('follows the overdue cadence (1, 7, 15, 30 days) across days off and restarts, one message a day at most', async () => {
    const reminders = jobsNamed('lembretes-pagamento');
    const off = new Set(['2026-11-07', '2026-11-08']);
    for (let d = 1; d <= 40; d++) {
      const date = businessDateOf(new Date(at('2026-11-02', 10).getTime() + d * DAY));
      if (off.has(date)) continue;
      clock.set(at(date, 8));
      await dueJobs(app, reminders, true);
      clock.set(at(date, 10));
      await dueJobs(app, reminders, false);
      clock.set(at(date, 15));
      await dueJobs(app, reminders, true); // restarted in the afternoon
    }
    const days = (rows: Array<{ created_at: string }>) => rows.map((r) => businessDateOf(new Date(r.created_at)));
    expect(days(await messagesOf(ids.ana as number))).toEqual([
      '2026-11-02', // due in 3 days + 2 days late (step 1)
      '2026-11-06', // first installment 1 day late
      '2026-11-09', // second installment's 7th day fell on the weekend off: Monday
      '2026-11-12',
      '2026-11-15',
      '2026-11-20',
      '2026-11-30',
      '2026-12-05',
    ]);
    const marks = await app.db
      .selectFrom('reminder_marks')
      .select('key')
      .where('customer_id', '=', ids.ana as number)
      .execute();
    expect(marks).toHaveLength(9); // each item's step exactly once
    expect(await messagesOf(ids.carla as number)).toHaveLength(0);
  });

  it('starts reminding a customer once they consent', async () => {
    ({ token } = await app.services.sessions.create(app.db, 1, {})); // forty days later: a new login
    const carla = (await app.call('customers.get', { id: ids.carla }, { token })) as { version: number };
    await app.call(
      'customers.update',
      { id: ids.carla, version: carla.version, consent: { transactionalEmail: true } },
      { token },
    );
    clock.advance(DAY);
    await dueJobs(app, jobsNamed('lembretes-pagamento'), true);
    const rows = await messagesOf(ids.carla as number);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'email', recipient: 'carla@cliente.test' });
    const page = (await app.call('outbox.byCustomer', { id: ids.carla }, { token })) as { items: unknown[] };
    expect(page.items).toHaveLength(1);
  });
});

describe('outbox delivery', () => {
  let app: App;
  let clock: ManualClock;
  let token: string;
  let dir: string;
  const smtp = new TestSmtp();
  beforeAll(async () => {
    ({ app, clock, dir } = await makeApp('2026-11-24T13:00:00Z'));
    token = await setupAdmin(app);
    await smtp.start();
    await app.call('messages.updateSettings', smtpSettings(smtp.port), { token });
  });
  afterAll(async () => {
    await app.close();
    await smtp.stop();
  });

  const queue = (subject: string) =>
    app.dispatcher.system('teste', (ctx) =>
      enqueue(ctx, {
        channel: 'email',
        kind: 'teste',
        customerId: null,
        recipient: 'alguem@cliente.test',
        subject,
        body: 'corpo',
      }),
    );

  it('SMTP down: the message waits with the error, is retried after the backoff and delivered once it is back', async () => {
    const port = smtp.port;
    await smtp.stop();
    const id = (await queue('quando voltar')) as number;
    expect(await app.outbox.deliverDue()).toEqual({ sent: 0, retried: 1, failed: 0 });
    let row = await app.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(await app.outbox.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0 }); // not before the backoff
    await smtp.start(port);
    clock.advance(61_000);
    expect(await app.outbox.deliverDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    row = await app.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(smtp.received.filter((m) => m.raw.includes('quando voltar'))).toHaveLength(1);
    clock.advance(3_600_000);
    await app.outbox.deliverDue();
    expect(smtp.received.filter((m) => m.raw.includes('quando voltar'))).toHaveLength(1);
  });

  it('a crash between claiming and sending never sends by itself: the message becomes uncertain until resent', async () => {
    const id = (await queue('antes da queda')) as number;
    const claimed = await app.outbox.claim(10);
    expect(claimed.rows.map((r) => r.id)).toEqual([id]);
    // The process dies here: the claim is committed, the send never reported.
    await app.close();
    const { createApp } = await import('../../src-main/app');
    app = await createApp({ dataDir: dir, clock });
    await app.outbox.recover();
    clock.advance(3_600_000);
    expect(await app.outbox.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.received.filter((m) => m.raw.includes('antes da queda'))).toHaveLength(0);
    const list = (await app.call('outbox.list', { status: 'uncertain' }, { token })) as {
      items: Array<{ id: number; lastError: string }>;
    };
    expect(list.items.map((m) => m.id)).toEqual([id]);
    expect(list.items[0]?.lastError).toContain('pode ter saído ou não');
    // Someone checked with the customer and resends it: delivered exactly once.
    await app.call('outbox.resend', { id }, { token });
    expect((await app.outbox.deliverDue()).sent).toBe(1);
    expect(smtp.received.filter((m) => m.raw.includes('antes da queda'))).toHaveLength(1);
    const sentErr = await errorOf(app.call('outbox.resend', { id }, { token }));
    expect(sentErr.code).toBe('CONFLICT');
  });

  it('a permanently refused message stops and says why; cancel keeps it from being sent', async () => {
    await app.call(
      'messages.updateSettings',
      { smtp: { ...smtpSettings(smtp.port).smtp, fromAddress: 'loja@grafica.test' } },
      { token },
    );
    const id = (await queue('cancelada')) as number;
    await app.call('outbox.cancel', { id }, { token });
    await app.outbox.deliverDue();
    expect(smtp.received.filter((m) => m.raw.includes('cancelada'))).toHaveLength(0);
    const row = await app.db.selectFrom('outbox').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('cancelled');
  });
});

describe('SMTP settings, test e-mail and templates', () => {
  let app: App;
  let token: string;
  const smtp = new TestSmtp();
  const SECRET = 'senha-smtp-muito-secreta-987';
  beforeAll(async () => {
    ({ app } = await makeApp('2026-11-24T13:00:00Z'));
    token = await setupAdmin(app);
    await smtp.start();
  });
  afterAll(async () => {
    await app.close();
    await smtp.stop();
  });

  it('keeps the SMTP password write-only: never answered, never logged, never audited', async () => {
    const saved = await app.call(
      'messages.updateSettings',
      smtpSettings(smtp.port, { user: 'loja', password: SECRET }),
      {
        token,
      },
    );
    expect(JSON.stringify(saved)).not.toContain(SECRET);
    expect(saved).toMatchObject({ smtp: { passwordSet: true, user: 'loja' } });
    // Saving again without a password keeps it.
    await app.call('messages.updateSettings', smtpSettings(smtp.port, { user: 'loja' }), { token });
    await app.call('messages.testEmail', { to: 'dono@grafica.test' }, { token });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.user).toBe('loja');
    expect(smtp.received[0]?.raw).toMatch(/Subject: .*teste_de_e-mail/);
    const read = await app.call('messages.settings', {}, { token });
    expect(JSON.stringify(read)).not.toContain(SECRET);
    await app.services.logs.flush();
    const fs = await import('node:fs');
    const path = await import('node:path');
    const dir = app.services.logs.dir as string;
    const logs = fs
      .readdirSync(dir)
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    expect(logs).toContain('messages.updateSettings'); // the calls were logged…
    expect(logs).not.toContain(SECRET); // …without the password
    const audit = await app.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify(audit)).not.toContain(SECRET);
  });

  it('says why a test e-mail failed, in pt-BR, without a 500', async () => {
    await smtp.stop();
    const err = await errorOf(app.call('messages.testEmail', { to: 'dono@grafica.test' }, { token }));
    expect(err.code).toBe('BUSINESS_RULE');
    expect(err.message).toMatch(/^O e-mail de teste não foi enviado/);
  });

  it('refuses unknown placeholders (422, pt-BR) and previews a template on real data', async () => {
    const err = await errorOf(
      app.call(
        'templates.update',
        { kind: 'lembrete', subject: 'Lembrete', body: 'Oi {cliente}, pague {valorr} até {vencimento}.' },
        { token },
      ),
    );
    expect(err.code).toBe('BUSINESS_RULE');
    expect(err.message).toContain('{valorr}');
    expect(err.message).toContain('{valor}');
    expect(err.fields?.body).toBeTruthy();
    const before = (await app.call('templates.list', {}, { token })) as {
      items: Array<{ kind: string; isDefault: boolean }>;
    };
    expect(before.items.find((t) => t.kind === 'lembrete')?.isDefault).toBe(true);

    const c = (await app.call('customers.create', { name: 'Dona Rosa', whatsapp: '11955554444' }, { token })) as {
      id: number;
    };
    await app.call(
      'templates.update',
      { kind: 'pronto', subject: '{empresa}: pedido {pedido}', body: 'Oi {cliente}, o pedido {pedido} está pronto!' },
      { token },
    );
    const preview = (await app.call('templates.preview', { kind: 'pronto', customerId: c.id }, { token })) as {
      subject: string;
      body: string;
    };
    expect(preview.body).toMatch(/^Oi Dona Rosa, o pedido .+ está pronto!$/);
    expect(preview.subject).toMatch(/^Gráfica Exemplo: pedido /);
    const typed = (await app.call(
      'templates.preview',
      { kind: 'aniversario', body: 'Parabéns, {cliente}! — {empresa}', customerId: c.id },
      { token },
    )) as { body: string };
    expect(typed.body).toBe('Parabéns, Dona Rosa! — Gráfica Exemplo');
    const bad = await errorOf(app.call('templates.preview', { kind: 'aniversario', body: '{pix}' }, { token }));
    expect(bad.code).toBe('BUSINESS_RULE');
  });
});

describe('WhatsApp Cloud API and the "A enviar" list', () => {
  let app: App;
  let token: string;
  const http = { port: 0, requests: [] as Array<{ url: string; auth: string; body: unknown }>, status: 200 };
  let server: import('node:http').Server;
  beforeAll(async () => {
    ({ app } = await makeApp('2026-11-24T13:00:00Z'));
    token = await setupAdmin(app);
    const { createServer } = await import('node:http');
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => {
        raw += c;
      });
      req.on('end', () => {
        http.requests.push({ url: req.url ?? '', auth: req.headers.authorization ?? '', body: JSON.parse(raw) });
        res.writeHead(http.status, { 'content-type': 'application/json' });
        res.end(
          http.status === 200
            ? JSON.stringify({ messages: [{ id: 'wamid.1' }] })
            : JSON.stringify({ error: { message: 'Recipient phone number not in allowed list' } }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    http.port = (server.address() as import('node:net').AddressInfo).port;
  });
  afterAll(async () => {
    await app.close();
    await new Promise((r) => server.close(r));
  });

  const queueWhatsapp = (body: string) =>
    app.dispatcher.system('teste', (ctx) =>
      enqueue(ctx, {
        channel: 'whatsapp',
        kind: 'teste',
        customerId: null,
        recipient: '11987654321',
        subject: null,
        body,
      }),
    );

  it('without the Cloud API, messages wait on the list with a wa.me link; one click marks them sent', async () => {
    const id = (await queueWhatsapp('Olá! Seu pedido está pronto & esperando.')) as number;
    expect(await app.outbox.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    const list = (await app.call('outbox.toSend', {}, { token })) as { items: Array<{ id: number; link: string }> };
    expect(list.items.map((m) => m.id)).toEqual([id]);
    expect(list.items[0]?.link).toBe(
      `https://wa.me/5511987654321?text=${encodeURIComponent('Olá! Seu pedido está pronto & esperando.')}`,
    );
    const vendedor = (await import('../helpers/app')).userWithRole;
    const seller = await vendedor(app, 'vendedor');
    await app.call('outbox.markSent', { id }, { token: seller.token });
    expect(((await app.call('outbox.toSend', {}, { token })) as { items: unknown[] }).items).toHaveLength(0);
    const again = await errorOf(app.call('outbox.markSent', { id }, { token }));
    expect(again.code).toBe('CONFLICT');
  });

  it('with a token and phone number id, the outbox sends through the Cloud API by itself', async () => {
    await app.call(
      'messages.updateSettings',
      {
        whatsapp: {
          phoneNumberId: '1234567890',
          token: 'token-de-teste',
          apiBase: `http://127.0.0.1:${http.port}/v21.0`,
        },
      },
      { token },
    );
    const settings = (await app.call('messages.settings', {}, { token })) as { whatsapp: Record<string, unknown> };
    expect(settings.whatsapp).toMatchObject({ cloudApi: true, tokenSet: true });
    expect(JSON.stringify(settings)).not.toContain('token-de-teste');
    const id = (await queueWhatsapp('Lembrete de pagamento')) as number;
    expect(await app.outbox.deliverDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(http.requests).toEqual([
      {
        url: '/v21.0/1234567890/messages',
        auth: 'Bearer token-de-teste',
        body: {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: '5511987654321',
          type: 'text',
          text: { preview_url: false, body: 'Lembrete de pagamento' },
        },
      },
    ]);
    expect(
      (await app.db.selectFrom('outbox').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
    ).toBe('sent');
    // A refusal (4xx) is final: the message stops at once, with the API's reason.
    http.status = 400;
    const refused = (await queueWhatsapp('Não vai')) as number;
    expect(await app.outbox.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 1 });
    const row = await app.db.selectFrom('outbox').selectAll().where('id', '=', refused).executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.last_error).toContain('not in allowed list');
  });
});

describe('order ready, quote follow-up and the jobs screen', () => {
  let app: App;
  let clock: ManualClock;
  let token: string;
  beforeAll(async () => {
    ({ app, clock } = await makeApp('2026-11-24T13:00:00Z'));
    token = await setupAdmin(app);
  });
  afterAll(() => app.close());

  it('an order becoming pronto queues "seu pedido está pronto" per the shop setting', async () => {
    const { stateFact } = await import('../../src-main/modules/hooks');
    const product = (await app.call(
      'products.create',
      { name: 'Caneca', productionType: 'lona', unit: 'un', priceCents: 3000 },
      { token },
    )) as { id: number };
    const customer = (await app.call('customers.create', { name: 'Rita', whatsapp: '11933332222' }, { token })) as {
      id: number;
    };
    await app.call(
      'messages.updateSettings',
      { pickup: { address: 'Rua das Flores, 10', hours: '8h às 18h' } },
      { token },
    );
    const ready = async (setting: 'auto' | 'ask' | 'off') => {
      await app.call('messages.updateSettings', { orderReady: setting }, { token });
      const order = (await app.call(
        'orders.create',
        {
          customerId: customer.id,
          deliveryDate: '2026-11-30',
          items: [{ productId: product.id, description: 'Caneca', quantity: 1 }],
        },
        { token },
      )) as { id: number; number: string };
      await app.dispatcher.system('teste', (ctx) =>
        stateFact(ctx, 'orderReady', {
          orderId: order.id,
          number: order.number,
          customerName: 'Rita',
          sellerId: null,
          createdBy: null,
        }),
      );
      return app.db.selectFrom('outbox').selectAll().where('dedupe_key', '=', `pronto:${order.id}`).execute();
    };
    const auto = await ready('auto');
    expect(auto).toHaveLength(1);
    expect(auto[0]).toMatchObject({ status: 'pending', channel: 'whatsapp' });
    expect(auto[0]?.body).toContain('Rua das Flores, 10');
    expect((await ready('ask'))[0]?.status).toBe('held');
    expect(await ready('off')).toHaveLength(0);
  });

  it('tells the seller in the app about quotes expiring in two days, once', async () => {
    const product = (await app.call('products.list', {}, { token })) as { items: Array<{ id: number }> };
    const customer = (await app.call('customers.create', { name: 'Orçamento Cliente' }, { token })) as { id: number };
    const quote = (await app.call(
      'orders.create',
      {
        kind: 'orcamento',
        customerId: customer.id,
        validUntil: '2026-11-26',
        items: [{ productId: product.items[0]?.id, description: 'Caneca', quantity: 2 }],
      },
      { token },
    )) as { id: number; number: string };
    const job = jobsNamed('orcamentos-vencendo');
    await dueJobs(app, job, true);
    await dueJobs(app, job, true);
    const notes = await app.db
      .selectFrom('notifications')
      .selectAll()
      .where('type', '=', 'quote.expiring')
      .where('order_id', '=', quote.id)
      .execute();
    expect(notes).toHaveLength(1); // the admin made it: they hear of it
    expect(readStored(notes[0]?.title ?? '', 'pt-BR')).toBe(`Orçamento ${quote.number} vence em breve`);
  });

  it('admins see every job, change its time (validated), disable it and run it now; a failing job is recorded and notified', async () => {
    const list = (await app.call('jobs.list', {}, { token })) as {
      items: Array<{ name: string; cron: string; nextRunAt: string | null; enabled: boolean }>;
    };
    const weekly = list.items.find((j) => j.name === 'relatorio-semanal');
    expect(weekly).toMatchObject({ cron: '0 9 * * 1', enabled: true, nextRunAt: '2026-11-30T12:00:00.000Z' });
    const bad = await errorOf(app.call('jobs.update', { name: 'relatorio-semanal', cron: '0 25 * * *' }, { token }));
    expect(bad.code).toBe('VALIDATION');
    const moved = (await app.call('jobs.update', { name: 'relatorio-semanal', cron: '30 8 * * 2' }, { token })) as {
      nextRunAt: string;
    };
    expect(moved.nextRunAt).toBe('2026-12-01T11:30:00.000Z'); // next Tuesday 08:30 in São Paulo
    await app.call('jobs.update', { name: 'aniversarios', enabled: false }, { token });
    clock.advance(2 * DAY);
    const ran = await dueJobs(app, jobsNamed('aniversarios', 'limpeza'), true);
    expect(ran).toEqual(['limpeza']);
    const now = (await app.call('jobs.run', { name: 'limpeza' }, { token })) as {
      lastRun: { outcome: string } | null;
    };
    expect(now.lastRun?.outcome).toBe('ok');
    expect((await errorOf(app.call('jobs.run', { name: 'nao-existe' }, { token }))).code).toBe('NOT_FOUND');

    const failing: Job = {
      name: 'quebra',
      cron: '0 6 * * *',
      run: async () => {
        throw new Error('falhou de propósito');
      },
    };
    expect(await dueJobs(app, [failing], true)).toEqual(['quebra']);
    expect(await dueJobs(app, [failing], false)).toEqual([]); // not retried every half minute
    expect(await dueJobs(app, [failing], true)).toEqual(['quebra']); // but again at the next start
    const runs = await app.db.selectFrom('job_runs').selectAll().where('job', '=', 'quebra').execute();
    expect(runs.map((r) => [r.outcome, r.error])).toEqual([
      ['error', 'falhou de propósito'],
      ['error', 'falhou de propósito'],
    ]);
    const notes = await app.db.selectFrom('notifications').selectAll().where('type', '=', 'job.failed').execute();
    expect(notes).toHaveLength(2);
  });
});
