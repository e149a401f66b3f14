import type { InputOf, OutputOf } from '../../src-shared/contract';
import type { ART_STATUSES } from '../../src-shared/contract/orders';
import { formatDateBR, parseDateBR } from '../../src-shared/domain/dates';
import { formatMeasureMm, measureToInput, parseMeasure, parseSize } from '../../src-shared/domain/measures';
import { parseMoneyBR } from '../../src-shared/domain/money';
import {
  areaM2,
  itemTotalCents,
  missingFinishMeasures,
  missingMeasures,
  type PricingUnit,
} from '../../src-shared/domain/pricing';
import type { PieceName, SizeCount } from '../../src-shared/domain/size-grid';
import type { FieldErrors } from '../../src-shared/errors';
import { t } from '../i18n';

/**
 * The order form as plain data: what the inputs hold (masked text), the live area and totals
 * computed with the same shared pricing functions the server uses, the checks, and the
 * `orders.create` / `orders.update` inputs. No React here, so it is unit-tested.
 */

export type Order = OutputOf<'orders.get'>;
export type OrderItem = Order['items'][number];
export type OrderKind = Order['kind'];
export type Priority = Order['priority'];
export type ArtStatus = (typeof ART_STATUSES)[number];
export type ArtChannel = NonNullable<OrderItem['artChannel']>;
export type SeamKind = OrderItem['seams'];

export const MAX_ITEMS = 200;
export const MAX_EXTRAS = 20;
const MAX_QTY = 100_000;
const MAX_CENTS = 10_000_000_000;

export interface ExtraForm {
  key: string;
  name: string;
  quantity: string;
  unitPrice: string;
}

export interface ItemForm {
  /** Stable key for React while items are added and removed. */
  key: string;
  /** An item already saved keeps its id (and its images) when the order is edited. */
  id: number | null;
  productId: number | null;
  productName: string;
  unit: PricingUnit;
  description: string;
  /** As typed: metres, centimetres or millimetres (see `parseMeasure`: "2,5", "250 cm", "2500 mm"). */
  widthMm: string;
  heightMm: string;
  quantity: string;
  materialId: string;
  finishId: string;
  /** The chosen finish's price and unit (from the catalogue, or as the saved item was priced). */
  finishPricing: { finishId: number; priceCents: number; unit: PricingUnit } | null;
  seams: SeamKind;
  seamCount: string;
  extras: ExtraForm[];
  /** Price per unit, per m² or per metre, as typed ('45,00'). */
  unitPrice: string;
  designerId: string;
  machineId: string;
  colorProfile: string;
  rip: string;
  /** Not edited here (set when the print stage is done), but sent back so editing keeps it. */
  printDate: string | null;
  notes: string;
  artStatus: ArtStatus;
  artChannel: ArtChannel | '';
  /** Apparel: pieces per size (summing to the quantity) and names and numbers per piece. */
  sizeGrid: SizeCount[];
  names: PieceName[];
}

export interface OrderFormValues {
  kind: OrderKind;
  customerId: number | null;
  customerName: string;
  /** dd/mm/aaaa */
  entryDate: string;
  deliveryDate: string;
  validUntil: string;
  priority: Priority;
  sellerId: string;
  shippingMethodId: string;
  freight: string;
  discount: string;
  paymentMethodId: string;
  paymentNotes: string;
  notes: string;
  items: ItemForm[];
}

let keySeq = 0;
export const newKey = (): string => `k${++keySeq}`;

/** 4500 → '45,00'; 123456 → '1234,56' (what a money box holds). */
export function centsToInput(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '';
  const abs = Math.abs(Math.trunc(cents));
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** A money box's cents: blank → `blank`; not money → NaN. */
export function inputToCents(value: string, blank: number | null = 0): number | null {
  if (!value.trim()) return blank;
  const cents = parseMoneyBR(value.trim());
  return cents === null ? Number.NaN : cents;
}

/** What may be typed into a money box: digits, one comma, dots for thousands. */
export function maskMoneyInput(value: string): string {
  const cleaned = value.replace(/[^\d,.]/g, '');
  const comma = cleaned.indexOf(',');
  if (comma < 0) return cleaned;
  return `${cleaned.slice(0, comma + 1)}${cleaned
    .slice(comma + 1)
    .replace(/[,.]/g, '')
    .slice(0, 2)}`;
}

export const onlyInt = (value: string, maxDigits = 6): string => value.replace(/\D+/g, '').slice(0, maxDigits);

const intOrNull = (value: string): number | null => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : null);
/** A measure box in millimetres (null when blank or not a measure). */
export const measureMm = (value: string): number | null => parseMeasure(value)?.mm ?? null;
const idOrNull = (value: string): number | null => {
  const n = intOrNull(value);
  return n && n > 0 ? n : null;
};
const textOrNull = (value: string): string | null => value.trim() || null;

export function emptyExtra(): ExtraForm {
  return { key: newKey(), name: '', quantity: '1', unitPrice: '' };
}

export function emptyItem(): ItemForm {
  return {
    key: newKey(),
    id: null,
    productId: null,
    productName: '',
    unit: 'un',
    description: '',
    widthMm: '',
    heightMm: '',
    quantity: '1',
    materialId: '',
    finishId: '',
    finishPricing: null,
    seams: 'sem',
    seamCount: '0',
    extras: [],
    unitPrice: '',
    designerId: '',
    machineId: '',
    colorProfile: '',
    rip: '',
    printDate: null,
    notes: '',
    artStatus: 'aguardando_arte',
    artChannel: '',
    sizeGrid: [],
    names: [],
  };
}

export function emptyOrderForm(today: string, kind: OrderKind = 'pedido'): OrderFormValues {
  return {
    kind,
    customerId: null,
    customerName: '',
    entryDate: formatDateBR(today),
    deliveryDate: '',
    validUntil: '',
    priority: 'NORMAL',
    sellerId: '',
    shippingMethodId: '',
    freight: '0,00',
    discount: '0,00',
    paymentMethodId: '',
    paymentNotes: '',
    notes: '',
    items: [emptyItem()],
  };
}

const idText = (id: number | null | undefined): string => (id ? String(id) : '');

export function itemToForm(item: OrderItem): ItemForm {
  return {
    key: newKey(),
    id: item.id,
    productId: item.productId,
    productName: item.productName,
    unit: item.unit,
    description: item.description,
    widthMm: measureToInput(item.widthMm),
    heightMm: measureToInput(item.heightMm),
    quantity: String(item.quantity),
    materialId: idText(item.materialId),
    finishId: idText(item.finishId),
    finishPricing:
      item.finishId !== null && item.finishPriceCents !== null && item.finishPriceCents !== undefined
        ? { finishId: item.finishId, priceCents: item.finishPriceCents, unit: item.finishPriceUnit ?? 'un' }
        : null,
    seams: item.seams,
    seamCount: String(item.seamCount),
    extras: item.extras.map((e) => ({
      key: newKey(),
      name: e.name,
      quantity: String(e.quantity),
      unitPrice: centsToInput(e.unitPriceCents),
    })),
    unitPrice: centsToInput(item.unitPriceCents),
    designerId: idText(item.designerId),
    machineId: idText(item.machineId),
    colorProfile: item.colorProfile ?? '',
    rip: item.rip ?? '',
    printDate: item.printDate,
    notes: item.notes ?? '',
    artStatus: item.artStatus,
    artChannel: item.artChannel ?? '',
    sizeGrid: item.sizeGrid,
    names: item.names,
  };
}

export function orderToForm(order: Order): OrderFormValues {
  return {
    kind: order.kind,
    customerId: order.customerId,
    customerName: order.customerName,
    entryDate: formatDateBR(order.entryDate),
    deliveryDate: formatDateBR(order.deliveryDate),
    validUntil: formatDateBR(order.validUntil),
    priority: order.priority,
    sellerId: idText(order.sellerId),
    shippingMethodId: idText(order.shippingMethodId),
    freight: centsToInput(order.freightCents),
    discount: centsToInput(order.discountCents),
    paymentMethodId: idText(order.paymentMethodId),
    paymentNotes: order.paymentNotes ?? '',
    notes: order.notes ?? '',
    items: order.items.map(itemToForm),
  };
}

/** Picking a product: its unit, its name as the description when there is none, and its price. */
export function withProduct(
  item: ItemForm,
  product: { id: number; name: string; unit: PricingUnit; priceCents: number },
): ItemForm {
  const keepsDescription = item.description.trim() !== '' && item.description !== item.productName;
  return {
    ...item,
    productId: product.id,
    productName: product.name,
    unit: product.unit,
    description: keepsDescription ? item.description : product.name,
    unitPrice: centsToInput(product.priceCents),
  };
}

/** Picking a finish: its id, and its price and unit to price the item live (none: both cleared). */
export function withFinish(
  item: ItemForm,
  finish: { id: number; priceCents: number; priceUnit: PricingUnit } | null | undefined,
): ItemForm {
  if (!finish) return { ...item, finishId: '', finishPricing: null };
  // The finish the saved item already had keeps the price it was sold at (as the server does).
  const kept = item.finishPricing?.finishId === finish.id ? item.finishPricing : null;
  return {
    ...item,
    finishId: String(finish.id),
    finishPricing: kept ?? { finishId: finish.id, priceCents: finish.priceCents, unit: finish.priceUnit },
  };
}

export interface ItemPreview {
  /** m² of one piece (null when it does not apply or is incomplete). */
  areaM2: number | null;
  /** null while something needed is missing or invalid. */
  totalCents: number | null;
}

/** The item's area and total exactly as the server will compute them. */
export function itemPreview(item: ItemForm): ItemPreview {
  const width = measureMm(item.widthMm);
  const height = measureMm(item.heightMm);
  const quantity = intOrNull(item.quantity);
  const unitPriceCents = inputToCents(item.unitPrice, null);
  const area = item.unit === 'm2' ? areaM2(width, height) : null;
  if (item.productId === null || !quantity || unitPriceCents === null || Number.isNaN(unitPriceCents)) {
    return { areaM2: area, totalCents: null };
  }
  if (missingMeasures(item.unit, width, height).length) return { areaM2: area, totalCents: null };
  const extras: Array<{ quantity: number; unitPriceCents: number }> = [];
  for (const extra of item.extras) {
    const q = intOrNull(extra.quantity);
    const price = inputToCents(extra.unitPrice, 0);
    if (!q || price === null || Number.isNaN(price)) return { areaM2: area, totalCents: null };
    extras.push({ quantity: q, unitPriceCents: price });
  }
  const pricing = item.finishPricing;
  const finish = pricing && String(pricing.finishId) === item.finishId ? pricing : null;
  if (finish && missingFinishMeasures(item.unit, finish.unit, width, height)) return { areaM2: area, totalCents: null };
  return {
    areaM2: area,
    totalCents: itemTotalCents({
      unit: item.unit,
      unitPriceCents,
      quantity,
      widthMm: width,
      heightMm: height,
      extras,
      finish,
    }),
  };
}

export interface OrderPreview {
  itemsTotalCents: number;
  freightCents: number;
  discountCents: number;
  totalCents: number;
  /** Some item cannot be priced yet: the totals leave it out. */
  incomplete: boolean;
}

export function orderPreview(values: OrderFormValues): OrderPreview {
  let itemsTotalCents = 0;
  let incomplete = false;
  for (const item of values.items) {
    const { totalCents } = itemPreview(item);
    if (totalCents === null) incomplete = true;
    else itemsTotalCents += totalCents;
  }
  const freight = inputToCents(values.freight, 0);
  const discount = inputToCents(values.discount, 0);
  const freightCents = freight === null || Number.isNaN(freight) ? 0 : freight;
  const discountCents = discount === null || Number.isNaN(discount) ? 0 : discount;
  return {
    itemsTotalCents,
    freightCents,
    discountCents,
    totalCents: itemsTotalCents + freightCents - discountCents,
    incomplete,
  };
}

export interface ValidateOptions {
  /** Today's business date, 'YYYY-MM-DD', in the shop's time zone. */
  today: string;
}

function checkMoney(errors: FieldErrors, key: string, value: string, required: boolean): void {
  const cents = inputToCents(value, null);
  if (cents === null) {
    if (required) errors[key] = t('field.required');
    return;
  }
  if (Number.isNaN(cents) || cents < 0 || cents > MAX_CENTS) errors[key] = t('orders.error.money');
}

function checkInt(errors: FieldErrors, key: string, value: string, min: number, max: number, required: boolean) {
  if (!value.trim()) {
    if (required) errors[key] = t('field.required');
    return;
  }
  const n = intOrNull(value);
  if (n === null || n < min || n > max) errors[key] = t('orders.error.range', { min, max });
}

function checkMeasure(errors: FieldErrors, key: string, value: string, required: boolean): void {
  if (!value.trim()) {
    if (required) errors[key] = t('field.required');
    return;
  }
  if (measureMm(value) === null) errors[key] = t('orders.error.measure');
}

function checkLength(errors: FieldErrors, key: string, value: string, max: number): void {
  if (value.trim().length > max && !errors[key]) errors[key] = t('field.tooLong', { max });
}

/**
 * Client-side checks with the server's rules; keys are the server's `fields` keys
 * (`deliveryDate`, `items.0.widthMm`, `items.1.extras.0.name`…).
 */
export function validateOrderForm(v: OrderFormValues, _options: ValidateOptions): FieldErrors {
  const errors: FieldErrors = {};
  if (v.customerId === null) errors.customerId = t('orders.error.customer');
  const entry = v.entryDate.trim() ? parseDateBR(v.entryDate) : null;
  if (!v.entryDate.trim()) errors.entryDate = t('field.required');
  else if (!entry) errors.entryDate = t('field.date');
  const delivery = v.deliveryDate.trim() ? parseDateBR(v.deliveryDate) : null;
  if (v.deliveryDate.trim() && !delivery) errors.deliveryDate = t('field.date');
  else if (v.kind === 'pedido' && !delivery) errors.deliveryDate = t('orders.error.deliveryDate');
  else if (delivery && entry && delivery < entry) errors.deliveryDate = t('orders.error.deliveryBeforeEntry');
  if (v.kind === 'orcamento' && v.validUntil.trim()) {
    const valid = parseDateBR(v.validUntil);
    if (!valid) errors.validUntil = t('field.date');
    else if (entry && valid < entry) errors.validUntil = t('orders.error.validBeforeEntry');
  }
  checkMoney(errors, 'freightCents', v.freight, false);
  checkMoney(errors, 'discountCents', v.discount, false);
  checkLength(errors, 'notes', v.notes, 4000);
  checkLength(errors, 'paymentNotes', v.paymentNotes, 1000);

  if (v.items.length === 0) errors.items = t('orders.error.noItems');
  if (v.items.length > MAX_ITEMS) errors.items = t('orders.error.tooManyItems', { max: MAX_ITEMS });
  for (const [i, item] of v.items.entries()) {
    const at = (key: string) => `items.${i}.${key}`;
    if (item.productId === null) errors[at('productId')] = t('orders.error.product');
    if (!item.description.trim()) errors[at('description')] = t('field.required');
    checkLength(errors, at('description'), item.description, 300);
    checkInt(errors, at('quantity'), item.quantity, 1, MAX_QTY, true);
    const needs = missingMeasures(item.unit, measureMm(item.widthMm), measureMm(item.heightMm));
    checkMeasure(errors, at('widthMm'), item.widthMm, needs.includes('widthMm'));
    checkMeasure(errors, at('heightMm'), item.heightMm, needs.includes('heightMm'));
    if (item.unit === 'm2' && !errors[at('widthMm')] && !errors[at('heightMm')]) {
      if (areaM2(measureMm(item.widthMm), measureMm(item.heightMm)) === 0)
        errors[at('widthMm')] = t('orders.error.areaZero');
    }
    if (errors[at('widthMm')] === t('field.required')) {
      errors[at('widthMm')] = item.unit === 'm' ? t('orders.error.length') : t('orders.error.measures');
    }
    if (errors[at('heightMm')] === t('field.required')) errors[at('heightMm')] = t('orders.error.measures');
    checkMoney(errors, at('unitPriceCents'), item.unitPrice, false);
    if (item.seams === 'com') checkInt(errors, at('seamCount'), item.seamCount, 0, 100, false);
    checkLength(errors, at('colorProfile'), item.colorProfile, 60);
    checkLength(errors, at('rip'), item.rip, 60);
    checkLength(errors, at('notes'), item.notes, 2000);
    if (item.extras.length > MAX_EXTRAS) errors[at('extras')] = t('orders.error.tooManyExtras', { max: MAX_EXTRAS });
    for (const [j, extra] of item.extras.entries()) {
      const ex = (key: string) => at(`extras.${j}.${key}`);
      if (!extra.name.trim()) errors[ex('name')] = t('field.required');
      checkLength(errors, ex('name'), extra.name, 40);
      checkInt(errors, ex('quantity'), extra.quantity, 1, MAX_QTY, true);
      checkMoney(errors, ex('unitPriceCents'), extra.unitPrice, true);
    }
  }
  if (Object.keys(errors).length === 0) {
    const totals = orderPreview(v);
    if (totals.discountCents > totals.itemsTotalCents + totals.freightCents) {
      errors.discountCents = t('orders.error.discount');
    }
  }
  return errors;
}

type ItemInput = NonNullable<InputOf<'orders.create'>['items']>[number];

function itemToInput(item: ItemForm): ItemInput {
  const unitPriceCents = inputToCents(item.unitPrice, null);
  const approved = item.artStatus === 'aprovada';
  return {
    ...(item.id !== null && { id: item.id }),
    productId: item.productId ?? 0,
    description: item.description.trim(),
    widthMm: measureMm(item.widthMm),
    heightMm: measureMm(item.heightMm),
    quantity: intOrNull(item.quantity) ?? 0,
    materialId: idOrNull(item.materialId),
    finishId: idOrNull(item.finishId),
    seams: item.seams,
    seamCount: item.seams === 'com' ? (intOrNull(item.seamCount) ?? 0) : 0,
    extras: item.extras.map((e) => ({
      name: e.name.trim(),
      quantity: intOrNull(e.quantity) ?? 0,
      unitPriceCents: inputToCents(e.unitPrice, 0) ?? 0,
    })),
    ...(unitPriceCents !== null && !Number.isNaN(unitPriceCents) && { unitPriceCents }),
    designerId: idOrNull(item.designerId),
    machineId: idOrNull(item.machineId),
    colorProfile: textOrNull(item.colorProfile),
    rip: textOrNull(item.rip),
    printDate: item.printDate,
    notes: textOrNull(item.notes),
    artStatus: item.artStatus,
    artChannel: approved && item.artChannel ? item.artChannel : null,
    sizeGrid: item.sizeGrid.filter((s) => s.quantity > 0),
    names: item.names,
  };
}

const isoOrNull = (value: string): string | null => (value.trim() ? parseDateBR(value) : null);

export function formToCreateInput(v: OrderFormValues): InputOf<'orders.create'> {
  const freightCents = inputToCents(v.freight, 0) ?? 0;
  const entryDate = isoOrNull(v.entryDate);
  const validUntil = v.kind === 'orcamento' ? isoOrNull(v.validUntil) : null;
  return {
    kind: v.kind,
    customerId: v.customerId ?? 0,
    ...(entryDate && { entryDate }),
    deliveryDate: isoOrNull(v.deliveryDate),
    // A quote without a date gets the shop's default validity from the server.
    ...(validUntil && { validUntil }),
    priority: v.priority,
    notes: textOrNull(v.notes),
    sellerId: idOrNull(v.sellerId),
    shippingMethodId: idOrNull(v.shippingMethodId),
    freightCents,
    discountCents: inputToCents(v.discount, 0) ?? 0,
    paymentMethodId: idOrNull(v.paymentMethodId),
    paymentNotes: textOrNull(v.paymentNotes),
    items: v.items.map(itemToInput),
  };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The items as the server would store them (no React keys), to compare two versions of the list. */
const comparableItems = (items: ItemForm[]) => items.map(({ key: _key, ...rest }) => rest);

/**
 * The `orders.update` input: the version read plus only what differs from it (`items` replaces the
 * whole list, so it goes only when some item changed). Null when nothing changed.
 */
export function formToUpdateInput(
  original: OrderFormValues,
  current: OrderFormValues,
  options: { id: number; version: number },
): InputOf<'orders.update'> | null {
  const before = formToCreateInput(original);
  const after = formToCreateInput(current);
  const changes: Record<string, unknown> = {};
  const keys = [
    'customerId',
    'entryDate',
    'deliveryDate',
    'priority',
    'notes',
    'sellerId',
    'shippingMethodId',
    'freightCents',
    'discountCents',
    'paymentMethodId',
    'paymentNotes',
  ] as const;
  for (const key of keys) {
    if (!same(before[key], after[key])) changes[key] = after[key];
  }
  if (current.kind === 'orcamento' && !same(original.validUntil, current.validUntil)) {
    changes.validUntil = isoOrNull(current.validUntil);
  }
  if (!same(comparableItems(original.items), comparableItems(current.items))) changes.items = after.items;
  if (Object.keys(changes).length === 0) return null;
  return { id: options.id, version: options.version, ...changes } as InputOf<'orders.update'>;
}

/**
 * After a 409: the fresh copy with what this user changed (relative to what they loaded) kept as
 * typed. The item list is one unit: if they touched any item, their list stays, minus ids the
 * fresh copy no longer has (those become new items).
 */
export function rebaseOrderForm(
  original: OrderFormValues,
  mine: OrderFormValues,
  fresh: OrderFormValues,
): OrderFormValues {
  const result: OrderFormValues = { ...fresh };
  for (const key of Object.keys(mine) as Array<keyof OrderFormValues>) {
    if (key === 'items') continue;
    if (!same(original[key], mine[key])) Object.assign(result, { [key]: mine[key] });
  }
  if (!same(comparableItems(original.items), comparableItems(mine.items))) {
    const freshIds = new Set(fresh.items.flatMap((i) => (i.id === null ? [] : [i.id])));
    result.items = mine.items.map((i) => (i.id !== null && !freshIds.has(i.id) ? { ...i, id: null } : i));
  }
  return result;
}

/** Every field key the form can show an error under (server `fields` outside it go above the form). */
export function isOrderFieldKey(key: string, itemCount: number): boolean {
  if (
    [
      'customerId',
      'entryDate',
      'deliveryDate',
      'validUntil',
      'priority',
      'sellerId',
      'shippingMethodId',
      'freightCents',
      'discountCents',
      'paymentMethodId',
      'paymentNotes',
      'notes',
      'items',
    ].includes(key)
  ) {
    return true;
  }
  const m = /^items\.(\d+)\.(.+)$/.exec(key);
  return m !== null && Number(m[1]) < itemCount && m[2] !== 'id';
}

/** Server field errors → the form's keys; anything without a place on the form is returned apart. */
export function mapOrderServerFields(
  fields: FieldErrors | undefined,
  itemCount: number,
): { fields: FieldErrors; other: string[] } {
  const mapped: FieldErrors = {};
  const other: string[] = [];
  for (const [key, message] of Object.entries(fields ?? {})) {
    if (isOrderFieldKey(key, itemCount)) mapped[key] ??= message;
    else other.push(message);
  }
  return { fields: mapped, other };
}

/** 3.6 → '3,6 m²'; 0.110889 → '0,111 m²'. */
export function formatArea(m2: number | null): string {
  if (m2 === null) return '';
  return `${new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 3 }).format(m2)} m²`;
}

/**
 * How a measure box was read, shown next to it as it is typed: "= 2,50 m", with the unit it was
 * read in when none was typed ("= 2,50 m (lido em cm)"); '' when blank or not a measure.
 */
export function measureEcho(value: string): string {
  const m = parseMeasure(value);
  if (!m) return '';
  const shown = `= ${formatMeasureMm(m.mm)}`;
  return m.explicit ? shown : `${shown} ${t('orders.item.readAs', { unit: t(`orders.unit.${m.unit}`) })}`;
}

/** "1,20 x 0,80" typed in the width box: on leaving it, width and height are filled (else unchanged). */
export function withSizeTyped(item: ItemForm): ItemForm {
  const size = parseSize(item.widthMm);
  if (!size) return item;
  return { ...item, widthMm: measureToInput(size.widthMm), heightMm: measureToInput(size.heightMm) };
}

/** What deserves a look before saving, without blocking: items and an order that come to R$ 0,00. */
export function orderWarnings(values: OrderFormValues): string[] {
  const warnings: string[] = [];
  for (const [i, item] of values.items.entries()) {
    if (itemPreview(item).totalCents === 0) warnings.push(t('orders.warning.itemZero', { n: i + 1 }));
  }
  const totals = orderPreview(values);
  if (!totals.incomplete && totals.totalCents === 0) warnings.push(t('orders.warning.orderZero'));
  return warnings;
}
