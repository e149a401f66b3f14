import { formatMoney } from '../../lib/finance';
import { formatInt } from '../../lib/format';

/** Pure formatting of the reports' numbers (unit-tested). */
const m2Format = new Intl.NumberFormat('pt-BR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const formatM2 = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : `${m2Format.format(v)} m²`;
export const money = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : formatMoney(v));
export const int = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : formatInt(v));

/** Growth of `cur` over `base` ("+12,5%", "−3,0%"), "—" without a base. */
export function growth(cur: number | undefined, base: number | undefined): string {
  if (cur === undefined || base === undefined || base === 0) return '—';
  const p = (100 * (cur - base)) / Math.abs(base);
  const text = new Intl.NumberFormat('pt-BR', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    Math.abs(p),
  );
  return `${p > 0 ? '+' : p < 0 ? '−' : ''}${text}%`;
}
