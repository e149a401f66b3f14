import type { ProcedureName } from '../../src-shared/contract';

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

/** Extra domains an entity's change touches beyond its own (a changed user may be the one logged in). */
const ALSO: Readonly<Record<string, readonly string[]>> = {
  user: ['auth'],
  settings: ['auth', 'production'],
  // Orders and production: an order shows on the list, the board and its customer's history.
  order: ['orders', 'production', 'customers'],
  // Registries whose plural is not entity + s (product → products etc. need nothing here).
  finish: ['finishes'],
  staff: ['staff'],
  // Payments and crediário: money received or financed changes the order, the customer's
  // statement, the installments, receivables and reports.
  payment: ['payments', 'installments', 'plans', 'receivables', 'reports', 'orders', 'customers'],
  plan: ['payments', 'installments', 'plans', 'receivables', 'reports', 'orders', 'customers'],
};

/** Event types addressed to one user: their `id` is that user's id (a notification for them). */
const PER_USER = ['notification.'];

/** Whether an event is for this user to act on (per-user events for someone else are not). */
export function eventConcernsUser(event: { type: string; id: number }, userId: number | null): boolean {
  if (!PER_USER.some((prefix) => event.type.startsWith(prefix))) return true;
  return userId !== null && event.id === userId;
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
