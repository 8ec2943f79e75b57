/**
 * The store room: the product's durable state behind repository interfaces (DESIGN §13). SQLite in DATA_DIR
 * by default, PostgreSQL when DATABASE_URL is set; SQL lives only in this folder.
 */
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { openPostgres, type OpenPostgresOptions } from './postgres/open-postgres-store.js';
import { createRepos } from './repos.js';
import type { RetentionPolicy } from './repos/retention.js';
import type { Database } from './schema.js';
import { lockDataDir } from './sqlite/data-dir-lock.js';
import { openSqlite, type OpenSqliteOptions } from './sqlite/open-sqlite-store.js';
import type { Store } from './store.js';

export type { Store, StoreEngine } from './store.js';
export type { Repos } from './repos.js';
export { MIGRATIONS, type Migration } from './migrations.js';
export { DataDirLockedError, lockDataDir, LOCK_FILE, type DataDirLock } from './sqlite/data-dir-lock.js';
export { migrateSqlite } from './sqlite/open-sqlite-store.js';
export { DEFAULT_POOL_SIZE, migratePostgres } from './postgres/open-postgres-store.js';
export { DEFAULT_RETENTION, type Retention, type RetentionPolicy } from './repos/retention.js';
export type { ErrorLogEntry, ErrorLogRecord, ErrorLogRepo } from './repos/error-log-repo.js';
export type { JtiRepo } from './repos/jti-repo.js';
export type { LinkRecord, LinkRepo, LinkUndoOutcome, LinkVersion } from './repos/link-repo.js';
export type { SessionRecord, SessionRepo } from './repos/session-repo.js';
export type { TicketEvent, TicketEventRecord, TicketEventRepo } from './repos/ticket-event-repo.js';
export type {
  IndexedCustomer,
  IndexedOrder,
  OrderFact,
  OrderIndexRepo,
  OwnersOrdersQuery,
  SearchTerms,
  ShopperOrdersQuery,
} from './repos/order-index-repo.js';
export type { SyncState, SyncStateRepo, SyncStream } from './repos/sync-state-repo.js';
export type {
  DeliveryRecord,
  DeliveryStats,
  NewDelivery,
  WebhookDeliveryRepo,
} from './repos/webhook-delivery-repo.js';
export type {
  NewOrderChange,
  OrderChange,
  OrderChangeKind,
  OrderChangeRepo,
  OrderChangeSource,
} from './repos/order-change-repo.js';
export type { OwnWriteRepo } from './repos/own-write-repo.js';
export type {
  NewStatusChange,
  StatusChangeAudit,
  StatusChangeRecord,
  StatusChangeRepo,
  StatusChangeState,
} from './repos/status-change-repo.js';
export type {
  NovomindTicket,
  NovomindTicketRepo,
  NovomindTicketStatus,
  TicketRegistration,
  TicketShopper,
} from './repos/novomind-ticket-repo.js';
export type { NovomindEvent, NovomindEventRepo } from './repos/novomind-event-repo.js';
export type { NewNovomindChange, NovomindChange, NovomindChangeRepo } from './repos/novomind-change-repo.js';
export type { NovomindPushRepo, PushState } from './repos/novomind-push-repo.js';
export type {
  NewNote,
  NoteOutboxRepo,
  NoteRecord,
  NoteStatus,
  OutboxStats,
} from './repos/note-outbox-repo.js';

/** The embedded store, with its connection for tools and tests that look beneath the repositories. */
export type SqliteStore = Store & { readonly sqlite: BetterSqlite3.Database; readonly sqlitePath: string };

/** The shared store, with its pool for tests that look beneath the repositories. */
export type PostgresStore = Store & { readonly pool: pg.Pool };

/** The file name inside DATA_DIR. */
export const DATABASE_FILE = 'order-context.sqlite';

export interface OpenStoreOptions extends OpenSqliteOptions {
  /**
   * Hold DATA_DIR's lock for the life of the store (DESIGN §13: a second process on the same DATA_DIR refuses
   * to start). The server always does; tools and tests that only read may not.
   */
  lockDir?: string;
  retention?: RetentionPolicy;
}

/** The embedded store: SQLite at `file` (`:memory:` for throwaway runs). Throws DataDirLockedError. */
export function openSqliteStore(file: string, options: OpenStoreOptions = {}): SqliteStore {
  const lock = options.lockDir === undefined ? null : lockDataDir(options.lockDir);
  let handle;
  try {
    handle = openSqlite(file, options);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const { db, sqlite } = handle;
  return createStoreOver(db, 'sqlite', options.retention, {
    sqlite,
    sqlitePath: handle.path,
    async close() {
      await db.destroy();
      if (sqlite.open) sqlite.close();
      lock?.release();
    },
  });
}

export interface OpenPostgresStoreOptions extends OpenPostgresOptions {
  retention?: RetentionPolicy;
}

/** The shared store: PostgreSQL at `url` (DATABASE_URL), migrated before it is returned. */
export async function openPostgresStore(
  url: string,
  options: OpenPostgresStoreOptions = {},
): Promise<PostgresStore> {
  const { db, pool } = await openPostgres(url, options);
  return createStoreOver(db, 'postgres', options.retention, {
    pool,
    async close() {
      await db.destroy();
      // Kysely ends the pool only if a query of its own ever ran (its driver starts lazily).
      if (!pool.ending && !pool.ended) await pool.end();
    },
  });
}

export interface ServerStoreOptions {
  /** DATABASE_URL; null: the embedded store in DATA_DIR. */
  databaseUrl: string | null;
  dataDir: string;
  /** The SQLite file; default `${dataDir}/order-context.sqlite`. */
  sqliteFile?: string;
  poolSize?: number;
  retention?: RetentionPolicy;
  onConnectionError?: (error: Error) => void;
}

/**
 * The server's store (DESIGN §13): PostgreSQL when DATABASE_URL is set, shared by any number of instances;
 * otherwise SQLite in DATA_DIR, whose lock refuses a second process on the same directory.
 */
export async function openStore(options: ServerStoreOptions): Promise<Store> {
  if (options.databaseUrl !== null) {
    return openPostgresStore(options.databaseUrl, {
      poolSize: options.poolSize,
      retention: options.retention,
      onConnectionError: options.onConnectionError,
    });
  }
  return openSqliteStore(options.sqliteFile ?? defaultDatabaseFile(options.dataDir), {
    lockDir: options.dataDir,
    retention: options.retention,
  });
}

/** DATABASE_URL without its password (and query), for logs and the console. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return `${parsed.protocol}//${user}${parsed.host}${parsed.pathname}`;
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/** The password in DATABASE_URL ('' when none), so the logger can scrub it wherever it shows up. */
export function databasePassword(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
}

function createStoreOver<Extra extends { close(): Promise<void> }>(
  db: Kysely<Database>,
  engine: Store['engine'],
  retention: RetentionPolicy | undefined,
  extra: Extra,
): Store & Omit<Extra, 'close'> {
  let closed: Promise<void> | null = null;
  return {
    ...extra,
    engine,
    repos: createRepos(db, retention),
    async check() {
      try {
        const row = await db.selectNoFrom((eb) => eb.val(1).as('ok')).executeTakeFirst();
        return Number(row?.ok) === 1;
      } catch {
        return false;
      }
    },
    close() {
      closed ??= extra.close();
      return closed;
    },
  };
}

/** The default database file of a data directory. */
export function defaultDatabaseFile(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE);
}
