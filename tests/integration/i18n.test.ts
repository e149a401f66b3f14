import { MessageChannel } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src-main/clock';
import type { Core } from '../../src-main/core';
import { attachPort } from '../../src-main/rpc/port-bridge';
import type { ServerMessage } from '../../src-shared/contract/bridge';
import { AppError } from '../../src-shared/errors';
import { ADMIN, api, startTestCore, userWithRole } from '../helpers/app';

const clock = manualClock('2026-11-24T13:00:00Z');
let core: Core;
let token: string;
let admin: ReturnType<typeof api>;

beforeAll(async () => {
  core = await startTestCore({ clock });
  const setup = await api(core.url)('POST', '/api/setup', { companyName: 'Gráfica Exemplo', admin: ADMIN });
  token = setup.body.token;
  admin = api(core.url, token);
});

afterAll(async () => {
  await core?.stop();
});

const EN = { 'accept-language': 'en-US,en;q=0.9' };

describe('the API answers in the language the request asks for', () => {
  it('validation (400): message and field errors, zod’s own included', async () => {
    const en = await admin('POST', '/api/customers', { kind: 'XX', name: '', document: '123' }, EN);
    expect(en.status).toBe(400);
    expect(en.body.error.message).toBe('Invalid data. Check the highlighted fields.');
    expect(en.body.error.fields.name).toBe('Text too short (at least 2 characters).');
    expect(en.body.error.fields.document).toBe('Invalid CPF or CNPJ: check the digits.');
    expect(en.body.error.fields.kind).toMatch(/^Invalid option/);

    const pt = await admin('POST', '/api/customers', { kind: 'XX', name: '', document: '123' });
    expect(pt.body.error.message).toBe('Dados inválidos. Confira os campos destacados.');
    expect(pt.body.error.fields.name).toBe('Texto curto demais (mínimo 2 caracteres).');
    expect(pt.body.error.fields.document).toBe('CPF ou CNPJ inválido: confira os dígitos.');
    expect(pt.body.error.fields.kind).toMatch(/^Opção inválida/);
  });

  it('business rule (422)', async () => {
    const me = (await admin('GET', '/api/auth/me')).body.user;
    const body = { version: me.version, active: false };
    const en = await admin('PATCH', `/api/users/${me.id}`, body, EN);
    expect(en.status).toBe(422);
    expect(en.body.error).toMatchObject({ code: 'BUSINESS_RULE', key: 'users.lastAdmin' });
    expect(en.body.error.message).toBe('At least one active administrator must remain.');
    const pt = await admin('PATCH', `/api/users/${me.id}`, body);
    expect(pt.body.error.message).toBe('É preciso manter pelo menos um administrador ativo.');
  });

  it('not found (404), with parameters', async () => {
    const en = await admin('GET', '/api/orders/987', undefined, EN);
    expect(en.status).toBe(404);
    expect(en.body.error.message).toBe('Order no. 987 not found.');
    expect((await admin('GET', '/api/orders/987')).body.error.message).toBe('Pedido nº 987 não encontrado.');
    // Outside the contract too: an unknown address.
    expect((await admin('GET', '/api/nada', undefined, EN)).body.error.message).toBe('Address not found.');
  });

  it('unauthenticated (401)', async () => {
    const anonymous = api(core.url);
    const en = await anonymous('GET', '/api/auth/me', undefined, EN);
    expect(en.status).toBe(401);
    expect(en.body.error.message).toBe('Your session has expired or does not exist. Please sign in again.');
    expect((await anonymous('GET', '/api/auth/me')).body.error.message).toBe(
      'Sua sessão expirou ou não existe. Entre novamente.',
    );
    const badJson = await anonymous('POST', '/api/auth/login', '{"username":', {
      ...EN,
      'content-type': 'application/json',
    });
    expect(badJson.body.error.message).toBe('The request body is not valid JSON.');
  });
});

describe('the user’s own language', () => {
  it('is saved with auth.setLocale, shown in auth.me, and used when the request names none', async () => {
    const { id, token: userToken } = await userWithRole(core.app, 'vendedor', 'eve');
    const eve = api(core.url, userToken);
    const set = await eve('PUT', '/api/auth/locale', { locale: 'en' });
    expect(set.status).toBe(200);
    expect(set.body.locale).toBe('en');
    expect((await eve('GET', '/api/auth/me')).body.user.locale).toBe('en');

    // Direct calls (scripts, jobs) and HTTP without Accept-Language: her setting.
    const direct = await core.app
      .call('orders.get', { id: 555 }, { transport: 'direct', token: userToken })
      .catch((e: unknown) => e);
    expect(direct).toBeInstanceOf(AppError);
    expect((direct as AppError).message).toBe('Order no. 555 not found.');
    const invalid: AppError = await core.app
      .call('customers.create', { kind: 'PF', name: '' }, { transport: 'direct', asUserId: id })
      .then(() => {
        throw new Error('accepted');
      })
      .catch((e: AppError) => e);
    expect(invalid.fields?.name).toBe('Text too short (at least 2 characters).');
    expect((await eve('GET', '/api/orders/555')).body.error.message).toBe('Order no. 555 not found.');
    // The request's own language still wins.
    const pt = await eve('GET', '/api/orders/555', undefined, { 'accept-language': 'pt-BR' });
    expect(pt.body.error.message).toBe('Pedido nº 555 não encontrado.');

    // Back to the default.
    await eve('PUT', '/api/auth/locale', { locale: null });
    expect((await eve('GET', '/api/orders/555')).body.error.message).toBe('Pedido nº 555 não encontrado.');
    await eve('PUT', '/api/auth/locale', { locale: 'en' });
  });

  it('over IPC (the desktop window’s port): her setting, or the window’s language when it sends one', async () => {
    const { token: userToken } = await userWithRole(core.app, 'gerente', 'gil');
    await core.app.call('auth.setLocale', { locale: 'en' }, { transport: 'direct', token: userToken });
    const { port1, port2 } = new MessageChannel();
    const detach = attachPort(port1, {
      dispatch: core.app.dispatcher,
      events: core.app.events,
      presence: core.app.presence,
      checkSession: async () => null,
      log: () => undefined,
    });
    const results = new Map<number, ServerMessage>();
    port2.on('message', (message: ServerMessage) => {
      if (message.kind === 'result') results.set(message.id, message);
    });
    const ask = async (message: Record<string, unknown>) => {
      port2.postMessage({ kind: 'call', name: 'orders.get', input: { id: 777 }, token: userToken, ...message });
      const id = message.id as number;
      for (let i = 0; i < 200 && !results.has(id); i++) await new Promise((r) => setTimeout(r, 5));
      const result = results.get(id);
      return result?.kind === 'result' && !result.ok ? result.error : null;
    };
    try {
      expect((await ask({ id: 1 }))?.message).toBe('Order no. 777 not found.');
      expect((await ask({ id: 2, locale: 'pt-BR' }))?.message).toBe('Pedido nº 777 não encontrado.');
      expect((await ask({ id: 3, locale: 'xx' }))?.message).toBe('Order no. 777 not found.');
    } finally {
      detach();
      port2.close();
    }
  });
});

describe('texts computed by the server', () => {
  it('production alerts say "atrasado há 3 dias" / "late by 3 days", with count and stage for the client', async () => {
    const customer = await admin('POST', '/api/customers', { kind: 'PF', name: 'Joana Prado' });
    const product = await admin('POST', '/api/products', {
      name: 'Caneca',
      productionType: 'camiseta',
      unit: 'un',
      priceCents: 3000,
    });
    expect([customer.status, product.status], JSON.stringify(product.body)).toEqual([201, 201]);
    const order = await admin('POST', '/api/orders', {
      kind: 'pedido',
      customerId: customer.body.id,
      deliveryDate: '2026-11-25',
      items: [{ productId: product.body.id, description: 'Caneca', quantity: 1 }],
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    clock.advance(4 * 86_400_000); // today 2026-11-28: 3 days late
    type Alert = { kind: string; count: number; stage: string | null; message: string; order: { id: number } };
    const find = (items: Alert[]) => items.find((a) => a.order.id === order.body.id);
    const pt = find((await admin('GET', '/api/production/alerts')).body.items);
    expect(pt).toMatchObject({ kind: 'atrasado', count: 3, stage: null });
    expect(pt?.message).toContain('(Joana Prado) atrasado há 3 dias.');
    const en = find((await admin('GET', '/api/production/alerts', undefined, EN)).body.items);
    expect(en?.message).toContain('(Joana Prado) late by 3 days.');
  });
});
