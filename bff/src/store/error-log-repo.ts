import type { AppDatabase } from './db.js';

export interface ErrorLogEntry {
  correlationId: string;
  storeKey: string | null;
  /** What failed: a BigCommerce resource ("order", "customer" …) or "request" for a failed call. */
  resource: string;
  recordId: string | null;
  /** JSON-serializable detail (zod issues, error code …). Never tokens or upstream bodies. */
  issues: unknown;
  createdAt: number;
}

export interface ErrorLogRecord extends ErrorLogEntry {
  id: number;
}

export interface ErrorLogRepo {
  record(entry: ErrorLogEntry): void;
  /** Oldest first; of one store (config key) when `storeKey` is given. */
  listByCorrelationId(correlationId: string, limit?: number, storeKey?: string): ErrorLogRecord[];
  /** Newest first; of one store (config key) when `storeKey` is given, so one market's admin sees only theirs. */
  listRecent(limit?: number, storeKey?: string): ErrorLogRecord[];
  /** Applies the retention bounds; also run every few hundred records by record(). */
  purge(now: number): number;
}

export interface ErrorLogRetention {
  maxAgeMs: number;
  maxRows: number;
}

export const DEFAULT_ERROR_LOG_RETENTION: ErrorLogRetention = {
  maxAgeMs: 30 * 24 * 3_600_000,
  maxRows: 10_000,
};

// Purging on every insert would cost a scan on a hot path; every Nth insert keeps the table bounded enough.
const PURGE_EVERY = 200;

interface ErrorLogRow {
  id: number;
  correlation_id: string;
  store_key: string | null;
  resource: string;
  record_id: string | null;
  issues: string;
  created_at: number;
}

function toRecord(row: ErrorLogRow): ErrorLogRecord {
  let issues: unknown;
  try {
    issues = JSON.parse(row.issues);
  } catch {
    issues = row.issues;
  }
  return {
    id: row.id,
    correlationId: row.correlation_id,
    storeKey: row.store_key,
    resource: row.resource,
    recordId: row.record_id,
    issues,
    createdAt: row.created_at,
  };
}

export function createErrorLogRepo(
  db: AppDatabase,
  retention: ErrorLogRetention = DEFAULT_ERROR_LOG_RETENTION,
): ErrorLogRepo {
  const insert = db.sqlite.prepare(
    `INSERT INTO error_log (correlation_id, store_key, resource, record_id, issues, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const byCorrelation = db.sqlite.prepare(
    'SELECT * FROM error_log WHERE correlation_id = ? ORDER BY id ASC LIMIT ?',
  );
  const byCorrelationOfStore = db.sqlite.prepare(
    'SELECT * FROM error_log WHERE correlation_id = ? AND store_key = ? ORDER BY id ASC LIMIT ?',
  );
  const recent = db.sqlite.prepare('SELECT * FROM error_log ORDER BY id DESC LIMIT ?');
  const recentOfStore = db.sqlite.prepare(
    'SELECT * FROM error_log WHERE store_key = ? ORDER BY id DESC LIMIT ?',
  );
  const purgeOld = db.sqlite.prepare('DELETE FROM error_log WHERE created_at < ?');
  const purgeOverflow = db.sqlite.prepare(
    'DELETE FROM error_log WHERE id <= (SELECT id FROM error_log ORDER BY id DESC LIMIT 1 OFFSET ?)',
  );
  let inserts = 0;

  const purge = (now: number): number =>
    purgeOld.run(now - retention.maxAgeMs).changes + purgeOverflow.run(retention.maxRows).changes;

  return {
    record(entry) {
      insert.run(
        entry.correlationId,
        entry.storeKey,
        entry.resource,
        entry.recordId,
        JSON.stringify(entry.issues ?? null),
        entry.createdAt,
      );
      inserts += 1;
      if (inserts % PURGE_EVERY === 0) purge(entry.createdAt);
    },
    listByCorrelationId: (correlationId, limit = 100, storeKey) =>
      (
        (storeKey === undefined
          ? byCorrelation.all(correlationId, limit)
          : byCorrelationOfStore.all(correlationId, storeKey, limit)) as ErrorLogRow[]
      ).map(toRecord),
    listRecent: (limit = 50, storeKey) =>
      (
        (storeKey === undefined ? recent.all(limit) : recentOfStore.all(storeKey, limit)) as ErrorLogRow[]
      ).map(toRecord),
    purge,
  };
}
