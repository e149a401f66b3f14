import type { Generated, Selectable } from 'kysely';

/** The typed database. These row types never leave src-main: modules map them to contract shapes. */
export interface Database {
  settings: { key: string; value: string; updated_at: string };
  users: UsersTable;
  sessions: SessionsTable;
  customers: CustomersTable;
  customer_tags: { customer_id: number; tag: string };
  customers_fts: { rowid: number; name: string; document: string; phone: string; email: string; city: string };
  interactions: InteractionsTable;
  audit_log: AuditTable;
  idempotency_keys: {
    user_id: number;
    key: string;
    procedure: string;
    response: string;
    created_at: string;
    input_hash: Generated<string>;
  };
  products: RegistryColumns & {
    kind: string;
    production_type: string;
    unit: string;
    price_cents: number;
    cost_cents: number;
  };
  materials: RegistryColumns & { supplier: string | null; unit: string; cost_cents: number };
  finishes: RegistryColumns & { price_cents: number; price_unit: string };
  machines: RegistryColumns & { type: string; status: string };
  staff: RegistryColumns & { roles: string; user_id: number | null };
  shipping_methods: RegistryColumns & { freight_cents: number };
  payment_methods: RegistryColumns & { kind: string };
  counters: { name: string; value: number };
  orders: OrdersTable;
  order_items: OrderItemsTable;
  order_stages: OrderStagesTable;
  media: { id: string; mime: string; size_bytes: number; width: number; height: number; created_at: string };
  item_images: {
    id: Generated<number>;
    order_id: number;
    item_id: number;
    media_id: string;
    created_by: number | null;
    created_at: string;
  };
  notifications: {
    id: Generated<number>;
    user_id: number;
    type: string;
    title: string;
    body: string;
    order_id: number | null;
    created_at: string;
    read_at: string | null;
  };
  saved_views: { id: Generated<number>; user_id: number; name: string; filters: string; created_at: string };
  orders_fts: { rowid: number; number: string; customer: string; items: string };
  installment_plans: PlansTable;
  installments: InstallmentsTable;
  payments: PaymentsTable;
  login_failures: { id: Generated<number>; username: string; ip: string; at: string };
  login_locks: { subject: string; until: string; strikes: number; updated_at: string };
  job_runs: JobRunsTable;
  // customer health (0018)
  health_scores: HealthScoresTable;
  health_history: HealthHistoryTable;
  health_changes: HealthChangesTable;
  /** The company's logo (0020): one row at most, as uploaded and as the PNG the PDFs print. */
  company_logo: {
    id: number;
    mime: string;
    original: Buffer;
    png: Buffer;
    width: number;
    height: number;
    updated_at: string;
  };
  devices: DevicesTable;
  // art (issue 11, migration 0022)
  art_files: { id: string; format: string; size_bytes: number; created_at: string };
  item_arts: {
    id: Generated<number>;
    order_id: number;
    item_id: number;
    file_id: string | null;
    link_url: string | null;
    name: string;
    created_by: number | null;
    created_at: string;
  };
  art_approvals: {
    id: Generated<number>;
    order_id: number;
    item_id: number;
    art_id: number | null;
    decision: string;
    channel: string;
    note: string | null;
    decided_by: number | null;
    decided_at: string;
  };
  report_order_days: ReportOrderDaysTable;
  report_item_days: ReportItemDaysTable;
  report_payment_days: ReportPaymentDaysTable;
  outbox: OutboxTable;
  reminder_marks: { key: string; customer_id: number; outbox_id: number | null; created_at: string };
  ficha_templates: FichaTemplatesTable;
  fichas: FichasTable;
}

/** A message to send (0023): written by the procedure that decides, delivered after commit (`modules/messages/outbox.ts`). */
export interface OutboxTable {
  id: Generated<number>;
  channel: 'email' | 'whatsapp';
  kind: string;
  customer_id: number | null;
  recipient: string;
  subject: string | null;
  body: string;
  attachment: string | null;
  status: 'pending' | 'held' | 'sending' | 'sent' | 'failed' | 'uncertain' | 'cancelled';
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  next_attempt_at: string;
  claimed_until: string | null;
  last_error: string | null;
  sent_at: string | null;
  sent_by: number | null;
  dedupe_key: string | null;
  created_at: string;
  updated_at: string;
}

/** A ficha template (`modules/fichas`): paper, blocks and custom fields as JSON. */
export interface FichaTemplatesTable {
  id: Generated<number>;
  name: string;
  production_types: string;
  paper: string;
  blocks: string;
  fields: string;
  is_default: number;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** A ficha of an order item (or of the whole order): its template and the custom fields' values (JSON). */
export interface FichasTable {
  id: Generated<number>;
  order_id: number;
  item_id: number | null;
  template_id: number;
  values: string;
  version: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** One run of a scheduled job (`jobs/scheduler.ts`). */
export interface JobRunsTable {
  id: Generated<number>;
  job: string;
  started_at: string;
  finished_at: string;
  outcome: 'ok' | 'error';
  error: string | null;
  items: number | null;
}

export interface PlansTable {
  id: Generated<number>;
  reference: string;
  order_id: number | null;
  customer_id: number;
  description: string | null;
  down_payment_cents: number;
  financed_cents: number;
  total_cents: number;
  count: number;
  first_due_date: string;
  interval_days: number | null;
  monthly_rate_percent: number;
  fine_percent: number;
  monthly_interest_percent: number;
  status: string;
  renegotiated_from_id: number | null;
  cancel_reason: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface InstallmentsTable {
  id: Generated<number>;
  plan_id: number;
  customer_id: number;
  code: string;
  number: number;
  count: number;
  due_date: string;
  amount_cents: number;
  paid_cents: Generated<number>;
  fine_paid_cents: Generated<number>;
  interest_paid_cents: Generated<number>;
  fine_charged: Generated<number>;
  interest_from: string | null;
  status: string;
  version: Generated<number>;
}

export interface PaymentsTable {
  id: Generated<number>;
  receipt_number: string;
  kind: string;
  order_id: number | null;
  installment_id: number | null;
  plan_id: number | null;
  customer_id: number;
  amount_cents: number;
  fine_cents: number;
  interest_cents: number;
  total_cents: number;
  tendered_cents: number | null;
  change_cents: number | null;
  payment_method_id: number;
  paid_at: string;
  paid_date: string;
  notes: string | null;
  received_by: number | null;
  reversed_by_id: number | null;
  reversal_of_id: number | null;
  reversal_reason: string | null;
  waived_reason: string | null;
  created_at: string;
}

export type PlanRow = Selectable<PlansTable>;
export type InstallmentRow = Selectable<InstallmentsTable>;
export type PaymentRow = Selectable<PaymentsTable>;

export interface RegistryColumns {
  id: Generated<number>;
  name: string;
  sort_name: string;
  active: number;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface OrdersTable {
  id: Generated<number>;
  number: string;
  kind: string;
  valid_until: string | null;
  customer_id: number;
  customer_name: string;
  customer_phone: string | null;
  customer_city: string | null;
  entry_date: string;
  delivery_date: string | null;
  priority: string;
  status: string;
  current_stage: string | null;
  stage_since: string | null;
  notes: string | null;
  seller_id: number | null;
  shipping_method_id: number | null;
  freight_cents: number;
  discount_cents: number;
  payment_method_id: number | null;
  payment_notes: string | null;
  items_count: number;
  items_total_cents: number;
  total_cents: number;
  paid_cents: Generated<number>;
  financed_cents: Generated<number>;
  is_reprint: number;
  reprint_of_order_id: number | null;
  reprint_item_id: number | null;
  reprint_reason: string | null;
  reprint_cost_cents: number | null;
  cancel_reason: string | null;
  delivered_at: string | null;
  overdue_notified: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface OrderItemsTable {
  id: Generated<number>;
  order_id: number;
  position: number;
  product_id: number;
  product_name: string;
  production_type: string;
  unit: string;
  description: string;
  width_mm: number | null;
  height_mm: number | null;
  quantity: number;
  material_id: number | null;
  finish_id: number | null;
  /** The finish's price and unit when the item was priced (null without a finish). */
  finish_price_cents: number | null;
  finish_price_unit: string | null;
  /** The item's total cost when it was sold (`itemCostCents`), kept when the catalogue changes later. */
  cost_cents: number;
  /** Size grid `[{size, quantity}]` and personalisation list `[{name, number, size?}]`, JSON (migration 0021). */
  size_grid: Generated<string>;
  personalization: Generated<string>;
  seams: string;
  seam_count: number;
  extras: string;
  unit_price_cents: number;
  total_cents: number;
  designer_id: number | null;
  machine_id: number | null;
  color_profile: string | null;
  rip: string | null;
  print_date: string | null;
  notes: string | null;
  art_status: string;
  art_approved_by: number | null;
  art_approved_at: string | null;
  art_channel: string | null;
}

export interface OrderStagesTable {
  order_id: number;
  key: string;
  label: string;
  position: number;
  done: number;
  done_at: string | null;
  done_by: number | null;
}

export type OrderRow = Selectable<OrdersTable>;
export type OrderItemRow = Selectable<OrderItemsTable>;

export interface UsersTable {
  id: Generated<number>;
  username: string;
  name: string;
  role: string;
  password_hash: string;
  active: number;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
  /** 'pt-BR' | 'en', or null: not chosen (0011). */
  locale: string | null;
}

export interface SessionsTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: string;
  last_used_at: string;
  revoked_at: string | null;
  ip: string | null;
  user_agent: string | null;
  /** The LAN device the session was opened from (null: this computer, IPC, or before 0025). */
  device_id: number | null;
}

export interface CustomersTable {
  id: Generated<number>;
  name: string;
  kind: string;
  document: string | null;
  phone: string | null;
  whatsapp: string | null;
  email: string | null;
  birth_date: string | null;
  cep: string | null;
  street: string | null;
  number: string | null;
  complement: string | null;
  district: string | null;
  city: string | null;
  state: string | null;
  preferences: string | null;
  private_notes: string | null;
  tags: string;
  active: number;
  credit_limit_cents: number | null;
  legal_name: string | null;
  trade_name: string | null;
  state_registration: string | null;
  contact_name: string | null;
  joined_at: string;
  sort_name: string;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
  /** The customer this one was merged into (0014); set together with `active = 0`. */
  merged_into_id: number | null;
  /** Consent per purpose and channel (0023): transactional (reminders, order ready) and marketing (birthdays). */
  consent_tx_email: Generated<number>;
  consent_tx_whatsapp: Generated<number>;
  consent_mkt_email: Generated<number>;
  consent_mkt_whatsapp: Generated<number>;
  preferred_channel: string | null;
}

export interface InteractionsTable {
  id: Generated<number>;
  customer_id: number;
  kind: string;
  notes: string;
  at: string;
  user_id: number | null;
  created_at: string;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  action: string;
  entity: string;
  entity_id: number | null;
  before: string | null;
  after: string | null;
}

export type UserRow = Selectable<UsersTable>;
export type CustomerRow = Selectable<CustomersTable>;

/** Customer health (0018): the current score of each customer who has bought, with its facts. */
export interface HealthScoresTable {
  customer_id: number;
  score: number;
  category: string;
  recencia: number;
  frequencia: number;
  valor: number;
  pontualidade: number | null;
  last_order_date: string | null;
  usual_interval_days: number | null;
  reorder_on: string | null;
  orders_12m: number;
  revenue_12m_cents: number;
  on_time: number;
  late: number;
  overdue_open: number;
  total_days_late: number;
  ranked_orders: number;
  ranked_revenue: number;
  computed_on: string;
  updated_at: string;
}

/** The last score of each month (0018). */
export interface HealthHistoryTable {
  customer_id: number;
  month: string;
  score: number;
  category: string;
  recencia: number;
  frequencia: number;
  valor: number;
  pontualidade: number | null;
}

/** Every change of a customer's category (0018). */
export interface HealthChangesTable {
  id: Generated<number>;
  customer_id: number;
  changed_on: string;
  from_category: string;
  to_category: string;
}

/** A browser on the shop network and whether an admin let it in (migration 0025, `modules/auth/devices.ts`). */
export interface DevicesTable {
  id: Generated<number>;
  token_hash: string;
  code: string;
  name: string | null;
  address: string | null;
  user_agent: string | null;
  status: 'pending' | 'approved' | 'revoked';
  created_at: string;
  decided_at: string | null;
  decided_by: number | null;
  last_used_at: string;
}

/** Reports' per-day aggregates (migration 0016), kept by SQLite triggers: never written by app code. */
export interface ReportOrderDaysTable {
  basis: string;
  day: string;
  status: string;
  reprint: number;
  orders: number;
  total_cents: number;
  items_total_cents: number;
  discount_cents: number;
  freight_cents: number;
  items: number;
  lines: number;
  quantity: number;
  area_mm2: number;
  cost_cents: number;
}

export interface ReportItemDaysTable {
  basis: string;
  day: string;
  reprint: number;
  production_type: string;
  product_id: number;
  designer_id: number;
  machine_id: number;
  lines: number;
  quantity: number;
  area_mm2: number;
  total_cents: number;
  cost_cents: number;
}

export interface ReportPaymentDaysTable {
  day: string;
  kind: string;
  payment_method_id: number;
  payments: number;
  amount_cents: number;
  fine_cents: number;
  interest_cents: number;
  total_cents: number;
}
