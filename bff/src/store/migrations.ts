/**
 * The schema history, for both engines. APPEND ONLY: add the next version at the end (every room adds its
 * tables here); never edit, reorder or remove a shipped entry, because existing databases already ran it.
 * Each step is written once per engine (the DDL differs in details: identity columns, WITHOUT ROWID, integer
 * widths), so a reader sees exactly what each database gets. Times are epoch milliseconds (INTEGER in SQLite,
 * BIGINT in PostgreSQL) everywhere.
 */
export interface Migration {
  /** The schema version a database has after this step (SQLite: PRAGMA user_version; PostgreSQL: schema_version). */
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'platform: replay guard, sessions, links, error log, ticket events',
    sqlite: `
        -- An embed token's jti, kept until the token could no longer be valid anyway.
        CREATE TABLE jti_seen (
          jti TEXT PRIMARY KEY,
          seen_until INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX jti_seen_until ON jti_seen (seen_until);

        -- Only the SHA-256 of a session id is stored: a copy of the database cannot be used to act as an agent.
        CREATE TABLE sessions (
          id_hash TEXT PRIMARY KEY,
          ticket TEXT NOT NULL,
          agent TEXT NOT NULL,
          customer TEXT,
          email TEXT,
          market TEXT NOT NULL,
          store TEXT NOT NULL,
          scopes TEXT NOT NULL,
          locale TEXT NOT NULL,
          jti TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          expires_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX sessions_expires_at ON sessions (expires_at);

        -- A manual link of a ticket (in one market) to a shopper or a guest email.
        CREATE TABLE links (
          ticket TEXT NOT NULL,
          market TEXT NOT NULL,
          customer_id INTEGER,
          email TEXT,
          created_by TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          PRIMARY KEY (ticket, market),
          CHECK (customer_id IS NOT NULL OR email IS NOT NULL)
        ) WITHOUT ROWID;

        -- Records that failed validation or requests that failed, searchable by correlation id.
        CREATE TABLE error_log (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          correlation_id TEXT NOT NULL,
          store_key TEXT,
          resource TEXT NOT NULL,
          record_id TEXT,
          issues TEXT NOT NULL,
          created_at INTEGER NOT NULL
        );
        CREATE INDEX error_log_correlation_id ON error_log (correlation_id);
        CREATE INDEX error_log_created_at ON error_log (created_at);

        -- What happened on a ticket from our side (session opened, note queued/written, link set).
        CREATE TABLE ticket_events (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          ticket TEXT NOT NULL,
          order_id INTEGER,
          agent TEXT NOT NULL,
          type TEXT NOT NULL,
          status TEXT NOT NULL,
          correlation_id TEXT,
          at INTEGER NOT NULL
        );
        CREATE INDEX ticket_events_ticket_at ON ticket_events (ticket, at);
      `,
    postgres: `
        -- An embed token's jti, kept until the token could no longer be valid anyway.
        CREATE TABLE jti_seen (
          jti TEXT PRIMARY KEY,
          seen_until BIGINT NOT NULL
        );
        CREATE INDEX jti_seen_until ON jti_seen (seen_until);

        -- Only the SHA-256 of a session id is stored: a copy of the database cannot be used to act as an agent.
        CREATE TABLE sessions (
          id_hash TEXT PRIMARY KEY,
          ticket TEXT NOT NULL,
          agent TEXT NOT NULL,
          customer TEXT,
          email TEXT,
          market TEXT NOT NULL,
          store TEXT NOT NULL,
          scopes TEXT NOT NULL,
          locale TEXT NOT NULL,
          jti TEXT NOT NULL,
          created_at BIGINT NOT NULL,
          expires_at BIGINT NOT NULL
        );
        CREATE INDEX sessions_expires_at ON sessions (expires_at);

        -- A manual link of a ticket (in one market) to a shopper or a guest email.
        CREATE TABLE links (
          ticket TEXT NOT NULL,
          market TEXT NOT NULL,
          customer_id BIGINT,
          email TEXT,
          created_by TEXT NOT NULL,
          created_at BIGINT NOT NULL,
          PRIMARY KEY (ticket, market),
          CHECK (customer_id IS NOT NULL OR email IS NOT NULL)
        );

        -- Records that failed validation or requests that failed, searchable by correlation id.
        CREATE TABLE error_log (
          id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          correlation_id TEXT NOT NULL,
          store_key TEXT,
          resource TEXT NOT NULL,
          record_id TEXT,
          issues TEXT NOT NULL,
          created_at BIGINT NOT NULL
        );
        CREATE INDEX error_log_correlation_id ON error_log (correlation_id);
        CREATE INDEX error_log_created_at ON error_log (created_at);

        -- What happened on a ticket from our side (session opened, note queued/written, link set).
        CREATE TABLE ticket_events (
          id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          ticket TEXT NOT NULL,
          order_id BIGINT,
          agent TEXT NOT NULL,
          type TEXT NOT NULL,
          status TEXT NOT NULL,
          correlation_id TEXT,
          at BIGINT NOT NULL
        );
        CREATE INDEX ticket_events_ticket_at ON ticket_events (ticket, at);
      `,
  },
  {
    version: 2,
    name: 'notes: durable outbox for notes on their way to staff_notes',
    sqlite: `
        -- One row per accepted note: the truth about its state until (and after) it lands in BigCommerce.
        CREATE TABLE note_outbox (
          ref TEXT PRIMARY KEY,
          idempotency_key TEXT NOT NULL,
          store_key TEXT NOT NULL,
          order_id INTEGER NOT NULL,
          ticket TEXT NOT NULL,
          agent TEXT NOT NULL,
          text TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('queued', 'written', 'failed')),
          attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_at INTEGER NOT NULL,
          last_error TEXT,
          error_code TEXT,
          created_at INTEGER NOT NULL,
          written_at INTEGER,
          correlation_id TEXT NOT NULL,
          -- Keys are scoped per ticket and agent: two agents choosing the same key never collide.
          UNIQUE (ticket, agent, idempotency_key)
        );
        CREATE INDEX note_outbox_due ON note_outbox (status, next_attempt_at);
      `,
    postgres: `
        -- One row per accepted note: the truth about its state until (and after) it lands in BigCommerce.
        CREATE TABLE note_outbox (
          ref TEXT PRIMARY KEY,
          idempotency_key TEXT NOT NULL,
          store_key TEXT NOT NULL,
          order_id BIGINT NOT NULL,
          ticket TEXT NOT NULL,
          agent TEXT NOT NULL,
          text TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('queued', 'written', 'failed')),
          attempts BIGINT NOT NULL DEFAULT 0,
          next_attempt_at BIGINT NOT NULL,
          last_error TEXT,
          error_code TEXT,
          created_at BIGINT NOT NULL,
          written_at BIGINT,
          correlation_id TEXT NOT NULL,
          -- Keys are scoped per ticket and agent: two agents choosing the same key never collide.
          UNIQUE (ticket, agent, idempotency_key)
        );
        CREATE INDEX note_outbox_due ON note_outbox (status, next_attempt_at);
      `,
  },
  {
    version: 3,
    name: 'error log: entries of a shared load found by every caller; retention indexes',
    sqlite: `
        -- A load shared by several requests (single-flight, cache) files its invalid records once, under the
        -- first caller's correlation id and the load's id; every other caller's id is a ref to that load.
        ALTER TABLE error_log ADD COLUMN load_id TEXT;
        CREATE INDEX error_log_load_id ON error_log (load_id);
        CREATE TABLE error_log_refs (
          correlation_id TEXT NOT NULL,
          load_id TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          PRIMARY KEY (correlation_id, load_id)
        ) WITHOUT ROWID;
        CREATE INDEX error_log_refs_created_at ON error_log_refs (created_at);
        CREATE INDEX ticket_events_at ON ticket_events (at);
      `,
    postgres: `
        ALTER TABLE error_log ADD COLUMN load_id TEXT;
        CREATE INDEX error_log_load_id ON error_log (load_id);
        CREATE TABLE error_log_refs (
          correlation_id TEXT NOT NULL,
          load_id TEXT NOT NULL,
          created_at BIGINT NOT NULL,
          PRIMARY KEY (correlation_id, load_id)
        );
        CREATE INDEX error_log_refs_created_at ON error_log_refs (created_at);
        CREATE INDEX ticket_events_at ON ticket_events (at);
      `,
  },
  {
    version: 4,
    name: 'sync: order and customer index, checkpoints, webhook deliveries, order changes, our own writes',
    sqlite: `
        -- Order headers of the last windowDays per store (DESIGN §9): what ticket views list, without a call.
        -- summary is the list entry as the widget shows it (JSON); the other columns are what queries filter on.
        CREATE TABLE index_orders (
          store_key TEXT NOT NULL,
          order_id INTEGER NOT NULL,
          customer_id INTEGER NOT NULL,
          email TEXT NOT NULL,
          status_id INTEGER NOT NULL,
          channel_id INTEGER NOT NULL,
          currency TEXT NOT NULL,
          total TEXT NOT NULL,
          item_count INTEGER NOT NULL,
          payment_status TEXT NOT NULL,
          date_created INTEGER NOT NULL,
          date_modified INTEGER NOT NULL,
          summary TEXT NOT NULL,
          indexed_at INTEGER NOT NULL,
          PRIMARY KEY (store_key, order_id)
        ) WITHOUT ROWID;
        CREATE INDEX index_orders_customer ON index_orders (store_key, customer_id, date_created DESC, order_id DESC);
        CREATE INDEX index_orders_email ON index_orders (store_key, email, date_created DESC, order_id DESC);
        CREATE INDEX index_orders_created ON index_orders (store_key, date_created);

        -- The store's customers: identity for matching (email, id, channels) and the card (record, JSON).
        CREATE TABLE index_customers (
          store_key TEXT NOT NULL,
          customer_id INTEGER NOT NULL,
          email TEXT NOT NULL,
          date_modified INTEGER NOT NULL,
          record TEXT NOT NULL,
          indexed_at INTEGER NOT NULL,
          PRIMARY KEY (store_key, customer_id)
        ) WITHOUT ROWID;
        CREATE INDEX index_customers_email ON index_customers (store_key, email);

        -- Where each store's delta runs stand, per stream (orders, customers); survives restarts.
        CREATE TABLE sync_state (
          store_key TEXT NOT NULL,
          stream TEXT NOT NULL,
          checkpoint INTEGER,
          last_success_at INTEGER,
          last_run_at INTEGER,
          last_error TEXT,
          backfill_done INTEGER NOT NULL DEFAULT 0,
          nightly_at INTEGER,
          PRIMARY KEY (store_key, stream)
        ) WITHOUT ROWID;

        -- Webhook deliveries, stored before they are answered; the same body twice is stored once (49 h).
        CREATE TABLE webhook_deliveries (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          store_key TEXT NOT NULL,
          body_hash TEXT NOT NULL,
          scope TEXT NOT NULL,
          resource_id INTEGER,
          order_id INTEGER,
          customer_id INTEGER,
          status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
          attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_at INTEGER NOT NULL,
          received_at INTEGER NOT NULL,
          processed_at INTEGER,
          last_error TEXT,
          UNIQUE (store_key, body_hash)
        );
        CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
        CREATE INDEX webhook_deliveries_received ON webhook_deliveries (received_at);

        -- What changed about an order, in our own sequence: the novomind changes feed reads from here.
        CREATE TABLE order_changes (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          store_key TEXT NOT NULL,
          order_id INTEGER NOT NULL,
          kind TEXT NOT NULL,
          source TEXT NOT NULL,
          customer_id INTEGER NOT NULL,
          email TEXT NOT NULL,
          status_id INTEGER,
          previous_status_id INTEGER,
          detail TEXT NOT NULL,
          at INTEGER NOT NULL
        );
        CREATE INDEX order_changes_order ON order_changes (store_key, order_id, seq);
        CREATE INDEX order_changes_at ON order_changes (at);

        -- Our own writes to an order (a note, a status change), by the date_modified BigCommerce gave them:
        -- their webhook echo must not be reported as a change.
        CREATE TABLE own_order_writes (
          store_key TEXT NOT NULL,
          order_id INTEGER NOT NULL,
          date_modified INTEGER NOT NULL,
          at INTEGER NOT NULL,
          PRIMARY KEY (store_key, order_id, date_modified)
        ) WITHOUT ROWID;
        CREATE INDEX own_order_writes_at ON own_order_writes (at);
      `,
    postgres: `
        CREATE TABLE index_orders (
          store_key TEXT NOT NULL,
          order_id BIGINT NOT NULL,
          customer_id BIGINT NOT NULL,
          email TEXT NOT NULL,
          status_id BIGINT NOT NULL,
          channel_id BIGINT NOT NULL,
          currency TEXT NOT NULL,
          total TEXT NOT NULL,
          item_count BIGINT NOT NULL,
          payment_status TEXT NOT NULL,
          date_created BIGINT NOT NULL,
          date_modified BIGINT NOT NULL,
          summary TEXT NOT NULL,
          indexed_at BIGINT NOT NULL,
          PRIMARY KEY (store_key, order_id)
        );
        CREATE INDEX index_orders_customer ON index_orders (store_key, customer_id, date_created DESC, order_id DESC);
        CREATE INDEX index_orders_email ON index_orders (store_key, email, date_created DESC, order_id DESC);
        CREATE INDEX index_orders_created ON index_orders (store_key, date_created);
        CREATE TABLE index_customers (
          store_key TEXT NOT NULL,
          customer_id BIGINT NOT NULL,
          email TEXT NOT NULL,
          date_modified BIGINT NOT NULL,
          record TEXT NOT NULL,
          indexed_at BIGINT NOT NULL,
          PRIMARY KEY (store_key, customer_id)
        );
        CREATE INDEX index_customers_email ON index_customers (store_key, email);
        CREATE TABLE sync_state (
          store_key TEXT NOT NULL,
          stream TEXT NOT NULL,
          checkpoint BIGINT,
          last_success_at BIGINT,
          last_run_at BIGINT,
          last_error TEXT,
          backfill_done BIGINT NOT NULL DEFAULT 0,
          nightly_at BIGINT,
          PRIMARY KEY (store_key, stream)
        );
        CREATE TABLE webhook_deliveries (
          id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          store_key TEXT NOT NULL,
          body_hash TEXT NOT NULL,
          scope TEXT NOT NULL,
          resource_id BIGINT,
          order_id BIGINT,
          customer_id BIGINT,
          status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
          attempts BIGINT NOT NULL DEFAULT 0,
          next_attempt_at BIGINT NOT NULL,
          received_at BIGINT NOT NULL,
          processed_at BIGINT,
          last_error TEXT,
          UNIQUE (store_key, body_hash)
        );
        CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
        CREATE INDEX webhook_deliveries_received ON webhook_deliveries (received_at);
        CREATE TABLE order_changes (
          seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          store_key TEXT NOT NULL,
          order_id BIGINT NOT NULL,
          kind TEXT NOT NULL,
          source TEXT NOT NULL,
          customer_id BIGINT NOT NULL,
          email TEXT NOT NULL,
          status_id BIGINT,
          previous_status_id BIGINT,
          detail TEXT NOT NULL,
          at BIGINT NOT NULL
        );
        CREATE INDEX order_changes_order ON order_changes (store_key, order_id, seq);
        CREATE INDEX order_changes_at ON order_changes (at);
        CREATE TABLE own_order_writes (
          store_key TEXT NOT NULL,
          order_id BIGINT NOT NULL,
          date_modified BIGINT NOT NULL,
          at BIGINT NOT NULL,
          PRIMARY KEY (store_key, order_id, date_modified)
        );
        CREATE INDEX own_order_writes_at ON own_order_writes (at);
      `,
  },
  {
    version: 5,
    name: 'status: status changes by ticket, agent and Idempotency-Key',
    sqlite: `
        -- Status changes agents asked for (DESIGN §11), once per ticket, agent and Idempotency-Key: the answer a
        -- replay gets, and when our PUT went out, so a replay after an unknown outcome reads before it writes.
        -- state: pending (no answer kept yet), refused (a kept 4xx), landed (in BigCommerce, audit under way),
        -- done (audited). answer is JSON: the refusal, or the change as it landed.
        CREATE TABLE status_changes (
          ref TEXT PRIMARY KEY,
          ticket TEXT NOT NULL,
          agent TEXT NOT NULL,
          idempotency_key TEXT NOT NULL,
          store_key TEXT NOT NULL,
          market TEXT NOT NULL,
          order_id INTEGER NOT NULL,
          expected_status_id INTEGER NOT NULL,
          status_id INTEGER NOT NULL,
          reason TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('pending', 'refused', 'landed', 'done')),
          put_at INTEGER,
          answer TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          correlation_id TEXT NOT NULL,
          UNIQUE (ticket, agent, idempotency_key)
        ) WITHOUT ROWID;
        CREATE INDEX status_changes_state ON status_changes (state, updated_at);
      `,
    postgres: `
        CREATE TABLE status_changes (
          ref TEXT PRIMARY KEY,
          ticket TEXT NOT NULL,
          agent TEXT NOT NULL,
          idempotency_key TEXT NOT NULL,
          store_key TEXT NOT NULL,
          market TEXT NOT NULL,
          order_id BIGINT NOT NULL,
          expected_status_id BIGINT NOT NULL,
          status_id BIGINT NOT NULL,
          reason TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('pending', 'refused', 'landed', 'done')),
          put_at BIGINT,
          answer TEXT,
          created_at BIGINT NOT NULL,
          updated_at BIGINT NOT NULL,
          correlation_id TEXT NOT NULL,
          UNIQUE (ticket, agent, idempotency_key)
        );
        CREATE INDEX status_changes_state ON status_changes (state, updated_at);
      `,
  },
  {
    version: 6,
    name: 'novomind: tickets, their events, the changes feed and its push',
    sqlite: `
        -- A ticket novomind registered: where it routes, whom it is about (as given and as matched) and its state.
        -- shopper_* is the matched shopper, recorded when the ticket's context is built: the feed finds a ticket
        -- by its shopper without asking BigCommerce. after_seq: only order changes after registration count.
        CREATE TABLE novomind_tickets (
          ticket TEXT PRIMARY KEY,
          market TEXT NOT NULL,
          store_key TEXT NOT NULL,
          email TEXT,
          customer TEXT,
          locale TEXT NOT NULL,
          channel INTEGER,
          order_id INTEGER,
          status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
          closed_at INTEGER,
          shopper_customer_id INTEGER,
          shopper_email TEXT,
          matched_at INTEGER,
          after_seq INTEGER NOT NULL,
          client TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX novomind_tickets_customer ON novomind_tickets (store_key, shopper_customer_id);
        CREATE INDEX novomind_tickets_email ON novomind_tickets (store_key, shopper_email);
        CREATE INDEX novomind_tickets_matched ON novomind_tickets (matched_at);

        -- Ticket events novomind posted, once per id; payload is the validated event (JSON).
        CREATE TABLE novomind_events (
          id TEXT PRIMARY KEY,
          ticket TEXT NOT NULL,
          type TEXT NOT NULL,
          agent TEXT NOT NULL,
          at INTEGER NOT NULL,
          payload TEXT NOT NULL,
          client TEXT NOT NULL,
          correlation_id TEXT NOT NULL,
          received_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX novomind_events_ticket ON novomind_events (ticket, at);
        CREATE INDEX novomind_events_received ON novomind_events (received_at);

        -- The changes feed: one row per order change and ticket it concerns, in our own sequence. fields and
        -- previous are JSON, computed once when the row is written.
        CREATE TABLE novomind_changes (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          order_seq INTEGER NOT NULL,
          ticket TEXT NOT NULL,
          market TEXT NOT NULL,
          store_key TEXT NOT NULL,
          kind TEXT NOT NULL,
          order_id INTEGER NOT NULL,
          fields TEXT NOT NULL,
          previous TEXT NOT NULL,
          at INTEGER NOT NULL,
          UNIQUE (order_seq, ticket)
        );
        CREATE INDEX novomind_changes_market ON novomind_changes (market, seq);
        CREATE INDEX novomind_changes_at ON novomind_changes (at);

        -- Counters that must survive restarts: how far the order changes were fanned out, how far the feed was purged.
        CREATE TABLE novomind_state (
          name TEXT PRIMARY KEY,
          value INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO novomind_state (name, value) VALUES ('fanout_seq', 0), ('purged_seq', 0);

        -- The push per market: what was delivered, the batch in flight (its webhook-id is kept for retries), the
        -- lease, the retry schedule and the send times of the last minute (the rate limit holds across restarts).
        CREATE TABLE novomind_push (
          market TEXT PRIMARY KEY,
          delivered_seq INTEGER NOT NULL,
          batch_id TEXT,
          batch_last_seq INTEGER,
          attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_at INTEGER NOT NULL,
          lease_until INTEGER NOT NULL DEFAULT 0,
          recent_sends TEXT NOT NULL DEFAULT '[]',
          last_delivered_at INTEGER,
          last_error TEXT
        ) WITHOUT ROWID;
      `,
    postgres: `
        CREATE TABLE novomind_tickets (
          ticket TEXT PRIMARY KEY,
          market TEXT NOT NULL,
          store_key TEXT NOT NULL,
          email TEXT,
          customer TEXT,
          locale TEXT NOT NULL,
          channel BIGINT,
          order_id BIGINT,
          status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
          closed_at BIGINT,
          shopper_customer_id BIGINT,
          shopper_email TEXT,
          matched_at BIGINT,
          after_seq BIGINT NOT NULL,
          client TEXT NOT NULL,
          created_at BIGINT NOT NULL,
          updated_at BIGINT NOT NULL
        );
        CREATE INDEX novomind_tickets_customer ON novomind_tickets (store_key, shopper_customer_id);
        CREATE INDEX novomind_tickets_email ON novomind_tickets (store_key, shopper_email);
        CREATE INDEX novomind_tickets_matched ON novomind_tickets (matched_at);
        CREATE TABLE novomind_events (
          id TEXT PRIMARY KEY,
          ticket TEXT NOT NULL,
          type TEXT NOT NULL,
          agent TEXT NOT NULL,
          at BIGINT NOT NULL,
          payload TEXT NOT NULL,
          client TEXT NOT NULL,
          correlation_id TEXT NOT NULL,
          received_at BIGINT NOT NULL
        );
        CREATE INDEX novomind_events_ticket ON novomind_events (ticket, at);
        CREATE INDEX novomind_events_received ON novomind_events (received_at);
        CREATE TABLE novomind_changes (
          seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          order_seq BIGINT NOT NULL,
          ticket TEXT NOT NULL,
          market TEXT NOT NULL,
          store_key TEXT NOT NULL,
          kind TEXT NOT NULL,
          order_id BIGINT NOT NULL,
          fields TEXT NOT NULL,
          previous TEXT NOT NULL,
          at BIGINT NOT NULL,
          UNIQUE (order_seq, ticket)
        );
        CREATE INDEX novomind_changes_market ON novomind_changes (market, seq);
        CREATE INDEX novomind_changes_at ON novomind_changes (at);
        CREATE TABLE novomind_state (
          name TEXT PRIMARY KEY,
          value BIGINT NOT NULL
        );
        INSERT INTO novomind_state (name, value) VALUES ('fanout_seq', 0), ('purged_seq', 0);
        CREATE TABLE novomind_push (
          market TEXT PRIMARY KEY,
          delivered_seq BIGINT NOT NULL,
          batch_id TEXT,
          batch_last_seq BIGINT,
          attempts BIGINT NOT NULL DEFAULT 0,
          next_attempt_at BIGINT NOT NULL,
          lease_until BIGINT NOT NULL DEFAULT 0,
          recent_sends TEXT NOT NULL DEFAULT '[]',
          last_delivered_at BIGINT,
          last_error TEXT
        );
      `,
  },
  {
    version: 7,
    name: 'sessions: the ticket’s order and when the ticket was opened (embed-token claims order, ticketCreatedAt)',
    sqlite: `
        -- Both optional claims (DESIGN §4), kept with the session so every later view knows them.
        ALTER TABLE sessions ADD COLUMN order_id INTEGER;
        ALTER TABLE sessions ADD COLUMN ticket_created_at INTEGER;
      `,
    postgres: `
        ALTER TABLE sessions ADD COLUMN order_id BIGINT;
        ALTER TABLE sessions ADD COLUMN ticket_created_at BIGINT;
      `,
  },
  {
    version: 8,
    name: 'search and undo: folded search text and places in the index; a link remembers the one it replaced',
    sqlite: `
        -- The link a ticket had before the current one (prev_created_by NULL: none) and until when the current one
        -- may be undone: one UPSERT records both, so two agents linking at once cannot lose a previous state.
        ALTER TABLE links ADD COLUMN prev_customer_id INTEGER;
        ALTER TABLE links ADD COLUMN prev_email TEXT;
        ALTER TABLE links ADD COLUMN prev_created_by TEXT;
        ALTER TABLE links ADD COLUMN prev_created_at INTEGER;
        ALTER TABLE links ADD COLUMN undo_until INTEGER;

        -- search_text: name and email folded (case, accents, ae/oe/ue; context/search-text.ts), one per line (a
        -- customer's place is in its record); an order's billing name, city and country for guests' results.
        ALTER TABLE index_customers ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
        ALTER TABLE index_orders ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
        ALTER TABLE index_orders ADD COLUMN billing_name TEXT NOT NULL DEFAULT '';
        ALTER TABLE index_orders ADD COLUMN city TEXT NOT NULL DEFAULT '';
        ALTER TABLE index_orders ADD COLUMN country_iso2 TEXT NOT NULL DEFAULT '';

        -- The rows indexed so far lack those columns, and SQL cannot fold text as the product does: the index is
        -- rebuilt once by a fresh back-fill (views go live until it is done, as on a first start).
        DELETE FROM index_orders;
        DELETE FROM index_customers;
        DELETE FROM sync_state;
      `,
    postgres: `
        ALTER TABLE links ADD COLUMN prev_customer_id BIGINT;
        ALTER TABLE links ADD COLUMN prev_email TEXT;
        ALTER TABLE links ADD COLUMN prev_created_by TEXT;
        ALTER TABLE links ADD COLUMN prev_created_at BIGINT;
        ALTER TABLE links ADD COLUMN undo_until BIGINT;
        ALTER TABLE index_customers ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
        ALTER TABLE index_orders ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
        ALTER TABLE index_orders ADD COLUMN billing_name TEXT NOT NULL DEFAULT '';
        ALTER TABLE index_orders ADD COLUMN city TEXT NOT NULL DEFAULT '';
        ALTER TABLE index_orders ADD COLUMN country_iso2 TEXT NOT NULL DEFAULT '';
        DELETE FROM index_orders;
        DELETE FROM index_customers;
        DELETE FROM sync_state;
      `,
  },
];

/** Checks the list itself: versions 1..n in order (a programming error otherwise). */
export function assertMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migration "${migration.name}" has version ${migration.version}; expected ${index + 1}`,
      );
    }
  });
}

/** Refuses a database a newer build has migrated: this build would not know its tables. */
export function assertNotNewer(current: number, migrations: readonly Migration[]): void {
  if (current > migrations.length) {
    throw new Error(
      `The database is at schema version ${current}, newer than this build (${migrations.length}); refusing to run an older build on it`,
    );
  }
}
