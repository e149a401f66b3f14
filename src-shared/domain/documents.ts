/** CPF/CNPJ, phone and CEP rules. Values are stored as digits only. */

export const onlyDigits = (value: string): string => value.replace(/\D+/g, '');

function allSameDigit(digits: string): boolean {
  return /^(\d)\1*$/.test(digits);
}

function cpfDigit(d: string, len: number): number {
  let sum = 0;
  for (let i = 0; i < len; i++) sum += Number(d[i]) * (len + 1 - i);
  const rest = (sum * 10) % 11;
  return rest === 10 ? 0 : rest;
}

function cnpjDigit(d: string, len: number): number {
  const weights = len === 12 ? [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2] : [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
  let sum = 0;
  for (let i = 0; i < len; i++) sum += Number(d[i]) * (weights[i] ?? 0);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

export function isValidCpf(value: string): boolean {
  const d = onlyDigits(value);
  if (d.length !== 11 || allSameDigit(d)) return false;
  return cpfDigit(d, 9) === Number(d[9]) && cpfDigit(d, 10) === Number(d[10]);
}

export function isValidCnpj(value: string): boolean {
  const d = onlyDigits(value);
  if (d.length !== 14 || allSameDigit(d)) return false;
  return cnpjDigit(d, 12) === Number(d[12]) && cnpjDigit(d, 13) === Number(d[13]);
}

/** Completes 9 digits into a CPF with its check digits (seeds and fixtures). */
export function completeCpf(base9: string): string {
  const first = base9 + cpfDigit(base9, 9);
  return first + cpfDigit(first, 10);
}

/** Completes 12 digits into a CNPJ with its check digits. */
export function completeCnpj(base12: string): string {
  const first = base12 + cnpjDigit(base12, 12);
  return first + cnpjDigit(first, 13);
}

export type DocumentKind = 'CPF' | 'CNPJ';

export function documentKind(value: string): DocumentKind | null {
  const d = onlyDigits(value);
  if (d.length === 11) return 'CPF';
  if (d.length === 14) return 'CNPJ';
  return null;
}

export function isValidDocument(value: string): boolean {
  const kind = documentKind(value);
  if (kind === 'CPF') return isValidCpf(value);
  if (kind === 'CNPJ') return isValidCnpj(value);
  return false;
}

export function formatCpf(value: string): string {
  const d = onlyDigits(value).slice(0, 11);
  return d
    .replace(/^(\d{3})(\d)/, '$1.$2')
    .replace(/^(\d{3})\.(\d{3})(\d)/, '$1.$2.$3')
    .replace(/\.(\d{3})(\d{1,2})$/, '.$1-$2');
}

export function formatCnpj(value: string): string {
  const d = onlyDigits(value).slice(0, 14);
  return d
    .replace(/^(\d{2})(\d)/, '$1.$2')
    .replace(/^(\d{2})\.(\d{3})(\d)/, '$1.$2.$3')
    .replace(/\.(\d{3})(\d)/, '.$1/$2')
    .replace(/(\d{4})(\d{1,2})$/, '$1-$2');
}

/** Formats as CPF up to 11 digits and as CNPJ beyond: the mask used while typing. */
export function formatDocument(value: string): string {
  const d = onlyDigits(value);
  return d.length <= 11 ? formatCpf(d) : formatCnpj(d);
}

/** Brazilian area codes (DDD) in use. */
const DDDS = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38, 41, 42, 43, 44, 45, 46, 47, 48,
  49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77, 79, 81, 82, 83, 84, 85, 86, 87, 88, 89,
  91, 92, 93, 94, 95, 96, 97, 98, 99,
]);

/** A landline (DDD + 8 digits, starting 2–5) or a mobile (DDD + 9 + 8 digits). */
export function isValidPhone(value: string): boolean {
  const d = onlyDigits(value);
  if (!DDDS.has(Number(d.slice(0, 2)))) return false;
  if (d.length === 11) return d[2] === '9';
  if (d.length === 10) return /[2-5]/.test(d[2] ?? '');
  return false;
}

export function formatPhone(value: string): string {
  const d = onlyDigits(value).slice(0, 11);
  if (d.length <= 2) return d.length ? `(${d}` : '';
  const ddd = d.slice(0, 2);
  const rest = d.slice(2);
  if (rest.length <= 4) return `(${ddd}) ${rest}`;
  if (d.length <= 10) return `(${ddd}) ${rest.slice(0, 4)}-${rest.slice(4)}`;
  return `(${ddd}) ${rest.slice(0, 5)}-${rest.slice(5)}`;
}

export function isValidCep(value: string): boolean {
  const d = onlyDigits(value);
  return d.length === 8 && d !== '00000000';
}

export function formatCep(value: string): string {
  const d = onlyDigits(value).slice(0, 8);
  return d.length > 5 ? `${d.slice(0, 5)}-${d.slice(5)}` : d;
}

export const UFS = [
  'AC',
  'AL',
  'AP',
  'AM',
  'BA',
  'CE',
  'DF',
  'ES',
  'GO',
  'MA',
  'MT',
  'MS',
  'MG',
  'PA',
  'PB',
  'PR',
  'PE',
  'PI',
  'RJ',
  'RN',
  'RS',
  'RO',
  'RR',
  'SC',
  'SP',
  'SE',
  'TO',
] as const;
export type Uf = (typeof UFS)[number];
