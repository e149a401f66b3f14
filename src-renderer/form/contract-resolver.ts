import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldError, FieldValues, Resolver, ResolverResult } from 'react-hook-form';
import { z } from 'zod';
import type { FieldErrors } from '../../src-shared/errors';
import { type MessageKey, ptBR } from '../../src-shared/i18n/pt-BR';
import { t } from '../i18n';

/**
 * The form layer's validation: a react-hook-form resolver that checks what the user typed with the
 * page's own rules first (masks, dd/mm/aaaa dates, money text — messages in the UI's language),
 * then turns the values into the procedure's input and checks it with the contract's own zod
 * schema (`@hookform/resolvers/zod`), so the form refuses exactly what the server would.
 * No React here; unit-tested.
 */
export interface ContractResolverOptions<V> {
  /** The procedure's input schema (`contract['customers.create'].input`). */
  schema: z.ZodType;
  /** The values as the procedure's input (for an edit, the create shape: every field). */
  toInput: (values: V) => unknown;
  /** The page's own checks on the typed text, keyed like the form (`address.cep`). */
  validate?: (values: V) => FieldErrors;
  /** A contract path (`creditLimitCents`, `tags.3`) → the form's key; null drops it. Default: as is. */
  fieldOf?: (path: string) => string | null;
}

const PARAM = /\\\{(\w+)\\\}/g;
let patterns: Array<{ key: MessageKey; re: RegExp; names: string[] }> | null = null;

/**
 * The contract's messages are the shared catalogue's pt-BR texts (the server answers in pt-BR);
 * this finds which message a text is, with its parameters, and says it in the UI's language.
 * A text that is no catalogue message is kept as it is.
 */
export function localizeContractMessage(message: string): string {
  patterns ??= (Object.entries(ptBR) as Array<[MessageKey, string]>).map(([key, template]) => {
    const names: string[] = [];
    const escaped = template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const source = escaped.replace(PARAM, (_, name: string) => {
      names.push(name);
      return '(.+?)';
    });
    return { key, re: new RegExp(`^${source}$`), names };
  });
  for (const { key, re, names } of patterns) {
    const match = re.exec(message);
    if (!match) continue;
    const params = Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? '']));
    return t(key, params);
  }
  return message;
}

/** Flat `{ 'address.cep': message }` → react-hook-form's nested errors. */
export function nestErrors(flat: FieldErrors): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, message] of Object.entries(flat)) {
    const parts = path.split('.');
    let node = out;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) {
        node[part] = { type: 'validate', message } satisfies FieldError;
        return;
      }
      const next = node[part];
      node[part] = typeof next === 'object' && next !== null && !('message' in next) ? next : {};
      node = node[part] as Record<string, unknown>;
    });
  }
  return out;
}

/** React-hook-form's nested errors → flat `{ 'address.cep': message }` (first message per field). */
export function flattenErrors(errors: object, prefix = ''): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, value] of Object.entries(errors)) {
    if (typeof value !== 'object' || value === null || key === 'ref') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof (value as { message?: unknown }).message === 'string') out[path] = (value as FieldError).message ?? '';
    else Object.assign(out, flattenErrors(value, path));
  }
  return out;
}

export function contractResolver<V extends FieldValues>(options: ContractResolverOptions<V>): Resolver<V> {
  const fieldOf = options.fieldOf ?? ((path: string) => path);
  // The values go through the page's `toInput` into the contract's own schema; `raw` hands the
  // form's values (not the parsed input) to the submit handler.
  const piped = z
    .custom<V>()
    .transform((values) => options.toInput(values))
    .pipe(options.schema);
  const check = zodResolver(piped as unknown as z.ZodType<V, V>, undefined, { raw: true }) as unknown as Resolver<V>;

  return async (values, context, resolverOptions): Promise<ResolverResult<V>> => {
    const local = options.validate?.(values) ?? {};
    if (Object.keys(local).length > 0) return { values: {}, errors: nestErrors(local) } as ResolverResult<V>;
    const result = await check(values, context, resolverOptions);
    const found = flattenErrors(result.errors);
    if (Object.keys(found).length === 0) return { values, errors: {} };
    const mapped: FieldErrors = {};
    for (const [path, message] of Object.entries(found)) {
      let key: string | null = null;
      // `tags.3` → `tags`, `address.cep` stays: the longest prefix the form knows.
      const parts = path.split('.');
      for (let n = parts.length; n > 0 && key === null; n--) key = fieldOf(parts.slice(0, n).join('.'));
      if (key !== null) mapped[key] ??= localizeContractMessage(message);
    }
    // Something the form has no field for: keep it under the root so the submit still stops.
    if (Object.keys(mapped).length === 0) mapped.root = localizeContractMessage(Object.values(found)[0] ?? '');
    return { values: {}, errors: nestErrors(mapped) } as ResolverResult<V>;
  };
}
