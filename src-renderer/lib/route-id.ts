/** A record id from a route parameter (`/pedidos/:id`); anything but digits is NaN, which the page shows as "not found". */
export function idOf(raw: string | undefined): number {
  return raw && /^\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN;
}
