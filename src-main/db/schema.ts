import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

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
  idempotency_keys: { user_id: number; key: string; procedure: string; response: string; created_at: string };
}

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
  joined_at: string;
  sort_name: string;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
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
export type NewCustomer = Insertable<CustomersTable>;
export type CustomerUpdate = Updateable<CustomersTable>;
