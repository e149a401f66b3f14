import { z } from 'zod';
import type { Access } from '../permissions';
import { Cents, Id, Instant, Line, ListOf, SearchListInput, say, Text, Version } from './common';
import { fileOutput, type Procedure, procedure } from './procedure';
import { EXPORT_MIMES, IMPORT_LIMITS, ImportInput, ImportPreview, ImportResult } from './transfer';
import { restricted } from './visibility';

/** Prices and costs of the catalogue: only roles with `money.read` see them (production does not). */
const price = () => restricted(z.number().int(), 'money.read');

/**
 * A registry (cadastro) is a small editable list: list/search, get, create, edit with version,
 * deactivate, reactivate. Everyone reads; admin/gerente edit. One factory serves them all.
 */
/** Every field optional, with no default filled in. */
function withoutDefaults<C extends z.ZodRawShape>(shape: C): { [K in keyof C]: z.ZodOptional<C[K]> } {
  return Object.fromEntries(
    Object.entries(shape).map(([key, schema]) => [
      key,
      (schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : (schema as z.ZodType)).optional(),
    ]),
  ) as unknown as { [K in keyof C]: z.ZodOptional<C[K]> };
}

function registry<C extends z.ZodRawShape, O extends z.ZodRawShape>(def: {
  path: string;
  entity: string;
  label: string;
  plural: string;
  create: C;
  output: O;
}) {
  const Out = z.object({
    id: z.number().int(),
    ...def.output,
    active: z.boolean(),
    createdAt: Instant,
    updatedAt: Instant,
    version: z.number().int(),
  });
  const write: Access = 'registries.write';
  const read: Access = 'registries.read';
  const base = `/api/${def.path}` as const;
  return {
    list: procedure({
      http: `GET ${base}`,
      permission: read,
      summary: `Lista ${def.plural}, com busca e filtro de ativos.`,
      input: z.strictObject(SearchListInput),
      output: ListOf(Out),
    }),
    get: procedure({
      http: `GET ${base}/:id`,
      permission: read,
      summary: `Um(a) ${def.label}.`,
      input: z.strictObject({ id: Id }),
      output: Out,
    }),
    create: procedure({
      http: `POST ${base}`,
      permission: write,
      summary: `Cadastra ${def.label}.`,
      status: 201,
      emits: `${def.entity}.created`,
      input: z.strictObject(def.create),
      output: Out,
    }),
    update: procedure({
      http: `PATCH ${base}/:id`,
      permission: write,
      summary: `Altera ${def.label} (exige a versão lida).`,
      emits: `${def.entity}.updated`,
      // Defaults are for creating only: zod 4 would fill them into a partial too, and an update
      // naming just the name would reset the kind and the cost.
      input: z.strictObject({ id: Id, version: Version }).extend(withoutDefaults(def.create)),
      output: Out,
    }),
    deactivate: procedure({
      http: `DELETE ${base}/:id`,
      permission: write,
      summary: `Desativa ${def.label}; nada é apagado.`,
      emits: `${def.entity}.updated`,
      input: z.strictObject({ id: Id }),
      output: Out,
    }),
    reactivate: procedure({
      http: `POST ${base}/:id/reactivate`,
      permission: write,
      summary: `Reativa ${def.label}.`,
      emits: `${def.entity}.updated`,
      input: z.strictObject({ id: Id }),
      output: Out,
    }),
  };
}

type Prefixed<K extends string, T> = { [P in keyof T & string as `${K}.${P}`]: T[P] };

function prefixed<K extends string, T extends Record<string, Procedure>>(key: K, procs: T): Prefixed<K, T> {
  return Object.fromEntries(Object.entries(procs).map(([name, p]) => [`${key}.${name}`, p])) as Prefixed<K, T>;
}

export const PRODUCT_UNITS = ['un', 'm2', 'm'] as const;
export const MACHINE_STATUSES = ['ativa', 'inativa', 'manutencao'] as const;
export const STAFF_ROLES = ['vendedor', 'designer'] as const;
export const PAYMENT_KINDS = ['dinheiro', 'pix', 'debito', 'credito', 'boleto', 'transferencia', 'crediario'] as const;

const Name = Text(120);
const Optional = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), Text(max).nullable()).optional();

export const registryDefs = {
  products: registry({
    path: 'products',
    entity: 'product',
    label: 'produto ou serviço',
    plural: 'produtos e serviços',
    create: {
      name: Name,
      kind: z.enum(['produto', 'servico']).default('produto'),
      /** Needed by a product (it goes to production); a service may have none (''). */
      productionType: Line(40).default(''),
      unit: z.enum(PRODUCT_UNITS),
      priceCents: Cents,
      costCents: Cents.default(0),
    },
    output: {
      name: z.string(),
      kind: z.enum(['produto', 'servico']),
      productionType: z.string(),
      unit: z.enum(PRODUCT_UNITS),
      priceCents: price(),
      costCents: price(),
    },
  }),
  materials: registry({
    path: 'materials',
    entity: 'material',
    label: 'material',
    plural: 'materiais e tecidos',
    create: { name: Name, supplier: Optional(120), unit: Text(10).default('m2'), costCents: Cents.default(0) },
    output: { name: z.string(), supplier: z.string().nullable(), unit: z.string(), costCents: price() },
  }),
  finishes: registry({
    path: 'finishes',
    entity: 'finish',
    label: 'acabamento',
    plural: 'acabamentos',
    create: {
      name: Name,
      priceCents: Cents.default(0),
      /** What the price is per: each piece ('un'), each m² of it, or each metre (perimeter of an m² piece). */
      priceUnit: z.enum(PRODUCT_UNITS).default('un'),
    },
    output: { name: z.string(), priceCents: price(), priceUnit: z.enum(PRODUCT_UNITS) },
  }),
  machines: registry({
    path: 'machines',
    entity: 'machine',
    label: 'máquina',
    plural: 'máquinas',
    create: { name: Name, type: Text(60), status: z.enum(MACHINE_STATUSES).default('ativa') },
    output: { name: z.string(), type: z.string(), status: z.enum(MACHINE_STATUSES) },
  }),
  staff: registry({
    path: 'staff',
    entity: 'staff',
    label: 'pessoa da equipe',
    plural: 'vendedores e designers',
    create: {
      name: Name,
      roles: z
        .array(z.enum(STAFF_ROLES))
        .min(1, say('staff.rolesRequired'))
        .transform((r) => [...new Set(r)]),
      userId: Id.nullable().optional(),
    },
    output: { name: z.string(), roles: z.array(z.enum(STAFF_ROLES)), userId: z.number().int().nullable() },
  }),
  shippingMethods: registry({
    path: 'shipping-methods',
    entity: 'shippingMethod',
    label: 'forma de entrega',
    plural: 'formas de entrega',
    create: { name: Name, freightCents: Cents.default(0) },
    output: { name: z.string(), freightCents: price() },
  }),
  paymentMethods: registry({
    path: 'payment-methods',
    entity: 'paymentMethod',
    label: 'forma de pagamento',
    plural: 'formas de pagamento',
    create: { name: Name, kind: z.enum(PAYMENT_KINDS) },
    output: { name: z.string(), kind: z.enum(PAYMENT_KINDS) },
  }),
};

export type RegistryKey = keyof typeof registryDefs;

/** The products list's filters, for exports. */
export const ProductExportInput = z.strictObject({ search: SearchListInput.search, active: SearchListInput.active });

/** Products in and out: CSV/XLSX with the list's filters, CSV import with a preview. */
const productTransfer = {
  'products.exportCsv': procedure({
    http: 'GET /api/products/export.csv',
    permission: 'registries.read',
    summary: 'Produtos e serviços em CSV para o Excel (`;`, UTF-8 com BOM, vírgula decimal), com os filtros da lista.',
    input: ProductExportInput,
    output: fileOutput(EXPORT_MIMES.csv),
  }),
  'products.exportXlsx': procedure({
    http: 'GET /api/products/export.xlsx',
    permission: 'registries.read',
    summary: 'Produtos e serviços em planilha XLSX, com os filtros da lista.',
    input: ProductExportInput,
    output: fileOutput(EXPORT_MIMES.xlsx),
  }),
  'products.importPreview': procedure({
    http: 'POST /api/products/import/preview',
    permission: 'data.import',
    summary:
      'Lê um CSV de produtos (nome, tipo de produção, unidade, preço, custo) e mostra os problemas de cada linha. Não grava nada.',
    write: false,
    ...IMPORT_LIMITS,
    input: ImportInput,
    output: ImportPreview,
  }),
  'products.import': procedure({
    http: 'POST /api/products/import',
    permission: 'data.import',
    summary:
      'Importa um CSV de produtos: tudo ou nada, ou pulando as linhas com problema; um nome já cadastrado não é repetido.',
    ...IMPORT_LIMITS,
    input: ImportInput,
    output: ImportResult,
  }),
};

export const registries = {
  ...prefixed('products', registryDefs.products),
  ...productTransfer,
  ...prefixed('materials', registryDefs.materials),
  ...prefixed('finishes', registryDefs.finishes),
  ...prefixed('machines', registryDefs.machines),
  ...prefixed('staff', registryDefs.staff),
  ...prefixed('shippingMethods', registryDefs.shippingMethods),
  ...prefixed('paymentMethods', registryDefs.paymentMethods),
};
