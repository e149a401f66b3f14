import type { ParsedInputOf } from '../../../src-shared/contract';
import type { FileBody } from '../../../src-shared/contract/procedure';
import { registryDefs } from '../../../src-shared/contract/registries';
import { foldText } from '../../../src-shared/domain/text';
import { type Msg, msg } from '../../../src-shared/i18n';
import type { Database } from '../../db/schema';
import { parseMoneyLoose } from '../../documents/csv-read';
import { type Column, chunks, exportFile, type Format, visibleColumns } from '../../documents/export';
import type { FieldDef, ImportKind, PlannedRow } from '../../documents/import';
import type { ProcCtx } from '../../rpc/context';
import { grantsOf } from '../../rpc/visibility';
import { getProductionSettings } from '../settings/production';

type ProductRow = Database['products'] & { id: number; version: number };

const UNIT_LABEL: Record<string, string> = { un: 'un', m2: 'm²', m: 'm' };

const COLUMNS: Array<Column<ProductRow>> = [
  { header: 'Código', field: 'id', value: (p) => p.id },
  { header: 'Nome', field: 'name', value: (p) => p.name },
  { header: 'Tipo', field: 'kind', value: (p) => (p.kind === 'servico' ? 'Serviço' : 'Produto') },
  { header: 'Tipo de produção', field: 'productionType', value: (p) => p.production_type },
  { header: 'Unidade', field: 'unit', value: (p) => UNIT_LABEL[p.unit] ?? p.unit },
  { header: 'Preço', field: 'priceCents', value: (p) => ({ cents: p.price_cents }) },
  { header: 'Custo', field: 'costCents', value: (p) => ({ cents: p.cost_cents }) },
  { header: 'Situação', field: 'active', value: (p) => (p.active ? 'Ativo' : 'Inativo') },
];

/** The products list as filtered on screen (search, active), by name; prices only for who sees money. */
export function exportProducts(ctx: ProcCtx, input: ParsedInputOf<'products.exportCsv'>, format: Format): FileBody {
  const columns = visibleColumns(registryDefs.products.get.output, COLUMNS, grantsOf(ctx.user?.role ?? null));
  const rows = chunks<ProductRow>(async (after, limit) => {
    let q = ctx.db.selectFrom('products').selectAll();
    if (input.active !== 'all') q = q.where('active', '=', input.active === 'true' ? 1 : 0);
    if (input.search) q = q.where('sort_name', 'like', `%${foldText(input.search).replace(/[%_]/g, '')}%`);
    if (after)
      q = q.where((eb) =>
        eb.or([
          eb('sort_name', '>', after.sort_name),
          eb.and([eb('sort_name', '=', after.sort_name), eb('id', '>', after.id)]),
        ]),
      );
    return (await q.orderBy('sort_name').orderBy('id').limit(limit).execute()) as ProductRow[];
  });
  return exportFile({ format, name: 'produtos', columns, rows });
}

type ProductInput = Record<string, unknown>;

/** Balcão's own export, Bling's products ("Descrição;Unidade;Preço;Preço de custo") and common spellings. */
export const PRODUCT_FIELDS: readonly FieldDef[] = [
  {
    key: 'name',
    label: 'Nome',
    required: true,
    aliases: ['nome', 'descrição', 'descricao', 'produto', 'nome do produto'],
  },
  { key: 'kind', label: 'Tipo', aliases: ['tipo', 'produto ou serviço'] },
  {
    key: 'productionType',
    label: 'Tipo de produção',
    aliases: ['tipo de produção', 'produção', 'categoria', 'grupo', 'grupo de produtos'],
  },
  { key: 'unit', label: 'Unidade', aliases: ['unidade', 'un', 'unidade de medida'] },
  {
    key: 'priceCents',
    label: 'Preço',
    required: true,
    aliases: ['preço', 'preco', 'preço de venda', 'valor', 'preço unitário'],
  },
  { key: 'costCents', label: 'Custo', aliases: ['custo', 'preço de custo', 'preco de custo', 'valor de custo'] },
];

function unitOf(value: string): string | null {
  const v = foldText(value).replace(/[\s.]/g, '');
  if (v === '' || ['un', 'und', 'unid', 'unidade', 'pc', 'pç', 'peca', 'cx', 'kit'].includes(v)) return 'un';
  if (['m2', 'm²', 'metroquadrado', 'mq'].includes(v)) return 'm2';
  if (['m', 'ml', 'metro', 'metrolinear'].includes(v)) return 'm';
  return null;
}

async function planProducts(
  ctx: ProcCtx,
  rows: Array<{ line: number; values: Record<string, string> }>,
): Promise<Array<PlannedRow<ProductInput>>> {
  const { productionTypes } = await getProductionSettings(ctx.db);
  const types = new Map(productionTypes.map((t) => [foldText(t), t]));
  const known = new Set((await ctx.db.selectFrom('products').select('sort_name').execute()).map((p) => p.sort_name));
  const seen = new Set<string>();
  return rows.map((r) => {
    const v = r.values;
    const problems: Msg[] = [];
    const name = (v.name ?? '').trim();
    if (name.length < 1) problems.push(msg('import.required', { field: 'Nome' }));
    const price = parseMoneyLoose(v.priceCents ?? '');
    if (price === null || price < 0) problems.push(msg('import.badMoney', { field: 'Preço' }));
    const cost = v.costCents ? parseMoneyLoose(v.costCents) : 0;
    if (cost === null || cost < 0) problems.push(msg('import.badMoney', { field: 'Custo' }));
    const unit = unitOf(v.unit ?? '');
    if (!unit) problems.push(msg('import.badUnit'));
    const typeText = (v.productionType ?? '').trim();
    const type = typeText ? types.get(foldText(typeText)) : productionTypes[productionTypes.length - 1];
    if (!type) problems.push(msg('registries.unknownProductionType', { types: productionTypes.join(', ') }));
    const row: PlannedRow<ProductInput> = { line: r.line, values: v, problems };
    if (problems.length) return row;
    const key = foldText(name);
    if (known.has(key) || seen.has(key)) {
      row.existing = true;
      return row;
    }
    seen.add(key);
    row.data = {
      name: name.slice(0, 120),
      kind: /servi/i.test(v.kind ?? '') ? 'servico' : 'produto',
      productionType: type,
      unit,
      priceCents: price,
      costCents: cost,
    };
    return row;
  });
}

/** Written through `products.create`'s own handler (its checks and audit row). */
export function productImportWith(
  create: (input: ProductInput, ctx: ProcCtx) => Promise<unknown>,
): ImportKind<ProductInput> {
  return {
    entity: 'product',
    fields: PRODUCT_FIELDS,
    format: (keys) =>
      keys.has('precodecusto') || keys.has('ncm') ? 'bling' : keys.has('tipodeproducao') ? 'balcao' : 'generic',
    plan: planProducts,
    write: async (ctx, rows) => {
      for (const data of rows) await create(data, ctx);
    },
    done: (ctx) => ctx.emit({ type: 'product.created', id: 0, version: null, by: ctx.user?.id ?? null }),
  };
}
