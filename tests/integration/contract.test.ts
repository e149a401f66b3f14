import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { App } from '../../src-main/app';
import type { Core } from '../../src-main/core';
import { contract, type Procedure, pathParams } from '../../src-shared/contract';
import { AppError } from '../../src-shared/errors';
import { can, ROLES, type Role } from '../../src-shared/permissions';
import { api, databaseDigest, makeApp, setupAdmin, startTestCore, userWithRole } from '../helpers/app';

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
      expect(op.responses[String(proc.status ?? 200)].content['application/json'].schema).toBeTypeOf('object');
    }
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
