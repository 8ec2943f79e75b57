import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export type SyncStream = 'orders' | 'customers';

/** Where one store's delta runs of one stream stand (DESIGN §9); the checkpoint survives restarts. */
export interface SyncState {
  storeKey: string;
  stream: SyncStream;
  /** The lower bound of the next run (epoch ms), or null before the first finished run (back-fill). */
  checkpoint: number | null;
  lastSuccessAt: number | null;
  lastRunAt: number | null;
  lastError: string | null;
  backfillDone: boolean;
  /** When the last nightly re-read of 48 hours finished. */
  nightlyAt: number | null;
}

export interface SyncStateRepo {
  get(storeKey: string, stream: SyncStream): Promise<SyncState>;
  /** A run finished: the checkpoint moves (never backwards), the error clears. */
  recordSuccess(
    state: Pick<SyncState, 'storeKey' | 'stream'> & { checkpoint: number; at: number; nightly?: boolean },
  ): Promise<void>;
  /** A run failed: the checkpoint stays where it was. */
  recordFailure(storeKey: string, stream: SyncStream, at: number, error: string): Promise<void>;
  list(): Promise<SyncState[]>;
}

export function createSyncStateRepo(db: Kysely<Database>): SyncStateRepo {
  async function ensure(storeKey: string, stream: SyncStream): Promise<void> {
    await db
      .insertInto('sync_state')
      .values({
        store_key: storeKey,
        stream,
        checkpoint: null,
        last_success_at: null,
        last_run_at: null,
        last_error: null,
        backfill_done: 0,
        nightly_at: null,
      })
      .onConflict((conflict) => conflict.columns(['store_key', 'stream']).doNothing())
      .execute();
  }

  return {
    async get(storeKey, stream) {
      const row = await db
        .selectFrom('sync_state')
        .selectAll()
        .where('store_key', '=', storeKey)
        .where('stream', '=', stream)
        .executeTakeFirst();
      return {
        storeKey,
        stream,
        checkpoint: row?.checkpoint == null ? null : Number(row.checkpoint),
        lastSuccessAt: row?.last_success_at == null ? null : Number(row.last_success_at),
        lastRunAt: row?.last_run_at == null ? null : Number(row.last_run_at),
        lastError: row?.last_error ?? null,
        backfillDone: Number(row?.backfill_done ?? 0) === 1,
        nightlyAt: row?.nightly_at == null ? null : Number(row.nightly_at),
      };
    },
    async recordSuccess({ storeKey, stream, checkpoint, at, nightly }) {
      await ensure(storeKey, stream);
      await db
        .updateTable('sync_state')
        .set((eb) => ({
          // Never backwards: a slow run finishing after a newer one must not re-open what that one covered.
          checkpoint: eb.fn.coalesce(
            eb.case().when('checkpoint', '>', checkpoint).then(eb.ref('checkpoint')).else(checkpoint).end(),
            eb.val(checkpoint),
          ),
          last_success_at: at,
          last_run_at: at,
          last_error: null,
          backfill_done: 1,
          ...(nightly ? { nightly_at: at } : {}),
        }))
        .where('store_key', '=', storeKey)
        .where('stream', '=', stream)
        .execute();
    },
    async recordFailure(storeKey, stream, at, error) {
      await ensure(storeKey, stream);
      await db
        .updateTable('sync_state')
        .set({ last_run_at: at, last_error: error.slice(0, 500) })
        .where('store_key', '=', storeKey)
        .where('stream', '=', stream)
        .execute();
    },
    async list() {
      const rows = await db
        .selectFrom('sync_state')
        .selectAll()
        .orderBy('store_key')
        .orderBy('stream')
        .execute();
      return rows.map((row) => ({
        storeKey: row.store_key,
        stream: row.stream as SyncStream,
        checkpoint: row.checkpoint == null ? null : Number(row.checkpoint),
        lastSuccessAt: row.last_success_at == null ? null : Number(row.last_success_at),
        lastRunAt: row.last_run_at == null ? null : Number(row.last_run_at),
        lastError: row.last_error,
        backfillDone: Number(row.backfill_done) === 1,
        nightlyAt: row.nightly_at == null ? null : Number(row.nightly_at),
      }));
    },
  };
}
