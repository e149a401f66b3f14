import { describe, expect, it } from 'vitest';
import { createClient } from '../../src-renderer/api/client';
import {
  buildHttpRequest,
  errorFromResponse,
  isNetworkError,
  isRetryable,
  NetworkError,
  retryDelayMs,
  shouldRetry,
  toAppError,
  toQueryString,
} from '../../src-renderer/api/http';
import { createTokenStore, TOKEN_STORAGE_KEY } from '../../src-renderer/api/token';
import { createBridgeTransport, createHttpTransport, type FetchLike } from '../../src-renderer/api/transport';
import { randomUUID } from '../../src-renderer/api/uuid';
import { AppError } from '../../src-shared/errors';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

describe('buildHttpRequest', () => {
  it('GET: fills nothing in the path, sends the rest as query (arrays repeated, undefined skipped)', () => {
    const req = buildHttpRequest(
      'customers.list',
      { search: 'joão silva', page: 2, perPage: 50, state: 'SP', city: undefined, active: 'all' },
      { token: 'tok' },
    );
    expect(req.method).toBe('GET');
    expect(req.url).toBe('/api/customers?search=jo%C3%A3o+silva&page=2&perPage=50&state=SP&active=all');
    expect(req.headers.Authorization).toBe('Bearer tok');
    expect(req.body).toBeUndefined();
  });

  it('path params are filled from the input and removed from the query', () => {
    const req = buildHttpRequest('customers.interactions.list', { id: 42, page: 1 });
    expect(req.url).toBe('/api/customers/42/interactions?page=1');
    expect(req.headers.Authorization).toBeUndefined();
  });

  it('DELETE sends its input in the query', () => {
    const req = buildHttpRequest('customers.delete', { id: 7, hard: true }, { token: 't' });
    expect(req).toMatchObject({ method: 'DELETE', url: '/api/customers/7?hard=true' });
    expect(req.body).toBeUndefined();
  });

  it('PATCH sends a JSON body without the path params', () => {
    const req = buildHttpRequest('customers.update', { id: 7, version: 3, name: 'Ana' }, { token: 't' });
    expect(req.method).toBe('PATCH');
    expect(req.url).toBe('/api/customers/7');
    expect(req.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(req.body ?? '')).toEqual({ version: 3, name: 'Ana' });
    expect(req.headers['Idempotency-Key']).toBeUndefined();
  });

  it('creates carry the Idempotency-Key; other POSTs do not', () => {
    const create = buildHttpRequest('customers.create', { name: 'Ana' }, { idempotencyKey: 'k1' });
    expect(create.headers['Idempotency-Key']).toBe('k1');
    const login = buildHttpRequest('auth.login', { username: 'a', password: 'b' }, { idempotencyKey: 'k1' });
    expect(login.headers['Idempotency-Key']).toBeUndefined();
  });

  it('POST with no input sends {} and honours a base URL', () => {
    const req = buildHttpRequest('auth.logout', {}, { baseUrl: 'http://192.168.0.10:8787' });
    expect(req.url).toBe('http://192.168.0.10:8787/api/auth/logout');
    expect(req.body).toBe('{}');
  });

  it('encodes path params and rejects a missing one', () => {
    expect(buildHttpRequest('customers.get', { id: 'a/b' }).url).toBe('/api/customers/a%2Fb');
    expect(() => buildHttpRequest('customers.get', {})).toThrow(AppError);
  });

  it('an unknown procedure is an AppError', () => {
    expect(() => buildHttpRequest('nope.nothing', {})).toThrow(AppError);
  });

  it('toQueryString leaves out null and undefined and repeats arrays', () => {
    expect(toQueryString({ a: 1, b: null, c: undefined, tags: ['x', 'y'], ok: false })).toBe(
      'a=1&tags=x&tags=y&ok=false',
    );
  });
});

describe('errorFromResponse', () => {
  it('reads the server error body', () => {
    const e = errorFromResponse(
      400,
      JSON.stringify({
        error: { code: 'VALIDATION', message: 'Dados inválidos.', fields: { 'address.cep': 'CEP inválido' } },
      }),
    );
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('VALIDATION');
    expect(e.fields).toEqual({ 'address.cep': 'CEP inválido' });
  });

  it('keeps retryAfterS, or takes it from Retry-After', () => {
    const body = JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Muitas tentativas.', retryAfterS: 300 } });
    expect(errorFromResponse(429, body).retryAfterS).toBe(300);
    const noField = JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Muitas tentativas.' } });
    expect(errorFromResponse(429, noField, '120').retryAfterS).toBe(120);
  });

  it('falls back on the status when the body is not ours', () => {
    const e = errorFromResponse(404, '<html>não</html>');
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toBe('Registro não encontrado.');
    expect(errorFromResponse(502, '').code).toBe('INTERNAL');
  });

  it('toAppError accepts an ErrorBody from the Electron bridge', () => {
    const e = toAppError({ code: 'FORBIDDEN', message: 'Não pode.' });
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('FORBIDDEN');
    expect(toAppError(new Error('x')).code).toBe('INTERNAL');
  });
});

type Answer = { status: number; body: unknown; headers?: Record<string, string> } | 'network-error';

function fakeFetch(answers: Answer[]) {
  const calls: Array<{ url: string; method: string; headers: Record<string, string>; body?: string }> = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, ...init });
    const answer = answers.shift();
    if (!answer || answer === 'network-error') throw new TypeError('Failed to fetch');
    return {
      status: answer.status,
      ok: answer.status >= 200 && answer.status < 300,
      text: async () => (typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)),
      headers: { get: (name: string) => answer.headers?.[name] ?? null },
    };
  };
  return { fetch, calls };
}

const noSocket = () => ({ send() {}, close() {} });

function httpTransport(answers: Answer[]) {
  const fake = fakeFetch(answers);
  let n = 0;
  const transport = createHttpTransport({
    fetch: fake.fetch,
    location: { protocol: 'http:', host: '127.0.0.1:8787' },
    socket: noSocket,
    randomUUID: () => `uuid-${++n}`,
    sleep: async () => {},
  });
  return { transport, calls: fake.calls };
}

describe('HTTP transport', () => {
  it('retries a create after a lost answer with the same Idempotency-Key', async () => {
    const { transport, calls } = httpTransport(['network-error', 'network-error', { status: 201, body: { id: 1 } }]);
    await expect(transport.call('customers.create', { name: 'Ana' }, 'tok')).resolves.toEqual({ id: 1 });
    expect(calls).toHaveLength(3);
    const keys = calls.map((c) => c.headers['Idempotency-Key']);
    expect(keys).toEqual(['uuid-1', 'uuid-1', 'uuid-1']);
  });

  it('uses the caller’s key when given (a second click on Salvar)', async () => {
    const { transport, calls } = httpTransport([{ status: 201, body: { id: 1 } }]);
    await transport.call('customers.create', { name: 'Ana' }, 'tok', { idempotencyKey: 'form-key' });
    expect(calls[0]?.headers['Idempotency-Key']).toBe('form-key');
  });

  it('does not retry other writes, and reports no connection in pt-BR', async () => {
    const { transport, calls } = httpTransport(['network-error']);
    const error = await transport.call('customers.update', { id: 1, version: 1, name: 'X' }, 'tok').catch((e) => e);
    expect(calls).toHaveLength(1);
    expect(isNetworkError(error)).toBe(true);
    expect(error).toBeInstanceOf(AppError);
    expect((error as NetworkError).code).toBe('INTERNAL');
    expect((error as NetworkError).message).toBe(
      'Sem conexão com o computador principal. Verifique a rede e tente de novo.',
    );
  });

  it('a gateway that cannot reach the core counts as no connection', async () => {
    const { transport } = httpTransport([{ status: 502, body: 'Bad Gateway' }]);
    const error = await transport.call('customers.list', {}, 'tok').catch((e) => e);
    expect(isNetworkError(error)).toBe(true);
  });

  it('turns an error answer into an AppError', async () => {
    const { transport } = httpTransport([
      { status: 409, body: { error: { code: 'STALE_VERSION', message: 'Outra pessoa alterou este cliente.' } } },
    ]);
    const error: unknown = await transport.call('customers.update', { id: 1, version: 1 }, 'tok').catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('STALE_VERSION');
  });
});

describe('client', () => {
  it('a 401 on a call made with a token clears it (the app then shows the login)', async () => {
    const storage = memoryStorage({ [TOKEN_STORAGE_KEY]: 'old' });
    const tokens = createTokenStore(storage);
    const { transport } = httpTransport([
      { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'Sessão expirada.' } } },
    ]);
    const client = createClient(transport, tokens);
    await expect(client.call('auth.me', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(tokens.state()).toEqual({ token: null, reason: 'expired' });
    expect(storage.data.has(TOKEN_STORAGE_KEY)).toBe(false);
  });

  it('a wrong password at login is just an error (no token to clear)', async () => {
    const tokens = createTokenStore(memoryStorage());
    const { transport } = httpTransport([
      { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'Usuário ou senha incorretos.' } } },
    ]);
    const client = createClient(transport, tokens);
    await expect(client.call('auth.login', { username: 'a', password: 'b' })).rejects.toMatchObject({
      message: 'Usuário ou senha incorretos.',
    });
    expect(tokens.state().reason).toBeNull();
  });

  it('sends the stored token', async () => {
    const tokens = createTokenStore(memoryStorage({ [TOKEN_STORAGE_KEY]: 'abc' }));
    const { transport, calls } = httpTransport([{ status: 200, body: { ok: true } }]);
    await createClient(transport, tokens).call('auth.logout', {});
    expect(calls[0]?.headers.Authorization).toBe('Bearer abc');
  });

  it('over the Electron bridge: passes name, input and token; rejections become AppError', async () => {
    const seen: unknown[] = [];
    const bridge = {
      call: async (name: string, input: unknown, token: string | null) => {
        seen.push([name, input, token]);
        throw { code: 'UNAUTHENTICATED', message: 'Sessão expirada.' };
      },
      subscribe: () => () => {},
      presence: () => {},
    };
    const tokens = createTokenStore(memoryStorage({ [TOKEN_STORAGE_KEY]: 'ipc-token' }));
    const client = createClient(createBridgeTransport(bridge), tokens);
    expect(client.kind).toBe('ipc');
    const error = await client.call('customers.get', { id: 5 }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(seen).toEqual([['customers.get', { id: 5 }, 'ipc-token']]);
    expect(tokens.get()).toBeNull();
  });

  it('subscribe does nothing while logged out', () => {
    let subscribed = 0;
    const bridge = {
      call: async () => null,
      subscribe: () => {
        subscribed++;
        return () => {};
      },
      presence: () => {},
    };
    const tokens = createTokenStore(memoryStorage());
    const client = createClient(createBridgeTransport(bridge), tokens);
    client.subscribe(() => {})();
    expect(subscribed).toBe(0);
    tokens.set('t');
    client.subscribe(() => {})();
    expect(subscribed).toBe(1);
  });
});

describe('randomUUID', () => {
  it('works without crypto.randomUUID (plain-http LAN pages are not a secure context)', () => {
    const id = randomUUID({
      getRandomValues: (array) => crypto.getRandomValues(array),
    });
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('which failed reads are asked again', () => {
  const answer = (status: number, code: string, headers: string | null = null) =>
    errorFromResponse(status, JSON.stringify({ error: { code, message: 'x', fields: {} } }), headers);

  it('never a 4xx answer (the Pix call without a Pix key is not retried)', () => {
    const noPixKey = answer(422, 'BUSINESS_RULE');
    expect(isRetryable(noPixKey)).toBe(false);
    expect(shouldRetry(0, noPixKey)).toBe(false);
    for (const [status, code] of [
      [400, 'VALIDATION'],
      [401, 'UNAUTHENTICATED'],
      [403, 'FORBIDDEN'],
      [404, 'NOT_FOUND'],
      [409, 'CONFLICT'],
      [413, 'TOO_LARGE'],
      [415, 'UNSUPPORTED_MEDIA'],
      [421, 'MISDIRECTED'],
    ] as const) {
      expect(shouldRetry(0, answer(status, code)), code).toBe(false);
    }
  });

  it('network failures, 5xx and 429, a limited number of times; not a full disk', () => {
    expect(shouldRetry(0, new NetworkError())).toBe(true);
    expect(shouldRetry(1, new NetworkError())).toBe(true);
    expect(shouldRetry(2, new NetworkError())).toBe(false);
    expect(shouldRetry(0, answer(500, 'INTERNAL'))).toBe(true);
    expect(shouldRetry(0, errorFromResponse(503, 'Service Unavailable'))).toBe(true);
    expect(shouldRetry(0, answer(429, 'RATE_LIMITED', '30'))).toBe(true);
    expect(shouldRetry(0, answer(507, 'STORAGE_FULL'))).toBe(false);
    expect(shouldRetry(0, new Error('boom'))).toBe(true);
  });

  it('waits for Retry-After when the server gives one, else backs off', () => {
    expect(retryDelayMs(0, answer(429, 'RATE_LIMITED', '30'))).toBe(30_000);
    expect(retryDelayMs(0, answer(429, 'RATE_LIMITED', '9999'))).toBe(60_000);
    expect(retryDelayMs(0, new NetworkError())).toBe(1000);
    expect(retryDelayMs(1, new NetworkError())).toBe(2000);
    expect(retryDelayMs(2, answer(500, 'INTERNAL'))).toBe(4000);
  });
});
