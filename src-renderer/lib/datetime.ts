import { maskDateBR, parseDateBR } from '../../src-shared/domain/dates';

/** Mask for typing a moment: digits become `dd/mm/aaaa hh:mm`. */
export function maskDateTimeBR(value: string): string {
  const digits = value.replace(/\D+/g, '').slice(0, 12);
  const date = maskDateBR(digits.slice(0, 8));
  if (digits.length <= 8) return date;
  const time = digits.slice(8);
  return `${date} ${time.length > 2 ? `${time.slice(0, 2)}:${time.slice(2)}` : time}`;
}

/**
 * `dd/mm/aaaa hh:mm` (or just the date, meaning noon) in the browser's time zone — the shop's, on
 * the shop's PCs and phones — as a Date; null when it is not a real moment.
 */
export function parseDateTimeBR(value: string): Date | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})(?:\s+(\d{2}):(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  if (!parseDateBR(`${m[1]}/${m[2]}/${m[3]}`)) return null;
  const hours = Number(m[4] ?? '12');
  const minutes = Number(m[5] ?? '0');
  if (hours > 23 || minutes > 59) return null;
  return new Date(Number(m[3]), Number(m[2]) - 1, Number(m[1]), hours, minutes);
}
