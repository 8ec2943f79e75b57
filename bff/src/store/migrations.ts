import type Database from 'better-sqlite3';

/**
 * One schema change. `version` is the PRAGMA user_version the database has after it ran.
 * Applied in order, each in its own transaction, exactly once per database file.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/**
 * The schema history. APPEND ONLY: add the next version at the end (other rooms add their tables here,
 * e.g. the notes outbox); never edit, reorder or remove a shipped entry, because existing databases
 * already ran it. Times are epoch milliseconds (INTEGER) everywhere.
 */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'platform: replay guard, sessions, links, error log, ticket events',
    up(db) {
      db.exec(`
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
      `);
    },
  },
  {
    version: 2,
    name: 'notes: durable outbox for notes on their way to staff_notes',
    up(db) {
      db.exec(`
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
      `);
    },
  },
];

/** Brings a database up to the newest version. Safe to call on every start (idempotent). */
export function runMigrations(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migration "${migration.name}" has version ${migration.version}; expected ${index + 1}`,
      );
    }
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(
      `The database is at schema version ${current}, newer than this build (${migrations.length}); refusing to run an older build on it`,
    );
  }
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      migration.up(db);
      // PRAGMA cannot take a bound parameter; the version is our own integer.
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return migrations.length;
}
