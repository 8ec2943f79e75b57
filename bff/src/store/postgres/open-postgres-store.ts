import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { assertMigrationOrder, assertNotNewer, MIGRATIONS, type Migration } from '../migrations.js';
import type { Database as Schema } from '../schema.js';

export interface OpenPostgresOptions {
  migrations?: readonly Migration[];
  /** Connections this instance may hold (DATABASE_POOL_SIZE). Default 10. */
  poolSize?: number;
  /** How long a query waits for a connection (or for PostgreSQL to accept one) before it fails. Default 5 s. */
  connectionTimeoutMs?: number;
  /**
   * A pooled connection broke (PostgreSQL restarted, the network dropped it). node-postgres emits this as an
   * event; unhandled it would crash the process, so it is reported here and the pool opens a new connection.
   */
  onConnectionError?: (error: Error) => void;
  /** False for tools that only read (the errors CLI): no migration; a database never migrated is refused. */
  migrate?: boolean;
}

export interface PostgresHandle {
  readonly pool: pg.Pool;
  readonly db: Kysely<Schema>;
}

export const DEFAULT_POOL_SIZE = 10;

// node-postgres returns BIGINT (int8) as a string, because it can exceed 2^53. Our BIGINT columns hold epoch
// milliseconds, sequences and BigCommerce ids, all far below 2^53, and count(*) is int8 too: the repositories
// read numbers, as they do from SQLite. A value past 2^53 would be a bug; it fails loudly instead of rounding.
const INT8_OID = 20;

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`BIGINT ${text} does not fit a JavaScript number`);
  return value;
}

const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): ((text: string) => unknown) =>
    oid === INT8_OID && format !== 'binary'
      ? parseInt8
      : (pg.types.getTypeParser(oid, format) as (
          text: string,
        ) => unknown)) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * Opens a pool on DATABASE_URL and brings the schema up to the newest version before anything else runs.
 * The schema is the connection's current schema (normally `public`; `?options=-c search_path=…` picks another).
 */
export async function openPostgres(url: string, options: OpenPostgresOptions = {}): Promise<PostgresHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
    types: TYPES,
    application_name: 'order-context',
  });
  // A connection that drops makes its client emit 'error'. The pool listens only while the client is idle; a
  // client checked out (Kysely holds one per query or transaction) has no listener, and node-postgres' error
  // event would then crash the process — seen when PostgreSQL went away during a sync run. Every client gets
  // its own listener for life; its query is rejected anyway, and the pool drops the broken client.
  pool.on('connect', (client) => client.on('error', (error) => options.onConnectionError?.(error)));
  // The pool re-emits idle clients' errors, already reported by the client's own listener above.
  pool.on('error', () => undefined);
  try {
    if (options.migrate === false) await assertMigrated(pool);
    else await migratePostgres(pool, options.migrations ?? MIGRATIONS);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return { pool, db };
}

async function assertMigrated(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ table: string | null }>(
    "SELECT to_regclass('schema_version') AS table",
  );
  if (rows[0]?.table == null) {
    throw new Error('DATABASE_URL: the database has no schema_version table (has the server run on it?)');
  }
}

// The advisory lock's first key: "this product's migrations"; the second is the schema's hash, so instances of
// one deployment serialize while test runs in their own schemas do not wait for each other.
const MIGRATION_LOCK_CLASS = 0x6f63_6d67; // "ocmg"

/**
 * Brings the connection's schema up to the newest version; idempotent. Several instances starting at once
 * queue on an advisory lock, so the first migrates and the others find the work done. Each version runs in
 * its own transaction with its bookkeeping row (DDL is transactional in PostgreSQL): a failing step leaves
 * the schema at the version before it.
 */
export async function migratePostgres(
  pool: pg.Pool,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number> {
  assertMigrationOrder(migrations);
  const client = await pool.connect();
  let schema: string | null = null;
  let broken = false;
  try {
    const { rows } = await client.query<{ schema: string | null }>('SELECT current_schema() AS schema');
    schema = rows[0]?.schema ?? null;
    if (schema === null) {
      throw new Error(
        'DATABASE_URL: the search_path names no existing schema; create it or use the default (public)',
      );
    }
    await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, schema]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_version (
         singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
         version INTEGER NOT NULL
       )`,
    );
    const found = await client.query<{ version: number }>('SELECT version FROM schema_version');
    const current = found.rows[0]?.version ?? 0;
    assertNotNewer(current, migrations);
    for (const migration of migrations.slice(current)) {
      await client.query('BEGIN');
      try {
        // No parameters: the simple query protocol runs a script of several statements.
        await client.query(migration.postgres);
        await client.query(
          `INSERT INTO schema_version (singleton, version) VALUES (TRUE, $1)
           ON CONFLICT (singleton) DO UPDATE SET version = EXCLUDED.version`,
          [migration.version],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(
          `PostgreSQL migration ${migration.version} ("${migration.name}") failed: ${(error as Error).message}`,
          { cause: error },
        );
      }
    }
    return migrations.length;
  } catch (error) {
    broken = true;
    throw error;
  } finally {
    // A session-level lock lives as long as its connection: a connection that saw an error is closed rather
    // than returned to the pool, which also drops the lock if it was taken.
    if (!broken && schema !== null) {
      try {
        await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, schema]);
      } catch {
        broken = true;
      }
    }
    client.release(broken);
  }
}
