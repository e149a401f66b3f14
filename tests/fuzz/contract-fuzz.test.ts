import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rng } from '../../scripts/seed-data';
import type { App } from '../../src-main/app';
import type { Core } from '../../src-main/core';
import { contract, type Procedure } from '../../src-shared/contract';
import { AppError, ERROR_STATUS } from '../../src-shared/errors';
import { ADMIN, api, databaseDigest, makeApp, setupAdmin, startTestCore } from '../helpers/app';

/**
 * Random JSON thrown at every procedure as an admin: the answer is a result or an AppError with a
 * 4xx status — never INTERNAL — and a refused call leaves the database exactly as it was.
 */
const r = rng(2026);
const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)] as T;
const STRINGS = [
  '',
  ' ',
  'João',
  '💥',
  '"; drop table customers; --',
  '../../etc/passwd',
  'a'.repeat(5000),
  '2026-02-30',
  '31/12/2026',
  '529.982.247-25',
  '-1',
  '1e309',
  'null',
  'NaN',
  '\u0000',
  'ç'.repeat(300),
];
const NUMBERS = [0, -1, 1, 2 ** 31, 2 ** 53, -(2 ** 53), 1.5, Number.MAX_SAFE_INTEGER, 999_999_999_999];

function value(depth: number): unknown {
  const kind = Math.floor(r() * (depth > 2 ? 5 : 7));
  if (kind === 0) return pick(STRINGS);
  if (kind === 1) return pick(NUMBERS);
  if (kind === 2) return r() < 0.5;
  if (kind === 3) return null;
  if (kind === 4) return undefined;
  if (kind === 5) return Array.from({ length: Math.floor(r() * 4) }, () => value(depth + 1));
  return randomObject(depth + 1);
}

const KEYS = [
  'id',
  'name',
  'version',
  'items',
  'amountCents',
  'customerId',
  'status',
  'page',
  'perPage',
  'search',
  'document',
  'address',
  'count',
  'firstDueDate',
  'paymentMethodId',
  'reason',
  'stage',
  'done',
  'ids',
  'text',
];

function randomObject(depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 5); i > 0; i--) out[pick(KEYS)] = value(depth);
  return out;
}

describe('fuzzing the contract', () => {
  let app: App;
  let token: string;
  beforeAll(async () => {
    ({ app } = await makeApp());
    token = await setupAdmin(app);
  });
  afterAll(() => app.close());

  it.each(Object.keys(contract).filter((n) => n !== 'auth.logout' && n !== 'auth.changePassword'))(
    '%s never fails with 500',
    async (name) => {
      for (let i = 0; i < 25; i++) {
        const input = r() < 0.1 ? value(0) : randomObject(0);
        const before = databaseDigest(app);
        try {
          await app.call(name, input, { token });
        } catch (err) {
          expect(err, `${name} ${JSON.stringify(input)?.slice(0, 200)}`).toBeInstanceOf(AppError);
          const e = err as AppError;
          expect(e.status, `${name} ${JSON.stringify(input)?.slice(0, 200)}: ${e.message}`).toBeLessThan(500);
          expect(databaseDigest(app)).toBe(before);
        }
      }
    },
  );
});

/**
 * Malformed HTTP requests of every kind, to every route of the LAN server: every answer that is not
 * a 2xx has the documented error shape (`error.code` known, `error.message`, `error.fields` an
 * object), and none is a 5xx.
 */
describe('fuzzing the HTTP server with malformed requests', () => {
  let core: Core;
  let token: string;
  const offenders: string[] = [];
  let answers = 0;

  beforeAll(async () => {
    core = await startTestCore();
    token = (await api(core.url)('POST', '/api/setup', { companyName: 'Gráfica', admin: ADMIN })).body.token;
  });
  afterAll(() => core.stop());

  type Route = { method: string; path: string };
  const routes: Route[] = [
    ...Object.values(contract).map((p) => ({ method: (p as Procedure).method, path: (p as Procedure).path })),
  ].filter((r) => r.path !== '/api/auth/logout' && r.path !== '/api/auth/password');

  const withParams = (path: string, value: string) => path.replace(/:\w+/g, value);
  const CONTROL = '\u0000\u0007\u001b[31mx\u009b';
  const INVALID_UTF8 = new Uint8Array(
    Buffer.concat([Buffer.from('{"name":"a'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]),
  );
  const BODY_KINDS: Array<{ kind: string; headers: Record<string, string>; body: string | Uint8Array<ArrayBuffer> }> = [
    {
      kind: 'multipart sem boundary',
      headers: { 'content-type': 'multipart/form-data' },
      body: '--b\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nxx\r\n--b--\r\n',
    },
    { kind: 'UTF-8 inválido', headers: { 'content-type': 'application/json' }, body: INVALID_UTF8 },
    {
      kind: 'caracteres de controle',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: CONTROL, notes: CONTROL, reason: CONTROL, search: CONTROL, description: CONTROL }),
    },
    { kind: 'text/plain', headers: { 'content-type': 'text/plain' }, body: 'name=x' },
    { kind: 'application/xml', headers: { 'content-type': 'application/xml' }, body: '<name>x</name>' },
    { kind: 'form', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=x' },
    {
      kind: 'números enormes',
      headers: { 'content-type': 'application/json' },
      body: '{"id":1e400,"amountCents":1e308,"version":99999999999999999999999,"count":-1e308,"page":1.5}',
    },
    { kind: 'array em vez de objeto', headers: { 'content-type': 'application/json' }, body: '[{"name":"x"}]' },
    { kind: 'array vazio', headers: { 'content-type': 'application/json' }, body: '[]' },
    { kind: 'JSON quebrado', headers: { 'content-type': 'application/json' }, body: '{"name": "x", ' },
    { kind: 'JSON escalar', headers: { 'content-type': 'application/json' }, body: '"texto"' },
  ];
  const QUERY_KINDS = [
    { kind: 'query com % inválido', query: '?search=%E0%A4%A&page=%' },
    { kind: 'query com controle', query: `?search=${encodeURIComponent(CONTROL)}&text=${encodeURIComponent(CONTROL)}` },
    { kind: 'query repetida', query: '?page=1&page=2&perPage=a&perPage=b' },
    { kind: 'query números enormes', query: '?page=1e400&perPage=99999999999999999999&id=-1e308' },
    { kind: 'query longa', query: `?search=${'a'.repeat(9000)}` },
  ];
  const PATH_KINDS = [
    { kind: '% inválido no caminho', value: '%E0%A4%A' },
    { kind: 'parâmetro longo', value: '7'.repeat(600) },
    { kind: 'número enorme no caminho', value: '99999999999999999999999999' },
    { kind: 'controle no caminho', value: '%00%1B%5B31m' },
    { kind: 'travessia', value: '..%2F..%2Fbalcao.sqlite' },
  ];

  async function send(
    label: string,
    method: string,
    url: string,
    init: { headers?: Record<string, string>; body?: string | Uint8Array<ArrayBuffer> } = {},
  ): Promise<void> {
    const res = await fetch(`${core.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...init.headers },
      ...(init.body !== undefined && method !== 'GET' && { body: init.body }),
    });
    const text = await res.text();
    answers++;
    const where = `${label}: ${method} ${url.slice(0, 80)} → ${res.status}`;
    if (res.status >= 500) offenders.push(`${where} ${text.slice(0, 200)}`);
    if (res.status < 300) return;
    let body: { error?: { code?: unknown; message?: unknown; fields?: unknown } } | null = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    const e = body?.error;
    const ok =
      typeof e?.code === 'string' &&
      e.code in ERROR_STATUS &&
      typeof e.message === 'string' &&
      e.message.length > 0 &&
      typeof e.fields === 'object' &&
      e.fields !== null &&
      !Array.isArray(e.fields);
    if (!ok) offenders.push(`${where} fora do formato: ${text.slice(0, 200)}`);
  }

  it('every route × every malformed kind: the error shape, and no 5xx', async () => {
    for (const route of routes) {
      const valid = withParams(route.path, '1');
      for (const k of PATH_KINDS) {
        if (route.path.includes(':')) await send(k.kind, route.method, withParams(route.path, k.value));
      }
      for (const k of QUERY_KINDS) await send(k.kind, route.method, `${valid}${k.query}`);
      if (route.method !== 'GET') for (const k of BODY_KINDS) await send(k.kind, route.method, valid, k);
      // a method the route does not have
      await send('método errado', route.method === 'PUT' ? 'PATCH' : 'PUT', valid, {
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
    }
    expect(answers).toBeGreaterThan(routes.length * 5);
    expect(offenders, offenders.join('\n')).toEqual([]);
  });

  it('one Idempotency-Key reused across every write route: 422 in shape, never 500', async () => {
    const headers = { 'content-type': 'application/json', 'idempotency-key': 'chave-reusada-em-todo-lugar' };
    const first = await fetch(`${core.url}/api/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify({ name: 'Cliente da Chave' }),
    });
    expect(first.status).toBe(201);
    for (const route of routes.filter((r) => r.method !== 'GET' && r.path !== '/api/setup')) {
      await send('chave reusada', route.method, withParams(route.path, '1'), { headers, body: '{}' });
      await send('chave reusada', route.method, withParams(route.path, '1'), {
        headers,
        body: JSON.stringify({ name: 'Outro Nome', amountCents: 100, version: 1 }),
      });
    }
    expect(offenders, offenders.join('\n')).toEqual([]);
  });
});
