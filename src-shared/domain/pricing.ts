import type { Cents } from './money';

export type PricingUnit = 'un' | 'm2' | 'm';

/** Rounds a non-negative rational num/den to the nearest integer, halves up, exactly (BigInt). */
export function divRoundHalfUp(num: bigint, den: bigint): number {
  const q = num / den;
  const r = num % den;
  return Number(r * 2n >= den ? q + 1n : q);
}

/** Area in m² of a width × height in millimetres (display value; totals use exact integers). */
export function areaM2(widthMm: number | null | undefined, heightMm: number | null | undefined): number | null {
  if (!widthMm || !heightMm) return null;
  return Math.round((widthMm * heightMm) / 1000) / 1000;
}

export interface ItemPricingInput {
  unit: PricingUnit;
  unitPriceCents: Cents;
  quantity: number;
  widthMm?: number | null;
  heightMm?: number | null;
  extras?: ReadonlyArray<{ quantity: number; unitPriceCents: Cents }>;
  /** The catalogue finish chosen for the item (ilhós, bainha, laminação…), priced as registered. */
  finish?: FinishPricing | null;
}

/** A finish's price and what it is charged by: per piece, per m² of the piece, or per metre. */
export interface FinishPricing {
  priceCents: Cents;
  unit: PricingUnit;
}

/**
 * What the item's finish adds, for all its pieces:
 * - per unit: price × quantity;
 * - per m²: price × width × height × quantity (the piece's area), rounded half-up;
 * - per metre: price × metres × quantity, rounded half-up, where the metres are the perimeter of
 *   an m² piece (bainha, ilhós every so often) or the length of a linear-metre one.
 * 0 when there is no finish or the measures it needs are missing (see `missingFinishMeasures`).
 */
export function finishCents(item: ItemPricingInput): Cents {
  const finish = item.finish;
  if (!finish || finish.priceCents <= 0) return 0;
  const price = BigInt(finish.priceCents);
  const qty = BigInt(item.quantity);
  const w = BigInt(item.widthMm ?? 0);
  const h = BigInt(item.heightMm ?? 0);
  if (finish.unit === 'un') return finish.priceCents * item.quantity;
  if (missingFinishMeasures(item.unit, finish.unit, item.widthMm, item.heightMm)) return 0;
  if (finish.unit === 'm2') return divRoundHalfUp(price * w * h * qty, 1_000_000n);
  const mm = item.unit === 'm2' ? 2n * (w + h) : w;
  return divRoundHalfUp(price * mm * qty, 1_000n);
}

/** Whether a finish priced per m² or per metre lacks the item's measures to be priced. */
export function missingFinishMeasures(
  itemUnit: PricingUnit,
  finishUnit: PricingUnit,
  widthMm?: number | null,
  heightMm?: number | null,
): boolean {
  if (finishUnit === 'm2') return !widthMm || !heightMm;
  if (finishUnit === 'm') return itemUnit === 'm2' ? !widthMm || !heightMm : !widthMm;
  return false;
}

/**
 * An item's total in cents:
 * - m² products: price per m² × width × height × quantity, rounded half-up to the cent;
 * - linear metre products: price per metre × width (the length) × quantity, rounded half-up;
 * - units: price × quantity;
 * plus the extras priced per unit (ilhós, cordinha, zíper…) and the catalogue finish (`finishCents`).
 */
export function itemTotalCents(item: ItemPricingInput): Cents {
  const price = BigInt(item.unitPriceCents);
  const qty = BigInt(item.quantity);
  let base: number;
  if (item.unit === 'm2') {
    base = divRoundHalfUp(price * BigInt(item.widthMm ?? 0) * BigInt(item.heightMm ?? 0) * qty, 1_000_000n);
  } else if (item.unit === 'm') {
    base = divRoundHalfUp(price * BigInt(item.widthMm ?? 0) * qty, 1_000n);
  } else {
    base = item.unitPriceCents * item.quantity;
  }
  const extras = (item.extras ?? []).reduce((sum, e) => sum + e.quantity * e.unitPriceCents, 0);
  return base + extras + finishCents(item);
}

/** What a unit of measure needs: m² needs width and height, metre needs the length (width). */
export function missingMeasures(unit: PricingUnit, widthMm?: number | null, heightMm?: number | null): string[] {
  const missing: string[] = [];
  if ((unit === 'm2' || unit === 'm') && !widthMm) missing.push('widthMm');
  if (unit === 'm2' && !heightMm) missing.push('heightMm');
  return missing;
}

/** A registry's free-text unit read as a pricing unit ('m²' is 'm2'); null for anything else (kg, rolo…). */
export function asPricingUnit(unit: string | null | undefined): PricingUnit | null {
  const u = (unit ?? '').trim().toLowerCase();
  if (u === 'm2' || u === 'm²') return 'm2';
  if (u === 'm' || u === 'un') return u;
  return null;
}

export interface ItemCostInput {
  /** The item's (product's) unit: what the product's and the material's costs are per. */
  unit: PricingUnit;
  quantity: number;
  widthMm?: number | null;
  heightMm?: number | null;
  /** The product's catalogue cost, per unit, per m² or per metre as the product is sold. */
  productCostCents: Cents;
  /** The material chosen for the item, with its catalogue cost and its registry unit. */
  material?: { costCents: Cents; unit: string } | null;
}

/**
 * An item's real cost in cents when it is sold, recorded on the item (`order_items.cost_cents`):
 * - the product's cost × quantity (un), × width × height × quantity (m²), × length × quantity (m);
 * - plus the material's cost, counted the same way, when its unit is the item's unit (a material
 *   per m² on an m² item, per metre on a linear one, per piece on a unit one); a material in any
 *   other unit (kg, rolo…) adds nothing, since nothing says how much of it an item takes;
 * rounded half-up to the cent once, like prices. Extras and finishes have no cost in the catalogue.
 * `migrations/0015_item_costs.ts` backfills old items with the same rule in SQL.
 */
export function itemCostCents(item: ItemCostInput): Cents {
  const material = item.material && asPricingUnit(item.material.unit) === item.unit ? item.material.costCents : 0;
  const perUnit = BigInt(Math.max(0, item.productCostCents) + Math.max(0, material));
  const qty = BigInt(item.quantity);
  if (item.unit === 'm2')
    return divRoundHalfUp(perUnit * BigInt(item.widthMm ?? 0) * BigInt(item.heightMm ?? 0) * qty, 1_000_000n);
  if (item.unit === 'm') return divRoundHalfUp(perUnit * BigInt(item.widthMm ?? 0) * qty, 1_000n);
  return Number(perUnit * qty);
}
