import type { InputOf, OutputOf } from '../../src-shared/contract';
import { formatDateBR, parseDateBR } from '../../src-shared/domain/dates';
import {
  formatCep,
  formatCnpj,
  formatCpf,
  formatPhone,
  isValidCep,
  isValidCnpj,
  isValidCpf,
  isValidPhone,
  onlyDigits,
  UFS,
  type Uf,
} from '../../src-shared/domain/documents';
import type { FieldErrors } from '../../src-shared/errors';
import { t } from '../i18n';
import { centsToInput, moneyError, parseMoneyInput } from './finance';
import { NO_ADDRESS } from './money-fields';

/**
 * The customer form as plain data: what the inputs hold (masked text), how it is checked with the
 * shared domain rules, and how it becomes the procedure's input. No React here, so it is unit-tested.
 */

export type Customer = OutputOf<'customers.get'>;
export type CustomerKind = Customer['kind'];

export interface AddressForm {
  cep: string;
  street: string;
  number: string;
  complement: string;
  district: string;
  city: string;
  state: string;
}

export interface CustomerFormValues {
  name: string;
  kind: CustomerKind;
  document: string;
  phone: string;
  whatsapp: string;
  email: string;
  /** dd/mm/aaaa */
  birthDate: string;
  address: AddressForm;
  preferences: string;
  privateNotes: string;
  tags: string[];
  /** dd/mm/aaaa */
  joinedAt: string;
  /** Crediário limit as money text ('1.500,00'); blank means no limit. */
  creditLimit: string;
  /** PJ: razão social, nome fantasia, inscrição estadual, the person to talk to. */
  legalName: string;
  tradeName: string;
  stateRegistration: string;
  contactName: string;
  /** LGPD consent per purpose and channel, and the preferred channel ('' = automatic). */
  consent: Consent;
  preferredChannel: '' | 'whatsapp' | 'email';
}

export interface Consent {
  transactionalEmail: boolean;
  transactionalWhatsapp: boolean;
  marketingEmail: boolean;
  marketingWhatsapp: boolean;
}

/** A new customer's consent: transactional messages yes, marketing no (as the database defaults). */
export const DEFAULT_CONSENT: Consent = {
  transactionalEmail: true,
  transactionalWhatsapp: true,
  marketingEmail: false,
  marketingWhatsapp: false,
};

/** The PJ-only fields: blank and not sent while the customer is a person (PF). */
export const PJ_KEYS = ['legalName', 'tradeName', 'stateRegistration', 'contactName'] as const;

export const ADDRESS_KEYS = ['cep', 'street', 'number', 'complement', 'district', 'city', 'state'] as const;

/** Every field key the form shows an error under; the server uses the same keys (`address.cep`). */
export const CUSTOMER_FIELD_KEYS = [
  'name',
  'kind',
  'document',
  'phone',
  'whatsapp',
  'email',
  'birthDate',
  ...ADDRESS_KEYS.map((k) => `address.${k}` as const),
  'preferences',
  'privateNotes',
  'tags',
  'joinedAt',
  'creditLimitCents',
  ...PJ_KEYS,
  'consent',
  'preferredChannel',
] as const;

const LIMITS = {
  name: 160,
  street: 160,
  number: 20,
  complement: 80,
  district: 80,
  city: 80,
  preferences: 2000,
  privateNotes: 4000,
  tag: 40,
  tags: 20,
  legalName: 160,
  tradeName: 160,
  stateRegistration: 20,
  contactName: 120,
} as const;

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emptyCustomerForm(todayIso: string): CustomerFormValues {
  return {
    name: '',
    kind: 'PF',
    document: '',
    phone: '',
    whatsapp: '',
    email: '',
    birthDate: '',
    address: { cep: '', street: '', number: '', complement: '', district: '', city: '', state: '' },
    preferences: '',
    privateNotes: '',
    tags: [],
    joinedAt: formatDateBR(todayIso),
    creditLimit: '',
    legalName: '',
    tradeName: '',
    stateRegistration: '',
    contactName: '',
    consent: { ...DEFAULT_CONSENT },
    preferredChannel: '',
  };
}

export function maskDocument(kind: CustomerKind, value: string): string {
  return kind === 'PF' ? formatCpf(value) : formatCnpj(value);
}

/** What typing (or pasting) into the document field does: a 12+ digit number on PF switches to PJ. */
export function typeDocument(kind: CustomerKind, raw: string): { kind: CustomerKind; document: string } {
  const digits = onlyDigits(raw);
  const nextKind: CustomerKind = kind === 'PF' && digits.length > 11 ? 'PJ' : kind;
  return { kind: nextKind, document: maskDocument(nextKind, digits) };
}

export function customerToForm(c: Customer): CustomerFormValues {
  const a = c.address ?? NO_ADDRESS;
  return {
    name: c.name,
    kind: c.kind,
    document: c.document ? maskDocument(c.kind, c.document) : '',
    phone: c.phone ? formatPhone(c.phone) : '',
    whatsapp: c.whatsapp ? formatPhone(c.whatsapp) : '',
    email: c.email ?? '',
    birthDate: formatDateBR(c.birthDate),
    address: {
      cep: a.cep ? formatCep(a.cep) : '',
      street: a.street ?? '',
      number: a.number ?? '',
      complement: a.complement ?? '',
      district: a.district ?? '',
      city: a.city ?? '',
      state: a.state ?? '',
    },
    preferences: c.preferences ?? '',
    privateNotes: c.privateNotes ?? '',
    tags: [...c.tags],
    joinedAt: formatDateBR(c.joinedAt),
    creditLimit:
      c.creditLimitCents === null || c.creditLimitCents === undefined ? '' : centsToInput(c.creditLimitCents),
    legalName: c.legalName ?? '',
    tradeName: c.tradeName ?? '',
    stateRegistration: c.stateRegistration ?? '',
    contactName: c.contactName ?? '',
    consent: { ...(c.consent ?? DEFAULT_CONSENT) },
    preferredChannel: c.preferredChannel ?? '',
  };
}

/**
 * The document's error, or null. While typing (`final` false) only a complete number with wrong
 * check digits is flagged; on submit an incomplete one is too.
 */
export function documentError(kind: CustomerKind, value: string, final: boolean): string | null {
  const digits = onlyDigits(value);
  if (!digits) return null;
  const need = kind === 'PF' ? 11 : 14;
  if (digits.length < need) {
    if (!final) return null;
    if (digits.length === 11 && kind === 'PJ') return t('field.documentKindPJ');
    return t(kind === 'PF' ? 'customerForm.incompleteCpf' : 'customerForm.incompleteCnpj');
  }
  if (kind === 'PF') return isValidCpf(digits) ? null : t('field.cpf');
  return isValidCnpj(digits) ? null : t('field.cnpj');
}

function checkLength(errors: FieldErrors, key: string, value: string, max: number): void {
  if (value.trim().length > max && !errors[key]) errors[key] = t('field.tooLong', { max });
}

export interface ValidateOptions {
  /** Today's business date, 'YYYY-MM-DD', in the shop's time zone. */
  today: string;
}

/** Client-side check with the same domain rules the server applies; keys match the server's `fields`. */
export function validateCustomerForm(v: CustomerFormValues, options: ValidateOptions): FieldErrors {
  const errors: FieldErrors = {};
  const name = v.name.trim();
  if (!name) errors.name = t('field.required');
  else if (name.length < 2) errors.name = t('field.tooShort', { min: 2 });
  checkLength(errors, 'name', v.name, LIMITS.name);

  const documentProblem = documentError(v.kind, v.document, true);
  if (documentProblem) errors.document = documentProblem;

  for (const key of ['phone', 'whatsapp'] as const) {
    if (onlyDigits(v[key]) && !isValidPhone(v[key])) errors[key] = t('field.phone');
    else if (v[key].trim() && !onlyDigits(v[key])) errors[key] = t('field.phone');
  }

  if (v.email.trim() && !EMAIL_RE.test(v.email.trim())) errors.email = t('field.email');

  if (v.birthDate.trim()) {
    const iso = parseDateBR(v.birthDate);
    if (!iso) errors.birthDate = t('field.date');
    else if (iso > options.today) errors.birthDate = t('field.futureDate');
  }

  if (v.joinedAt.trim() && !parseDateBR(v.joinedAt)) errors.joinedAt = t('field.date');

  const a = v.address;
  if (a.cep.trim() && !isValidCep(a.cep)) errors['address.cep'] = t('field.cep');
  if (a.state && !(UFS as readonly string[]).includes(a.state)) errors['address.state'] = t('field.uf');
  checkLength(errors, 'address.street', a.street, LIMITS.street);
  checkLength(errors, 'address.number', a.number, LIMITS.number);
  checkLength(errors, 'address.complement', a.complement, LIMITS.complement);
  checkLength(errors, 'address.district', a.district, LIMITS.district);
  checkLength(errors, 'address.city', a.city, LIMITS.city);
  checkLength(errors, 'preferences', v.preferences, LIMITS.preferences);
  checkLength(errors, 'privateNotes', v.privateNotes, LIMITS.privateNotes);

  for (const key of PJ_KEYS) checkLength(errors, key, v[key], LIMITS[key]);
  const ie = v.stateRegistration.trim();
  if (v.kind === 'PJ' && ie && !/^(isento|[\d./-]{2,20})$/i.test(ie))
    errors.stateRegistration = t('field.stateRegistration');

  const limitProblem = moneyError(v.creditLimit);
  if (limitProblem) errors.creditLimitCents = limitProblem;

  if (v.tags.length > LIMITS.tags) errors.tags = t('field.tooLong', { max: LIMITS.tags });
  const longTag = v.tags.find((tag) => tag.length > LIMITS.tag);
  if (longTag) errors.tags = t('field.tooLong', { max: LIMITS.tag });
  return errors;
}

/** Splits typed tags: 'camisa, Caneca ,, camisa' → ['camisa', 'Caneca'] (trimmed, no blanks, no repeats). */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

export function addTags(current: string[], text: string): string[] {
  const next = [...current];
  for (const tag of parseTags(text)) {
    if (!next.some((t) => t.toLocaleLowerCase('pt-BR') === tag.toLocaleLowerCase('pt-BR'))) next.push(tag);
  }
  return next;
}

interface Normalized {
  name: string;
  kind: CustomerKind;
  document: string | null;
  phone: string | null;
  whatsapp: string | null;
  email: string | null;
  birthDate: string | null;
  address: {
    cep: string | null;
    street: string | null;
    number: string | null;
    complement: string | null;
    district: string | null;
    city: string | null;
    state: Uf | null;
  };
  preferences: string | null;
  privateNotes: string | null;
  tags: string[];
  joinedAt: string | null;
  creditLimitCents: number | null;
  legalName: string | null;
  tradeName: string | null;
  stateRegistration: string | null;
  contactName: string | null;
  consent: Consent;
  preferredChannel: 'whatsapp' | 'email' | null;
}

const text = (s: string): string | null => s.trim() || null;
const digits = (s: string): string | null => onlyDigits(s) || null;

/** The form as the API stores it: digits only, ISO dates, blanks as null. */
function normalize(v: CustomerFormValues): Normalized {
  return {
    name: v.name.trim(),
    kind: v.kind,
    document: digits(v.document),
    phone: digits(v.phone),
    whatsapp: digits(v.whatsapp),
    email: text(v.email),
    birthDate: v.birthDate.trim() ? (parseDateBR(v.birthDate) ?? v.birthDate.trim()) : null,
    address: {
      cep: digits(v.address.cep),
      street: text(v.address.street),
      number: text(v.address.number),
      complement: text(v.address.complement),
      district: text(v.address.district),
      city: text(v.address.city),
      state: (UFS as readonly string[]).includes(v.address.state) ? (v.address.state as Uf) : null,
    },
    preferences: text(v.preferences),
    privateNotes: text(v.privateNotes),
    tags: v.tags.map((tag) => tag.trim()).filter(Boolean),
    joinedAt: v.joinedAt.trim() ? (parseDateBR(v.joinedAt) ?? v.joinedAt.trim()) : null,
    creditLimitCents: parseMoneyInput(v.creditLimit),
    // A person (PF) has no company fields: switching to PF clears them.
    legalName: v.kind === 'PJ' ? text(v.legalName) : null,
    tradeName: v.kind === 'PJ' ? text(v.tradeName) : null,
    stateRegistration: v.kind === 'PJ' ? text(v.stateRegistration) : null,
    contactName: v.kind === 'PJ' ? text(v.contactName) : null,
    consent: { ...(v.consent ?? DEFAULT_CONSENT) },
    preferredChannel: v.preferredChannel || null,
  };
}

function withoutNulls<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}

export interface InputOptions {
  /** Whether this user may see and write private notes (`customers.privateNotes`). */
  canPrivateNotes: boolean;
  /** Whether this user may set the credit limit (`credit.manage`); others never send it. */
  canCreditLimit?: boolean;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The `customers.create` input: only what was filled in. */
export function formToCreateInput(v: CustomerFormValues, options: InputOptions): InputOf<'customers.create'> {
  const n = normalize(v);
  const address = withoutNulls(n.address);
  const { address: _a, privateNotes, creditLimitCents, consent, ...rest } = n;
  return {
    ...withoutNulls(rest),
    // Sent only when it differs from what a new customer gets anyway.
    ...(!same(consent, DEFAULT_CONSENT) && { consent }),
    name: n.name,
    kind: n.kind,
    tags: n.tags,
    ...(Object.keys(address).length > 0 && { address }),
    ...(options.canPrivateNotes && privateNotes !== null && { privateNotes }),
    ...(options.canCreditLimit && creditLimitCents !== null && { creditLimitCents }),
  } as InputOf<'customers.create'>;
}

/**
 * The `customers.update` input: the version that was read plus only the fields that differ from
 * it (blank means clear). Null when nothing changed.
 */
export function formToUpdateInput(
  original: CustomerFormValues,
  current: CustomerFormValues,
  options: InputOptions & { id: number; version: number },
): InputOf<'customers.update'> | null {
  const before = normalize(original);
  const after = normalize(current);
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after) as Array<keyof Normalized>) {
    if (key === 'address' || same(before[key], after[key])) continue;
    if (key === 'privateNotes' && !options.canPrivateNotes) continue;
    if (key === 'creditLimitCents' && !options.canCreditLimit) continue;
    if (key === 'joinedAt' && after.joinedAt === null) continue; // cannot be cleared: keep the stored date
    changes[key] = after[key];
  }
  const address: Record<string, unknown> = {};
  for (const key of ADDRESS_KEYS) {
    if (!same(before.address[key], after.address[key])) address[key] = after.address[key];
  }
  if (Object.keys(address).length > 0) changes.address = address;
  if (Object.keys(changes).length === 0) return null;
  return { id: options.id, version: options.version, ...changes } as InputOf<'customers.update'>;
}

/**
 * After a 409: the fresh copy from the server, with the fields this user had changed (relative to
 * what they originally loaded) kept as they typed them. Returns the new baseline and the values to show.
 */
export function rebaseForm(
  original: CustomerFormValues,
  mine: CustomerFormValues,
  fresh: CustomerFormValues,
): CustomerFormValues {
  const result: CustomerFormValues = { ...fresh, address: { ...fresh.address }, tags: [...fresh.tags] };
  for (const key of Object.keys(mine) as Array<keyof CustomerFormValues>) {
    if (key === 'address') continue;
    if (!same(original[key], mine[key])) Object.assign(result, { [key]: mine[key] });
  }
  for (const key of ADDRESS_KEYS) {
    if (original.address[key] !== mine.address[key]) result.address[key] = mine.address[key];
  }
  return result;
}

/**
 * Server field errors → the form's keys. `tags.3` goes under `tags`; anything the form has no
 * place for is returned separately to be shown above the form.
 */
export function mapServerFields(
  fields: FieldErrors | undefined,
  known: readonly string[] = CUSTOMER_FIELD_KEYS,
): { fields: FieldErrors; other: string[] } {
  const mapped: FieldErrors = {};
  const other: string[] = [];
  for (const [key, message] of Object.entries(fields ?? {})) {
    const parts = key.split('.');
    let target: string | undefined;
    for (let n = parts.length; n > 0 && !target; n--) {
      const candidate = parts.slice(0, n).join('.');
      if (known.includes(candidate)) target = candidate;
    }
    if (target) mapped[target] ??= message;
    else other.push(message);
  }
  return { fields: mapped, other };
}
