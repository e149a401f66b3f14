import type { Hooks } from '../hooks';
import { recomputeCustomers } from './score';

/**
 * Scores stay current: every fact about a customer's orders or money recomputes that customer's
 * score inside the writer's transaction (it commits or rolls back with the write). Subscribed
 * last, so orders and finance have moved their rows on a merge before it runs.
 */
export function subscribeHealth(hooks: Hooks): void {
  hooks.on('orderCreated', (ctx, f) => (f.kind === 'pedido' ? recomputeCustomers(ctx, [f.customerId]) : undefined));
  hooks.on('orderUpdated', (ctx, f) => recomputeCustomers(ctx, [f.customerId, f.previousCustomerId]));
  hooks.on('orderCancelled', (ctx, f) => recomputeCustomers(ctx, [f.customerId]));
  hooks.on('orderDeleted', (ctx, f) => recomputeCustomers(ctx, [f.customerId]));
  hooks.on('orderDelivered', (ctx, f) => recomputeCustomers(ctx, [f.customerId]));
  hooks.on('orderPaid', (ctx, f) => recomputeCustomers(ctx, [f.customerId]));
  hooks.on('installmentPaid', (ctx, f) => recomputeCustomers(ctx, [f.customerId]));
  hooks.on('planOpened', (ctx, f) => recomputeCustomers(ctx, [f.customerId]));
  hooks.on('planClosed', (ctx, f) => recomputeCustomers(ctx, [f.customerId]));
  hooks.on('paymentReversed', (ctx, f) => recomputeCustomers(ctx, [f.customerId]));
  hooks.on('customerMerged', (ctx, f) => recomputeCustomers(ctx, [f.intoId, f.fromId]));
}
