import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src-main/clock';
import type { Core } from '../../src-main/core';
import { addDays } from '../../src-shared/domain/credit';
import { crc16, parseEmv } from '../../src-shared/domain/pix';
import { ADMIN, api, CPF_JOAO, CPF_MARIA, databaseDigest, startTestCore, tempDir } from '../helpers/app';
import { seedCatalog } from '../helpers/fixtures';

const clock = manualClock('2026-11-24T13:00:00Z');
let core: Core;
let admin: ReturnType<typeof api>;
let token: string;
let cat: Awaited<ReturnType<typeof seedCatalog>>;
let joao: number;
let maria: number;
const method: Record<string, number> = {};

/** Moves the shop's clock; sessions idle for more than 8 days expire, so the admin logs in again. */
async function travel(instant: string) {
  clock.set(instant);
  token = (await api(core.url)('POST', '/api/auth/login', { username: ADMIN.username, password: ADMIN.password })).body
    .token;
  admin = api(core.url, token);
}

async function order(totalUnits: number, customerId = joao) {
  const res = await admin('POST', '/api/orders', {
    customerId,
    deliveryDate: addDays(clock.today(), 5),
    items: [{ productId: cat.camiseta, description: 'Camisetas', quantity: totalUnits, unitPriceCents: 1000 }],
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body as { id: number; number: string; totalCents: number; version: number };
}

beforeAll(async () => {
  core = await startTestCore({ clock });
  token = (await api(core.url)('POST', '/api/setup', { companyName: 'Gráfica Exemplo', admin: ADMIN })).body.token;
  admin = api(core.url, token);
  cat = await seedCatalog(admin);
  joao = (
    await admin('POST', '/api/customers', {
      name: 'João da Silva',
      document: CPF_JOAO,
      whatsapp: '11987654321',
      address: { street: 'Rua das Flores', number: '10', city: 'Campinas', state: 'SP', cep: '13010-000' },
    })
  ).body.id;
  maria = (
    await admin('POST', '/api/customers', { name: 'Maria Conceição', document: CPF_MARIA, whatsapp: '(21) 99876-5432' })
  ).body.id;
  for (const m of (await admin('GET', '/api/payment-methods')).body.items) method[m.kind] = m.id;
  await admin('PATCH', '/api/settings/credit', { pixKey: 'contato@grafica.com.br', pixCity: 'Campinas' });
});
afterAll(() => core.stop());

describe('payments on orders', () => {
  it('without payment history the preferred method is Dinheiro', async () => {
    const res = await admin('GET', '/api/finance/preferred-payment-method');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ paymentMethodId: method.dinheiro, counts: [] });
  });

  it('partial then full payment marks the order paid; cash over the balance records the balance and the change', async () => {
    const o = await order(12); // R$ 120,00
    const first = await admin('POST', `/api/orders/${o.id}/payments`, {
      amountCents: 5000,
      paymentMethodId: method.pix,
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      amountCents: 5000,
      kind: 'pedido',
      receiptNumber: '2026-000001',
      paymentMethodName: 'Pix',
    });
    let view = (await admin('GET', `/api/orders/${o.id}`)).body;
    expect(view).toMatchObject({ paidCents: 5000, balanceCents: 7000, paymentState: 'parcial' });

    const over = await admin('POST', `/api/orders/${o.id}/payments`, {
      amountCents: 8000,
      paymentMethodId: method.pix,
    });
    expect(over.status).toBe(422);
    expect(over.body.error.message).toMatch(/maior que o saldo/);

    const cash = await admin('POST', `/api/orders/${o.id}/payments`, {
      amountCents: 10_000,
      paymentMethodId: method.dinheiro,
    });
    expect(cash.body).toMatchObject({ amountCents: 7000, tenderedCents: 10_000, changeCents: 3000 });
    view = (await admin('GET', `/api/orders/${o.id}`)).body;
    expect(view).toMatchObject({ paidCents: 12_000, balanceCents: 0, paymentState: 'pago' });
    expect(
      (await admin('POST', `/api/orders/${o.id}/payments`, { amountCents: 1, paymentMethodId: method.pix })).body.error
        .message,
    ).toMatch(/já está pago/);
  });

  it('an order with payments cannot be deleted; a reversal keeps both entries in the history', async () => {
    const o = await order(5);
    const paid = (
      await admin('POST', `/api/orders/${o.id}/payments`, { amountCents: 2000, paymentMethodId: method.debito })
    ).body;
    const del = await admin('DELETE', `/api/orders/${o.id}`);
    expect(del.status).toBe(422);
    expect(del.body.error.message).toMatch(/tem pagamentos/);

    await admin('POST', '/api/users', {
      name: 'Vera Vendas',
      username: 'vera',
      role: 'vendedor',
      password: 'vera-senha-1',
    });
    const vera = api(
      core.url,
      (await api(core.url)('POST', '/api/auth/login', { username: 'vera', password: 'vera-senha-1' })).body.token,
    );
    expect((await vera('POST', `/api/payments/${paid.id}/reverse`, { reason: 'Erro' })).status).toBe(403);

    const rev = await admin('POST', `/api/payments/${paid.id}/reverse`, { reason: 'Cobrado em duplicidade' });
    expect(rev.status).toBe(201);
    expect(rev.body).toMatchObject({
      kind: 'estorno',
      amountCents: -2000,
      reversalOfId: paid.id,
      reversalReason: 'Cobrado em duplicidade',
    });
    const list = (await admin('GET', `/api/orders/${o.id}/payments`)).body;
    expect(list.items.map((p: { amountCents: number }) => p.amountCents)).toEqual([2000, -2000]);
    expect(list).toMatchObject({ paidCents: 0, balanceCents: 5000, paymentState: 'em_aberto' });
    expect(list.items[0].reversedById).toBe(rev.body.id);
    const audit = (await admin('GET', `/api/audit?entity=payment&entityId=${rev.body.id}`)).body.items;
    expect(audit[0].after.kind).toBe('estorno');
    expect((await admin('POST', `/api/payments/${paid.id}/reverse`, { reason: 'de novo' })).status).toBe(422);
  });

  it('a required deposit (sinal) is enforced at finance approval', async () => {
    await admin('PATCH', '/api/settings/credit', { depositPercent: 50 });
    const o = await order(10);
    const refused = await admin('POST', `/api/orders/${o.id}/stages/financeiro`, { done: true });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/sinal de 50% \(R\$\s50,00\)/);
    await admin('POST', `/api/orders/${o.id}/payments`, { amountCents: 5000, paymentMethodId: method.pix });
    expect((await admin('POST', `/api/orders/${o.id}/stages/financeiro`, { done: true })).body.status).toBe(
      'em_producao',
    );
    await admin('PATCH', '/api/settings/credit', { depositPercent: 0 });
  });

  it('the preferred method is the most used in the last 90 days, reversed payments left out', async () => {
    // So far: Pix twice, Dinheiro once, Débito once but reversed.
    const now = (await admin('GET', '/api/finance/preferred-payment-method')).body;
    expect(now.paymentMethodId).toBe(method.pix);
    expect(now.counts).toEqual([
      { paymentMethodId: method.pix, count: 2 },
      { paymentMethodId: method.dinheiro, count: 1 },
    ]);
    // 91 days later that history no longer counts.
    const later = addDays(clock.today(), 91);
    await travel(`${later}T13:00:00Z`);
    expect((await admin('GET', '/api/finance/preferred-payment-method')).body).toEqual({
      paymentMethodId: method.dinheiro,
      counts: [],
    });
    await travel('2026-11-24T13:00:00Z');
  });

  it('lists the finance history with totals per method, and exports it as CSV', async () => {
    const res = await admin('GET', '/api/payments?from=2026-11-24&to=2026-11-24');
    expect(res.body.total).toBe(res.body.items.length);
    const pix = res.body.byMethod.find((m: { name: string }) => m.name === 'Pix');
    expect(pix.totalCents).toBe(10_000);
    expect(res.body.totalCents).toBe(
      res.body.byMethod.reduce((s: number, m: { totalCents: number }) => s + m.totalCents, 0),
    );
    const csv = await fetch(`${core.url}/api/payments/export.csv?from=2026-11-24&to=2026-11-24`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await csv.text();
    expect(text.split('\n')[0]).toMatch(/^Recibo;Data;Cliente;/);
    expect(text).toMatch(/João da Silva/);
  });

  it('an order of R$ 0,00 is "sem valor", not "pago", on the order, its list and the statement', async () => {
    const res = await admin('POST', '/api/orders', {
      customerId: maria,
      deliveryDate: addDays(clock.today(), 5),
      items: [{ productId: cat.camiseta, description: 'Brinde', quantity: 1, unitPriceCents: 0 }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ totalCents: 0, paymentState: 'sem_valor', creditOpenCents: 0 });
    expect((await admin('GET', `/api/orders/${res.body.id}/payments`)).body.paymentState).toBe('sem_valor');
    const st = (await admin('GET', `/api/customers/${maria}/statement`)).body;
    expect(st.orders.find((x: { id: number }) => x.id === res.body.id).status).toBe('Pendente · Sem valor');
  });

  it('Pix payload for the order balance decodes and its CRC checks', async () => {
    const o = await order(3);
    const { payload, amountCents } = (await admin('GET', `/api/orders/${o.id}/pix`)).body;
    expect(amountCents).toBe(3000);
    expect(payload.slice(-4)).toBe(crc16(payload.slice(0, -4)));
    expect(parseEmv(payload).get('54')).toBe('30.00');
  });
});

describe('crediário', () => {
  let planId: number;
  let installments: Array<{ id: number; code: string; amountCents: number; dueDate: string }>;

  it('finances the balance less the down payment, split exactly, monthly with month-end fallback', async () => {
    const o = await order(13); // R$ 130,00
    const sim = await admin('POST', '/api/installment-plans/simulate', {
      financedCents: 10_000,
      count: 3,
      firstDueDate: '2027-01-31',
    });
    expect(sim.body.installments.map((i: { amountCents: number }) => i.amountCents)).toEqual([3334, 3333, 3333]);
    const res = await admin('POST', `/api/orders/${o.id}/installment-plan`, {
      downPaymentCents: 3000,
      downPaymentMethodId: method.dinheiro,
      count: 3,
      firstDueDate: '2027-01-31',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      financedCents: 10_000,
      totalCents: 10_000,
      downPaymentCents: 3000,
      status: 'ativo',
    });
    installments = res.body.installments;
    expect(installments.map((i) => [i.code, i.dueDate, i.amountCents])).toEqual([
      [`${o.number}-1/3`, '2027-01-31', 3334],
      [`${o.number}-2/3`, '2027-02-28', 3333],
      [`${o.number}-3/3`, '2027-03-31', 3333],
    ]);
    planId = res.body.id;
    // Nothing is owed on the order itself, but the plan still is: never "pago".
    expect((await admin('GET', `/api/orders/${o.id}`)).body).toMatchObject({
      paidCents: 3000,
      financedCents: 10_000,
      balanceCents: 0,
      paymentState: 'no_crediario',
      creditOpenCents: 10_000,
    });
    expect((await admin('GET', `/api/orders/${o.id}/payments`)).body).toMatchObject({
      paymentState: 'no_crediario',
      creditOpenCents: 10_000,
    });
    const listed = (await admin('GET', `/api/orders?customerId=${joao}&perPage=200`)).body.items.find(
      (x: { id: number }) => x.id === o.id,
    );
    expect(listed).toMatchObject({ paymentState: 'no_crediario', creditOpenCents: 10_000 });
    const st = (await admin('GET', `/api/customers/${joao}/statement`)).body;
    expect(st.orders.find((x: { id: number }) => x.id === o.id)).toMatchObject({
      orderStatus: 'pendente',
      paymentState: 'no_crediario',
      creditOpenCents: 10_000,
      status: 'Pendente · No crediário',
    });
  });

  it('previews late charges and collects them apart from principal; the fine is charged once', async () => {
    const first = installments[0] as { id: number; amountCents: number };
    await travel('2027-03-17T13:00:00Z'); // 45 days after 31/01
    const charges = (await admin('GET', `/api/installments/${first.id}/charges`)).body;
    // 3334 × 2% = 66.68 → 67; 3334 × 1% × 45/30 = 50.01 → 50
    expect(charges).toEqual({ principalCents: 3334, fineCents: 67, interestCents: 50, totalCents: 3451, daysLate: 45 });
    const partial = await admin('POST', `/api/installments/${first.id}/payments`, {
      amountCents: 2000,
      paymentMethodId: method.pix,
    });
    expect(partial.body).toMatchObject({ fineCents: 67, interestCents: 50, amountCents: 1883, totalCents: 2000 });
    await travel('2027-03-27T13:00:00Z');
    const later = (await admin('GET', `/api/installments/${first.id}/charges`)).body;
    // open 1451; no new fine; 1451 × 1% × 10/30 = 4.84 → 5
    expect(later).toMatchObject({ principalCents: 1451, fineCents: 0, interestCents: 5, totalCents: 1456 });
  });

  it('two payments racing for one installment never pay more than it owes', async () => {
    const second = installments[1] as { id: number };
    const due = (await admin('GET', `/api/installments/${second.id}/charges`)).body.totalCents;
    const [a, b] = await Promise.all([
      admin('POST', `/api/installments/${second.id}/payments`, { amountCents: due, paymentMethodId: method.pix }),
      admin('POST', `/api/installments/${second.id}/payments`, { amountCents: due, paymentMethodId: method.pix }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 422]);
    const plan = (await admin('GET', `/api/installment-plans/${planId}`)).body;
    expect(plan.installments[1]).toMatchObject({ paidCents: 3333, balanceCents: 0, status: 'paga' });
  });

  it('a gerente may waive charges with a reason; a vendedor may not', async () => {
    const third = installments[2] as { id: number };
    await travel('2027-04-20T13:00:00Z');
    const vera = api(
      core.url,
      (await api(core.url)('POST', '/api/auth/login', { username: 'vera', password: 'vera-senha-1' })).body.token,
    );
    expect(
      (
        await vera('POST', `/api/installments/${third.id}/payments`, {
          amountCents: 3333,
          paymentMethodId: method.pix,
          waiveReason: 'Cliente antigo',
        })
      ).status,
    ).toBe(403);
    const waived = await admin('POST', `/api/installments/${third.id}/payments`, {
      amountCents: 3333,
      paymentMethodId: method.pix,
      waiveReason: 'Cliente antigo',
    });
    expect(waived.body).toMatchObject({
      amountCents: 3333,
      fineCents: 0,
      interestCents: 0,
      waivedReason: 'Cliente antigo',
    });
    // The first installment is still partly open (R$ 14,51): the order stays "no crediário" with it.
    const plan = (await admin('GET', `/api/installment-plans/${planId}`)).body;
    expect(plan.status).toBe('ativo');
    expect((await admin('GET', `/api/orders/${plan.orderId}`)).body).toMatchObject({
      paymentState: 'no_crediario',
      creditOpenCents: 1451,
    });
    await admin('POST', `/api/installments/${plan.installments[0].id}/payments`, {
      amountCents: 1451,
      paymentMethodId: method.pix,
      waiveReason: 'Acerto',
    });
    // Every installment paid: now, and only now, the order is "pago".
    expect((await admin('GET', `/api/installment-plans/${planId}`)).body.status).toBe('quitado');
    expect((await admin('GET', `/api/orders/${plan.orderId}`)).body).toMatchObject({
      paymentState: 'pago',
      creditOpenCents: 0,
    });
  });

  it('the overdue job with a moved clock marks late installments; payoff and renegotiation', async () => {
    const o = await order(30, maria);
    const plan = (
      await admin('POST', `/api/orders/${o.id}/installment-plan`, {
        count: 4,
        firstDueDate: '2027-05-10',
        monthlyRatePercent: 2,
      })
    ).body;
    expect(plan.totalCents).toBeGreaterThan(30_000);
    await travel('2027-06-15T13:00:00Z');
    const { catchUp } = await import('../../src-main/jobs/scheduler');
    await catchUp(core.app);
    const stored = core.app.database.sqlite
      .prepare('select status from installments where plan_id = ? order by number')
      .all(plan.id) as Array<{ status: string }>;
    expect(stored.map((s) => s.status)).toEqual(['atrasada', 'atrasada', 'pendente', 'pendente']);

    const payoff = (await admin('GET', `/api/installment-plans/${plan.id}/payoff?date=2027-06-15`)).body;
    expect(payoff.discountCents).toBeGreaterThan(0); // future interest reduced
    expect(payoff.chargesCents).toBeGreaterThan(0); // late ones carry fine and interest
    expect(payoff.totalCents).toBe(payoff.principalCents - payoff.discountCents + payoff.chargesCents);

    const reneg = await admin('POST', `/api/installment-plans/${plan.id}/renegotiate`, {
      count: 6,
      firstDueDate: '2027-07-10',
    });
    expect(reneg.status).toBe(201);
    expect(reneg.body).toMatchObject({ renegotiatedFromId: plan.id, count: 6, status: 'ativo' });
    const old = (await admin('GET', `/api/installment-plans/${plan.id}`)).body;
    expect(old.status).toBe('renegociado');
    expect(old.renegotiatedToId).toBe(reneg.body.id);
    expect(old.installments.every((i: { status: string }) => i.status === 'renegociada')).toBe(true);
    expect(reneg.body.financedCents).toBe(payoff.principalCents + payoff.chargesCents);
  });

  it('blocks a new plan for a customer overdue beyond the configured days, unless a gerente overrides', async () => {
    await admin('PATCH', '/api/settings/credit', { blockAfterDaysOverdue: 10 });
    await travel('2027-08-01T13:00:00Z'); // Maria's renegotiated plan is 22 days late
    const blocked = await admin('POST', '/api/credit-sales', {
      customerId: maria,
      description: 'Uniformes',
      totalCents: 50_000,
      count: 5,
      firstDueDate: '2027-09-01',
    });
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.message).toMatch(/vencidas há mais de 10 dias/);
    const vera = api(
      core.url,
      (await api(core.url)('POST', '/api/auth/login', { username: 'vera', password: 'vera-senha-1' })).body.token,
    );
    expect(
      (
        await vera('POST', '/api/credit-sales', {
          customerId: maria,
          description: 'Uniformes',
          totalCents: 50_000,
          count: 5,
          firstDueDate: '2027-09-01',
          override: true,
        })
      ).status,
    ).toBe(403);
    const ok = await admin('POST', '/api/credit-sales', {
      customerId: maria,
      description: 'Uniformes',
      totalCents: 50_000,
      count: 5,
      firstDueDate: '2027-09-01',
      override: true,
    });
    expect(ok.status).toBe(201);
    expect(ok.body.installments[0].code).toMatch(/^V2027-000001-1\/5$/);
  });

  it('delinquency figures match a hand-computed fixture', async () => {
    const res = (await admin('GET', '/api/reports/delinquency?asOf=2027-08-01')).body;
    const row = res.items.find((r: { customerId: number }) => r.customerId === maria);
    const open = core.app.database.sqlite
      .prepare(
        "select due_date, amount_cents - paid_cents as open from installments where customer_id = ? and status in ('pendente','parcial','atrasada') and due_date < '2027-08-01'",
      )
      .all(maria) as Array<{ due_date: string; open: number }>;
    expect(open.length).toBe(1); // 10/07, 22 days late
    const principal = open[0]?.open as number;
    const fine = Math.floor(principal * 0.02 + 0.5);
    const interest = Math.floor((principal * 0.01 * 22) / 30 + 0.5);
    expect(row).toMatchObject({
      count: 1,
      principalCents: principal,
      chargesCents: fine + interest,
      oldestDueDate: '2027-07-10',
    });
    expect(row.buckets).toEqual({ d1_30: principal, d31_60: 0, d61_90: 0, d90plus: 0 });
    expect(res.totals.principalCents).toBe(
      res.items.reduce((s: number, r: { principalCents: number }) => s + r.principalCents, 0),
    );
    const csv = await fetch(`${core.url}/api/reports/delinquency.csv?asOf=2027-08-01`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await csv.text()).toMatch(/Maria Conceição/);
  });

  it('receivables and the customer statement put it all together', async () => {
    const rec = (await admin('GET', '/api/receivables')).body;
    expect(rec.totalCents).toBe(rec.installmentsCents + rec.ordersCents);
    const listed = rec.items.reduce((s: number, i: { balanceCents: number }) => s + i.balanceCents, 0);
    expect(rec.totalCents).toBe(listed);
    const short = (await admin('GET', '/api/receivables?limit=1')).body;
    expect(short.items.length).toBeLessThanOrEqual(2);
    expect(short.totalCents).toBe(rec.totalCents); // totals never depend on the list's limit
    expect(short.count).toBe(rec.items.length);
    expect(
      rec.items.some((i: { kind: string; customerId: number }) => i.kind === 'parcela' && i.customerId === maria),
    ).toBe(true);
    const st = (await admin('GET', `/api/customers/${maria}/statement`)).body;
    expect(st.balanceCents).toBe(st.ordersBalanceCents + st.installmentsBalanceCents);
    expect(st.installments.length).toBeGreaterThan(0);
  });

  it('cancelling a plan needs a reason, cancels what is open and gives the unpaid part back to the order', async () => {
    const o = await order(30);
    const plan = (
      await admin('POST', `/api/orders/${o.id}/installment-plan`, {
        count: 3,
        firstDueDate: addDays(clock.today(), 10),
        override: true,
      })
    ).body;
    await admin('POST', `/api/installments/${plan.installments[0].id}/payments`, {
      amountCents: 10_000,
      paymentMethodId: method.pix,
    });
    expect((await admin('POST', `/api/installment-plans/${plan.id}/cancel`, {})).status).toBe(400);
    const cancelled = await admin('POST', `/api/installment-plans/${plan.id}/cancel`, { reason: 'Pedido desfeito' });
    expect(cancelled.body).toMatchObject({ status: 'cancelado', cancelReason: 'Pedido desfeito' });
    expect(cancelled.body.installments.map((i: { status: string }) => i.status)).toEqual([
      'paga',
      'cancelada',
      'cancelada',
    ]);
    expect((await admin('GET', `/api/orders/${o.id}`)).body).toMatchObject({
      financedCents: 10_000,
      balanceCents: 20_000,
    });
    expect((await admin('POST', `/api/installment-plans/${plan.id}/cancel`, { reason: 'de novo' })).status).toBe(422);
  });

  it('early payoff never goes below the open principal, and "Quitar agora" settles the plan at the quoted amount', async () => {
    const o = await order(100); // R$ 1.000,00
    const plan = (
      await admin('POST', `/api/orders/${o.id}/installment-plan`, {
        count: 3,
        firstDueDate: addDays(clock.today(), 45),
        monthlyRatePercent: 2,
        override: true,
      })
    ).body;
    expect(plan.totalCents).toBe(104_027);
    const quote = (await admin('GET', `/api/installment-plans/${plan.id}/payoff`)).body;
    // On the day it opens, paying it off costs the financed amount: not R$ 990,80.
    expect(quote).toMatchObject({
      date: clock.today(),
      installmentsCents: 104_027,
      openPrincipalCents: 100_000,
      futureInterestCents: 4027,
      discountCents: 4027,
      chargesCents: 0,
      totalCents: 100_000,
    });
    expect((await admin('GET', `/api/orders/${o.id}`)).body).toMatchObject({
      paymentState: 'no_crediario',
      creditOpenCents: 104_027,
    });

    const base = { date: quote.date, totalCents: quote.totalCents, paymentMethodId: method.pix };
    const stale = await admin('POST', `/api/installment-plans/${plan.id}/settle`, {
      ...base,
      date: addDays(clock.today(), -1),
    });
    expect(stale.status).toBe(422);
    expect(stale.body.error.message).toMatch(/só vale para hoje/);
    const wrong = await admin('POST', `/api/installment-plans/${plan.id}/settle`, { ...base, totalCents: 99_000 });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.message).toMatch(/O valor para quitar hoje é R\$\s1\.000,00/);
    await admin('POST', '/api/users', {
      name: 'Pedro Produção',
      username: 'pedro',
      role: 'producao',
      password: 'pedro-senha-1',
    });
    const pedro = api(
      core.url,
      (await api(core.url)('POST', '/api/auth/login', { username: 'pedro', password: 'pedro-senha-1' })).body.token,
    );
    expect((await pedro('POST', `/api/installment-plans/${plan.id}/settle`, base)).status).toBe(403);
    expect((await admin('GET', `/api/installment-plans/${plan.id}`)).body.status).toBe('ativo');

    const paid = await admin('POST', `/api/installment-plans/${plan.id}/settle`, base);
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ kind: 'quitacao', totalCents: 100_000, orderId: o.id, installmentId: null });
    expect(paid.body.receiptNumber).toMatch(/^\d{4}-\d{6}$/);
    const after = (await admin('GET', `/api/installment-plans/${plan.id}`)).body;
    expect(after.status).toBe('quitado');
    expect(after.installments.map((i: { status: string; balanceCents: number }) => [i.status, i.balanceCents])).toEqual(
      [
        ['paga', 0],
        ['paga', 0],
        ['paga', 0],
      ],
    );
    expect((await admin('GET', `/api/orders/${o.id}`)).body).toMatchObject({
      paymentState: 'pago',
      creditOpenCents: 0,
    });
    const orderPayments = (await admin('GET', `/api/orders/${o.id}/payments`)).body;
    expect(orderPayments.items.filter((p: { kind: string }) => p.kind === 'quitacao')).toHaveLength(1);
    const audit = (await admin('GET', `/api/audit?entity=plan&entityId=${plan.id}`)).body.items;
    expect(audit.some((a: { action: string }) => a.action === 'settle')).toBe(true);
    expect((await admin('POST', `/api/installment-plans/${plan.id}/settle`, base)).status).toBe(422);
    const reverse = await admin('POST', `/api/payments/${paid.body.id}/reverse`, { reason: 'teste' });
    expect(reverse.status).toBe(422);
    expect(reverse.body.error.message).toMatch(/quitação antecipada/);
  });

  it('WhatsApp charge link carries the amount and is logged on the customer', async () => {
    const inst = (await admin('GET', `/api/installments?customerId=${maria}&status=atrasada`)).body.items[0];
    const res = await admin('POST', `/api/installments/${inst.id}/whatsapp`);
    if (!res.body.url) throw new Error(JSON.stringify(res.body));
    expect(res.body.url).toMatch(/^https:\/\/wa\.me\/55/);
    expect(res.body.message).toMatch(/Olá, Maria! Lembrete da parcela/);
    const interactions = (await admin('GET', `/api/customers/${maria}/interactions`)).body.items;
    expect(interactions[0]).toMatchObject({ kind: 'whatsapp' });
  });
});

describe('orders filtered by payment state', () => {
  it('each state lists exactly the orders every screen shows in that state, for the whole shop', async () => {
    const customer = (await admin('POST', '/api/customers', { name: 'Cliente dos Estados' })).body.id as number;
    const mk = (units: number) => order(units, customer);
    const free = await admin('POST', '/api/orders', {
      customerId: customer,
      deliveryDate: addDays(clock.today(), 5),
      items: [{ productId: cat.camiseta, description: 'Brinde', quantity: 1, unitPriceCents: 0 }],
    });
    expect(free.status, JSON.stringify(free.body)).toBe(201);
    await mk(1); // em aberto
    const partial = await mk(2);
    await admin('POST', `/api/orders/${partial.id}/payments`, { amountCents: 500, paymentMethodId: method.pix });
    const paid = await mk(1);
    await admin('POST', `/api/orders/${paid.id}/payments`, { amountCents: 1000, paymentMethodId: method.pix });
    const financed = await mk(3);
    const plan = await admin('POST', `/api/orders/${financed.id}/installment-plan`, {
      downPaymentCents: 0,
      count: 2,
      firstDueDate: addDays(clock.today(), 30),
    });
    expect(plan.status).toBe(201);

    const all = (await admin('GET', '/api/orders?perPage=200&kind=todos')).body.items as Array<{
      id: number;
      customerId: number;
      paymentState: string;
    }>;
    const states = ['sem_valor', 'em_aberto', 'parcial', 'no_crediario', 'pago'];
    for (const state of states) {
      const listed = (await admin('GET', `/api/orders?perPage=200&kind=todos&paymentState=${state}`)).body
        .items as Array<{
        id: number;
        paymentState: string;
      }>;
      const expected = all.filter((o) => o.paymentState === state).map((o) => o.id);
      expect(expected.length, state).toBeGreaterThan(0);
      expect(listed.map((o) => o.id).sort(), state).toEqual(expected.sort());
      // And this customer has exactly one of each.
      expect(
        all.filter((o) => o.customerId === customer && o.paymentState === state),
        state,
      ).toHaveLength(1);
    }
    const two = (await admin('GET', `/api/orders?perPage=200&customerId=${customer}&paymentState=em_aberto,pago`)).body;
    expect(two.total).toBe(2);
  });
});

describe('PDF documents', () => {
  const dir = tempDir('balcao-pdf-');
  const pdf = async (url: string, name: string) => {
    const link = await admin('GET', `/api/files/link?path=${encodeURIComponent(url)}`);
    expect(link.status).toBe(200);
    const res = await fetch(`${core.url}${link.body.url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const file = path.join(dir, name);
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    // Lines wrap where the embedded font's widths say; the checks read the text, not the line breaks.
    const raw = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    return { file, text: raw.replace(/[ \t]*\n[ \t]*(?=\S)/g, (m) => (/\n\s*\n/.test(m) ? m : ' ')), raw };
  };
  const pages = (file: string) => {
    execFileSync('pdftoppm', ['-r', '40', '-png', file, path.join(dir, path.basename(file, '.pdf'))]);
    return fs.readdirSync(dir).filter((f) => f.startsWith(path.basename(file, '.pdf')) && f.endsWith('.png')).length;
  };

  it('the receipt shows the payer, the amount in words with accents, and the numbers', async () => {
    const o = await order(12);
    await travel('2027-08-01T15:00:00Z');
    const p = (
      await admin('POST', `/api/orders/${o.id}/payments`, { amountCents: 12_050, paymentMethodId: method.dinheiro })
    ).body;
    const { file, text } = await pdf(`/api/payments/${p.id}/receipt.pdf`, 'recibo.pdf');
    expect(text).toMatch(/João da Silva/);
    expect(text).toMatch(/529\.982\.247-25/);
    expect(text).toMatch(/cento e vinte reais/);
    expect(text).toMatch(new RegExp(`RECIBO Nº ${p.receiptNumber}`));
    expect(text).toMatch(/R\$\s*120,00/);
    expect(text).toMatch(new RegExp(`Situação do pedido ${o.number}: Pago\\.`));
    expect(pages(file)).toBe(1);

    const partialOrder = await order(12);
    const partial = (
      await admin('POST', `/api/orders/${partialOrder.id}/payments`, { amountCents: 5000, paymentMethodId: method.pix })
    ).body;
    const withPix = await pdf(`/api/payments/${partial.id}/receipt.pdf`, 'recibo-parcial.pdf');
    expect(withPix.text).toMatch(/Saldo a pagar do pedido: R\$\s*70,00/);
    expect(withPix.text).toMatch(/Situação do pedido .*: Pago em parte/);
    expect(withPix.text).toMatch(/br\.gov\.bcb\.pix/);
  });

  it('the promissory note and the carnê (three slips per page)', async () => {
    const o = await order(70);
    const plan = (
      await admin('POST', `/api/orders/${o.id}/installment-plan`, {
        count: 7,
        firstDueDate: '2027-09-10',
        override: true,
      })
    ).body;
    if (!plan.installments) throw new Error(JSON.stringify(plan));
    const note = await pdf(`/api/installments/${plan.installments[0].id}/promissoria.pdf`, 'promissoria.pdf');
    expect(note.text).toMatch(/NOTA PROMISSÓRIA/);
    expect(note.text).toMatch(/João da Silva/);
    expect(note.text).toMatch(/cem reais/);
    expect(note.text).toMatch(/10\/09\/2027/);
    expect(note.text).toMatch(/Gráfica Exemplo/);
    // A receipt for an installment says the order is still on crediário, with what is left.
    const inst = (
      await admin('POST', `/api/installments/${plan.installments[0].id}/payments`, {
        amountCents: plan.installments[0].amountCents,
        paymentMethodId: method.pix,
      })
    ).body;
    const instReceipt = await pdf(`/api/payments/${inst.id}/receipt.pdf`, 'recibo-parcela.pdf');
    expect(instReceipt.text).toMatch(
      new RegExp(`Situação do pedido ${o.number}: No crediário \\(R\\$\\s*600,00 a receber no crediário\\)`),
    );
    const carne = await pdf(`/api/installment-plans/${plan.id}/carne.pdf`, 'carne.pdf');
    expect(carne.text).toMatch(/Parcela 7\/7/);
    expect(carne.text).toMatch(/Pix copia e cola/);
    expect(pages(carne.file)).toBe(3);
  });

  it('documents need a session and the right permission', async () => {
    expect((await fetch(`${core.url}/api/payments/1/receipt.pdf`)).status).toBe(401);
    const before = databaseDigest(core.app);
    const missing = (await admin('GET', '/api/files/link?path=/api/payments/999999/receipt.pdf')).body.url;
    expect((await fetch(`${core.url}${missing}`)).status).toBe(404);
    expect((await fetch(`${core.url}/api/payments/999999/receipt.pdf?token=${token}`)).status).toBe(401);
    expect(databaseDigest(core.app)).toBe(before);
  });
});
