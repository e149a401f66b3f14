import type { z } from 'zod';
import type { Access, Permission } from '../permissions';
import { contract } from './index';
import type { ChangeEvent, Procedure } from './procedure';
import { ROW_SCOPES, type RowScope } from './visibility';

/**
 * Who may hear about a change event: whoever may read what it is about. Derived from the contract,
 * so a new procedure with `emits` is covered without a line here:
 *
 * 1. the procedure that emits the event returns its entity (e.g. `payments.create` → `Payment`);
 *    the read procedure (GET) that returns the same schema, alone or as `items` of a list, names
 *    the read permission (`payments.get` → `payments.read`);
 * 2. an event whose emitter returns something else (`customers.delete`) takes the permission of
 *    the other events of its entity (`customer.created` → `customers.read`);
 * 3. failing both, the emitting procedure's own permission.
 *
 * Notifications (`notification.*`) are for one user each (see `eventIsFor`) and need no more.
 * An event type the contract does not know reaches nobody.
 */
const procedures = Object.values(contract) as unknown as Procedure[];

function itemsOf(schema: z.ZodType): z.ZodType | null {
  const def = schema._zod.def as unknown as { type: string; shape?: Record<string, z.ZodType> };
  const items = def.type === 'object' ? def.shape?.items : undefined;
  if (!items) return null;
  const itemsDef = items._zod.def as unknown as { type: string; element?: z.ZodType };
  return itemsDef.type === 'array' ? (itemsDef.element ?? null) : null;
}

function readPermissionOf(output: z.ZodType): Access | null {
  const reader = procedures.find(
    (p) => p.method === 'GET' && !p.write && (p.output === output || itemsOf(p.output) === output),
  );
  return reader?.permission ?? null;
}

const entityOf = (type: string) => type.slice(0, type.lastIndexOf('.'));

function derive(): Map<string, Access> {
  const byType = new Map<string, Access>();
  const emitters = procedures.filter((p): p is Procedure & { emits: string } => typeof p.emits === 'string');
  for (const p of emitters) {
    const permission = readPermissionOf(p.output);
    if (permission && !byType.has(p.emits)) byType.set(p.emits, permission);
  }
  const byEntity = new Map<string, Access>();
  for (const [type, permission] of byType) if (!byEntity.has(entityOf(type))) byEntity.set(entityOf(type), permission);
  for (const p of emitters) {
    if (byType.has(p.emits)) continue;
    byType.set(p.emits, byEntity.get(entityOf(p.emits)) ?? p.permission);
  }
  return byType;
}

let table: Map<string, Access> | null = null;

/** Event types addressed to one user: their `id` is that user's id (a notification for them). */
export const isPerUserEvent = (type: string): boolean => type.startsWith('notification.');

/** Whether an event is for this user as far as per-user events go: any other event is for everyone it may reach. */
export function namesUser(event: { type: string; id: number }, userId: number | null): boolean {
  return !isPerUserEvent(event.type) || (userId !== null && event.id === userId);
}

/**
 * Events no procedure emits, published by the core itself: a backup's progress (its `version` is
 * the percent done, null when it ended) and changes to the list, and `system.reload` — the data was
 * replaced by a restore, every client reloads.
 */
export const SYSTEM_EVENTS: Readonly<Record<string, Access>> = {
  'backup.progress': 'backups.read',
  'backup.updated': 'backups.read',
  'system.reload': 'authenticated',
};

/** The permission needed to receive events of this type; null when nobody should (unknown type). */
export function eventPermission(type: string): Access | null {
  if (isPerUserEvent(type)) return 'authenticated';
  if (Object.hasOwn(SYSTEM_EVENTS, type)) return SYSTEM_EVENTS[type] ?? null;
  table ??= derive();
  return table.get(type) ?? null;
}

/**
 * The row scope an event is about, or null: an event read under one of a scope's `reads`
 * permissions (`payment.*` → `payments.read`, `plan.*` → `credit.read`) is about a record of that
 * scope, so a user without the scope's bypass (`finance.shop`) hears it only about their own.
 */
export function eventScope(type: string): RowScope | null {
  const permission = eventPermission(type);
  for (const [scope, def] of Object.entries(ROW_SCOPES) as Array<[RowScope, (typeof ROW_SCOPES)[RowScope]]>)
    if ((def.reads as readonly Permission[]).some((p) => p === permission)) return scope;
  return null;
}

/** The event as it leaves the core: what clients need, never whom it is for. */
export function clientEvent(event: ChangeEvent): ChangeEvent {
  return { type: event.type, id: event.id, version: event.version, by: event.by };
}
