/**
 * The tables as the query builder (Kysely) sees them. One description for both engines: SQLite stores what
 * PostgreSQL stores, with the same column names. Times are epoch milliseconds everywhere (INTEGER in SQLite,
 * BIGINT in PostgreSQL, read back as numbers); JSON is kept as text so both engines treat it alike.
 */
import type { Generated } from 'kysely';

export interface JtiSeenTable {
  jti: string;
  seen_until: number;
}

export interface SessionsTable {
  id_hash: string;
  ticket: string;
  agent: string;
  customer: string | null;
  email: string | null;
  market: string;
  store: string;
  scopes: string;
  locale: string;
  jti: string;
  created_at: number;
  expires_at: number;
  /** Since version 7: the embed token's `order` claim. */
  order_id: number | null;
  /** Since version 7: the `ticketCreatedAt` claim, epoch ms. */
  ticket_created_at: number | null;
}

export interface LinksTable {
  ticket: string;
  market: string;
  customer_id: number | null;
  email: string | null;
  created_by: string;
  created_at: number;
  /** Since version 8: the link this one replaced (prev_created_by null: there was none). */
  prev_customer_id: Generated<number | null>;
  prev_email: Generated<string | null>;
  prev_created_by: Generated<string | null>;
  prev_created_at: Generated<number | null>;
  /** Since version 8: until when (epoch ms) this link may be undone; null: not at all. */
  undo_until: Generated<number | null>;
}

export interface ErrorLogTable {
  id: Generated<number>;
  correlation_id: string;
  store_key: string | null;
  resource: string;
  record_id: string | null;
  issues: string;
  created_at: number;
  /** The upstream load the entry came from, when several requests shared that load (see error_log_refs). */
  load_id: string | null;
}

/** Another request's correlation id that used the result of a load with invalid records. */
export interface ErrorLogRefsTable {
  correlation_id: string;
  load_id: string;
  created_at: number;
}

export interface TicketEventsTable {
  id: Generated<number>;
  ticket: string;
  order_id: number | null;
  agent: string;
  type: string;
  status: string;
  correlation_id: string | null;
  at: number;
}

export interface NoteOutboxTable {
  ref: string;
  idempotency_key: string;
  store_key: string;
  order_id: number;
  ticket: string;
  agent: string;
  text: string;
  status: 'queued' | 'written' | 'failed';
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  error_code: string | null;
  created_at: number;
  written_at: number | null;
  correlation_id: string;
}

export interface IndexOrdersTable {
  store_key: string;
  order_id: number;
  customer_id: number;
  email: string;
  status_id: number;
  channel_id: number;
  currency: string;
  total: string;
  item_count: number;
  payment_status: string;
  date_created: number;
  date_modified: number;
  summary: string;
  indexed_at: number;
  /** Since version 8: the billing name and email folded for search (context/search-text.ts), one per line. */
  search_text: Generated<string>;
  /** Since version 8: the billing address's name, city and country ('' when unknown). */
  billing_name: Generated<string>;
  city: Generated<string>;
  country_iso2: Generated<string>;
}

export interface IndexCustomersTable {
  store_key: string;
  customer_id: number;
  email: string;
  date_modified: number;
  record: string;
  indexed_at: number;
  /** Since version 8: name and email folded for search, one per line. */
  search_text: Generated<string>;
}

export interface SyncStateTable {
  store_key: string;
  stream: string;
  checkpoint: number | null;
  last_success_at: number | null;
  last_run_at: number | null;
  last_error: string | null;
  backfill_done: number;
  nightly_at: number | null;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  store_key: string;
  body_hash: string;
  scope: string;
  resource_id: number | null;
  order_id: number | null;
  customer_id: number | null;
  status: 'pending' | 'done' | 'failed';
  attempts: number;
  next_attempt_at: number;
  received_at: number;
  processed_at: number | null;
  last_error: string | null;
}

export interface OrderChangesTable {
  seq: Generated<number>;
  store_key: string;
  order_id: number;
  kind: string;
  source: string;
  customer_id: number;
  email: string;
  status_id: number | null;
  previous_status_id: number | null;
  detail: string;
  at: number;
}

export interface OwnOrderWritesTable {
  store_key: string;
  order_id: number;
  date_modified: number;
  at: number;
}

export interface StatusChangesTable {
  ref: string;
  ticket: string;
  agent: string;
  idempotency_key: string;
  store_key: string;
  market: string;
  order_id: number;
  expected_status_id: number;
  status_id: number;
  reason: string;
  state: 'pending' | 'refused' | 'landed' | 'done';
  put_at: number | null;
  answer: string | null;
  created_at: number;
  updated_at: number;
  correlation_id: string;
}

export interface NovomindTicketsTable {
  ticket: string;
  market: string;
  store_key: string;
  email: string | null;
  customer: string | null;
  locale: string;
  channel: number | null;
  order_id: number | null;
  status: 'open' | 'closed';
  closed_at: number | null;
  shopper_customer_id: number | null;
  shopper_email: string | null;
  matched_at: number | null;
  after_seq: number;
  client: string;
  created_at: number;
  updated_at: number;
}

export interface NovomindEventsTable {
  id: string;
  ticket: string;
  type: string;
  agent: string;
  at: number;
  payload: string;
  client: string;
  correlation_id: string;
  received_at: number;
}

export interface NovomindChangesTable {
  seq: Generated<number>;
  order_seq: number;
  ticket: string;
  market: string;
  store_key: string;
  kind: string;
  order_id: number;
  fields: string;
  previous: string;
  at: number;
}

export interface NovomindStateTable {
  name: string;
  value: number;
}

export interface NovomindPushTable {
  market: string;
  delivered_seq: number;
  batch_id: string | null;
  batch_last_seq: number | null;
  attempts: Generated<number>;
  next_attempt_at: number;
  lease_until: Generated<number>;
  recent_sends: Generated<string>;
  last_delivered_at: number | null;
  last_error: string | null;
}

export interface Database {
  jti_seen: JtiSeenTable;
  sessions: SessionsTable;
  links: LinksTable;
  error_log: ErrorLogTable;
  error_log_refs: ErrorLogRefsTable;
  ticket_events: TicketEventsTable;
  note_outbox: NoteOutboxTable;
  index_orders: IndexOrdersTable;
  index_customers: IndexCustomersTable;
  sync_state: SyncStateTable;
  webhook_deliveries: WebhookDeliveriesTable;
  order_changes: OrderChangesTable;
  own_order_writes: OwnOrderWritesTable;
  status_changes: StatusChangesTable;
  novomind_tickets: NovomindTicketsTable;
  novomind_events: NovomindEventsTable;
  novomind_changes: NovomindChangesTable;
  novomind_state: NovomindStateTable;
  novomind_push: NovomindPushTable;
}
