/** Roles and the permission matrix. Every procedure names one permission (or is public/authenticated). */

export const ROLES = ['admin', 'gerente', 'vendedor', 'producao', 'financeiro'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrador',
  gerente: 'Gerente',
  vendedor: 'Vendedor',
  producao: 'Produção',
  financeiro: 'Financeiro',
};

const ALL: readonly Role[] = ROLES;

export const PERMISSIONS = {
  'customers.read': ALL,
  'customers.write': ['admin', 'gerente', 'vendedor', 'financeiro'],
  'customers.interact': ['admin', 'gerente', 'vendedor', 'financeiro'],
  'customers.privateNotes': ['admin', 'gerente', 'vendedor'],
  'customers.hardDelete': ['admin'],
  /** Find probable duplicate customers and merge two of them into one. */
  'customers.merge': ['admin', 'gerente'],
  /** Import customers, products and open installments from CSV files. */
  'data.import': ['admin', 'gerente'],
  'users.manage': ['admin'],
  'registries.read': ALL,
  'registries.write': ['admin', 'gerente'],
  'settings.write': ['admin', 'gerente'],
  'orders.read': ALL,
  'orders.write': ['admin', 'gerente', 'vendedor'],
  'orders.delete': ['admin'],
  /** Marking production stages; which stage needs which of the two below is checked per stage. */
  'orders.stages': ['admin', 'gerente', 'producao', 'financeiro'],
  'orders.approve': ['admin', 'gerente', 'financeiro'],
  'orders.advance': ['admin', 'gerente', 'producao'],
  'payments.read': ['admin', 'gerente', 'financeiro', 'vendedor'],
  'payments.receive': ['admin', 'gerente', 'financeiro', 'vendedor'],
  'payments.reverse': ['admin', 'gerente', 'financeiro'],
  'credit.read': ['admin', 'gerente', 'financeiro', 'vendedor'],
  'credit.write': ['admin', 'gerente', 'financeiro', 'vendedor'],
  'credit.manage': ['admin', 'gerente', 'financeiro'],
  /** Open a plan for a customer with overdue installments or over the credit limit. */
  'credit.override': ['admin', 'gerente'],
  /** Waive late charges (with a reason). */
  'credit.waive': ['admin', 'gerente'],
  'audit.read': ['admin', 'gerente'],
  /** Prices, totals, what was paid and what is owed, credit limits: every money field of an answer. */
  'money.read': ['admin', 'gerente', 'vendedor', 'financeiro'],
  /** A customer's CPF/CNPJ, birth date and full address. */
  'customers.documents': ['admin', 'gerente', 'vendedor', 'financeiro'],
  /**
   * The shop's books: every customer's payments, receivables, delinquency, plans and statements.
   * Who reads finances without it sees only their own customers' (see `financeScope` in the core).
   */
  'finance.shop': ['admin', 'gerente', 'financeiro'],
  /** The core's recent errors (log files) and the outcome of scheduled jobs. */
  'system.logs': ['admin'],
  /** See backups, make one now, download one. */
  'backups.read': ['admin', 'gerente'],
  'backups.create': ['admin', 'gerente'],
  /** Restore, delete, upload, validate and the backup settings. */
  'backups.manage': ['admin'],
  /** The database's health and its maintenance. */
  'database.care': ['admin'],
  /** desk: approve and revoke devices on the shop network. */
  'devices.manage': ['admin'],
  // art (issue 11): everyone sees and downloads an item's art (production prints it); sellers,
  // managers and production (the designer) send it; those who talk to the customer approve it.
  'art.read': ALL,
  'art.write': ['admin', 'gerente', 'vendedor', 'producao'],
  'art.approve': ['admin', 'gerente', 'vendedor'],
  // reports (Relatórios)
  /** Weekly metrics, closing, trends, reprints, machines (money fields need `money.read`). */
  'reports.read': ALL,
  /** The whole shop's numbers; without it (vendedor) a report counts only the user's own sales. */
  'reports.shop': ['admin', 'gerente', 'financeiro', 'producao'],
  // automations (issue 12)
  /** Channels, SMTP, templates, reminder cadence, weekly-report recipients; the outbox: resend and cancel. */
  'messages.manage': ['admin', 'gerente'],
  /** The WhatsApp "A enviar" list: open the message, mark it sent. */
  'messages.send': ['admin', 'gerente', 'financeiro', 'vendedor'],
  /** Fichas de produção: create them, fill in their custom fields (production does), change their template. */
  'fichas.write': ['admin', 'gerente', 'vendedor', 'producao'],
  // customer health (issue 10)
  /** Customer health: scores, pillars, em risco, KPIs (money facts need `money.read`). */
  'health.read': ALL,
  /** Every customer's health; without it (vendedor) only their own customers' (`modules/health/procedures.ts` → `scopeOf`). */
  'health.shop': ['admin', 'gerente', 'financeiro', 'producao'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** `public`: no session needed. `authenticated`: any logged-in user. */
export type Access = Permission | 'public' | 'authenticated';

export function can(role: Role, permission: Access): boolean {
  if (permission === 'public' || permission === 'authenticated') return true;
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
