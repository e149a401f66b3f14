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
}

export const fieldRules = z.registry<FieldRule>();

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

export type Direction = 'input' | 'output';

interface FieldPlan {
  key: string;
  rules: FieldRule[];
  inner: Plan | null;
}

/** Only the parts of a schema that hold restricted fields; null when there are none (nothing to do). */
type Plan =
  | { kind: 'object'; fields: FieldPlan[] }
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
    if (fields.length) plan = { kind: 'object', fields };
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
}

function findForbidden(plan: Plan, value: unknown, grants: Grants, path: string[]): ForbiddenField | null {
  switch (plan.kind) {
    case 'object': {
      if (!isRecord(value)) return null;
      for (const field of plan.fields) {
        const v = value[field.key];
        if (v === undefined) continue;
        const missing = field.rules.find((r) => !grants(r.permission));
        if (missing) {
          const fullPath = [...path, field.key].join('.');
          return { path: fullPath, label: missing.label ?? fullPath, permission: missing.permission };
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
}

/** Every restricted field of a schema with its path: for tests, docs and the renderer. */
export function restrictedPaths(schema: z.ZodType, io: Direction): RestrictedPath[] {
  const out: RestrictedPath[] = [];
  const walk = (plan: Plan, path: string[]) => {
    switch (plan.kind) {
      case 'object':
        for (const field of plan.fields) {
          if (field.rules.length)
            out.push({ path: [...path, field.key], permissions: field.rules.map((r) => r.permission) });
          if (field.inner) walk(field.inner, [...path, field.key]);
        }
        return;
      case 'array':
        walk(plan.element, [...path, '*']);
        return;
      case 'record':
        walk(plan.value, [...path, '*']);
        return;
      case 'all':
        for (const part of plan.parts) walk(part, path);
        return;
    }
  };
  const plan = planOf(schema, io);
  if (plan) walk(plan, []);
  return out;
}
