import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core';
import { enqueue } from '../../src-main/modules/messages/outbox';
import { api, setupAdmin, startTestCore } from '../helpers/app';
import { smtpSettings, startSmtpWorker } from '../helpers/smtp';

describe('the outbox sends outside any transaction', () => {
  let core: Core;
  let token: string;
  let smtp: Awaited<ReturnType<typeof startSmtpWorker>>;
  beforeAll(async () => {
    core = await startTestCore();
    token = await setupAdmin(core.app);
    smtp = await startSmtpWorker();
    await core.app.call('messages.updateSettings', smtpSettings(smtp.port), { token });
  });
  afterAll(async () => {
    await core.stop();
    await smtp.stop();
  });

  it('keeps a request’s p95 under 20 ms while 500 e-mails are being sent, each delivered once', async () => {
    const get = api(core.url, token);
    for (let i = 0; i < 60; i++) await get('GET', '/api/customers?perPage=20'); // warm up
    const idle: number[] = [];
    for (let i = 0; i < 150; i++) {
      const t0 = performance.now();
      await get('GET', '/api/customers?perPage=20');
      idle.push(performance.now() - t0);
    }
    await core.app.dispatcher.system('carga', async (ctx) => {
      for (let i = 0; i < 500; i++)
        await enqueue(ctx, {
          channel: 'email',
          kind: 'teste',
          customerId: null,
          recipient: `cliente${i}@cliente.test`,
          subject: `Mensagem ${i}`,
          body: `Olá, cliente ${i}.`,
        });
    });
    await core.app.outbox.start(60_000);
    const sent = () =>
      (
        core.app.database.sqlite.prepare("select count(*) as n from outbox where status = 'sent'").get() as {
          n: number;
        }
      ).n;
    const times: number[] = [];
    const deadline = Date.now() + 120_000;
    while (sent() < 500 && Date.now() < deadline) {
      const t0 = performance.now();
      const res = await get('GET', '/api/customers?perPage=20');
      times.push(performance.now() - t0);
      expect(res.status).toBe(200);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(sent()).toBe(500);
    const recipients = await smtp.recipients();
    expect(recipients).toHaveLength(500);
    expect(new Set(recipients).size).toBe(500);
    expect(times.length).toBeGreaterThan(20); // the requests really ran during the sending
    const sorted = [...times].sort((a, b) => a - b);
    const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? Number.POSITIVE_INFINITY;
    const idleP95 = [...idle].sort((a, b) => a - b)[Math.floor(idle.length * 0.95)];
    console.info(
      `p95 parado ${idleP95?.toFixed(1)} ms, durante o envio ${p95.toFixed(1)} ms (${times.length} pedidos)`,
    );
    // 20 ms on a machine that answers in a few; a shared, overloaded test machine (whose own idle
    // p95 is already high) is held to twice its idle p95. Holding the connection while sending
    // (500 sends of several ms each, one after the other) would break either bound.
    expect(p95).toBeLessThan(Math.max(20, 2 * (idleP95 ?? 0)));
  }, 180_000);
});
