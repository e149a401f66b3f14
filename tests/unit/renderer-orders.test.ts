import { describe, expect, it } from 'vitest';
import {
  centsToInput,
  emptyItem,
  emptyOrderForm,
  formatArea,
  formToCreateInput,
  formToUpdateInput,
  type ItemForm,
  inputToCents,
  itemPreview,
  mapOrderServerFields,
  maskMoneyInput,
  measureEcho,
  type Order,
  type OrderFormValues,
  orderPreview,
  orderToForm,
  orderWarnings,
  rebaseOrderForm,
  validateOrderForm,
  withProduct,
  withSizeTyped,
} from '../../src-renderer/lib/order-form';
import {
  activeFilterCount,
  EMPTY_FILTERS,
  filtersToInput,
  pagesForRange,
  parseFilters,
} from '../../src-renderer/lib/order-list';
import { stageKeyFrom, validateProductionSettings } from '../../src-renderer/lib/production-settings';
import {
  displayRegistryValue,
  emptyRegistryForm,
  rebaseRegistryForm,
  registryBySlug,
  registryChanges,
  registryFormToInput,
  rowToRegistryForm,
  validateRegistryForm,
} from '../../src-renderer/lib/registry-form';
import { measureToInput } from '../../src-shared/domain/measures';

const TODAY = '2026-11-24';
const LONA = { id: 1, name: 'Lona 440g', unit: 'm2' as const, priceCents: 4500 };
const CAMISETA = { id: 2, name: 'Camiseta sublimada', unit: 'un' as const, priceCents: 3990 };

function item(patch: Partial<ItemForm> = {}): ItemForm {
  return { ...emptyItem(), ...patch };
}

function banner(): ItemForm {
  return {
    ...withProduct(emptyItem(), LONA),
    description: 'Banner fachada',
    widthMm: '3000',
    heightMm: '1200',
    quantity: '2',
    extras: [{ key: 'x', name: 'Ilhós', quantity: '16', unitPrice: '0,50' }],
  };
}

function form(patch: Partial<OrderFormValues> = {}): OrderFormValues {
  return {
    ...emptyOrderForm(TODAY),
    customerId: 7,
    customerName: 'João da Silva',
    deliveryDate: '27/11/2026',
    items: [banner(), { ...withProduct(emptyItem(), CAMISETA), quantity: '10', unitPrice: '35,00' }],
    ...patch,
  };
}

describe('order form: money boxes', () => {
  it('shows cents as reais and reads reais back as cents', () => {
    expect(centsToInput(4500)).toBe('45,00');
    expect(centsToInput(5)).toBe('0,05');
    expect(centsToInput(123456789)).toBe('1234567,89');
    expect(inputToCents('1.234,56')).toBe(123456);
    expect(inputToCents('10')).toBe(1000);
    expect(inputToCents('')).toBe(0);
    expect(inputToCents('', null)).toBeNull();
    expect(inputToCents('1,2,3')).toBeNaN();
    expect(maskMoneyInput('R$ 12,345')).toBe('12,34');
    expect(maskMoneyInput('1.500')).toBe('1.500');
  });
});

describe('order form: live area and totals (same rules as the server)', () => {
  it('prices m² items with extras exactly like the server example', () => {
    // 3.0 m × 1.2 m = 3.6 m² × 2 × R$ 45,00 = R$ 324,00 + 16 ilhós × R$ 0,50 = R$ 332,00
    expect(itemPreview(banner())).toEqual({ areaM2: 3.6, totalCents: 33_200 });
    expect(formatArea(3.6)).toBe('3,6 m²');
  });

  it('rounds m² half-up to the cent', () => {
    const small = item({ ...withProduct(emptyItem(), LONA), widthMm: '333 mm', heightMm: '333mm', unitPrice: '45,01' });
    expect(itemPreview(small)).toEqual({ areaM2: 0.111, totalCents: 499 });
  });

  it('linear metres use the length; units ignore measures', () => {
    const faixa = item({ productId: 3, unit: 'm', widthMm: '2500', quantity: '3', unitPrice: '10,00' });
    expect(itemPreview(faixa).totalCents).toBe(7500);
    expect(itemPreview(item({ ...withProduct(emptyItem(), CAMISETA), quantity: '10' })).totalCents).toBe(39_900);
  });

  it('leaves out items that cannot be priced yet and says so', () => {
    const values = form({ items: [banner(), item({ ...withProduct(emptyItem(), LONA), widthMm: '1000' })] });
    expect(itemPreview(values.items[1] as ItemForm).totalCents).toBeNull();
    expect(orderPreview({ ...values, freight: '15,00', discount: '10,00' })).toEqual({
      itemsTotalCents: 33_200,
      freightCents: 1500,
      discountCents: 1000,
      totalCents: 33_700,
      incomplete: true,
    });
  });

  it('picking a product takes its unit, price and name (unless a description was typed)', () => {
    const typed = withProduct(item({ description: 'Banner da loja' }), LONA);
    expect(typed).toMatchObject({ productId: 1, unit: 'm2', unitPrice: '45,00', description: 'Banner da loja' });
    const switched = withProduct(withProduct(emptyItem(), LONA), CAMISETA);
    expect(switched).toMatchObject({ description: 'Camiseta sublimada', unit: 'un', unitPrice: '39,90' });
  });
});

describe('order form: checks with the server’s field keys', () => {
  it('accepts a complete order', () => {
    expect(validateOrderForm(form(), { today: TODAY })).toEqual({});
  });

  it('flags the customer, dates, measures, extras and discount', () => {
    const errors = validateOrderForm(
      form({
        customerId: null,
        deliveryDate: '20/11/2026',
        discount: '99999,00',
        items: [
          item({ ...withProduct(emptyItem(), LONA), widthMm: '1000', quantity: '0' }),
          item({ description: 'sem produto', extras: [{ key: 'e', name: '', quantity: '1', unitPrice: 'x' }] }),
        ],
      }),
      { today: TODAY },
    );
    expect(Object.keys(errors).sort()).toEqual(
      [
        'customerId',
        'deliveryDate',
        'items.0.heightMm',
        'items.0.quantity',
        'items.1.productId',
        'items.1.extras.0.name',
        'items.1.extras.0.unitPriceCents',
      ].sort(),
    );
    expect(errors['items.0.heightMm']).toMatch(/largura e altura/);
  });

  it('a quote needs no delivery date; an order does; the discount cannot pass the total', () => {
    expect(validateOrderForm(form({ kind: 'orcamento', deliveryDate: '' }), { today: TODAY })).toEqual({});
    expect(validateOrderForm(form({ deliveryDate: '' }), { today: TODAY }).deliveryDate).toMatch(/entrega/);
    expect(validateOrderForm(form({ discount: '1000,00' }), { today: TODAY }).discountCents).toMatch(/desconto/);
    expect(validateOrderForm(form({ items: [] }), { today: TODAY }).items).toMatch(/pelo menos um item/);
  });
});

describe('order form: inputs for the API', () => {
  it('create sends integer millimetres, cents and ISO dates, blanks as null', () => {
    const input = formToCreateInput(form({ freight: '15,00', notes: '  ' }));
    expect(input).toMatchObject({
      kind: 'pedido',
      customerId: 7,
      entryDate: TODAY,
      deliveryDate: '2026-11-27',
      priority: 'NORMAL',
      notes: null,
      freightCents: 1500,
      discountCents: 0,
      sellerId: null,
    });
    expect(input.items?.[0]).toMatchObject({
      productId: 1,
      widthMm: 3000,
      heightMm: 1200,
      quantity: 2,
      unitPriceCents: 4500,
      extras: [{ name: 'Ilhós', quantity: 16, unitPriceCents: 50 }],
      artChannel: null,
    });
    expect(input.items?.[1]).toMatchObject({ widthMm: null, heightMm: null, unitPriceCents: 3500 });
    expect(input.items?.[0]).not.toHaveProperty('id');
    expect(formToCreateInput(form({ kind: 'orcamento', validUntil: '' }))).not.toHaveProperty('validUntil');
  });

  const order: Order = {
    id: 42,
    number: '2026-000042',
    kind: 'pedido',
    validUntil: null,
    expired: false,
    customerId: 7,
    customerName: 'João da Silva',
    customerPhone: null,
    customerCity: null,
    entryDate: TODAY,
    deliveryDate: '2026-11-27',
    priority: 'NORMAL',
    status: 'pendente',
    currentStage: 'financeiro',
    stageSince: null,
    overdue: false,
    sellerId: null,
    itemsCount: 1,
    itemsTotalCents: 33_200,
    totalCents: 33_200,
    paidCents: 0,
    financedCents: 0,
    balanceCents: 33_200,
    paymentState: 'em_aberto',
    creditOpenCents: 0,
    isReprint: false,
    version: 3,
    notes: null,
    shippingMethodId: null,
    freightCents: 0,
    discountCents: 0,
    paymentMethodId: null,
    paymentNotes: null,
    reprintOfOrderId: null,
    reprintReason: null,
    reprintCostCents: null,
    cancelReason: null,
    deliveredAt: null,
    createdAt: '2026-11-24T13:00:00.000Z',
    updatedAt: '2026-11-24T13:00:00.000Z',
    stages: [],
    items: [
      {
        id: 100,
        position: 1,
        productId: 1,
        productName: 'Lona 440g',
        productionType: 'lona',
        unit: 'm2',
        description: 'Banner fachada',
        widthMm: 3000,
        heightMm: 1200,
        areaM2: 3.6,
        quantity: 2,
        materialId: null,
        finishId: null,
        finishPriceCents: null,
        finishPriceUnit: null,
        seams: 'sem',
        seamCount: 0,
        extras: [{ name: 'Ilhós', quantity: 16, unitPriceCents: 50 }],
        unitPriceCents: 4500,
        totalCents: 33_200,
        designerId: null,
        machineId: null,
        colorProfile: null,
        rip: null,
        printDate: '2026-11-25',
        notes: null,
        artStatus: 'aprovada',
        artApprovedBy: 1,
        artApprovedByName: 'Ana',
        artApprovedAt: '2026-11-24T13:00:00.000Z',
        artChannel: 'whatsapp',
        images: [],
        sizeGrid: [],
        names: [],
      },
    ],
  };

  it('update sends the version read and only what changed; items go whole when one changed', () => {
    const original = orderToForm(order);
    expect(formToUpdateInput(original, { ...original }, { id: 42, version: 3 })).toBeNull();
    const priority = formToUpdateInput(original, { ...original, priority: 'ALTA' }, { id: 42, version: 3 });
    expect(priority).toEqual({ id: 42, version: 3, priority: 'ALTA' });

    const first = original.items[0] as ItemForm;
    const changed = { ...original, items: [{ ...first, quantity: '3' }] };
    const input = formToUpdateInput(original, changed, { id: 42, version: 3 });
    expect(Object.keys(input ?? {}).sort()).toEqual(['id', 'items', 'version']);
    // the saved item keeps its id (and images), its print date and its approval channel
    expect(input?.items?.[0]).toMatchObject({ id: 100, quantity: 3, printDate: '2026-11-25', artChannel: 'whatsapp' });
  });

  it('after a 409 keeps what this user changed over the fresh copy', () => {
    const original = orderToForm(order);
    const mine = { ...original, priority: 'ALTA' as const };
    const fresh = orderToForm({ ...order, notes: 'Cliente ligou', version: 4 });
    const rebased = rebaseOrderForm(original, mine, fresh);
    expect(rebased).toMatchObject({ priority: 'ALTA', notes: 'Cliente ligou' });
    expect(rebased.items).toBe(fresh.items);

    // My edited items stay; an item the other person removed becomes a new one.
    const myItems = { ...original, items: [{ ...(original.items[0] as ItemForm), quantity: '5' }] };
    const freshWithout = orderToForm({ ...order, items: [], version: 4 });
    const kept = rebaseOrderForm(original, myItems, freshWithout);
    expect(kept.items[0]).toMatchObject({ id: null, quantity: '5' });
  });

  it('maps the server’s field errors onto the form, the rest above it', () => {
    expect(
      mapOrderServerFields(
        { 'items.0.widthMm': 'Informe o comprimento', 'items.3.id': 'Item não pertence', customerId: 'x', foo: 'y' },
        2,
      ),
    ).toEqual({
      fields: { 'items.0.widthMm': 'Informe o comprimento', customerId: 'x' },
      other: ['Item não pertence', 'y'],
    });
  });
});

describe('order list filters', () => {
  it('become the orders.list input, leaving out blanks and incomplete dates', () => {
    expect(filtersToInput(EMPTY_FILTERS)).toEqual({ sort: '-entryDate', kind: 'todos' });
    const input = filtersToInput(
      {
        ...EMPTY_FILTERS,
        from: '01/11/2026',
        to: '30/11',
        dateMode: 'entrega',
        statuses: ['pendente', 'em_producao'],
        customerId: 7,
        customerName: 'João',
        priority: 'ALTA',
        overdue: 'true',
        reprint: 'false',
        productionType: 'lona',
        paymentState: 'no_crediario',
      },
      '  fachada ',
    );
    expect(input).toEqual({
      sort: '-entryDate',
      kind: 'todos',
      dateMode: 'entrega',
      from: '2026-11-01',
      status: ['pendente', 'em_producao'],
      customerId: 7,
      priority: 'ALTA',
      overdue: true,
      reprint: false,
      productionType: 'lona',
      paymentState: ['no_crediario'],
      text: 'fachada',
    });
  });

  it('read back from a saved view or storage without trusting it', () => {
    const parsed = parseFilters({
      statuses: ['pronto', 'voando', 'pronto'],
      sort: 'DROP TABLE',
      customerId: -3,
      customerName: 'x',
      overdue: true,
      from: '2026-11-01',
      to: '30/11/2026',
      kind: 'orcamento',
      paymentState: 'quitado-ontem',
    });
    expect(parsed).toMatchObject({
      statuses: ['pronto'],
      sort: '-entryDate',
      customerId: null,
      customerName: '',
      overdue: 'true',
      from: '',
      to: '30/11/2026',
      kind: 'orcamento',
      paymentState: '',
    });
    expect(parseFilters({ paymentState: 'parcial' }).paymentState).toBe('parcial');
    expect(parseFilters(null)).toEqual(EMPTY_FILTERS);
    expect(parseFilters(filtersToInput(EMPTY_FILTERS))).toEqual(EMPTY_FILTERS);
    expect(activeFilterCount(parsed)).toBe(4);
  });

  it('asks only for the pages in view', () => {
    expect(pagesForRange(0, 0, 200)).toEqual([1]);
    expect(pagesForRange(0, -1, 200)).toEqual([1]);
    expect(pagesForRange(190, 230, 200)).toEqual([1, 2]);
    expect(pagesForRange(80_000, 80_030, 200)).toEqual([401]);
  });
});

describe('registries as data', () => {
  it('products: money as cents, options checked; changes only', () => {
    const def = registryBySlug('produtos');
    if (!def) throw new Error('produtos');
    const empty = emptyRegistryForm(def);
    expect(validateRegistryForm(def, empty)).toMatchObject({
      name: expect.any(String),
      priceCents: expect.any(String),
    });
    const values = { ...empty, name: 'Lona 440g', productionType: 'lona', unit: 'm2', priceCents: '45,00' };
    expect(validateRegistryForm(def, values)).toEqual({});
    expect(registryFormToInput(def, values)).toEqual({
      name: 'Lona 440g',
      kind: 'produto',
      productionType: 'lona',
      unit: 'm2',
      priceCents: 4500,
      costCents: 0,
    });
    const row = {
      id: 1,
      name: 'Lona 440g',
      kind: 'produto',
      productionType: 'lona',
      unit: 'm2',
      priceCents: 4500,
      costCents: 1800,
      active: true,
      version: 2,
    };
    const loaded = rowToRegistryForm(def, row);
    expect(loaded.costCents).toBe('18,00');
    expect(registryChanges(def, loaded, { ...loaded })).toBeNull();
    expect(registryChanges(def, loaded, { ...loaded, priceCents: '50' })).toEqual({ priceCents: 5000 });
    const unit = def.fields.find((f) => f.name === 'unit');
    if (!unit) throw new Error('unit');
    expect(displayRegistryValue(unit, row)).toBe('m²');
  });

  it('staff: roles required, user link optional; materials: blank supplier is null', () => {
    const staff = registryBySlug('equipe');
    const materials = registryBySlug('materiais');
    if (!staff || !materials) throw new Error('defs');
    expect(validateRegistryForm(staff, { name: 'Dani', roles: [], userId: '' }).roles).toMatch(/função/);
    expect(registryFormToInput(staff, { name: 'Dani', roles: ['designer'], userId: '' })).toEqual({
      name: 'Dani',
      roles: ['designer'],
      userId: null,
    });
    expect(registryFormToInput(materials, { ...emptyRegistryForm(materials), name: 'Lona fosca' })).toMatchObject({
      supplier: null,
      unit: 'm2',
    });
  });

  it('after a 409 keeps my edits over the fresh row', () => {
    expect(
      rebaseRegistryForm(
        { name: 'A', priceCents: '1,00' },
        { name: 'A', priceCents: '2,00' },
        { name: 'B', priceCents: '1,50' },
      ),
    ).toEqual({ name: 'B', priceCents: '2,00' });
  });
});

describe('production settings', () => {
  it('derive a stage code from its name, unique', () => {
    expect(stageKeyFrom('Impressão/Sublimação', [], 0)).toBe('impressao_sublimacao');
    expect(stageKeyFrom('Corte', [{ key: 'corte' }, { key: '' }], 1)).toBe('corte_2');
    expect(stageKeyFrom('3D', [], 0)).toBe('d_etapa');
    expect(stageKeyFrom('', [], 0)).toBe('');
  });

  it('keep financeiro first and everything within the server’s limits', () => {
    const ok = {
      stages: [
        { key: 'financeiro', label: 'Financeiro' },
        { key: 'impressao', label: 'Impressão' },
      ],
      productionTypes: ['lona'],
      requireArtApproval: false,
      stalledHours: 48,
    };
    expect(validateProductionSettings(ok)).toEqual({});
    expect(validateProductionSettings({ ...ok, stages: [...ok.stages].reverse() }).stages).toMatch(/financeiro/);
    expect(
      validateProductionSettings({ ...ok, stages: [...ok.stages, { key: 'impressao', label: 'De novo' }] })[
        'stages.2.key'
      ],
    ).toBeTruthy();
    expect(validateProductionSettings({ ...ok, productionTypes: [], stalledHours: 0 })).toMatchObject({
      productionTypes: expect.any(String),
      stalledHours: expect.any(String),
    });
  });
});

describe('order form: sizes as people type them', () => {
  const lona = (w: string, h: string, price = '45,00') =>
    item({ ...withProduct(emptyItem(), LONA), description: 'Banner', widthMm: w, heightMm: h, unitPrice: price });

  it('"3" and "2,5" are metres: 7,5 m², not 3 × 25 mm at R$ 0,00', () => {
    expect(itemPreview(lona('3', '2,5'))).toEqual({ areaM2: 7.5, totalCents: 33_750 });
    expect(itemPreview(lona('300 cm', '2.5 m'))).toEqual({ areaM2: 7.5, totalCents: 33_750 });
    expect(itemPreview(lona('3000', '2500 mm'))).toEqual({ areaM2: 7.5, totalCents: 33_750 });
    const input = formToCreateInput(form({ items: [lona('3', '2,5')] }));
    expect(input.items[0]).toMatchObject({ widthMm: 3000, heightMm: 2500 });
  });

  it('echoes how each measure was read, with the unit', () => {
    expect(measureEcho('2,5')).toBe('= 2,50 m (lido em metros)');
    expect(measureEcho('250')).toBe('= 2,50 m (lido em centímetros)');
    expect(measureEcho('2500')).toBe('= 2,50 m (lido em milímetros)');
    expect(measureEcho('2,5 m')).toBe('= 2,50 m');
    expect(measureEcho('abc')).toBe('');
  });

  it('refuses what is not a measure, and an m² item whose area rounds to zero', () => {
    let errors = validateOrderForm(form({ items: [lona('3 km', '2')] }), { today: TODAY });
    expect(errors['items.0.widthMm']).toMatch(/Medida inválida/);
    errors = validateOrderForm(form({ items: [lona('3 mm', '25 mm')] }), { today: TODAY });
    expect(errors['items.0.widthMm']).toMatch(/0 m²/);
    errors = validateOrderForm(form({ items: [lona('3', '2,5')] }), { today: TODAY });
    expect(errors['items.0.widthMm']).toBeUndefined();
  });

  it('an order saved from the form reads back the same measures', () => {
    expect(measureToInput(805)).toBe('0,805 m');
    const again = formToCreateInput(form({ items: [lona(measureToInput(805), measureToInput(12_000))] }));
    expect(again.items[0]).toMatchObject({ widthMm: 805, heightMm: 12_000 });
  });

  it('"1,20 x 0,80" typed in the width fills width and height', () => {
    const typed = withSizeTyped(lona('1,20 x 0,80', ''));
    expect([typed.widthMm, typed.heightMm]).toEqual(['1,2 m', '0,8 m']);
    expect(itemPreview(typed).areaM2).toBe(0.96);
    const plain = lona('2,5', '1');
    expect(withSizeTyped(plain)).toBe(plain);
  });

  it('warns (without blocking) about items and orders at R$ 0,00', () => {
    const zero = lona('3', '2,5', '0,00');
    expect(orderWarnings(form({ items: [zero] }))).toEqual([
      'O item 1 está saindo por R$ 0,00. Confira medidas e preço.',
      'O pedido está saindo por R$ 0,00.',
    ]);
    expect(orderWarnings(form({ items: [lona('3', '2,5')] }))).toEqual([]);
    expect(validateOrderForm(form({ items: [zero] }), { today: TODAY })).toEqual({});
  });
});

describe('order page actions (what the server would accept)', async () => {
  const { orderActions } = await import('../../src-renderer/lib/order-actions');
  const all = { write: true, delete: true };
  const order = (patch: Partial<Parameters<typeof orderActions>[0]> = {}) => ({
    status: 'pendente' as const,
    kind: 'pedido' as const,
    paidCents: 0,
    financedCents: 0,
    ...patch,
  });

  it('offers delete only for an order with no money moved and not delivered', () => {
    expect(orderActions(order(), all).delete).toBe(true);
    expect(orderActions(order({ paidCents: 1000 }), all).delete).toBe(false);
    expect(orderActions(order({ financedCents: 5000 }), all).delete).toBe(false);
    expect(orderActions(order({ status: 'entregue' }), all).delete).toBe(false);
    // Who cannot see the money cannot know: not offered.
    expect(orderActions(order({ paidCents: undefined, financedCents: undefined }), all).delete).toBe(false);
  });

  it('offers cancel (with a reason) where delete is refused, while the order is open', () => {
    const paid = orderActions(order({ paidCents: 1000, status: 'em_producao' }), all);
    expect(paid).toMatchObject({ cancel: true, delete: false });
    expect(orderActions(order({ status: 'entregue' }), all).cancel).toBe(false);
    expect(orderActions(order({ status: 'cancelado' }), all).cancel).toBe(false);
    expect(orderActions(order({ kind: 'orcamento' }), all)).toMatchObject({
      cancel: true,
      convert: true,
      deliver: false,
    });
  });

  it('offers nothing that writes to who may not write', () => {
    expect(orderActions(order({ status: 'pronto' }), { write: false, delete: false })).toEqual({
      edit: false,
      convert: false,
      deliver: false,
      cancel: false,
      delete: false,
    });
  });
});
