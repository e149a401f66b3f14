import { parseDateBR } from '../../src-shared/domain/dates';
import { formatCep, formatCnpj, formatCpf, formatPhone, onlyDigits } from '../../src-shared/domain/documents';
import { formatCents } from '../../src-shared/domain/money';
import { t } from '../i18n';

/** Display helpers (pure, no DOM). Numbers and documents always use the Brazilian conventions. */

const integer = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 0 });

/** Money, or '—' when this user may not see it (a field left out by the server, e.g. another seller's order). */
export function formatCentsOrDash(cents: number | null | undefined): string {
  return cents === undefined || cents === null ? '—' : formatCents(cents);
}

/** 1234 → '1.234'. */
export function formatInt(value: number): string {
  return integer.format(value);
}

/** The "1–50 de 1.234" line of a paginated list. */
/** "1–50 de 312"; a capped count (the server stopped counting) reads "… de 10.000+" and does not bound the range. */
export function rangeLabel(page: number, perPage: number, total: number, capped = false): string {
  if (total <= 0) return t('list.none');
  if (capped) {
    const from = (page - 1) * perPage + 1;
    return t('list.range', { from: formatInt(from), to: formatInt(from + perPage - 1), total: `${formatInt(total)}+` });
  }
  const from = Math.min((page - 1) * perPage + 1, total);
  const to = Math.min(page * perPage, total);
  return t('list.range', { from: formatInt(from), to: formatInt(to), total: formatInt(total) });
}

export function pageCount(perPage: number, total: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, perPage)));
}

/** 270 → '4 min 30 s'; 45 → '45 s'; 120 → '2 min'. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.ceil(totalSeconds));
  const m = Math.floor(s / 60);
  const rest = s % 60;
  if (m === 0) return t('duration.sec', { s: rest });
  if (rest === 0) return t('duration.min', { m });
  return t('duration.minSec', { m, s: rest });
}

/** Stored digits → '123.456.789-09' or '12.345.678/0001-95'; anything else as it is. */
export function displayDocument(value: string | null | undefined): string {
  if (!value) return '';
  const digits = onlyDigits(value);
  if (digits.length === 11) return formatCpf(digits);
  if (digits.length === 14) return formatCnpj(digits);
  return value;
}

export function documentLabel(value: string | null | undefined): string {
  const digits = onlyDigits(value ?? '');
  if (digits.length === 11) return t('customer.cpf');
  if (digits.length === 14) return t('customer.cnpj');
  return t('customer.document');
}

export function displayPhone(value: string | null | undefined): string {
  return value ? formatPhone(value) : '';
}

/** A wa.me link for a Brazilian number (country code 55 added). */
export function whatsappUrl(phone: string): string {
  const digits = onlyDigits(phone);
  return `https://wa.me/${digits.startsWith('55') && digits.length > 11 ? digits : `55${digits}`}`;
}

export interface AddressLike {
  cep: string | null;
  street: string | null;
  number: string | null;
  complement: string | null;
  district: string | null;
  city: string | null;
  state: string | null;
}

/** An address as the lines of an envelope; empty parts are left out; none when the user may not see it. */
export function addressLines(address: AddressLike | undefined): string[] {
  const lines: string[] = [];
  if (!address) return lines;
  const first = [address.street, address.number].filter(Boolean).join(', ');
  const withComplement = [first, address.complement].filter(Boolean).join(' — ');
  if (withComplement) lines.push(withComplement);
  if (address.district) lines.push(address.district);
  const place = [address.city, address.state].filter(Boolean).join(' / ');
  if (place) lines.push(place);
  if (address.cep) lines.push(`CEP ${formatCep(address.cep)}`);
  return lines;
}

/** 'São Paulo / SP', 'SP' or ''. */
export function cityUf(address: Pick<AddressLike, 'city' | 'state'> | undefined): string {
  if (!address) return '';
  return [address.city, address.state].filter(Boolean).join(' / ');
}

/** A complete dd/mm/aaaa that is not a real date is an error; an incomplete one is simply not applied yet. */
export function dateFilter(value: string): { iso: string | null; error: string | null } {
  if (!value) return { iso: null, error: null };
  const iso = parseDateBR(value);
  if (iso) return { iso, error: null };
  return { iso: null, error: value.length === 10 ? t('field.date') : null };
}
