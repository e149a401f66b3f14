import type { modules } from '../../src-shared/contract';
import type { Implementation } from '../rpc/context';
import type { RowScopeResolvers } from '../rpc/visibility';
import { artProcedures } from './art/procedures';
import { deviceProcedures } from './auth/device-procedures';
import { auditProcedures, authProcedures, logProcedures } from './auth/procedures';
import { backupProcedures } from './backups/procedures';
import { customerProcedures } from './customers/procedures';
import { fichaProcedures } from './fichas/procedures';
import { subscribeFinanceMerges } from './finance/customer-merge';
import { financeProcedures } from './finance/procedures';
import { customerFinanceScope } from './finance/scope';
import { healthProcedures } from './health/procedures';
import { subscribeHealth } from './health/subscribe';
import { homeProcedures } from './home/procedures';
import type { Hooks } from './hooks';
import { subscribeMessages } from './messages/automations';
import { messageProcedures } from './messages/procedures';
import { subscribeNotifications } from './notifications/notify';
import { notificationProcedures } from './notifications/procedures';
import { subscribeOrderMerges } from './orders/customer-merge';
import { orderProcedures } from './orders/procedures';
import { registryProcedures } from './registries/procedures';
import { reportProcedures } from './reports/procedures';
import { settingsProcedures } from './settings/procedures';
import { userProcedures } from './users/procedures';
import { viewProcedures } from './views/procedures';

type Modules = typeof modules;

/**
 * Each module's implementation of its part of the contract: the compiler fails until every
 * module implements every procedure of its own contract file (and only those).
 */
export const moduleHandlers = {
  auth: { ...authProcedures, ...auditProcedures, ...logProcedures, ...deviceProcedures },
  users: userProcedures,
  customers: customerProcedures,
  registries: registryProcedures,
  settings: settingsProcedures,
  orders: orderProcedures,
  notifications: notificationProcedures,
  views: viewProcedures,
  finance: financeProcedures,
  backups: backupProcedures,
  art: artProcedures,
  reports: reportProcedures,
  messages: messageProcedures,
  fichas: fichaProcedures,
  health: healthProcedures,
  home: homeProcedures,
} satisfies { [M in keyof Modules]: Implementation<Modules[M]> };

/** Every procedure's implementation, by name. */
export const handlers = Object.assign({}, ...Object.values(moduleHandlers)) as Record<string, unknown>;

/** Row scopes (`scopedRow` in the contract) and the module that says whose rows are whose. */
export const rowScopes = {
  customerFinance: customerFinanceScope,
} satisfies RowScopeResolvers;

/** What each module does when another states a fact (`hooks.ts`); run once per app, at wiring time. */
export function subscribeModules(hooks: Hooks): void {
  subscribeNotifications(hooks);
  subscribeOrderMerges(hooks);
  subscribeFinanceMerges(hooks);
  subscribeMessages(hooks);
  subscribeHealth(hooks);
}
