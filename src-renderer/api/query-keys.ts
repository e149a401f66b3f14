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
  settings: ['auth'],
};

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
