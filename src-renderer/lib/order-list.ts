import type { InputOf } from '../../src-shared/contract';
import { ORDER_SORTS, ORDER_STATUSES } from '../../src-shared/contract/orders';
import { parseDateBR } from '../../src-shared/domain/dates';
import { PAYMENT_STATES, type PaymentState } from '../../src-shared/domain/payment-state';
import { urlDateBR } from './url-filters';

/**
 * The order list's filters as plain data: what the controls hold, how they become the
 * `orders.list` input, and how a saved view (any JSON) is read back safely. Unit-tested.
 */

/** Where the order list keeps its filters (sessionStorage), so other screens can open it filtered. */
export const ORDER_FILTERS_KEY = 'balcao.orders.filters';

export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type OrderSort = (typeof ORDER_SORTS)[number];
export type DateMode = 'entrada' | 'entrega' | 'qualquer' | 'validade';
export type KindFilter = 'todos' | 'pedido' | 'orcamento';
export type PriorityFilter = '' | 'NORMAL' | 'ALTA';
/** '' = either; 'true' / 'false' = only those / only the others. */
export type TriState = '' | 'true' | 'false';

export interface OrderFilters {
  text: string;
  /** dd/mm/aaaa */
  from: string;
  to: string;
  dateMode: DateMode;
  statuses: OrderStatus[];
  kind: KindFilter;
  customerId: number | null;
  customerName: string;
  sellerId: number | null;
  designerId: number | null;
  productionType: string;
  priority: PriorityFilter;
  overdue: TriState;
  expired: TriState;
  reprint: TriState;
  /** Only the user's own customers' orders (offered to sellers, whose Início counts only those). */
  own: boolean;
  /** '' = any; only offered to who sees money. */
  paymentState: PaymentState | '';
  sort: OrderSort;
}

export const EMPTY_FILTERS: OrderFilters = {
  text: '',
  from: '',
  to: '',
  dateMode: 'entrada',
  statuses: [],
  kind: 'todos',
  customerId: null,
  customerName: '',
  sellerId: null,
  designerId: null,
  productionType: '',
  priority: '',
  overdue: '',
  expired: '',
  reprint: '',
  own: false,
  paymentState: '',
  sort: '-entryDate',
};

export type OrderListInput = Omit<InputOf<'orders.list'>, 'page' | 'perPage'>;

const tri = (value: TriState): boolean | undefined => (value === '' ? undefined : value === 'true');

/** The filters as the `orders.list` input (without page); blank and incomplete ones are left out. */
export function filtersToInput(f: OrderFilters, text: string = f.text): OrderListInput {
  const from = f.from ? parseDateBR(f.from) : null;
  const to = f.to ? parseDateBR(f.to) : null;
  const overdue = tri(f.overdue);
  const expired = tri(f.expired);
  const reprint = tri(f.reprint);
  const trimmed = text.trim();
  return {
    sort: f.sort,
    kind: f.kind,
    ...((from || to) && { dateMode: f.dateMode }),
    ...(from && { from }),
    ...(to && { to }),
    ...(f.statuses.length > 0 && { status: [...f.statuses] }),
    ...(f.customerId && { customerId: f.customerId }),
    ...(f.sellerId && { sellerId: f.sellerId }),
    ...(f.designerId && { designerId: f.designerId }),
    ...(f.productionType && { productionType: f.productionType }),
    ...(f.priority && { priority: f.priority }),
    ...(overdue !== undefined && { overdue }),
    ...(expired !== undefined && { expired }),
    ...(reprint !== undefined && { reprint }),
    ...(f.own && { own: true }),
    ...(f.paymentState && { paymentState: [f.paymentState] }),
    ...(trimmed && { text: trimmed.slice(0, 100) }),
  };
}

/** How many filters narrow the list (the sort does not count). */
export function activeFilterCount(f: OrderFilters): number {
  let n = 0;
  if (f.text.trim()) n++;
  if (f.from || f.to) n++;
  if (f.statuses.length) n++;
  if (f.kind !== 'todos') n++;
  if (f.customerId) n++;
  if (f.sellerId) n++;
  if (f.designerId) n++;
  if (f.productionType) n++;
  if (f.priority) n++;
  if (f.overdue) n++;
  if (f.expired) n++;
  if (f.reprint) n++;
  if (f.own) n++;
  if (f.paymentState) n++;
  return n;
}

const str = (v: unknown, max = 100): string => (typeof v === 'string' ? v.slice(0, max) : '');
const oneOf = <T extends string>(v: unknown, options: readonly T[], fallback: T): T =>
  typeof v === 'string' && (options as readonly string[]).includes(v) ? (v as T) : fallback;
const positiveId = (v: unknown): number | null =>
  typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : null;
const triState = (v: unknown): TriState =>
  v === true || v === 'true' ? 'true' : v === false || v === 'false' ? 'false' : '';
const maskedDate = (v: unknown): string => {
  const s = str(v, 10);
  return /^\d{2}\/\d{2}\/\d{4}$/.test(s) ? s : '';
};

/** Filters from storage or from a saved view: anything unknown or malformed falls back to "no filter". */
export function parseFilters(stored: unknown): OrderFilters {
  if (typeof stored !== 'object' || stored === null) return { ...EMPTY_FILTERS };
  const s = stored as Record<string, unknown>;
  const statuses = Array.isArray(s.statuses)
    ? [...new Set(s.statuses.filter((x): x is OrderStatus => (ORDER_STATUSES as readonly unknown[]).includes(x)))]
    : [];
  const customerId = positiveId(s.customerId);
  return {
    text: str(s.text),
    from: maskedDate(s.from),
    to: maskedDate(s.to),
    dateMode: oneOf(s.dateMode, ['entrada', 'entrega', 'qualquer', 'validade'] as const, 'entrada'),
    statuses,
    kind: oneOf(s.kind, ['todos', 'pedido', 'orcamento'] as const, 'todos'),
    customerId,
    customerName: customerId ? str(s.customerName, 160) : '',
    sellerId: positiveId(s.sellerId),
    designerId: positiveId(s.designerId),
    productionType: str(s.productionType, 40),
    priority: oneOf(s.priority, ['', 'NORMAL', 'ALTA'] as const, ''),
    overdue: triState(s.overdue),
    expired: triState(s.expired),
    reprint: triState(s.reprint),
    own: s.own === true || s.own === 'true',
    paymentState: oneOf(s.paymentState, ['', ...PAYMENT_STATES] as const, ''),
    sort: oneOf(s.sort, ORDER_SORTS, '-entryDate'),
  };
}

/** A dd/mm/aaaa filter box: complete but not a real date is an error; incomplete is just not applied yet. */
export function dateFilterError(value: string): boolean {
  return value.length === 10 && parseDateBR(value) === null;
}

/** The pages (1-based) holding rows `start`…`end` (0-based, inclusive) at `perPage` rows a page. */
export function pagesForRange(start: number, end: number, perPage: number): number[] {
  if (end < start || end < 0) return [1];
  const first = Math.floor(Math.max(0, start) / perPage) + 1;
  const last = Math.floor(end / perPage) + 1;
  const pages: number[] = [];
  for (let p = first; p <= last; p++) pages.push(p);
  return pages;
}

/**
 * The filters a link puts in the address (`/pedidos?kind=pedido&status=pendente,pronto&dateMode=entrega&from=2026-11-25`),
 * with the names and values of `orders.list`'s input (ISO dates, comma lists): exactly those filters,
 * nothing remembered from before. Anything malformed is left out, as in `parseFilters`.
 */
export function filtersFromQuery(params: Record<string, string>): OrderFilters {
  const id = (v: string | undefined) => (v && /^\d{1,15}$/.test(v) ? Number(v) : undefined);
  return parseFilters({
    ...EMPTY_FILTERS,
    text: params.text ?? '',
    from: urlDateBR(params.from),
    to: urlDateBR(params.to),
    dateMode: params.dateMode,
    statuses: params.status ? params.status.split(',') : [],
    kind: params.kind,
    sellerId: id(params.sellerId),
    designerId: id(params.designerId),
    productionType: params.productionType ?? '',
    priority: params.priority ?? '',
    overdue: params.overdue,
    expired: params.expired,
    reprint: params.reprint,
    own: params.own,
    paymentState: params.paymentState ?? '',
    sort: params.sort,
  });
}
