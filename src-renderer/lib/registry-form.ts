import {
  MACHINE_STATUSES,
  PAYMENT_KINDS,
  PRODUCT_UNITS,
  type RegistryKey,
  STAFF_ROLES,
} from '../../src-shared/contract/registries';
import { formatCents } from '../../src-shared/domain/money';
import type { FieldErrors } from '../../src-shared/errors';
import { type TextKey, t } from '../i18n';
import { centsToInput, inputToCents } from './order-form';

/**
 * The seven registries (cadastros) described as data, so one list and one dialog serve them all:
 * which fields each has, how a field is typed, shown and sent. No React here; unit-tested.
 */

export type FieldKind =
  /** Free text; `optional` ones are sent as null when blank. */
  | 'text'
  /** Reais typed as '45,00', sent as cents. */
  | 'money'
  /** One of fixed options. */
  | 'select'
  /** One of the production types from the production settings. */
  | 'productionType'
  /** Several of fixed options (staff roles). */
  | 'multi'
  /** A login user linked to a staff member (optional). */
  | 'user';

export interface RegistryField {
  name: string;
  label: TextKey;
  kind: FieldKind;
  options?: ReadonlyArray<{ value: string; label: TextKey }>;
  optional?: boolean;
  max?: number;
  initial: string | string[];
  /** Shown as a column of the list. */
  column?: boolean;
}

export interface RegistryDef {
  key: RegistryKey;
  /** The URL segment: /cadastros/<slug>. */
  slug: string;
  title: TextKey;
  /** Singular, for "Novo …" and dialog titles. */
  one: TextKey;
  fields: RegistryField[];
}

const name: RegistryField = { name: 'name', label: 'registry.field.name', kind: 'text', max: 120, initial: '' };

const opts = <T extends string>(values: readonly T[], label: (v: T) => TextKey) =>
  values.map((value) => ({ value, label: label(value) }));

export const REGISTRIES: readonly RegistryDef[] = [
  {
    key: 'products',
    slug: 'produtos',
    title: 'registry.products',
    one: 'registry.products.one',
    fields: [
      name,
      {
        name: 'kind',
        label: 'registry.field.productKind',
        kind: 'select',
        options: [
          { value: 'produto', label: 'registry.productKind.produto' },
          { value: 'servico', label: 'registry.productKind.servico' },
        ],
        initial: 'produto',
        column: true,
      },
      {
        name: 'productionType',
        label: 'registry.field.productionType',
        kind: 'productionType',
        initial: '',
        column: true,
      },
      {
        name: 'unit',
        label: 'registry.field.unit',
        kind: 'select',
        options: opts(PRODUCT_UNITS, (u) => `registry.unit.${u}`),
        initial: 'un',
        column: true,
      },
      { name: 'priceCents', label: 'registry.field.price', kind: 'money', initial: '', column: true },
      { name: 'costCents', label: 'registry.field.cost', kind: 'money', initial: '0,00', optional: true },
    ],
  },
  {
    key: 'materials',
    slug: 'materiais',
    title: 'registry.materials',
    one: 'registry.materials.one',
    fields: [
      name,
      {
        name: 'supplier',
        label: 'registry.field.supplier',
        kind: 'text',
        optional: true,
        max: 120,
        initial: '',
        column: true,
      },
      { name: 'unit', label: 'registry.field.materialUnit', kind: 'text', max: 10, initial: 'm2', column: true },
      { name: 'costCents', label: 'registry.field.cost', kind: 'money', initial: '0,00', optional: true, column: true },
    ],
  },
  {
    key: 'finishes',
    slug: 'acabamentos',
    title: 'registry.finishes',
    one: 'registry.finishes.one',
    fields: [
      name,
      {
        name: 'priceCents',
        label: 'registry.field.price',
        kind: 'money',
        initial: '0,00',
        optional: true,
        column: true,
      },
      {
        name: 'priceUnit',
        label: 'registry.field.finishUnit',
        kind: 'select',
        options: opts(PRODUCT_UNITS, (u) => `registry.finishUnit.${u}`),
        initial: 'un',
        column: true,
      },
    ],
  },
  {
    key: 'machines',
    slug: 'maquinas',
    title: 'registry.machines',
    one: 'registry.machines.one',
    fields: [
      name,
      { name: 'type', label: 'registry.field.machineType', kind: 'text', max: 60, initial: '', column: true },
      {
        name: 'status',
        label: 'registry.field.machineStatus',
        kind: 'select',
        options: opts(MACHINE_STATUSES, (s) => `registry.machineStatus.${s}`),
        initial: 'ativa',
        column: true,
      },
    ],
  },
  {
    key: 'staff',
    slug: 'equipe',
    title: 'registry.staff',
    one: 'registry.staff.one',
    fields: [
      name,
      {
        name: 'roles',
        label: 'registry.field.roles',
        kind: 'multi',
        options: opts(STAFF_ROLES, (r) => `registry.staffRole.${r}`),
        initial: [],
        column: true,
      },
      { name: 'userId', label: 'registry.field.user', kind: 'user', optional: true, initial: '', column: true },
    ],
  },
  {
    key: 'shippingMethods',
    slug: 'entrega',
    title: 'registry.shippingMethods',
    one: 'registry.shippingMethods.one',
    fields: [
      name,
      {
        name: 'freightCents',
        label: 'registry.field.freight',
        kind: 'money',
        initial: '0,00',
        optional: true,
        column: true,
      },
    ],
  },
  {
    key: 'paymentMethods',
    slug: 'pagamento',
    title: 'registry.paymentMethods',
    one: 'registry.paymentMethods.one',
    fields: [
      name,
      {
        name: 'kind',
        label: 'registry.field.paymentKind',
        kind: 'select',
        options: opts(PAYMENT_KINDS, (k) => `registry.paymentKind.${k}`),
        initial: 'dinheiro',
        column: true,
      },
    ],
  },
];

export function registryBySlug(slug: string): RegistryDef | undefined {
  return REGISTRIES.find((r) => r.slug === slug);
}

/** A row as every registry returns it; the other columns depend on the registry. */
export type RegistryRow = { id: number; name: string; active: boolean; version: number } & Record<string, unknown>;

export type RegistryValues = Record<string, string | string[]>;

export function emptyRegistryForm(def: RegistryDef): RegistryValues {
  return Object.fromEntries(def.fields.map((f) => [f.name, Array.isArray(f.initial) ? [...f.initial] : f.initial]));
}

export function rowToRegistryForm(def: RegistryDef, row: RegistryRow): RegistryValues {
  const values: RegistryValues = {};
  for (const f of def.fields) {
    const v = row[f.name];
    if (f.kind === 'money') values[f.name] = typeof v === 'number' ? centsToInput(v) : '';
    else if (f.kind === 'multi') values[f.name] = Array.isArray(v) ? v.map(String) : [];
    else if (f.kind === 'user') values[f.name] = typeof v === 'number' ? String(v) : '';
    else values[f.name] = typeof v === 'string' ? v : '';
  }
  return values;
}

const text = (v: string | string[] | undefined): string => (typeof v === 'string' ? v : '');
const list = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : []);

/** Optional by definition, or a service's production type (a service does not go to production). */
export function isOptional(def: RegistryDef, field: RegistryField, values: RegistryValues): boolean {
  if (field.optional) return true;
  return def.key === 'products' && field.kind === 'productionType' && values.kind === 'servico';
}

export function validateRegistryForm(def: RegistryDef, values: RegistryValues): FieldErrors {
  const errors: FieldErrors = {};
  for (const f of def.fields) {
    const v = values[f.name];
    if (f.kind === 'multi') {
      if (list(v).length === 0) errors[f.name] = t('registry.error.roles');
      continue;
    }
    const s = text(v).trim();
    if (!s) {
      if (!isOptional(def, f, values)) errors[f.name] = t('field.required');
      continue;
    }
    if (f.kind === 'money') {
      const cents = inputToCents(s, null);
      if (cents === null || Number.isNaN(cents) || cents < 0) errors[f.name] = t('orders.error.money');
    } else if (f.max && s.length > f.max) {
      errors[f.name] = t('field.tooLong', { max: f.max });
    } else if (f.kind === 'select' && !f.options?.some((o) => o.value === s)) {
      errors[f.name] = t('field.required');
    }
  }
  return errors;
}

/** The form as the create/update input (without id and version). */
export function registryFormToInput(def: RegistryDef, values: RegistryValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of def.fields) {
    const v = values[f.name];
    if (f.kind === 'multi') {
      out[f.name] = [...list(v)];
      continue;
    }
    const s = text(v).trim();
    if (f.kind === 'money') out[f.name] = inputToCents(s, 0) ?? 0;
    else if (f.kind === 'user') out[f.name] = s ? Number(s) : null;
    else if (f.optional && !s) out[f.name] = null;
    else out[f.name] = s;
  }
  return out;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** What changed between the form as loaded and as it is now; null when nothing did. */
export function registryChanges(
  def: RegistryDef,
  original: RegistryValues,
  current: RegistryValues,
): Record<string, unknown> | null {
  const before = registryFormToInput(def, original);
  const after = registryFormToInput(def, current);
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after)) if (!same(before[key], after[key])) changes[key] = after[key];
  return Object.keys(changes).length ? changes : null;
}

/** After a 409: the fresh values, with the fields this user changed kept as typed. */
export function rebaseRegistryForm(
  original: RegistryValues,
  mine: RegistryValues,
  fresh: RegistryValues,
): RegistryValues {
  const result: RegistryValues = { ...fresh };
  for (const key of Object.keys(mine)) {
    if (!same(original[key], mine[key])) result[key] = mine[key] ?? '';
  }
  return result;
}

/** A cell of the list: money as R$, options by their label, roles joined. */
export function displayRegistryValue(
  field: RegistryField,
  row: RegistryRow,
  userName?: (id: number) => string | undefined,
): string {
  const v = row[field.name];
  if (field.kind === 'money') return typeof v === 'number' ? formatCents(v) : '';
  if (field.kind === 'multi') {
    const values = Array.isArray(v) ? v.map(String) : [];
    return values.map((x) => optionLabel(field, x)).join(', ');
  }
  if (field.kind === 'user') return typeof v === 'number' ? (userName?.(v) ?? `#${v}`) : '';
  if (field.kind === 'select') return typeof v === 'string' ? optionLabel(field, v) : '';
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
}

export function optionLabel(field: RegistryField, value: string): string {
  const option = field.options?.find((o) => o.value === value);
  return option ? t(option.label) : value;
}
