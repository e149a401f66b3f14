import { z } from 'zod';
import type { Permission } from '../permissions';

/**
 * Field-level permissions in the contract. A field of an output schema wrapped in `restricted()`
 * is left out of the answer for users without the permission; a field of an input schema wrapped
 * in `restrictedInput()` may be set only by users with it. The dispatcher applies both to every
 * procedure, so every transport (IPC, HTTP, WebSocket-triggered reloads, direct calls) gets them.
 *
 * The rules live in a registry keyed by the field's schema instance, so a shared schema (`Cents`,
 * `Address`) is never restricted by accident: both helpers register a fresh copy.
 */
export interface FieldRule {
  permission: Permission;
  /** What the field is called in messages (pt-BR), e.g. "observações internas". */
  label?: string;
  /**
   * Input only: the rule is about these values of the field, not the field itself (an enum value
   * such as the sort `-totalCents`). Setting another value is free; setting one of these without
   * the permission is refused with 400 on the field (see `restrictedValues`).
   */
  values?: readonly (string | number)[];
}

export const fieldRules = z.registry<FieldRule>();

/**
 * Row-level visibility: an output object marked with `scopedRow()` is a row about something that
 * belongs to someone (an order's customer). For a user without the scope's `unless` permission,
 * the fields restricted by `hides` are kept only in rows whose `key` (a field of the row) a
 * resolver, registered by the owning module, says is the user's own; other rows lose them. The
 * same scope bounds events: an event read under one of `reads` reaches a user without `unless`
 * only when it is about one of their own (see `contract/events.ts`).
 */
export interface RowScopeDef {
  /** The row's field holding the id the resolver checks. */
  key: string;
  /** What a row that is not the user's own loses: every field restricted by this permission. */
  hides: Permission;
  /** Who sees every row whole (the scope does not apply). */
  unless: Permission;
  /** Events read under these permissions are about a scoped record. */
  reads: readonly Permission[];
}

export const ROW_SCOPES = {
  /**
   * Money of a row about a customer (an order): a seller sees it for their own customers only —
   * the customers of orders they sell or created and of crediários they opened (`finance/scope.ts`).
   */
  customerFinance: {
    key: 'customerId',
    hides: 'money.read',
    unless: 'finance.shop',
    reads: ['payments.read', 'credit.read'],
  },
} as const satisfies Record<string, RowScopeDef>;

export type RowScope = keyof typeof ROW_SCOPES;

export const rowScopes = z.registry<{ scope: RowScope }>();

/** Marks an output object as a row of `scope` (a fresh copy is marked, never a shared schema). */
export function scopedRow<T extends z.ZodObject>(schema: T, scope: RowScope): T {
  const row = schema.clone() as T;
  rowScopes.add(row, { scope });
  return row;
}

/** An output field only users with `permission` see; it is optional in the type, since it may be absent. */
export function restricted<T extends z.ZodType>(schema: T, permission: Permission, label?: string): z.ZodOptional<T> {
  const field = schema.optional();
  fieldRules.add(field, label ? { permission, label } : { permission });
  return field;
}

/** An input field only users with `permission` may set (a value other than `undefined`, `null` included). */
export function restrictedInput<T extends z.ZodType>(schema: T, permission: Permission, label?: string): T {
  const field = schema.clone();
  fieldRules.add(field, label ? { permission, label } : { permission });
  return field;
}

/**
 * An input field some of whose values only users with `permission` may choose (e.g. sorting by a
 * money field). `label` completes "Você não tem permissão para …", e.g. "ordenar pelo valor".
 */
export function restrictedValues<T extends z.ZodType>(
  schema: T,
  values: readonly (string | number)[],
  permission: Permission,
  label: string,
): T {
  const field = schema.clone();
  fieldRules.add(field, { permission, label, values });
  return field;
}

export type Direction = 'input' | 'output';

interface FieldPlan {
  key: string;
  rules: FieldRule[];
  inner: Plan | null;
}

/** Only the parts of a schema that hold restricted fields; null when there are none (nothing to do). */
type Plan =
  | { kind: 'object'; fields: FieldPlan[]; scope?: RowScope }
  | { kind: 'array'; element: Plan }
  | { kind: 'record'; value: Plan }
  /** Unions and intersections: every branch's rules apply (a field restricted in any branch is restricted). */
  | { kind: 'all'; parts: Plan[] };

interface LooseDef {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  getter?: () => z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
}

const defOf = (schema: z.ZodType) => schema._zod.def as unknown as LooseDef;

/** Follows wrappers (optional, nullable, default, pipe, lazy…) to the schema that holds the value, collecting rules on the way. */
function unwrap(schema: z.ZodType, io: Direction): { base: z.ZodType; rules: FieldRule[] } {
  const rules: FieldRule[] = [];
  let current = schema;
  for (let depth = 0; depth < 50; depth++) {
    const rule = fieldRules.get(current);
    if (rule) rules.push(rule);
    const def = defOf(current);
    if (def.innerType) {
      current = def.innerType;
    } else if (def.type === 'pipe' && def.in && def.out) {
      const preferred = io === 'output' ? def.out : def.in;
      const other = io === 'output' ? def.in : def.out;
      current = defOf(preferred).type === 'transform' ? other : preferred;
    } else if (def.type === 'lazy' && def.getter) {
      current = def.getter();
    } else {
      break;
    }
  }
  return { base: current, rules };
}

/** The row scope of a schema, looking through its wrappers. */
function scopeOf(schema: z.ZodType): RowScope | undefined {
  let current = schema;
  for (let depth = 0; depth < 50; depth++) {
    const marked = rowScopes.get(current);
    if (marked) return marked.scope;
    const def = defOf(current);
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.out) current = def.out;
    else if (def.type === 'lazy' && def.getter) current = def.getter();
    else return undefined;
  }
  return undefined;
}

const caches: Record<Direction, WeakMap<z.ZodType, Plan | null>> = { input: new WeakMap(), output: new WeakMap() };

function planOf(schema: z.ZodType, io: Direction, visiting: Set<z.ZodType> = new Set()): Plan | null {
  const cache = caches[io];
  if (cache.has(schema)) return cache.get(schema) ?? null;
  if (visiting.has(schema)) return null; // a recursive schema: its restricted fields are found at the outer level
  visiting.add(schema);
  const { base } = unwrap(schema, io);
  const def = defOf(base);
  let plan: Plan | null = null;
  if (def.type === 'object' && def.shape) {
    const fields: FieldPlan[] = [];
    for (const [key, field] of Object.entries(def.shape)) {
      const { base: fieldBase, rules } = unwrap(field, io);
      const inner = planOf(fieldBase, io, visiting);
      if (rules.length || inner) fields.push({ key, rules, inner });
    }
    const scope = io === 'output' ? scopeOf(schema) : undefined;
    if (scope) plan = { kind: 'object', fields, scope };
    else if (fields.length) plan = { kind: 'object', fields };
  } else if (def.type === 'array' && def.element) {
    const element = planOf(def.element, io, visiting);
    if (element) plan = { kind: 'array', element };
  } else if (def.type === 'record' && def.valueType) {
    const value = planOf(def.valueType, io, visiting);
    if (value) plan = { kind: 'record', value };
  } else if (def.type === 'union' || def.type === 'intersection') {
    const branches = def.type === 'union' ? (def.options ?? []) : [def.left, def.right];
    const parts = branches.flatMap((b) => (b ? [planOf(b, io, visiting)] : [])).filter((p): p is Plan => p !== null);
    if (parts.length) plan = { kind: 'all', parts };
  }
  visiting.delete(schema);
  cache.set(schema, plan);
  return plan;
}

/** Does the user hold a permission? */
export type Grants = (permission: Permission) => boolean;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function hide(plan: Plan, value: unknown, grants: Grants): void {
  switch (plan.kind) {
    case 'object': {
      if (!isRecord(value)) return;
      for (const field of plan.fields) {
        if (!(field.key in value)) continue;
        if (!field.rules.every((r) => grants(r.permission))) delete value[field.key];
        else if (field.inner) hide(field.inner, value[field.key], grants);
      }
      return;
    }
    case 'array':
      if (Array.isArray(value)) for (const item of value) hide(plan.element, item, grants);
      return;
    case 'record':
      if (isRecord(value)) for (const item of Object.values(value)) hide(plan.value, item, grants);
      return;
    case 'all':
      for (const part of plan.parts) hide(part, value, grants);
      return;
  }
}

/**
 * Removes, in place, every restricted field the user may not see — in objects, arrays and nested
 * objects alike. Meant for a freshly parsed output (zod builds new objects, so nothing shared is touched).
 */
export function hideRestricted<T>(schema: z.ZodType, value: T, grants: Grants): T {
  const plan = planOf(schema, 'output');
  if (plan) hide(plan, value, grants);
  return value;
}

export interface ForbiddenField {
  /** Dotted path as in validation errors, e.g. `items.0.unitPriceCents`. */
  path: string;
  label: string;
  permission: Permission;
  /** `field`: the field may not be set at all (403); `value`: the value chosen may not be (400). */
  kind: 'field' | 'value';
}

/** Whether a rule is about this input value: every value for a field rule, the listed ones for a value rule. */
function ruleApplies(rule: FieldRule, value: unknown): boolean {
  if (!rule.values) return true;
  const chosen = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
  return chosen.some((v) => (rule.values as readonly unknown[]).includes(v));
}

function findForbidden(plan: Plan, value: unknown, grants: Grants, path: string[]): ForbiddenField | null {
  switch (plan.kind) {
    case 'object': {
      if (!isRecord(value)) return null;
      for (const field of plan.fields) {
        const v = value[field.key];
        if (v === undefined) continue;
        const missing = field.rules.find((r) => !grants(r.permission) && ruleApplies(r, v));
        if (missing) {
          const fullPath = [...path, field.key].join('.');
          return {
            path: fullPath,
            label: missing.label ?? fullPath,
            permission: missing.permission,
            kind: missing.values ? 'value' : 'field',
          };
        }
        if (field.inner) {
          const found = findForbidden(field.inner, v, grants, [...path, field.key]);
          if (found) return found;
        }
      }
      return null;
    }
    case 'array':
      if (!Array.isArray(value)) return null;
      for (const [i, item] of value.entries()) {
        const found = findForbidden(plan.element, item, grants, [...path, String(i)]);
        if (found) return found;
      }
      return null;
    case 'record':
      if (!isRecord(value)) return null;
      for (const [k, item] of Object.entries(value)) {
        const found = findForbidden(plan.value, item, grants, [...path, k]);
        if (found) return found;
      }
      return null;
    case 'all':
      for (const part of plan.parts) {
        const found = findForbidden(part, value, grants, path);
        if (found) return found;
      }
      return null;
  }
}

/** The first restricted input field the user sets without the permission to, or null. Reads the raw input. */
export function forbiddenInputField(schema: z.ZodType, raw: unknown, grants: Grants): ForbiddenField | null {
  const plan = planOf(schema, 'input');
  return plan ? findForbidden(plan, raw, grants, []) : null;
}

export interface RestrictedPath {
  /** `items.*.totalCents`: `*` stands for any array index or record key. */
  path: string[];
  permissions: Permission[];
  /** Input value rules: only these values are restricted (the first rule that has them). */
  values?: readonly (string | number)[];
  /** Output: the field sits in a row of this scope (see `scopedRow`), the innermost one. */
  scope?: RowScope;
}

/** Every restricted field of a schema with its path: for tests, docs and the renderer. */
export function restrictedPaths(schema: z.ZodType, io: Direction): RestrictedPath[] {
  const out: RestrictedPath[] = [];
  const walk = (plan: Plan, path: string[], outer: RowScope | undefined) => {
    switch (plan.kind) {
      case 'object': {
        const scope = plan.scope ?? outer;
        for (const field of plan.fields) {
          if (field.rules.length) {
            const entry: RestrictedPath = {
              path: [...path, field.key],
              permissions: field.rules.map((r) => r.permission),
            };
            const values = field.rules.find((r) => r.values)?.values;
            if (values) entry.values = values;
            if (scope) entry.scope = scope;
            out.push(entry);
          }
          if (field.inner) walk(field.inner, [...path, field.key], scope);
        }
        return;
      }
      case 'array':
        walk(plan.element, [...path, '*'], outer);
        return;
      case 'record':
        walk(plan.value, [...path, '*'], outer);
        return;
      case 'all':
        for (const part of plan.parts) walk(part, path, outer);
        return;
    }
  };
  const plan = planOf(schema, io);
  if (plan) walk(plan, [], undefined);
  return out;
}

/** Calls `visit` for every scoped row in a value (outermost first, nested rows too). */
function eachRow(
  plan: Plan,
  value: unknown,
  visit: (scope: RowScope, row: Record<string, unknown>, plan: Plan) => void,
) {
  switch (plan.kind) {
    case 'object':
      if (!isRecord(value)) return;
      if (plan.scope) visit(plan.scope, value, plan);
      for (const field of plan.fields) if (field.inner) eachRow(field.inner, value[field.key], visit);
      return;
    case 'array':
      if (Array.isArray(value)) for (const item of value) eachRow(plan.element, item, visit);
      return;
    case 'record':
      if (isRecord(value)) for (const item of Object.values(value)) eachRow(plan.value, item, visit);
      return;
    case 'all':
      for (const part of plan.parts) eachRow(part, value, visit);
      return;
  }
}

/** Ids a user's own rows are checked against, per scope. */
export type OwnKeys = Partial<Record<RowScope, ReadonlySet<number>>>;

/**
 * The keys of the scoped rows in an output that the user does not see whole (scopes whose `unless`
 * they lack and whose `hides` they hold — without `hides` the fields are gone already). Empty when
 * there is nothing to ask: the caller then runs no query.
 */
export function scopedRowKeys(schema: z.ZodType, value: unknown, grants: Grants): Map<RowScope, Set<number>> {
  const keys = new Map<RowScope, Set<number>>();
  const plan = planOf(schema, 'output');
  if (!plan) return keys;
  eachRow(plan, value, (scope, row) => {
    const def = ROW_SCOPES[scope];
    if (grants(def.unless) || !grants(def.hides)) return;
    const key = row[def.key];
    if (typeof key !== 'number') return;
    const set = keys.get(scope) ?? new Set<number>();
    set.add(key);
    keys.set(scope, set);
  });
  return keys;
}

/**
 * Removes, in place, from every scoped row that is not the user's own (its key not in `own`), the
 * fields restricted by the scope's `hides` permission — nested ones (an order's items) included.
 */
export function hideOutsideScope<T>(schema: z.ZodType, value: T, grants: Grants, own: OwnKeys): T {
  const plan = planOf(schema, 'output');
  if (!plan) return value;
  eachRow(plan, value, (scope, row, rowPlan) => {
    const def = ROW_SCOPES[scope];
    if (grants(def.unless)) return;
    const key = row[def.key];
    if (typeof key === 'number' && own[scope]?.has(key)) return;
    hide(rowPlan, row, (p) => p !== def.hides && grants(p));
  });
  return value;
}
