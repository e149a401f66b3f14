import type { ParsedInputOf } from '../../../src-shared/contract';
import type { OrderItemInput } from '../../../src-shared/contract/orders';
import { addDays } from '../../../src-shared/domain/credit';
import { formatCents } from '../../../src-shared/domain/money';
import {
  canMoveTo,
  canToggleStage,
  currentStage,
  statusFromStages,
  toggleStages,
} from '../../../src-shared/domain/order-status';
import {
  areaM2,
  type FinishPricing,
  itemCostCents,
  itemTotalCents,
  missingFinishMeasures,
  missingMeasures,
  type PricingUnit,
} from '../../../src-shared/domain/pricing';
import { type PieceName, type SizeCount, sizeGridTotal, sortSizes } from '../../../src-shared/domain/size-grid';
import { AppError } from '../../../src-shared/errors';
import { type Msg, msg, render, statusText } from '../../../src-shared/i18n';
import { can } from '../../../src-shared/permissions';
import type { Db } from '../../db/connection';
import { yearlyNumber } from '../../db/counters';
import type { OrderItemRow, OrderRow } from '../../db/schema';
import type { ProcCtx } from '../../rpc/context';
import { requireUser } from '../../rpc/context';
import { stateFact } from '../hooks';
import { getCompanyProfile } from '../settings/company';
import { getCreditSettings } from '../settings/credit';
import { getProductionSettings } from '../settings/production';
import { getOrderRow, loadOrder, type OrderOut, writeOrderIndex } from './queries';

type ItemInput = import('zod').output<typeof OrderItemInput>;
type CreateInput = ParsedInputOf<'orders.create'>;
type UpdateInput = ParsedInputOf<'orders.update'>;

const invalid = (fields: Record<string, Msg>) => new AppError('VALIDATION', msg('error.VALIDATION'), { fields });

async function activeRow(
  db: Db,
  table: 'materials' | 'finishes' | 'machines' | 'staff' | 'shipping_methods' | 'payment_methods',
  id: number,
) {
  return db.selectFrom(table).select(['id', 'active']).where('id', '=', id).executeTakeFirst();
}

interface BuiltItem {
  id?: number;
  values: Omit<OrderItemRow, 'id' | 'order_id'>;
}

/**
 * The item's real cost (`itemCostCents`). An existing item keeps the cost it was sold at, as it keeps
 * its finish's price, unless its product, material, measures or quantity changed: then today's
 * catalogue costs price it again.
 */
async function costOf(
  db: Db,
  old: OrderItemRow | undefined,
  item: {
    product: { id: number; unit: string; cost_cents: number };
    materialId: number | null;
    quantity: number;
    widthMm: number | null;
    heightMm: number | null;
  },
): Promise<number> {
  if (
    old &&
    old.product_id === item.product.id &&
    old.material_id === item.materialId &&
    old.width_mm === item.widthMm &&
    old.height_mm === item.heightMm &&
    old.quantity === item.quantity
  )
    return old.cost_cents;
  const material =
    item.materialId === null
      ? undefined
      : await db
          .selectFrom('materials')
          .select(['cost_cents', 'unit'])
          .where('id', '=', item.materialId)
          .executeTakeFirst();
  return itemCostCents({
    unit: item.product.unit as PricingUnit,
    quantity: item.quantity,
    widthMm: item.widthMm,
    heightMm: item.heightMm,
    productCostCents: item.product.cost_cents,
    material: material && { costCents: material.cost_cents, unit: material.unit },
  });
}

/** Resolves products and references, computes areas and totals, records who approved art. */
async function buildItems(
  ctx: ProcCtx,
  inputs: ItemInput[],
  existing: OrderItemRow[],
  options: { freeFinishes?: boolean } = {},
): Promise<BuiltItem[]> {
  const user = requireUser(ctx);
  const fields: Record<string, Msg> = {};
  /** Measures that are valid numbers but make no sense (0 m²): a 422 with the item's field. */
  const zeroArea: Record<string, Msg> = {};
  /** A size grid that does not add up to the quantity, more names than pieces: a 422 with the item's field. */
  const pieceRules: Record<string, Msg> = {};
  const byId = new Map(existing.map((i) => [i.id, i]));
  const built: BuiltItem[] = [];
  const productIds = [...new Set(inputs.map((i) => i.productId))];
  const products = await ctx.db.selectFrom('products').selectAll().where('id', 'in', productIds).execute();
  const productById = new Map(products.map((p) => [p.id, p]));

  for (const [index, input] of inputs.entries()) {
    const at = (key: string) => `items.${index}.${key}`;
    const old = input.id !== undefined ? byId.get(input.id) : undefined;
    if (input.id !== undefined && !old) fields[at('id')] = msg('orders.itemNotInOrder');
    const product = productById.get(input.productId);
    if (!product || (product.active !== 1 && old?.product_id !== product.id)) {
      fields[at('productId')] = msg('orders.productNotFound');
      continue;
    }
    const unit = product.unit as PricingUnit;
    // A field left out keeps what the existing item had; `null` clears it.
    const keep = <T>(given: T | undefined, before: T | undefined, fallback: T): T =>
      given !== undefined ? given : (before ?? fallback);
    const widthMm = keep(input.widthMm, old?.width_mm, null);
    const heightMm = keep(input.heightMm, old?.height_mm, null);
    for (const key of missingMeasures(unit, widthMm, heightMm)) {
      fields[at(key)] = unit === 'm2' ? msg('orders.measuresM2') : msg('orders.measuresLength');
    }
    if (unit === 'm2' && widthMm && heightMm && areaM2(widthMm, heightMm) === 0) {
      zeroArea[at('widthMm')] = msg('orders.zeroAreaField', { width: widthMm, height: heightMm });
    }
    const finishId = keep(input.finishId, old?.finish_id, null);
    let finish: FinishPricing | null = null;
    if (finishId !== null) {
      const row = await ctx.db
        .selectFrom('finishes')
        .select(['id', 'price_cents', 'price_unit'])
        .where('id', '=', finishId)
        .executeTakeFirst();
      if (!row) fields[at('finishId')] = msg('field.recordNotFound');
      else if (options.freeFinishes) finish = { priceCents: 0, unit: row.price_unit as PricingUnit };
      // The same finish as before keeps the price it was sold at.
      else if (old?.finish_id === finishId && old.finish_price_cents !== null)
        finish = { priceCents: old.finish_price_cents, unit: (old.finish_price_unit ?? 'un') as PricingUnit };
      else finish = { priceCents: row.price_cents, unit: row.price_unit as PricingUnit };
      if (finish && missingFinishMeasures(unit, finish.unit, widthMm, heightMm)) {
        fields[at('finishId')] = finish.unit === 'm2' ? msg('orders.finishPerM2') : msg('orders.finishPerMetre');
      }
    }
    for (const [key, table] of [
      ['materialId', 'materials'],
      ['machineId', 'machines'],
      ['designerId', 'staff'],
    ] as const) {
      const id = input[key];
      if (id === null || id === undefined) continue;
      const ref = await activeRow(ctx.db, table, id);
      if (!ref) fields[at(key)] = msg('field.recordNotFound');
    }
    const materialId = keep(input.materialId, old?.material_id, null);
    const costCents = await costOf(ctx.db, old, {
      product,
      materialId,
      quantity: input.quantity,
      widthMm,
      heightMm,
    });
    const unitPriceCents = input.unitPriceCents ?? old?.unit_price_cents ?? product.price_cents;
    const artStatus = keep(input.artStatus, old?.art_status as ItemInput['artStatus'], 'aguardando_arte');
    const seams = keep(input.seams, old?.seams as ItemInput['seams'], 'sem');
    const extras = keep(input.extras, old ? (JSON.parse(old.extras) as ItemInput['extras']) : undefined, []) ?? [];
    const sizeGrid = keep(input.sizeGrid, old ? (JSON.parse(old.size_grid) as SizeCount[]) : undefined, []) ?? [];
    const names = keep(input.names, old ? (JSON.parse(old.personalization) as PieceName[]) : undefined, []) ?? [];
    checkPieces(at, input.quantity, sizeGrid, names, pieceRules);
    const approvedNow = artStatus === 'aprovada' && old?.art_status !== 'aprovada';
    const stillApproved = artStatus === 'aprovada' && old?.art_status === 'aprovada';
    built.push({
      ...(old && { id: old.id }),
      values: {
        position: index + 1,
        product_id: product.id,
        product_name: product.name,
        production_type: product.production_type,
        unit,
        description: input.description,
        width_mm: widthMm,
        height_mm: heightMm,
        quantity: input.quantity,
        material_id: materialId,
        finish_id: finishId,
        finish_price_cents: finish?.priceCents ?? null,
        finish_price_unit: finish?.unit ?? null,
        seams: seams ?? 'sem',
        seam_count: seams === 'com' ? keep(input.seamCount, old?.seam_count, 0) : 0,
        extras: JSON.stringify(extras),
        unit_price_cents: unitPriceCents,
        total_cents: itemTotalCents({
          unit,
          unitPriceCents,
          quantity: input.quantity,
          widthMm,
          heightMm,
          extras,
          finish,
        }),
        cost_cents: costCents,
        designer_id: keep(input.designerId, old?.designer_id, null),
        machine_id: keep(input.machineId, old?.machine_id, null),
        color_profile: keep(input.colorProfile, old?.color_profile, null),
        rip: keep(input.rip, old?.rip, null),
        print_date: keep(input.printDate, old?.print_date, null),
        notes: keep(input.notes, old?.notes, null),
        art_status: artStatus ?? 'aguardando_arte',
        art_approved_by: approvedNow ? user.id : stillApproved ? (old?.art_approved_by ?? null) : null,
        art_approved_at: approvedNow ? ctx.clock.nowIso() : stillApproved ? (old?.art_approved_at ?? null) : null,
        art_channel: artStatus === 'aprovada' ? (input.artChannel ?? old?.art_channel ?? 'balcao') : null,
        size_grid: JSON.stringify(
          sortSizes(sizeGrid.filter((s) => s.quantity > 0).map((s) => ({ ...s, size: s.size.toUpperCase() }))),
        ),
        personalization: JSON.stringify(names),
      },
    });
  }
  if (Object.keys(fields).length) throw invalid(fields);
  if (Object.keys(zeroArea).length)
    throw new AppError('BUSINESS_RULE', msg('orders.zeroArea'), {
      fields: zeroArea,
    });
  if (Object.keys(pieceRules).length) {
    const first = Object.values(pieceRules)[0] as Msg;
    throw new AppError('BUSINESS_RULE', first, { fields: pieceRules });
  }
  return built;
}

/** The size grid adds up to the item's quantity (sizes once each), and there are no more names than pieces. */
function checkPieces(
  at: (key: string) => string,
  quantity: number,
  grid: readonly SizeCount[],
  names: readonly PieceName[],
  fields: Record<string, Msg>,
): void {
  const sizes = grid.map((s) => s.size.toUpperCase());
  const repeated = sizes.find((s, i) => sizes.indexOf(s) !== i);
  if (repeated) fields[at('sizeGrid')] = msg('orders.sizeRepeated', { size: repeated });
  else if (grid.length > 0 && sizeGridTotal(grid) !== quantity)
    fields[at('sizeGrid')] = msg('orders.sizeGridSum', { sum: sizeGridTotal(grid), quantity });
  if (names.length > quantity) fields[at('names')] = msg('orders.namesTooMany', { count: names.length, quantity });
}

interface HeaderValues {
  customer_id: number;
  customer_name: string;
  customer_phone: string | null;
  customer_city: string | null;
}

async function customerHeader(
  ctx: ProcCtx,
  customerId: number,
  current?: OrderRow,
  allowInactive = false,
): Promise<HeaderValues> {
  const c = await ctx.db
    .selectFrom('customers')
    .select(['id', 'name', 'phone', 'whatsapp', 'city', 'active'])
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!c) throw invalid({ customerId: msg('customers.notFound') });
  if (c.active !== 1 && current?.customer_id !== c.id && !allowInactive) {
    throw new AppError('BUSINESS_RULE', msg('orders.customerInactive', { name: c.name }));
  }
  return { customer_id: c.id, customer_name: c.name, customer_phone: c.phone ?? c.whatsapp, customer_city: c.city };
}

async function checkHeaderRefs(
  ctx: ProcCtx,
  input: { sellerId?: number | null; shippingMethodId?: number | null; paymentMethodId?: number | null },
) {
  const fields: Record<string, Msg> = {};
  if (input.sellerId) {
    const seller = await ctx.db
      .selectFrom('staff')
      .select(['roles'])
      .where('id', '=', input.sellerId)
      .executeTakeFirst();
    if (!seller) fields.sellerId = msg('orders.sellerNotFound');
    else if (!(JSON.parse(seller.roles) as string[]).includes('vendedor')) fields.sellerId = msg('orders.notASeller');
  }
  if (input.shippingMethodId && !(await activeRow(ctx.db, 'shipping_methods', input.shippingMethodId))) {
    fields.shippingMethodId = msg('orders.shippingNotFound');
  }
  if (input.paymentMethodId && !(await activeRow(ctx.db, 'payment_methods', input.paymentMethodId))) {
    fields.paymentMethodId = msg('orders.paymentMethodNotFound');
  }
  if (Object.keys(fields).length) throw invalid(fields);
}

function totals(items: BuiltItem[], freightCents: number, discountCents: number) {
  const itemsTotal = items.reduce((sum, i) => sum + i.values.total_cents, 0);
  if (discountCents > itemsTotal + freightCents) {
    throw new AppError('BUSINESS_RULE', msg('orders.discountTooLarge'));
  }
  return {
    items_count: items.length,
    items_total_cents: itemsTotal,
    total_cents: itemsTotal + freightCents - discountCents,
  };
}

function checkDates(kind: string, entryDate: string, deliveryDate: string | null, validUntil: string | null) {
  const fields: Record<string, Msg> = {};
  if (kind === 'pedido' && !deliveryDate) fields.deliveryDate = msg('orders.deliveryDateRequired');
  if (deliveryDate && deliveryDate < entryDate) fields.deliveryDate = msg('orders.deliveryBeforeEntry');
  if (validUntil && validUntil < entryDate) fields.validUntil = msg('orders.validUntilBeforeEntry');
  if (Object.keys(fields).length) throw invalid(fields);
}

async function insertItems(db: Db, orderId: number, items: BuiltItem[]) {
  for (const item of items) {
    if (item.id !== undefined) {
      await db.updateTable('order_items').set(item.values).where('id', '=', item.id).execute();
    } else {
      await db
        .insertInto('order_items')
        .values({ ...item.values, order_id: orderId })
        .execute();
    }
  }
}

export interface CreateOptions {
  reprint?: { ofOrderId: number; itemId: number; reason: string; costCents: number };
}

export async function createOrder(ctx: ProcCtx, input: CreateInput, options: CreateOptions = {}): Promise<OrderOut> {
  const user = requireUser(ctx);
  const today = ctx.clock.today();
  const entryDate = input.entryDate ?? today;
  // A quote is valid for the shop's usual number of days (company profile, 15 unless changed).
  const validUntil =
    input.kind === 'orcamento'
      ? (input.validUntil ?? addDays(entryDate, (await getCompanyProfile(ctx.db)).quoteValidityDays))
      : null;
  checkDates(input.kind, entryDate, input.deliveryDate ?? null, validUntil);
  const header = await customerHeader(ctx, input.customerId, undefined, !!options.reprint);
  await checkHeaderRefs(ctx, input);
  // A reprint is on the shop: its finishes are not charged again (like its price, 0).
  const items = await buildItems(ctx, input.items, [], { freeFinishes: !!options.reprint });
  let freight = input.freightCents;
  if (freight === undefined && input.shippingMethodId) {
    const method = await ctx.db
      .selectFrom('shipping_methods')
      .select('freight_cents')
      .where('id', '=', input.shippingMethodId)
      .executeTakeFirst();
    freight = method?.freight_cents;
  }
  const freightCents = freight ?? 0;
  const sums = totals(items, freightCents, input.discountCents);
  const settings = await getProductionSettings(ctx.db);
  const now = ctx.clock.nowIso();
  const firstStage = settings.stages[0]?.key ?? null;
  const row = await ctx.db
    .insertInto('orders')
    .values({
      number: await yearlyNumber(ctx.db, 'order', entryDate),
      kind: input.kind,
      valid_until: validUntil,
      ...header,
      entry_date: entryDate,
      delivery_date: input.deliveryDate ?? null,
      priority: input.priority,
      status: 'pendente',
      current_stage: input.kind === 'pedido' ? firstStage : null,
      stage_since: input.kind === 'pedido' ? now : null,
      notes: input.notes ?? null,
      seller_id: input.sellerId ?? null,
      shipping_method_id: input.shippingMethodId ?? null,
      freight_cents: freightCents,
      discount_cents: input.discountCents,
      payment_method_id: input.paymentMethodId ?? null,
      payment_notes: input.paymentNotes ?? null,
      ...sums,
      is_reprint: options.reprint ? 1 : 0,
      reprint_of_order_id: options.reprint?.ofOrderId ?? null,
      reprint_item_id: options.reprint?.itemId ?? null,
      reprint_reason: options.reprint?.reason ?? null,
      reprint_cost_cents: options.reprint?.costCents ?? null,
      cancel_reason: null,
      delivered_at: null,
      created_by: user.id,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await insertItems(ctx.db, row.id, items);
  await ctx.db
    .insertInto('order_stages')
    .values(
      settings.stages.map((s, i) => ({
        order_id: row.id,
        key: s.key,
        label: s.label,
        position: i + 1,
        done: 0,
        done_at: null,
        done_by: null,
      })),
    )
    .execute();
  await writeOrderIndex(ctx.db, row.id);
  const out = await loadOrder(ctx.db, row.id, today);
  await ctx.audit({
    action: options.reprint ? 'reprint' : 'create',
    entity: 'order',
    entityId: row.id,
    after: { number: out.number, kind: out.kind, totalCents: out.totalCents, items: out.items.length },
  });
  await stateFact(ctx, 'orderCreated', {
    orderId: out.id,
    number: out.number,
    kind: out.kind,
    isReprint: out.isReprint,
    customerId: out.customerId,
    customerName: out.customerName,
    deliveryDate: out.deliveryDate,
    sellerId: out.sellerId,
  });
  return out;
}

export function checkVersion(row: OrderRow, version: number | undefined) {
  if (version !== undefined && row.version !== version) {
    throw new AppError('STALE_VERSION', msg('orders.stale', { number: row.number, version: row.version }));
  }
}

export function checkEditable(row: OrderRow) {
  if (row.status === 'entregue' || row.status === 'cancelado') {
    throw new AppError(
      'BUSINESS_RULE',
      msg('orders.locked', { number: row.number, status: statusText('order', row.status) }),
    );
  }
}

/** The one way an order's row changes: new version (or 409 if someone changed it first), `updated_at`. */
export async function bump(ctx: ProcCtx, row: OrderRow, values: Partial<OrderRow> = {}): Promise<void> {
  const res = await ctx.db
    .updateTable('orders')
    .set({ ...values, updated_at: ctx.clock.nowIso(), version: row.version + 1 })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) checkVersion(row, -1);
}

export async function updateOrder(ctx: ProcCtx, input: UpdateInput): Promise<OrderOut> {
  const row = await getOrderRow(ctx.db, input.id);
  checkVersion(row, input.version);
  checkEditable(row);
  const today = ctx.clock.today();
  const existing = await ctx.db.selectFrom('order_items').selectAll().where('order_id', '=', row.id).execute();
  const header = input.customerId !== undefined ? await customerHeader(ctx, input.customerId, row) : {};
  await checkHeaderRefs(ctx, input);
  const entryDate = input.entryDate ?? row.entry_date;
  const deliveryDate = input.deliveryDate !== undefined ? input.deliveryDate : row.delivery_date;
  const validUntil = input.validUntil !== undefined ? input.validUntil : row.valid_until;
  checkDates(row.kind, entryDate, deliveryDate, row.kind === 'orcamento' ? validUntil : null);
  const items = input.items
    ? await buildItems(ctx, input.items, existing)
    : existing.map((i) => {
        const { id, order_id: _o, ...values } = i;
        return { id, values };
      });
  const freightCents = input.freightCents ?? row.freight_cents;
  const discountCents = input.discountCents ?? row.discount_cents;
  const sums = totals(items, freightCents, discountCents);
  await bump(ctx, row, {
    ...header,
    entry_date: entryDate,
    delivery_date: deliveryDate,
    valid_until: row.kind === 'orcamento' ? validUntil : null,
    ...(input.priority && { priority: input.priority }),
    ...(input.notes !== undefined && { notes: input.notes }),
    ...(input.sellerId !== undefined && { seller_id: input.sellerId }),
    ...(input.shippingMethodId !== undefined && { shipping_method_id: input.shippingMethodId }),
    ...(input.paymentMethodId !== undefined && { payment_method_id: input.paymentMethodId }),
    ...(input.paymentNotes !== undefined && { payment_notes: input.paymentNotes }),
    freight_cents: freightCents,
    discount_cents: discountCents,
    ...sums,
    ...(deliveryDate !== row.delivery_date && { overdue_notified: 0 }),
  });
  if (input.items) {
    const kept = new Set(items.flatMap((i) => (i.id !== undefined ? [i.id] : [])));
    const removed = existing.filter((i) => !kept.has(i.id)).map((i) => i.id);
    if (removed.length) await ctx.db.deleteFrom('order_items').where('id', 'in', removed).execute();
    await insertItems(ctx.db, row.id, items);
  }
  await writeOrderIndex(ctx.db, row.id);
  const out = await loadOrder(ctx.db, row.id, today);
  await ctx.audit({
    action: 'update',
    entity: 'order',
    entityId: row.id,
    before: {
      totalCents: row.total_cents,
      deliveryDate: row.delivery_date,
      items: existing.length,
      version: row.version,
    },
    after: {
      totalCents: out.totalCents,
      deliveryDate: out.deliveryDate,
      items: out.items.length,
      version: out.version,
    },
  });
  await stateFact(ctx, 'orderUpdated', {
    orderId: row.id,
    customerId: out.customerId,
    previousCustomerId: row.customer_id,
  });
  return out;
}

export async function toggleStage(ctx: ProcCtx, input: ParsedInputOf<'orders.stage'>): Promise<OrderOut> {
  const user = requireUser(ctx);
  const row = await getOrderRow(ctx.db, input.id);
  checkVersion(row, input.version);
  const stages = await ctx.db
    .selectFrom('order_stages')
    .selectAll()
    .where('order_id', '=', row.id)
    .orderBy('position')
    .execute();
  const states = stages.map((s) => ({ key: s.key, done: s.done === 1 }));
  const move = canToggleStage(row.status as 'pendente', row.kind as 'pedido', states, input.stage, input.done);
  if (!move.ok) throw new AppError('BUSINESS_RULE', move.reason);
  const isFinance = stages[0]?.key === input.stage;
  if (!can(user.role, isFinance ? 'orders.approve' : 'orders.advance')) {
    throw new AppError('FORBIDDEN', isFinance ? msg('orders.approveForbidden') : msg('orders.advanceForbidden'));
  }
  const target = stages.find((s) => s.key === input.stage);
  if (!target || (target.done === 1) === input.done) return loadOrder(ctx.db, row.id, ctx.clock.today());

  if (input.done && isFinance) {
    const { depositPercent } = await getCreditSettings(ctx.db);
    const required = Math.ceil((row.total_cents * depositPercent) / 100);
    if (required > 0 && row.paid_cents + row.financed_cents < required) {
      throw new AppError(
        'BUSINESS_RULE',
        msg('orders.depositRequired', {
          percent: depositPercent,
          required: formatCents(required),
          paid: formatCents(row.paid_cents),
        }),
      );
    }
  }

  if (input.done && !isFinance) {
    const settings = await getProductionSettings(ctx.db);
    if (settings.requireArtApproval) {
      const waiting = await ctx.db
        .selectFrom('order_items')
        .select(['position', 'description'])
        .where('order_id', '=', row.id)
        .where('art_status', '!=', 'aprovada')
        .execute();
      if (waiting.length) {
        throw new AppError(
          'BUSINESS_RULE',
          msg('orders.artWaiting', {
            items: waiting.map((w) =>
              msg('orders.artWaitingItem', { position: w.position, description: w.description }),
            ),
          }),
        );
      }
    }
  }

  const now = ctx.clock.nowIso();
  const next = toggleStages(states, input.stage, input.done);
  for (const [i, stage] of next.entries()) {
    const before = stages[i];
    if (!before || (before.done === 1) === stage.done) continue;
    await ctx.db
      .updateTable('order_stages')
      .set(stage.done ? { done: 1, done_at: now, done_by: user.id } : { done: 0, done_at: now, done_by: user.id })
      .where('order_id', '=', row.id)
      .where('key', '=', stage.key)
      .execute();
  }
  if (input.done && (input.machineId || input.printDate)) {
    await ctx.db
      .updateTable('order_items')
      .set({
        ...(input.machineId && { machine_id: input.machineId }),
        ...(input.printDate && { print_date: input.printDate }),
      })
      .where('order_id', '=', row.id)
      .execute();
  }
  const status = statusFromStages(next);
  const stage = currentStage(next);
  await bump(ctx, row, {
    status,
    current_stage: stage,
    stage_since: stage !== row.current_stage ? now : row.stage_since,
  });
  await ctx.audit({
    action: `stage:${input.stage}:${input.done ? 'feita' : 'desfeita'}`,
    entity: 'order',
    entityId: row.id,
    before: { status: row.status, stage: row.current_stage },
    after: { status, stage },
  });
  const out = await loadOrder(ctx.db, row.id, ctx.clock.today());
  if (status === 'pronto' && row.status !== 'pronto')
    await stateFact(ctx, 'orderReady', {
      orderId: row.id,
      number: row.number,
      customerName: out.customerName,
      sellerId: out.sellerId,
      createdBy: row.created_by,
    });
  return out;
}

/** Delivers or cancels one order; returns the reason when the move is not allowed. */
export async function moveStatus(
  ctx: ProcCtx,
  row: OrderRow,
  target: 'entregue' | 'cancelado',
  reason: string | null | undefined,
): Promise<Msg | null> {
  if (row.kind === 'orcamento' && target === 'entregue') return msg('orders.quoteNotDeliverable');
  const move = canMoveTo(row.status as 'pendente', target, reason);
  if (!move.ok) return move.reason;
  const now = ctx.clock.nowIso();
  await bump(ctx, row, {
    status: target,
    current_stage: null,
    stage_since: now,
    ...(target === 'entregue' ? { delivered_at: now } : { cancel_reason: reason ?? null }),
  });
  await ctx.audit({
    action: `status:${target}`,
    entity: 'order',
    entityId: row.id,
    before: { status: row.status },
    after: { status: target, ...(reason && { reason }) },
  });
  if (target === 'entregue') await stateFact(ctx, 'orderDelivered', { orderId: row.id, customerId: row.customer_id });
  else await stateFact(ctx, 'orderCancelled', { orderId: row.id, customerId: row.customer_id });
  return null;
}

export async function setStatus(ctx: ProcCtx, input: ParsedInputOf<'orders.setStatus'>): Promise<OrderOut> {
  const row = await getOrderRow(ctx.db, input.id);
  checkVersion(row, input.version);
  const refusal = await moveStatus(ctx, row, input.status, input.reason);
  if (refusal) throw new AppError('BUSINESS_RULE', refusal);
  return loadOrder(ctx.db, row.id, ctx.clock.today());
}

export async function batchStatus(ctx: ProcCtx, input: ParsedInputOf<'orders.batchStatus'>) {
  const moved: Array<{ id: number; number: string; status: 'entregue' | 'cancelado'; version: number }> = [];
  const failed: Array<{ id: number; number: string | null; reason: string }> = [];
  for (const id of [...new Set(input.ids)]) {
    const row = await ctx.db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) {
      failed.push({ id, number: null, reason: render(msg('orders.notFoundPlain'), ctx.locale) });
      continue;
    }
    const refusal = await moveStatus(ctx, row, input.status, input.reason);
    if (refusal) failed.push({ id, number: row.number, reason: render(refusal, ctx.locale) });
    else moved.push({ id, number: row.number, status: input.status, version: row.version + 1 });
  }
  return { moved, failed };
}

export async function convertQuote(ctx: ProcCtx, input: ParsedInputOf<'orders.convert'>): Promise<OrderOut> {
  const row = await getOrderRow(ctx.db, input.id);
  if (row.kind !== 'orcamento') throw new AppError('BUSINESS_RULE', msg('orders.alreadyOrder', { number: row.number }));
  if (row.status === 'cancelado') throw new AppError('BUSINESS_RULE', msg('orders.cancelledQuote'));
  const deliveryDate = input.deliveryDate ?? row.delivery_date;
  checkDates('pedido', row.entry_date, deliveryDate, null);
  const stages = await ctx.db
    .selectFrom('order_stages')
    .select('key')
    .where('order_id', '=', row.id)
    .orderBy('position')
    .execute();
  await bump(ctx, row, {
    kind: 'pedido',
    delivery_date: deliveryDate,
    current_stage: stages[0]?.key ?? null,
    stage_since: ctx.clock.nowIso(),
  });
  await ctx.audit({
    action: 'convert',
    entity: 'order',
    entityId: row.id,
    before: { kind: 'orcamento' },
    after: { kind: 'pedido' },
  });
  await stateFact(ctx, 'orderUpdated', {
    orderId: row.id,
    customerId: row.customer_id,
    previousCustomerId: row.customer_id,
  });
  return loadOrder(ctx.db, row.id, ctx.clock.today());
}

export async function reprintItem(ctx: ProcCtx, input: ParsedInputOf<'orders.reprint'>): Promise<OrderOut> {
  const source = await getOrderRow(ctx.db, input.id);
  if (source.kind !== 'pedido') throw new AppError('BUSINESS_RULE', msg('orders.reprintQuote'));
  const item = await ctx.db
    .selectFrom('order_items')
    .selectAll()
    .where('id', '=', input.itemId)
    .where('order_id', '=', source.id)
    .executeTakeFirst();
  if (!item) throw new AppError('NOT_FOUND', msg('orders.itemNotFound'));
  const today = ctx.clock.today();
  return createOrder(
    ctx,
    {
      kind: 'pedido',
      customerId: source.customer_id,
      entryDate: today,
      deliveryDate: source.delivery_date && source.delivery_date > today ? source.delivery_date : today,
      priority: 'ALTA',
      notes: `Reposição do pedido ${source.number}: ${input.reason}`,
      sellerId: source.seller_id,
      discountCents: 0,
      freightCents: 0,
      items: [
        {
          productId: item.product_id,
          description: item.description,
          widthMm: item.width_mm,
          heightMm: item.height_mm,
          quantity: item.quantity,
          materialId: item.material_id,
          finishId: item.finish_id,
          seams: item.seams as 'sem' | 'com',
          seamCount: item.seam_count,
          extras: [],
          unitPriceCents: 0,
          designerId: item.designer_id,
          machineId: item.machine_id,
          colorProfile: item.color_profile,
          rip: item.rip,
          notes: item.notes,
          artStatus: item.art_status as 'aprovada',
          artChannel: item.art_channel as 'balcao' | null,
          sizeGrid: JSON.parse(item.size_grid) as SizeCount[],
          names: JSON.parse(item.personalization) as PieceName[],
        },
      ],
    },
    { reprint: { ofOrderId: source.id, itemId: item.id, reason: input.reason, costCents: input.costCents } },
  );
}

export async function deleteOrder(ctx: ProcCtx, id: number) {
  const row = await getOrderRow(ctx.db, id);
  // A delivered order is history (it left the shop): it stays, and the renderer does not offer it.
  if (row.status === 'entregue')
    throw new AppError('BUSINESS_RULE', msg('orders.deliveredNotDeletable', { number: row.number }));
  const reprints = await ctx.db.selectFrom('orders').select('number').where('reprint_of_order_id', '=', id).execute();
  if (reprints.length) {
    throw new AppError(
      'BUSINESS_RULE',
      msg('orders.hasReprints', { numbers: reprints.map((r) => r.number).join(', ') }),
    );
  }
  for (const check of orderDeleteChecks) {
    const reason = await check(ctx.db, row);
    if (reason) throw new AppError('BUSINESS_RULE', reason);
  }
  await ctx.db.deleteFrom('orders_fts').where('rowid', '=', id).execute();
  await ctx.db.deleteFrom('order_stages').where('order_id', '=', id).execute();
  await ctx.db.deleteFrom('item_images').where('order_id', '=', id).execute();
  await ctx.db.deleteFrom('order_items').where('order_id', '=', id).execute();
  await ctx.db.deleteFrom('orders').where('id', '=', id).execute();
  await ctx.audit({
    action: 'delete',
    entity: 'order',
    entityId: id,
    before: { number: row.number, totalCents: row.total_cents },
  });
  await stateFact(ctx, 'orderDeleted', { orderId: id, customerId: row.customer_id });
  return { id, deleted: true as const };
}

/** Reasons an order cannot be deleted beyond reprints: money already moved through it. */
const orderDeleteChecks: Array<(db: Db, row: OrderRow) => Promise<Msg | null>> = [
  async (db, row) => {
    const payment = await db
      .selectFrom('payments')
      .select('receipt_number')
      .where('order_id', '=', row.id)
      .limit(1)
      .executeTakeFirst();
    return payment ? msg('orders.hasPayments', { number: row.number, receipt: payment.receipt_number }) : null;
  },
  async (db, row) => {
    const plan = await db
      .selectFrom('installment_plans')
      .select('id')
      .where('order_id', '=', row.id)
      .limit(1)
      .executeTakeFirst();
    return plan ? msg('orders.hasPlan', { number: row.number }) : null;
  },
];
