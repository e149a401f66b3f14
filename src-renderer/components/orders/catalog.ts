import { useMemo } from 'react';
import type { OutputOf } from '../../../src-shared/contract';
import { useCall } from '../../api/hooks';

/**
 * The small registries an order refers to (materials, finishes, machines, staff, shipping and
 * payment methods), each read once (up to 200, active or not, so old orders still show names)
 * and cached for every screen. Products and customers are searched instead (see Picker).
 */

const ALL = { page: 1, perPage: 200, active: 'all' } as const;

export type Material = OutputOf<'materials.list'>['items'][number];
export type Finish = OutputOf<'finishes.list'>['items'][number];
export type Machine = OutputOf<'machines.list'>['items'][number];
export type Staff = OutputOf<'staff.list'>['items'][number];
export type ShippingMethod = OutputOf<'shippingMethods.list'>['items'][number];
export type PaymentMethod = OutputOf<'paymentMethods.list'>['items'][number];

export interface Catalog {
  materials: Material[];
  finishes: Finish[];
  machines: Machine[];
  staff: Staff[];
  shippingMethods: ShippingMethod[];
  paymentMethods: PaymentMethod[];
  loading: boolean;
}

export function useCatalog(): Catalog {
  const materials = useCall('materials.list', ALL);
  const finishes = useCall('finishes.list', ALL);
  const machines = useCall('machines.list', ALL);
  const staff = useCall('staff.list', ALL);
  const shipping = useCall('shippingMethods.list', ALL);
  const payment = useCall('paymentMethods.list', ALL);
  const loading = [materials, finishes, machines, staff, shipping, payment].some((q) => q.isPending);
  return useMemo(
    () => ({
      materials: materials.data?.items ?? [],
      finishes: finishes.data?.items ?? [],
      machines: machines.data?.items ?? [],
      staff: staff.data?.items ?? [],
      shippingMethods: shipping.data?.items ?? [],
      paymentMethods: payment.data?.items ?? [],
      loading,
    }),
    [materials.data, finishes.data, machines.data, staff.data, shipping.data, payment.data, loading],
  );
}

/** What a select offers: the active rows, plus the chosen one even if it was deactivated since. */
export function choices<T extends { id: number; active: boolean }>(
  rows: readonly T[],
  selected: string | number | null,
) {
  const id = selected === null || selected === '' ? null : Number(selected);
  return rows.filter((r) => r.active || r.id === id);
}

/** A name by id, for showing references ('' when unknown). */
export function nameOf(rows: ReadonlyArray<{ id: number; name: string }>, id: number | null | undefined): string {
  if (!id) return '';
  return rows.find((r) => r.id === id)?.name ?? `#${id}`;
}
