import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { App } from '../../src-main/app';
import type { Core } from '../../src-main/core';
import { grantsOf, visibleOutput } from '../../src-main/rpc/visibility';
import { contract, fileMimeOf, type Procedure, pathParams } from '../../src-shared/contract';
import {
  hideOutsideScope,
  type RestrictedPath,
  ROW_SCOPES,
  restrictedPaths,
  scopedRowKeys,
} from '../../src-shared/contract/visibility';
import { AppError } from '../../src-shared/errors';
import { can, ROLES, type Role } from '../../src-shared/permissions';
import { api, CPF_JOAO, databaseDigest, makeApp, setupAdmin, startTestCore, userWithRole } from '../helpers/app';

/**
 * Walks the whole contract, so every procedure added later is covered without a new line here:
 * 401 without a session, the permission matrix role by role, invalid inputs → 400 with the
 * database untouched, and every HTTP route in the OpenAPI document.
 */
const procedures = Object.entries(contract) as Array<[string, Procedure]>;

async function errorOf(promise: Promise<unknown>): Promise<AppError | null> {
  try {
    await promise;
    return null;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  maxLength?: number;
  enum?: unknown[];
  anyOf?: JsonSchema[];
};

/** Values that the property's schema must reject. */
function badValuesFor(schema: JsonSchema): unknown[] {
  const types = new Set<string>();
  const collect = (s: JsonSchema) => {
    if (Array.isArray(s.type)) for (const t of s.type) types.add(t);
    else if (s.type) types.add(s.type);
    for (const sub of s.anyOf ?? []) collect(sub);
  };
  collect(schema);
  const bad: unknown[] = [];
  if (!types.has('object')) bad.push({ nested: { deep: true } });
  if (!types.has('string') && !types.has('integer') && !types.has('number') && !types.has('boolean')) bad.push(42.5);
  if (types.has('integer') || types.has('number')) bad.push('não é número');
  if (types.has('boolean')) bad.push('talvez');
  if (types.has('string') && typeof schema.maxLength === 'number') bad.push('x'.repeat(schema.maxLength + 5));
  if (schema.enum) bad.push('__valor_inexistente__');
  if (types.has('array')) bad.push('não é lista');
  return bad;
}

type LooseDef = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
  entries?: Record<string, unknown>;
  values?: unknown[];
};

/** A value with every field of an output schema filled in (two items per list), restricted ones included. */
function fullSample(schema: z.ZodType): unknown {
  const def = schema._zod.def as unknown as LooseDef;
  if (def.innerType) return fullSample(def.innerType);
  switch (def.type) {
    case 'object':
      return Object.fromEntries(Object.entries(def.shape ?? {}).map(([k, v]) => [k, fullSample(v)]));
    case 'array':
      return def.element ? [fullSample(def.element), fullSample(def.element)] : [];
    case 'pipe':
      return fullSample((def.out?._zod.def.type === 'transform' ? def.in : def.out) as z.ZodType);
    case 'union':
      return def.options?.[0] ? fullSample(def.options[0]) : null;
    case 'record':
      return def.valueType ? { chave: fullSample(def.valueType) } : {};
    case 'enum':
      return Object.values(def.entries ?? {})[0];
    case 'literal':
      return def.values?.[0];
    case 'string':
      return 'texto';
    case 'number':
      return 1;
    case 'boolean':
      return true;
    default:
      return null;
  }
}

/** Whether `path` (with `*` for any list item) is present anywhere in `value`: [found, missing] counts. */
function presence(value: unknown, path: string[]): { found: number; missing: number } {
  const [head, ...rest] = path;
  if (head === undefined) return { found: 1, missing: 0 };
  if (head === '*') {
    const items = Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : [];
    return items.reduce(
      (acc: { found: number; missing: number }, item) => {
        const r = presence(item, rest);
        return { found: acc.found + r.found, missing: acc.missing + r.missing };
      },
      { found: 0, missing: 0 },
    );
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { found: 0, missing: 0 };
  const record = value as Record<string, unknown>;
  if (!(head in record)) return { found: 0, missing: 1 };
  if (rest.length === 0) return { found: 1, missing: 0 };
  return record[head] === null ? { found: 0, missing: 0 } : presence(record[head], rest);
}

/** A raw input that sets only the field at `path` (`*` → a one-item list). */
function inputSetting(path: string[], leaf: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return leaf;
  if (head === '*') return [inputSetting(rest, leaf)];
  return { [head]: inputSetting(rest, leaf) };
}

/**
 * Whether a role sees a restricted output field: it holds the field's permissions and, in a scoped
 * row (`scopedRow`), either sees every row whole (the scope's `unless`) or the row is its own.
 */
function sees(role: Role, { permissions, scope }: RestrictedPath, rowIsOwn: boolean): boolean {
  if (!permissions.every((p) => can(role, p))) return false;
  if (!scope || rowIsOwn || can(role, ROW_SCOPES[scope].unless)) return true;
  return !permissions.includes(ROW_SCOPES[scope].hides);
}

const withRestrictedOutput = procedures.filter(([, p]) => restrictedPaths(p.output, 'output').length > 0);
const withRestrictedInput = procedures.filter(([, p]) => restrictedPaths(p.input, 'input').length > 0);

describe('field-level permissions, walked from the contract', () => {
  it('the contract marks money, documents and private notes (sanity: the walk finds them)', () => {
    const paths = (name: keyof typeof contract) =>
      restrictedPaths(contract[name].output as z.ZodType, 'output').map((r) => r.path.join('.'));
    expect(paths('orders.get')).toEqual(
      expect.arrayContaining(['totalCents', 'paidCents', 'balanceCents', 'paymentState', 'items.*.unitPriceCents']),
    );
    expect(paths('orders.board')).toEqual(expect.arrayContaining(['columns.*.orders.*.totalCents']));
    expect(paths('customers.get')).toEqual(
      expect.arrayContaining(['document', 'birthDate', 'address', 'privateNotes', 'creditLimitCents']),
    );
    expect(withRestrictedInput.map(([n]) => n)).toEqual(
      expect.arrayContaining(['customers.create', 'customers.update', 'orders.list']),
    );
    expect(paths('products.list')).toEqual(expect.arrayContaining(['items.*.priceCents', 'items.*.costCents']));
    expect(paths('shippingMethods.get')).toEqual(['freightCents']);
    const scopeOf = (name: keyof typeof contract, path: string) =>
      restrictedPaths(contract[name].output as z.ZodType, 'output').find((r) => r.path.join('.') === path)?.scope;
    expect(scopeOf('orders.get', 'items.*.totalCents')).toBe('customerFinance');
    expect(scopeOf('orders.deadlines', 'items.*.totalCents')).toBe('customerFinance');
    expect(scopeOf('orders.alerts', 'items.*.order.balanceCents')).toBe('customerFinance');
    expect(restrictedPaths(contract['orders.list'].input as z.ZodType, 'input')).toEqual([
      { path: ['paymentState'], permissions: ['money.read'] },
      { path: ['sort'], permissions: ['money.read'], values: ['-totalCents'] },
    ]);
  });

  describe.each(ROLES)('role %s', (role) => {
    it.each(withRestrictedOutput)('%s: output keeps exactly the fields the role may see', (_name, proc) => {
      const out = visibleOutput(proc, fullSample(proc.output), role);
      for (const entry of restrictedPaths(proc.output, 'output')) {
        const { found, missing } = presence(out, entry.path);
        const label = `${role} ${entry.path.join('.')}`;
        if (entry.permissions.every((p) => can(role, p))) expect(missing, `${label} should be there`).toBe(0);
        else expect(found, `${label} should be hidden`).toBe(0);
      }
    });

    it.each(withRestrictedOutput)(
      '%s: scoped rows keep their fields only when they are the role’s own',
      (_name, proc) => {
        const grants = grantsOf(role);
        for (const rowIsOwn of [false, true]) {
          const out = visibleOutput(proc, fullSample(proc.output), role);
          // What the dispatcher asks the scope's resolver about; here every row is, or none is, the role's own.
          const own = Object.fromEntries(
            [...scopedRowKeys(proc.output, out, grants)].map(([scope, keys]) => [scope, rowIsOwn ? keys : new Set()]),
          );
          hideOutsideScope(proc.output, out, grants, own);
          for (const entry of restrictedPaths(proc.output, 'output')) {
            const { found, missing } = presence(out, entry.path);
            const label = `${role} ${entry.path.join('.')} (own row: ${rowIsOwn})`;
            if (sees(role, entry, rowIsOwn)) expect(missing, `${label} should be there`).toBe(0);
            else expect(found, `${label} should be hidden`).toBe(0);
          }
        }
      },
    );
  });
});

describe('contract-wide', () => {
  let app: App;
  let adminToken: string;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    ({ app } = await makeApp());
    adminToken = await setupAdmin(app);
    for (const role of ROLES) tokens.set(role, (await userWithRole(app, role)).token);
  });
  afterAll(() => app.close());

  /** One of everything, each with id 1: a customer with documents, an order with a payment and a crediário. */
  async function seedWorld(): Promise<void> {
    const as = (name: string, input: unknown) => app.call(name, input, { token: adminToken });
    await as('customers.create', {
      name: 'João da Silva',
      document: CPF_JOAO,
      birthDate: '1980-05-10',
      phone: '11987654321',
      address: { street: 'Rua das Flores', number: '10', city: 'Campinas', state: 'SP', cep: '13010-000' },
      privateNotes: 'Paga em dia',
      creditLimitCents: 100_000,
    });
    const product = (await as('products.create', {
      name: 'Camiseta',
      productionType: 'camiseta',
      unit: 'un',
      priceCents: 3000,
    })) as { id: number };
    await as('orders.create', {
      customerId: 1,
      deliveryDate: '2026-12-01',
      items: [
        {
          productId: product.id,
          description: 'Camisetas',
          quantity: 10,
          extras: [{ name: 'Caixa', quantity: 1, unitPriceCents: 500 }],
        },
      ],
    });
    const methods = (await as('paymentMethods.list', {})) as { items: Array<{ id: number; kind: string }> };
    const pix = methods.items.find((m) => m.kind === 'pix')?.id;
    await as('payments.create', { id: 1, amountCents: 10_000, paymentMethodId: pix });
    await as('plans.createForOrder', { id: 1, count: 2, firstDueDate: '2026-12-24' });
  }

  /** Every object in a value (nested ones too) that has `key`. */
  function objectsWith(value: unknown, key: string): Array<Record<string, unknown>> {
    if (Array.isArray(value)) return value.flatMap((v) => objectsWith(v, key));
    if (!value || typeof value !== 'object') return [];
    const record = value as Record<string, unknown>;
    const nested = Object.values(record).flatMap((v) => objectsWith(v, key));
    return key in record ? [record, ...nested] : nested;
  }

  /** Names of every output field restricted by `permission`, anywhere in the contract. */
  function scopedFieldNames(permission: string): Set<string> {
    const names = new Set<string>();
    for (const [, proc] of procedures)
      for (const { path, permissions } of restrictedPaths(proc.output, 'output'))
        if (permissions.some((p) => p === permission)) names.add(path[path.length - 1] as string);
    return names;
  }

  it('reads: no role ever receives a field it may not see (every GET procedure, real data, every role)', async () => {
    await seedWorld();
    const reached = new Set<string>();
    for (const role of ROLES) {
      const token = tokens.get(role) as string;
      for (const [name, proc] of procedures.filter(([, p]) => p.method === 'GET' && p.permission !== 'public')) {
        const input = pathParams(proc.path).length ? { id: 1 } : {};
        let out: unknown;
        try {
          out = await app.call(name, input, { token });
        } catch (err) {
          if (err instanceof AppError) continue;
          throw err;
        }
        reached.add(`${role} ${name}`);
        // The world's customer is nobody's own but the shop's: no test user created or sells its orders.
        for (const entry of restrictedPaths(proc.output, 'output')) {
          if (sees(role, entry, false)) continue;
          expect(presence(out, entry.path).found, `${role} ${name} ${entry.path.join('.')}`).toBe(0);
        }
        // Guard for rows not marked yet: a role bounded by a row scope never gets, in an object
        // about a customer, a field that is restricted by the scope anywhere in the contract.
        for (const [scope, def] of Object.entries(ROW_SCOPES)) {
          if (can(role, def.unless) || !can(role, def.hides)) continue;
          for (const row of objectsWith(out, def.key))
            for (const key of Object.keys(row))
              expect(scopedFieldNames(def.hides).has(key), `${role} ${name} ${scope} row has ${key}`).toBe(false);
        }
      }
    }
    for (const name of ['orders.get', 'orders.list', 'orders.board', 'customers.get', 'customers.list'])
      expect(reached.has(`producao ${name}`), name).toBe(true);
  });

  describe.each(ROLES)('writes: role %s may set only the fields it may write', (role) => {
    const cases = withRestrictedInput
      .filter(([, p]) => can(role, p.permission))
      .flatMap(([name, p]) => restrictedPaths(p.input, 'input').map((r) => [name, r.path.join('.'), r] as const));
    if (cases.length === 0) it('no procedure it may call has restricted input fields', () => expect(cases).toEqual([]));
    else
      it.each(cases)('%s %s', async (name, _path, { path, permissions, values }) => {
        const before = databaseDigest(app);
        // A value rule restricts only its values: choose one of them.
        const leaf = values?.[0] ?? 1;
        const err = await errorOf(app.call(name, inputSetting(path, leaf), { token: tokens.get(role) as string }));
        const field = path.map((k) => (k === '*' ? '0' : k)).join('.');
        if (permissions.every((p) => can(role, p))) {
          expect(err?.code).not.toBe('FORBIDDEN');
          if (values) expect(err?.fields?.[field]).toBeUndefined();
        } else if (values) {
          expect(err?.code).toBe('VALIDATION');
          expect(err?.fields?.[field]).toMatch(/^Você não tem permissão para /);
          expect(databaseDigest(app)).toBe(before);
        } else {
          expect(err?.code).toBe('FORBIDDEN');
          expect(err?.message).toMatch(/permissão para preencher o campo/);
          expect(Object.keys(err?.fields ?? {})).toEqual([field]);
          expect(databaseDigest(app)).toBe(before);
        }
      });
  });

  it('every procedure has an implementation and a permission', () => {
    for (const [name, proc] of procedures) {
      expect(app.dispatcher, name).toBeDefined();
      expect(proc.permission, name).toBeTruthy();
    }
  });

  it.each(procedures.filter(([, p]) => p.permission !== 'public'))(
    '%s without a session → UNAUTHENTICATED',
    async (name) => {
      const before = databaseDigest(app);
      const err = await errorOf(app.call(name, {}));
      expect(err?.code).toBe('UNAUTHENTICATED');
      expect(err?.status).toBe(401);
      expect(databaseDigest(app)).toBe(before);
    },
  );

  it.each(procedures.filter(([, p]) => p.permission !== 'public'))(
    '%s with a forged token → UNAUTHENTICATED',
    async (name) => {
      const err = await errorOf(app.call(name, {}, { token: 'x'.repeat(43) }));
      expect(err?.code).toBe('UNAUTHENTICATED');
    },
  );

  describe.each(ROLES)('role %s gets exactly what the matrix grants', (role) => {
    // `{}` is never a complete input for a write that needs one, so an allowed call fails later, not at permission.
    // auth.logout is left to the integration test: it would end this role's session.
    it.each(procedures.filter(([n, p]) => p.permission !== 'public' && n !== 'auth.logout'))(
      '%s',
      async (name, proc) => {
        const token = tokens.get(role) as string;
        const err = await errorOf(app.call(name, {}, { token }));
        if (can(role, proc.permission)) expect(err?.code, `${role} may ${name}`).not.toBe('FORBIDDEN');
        else expect(err?.code, `${role} may not ${name}`).toBe('FORBIDDEN');
      },
    );
  });

  describe('invalid inputs → 400 and the database unchanged', () => {
    const cases: Array<[string, string, unknown, string | null]> = [];
    for (const [name, proc] of procedures) {
      cases.push([name, 'uma lista no lugar do objeto', [], null]);
      cases.push([name, 'um texto no lugar do objeto', 'abc', null]);
      cases.push([name, 'campo desconhecido', { campoQueNaoExiste: 1 }, 'campoQueNaoExiste']);
      const schema = z.toJSONSchema(proc.input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
      for (const [key, prop] of Object.entries(schema.properties ?? {})) {
        for (const bad of badValuesFor(prop))
          cases.push([name, `${key} = ${JSON.stringify(bad).slice(0, 30)}`, { [key]: bad }, key]);
      }
    }

    it.each(cases)('%s with %s', async (name, _label, input, field) => {
      const before = databaseDigest(app);
      const err = await errorOf(app.call(name, input, { token: adminToken }));
      expect(err?.code).toBe('VALIDATION');
      expect(err?.status).toBe(400);
      expect(err?.message).toMatch(/inválid/i);
      if (field) {
        const named = Object.keys(err?.fields ?? {}).some((k) => k === field || k.startsWith(`${field}.`));
        expect(named, `${field} in ${JSON.stringify(err?.fields)}`).toBe(true);
      }
      expect(databaseDigest(app)).toBe(before);
    });
  });
});

describe('contract over HTTP', () => {
  let core: Core;
  beforeAll(async () => {
    core = await startTestCore();
    await setupAdmin(core.app);
  });
  afterAll(() => core.stop());

  it('OpenAPI lists every HTTP procedure with its schemas and permission', async () => {
    const res = await api(core.url)('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\.1/);
    for (const [name, proc] of procedures) {
      const path = proc.path.replace(/:([A-Za-z_]\w*)/g, '{$1}');
      const op = res.body.paths[path]?.[proc.method.toLowerCase()];
      expect(op, `${name} at ${proc.http}`).toBeDefined();
      expect(op.operationId).toBe(name);
      expect(op['x-permission']).toBe(proc.permission);
      // Files (PDF, CSV, images) answer their own content type.
      const type = fileMimeOf(proc) ?? 'application/json';
      expect(op.responses[String(proc.status ?? 200)].content[type].schema).toBeTypeOf('object');
    }
  });

  it('OpenAPI names the permission of every restricted field (x-permission)', async () => {
    const res = await api(core.url)('GET', '/api/openapi.json');
    const order = res.body.paths['/api/orders/{id}'].get.responses['200'].content['application/json'].schema;
    expect(order.properties.totalCents['x-permission']).toBe('money.read');
    expect(order.properties.customerName['x-permission']).toBeUndefined();
    const create = res.body.paths['/api/customers'].post.requestBody.content['application/json'].schema;
    expect(create.properties.privateNotes['x-permission']).toBe('customers.privateNotes');
  });

  it.each(procedures.filter(([, p]) => p.permission !== 'public'))(
    '%s over HTTP without token → 401',
    async (_name, proc) => {
      let url = proc.path;
      for (const param of pathParams(proc.path)) url = url.replace(`:${param}`, '1');
      const res = await api(core.url)(
        proc.method,
        url,
        proc.method === 'GET' || proc.method === 'DELETE' ? undefined : {},
      );
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
      expect(res.body.error.message).toMatch(/sessão/i);
    },
  );
});
