import type { Contract } from '../../src-shared/contract';
import type { Implementation } from '../rpc/context';
import type { RowScopeResolvers } from '../rpc/visibility';
import { auditProcedures, authProcedures } from './auth/procedures';
import { customerProcedures } from './customers/procedures';
import { financeProcedures } from './finance/procedures';
import { customerFinanceScope } from './finance/scope';
import { notificationProcedures } from './notifications/procedures';
import { orderProcedures } from './orders/procedures';
import { registryProcedures } from './registries/procedures';
import { settingsProcedures } from './settings/procedures';
import { userProcedures } from './users/procedures';

/** Every procedure's implementation: the compiler fails until the whole contract is here. */
export const handlers = {
  ...authProcedures,
  ...auditProcedures,
  ...userProcedures,
  ...customerProcedures,
  ...registryProcedures,
  ...settingsProcedures,
  ...orderProcedures,
  ...notificationProcedures,
  ...financeProcedures,
} satisfies Implementation<Contract>;

/** Row scopes (`scopedRow` in the contract) and the module that says whose rows are whose. */
export const rowScopes = {
  customerFinance: customerFinanceScope,
} satisfies RowScopeResolvers;
