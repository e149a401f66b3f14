import type { InputOf, OutputOf } from '../../src-shared/contract';
import type { INSTALLMENT_STATUSES } from '../../src-shared/contract/finance';
import { addDays } from '../../src-shared/domain/credit';
import { formatDateBR, parseDateBR } from '../../src-shared/domain/dates';
import { type Cents, parseMoneyBR } from '../../src-shared/domain/money';
import type { AppError, FieldErrors } from '../../src-shared/errors';
import { t } from '../i18n';

/**
 * Payments and crediário as plain data: money and percent inputs typed the Brazilian way, the
 * crediário terms form and its procedure inputs, document links. No React here, so it is unit-tested.
 */

export type Payment = OutputOf<'payments.get'>;
export type Plan = OutputOf<'plans.get'>;
export type Installment = Plan['installments'][number];
export type InstallmentStatus = (typeof INSTALLMENT_STATUSES)[number];
export type PaymentMethod = OutputOf<'paymentMethods.list'>['items'][number];

/** Largest amount the contract accepts (R$ 100 milhões). */
export const MAX_CENTS = 10_000_000_000;

const decimal = new Intl.NumberFormat('pt-BR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 123456 → '1.234,56' (what a money box shows; no currency sign, so it can be edited). */
export function centsToInput(cents: Cents): string {
  return decimal.format(cents / 100);
}

/** What was typed in a money box → cents; null when blank, not money, or negative. */
export function parseMoneyInput(value: string): Cents | null {
  if (!value.trim()) return null;
  const cents = parseMoneyBR(value.trim());
  return cents === null || cents < 0 || cents > MAX_CENTS ? null : cents;
}

/** Re-formats a valid money box on blur ('1234,5' → '1.234,50'); anything else stays as typed. */
export function normalizeMoneyInput(value: string): string {
  const cents = parseMoneyInput(value);
  return cents === null ? value : centsToInput(cents);
}

export interface MoneyRule {
  required?: boolean;
  /** Smallest accepted, in cents (default 0). */
  min?: Cents;
  max?: Cents;
  /** Message for going over `max` (default: the amount is larger than allowed). */
  maxMessage?: string;
}

/** The error of a money box, or null. */
export function moneyError(value: string, rule: MoneyRule = {}): string | null {
  if (!value.trim()) return rule.required ? t('field.required') : null;
  const cents = parseMoneyInput(value);
  if (cents === null) return t('field.money');
  if (rule.min !== undefined && cents < rule.min) return t('finance.error.minAmount', { min: formatMoney(rule.min) });
  if (rule.max !== undefined && cents > rule.max)
    return rule.maxMessage ?? t('finance.error.maxAmount', { max: formatMoney(rule.max) });
  return null;
}

const brl = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });

/** 123456 → 'R$ 1.234,56' (with the normal space, so tests and copies match what people type). */
export function formatMoney(cents: Cents): string {
  return brl.format(cents / 100).replace(/\u00a0/g, ' ');
}

/** Cash: the change for what was handed over; null until the handed amount covers the payment. */
export function changeFor(amountCents: Cents | null, tenderedCents: Cents | null): Cents | null {
  if (amountCents === null || tenderedCents === null) return null;
  return tenderedCents >= amountCents ? tenderedCents - amountCents : null;
}

/** '2,5' or '2.5' → 2.5; blank → null; not a number → NaN. */
export function parsePercent(value: string): number | null {
  const text = value.trim().replace('%', '').trim();
  if (!text) return null;
  if (!/^\d{1,3}([.,]\d{1,4})?$/.test(text)) return Number.NaN;
  return Number(text.replace(',', '.'));
}

/** 2.5 → '2,5'; 2 → '2'. */
export function formatPercent(value: number): string {
  return new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 4 }).format(value);
}

/** A whole number typed in a box; null when blank, NaN when not a whole number. */
export function parseWhole(value: string): number | null {
  const text = value.trim();
  if (!text) return null;
  return /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
}

// ---------- Crediário terms ----------

export type Schedule = 'monthly' | 'days';

export interface PlanTermsForm {
  /** Entrada (down payment), money text. */
  downPayment: string;
  /** Payment method of the down payment (id as text; '' when none). */
  downPaymentMethodId: string;
  count: string;
  /** dd/mm/aaaa */
  firstDueDate: string;
  schedule: Schedule;
  intervalDays: string;
  /** Monthly rate %, text; '0' means sem juros. */
  rate: string;
}

export function emptyPlanTerms(todayIso: string): PlanTermsForm {
  return {
    downPayment: '',
    downPaymentMethodId: '',
    count: '3',
    firstDueDate: formatDateBR(addDays(todayIso, 30)),
    schedule: 'monthly',
    intervalDays: '30',
    rate: '0',
  };
}

export interface PlanTerms {
  downPaymentCents: Cents;
  downPaymentMethodId?: number;
  count: number;
  firstDueDate: string;
  intervalDays: number | null;
  monthlyRatePercent: number;
}

export interface TermsOptions {
  today: string;
  /** What is being financed before the down payment (order balance or sale total); null when not known yet. */
  baseCents: Cents | null;
  /** Whether this form has a down payment at all (renegotiation does not). */
  withDownPayment: boolean;
}

/**
 * Checks the crediário terms with the contract's limits; the terms are returned only when there
 * is no error. `preview` overlooks a missing down payment method (it does not change the
 * installments), so the simulation shows while the form is being filled. Keys match the server's `fields`.
 */
export function validatePlanTerms(
  form: PlanTermsForm,
  options: TermsOptions,
): { errors: FieldErrors; terms: PlanTerms | null; preview: PlanTerms | null } {
  const errors: FieldErrors = {};
  let down = 0;
  if (options.withDownPayment) {
    const problem = moneyError(form.downPayment, {
      ...(options.baseCents !== null && {
        max: Math.max(0, options.baseCents - 1),
        maxMessage: t('credit.error.downPaymentTooLarge'),
      }),
    });
    if (problem) errors.downPaymentCents = problem;
    else down = parseMoneyInput(form.downPayment) ?? 0;
    if (down > 0 && !form.downPaymentMethodId) errors.downPaymentMethodId = t('credit.error.downPaymentMethod');
  }
  const count = parseWhole(form.count);
  if (count === null) errors.count = t('field.required');
  else if (!Number.isInteger(count) || count < 1 || count > 48) errors.count = t('credit.error.count');
  const first = parseDateBR(form.firstDueDate);
  if (!form.firstDueDate.trim()) errors.firstDueDate = t('field.required');
  else if (!first) errors.firstDueDate = t('field.date');
  else if (first < options.today) errors.firstDueDate = t('credit.error.pastDueDate');
  let interval: number | null = null;
  if (form.schedule === 'days') {
    const days = parseWhole(form.intervalDays);
    if (days === null) errors.intervalDays = t('field.required');
    else if (!Number.isInteger(days) || days < 1 || days > 365) errors.intervalDays = t('credit.error.interval');
    else interval = days;
  }
  const rate = parsePercent(form.rate);
  if (rate !== null && (Number.isNaN(rate) || rate < 0 || rate > 20))
    errors.monthlyRatePercent = t('credit.error.rate');
  const blocking = Object.keys(errors).filter((key) => key !== 'downPaymentMethodId');
  if (blocking.length > 0 || count === null || !first) return { errors, terms: null, preview: null };
  const methodId = Number(form.downPaymentMethodId);
  const terms: PlanTerms = {
    downPaymentCents: down,
    ...(down > 0 && Number.isSafeInteger(methodId) && methodId > 0 && { downPaymentMethodId: methodId }),
    count,
    firstDueDate: first,
    intervalDays: interval,
    monthlyRatePercent: rate ?? 0,
  };
  return { errors, terms: Object.keys(errors).length > 0 ? null : terms, preview: terms };
}

/** The simulation input for terms over a base amount; null when there is nothing to finance. */
export function simulateInput(terms: PlanTerms, baseCents: Cents): InputOf<'plans.simulate'> | null {
  const financed = baseCents - terms.downPaymentCents;
  if (financed < 1 || financed > MAX_CENTS) return null;
  return {
    financedCents: financed,
    count: terms.count,
    firstDueDate: terms.firstDueDate,
    intervalDays: terms.intervalDays,
    monthlyRatePercent: terms.monthlyRatePercent,
  };
}

/** The fields the crediário procedures share, from valid terms. */
export function planTermsInput(terms: PlanTerms, override: boolean) {
  return {
    downPaymentCents: terms.downPaymentCents,
    ...(terms.downPaymentMethodId !== undefined && { downPaymentMethodId: terms.downPaymentMethodId }),
    count: terms.count,
    firstDueDate: terms.firstDueDate,
    intervalDays: terms.intervalDays,
    monthlyRatePercent: terms.monthlyRatePercent,
    override,
  };
}

/** A plan refused for overdue installments or the credit limit (a gerente/admin may override). */
export function isCreditBlocked(error: AppError | null | undefined): boolean {
  return error?.code === 'BUSINESS_RULE' && error.text.key === 'plans.blocked';
}

// ---------- Display ----------

/** CSS class of an installment status badge: late ones stand out. */
export function installmentBadgeClass(status: InstallmentStatus): string {
  switch (status) {
    case 'paga':
      return 'badge badge-ok';
    case 'atrasada':
      return 'badge badge-danger';
    case 'parcial':
      return 'badge badge-warn';
    default:
      return 'badge';
  }
}

/** Whether an installment still takes payments (and so shows receive, Pix and WhatsApp). */
export function isOpen(i: Pick<Installment, 'status' | 'balanceCents'>): boolean {
  return (i.status === 'pendente' || i.status === 'parcial' || i.status === 'atrasada') && i.balanceCents > 0;
}

/** The reference a payment pays: the installment code, the order number or nothing. */
export function paymentReference(p: Pick<Payment, 'installmentCode' | 'orderNumber'>): string {
  return p.installmentCode ?? p.orderNumber ?? '';
}

/** Payment methods that take money at the counter (crediário is opened as a plan, not received). */
export function receivableMethods(methods: readonly PaymentMethod[]): PaymentMethod[] {
  return methods.filter((m) => m.active && m.kind !== 'crediario');
}

// ---------- Documents (PDF and CSV over HTTP) ----------

/**
 * A document route with its filters (`/api/payments/export.csv?from=…`). It is opened through a
 * short-lived signed link from `files.link`: no session token ever goes in a URL.
 */
export function documentTarget(
  path: string,
  params: Record<string, string | number | boolean | null | undefined> = {},
): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    query.append(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export const docPaths = {
  receipt: (paymentId: number) => `/api/payments/${paymentId}/receipt.pdf`,
  promissory: (installmentId: number) => `/api/installments/${installmentId}/promissoria.pdf`,
  carne: (planId: number) => `/api/installment-plans/${planId}/carne.pdf`,
  /** Every promissória of the plan in one PDF (plans.promissorias). */
  promissories: (planId: number) => `/api/installment-plans/${planId}/promissorias.pdf`,
  paymentsCsv: '/api/payments/export.csv',
  delinquencyCsv: '/api/reports/delinquency.csv',
} as const;

// ---------- Routes ----------

export const planHref = (id: number) => `/financeiro/crediarios/${id}`;
/** The order page (built by the orders screens). */
export const orderHref = (id: number) => `/pedidos/${id}`;
export const customerHref = (id: number) => `/clientes/${id}`;
/** Standalone sale on crediário for a customer. */
export const saleHref = (customerId: number) => `/financeiro/venda/${customerId}`;
