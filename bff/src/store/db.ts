import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, runMigrations, type Migration } from './migrations.js';

/** The file name inside DATA_DIR. */
export const DATABASE_FILE = 'order-context.sqlite';

export interface AppDatabase {
  readonly sqlite: Database.Database;
  readonly path: string;
  /** Readiness: true when a trivial query answers. Never throws. */
  check(): boolean;
  close(): void;
}

export interface OpenDatabaseOptions {
  migrations?: readonly Migration[];
  /** For tools that only read (the errors CLI): no migrations, no file creation. */
  readonly?: boolean;
  busyTimeoutMs?: number;
}

/**
 * Opens (and migrates) the embedded database. WAL lets readers (CLI, readiness) work while the server
 * writes; busy_timeout makes a second process wait for a lock instead of failing at once.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): AppDatabase {
  const inMemory = file === ':memory:';
  if (!inMemory && !options.readonly) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file, options.readonly ? { readonly: true, fileMustExist: true } : {});
  try {
    sqlite.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    if (!options.readonly) {
      if (!inMemory) sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('foreign_keys = ON');
      runMigrations(sqlite, options.migrations ?? MIGRATIONS);
    }
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const ping = sqlite.prepare('SELECT 1 AS ok');
  return {
    sqlite,
    path: inMemory ? file : path.resolve(file),
    check() {
      try {
        return (ping.get() as { ok: number } | undefined)?.ok === 1;
      } catch {
        return false;
      }
    },
    close() {
      if (sqlite.open) sqlite.close();
    },
  };
}
