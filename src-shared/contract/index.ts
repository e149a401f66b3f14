import type { z } from 'zod';
import { art } from './art';
import { audit, auth, devices, systemLogs } from './auth';
import { backups } from './backups';
import { customers } from './customers';
import { fichas } from './fichas';
import { finance } from './finance';
import { health } from './health';
import { home } from './home';
import { messages } from './messages';
import { notifications } from './notifications';
import { orders } from './orders';
import type { Procedure } from './procedure';
import { registries } from './registries';
import { reports } from './reports';
import { settings } from './settings';
import { users } from './users';
import { views } from './views';

/**
 * The contract by module. A module is one file here (`contract/<module>.ts`) and one folder in the
 * core (`src-main/modules/<module>/`), which implements exactly these procedures.
 */
export const modules = {
  auth: { ...auth, ...audit, ...systemLogs, ...devices },
  users,
  customers,
  registries,
  settings,
  orders,
  notifications,
  views,
  finance,
  backups,
  art,
  reports,
  messages,
  fichas,
  health,
  home,
};

export type ModuleName = keyof typeof modules;

/**
 * Where a name lives: the first segment of a procedure's name (`payments.create` → `payments`) is
 * one of its module's namespaces, and no two modules share one; a module's own name is always
 * its own namespace. The renderer's query keys start with the same segment. Checked by
 * `tests/unit/names.test.ts`.
 */
export const NAMESPACES: { readonly [M in ModuleName]: readonly string[] } = {
  auth: ['auth', 'setup', 'system', 'files', 'audit', 'devices'],
  users: ['users'],
  customers: ['customers'],
  registries: [
    'registries',
    'products',
    'materials',
    'finishes',
    'machines',
    'staff',
    'shippingMethods',
    'paymentMethods',
  ],
  settings: ['settings'],
  orders: ['orders'],
  notifications: ['notifications'],
  views: ['views'],
  finance: ['finance', 'payments', 'plans', 'installments', 'receivables'],
  backups: ['backups', 'database'],
  art: ['art'],
  reports: ['reports'],
  messages: ['messages', 'templates', 'outbox', 'jobs'],
  fichas: ['fichas', 'fichaTemplates'],
  health: ['health'],
  home: ['home'],
};

/** Every procedure of the app, by name. The dispatcher, the LAN routes, OpenAPI and the renderer's client all read this. */
export const contract = {
  ...modules.auth,
  ...modules.users,
  ...modules.customers,
  ...modules.registries,
  ...modules.settings,
  ...modules.orders,
  ...modules.notifications,
  ...modules.views,
  ...modules.finance,
  ...modules.backups,
  ...modules.art,
  ...modules.reports,
  ...modules.messages,
  ...modules.fichas,
  ...modules.health,
  ...modules.home,
};

export type Contract = typeof contract;
export type ProcedureName = keyof Contract;
export type InputOf<N extends ProcedureName> = z.input<Contract[N]['input']>;
export type ParsedInputOf<N extends ProcedureName> = z.output<Contract[N]['input']>;
export type OutputOf<N extends ProcedureName> = z.output<Contract[N]['output']>;

export function getProcedure(name: string): Procedure | undefined {
  return Object.hasOwn(contract, name) ? (contract[name as ProcedureName] as unknown as Procedure) : undefined;
}

export * from './procedure';
