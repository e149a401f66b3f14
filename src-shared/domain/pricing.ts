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
}

/**
 * An item's total in cents:
 * - m² products: price per m² × width × height × quantity, rounded half-up to the cent;
 * - linear metre products: price per metre × width (the length) × quantity, rounded half-up;
 * - units: price × quantity;
 * plus the extras priced per unit (ilhós, cordinha, zíper…).
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
  return base + extras;
}

/** What a unit of measure needs: m² needs width and height, metre needs the length (width). */
export function missingMeasures(unit: PricingUnit, widthMm?: number | null, heightMm?: number | null): string[] {
  const missing: string[] = [];
  if ((unit === 'm2' || unit === 'm') && !widthMm) missing.push('widthMm');
  if (unit === 'm2' && !heightMm) missing.push('heightMm');
  return missing;
}
