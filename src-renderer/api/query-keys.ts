import type { ProcedureName } from '../../src-shared/contract';
import { namesUser } from '../../src-shared/contract/events';

/**
 * Query keys are `[domain, procedureName, input]`, the domain being the procedure's first segment
 * (`customers.list` → `customers`). A change event names an entity (`customer.updated`), and every
 * query of that entity's domain is refetched — the list, the page, the tags, the interactions.
 */

export type QueryKey = readonly [string, ProcedureName, unknown];

export function domainOf(name: string): string {
  return name.split('.')[0] ?? name;
}

export function queryKeyOf(name: ProcedureName, input: unknown): QueryKey {
  return [domainOf(name), name, input ?? {}];
}

/**
 * Every query domain a payment or a crediário changes: money received or financed changes the
 * order, the customer, the installments, receivables, reports and finance's own views (an order's
 * payments, a customer's statement). The realtime map below and the finance dialogs' immediate
 * refresh (`components/finance/invalidate.ts`) both use this list.
 */
export const FINANCE_DOMAINS = [
  'payments',
  'installments',
  'plans',
  'receivables',
  'reports',
  'finance',
  'orders',
  'customers',
  // Início adds up payments, installments and crediários.
  'home',
] as const;

/** Extra domains an entity's change touches beyond its own (a changed user may be the one logged in). */
const ALSO: Readonly<Record<string, readonly string[]>> = {
  user: ['auth'],
  // Production settings (stages) shape the board, which is an orders query, and Início's "por etapa".
  settings: ['auth', 'orders', 'home'],
  // An order shows on the list, the board, its customer's page, finance's views of it, the reports,
  // customer health and Início.
  order: ['orders', 'customers', 'finance', 'art', 'reports', 'health', 'home'],
  // Registries whose plural is not entity + s (product → products etc. need nothing here).
  finish: ['finishes'],
  payment: [...FINANCE_DOMAINS, 'health'],
  plan: [...FINANCE_DOMAINS, 'health'],
};

/** Whether an event is for this user to act on (per-user events for someone else are not). */
export function eventConcernsUser(event: { type: string; id: number }, userId: number | null): boolean {
  return namesUser(event, userId);
}

/** The query domains to refetch for an event type: `customer.interaction.created` → customer, customers. */
export function domainsForEvent(type: string): string[] {
  const entity = type.split('.')[0] ?? type;
  const plural = entity.endsWith('s') ? entity : `${entity}s`;
  return [...new Set([entity, plural, ...(ALSO[entity] ?? [])])];
}

/** Whether a query (by its key) shows data that an event changed. */
export function queryMatchesEvent(queryKey: readonly unknown[], eventType: string): boolean {
  const domain = queryKey[0];
  return typeof domain === 'string' && domainsForEvent(eventType).includes(domain);
}
