import { describe, expect, it } from 'vitest';
import { emptyItem, itemPreview, orderToForm, withFinish, withProduct } from '../../src-renderer/lib/order-form';
import { finishCents, itemTotalCents, missingFinishMeasures } from '../../src-shared/domain/pricing';

const banner = { unit: 'm2' as const, unitPriceCents: 4500, quantity: 3, widthMm: 2000, heightMm: 1000 };

describe('finish pricing (shared by the server and the form)', () => {
  it('per piece, per m², per metre (perimeter of an m² piece, length of a linear one)', () => {
    expect(finishCents({ ...banner, finish: { priceCents: 500, unit: 'un' } })).toBe(1500);
    expect(finishCents({ ...banner, finish: { priceCents: 1000, unit: 'm2' } })).toBe(6000);
    expect(finishCents({ ...banner, finish: { priceCents: 200, unit: 'm' } })).toBe(3600);
    expect(
      finishCents({
        unit: 'm',
        unitPriceCents: 1000,
        quantity: 2,
        widthMm: 2500,
        finish: { priceCents: 150, unit: 'm' },
      }),
    ).toBe(750);
    expect(finishCents({ ...banner, finish: null })).toBe(0);
  });

  it('rounds half-up to the cent', () => {
    // 0,333 × 0,333 m² × R$ 10,01 = 1,110…
    expect(
      finishCents({ ...banner, quantity: 1, widthMm: 333, heightMm: 333, finish: { priceCents: 1001, unit: 'm2' } }),
    ).toBe(111);
  });

  it('the item total adds the finish to the product and the extras', () => {
    const total = itemTotalCents({
      ...banner,
      extras: [{ quantity: 16, unitPriceCents: 50 }],
      finish: { priceCents: 500, unit: 'un' },
    });
    expect(total).toBe(27_000 + 800 + 1500);
  });

  it('says when a finish needs measures the item lacks', () => {
    expect(missingFinishMeasures('un', 'm2', null, null)).toBe(true);
    expect(missingFinishMeasures('un', 'un', null, null)).toBe(false);
    expect(missingFinishMeasures('m', 'm', 2500, null)).toBe(false);
    expect(missingFinishMeasures('m2', 'm', 2500, null)).toBe(true);
  });
});

describe('order form: the finish in the live total', () => {
  const LONA = { id: 1, name: 'Lona', unit: 'm2' as const, priceCents: 4500 };
  const base = { ...withProduct(emptyItem(), LONA), widthMm: '2', heightMm: '1', quantity: '3' };

  it('choosing a priced finish adds it to the preview, exactly as the server would', () => {
    expect(itemPreview(base).totalCents).toBe(27_000);
    const withIlhos = withFinish(base, { id: 7, priceCents: 500, priceUnit: 'un' });
    expect(withIlhos.finishId).toBe('7');
    expect(itemPreview(withIlhos).totalCents).toBe(28_500);
    const laminated = withFinish(base, { id: 8, priceCents: 1000, priceUnit: 'm2' });
    expect(itemPreview(laminated).totalCents).toBe(33_000);
    expect(itemPreview(withFinish(withIlhos, null)).totalCents).toBe(27_000);
  });

  it('a saved item keeps the price its finish was sold at', () => {
    const form = orderToForm({
      id: 1,
      items: [
        {
          id: 10,
          productId: 1,
          productName: 'Lona',
          unit: 'm2',
          description: 'Banner',
          widthMm: 2000,
          heightMm: 1000,
          quantity: 3,
          materialId: null,
          finishId: 7,
          finishPriceCents: 500,
          finishPriceUnit: 'un',
          seams: 'sem',
          seamCount: 0,
          extras: [],
          unitPriceCents: 4500,
          designerId: null,
          machineId: null,
          colorProfile: null,
          rip: null,
          printDate: null,
          notes: null,
          artStatus: 'aguardando_arte',
          artChannel: null,
        },
      ],
    } as unknown as Parameters<typeof orderToForm>[0]);
    const item = form.items[0] as (typeof form.items)[number];
    expect(itemPreview(item).totalCents).toBe(28_500);
    // The catalogue now says R$ 9,00: re-choosing the same finish keeps R$ 5,00.
    expect(itemPreview(withFinish(item, { id: 7, priceCents: 900, priceUnit: 'un' })).totalCents).toBe(28_500);
  });
});
