import { z } from 'zod';
import { contract, type Procedure, pathParams } from '../../src-shared/contract';
import { type Access, PERMISSIONS, type Role } from '../../src-shared/permissions';

/** The API page's data, read from the shared contract (the same list the server's routes and OpenAPI come from). */

export interface ApiField {
  name: string;
  type: string;
  required: boolean;
  where: 'path' | 'query' | 'body';
}

export interface ApiEntry {
  name: string;
  domain: string;
  method: Procedure['method'];
  path: string;
  summary: string;
  permission: Access;
  /** Roles allowed, or null for public/authenticated. */
  roles: readonly Role[] | null;
  fields: ApiField[];
}

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

/** A short human label of a JSON Schema: `string`, `"PF" | "PJ"`, `integer[]`, `string | null`. */
export function schemaLabel(schema: JsonSchema | undefined, depth = 0): string {
  if (!schema || depth > 4) return 'any';
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) {
    return schema.enum.length > 8
      ? `${schema.enum
          .slice(0, 6)
          .map((v) => JSON.stringify(v))
          .join(' | ')} | …`
      : schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  }
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return [...new Set(variants.map((v) => schemaLabel(v, depth + 1)))].join(' | ');
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length === 0) return schema.properties ? 'object' : 'any';
  return types
    .map((type) => {
      if (type === 'array') return `${schemaLabel(schema.items, depth + 1)}[]`;
      if (type === 'object' && schema.properties) return `{ ${Object.keys(schema.properties).join(', ')} }`;
      if (schema.format && type === 'string') return `string (${schema.format})`;
      return type;
    })
    .join(' | ');
}

export function inputFields(proc: Procedure): ApiField[] {
  let schema: JsonSchema;
  try {
    schema = z.toJSONSchema(proc.input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return [];
  }
  const inPath = new Set(pathParams(proc.path));
  const required = new Set(schema.required ?? []);
  const query = proc.method === 'GET' || proc.method === 'DELETE';
  return Object.entries(schema.properties ?? {}).map(([name, field]) => ({
    name,
    type: schemaLabel(field),
    required: inPath.has(name) || required.has(name),
    where: inPath.has(name) ? 'path' : query ? 'query' : 'body',
  }));
}

export function describeProcedure(name: string, proc: Procedure): ApiEntry {
  const permission = proc.permission;
  return {
    name,
    domain: name.split('.')[0] ?? name,
    method: proc.method,
    path: proc.path,
    summary: proc.summary,
    permission,
    roles: permission === 'public' || permission === 'authenticated' ? null : PERMISSIONS[permission],
    fields: inputFields(proc),
  };
}

export function apiEntries(): ApiEntry[] {
  return Object.entries(contract).map(([name, proc]) => describeProcedure(name, proc as unknown as Procedure));
}

/** Free-text filter over name, route and summary, accents and case ignored. */
export function filterEntries(entries: ApiEntry[], text: string): ApiEntry[] {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase();
  const needle = fold(text.trim());
  if (!needle) return entries;
  return entries.filter((e) => fold(`${e.name} ${e.method} ${e.path} ${e.summary} ${e.permission}`).includes(needle));
}
