import type { Kysely, Selectable } from 'kysely';
import type { Database, ErrorLogTable } from '../schema.js';
import { DEFAULT_RETENTION, type Retention } from './retention.js';

export interface ErrorLogEntry {
  correlationId: string;
  storeKey: string | null;
  /** What failed: a BigCommerce resource ("order", "customer" …) or "request" for a failed call. */
  resource: string;
  recordId: string | null;
  /** JSON-serializable detail (zod issues, error code …). Never tokens or upstream bodies. */
  issues: unknown;
  createdAt: number;
  /** The shared upstream load this entry came from (see `addRefs`), if any. */
  loadId?: string | null;
}

export interface ErrorLogRecord extends Omit<ErrorLogEntry, 'loadId'> {
  id: number;
  loadId: string | null;
}

export interface ErrorLogRepo {
  record(entry: ErrorLogEntry): Promise<void>;
  /**
   * Files `correlationId` as another caller of loads whose invalid records are in the log, so the id that
   * caller's widget shows finds them too (a load shared by single-flight or the cache ran once, under the
   * first caller's id).
   */
  addRefs(correlationId: string, loadIds: readonly string[], at: number): Promise<void>;
  /** Oldest first: entries filed under the id, and entries of loads the id used. Of one store when given. */
  listByCorrelationId(correlationId: string, limit?: number, storeKey?: string): Promise<ErrorLogRecord[]>;
  /** Newest first; of one store (config key) when `storeKey` is given, so one market's admin sees only theirs. */
  listRecent(limit?: number, storeKey?: string): Promise<ErrorLogRecord[]>;
  /** Applies the retention bounds; also run every few hundred records by record(). */
  purge(now: number): Promise<number>;
}

// Purging on every insert would cost a scan on a hot path; every Nth insert keeps the table bounded enough
// between the maintenance runs.
const PURGE_EVERY = 200;

function toRecord(row: Selectable<ErrorLogTable>): ErrorLogRecord {
  let issues: unknown;
  try {
    issues = JSON.parse(row.issues);
  } catch {
    issues = row.issues;
  }
  return {
    id: Number(row.id),
    correlationId: row.correlation_id,
    storeKey: row.store_key,
    resource: row.resource,
    recordId: row.record_id,
    issues,
    createdAt: Number(row.created_at),
    loadId: row.load_id,
  };
}

export function createErrorLogRepo(
  db: Kysely<Database>,
  retention: Retention = DEFAULT_RETENTION.errorLog,
): ErrorLogRepo {
  let inserts = 0;

  async function purge(now: number): Promise<number> {
    const old = await db
      .deleteFrom('error_log')
      .where('created_at', '<', now - retention.maxAgeMs)
      .executeTakeFirst();
    const overflow = await db
      .deleteFrom('error_log')
      .where('id', '<=', (eb) =>
        eb.selectFrom('error_log').select('id').orderBy('id', 'desc').limit(1).offset(retention.maxRows),
      )
      .executeTakeFirst();
    await db
      .deleteFrom('error_log_refs')
      .where('created_at', '<', now - retention.maxAgeMs)
      .execute();
    return Number(old.numDeletedRows) + Number(overflow.numDeletedRows);
  }

  return {
    async record(entry) {
      await db
        .insertInto('error_log')
        .values({
          correlation_id: entry.correlationId,
          store_key: entry.storeKey,
          resource: entry.resource,
          record_id: entry.recordId,
          issues: JSON.stringify(entry.issues ?? null),
          created_at: entry.createdAt,
          load_id: entry.loadId ?? null,
        })
        .execute();
      inserts += 1;
      if (inserts % PURGE_EVERY === 0) await purge(entry.createdAt);
    },
    async addRefs(correlationId, loadIds, at) {
      const unique = [...new Set(loadIds)];
      if (unique.length === 0) return;
      await db
        .insertInto('error_log_refs')
        .values(unique.map((loadId) => ({ correlation_id: correlationId, load_id: loadId, created_at: at })))
        .onConflict((conflict) => conflict.columns(['correlation_id', 'load_id']).doNothing())
        .execute();
    },
    async listByCorrelationId(correlationId, limit = 100, storeKey) {
      let query = db
        .selectFrom('error_log')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('correlation_id', '=', correlationId),
            eb(
              'load_id',
              'in',
              eb.selectFrom('error_log_refs').select('load_id').where('correlation_id', '=', correlationId),
            ),
          ]),
        );
      if (storeKey !== undefined) query = query.where('store_key', '=', storeKey);
      const rows = await query.orderBy('id', 'asc').limit(limit).execute();
      return rows.map(toRecord);
    },
    async listRecent(limit = 50, storeKey) {
      let query = db.selectFrom('error_log').selectAll();
      if (storeKey !== undefined) query = query.where('store_key', '=', storeKey);
      const rows = await query.orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toRecord);
    },
    purge,
  };
}
