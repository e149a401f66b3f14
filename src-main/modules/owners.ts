import type { ModuleName } from '../../src-shared/contract';
import type { Database } from '../db/schema';

type Table = keyof Database;

/**
 * Who writes which table: a table is written only by the module that owns it (its service), and
 * another module that needs a change there calls that service (`orders/money.ts`,
 * `customers/service.ts` → `addInteraction`, `users/service.ts` → `insertUser`) or reacts to a
 * fact (`hooks.ts`). `tests/unit/ownership.test.ts` reads every module's source and fails on a
 * write to a table its module does not own, and on a table nobody (or two modules) owns.
 */
export const OWNS: { readonly [M in ModuleName]: readonly Table[] } = {
  auth: ['sessions', 'login_failures', 'login_locks', 'idempotency_keys', 'devices'],
  users: ['users'],
  customers: ['customers', 'customer_tags', 'customers_fts', 'interactions'],
  registries: ['products', 'materials', 'finishes', 'machines', 'staff', 'shipping_methods', 'payment_methods'],
  settings: ['settings', 'company_logo'],
  orders: ['orders', 'order_items', 'order_stages', 'orders_fts', 'media', 'item_images'],
  notifications: ['notifications'],
  views: ['saved_views'],
  finance: ['payments', 'installment_plans', 'installments'],
  // Backups live in the backups folder, not in the database (a restore must not forget them).
  backups: [],
  art: ['art_files', 'item_arts', 'art_approvals'],
  // Per-day aggregates, written only by the triggers of migration 0016 (never by app code).
  reports: ['report_order_days', 'report_item_days', 'report_payment_days'],
  messages: ['outbox', 'reminder_marks'],
  fichas: ['ficha_templates', 'fichas'],
  health: ['health_scores', 'health_history', 'health_changes'],
  // Início only reads (its numbers come from the other modules' tables through indexes).
  home: [],
};

/**
 * Tables the core's own machinery writes, outside any module: the audit trail and the answers
 * kept for idempotency keys (the dispatcher, `rpc/dispatcher.ts`; auth only prunes old keys),
 * yearly counters for order and receipt numbers (`db/counters.ts`), and one row per run of a
 * scheduled job (`jobs/scheduler.ts`).
 */
export const INFRASTRUCTURE: readonly Table[] = ['audit_log', 'counters', 'job_runs'];
