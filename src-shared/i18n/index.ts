import { en } from './en';
import { type MessageKey, ptBR } from './pt-BR';

export type { MessageKey };
export type Locale = 'pt-BR' | 'en';

export const LOCALES = ['pt-BR', 'en'] as const satisfies readonly Locale[];
/** The language of anyone who asked for none. */
export const DEFAULT_LOCALE: Locale = 'pt-BR';

/**
 * Values a message template fills in: `{name}` and `{count, plural, …}`. A value may itself be a
 * message (a status name, "the product"), rendered in the same language, or a list of messages,
 * joined as the language does ("1 pedido e 2 pagamentos").
 */
export type Params = Readonly<Record<string, ParamValue>>;
export type ParamValue = string | number | Msg | readonly Msg[];

/**
 * A message not yet in any language: a catalogue key and its parameters. Errors carry one and are
 * rendered at the edge, in the language of whoever asked (see `AppError.in`).
 */
export interface Msg {
  readonly key: MessageKey;
  readonly params?: Params;
}

const catalogs: Record<Locale, Record<MessageKey, string>> = { 'pt-BR': ptBR, en };

let current: Locale = DEFAULT_LOCALE;

export function isLocale(value: unknown): value is Locale {
  return value === 'pt-BR' || value === 'en';
}

/** The renderer's chosen language; on the server, the language of the parse running now (`withLocale`). */
export function setLocale(locale: Locale): void {
  current = locale;
}

export function getLocale(): Locale {
  return current;
}

/**
 * Runs synchronous work (a zod parse) with `locale` as the current language, so schema messages
 * rendered during it (`t` without a locale) come in that language. zod renders an issue's message
 * when the issues are first read: read them inside the work. Nothing can interleave with
 * synchronous code, so this is safe on a server answering many callers.
 */
export function withLocale<T>(locale: Locale, work: () => T): T {
  const before = current;
  current = locale;
  try {
    return work();
  } finally {
    current = before;
  }
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
const listFormats = new Map<Locale, Intl.ListFormat>();

/** One formatter per language, made on first use. */
function cached<F>(cache: Map<Locale, F>, locale: Locale, make: () => F): F {
  const found = cache.get(locale);
  if (found) return found;
  const made = make();
  cache.set(locale, made);
  return made;
}

function paramText(value: ParamValue, locale: Locale): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (!Array.isArray(value)) return render(value as Msg, locale);
  const list = cached(listFormats, locale, () => new Intl.ListFormat(locale, { type: 'conjunction' }));
  return list.format((value as readonly Msg[]).map((m) => render(m, locale)));
}
const numberFormats = new Map<Locale, Intl.NumberFormat>();

function pluralOf(locale: Locale, n: number): string {
  return cached(pluralRules, locale, () => new Intl.PluralRules(locale)).select(n);
}

function numberText(locale: Locale, n: number): string {
  return cached(numberFormats, locale, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })).format(n);
}

/** The index of the `}` closing the `{` at `open` (-1 when unbalanced). */
function closing(template: string, open: number): number {
  let depth = 0;
  for (let i = open; i < template.length; i++) {
    if (template[i] === '{') depth++;
    else if (template[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

const PLURAL_HEAD = /^\s*(\w+)\s*,\s*plural\s*,/;

/** `one {# dia} other {# dias}` → `{one: '# dia', other: '# dias'}` (null when malformed). */
function pluralOptions(body: string): Map<string, string> | null {
  const options = new Map<string, string>();
  let i = 0;
  while (i < body.length) {
    const rest = body.slice(i);
    const selector = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(rest);
    if (!selector?.[1]) return rest.trim() === '' ? options : null;
    const open = i + selector[0].length - 1;
    const close = closing(body, open);
    if (close < 0) return null;
    options.set(selector[1], body.slice(open + 1, close));
    i = close + 1;
  }
  return options;
}

/**
 * Fills a message template. Two forms, nothing else:
 * - `{name}`: the parameter as text (left as `{name}` when missing);
 * - `{name, plural, =0 {…} one {…} other {…}}`: the option for the number `name` — an exact `=N`
 *   first, then its `Intl.PluralRules` category in `locale`, then `other` (which every plural must
 *   have); inside an option `#` is the number written for `locale`, and `{other}` placeholders work.
 */
export function format(template: string, params: Params, locale: Locale): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) break;
    const close = closing(template, open);
    if (close < 0) break;
    out += template.slice(i, open);
    const inner = template.slice(open + 1, close);
    const plural = PLURAL_HEAD.exec(inner);
    if (plural?.[1]) {
      const value = Number(params[plural[1]]);
      const options = pluralOptions(inner.slice(plural[0].length));
      const chosen =
        options && Number.isFinite(value)
          ? (options.get(`=${value}`) ?? options.get(pluralOf(locale, value)) ?? options.get('other'))
          : undefined;
      out +=
        chosen === undefined
          ? template.slice(open, close + 1)
          : format(chosen.replaceAll('#', numberText(locale, value)), params, locale);
    } else {
      const name = inner.trim();
      const value = params[name];
      out += value === undefined ? template.slice(open, close + 1) : paramText(value, locale);
    }
    i = close + 1;
  }
  return out + template.slice(i);
}

/** The parameter names a template uses (plain and plural, inside options too), for the catalogue tests. */
export function placeholders(template: string): string[] {
  const names = new Set<string>();
  const walk = (text: string): void => {
    let i = 0;
    while (i < text.length) {
      const open = text.indexOf('{', i);
      const close = open < 0 ? -1 : closing(text, open);
      if (close < 0) return;
      const inner = text.slice(open + 1, close);
      const plural = PLURAL_HEAD.exec(inner);
      if (plural?.[1]) {
        names.add(plural[1]);
        for (const option of pluralOptions(inner.slice(plural[0].length))?.values() ?? []) walk(option);
      } else if (/^\s*\w+\s*$/.test(inner)) names.add(inner.trim());
      i = close + 1;
    }
  };
  walk(template);
  return [...names].sort();
}

/** Translates a key into `locale` (the current language when left out). */
export function t(key: MessageKey, params: Params = {}, locale: Locale = current): string {
  return format(catalogs[locale][key] ?? ptBR[key], params, locale);
}

/** A message to render later, in the language of whoever receives it. */
export function msg(key: MessageKey, params?: Params): Msg {
  return params ? { key, params } : { key };
}

/** A message in a language. */
export function render(message: Msg, locale: Locale): string {
  return t(message.key, message.params, locale);
}

/** The catalogue of a language (tests walk it). */
export function catalogue(locale: Locale): Readonly<Record<MessageKey, string>> {
  return catalogs[locale];
}

/**
 * The best language we speak from an `Accept-Language` header (`en-US,en;q=0.9,pt;q=0.8`), or null
 * when it names none of ours (then the user's own setting decides). Any `pt-*` is pt-BR, any `en-*`
 * is en; `*` names none.
 */
export function localeFromAcceptLanguage(header: string | readonly string[] | null | undefined): Locale | null {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (typeof value !== 'string' || !value) return null;
  let best: Locale | null = null;
  let bestQ = 0;
  for (const part of value.slice(0, 500).split(',')) {
    const [tag = '', ...rest] = part.trim().split(';');
    const qParam = rest.map((r) => r.trim()).find((r) => r.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const lang = tag.trim().toLowerCase().split('-')[0];
    const locale: Locale | null = lang === 'pt' ? 'pt-BR' : lang === 'en' ? 'en' : null;
    if (locale && q > bestQ) {
      best = locale;
      bestQ = q;
    }
  }
  return best;
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(ptBR, value);
}

/** A message kept for later (a notification's title and body): JSON of its key and parameters. */
export function storedMsg(message: Msg): string {
  return JSON.stringify(message);
}

/** A kept message in `locale`; text kept before messages were (older rows) is shown as it is. */
export function readStored(text: string, locale: Locale): string {
  if (!text.startsWith('{"key":')) return text;
  try {
    const message = JSON.parse(text) as Msg;
    return isMessageKey(message.key) ? render(message, locale) : text;
  } catch {
    return text;
  }
}

/** A status as words (`em_producao` → "em produção" / "in production"); an unknown one as it is. */
export function statusText(kind: 'order' | 'installment' | 'plan', status: string): Msg {
  const key = `status.${kind}.${status}`;
  return isMessageKey(key) ? msg(key) : msg('status.unknown', { status });
}
