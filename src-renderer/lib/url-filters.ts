import { formatDateBR } from '../../src-shared/domain/dates';

/**
 * Lists opened from a link with their filters in the address (`/pedidos?status=pronto&kind=pedido`,
 * `/financeiro/parcelas?overdue=true`): Início links every number to the list that explains it this
 * way. The query holds the list procedure's own input names and values (ISO dates, comma lists); each
 * page turns them into its filter state (`fromUrl` of `useStoredState`), which then replaces what the
 * list remembered. Unit-tested.
 */

/** The query string as a record, or null when there is none. */
export function queryParams(search: string): Record<string, string> | null {
  const params = new URLSearchParams(search);
  const out: Record<string, string> = {};
  for (const [key, value] of params) out[key] = value;
  return Object.keys(out).length > 0 ? out : null;
}

/** A link to a list with these filters: empty and undefined values are left out. */
export function listHref(path: string, params: Record<string, string | number | boolean | undefined | null>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** An ISO date from the address as the list's dd/mm/aaaa box shows it ('' when it is not one). */
export function urlDateBR(value: string | undefined): string {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDateBR(value) : '';
}
