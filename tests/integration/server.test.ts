import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src-main/clock';
import type { Core } from '../../src-main/core';
import { ADMIN, api, CNPJ_GRAFICA, CPF_JOAO, CPF_MARIA, databaseDigest, startTestCore } from '../helpers/app';
import { connectWs, handshakeStatus } from '../helpers/ws';

const clock = manualClock('2026-11-24T13:00:00Z');
let core: Core;
let admin: ReturnType<typeof api>;
let adminToken: string;
let anon: ReturnType<typeof api>;

async function login(username: string, password: string, headers: Record<string, string> = {}) {
  return anon('POST', '/api/auth/login', { username, password }, headers);
}

beforeAll(async () => {
  core = await startTestCore({ clock });
  anon = api(core.url);
});
afterAll(() => core.stop());

describe('first run and accounts', () => {
  it('health answers without login', async () => {
    const res = await anon('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', db: 'ok', version: expect.any(String) });
    expect(res.body.uptimeS).toBeGreaterThanOrEqual(0);
  });

  it('setup is needed once, returns a session, then is refused', async () => {
    expect((await anon('GET', '/api/setup')).body).toEqual({ needed: true, companyName: null });
    const bad = await anon('POST', '/api/setup', { companyName: 'Gráfica', admin: { ...ADMIN, password: 'curta' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields['admin.password']).toMatch(/8 caracteres/);
    const res = await anon('POST', '/api/setup', { companyName: 'Gráfica Exemplo', admin: ADMIN });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ username: 'ana', role: 'admin', active: true });
    expect(res.body.token).toMatch(/^[\w-]{43}$/);
    adminToken = res.body.token;
    admin = api(core.url, adminToken);
    expect((await anon('GET', '/api/setup')).body).toEqual({ needed: false, companyName: 'Gráfica Exemplo' });
    const again = await anon('POST', '/api/setup', { companyName: 'Outra', admin: { ...ADMIN, username: 'bruno' } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/já foi feita/);
  });

  it('tokens are stored only as hashes and passwords with bcrypt', () => {
    const sessions = core.app.database.sqlite.prepare('select token_hash from sessions').all() as Array<{
      token_hash: string;
    }>;
    expect(sessions.map((s) => s.token_hash)).not.toContain(adminToken);
    expect(sessions[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const user = core.app.database.sqlite.prepare('select password_hash from users').get() as { password_hash: string };
    expect(user.password_hash).toMatch(/^\$2[aby]\$1\d\$/);
  });

  it('login, me, logout', async () => {
    const res = await login('ANA', ADMIN.password);
    expect(res.status).toBe(200);
    expect(Date.parse(res.body.expiresAt) - clock.now().getTime()).toBe(8 * 24 * 3600 * 1000);
    const mine = api(core.url, res.body.token);
    const me = await mine('GET', '/api/auth/me');
    expect(me.body.user.name).toBe(ADMIN.name);
    expect(me.body.companyName).toBe('Gráfica Exemplo');
    expect(me.body.permissions).toContain('users.manage');
    expect((await mine('POST', '/api/auth/logout')).status).toBe(200);
    expect((await mine('GET', '/api/auth/me')).status).toBe(401);
    expect((await admin('GET', '/api/auth/me')).status).toBe(200);
  });

  it('a session expires after 8 days of disuse', async () => {
    const res = await login('ana', ADMIN.password);
    const mine = api(core.url, res.body.token);
    clock.advance(7 * 24 * 3600 * 1000);
    expect((await mine('GET', '/api/auth/me')).status).toBe(200); // use renews it
    expect((await admin('GET', '/api/auth/me')).status).toBe(200);
    clock.advance(7 * 24 * 3600 * 1000);
    expect((await mine('GET', '/api/auth/me')).status).toBe(200);
    clock.advance(8 * 24 * 3600 * 1000 + 1000);
    expect((await mine('GET', '/api/auth/me')).status).toBe(401);
    // the admin's session went unused for more than 8 days: log in again for the rest of the suite
    expect((await admin('GET', '/api/auth/me')).status).toBe(401);
    adminToken = (await login('ana', ADMIN.password)).body.token;
    admin = api(core.url, adminToken);
  });

  it('five failed logins from one address → 429 with Retry-After, even with the right password', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await login('ana', 'senha-errada-000');
      expect(res.status).toBe(401);
      expect(res.body.error.message).toBe('Usuário ou senha incorretos.');
    }
    const blocked = await login('ana', ADMIN.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(blocked.body.error.message).toMatch(/Muitas tentativas/);
    clock.advance(15 * 60 * 1000 + 1000);
    expect((await login('ana', ADMIN.password)).status).toBe(200);
  });

  it('admins manage users; deactivating or resetting a password ends their sessions', async () => {
    const created = await admin('POST', '/api/users', {
      name: 'Beto Vendas',
      username: 'beto',
      role: 'vendedor',
      password: 'beto-senha-1',
    });
    expect(created.status).toBe(201);
    const dup = await admin('POST', '/api/users', {
      name: 'Outro',
      username: 'Beto',
      role: 'vendedor',
      password: 'beto-senha-1',
    });
    expect(dup.status).toBe(409);
    const beto = api(core.url, (await login('beto', 'beto-senha-1')).body.token);
    expect((await beto('GET', '/api/users')).status).toBe(403);
    const list = await admin('GET', '/api/users');
    expect(list.body.items.map((u: { username: string }) => u.username).sort()).toEqual(['ana', 'beto']);

    const reset = await admin('PATCH', `/api/users/${created.body.id}`, { version: 1, password: 'nova-senha-22' });
    expect(reset.status).toBe(200);
    expect((await beto('GET', '/api/auth/me')).status).toBe(401);
    expect((await login('beto', 'beto-senha-1')).status).toBe(401);
    const beto2 = api(core.url, (await login('beto', 'nova-senha-22')).body.token);
    expect((await beto2('GET', '/api/auth/me')).status).toBe(200);

    const stale = await admin('PATCH', `/api/users/${created.body.id}`, { version: 1, active: false });
    expect(stale.status).toBe(409);
    const off = await admin('PATCH', `/api/users/${created.body.id}`, { version: 2, active: false, role: 'producao' });
    expect(off.body).toMatchObject({ active: false, role: 'producao', version: 3 });
    expect((await beto2('GET', '/api/auth/me')).status).toBe(401);
    expect((await login('beto', 'nova-senha-22')).status).toBe(401);

    const me = (await admin('GET', '/api/auth/me')).body.user;
    const selfOff = await admin('PATCH', `/api/users/${me.id}`, { version: me.version, role: 'gerente' });
    expect(selfOff.status).toBe(422);
    expect(selfOff.body.error.message).toMatch(/pelo menos um administrador/);
  });

  it('changing my password ends my other sessions but keeps this one', async () => {
    const other = api(core.url, (await login('ana', ADMIN.password)).body.token);
    const wrong = await admin('POST', '/api/auth/password', {
      currentPassword: 'errada-123',
      newPassword: 'outra-senha-1',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields.currentPassword).toMatch(/incorreta/);
    const ok = await admin('POST', '/api/auth/password', {
      currentPassword: ADMIN.password,
      newPassword: 'outra-senha-1',
    });
    expect(ok.status).toBe(200);
    expect((await other('GET', '/api/auth/me')).status).toBe(401);
    expect((await admin('GET', '/api/auth/me')).status).toBe(200);
    await admin('POST', '/api/auth/password', { currentPassword: 'outra-senha-1', newPassword: ADMIN.password });
  });
});

describe('customers', () => {
  let joaoId: number;

  it('creates with masks stripped, validates and rejects unknown fields', async () => {
    const res = await admin('POST', '/api/customers', {
      name: '  João da Silva ',
      kind: 'PF',
      document: CPF_JOAO,
      phone: '(11) 98765-4321',
      whatsapp: '11 98765-4321',
      email: 'joao@example.com',
      birthDate: '1980-05-17',
      address: { cep: '01310-100', street: 'Av. Paulista', number: '1000', city: 'São Paulo', state: 'sp' },
      tags: ['vip', 'vip', 'atacado'],
      privateNotes: 'Paga sempre em dia',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'João da Silva',
      document: '52998224725',
      phone: '11987654321',
      address: { cep: '01310100', state: 'SP', city: 'São Paulo' },
      tags: ['vip', 'atacado'],
      joinedAt: clock.today(),
      version: 1,
      active: true,
    });
    joaoId = res.body.id;

    const bad = await admin('POST', '/api/customers', {
      name: 'Maria',
      document: '123.456.789-00',
      phone: '1234',
      address: { cep: '123', state: 'XX' },
      email: 'sem-arroba',
      birthDate: '31/02/2020',
      cor: 'azul',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toMatchObject({
      document: 'CPF inválido: confira os dígitos.',
      phone: expect.stringMatching(/Telefone inválido/),
      'address.cep': expect.stringMatching(/CEP inválido/),
      'address.state': 'UF inválida.',
      email: 'E-mail inválido.',
      birthDate: expect.stringMatching(/Data inválida/),
      cor: 'Campo não reconhecido.',
    });

    const kind = await admin('POST', '/api/customers', { name: 'Gráfica PJ', kind: 'PF', document: CNPJ_GRAFICA });
    expect(kind.status).toBe(400);
    expect(kind.body.error.fields.document).toMatch(/CPF/);

    const dup = await admin('POST', '/api/customers', { name: 'Outro João', document: '52998224725' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toMatch(/João da Silva/);
  });

  it('searches ignoring accents and case, by document with or without mask, phone, e-mail and city', async () => {
    await admin('POST', '/api/customers', {
      name: 'Maria Conceição',
      document: CPF_MARIA,
      address: { city: 'Jundiaí', state: 'SP' },
    });
    await admin('POST', '/api/customers', {
      name: 'Gráfica Avenida Ltda',
      kind: 'PJ',
      document: CNPJ_GRAFICA,
      email: 'compras@avenida.com.br',
    });
    const names = async (q: string) =>
      (await admin('GET', `/api/customers?search=${encodeURIComponent(q)}`)).body.items.map(
        (c: { name: string }) => c.name,
      );
    expect(await names('joao')).toEqual(['João da Silva']);
    expect(await names('JOÃO SILVA')).toEqual(['João da Silva']);
    expect(await names('conceicao')).toEqual(['Maria Conceição']);
    expect(await names('529.982')).toEqual(['João da Silva']);
    expect(await names('52998224725')).toEqual(['João da Silva']);
    expect(await names('11.222.333/0001')).toEqual(['Gráfica Avenida Ltda']);
    expect(await names('98765-4321')).toEqual(['João da Silva']);
    expect(await names('avenida.com')).toEqual(['Gráfica Avenida Ltda']);
    expect(await names('jundiai')).toEqual(['Maria Conceição']);
    expect(await names('grafica')).toEqual(['Gráfica Avenida Ltda']);
    expect(await names('ninguém')).toEqual([]);
  });

  it('filters, sorts and paginates', async () => {
    const page = await admin('GET', '/api/customers?perPage=2&page=2&sort=name');
    expect(page.body).toMatchObject({ total: 3, page: 2, perPage: 2 });
    expect(page.body.items.map((c: { name: string }) => c.name)).toEqual(['Maria Conceição']);
    expect((await admin('GET', '/api/customers?tag=vip')).body.total).toBe(1);
    expect((await admin('GET', '/api/customers?state=sp')).body.total).toBe(2);
    expect((await admin('GET', '/api/customers?city=jundiaí')).body.total).toBe(1);
    expect(
      (await admin('GET', `/api/customers?joinedFrom=${clock.today()}&joinedTo=${clock.today()}`)).body.total,
    ).toBe(3);
    expect((await admin('GET', '/api/customers?joinedTo=2026-11-30')).body.total).toBe(0);
    expect((await admin('GET', '/api/customers?joinedFrom=31/12/2026')).status).toBe(400);
    expect((await admin('GET', '/api/customers?perPage=500')).status).toBe(400);
    expect((await admin('GET', '/api/customer-tags')).body.items).toEqual([
      { tag: 'atacado', count: 1 },
      { tag: 'vip', count: 1 },
    ]);
  });

  it('updates with the version read; a stale version gets 409 and changes nothing', async () => {
    const ok = await admin('PATCH', `/api/customers/${joaoId}`, { version: 1, phone: '(11) 3265-4321', tags: ['vip'] });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ phone: '1132654321', version: 2, tags: ['vip'] });
    const before = databaseDigest(core.app);
    const stale = await admin('PATCH', `/api/customers/${joaoId}`, { version: 1, name: 'Sobrescrito' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    expect(databaseDigest(core.app)).toBe(before);
    expect((await admin('GET', `/api/customers/${joaoId}`)).body.name).toBe('João da Silva');
    expect((await admin('GET', '/api/customers/99999')).status).toBe(404);
  });

  it('hides private notes from roles that may not see them', async () => {
    const prodId = (
      await admin('POST', '/api/users', {
        name: 'Paula',
        username: 'paula',
        role: 'producao',
        password: 'paula-senha-1',
      })
    ).body.id;
    expect(prodId).toBeGreaterThan(0);
    const paula = api(core.url, (await login('paula', 'paula-senha-1')).body.token);
    const seen = await paula('GET', `/api/customers/${joaoId}`);
    expect(seen.status).toBe(200);
    expect(seen.body).not.toHaveProperty('privateNotes');
    expect((await admin('GET', `/api/customers/${joaoId}`)).body.privateNotes).toBe('Paga sempre em dia');
    expect((await paula('PATCH', `/api/customers/${joaoId}`, { version: 2, name: 'X' })).status).toBe(403);
  });

  it('records interactions with who and when', async () => {
    const res = await admin('POST', `/api/customers/${joaoId}/interactions`, {
      kind: 'ligacao',
      notes: 'Pediu orçamento de banner',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ customerId: joaoId, kind: 'ligacao', byName: ADMIN.name, at: clock.nowIso() });
    await admin('POST', `/api/customers/${joaoId}/interactions`, {
      kind: 'whatsapp',
      notes: 'Enviou a arte',
      at: '2026-12-01T10:00:00-03:00',
    });
    const list = await admin('GET', `/api/customers/${joaoId}/interactions`);
    expect(list.body.items.map((i: { kind: string }) => i.kind)).toEqual(['ligacao', 'whatsapp']);
    expect(list.body.items[1].at).toBe('2026-12-01T13:00:00.000Z');
    expect((await admin('POST', `/api/customers/${joaoId}/interactions`, { kind: 'fax', notes: 'x' })).status).toBe(
      400,
    );
  });

  it('deactivates, reactivates, and only an admin deletes for good', async () => {
    const off = await admin('DELETE', `/api/customers/${joaoId}`);
    expect(off.body).toMatchObject({ deleted: false });
    expect((await admin('GET', '/api/customers?search=joao')).body.total).toBe(0);
    expect((await admin('GET', '/api/customers?search=joao&active=false')).body.total).toBe(1);
    expect((await admin('POST', `/api/customers/${joaoId}/reactivate`)).body.active).toBe(true);

    await admin('POST', '/api/users', { name: 'Gil', username: 'gil', role: 'gerente', password: 'gil-senha-123' });
    const gil = api(core.url, (await login('gil', 'gil-senha-123')).body.token);
    const denied = await gil('DELETE', `/api/customers/${joaoId}?hard=true`);
    expect(denied.status).toBe(403);
    expect((await admin('GET', `/api/customers/${joaoId}`)).status).toBe(200);
    expect((await admin('DELETE', `/api/customers/${joaoId}?hard=true`)).body).toMatchObject({ deleted: true });
    expect((await admin('GET', `/api/customers/${joaoId}`)).status).toBe(404);
    expect((await admin('GET', '/api/customers?search=joao&active=all')).body.total).toBe(0);
  });

  it('keeps an audit log of every write with before and after', async () => {
    const res = await admin('GET', '/api/audit?entity=customer');
    const actions = res.body.items.map((a: { action: string }) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['create', 'update', 'deactivate', 'reactivate', 'delete']));
    const update = res.body.items.find((a: { action: string }) => a.action === 'update');
    expect(update.before.phone).toBe('11987654321');
    expect(update.after.phone).toBe('1132654321');
    expect(update.userName).toBe(ADMIN.name);
  });

  it('an Idempotency-Key makes a retried create return the first result', async () => {
    const headers = { 'idempotency-key': 'abc-123' };
    const a = await admin('POST', '/api/customers', { name: 'Cliente Repetido' }, headers);
    const b = await admin('POST', '/api/customers', { name: 'Cliente Repetido' }, headers);
    expect(a.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect((await admin('GET', '/api/customers?search=repetido')).body.total).toBe(1);
    // a retry racing the first request (the LAN client gave up waiting) still makes one row
    const race = { 'idempotency-key': 'corrida-1' };
    const [r1, r2, r3] = await Promise.all([
      admin('POST', '/api/customers', { name: 'Cliente Corrida' }, race),
      admin('POST', '/api/customers', { name: 'Cliente Corrida' }, race),
      admin('POST', '/api/customers', { name: 'Cliente Corrida' }, race),
    ]);
    expect(new Set([r1.body.id, r2.body.id, r3.body.id]).size).toBe(1);
    expect((await admin('GET', '/api/customers?search=corrida')).body.total).toBe(1);
  });

  it('bad JSON and unknown routes answer in pt-BR without touching data', async () => {
    const before = databaseDigest(core.app);
    const res = await admin('POST', '/api/customers', '{"name": ');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/JSON/);
    expect((await admin('GET', '/api/nada')).body.error.code).toBe('NOT_FOUND');
    const huge = await admin('POST', '/api/customers', { name: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(databaseDigest(core.app)).toBe(before);
  });
});

describe('realtime', () => {
  it('a committed write reaches every other client', async () => {
    const other = (await login('ana', ADMIN.password)).body.token;
    const watcher = await connectWs(core.url, other);
    const sameUser = await connectWs(core.url, adminToken);
    const created = await admin('POST', '/api/customers', { name: 'Cliente Ao Vivo' });
    const event = await watcher.waitFor((m) => m.kind === 'event' && m.event.type === 'customer.created');
    expect(event).toEqual({
      kind: 'event',
      event: { type: 'customer.created', id: created.body.id, version: 1, by: created.body && expect.any(Number) },
    });
    await sameUser.waitFor((m) => m.kind === 'event' && m.event.id === created.body.id);
    await admin('PATCH', `/api/customers/${created.body.id}`, { version: 1, name: 'Cliente Editado' });
    const updated = await watcher.waitFor((m) => m.kind === 'event' && m.event.type === 'customer.updated');
    expect(updated).toMatchObject({ event: { id: created.body.id, version: 2 } });
    // a failed write publishes nothing
    const count = watcher.messages.length;
    await admin('PATCH', `/api/customers/${created.body.id}`, { version: 1, name: 'Velho' });
    await new Promise((r) => setTimeout(r, 200));
    expect(watcher.messages.length).toBe(count);
    watcher.close();
    sameUser.close();
  });

  it('the handshake checks the token and refuses a foreign browser origin', async () => {
    expect(await handshakeStatus(core.url, 'token-invalido-token-invalido-0000')).toBe(401);
    expect(await handshakeStatus(core.url, adminToken, { origin: 'http://evil.example' })).toBe(403);
    expect(await handshakeStatus(core.url, adminToken, { origin: core.url })).toBe(101);
    expect(await handshakeStatus(core.url, adminToken)).toBe(101);
  });

  it('logging out closes that session’s socket', async () => {
    const token = (await login('ana', ADMIN.password)).body.token;
    const client = await connectWs(core.url, token);
    const closed = new Promise<number>((r) => client.socket.once('close', (code) => r(code)));
    await api(core.url, token)('POST', '/api/auth/logout');
    expect(await closed).toBe(4401);
  });
});
