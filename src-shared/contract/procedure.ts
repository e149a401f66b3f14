import type { z } from 'zod';
import type { Access } from '../permissions';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type HttpRoute = `${HttpMethod} /api/${string}`;

/** What a committed write tells every connected client. */
export interface ChangeEvent {
  type: string;
  id: number;
  version: number | null;
  by: number | null;
  /**
   * Core only, never sent: for an event about a scoped record (`eventScope`), the users whose own
   * record it is. Transports send `clientEvent(event)`, without it.
   */
  owners?: readonly number[];
}

export interface ProcedureDef<I extends z.ZodType, O extends z.ZodType> {
  /** Route on the LAN server; path params (`:id`) are merged into the input. */
  http: HttpRoute;
  permission: Access;
  input: I;
  output: O;
  /** One line for the API page, in pt-BR. */
  summary: string;
  /** HTTP status on success (default 200). */
  status?: 200 | 201;
  /** Event type published after commit; `id` and `version` come from the output unless `emitId` says otherwise. */
  emits?: string;
  /** The id(s) the event is about, when not `output.id` (one event per id). */
  emitId?: (output: z.output<O>) => number | number[];
  /** Largest request body the LAN server accepts for this route (default 1 MB). */
  bodyLimit?: number;
  /** Runs in a write transaction. Defaults to true for anything but GET. */
  write?: boolean;
}

export interface Procedure<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType>
  extends ProcedureDef<I, O> {
  method: HttpMethod;
  path: string;
  write: boolean;
}

export function procedure<I extends z.ZodType, O extends z.ZodType>(def: ProcedureDef<I, O>): Procedure<I, O> {
  const [method, path] = def.http.split(' ') as [HttpMethod, string];
  return { ...def, method, path, write: def.write ?? method !== 'GET' };
}

/** Names of the `:params` in a route path. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z_]\w*)/g)].map((m) => m[1] as string);
}
