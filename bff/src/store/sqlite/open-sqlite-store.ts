import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { assertMigrationOrder, assertNotNewer, MIGRATIONS, type Migration } from '../migrations.js';
import type { Database as Schema } from '../schema.js';

export interface OpenSqliteOptions {
  migrations?: readonly Migration[];
  /** For tools that only read (the errors CLI): no migrations, no file creation. */
  readonly?: boolean;
  busyTimeoutMs?: number;
}

export interface SqliteHandle {
  readonly sqlite: Database.Database;
  readonly db: Kysely<Schema>;
  /** The resolved file, or `:memory:`. */
  readonly path: string;
}

/**
 * Opens (and migrates) the embedded database. WAL lets readers (the errors CLI, readiness) work while the
 * server writes; busy_timeout makes a reader wait for a lock instead of failing at once. Kysely runs every
 * query on this one connection behind a mutex, so an async transaction never interleaves with other writes.
 */
export function openSqlite(file: string, options: OpenSqliteOptions = {}): SqliteHandle {
  const inMemory = file === ':memory:';
  if (!inMemory && !options.readonly) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file, options.readonly ? { readonly: true, fileMustExist: true } : {});
  try {
    sqlite.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    if (!options.readonly) {
      if (!inMemory) sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('foreign_keys = ON');
      migrateSqlite(sqlite, options.migrations ?? MIGRATIONS);
    }
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { sqlite, db, path: inMemory ? file : path.resolve(file) };
}

/** Brings a SQLite database up to the newest version (PRAGMA user_version). Idempotent. */
export function migrateSqlite(
  sqlite: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): number {
  assertMigrationOrder(migrations);
  const current = sqlite.pragma('user_version', { simple: true }) as number;
  assertNotNewer(current, migrations);
  for (const migration of migrations.slice(current)) {
    sqlite.transaction(() => {
      sqlite.exec(migration.sqlite);
      // PRAGMA cannot take a bound parameter; the version is our own integer.
      sqlite.pragma(`user_version = ${migration.version}`);
    })();
  }
  return migrations.length;
}
