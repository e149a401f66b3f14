import { z } from 'zod';
import { isValidBusinessDate } from '../domain/dates';
import { isValidCep, isValidCnpj, isValidCpf, isValidPhone, onlyDigits, UFS } from '../domain/documents';
import { hasControlChars } from '../domain/text';
import { getLocale, type MessageKey, type Params, t } from '../i18n';

const zodPt = z.locales.pt().localeError;
const zodEn = z.locales.en().localeError;
/** zod's own messages (a wrong type, an enum value) follow the language of the parse (`withLocale`). */
z.config({ localeError: (issue) => (getLocale() === 'en' ? zodEn : zodPt)(issue) });

/**
 * A schema message from the catalogue, rendered when the parse fails in the language it runs in:
 * the caller's on the server (the dispatcher parses inside `withLocale`), the UI's in the renderer.
 */
export const say = (key: MessageKey, params?: Params) => ({ error: () => t(key, params) });

/** Turns a query/path string of digits into a number, leaves anything else for the schema to reject. */
const numericString = (v: unknown): unknown => (typeof v === 'string' && /^-?\d{1,15}$/.test(v.trim()) ? Number(v) : v);
const booleanString = (v: unknown): unknown =>
  v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v;
const blankToNull = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? null : v);

export const Id = z.preprocess(numericString, z.number().int().positive().max(Number.MAX_SAFE_INTEGER));
export const Version = z.preprocess(numericString, z.number().int().min(1));
export const QueryInt = (min: number, max: number) => z.preprocess(numericString, z.number().int().min(min).max(max));
export const QueryBool = z.preprocess(booleanString, z.boolean());

/**
 * Every text field of the contract is one of these three, so none takes control characters
 * (NUL, BEL, ANSI escapes `\x1b[…`): `Text` is one line (a name), `Note` is free text where tabs and
 * line breaks are fine, `Line` is a filter or search term that may be empty.
 */
export const Text = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? say('field.required') : say('field.tooShort', { min }))
    .max(max, say('field.tooLong', { max }))
    .refine((v) => !hasControlChars(v), say('error.controlChars'));

export const Note = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? say('field.required') : say('field.tooShort', { min }))
    .max(max, say('field.tooLong', { max }))
    .refine((v) => !hasControlChars(v, true), say('error.controlChars'));

export const Line = (max: number, min = 0) =>
  z
    .string()
    .trim()
    .min(min, say('field.required'))
    .max(max, say('field.tooLong', { max }))
    .refine((v) => !hasControlChars(v), say('error.controlChars'));

/** Optional on input: undefined leaves the value as it is, '' or null clears it. */
export const Clearable = <T extends z.ZodType>(schema: T) => z.preprocess(blankToNull, schema.nullable()).optional();

export const BusinessDate = z.string().trim().refine(isValidBusinessDate, say('field.date'));
export const Instant = z.string();
export const InstantInput = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());

export const DocumentInput = z
  .string()
  .trim()
  .max(20)
  .transform(onlyDigits)
  .superRefine((d, ctx) => {
    if (d.length === 11 && !isValidCpf(d)) ctx.addIssue({ code: 'custom', message: t('field.cpf') });
    else if (d.length === 14 && !isValidCnpj(d)) ctx.addIssue({ code: 'custom', message: t('field.cnpj') });
    else if (d.length !== 11 && d.length !== 14) ctx.addIssue({ code: 'custom', message: t('field.document') });
  });

export const PhoneInput = z.string().trim().max(20).transform(onlyDigits).refine(isValidPhone, say('field.phone'));

export const CepInput = z.string().trim().max(9).transform(onlyDigits).refine(isValidCep, say('field.cep'));

export const Uf = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
  z.enum(UFS, say('field.uf')),
);

export const Email = z
  .string()
  .trim()
  .max(160)
  .pipe(z.email(say('field.email')));

export const Password = z.string().min(8, say('field.password')).max(200);

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/, say('field.username'));

export const PageInput = {
  page: QueryInt(1, 1_000_000).default(1),
  perPage: QueryInt(1, 200).default(50),
};

export const ListOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    perPage: z.number().int(),
  });

/**
 * Keyset paging: a list that has `nextCursor` gives, with each page, the cursor of the page after
 * it (null on the last). Asked with `cursor`, the list continues after that row by the sort key —
 * as fast on the 9,000th page as on the first, and no row is skipped or repeated when rows are
 * added between pages. `page` still works (an OFFSET) for lists asked by number.
 */
export const CursorInput = z.string().min(1).max(400).optional();

/** A list paged by cursor, whose count stops at a cap (`totalCapped`: there are more than `total`). */
export const CursorListOf = <T extends z.ZodType>(item: T) =>
  ListOf(item).extend({ totalCapped: z.boolean(), nextCursor: z.string().nullable() });

export const Ok = z.object({ ok: z.literal(true) });
export const Empty = z.strictObject({});

/** Money in integer cents, never negative here; up to R$ 100 milhões. */
export const Cents = z.number().int().min(0).max(10_000_000_000);
export const Mm = z.number().int().min(1).max(100_000);

/** The standard list input: free text, active filter, pagination. */
export const SearchListInput = {
  ...PageInput,
  search: Line(100).optional(),
  active: z.enum(['true', 'false', 'all']).default('true'),
};
