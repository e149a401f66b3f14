import type { Kysely } from 'kysely';
import type { RegistryKey, registries, registryDefs } from '../../../src-shared/contract/registries';
import { foldText } from '../../../src-shared/domain/text';
import { AppError } from '../../../src-shared/errors';
import { type MessageKey, msg } from '../../../src-shared/i18n';
import { previewImport, runImport } from '../../documents/import';
import type { Implementation, ProcCtx } from '../../rpc/context';
import { getProductionSettings } from '../settings/production';
import { exportProducts, productImportWith } from './transfer';

type Row = Record<string, unknown> & { id: number; version: number; active: number };
type LooseDb = Kysely<Record<string, Row>>;
/** What every registry offers (`list`, `get`, `create`, …), from the contract. */
type RegistryOp = keyof (typeof registryDefs)[RegistryKey];

interface RegistryTable {
  table: string;
  entity: string;
  /** Article + noun for messages: "o produto", "a máquina". */
  the: MessageKey;
  /** Columns stored as JSON text. */
  json?: readonly string[];
  /** Checks the columns to write; `before` is the stored row on an update. */
  validate?: (ctx: ProcCtx, values: Record<string, unknown>, before?: Row) => Promise<void>;
}

const TABLES: Record<RegistryKey, RegistryTable> = {
  products: {
    table: 'products',
    entity: 'product',
    the: 'registry.the.product',
    validate: async (ctx, v, before) => {
      // A product goes to production and needs its type; a service (design, installation) may have none.
      const kind = v.kind ?? before?.kind ?? 'produto';
      const type = v.production_type ?? before?.production_type ?? '';
      if (kind === 'produto' && type === '') {
        throw new AppError('VALIDATION', msg('error.VALIDATION'), {
          fields: { productionType: msg('registry.productNeedsType') },
        });
      }
      if (typeof v.production_type !== 'string' || v.production_type === '') return;
      const { productionTypes } = await getProductionSettings(ctx.db);
      if (!productionTypes.some((t) => foldText(t) === foldText(v.production_type as string))) {
        throw new AppError('VALIDATION', msg('error.VALIDATION'), {
          fields: {
            productionType: msg('registries.unknownProductionType', { types: productionTypes.join(', ') }),
          },
        });
      }
    },
  },
  materials: { table: 'materials', entity: 'material', the: 'registry.the.material' },
  finishes: { table: 'finishes', entity: 'finish', the: 'registry.the.finish' },
  machines: { table: 'machines', entity: 'machine', the: 'registry.the.machine' },
  staff: {
    table: 'staff',
    entity: 'staff',
    the: 'registry.the.staff',
    json: ['roles'],
    validate: async (ctx, v) => {
      if (typeof v.user_id !== 'number') return;
      const user = await ctx.db.selectFrom('users').select('id').where('id', '=', v.user_id).executeTakeFirst();
      if (!user) {
        throw new AppError('VALIDATION', msg('error.VALIDATION'), {
          fields: { userId: msg('users.notFound') },
        });
      }
    },
  },
  shippingMethods: { table: 'shipping_methods', entity: 'shippingMethod', the: 'registry.the.shippingMethod' },
  paymentMethods: { table: 'payment_methods', entity: 'paymentMethod', the: 'registry.the.paymentMethod' },
};

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const HIDDEN = new Set(['sort_name']);

function toColumns(def: RegistryTable, input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === 'id' || key === 'version' || value === undefined) continue;
    out[snake(key)] = def.json?.includes(key) ? JSON.stringify(value) : value;
  }
  if (typeof out.name === 'string') out.sort_name = foldText(out.name);
  return out;
}

function toOutput(def: RegistryTable, row: Row): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [col, value] of Object.entries(row)) {
    if (HIDDEN.has(col)) continue;
    const key = camel(col);
    out[key] = def.json?.includes(key) ? JSON.parse(String(value)) : value;
  }
  out.active = row.active === 1;
  return out;
}

/** The six procedures of one registry, over its table. */
function registryHandlers(key: RegistryKey) {
  const def = TABLES[key];
  const db = (ctx: ProcCtx) => ctx.db as unknown as LooseDb;
  const find = async (ctx: ProcCtx, id: number): Promise<Row> => {
    const row = await db(ctx).selectFrom(def.table).selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', msg('registries.notFound', { what: msg(def.the), id }));
    return row as Row;
  };
  const setActive = async (ctx: ProcCtx, id: number, active: boolean) => {
    const before = await find(ctx, id);
    if ((before.active === 1) === active) return toOutput(def, before);
    const row = (await db(ctx)
      .updateTable(def.table)
      .set({ active: active ? 1 : 0, updated_at: ctx.clock.nowIso(), version: before.version + 1 })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()) as Row;
    await ctx.audit({
      action: active ? 'reactivate' : 'deactivate',
      entity: def.entity,
      entityId: id,
      before,
      after: row,
    });
    return toOutput(def, row);
  };

  return {
    list: async (
      input: { search?: string | undefined; active: string; page: number; perPage: number },
      ctx: ProcCtx,
    ) => {
      let q = db(ctx).selectFrom(def.table);
      if (input.active !== 'all') q = q.where('active', '=', input.active === 'true' ? 1 : 0);
      if (input.search) q = q.where('sort_name', 'like', `%${foldText(input.search).replace(/[%_]/g, '')}%`);
      const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await q
        .selectAll()
        .orderBy('sort_name')
        .orderBy('id')
        .limit(input.perPage)
        .offset((input.page - 1) * input.perPage)
        .execute();
      return {
        items: rows.map((r) => toOutput(def, r as Row)),
        total: Number(total.n),
        page: input.page,
        perPage: input.perPage,
      };
    },
    get: async (input: { id: number }, ctx: ProcCtx) => toOutput(def, await find(ctx, input.id)),
    create: async (input: Record<string, unknown>, ctx: ProcCtx) => {
      const values = toColumns(def, input);
      await def.validate?.(ctx, values);
      const now = ctx.clock.nowIso();
      const row = (await db(ctx)
        .insertInto(def.table)
        .values({ ...values, active: 1, created_at: now, updated_at: now, version: 1 } as unknown as Row)
        .returningAll()
        .executeTakeFirstOrThrow()) as Row;
      await ctx.audit({ action: 'create', entity: def.entity, entityId: row.id, after: row });
      return toOutput(def, row);
    },
    update: async (input: Record<string, unknown> & { id: number; version: number }, ctx: ProcCtx) => {
      const before = await find(ctx, input.id);
      if (before.version !== input.version) {
        throw new AppError('STALE_VERSION', msg('registries.stale', { what: msg(def.the) }));
      }
      const values = toColumns(def, input);
      await def.validate?.(ctx, values, before);
      const row = (await db(ctx)
        .updateTable(def.table)
        .set({ ...values, updated_at: ctx.clock.nowIso(), version: before.version + 1 })
        .where('id', '=', input.id)
        .where('version', '=', input.version)
        .returningAll()
        .executeTakeFirstOrThrow()) as Row;
      await ctx.audit({ action: 'update', entity: def.entity, entityId: row.id, before, after: row });
      return toOutput(def, row);
    },
    deactivate: (input: { id: number }, ctx: ProcCtx) => setActive(ctx, input.id, false),
    reactivate: (input: { id: number }, ctx: ProcCtx) => setActive(ctx, input.id, true),
  } satisfies Record<RegistryOp, unknown>;
}

type Registries = typeof registries;
/** The procedures of one registry (`products.list`, …) and their handler types as the contract wants them. */
type HandlersOf<K extends RegistryKey> = {
  [N in keyof Registries as N extends `${K}.${string}` ? N : never]: Implementation<Registries>[N];
};

/**
 * One registry's handlers under their contract names. Rows are mapped generically (snake_case ↔
 * camelCase), so their types are loose here and the output schemas check every field at run time;
 * every operation is there (`satisfies Record<RegistryOp, …>` above) and every registry is listed
 * below (`satisfies Implementation`), both checked by the compiler.
 */
function handlersOf<K extends RegistryKey>(key: K): HandlersOf<K> {
  return Object.fromEntries(
    Object.entries(registryHandlers(key)).map(([op, handler]) => [`${key}.${op}`, handler]),
  ) as unknown as HandlersOf<K>;
}

/** Creates a product as `products.create` does (checks, audit): for the import. */
export const createProduct = (input: Record<string, unknown>, ctx: ProcCtx) =>
  registryHandlers('products').create(input, ctx);

const productImport = productImportWith(createProduct);

export const registryProcedures = {
  ...handlersOf('products'),
  'products.exportCsv': (input, ctx) => exportProducts(ctx, input, 'csv'),
  'products.exportXlsx': (input, ctx) => exportProducts(ctx, input, 'xlsx'),
  'products.importPreview': (input, ctx) => previewImport(ctx, productImport, input),
  'products.import': (input, ctx) => runImport(ctx, productImport, input),
  ...handlersOf('materials'),
  ...handlersOf('finishes'),
  ...handlersOf('machines'),
  ...handlersOf('staff'),
  ...handlersOf('shippingMethods'),
  ...handlersOf('paymentMethods'),
} satisfies Implementation<typeof registries>;
