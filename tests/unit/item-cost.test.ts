import { describe, expect, it } from 'vitest';
import { asPricingUnit, itemCostCents } from '../../src-shared/domain/pricing';

describe('itemCostCents: the real cost recorded on an order item', () => {
  it('per unit: the product cost × quantity', () => {
    expect(itemCostCents({ unit: 'un', quantity: 4, productCostCents: 1250 })).toBe(5000);
  });

  it('per m²: the product cost × width × height × quantity', () => {
    // 3,00 × 1,20 m = 3,6 m² × 2 × R$ 18,00 = R$ 129,60
    expect(itemCostCents({ unit: 'm2', quantity: 2, widthMm: 3000, heightMm: 1200, productCostCents: 1800 })).toBe(
      12_960,
    );
  });

  it('per metre: the product cost × length × quantity', () => {
    // 2,5 m × 3 × R$ 4,00 = R$ 30,00
    expect(itemCostCents({ unit: 'm', quantity: 3, widthMm: 2500, productCostCents: 400 })).toBe(3000);
  });

  it('adds the material cost × area on m² items when the material is priced per m²', () => {
    const banner = { unit: 'm2' as const, quantity: 2, widthMm: 3000, heightMm: 1200, productCostCents: 1800 };
    // 7,2 m² × (R$ 18,00 + R$ 15,00)
    expect(itemCostCents({ ...banner, material: { costCents: 1500, unit: 'm2' } })).toBe(23_760);
    expect(itemCostCents({ ...banner, material: { costCents: 1500, unit: 'M²' } })).toBe(23_760);
    // A material in a unit that says nothing of the item's size adds nothing.
    expect(itemCostCents({ ...banner, material: { costCents: 1500, unit: 'kg' } })).toBe(12_960);
    expect(itemCostCents({ ...banner, material: null })).toBe(12_960);
    // Per metre on a linear item; per piece on a unit item.
    expect(
      itemCostCents({
        unit: 'm',
        quantity: 1,
        widthMm: 2000,
        productCostCents: 100,
        material: { costCents: 50, unit: 'm' },
      }),
    ).toBe(300);
    expect(
      itemCostCents({ unit: 'un', quantity: 3, productCostCents: 900, material: { costCents: 100, unit: 'un' } }),
    ).toBe(3000);
    expect(
      itemCostCents({ unit: 'un', quantity: 3, productCostCents: 900, material: { costCents: 100, unit: 'm2' } }),
    ).toBe(2700);
  });

  it('rounds half-up to the cent once, like prices', () => {
    // 0,333 × 0,333 m² = 0,110889 m² × R$ 10,01 = 1,1099989 → R$ 1,11
    expect(itemCostCents({ unit: 'm2', quantity: 1, widthMm: 333, heightMm: 333, productCostCents: 1001 })).toBe(111);
    // 1,5 m × R$ 3,33 = 4,995 → R$ 5,00 (half goes up)
    expect(itemCostCents({ unit: 'm', quantity: 1, widthMm: 1500, productCostCents: 333 })).toBe(500);
    // 1,4 m × R$ 3,33 = 4,662 → R$ 4,66
    expect(itemCostCents({ unit: 'm', quantity: 1, widthMm: 1400, productCostCents: 333 })).toBe(466);
    // Product and material are summed before the one rounding: 0,5 m² × (R$ 0,01 + R$ 0,02) = 1,5 → 2
    expect(
      itemCostCents({
        unit: 'm2',
        quantity: 1,
        widthMm: 1000,
        heightMm: 500,
        productCostCents: 1,
        material: { costCents: 2, unit: 'm2' },
      }),
    ).toBe(2);
  });

  it('no cost, no measures: 0', () => {
    expect(itemCostCents({ unit: 'm2', quantity: 2, widthMm: 3000, heightMm: 1200, productCostCents: 0 })).toBe(0);
    expect(itemCostCents({ unit: 'm2', quantity: 2, widthMm: null, heightMm: 1200, productCostCents: 1800 })).toBe(0);
  });

  it('reads registry units', () => {
    expect(['m2', 'm²', ' M2 ', 'm', 'un', 'kg', '', null].map(asPricingUnit)).toEqual([
      'm2',
      'm2',
      'm2',
      'm',
      'un',
      null,
      null,
      null,
    ]);
  });
});
