import type { Kysely, Selectable } from 'kysely';
import type { Database, NovomindPushTable } from '../schema.js';

/**
 * Where each market's push to novomind stands (DESIGN §10 Push): the queue is the changes feed itself, read
 * from `deliveredSeq` on. A batch keeps its `batchId` (the webhook-id) and last seq until novomind took it, so
 * a retry — after a 429, a 5xx or a restart — sends the very same batch under the same id. The row's lease
 * (`leaseUntil`) keeps two workers from sending for one market at once.
 */
export interface PushState {
  market: string;
  deliveredSeq: number;
  /** The batch in flight: its webhook-id and its last change; null between batches. */
  batch: { id: string; lastSeq: number } | null;
  /** Failed attempts of the current batch. */
  attempts: number;
  nextAttemptAt: number;
  leaseUntil: number;
  /** Epoch ms of the requests sent in the last minute (the rate limit survives restarts). */
  recentSends: number[];
  lastDeliveredAt: number | null;
  lastError: string | null;
}

export interface NovomindPushRepo {
  /** Creates the market's row (starting after `startSeq`) unless it exists; returns the row. */
  ensure(market: string, startSeq: number, now: number): Promise<PushState>;
  get(market: string): Promise<PushState | null>;
  /** Takes the market for one round until `leaseUntil`; false while someone else holds an unexpired lease. */
  claim(market: string, now: number, leaseUntil: number): Promise<boolean>;
  /** Gives the lease back early (the round is over). */
  release(market: string): Promise<void>;
  /** Remembers the batch about to be sent and the send time (before the request, so a crash cannot lose it). */
  startBatch(market: string, batch: { id: string; lastSeq: number }, recentSends: number[]): Promise<void>;
  /** The batch was taken: the queue moves past it. */
  markDelivered(market: string, lastSeq: number, at: number): Promise<void>;
  /** The batch failed: try it again at `nextAttemptAt`. */
  scheduleRetry(market: string, nextAttemptAt: number, error: string): Promise<void>;
}

const MAX_ERROR_LENGTH = 500;

function toState(row: Selectable<NovomindPushTable>): PushState {
  let recentSends: number[] = [];
  try {
    const parsed: unknown = JSON.parse(row.recent_sends);
    if (Array.isArray(parsed))
      recentSends = parsed.filter((value): value is number => typeof value === 'number');
  } catch {
    recentSends = [];
  }
  return {
    market: row.market,
    deliveredSeq: Number(row.delivered_seq),
    batch:
      row.batch_id === null || row.batch_last_seq === null
        ? null
        : { id: row.batch_id, lastSeq: Number(row.batch_last_seq) },
    attempts: Number(row.attempts),
    nextAttemptAt: Number(row.next_attempt_at),
    leaseUntil: Number(row.lease_until),
    recentSends,
    lastDeliveredAt: row.last_delivered_at === null ? null : Number(row.last_delivered_at),
    lastError: row.last_error,
  };
}

export function createNovomindPushRepo(db: Kysely<Database>): NovomindPushRepo {
  async function get(market: string): Promise<PushState | null> {
    const row = await db
      .selectFrom('novomind_push')
      .selectAll()
      .where('market', '=', market)
      .executeTakeFirst();
    return row ? toState(row) : null;
  }

  return {
    async ensure(market, startSeq, now) {
      await db
        .insertInto('novomind_push')
        .values({
          market,
          delivered_seq: startSeq,
          batch_id: null,
          batch_last_seq: null,
          next_attempt_at: now,
          last_delivered_at: null,
          last_error: null,
        })
        .onConflict((conflict) => conflict.column('market').doNothing())
        .execute();
      const state = await get(market);
      if (!state) throw new Error(`push state for market "${market}" was not stored`);
      return state;
    },
    get,
    async claim(market, now, leaseUntil) {
      const result = await db
        .updateTable('novomind_push')
        .set({ lease_until: leaseUntil })
        .where('market', '=', market)
        .where('lease_until', '<=', now)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async release(market) {
      await db.updateTable('novomind_push').set({ lease_until: 0 }).where('market', '=', market).execute();
    },
    async startBatch(market, batch, recentSends) {
      await db
        .updateTable('novomind_push')
        .set({ batch_id: batch.id, batch_last_seq: batch.lastSeq, recent_sends: JSON.stringify(recentSends) })
        .where('market', '=', market)
        .execute();
    },
    async markDelivered(market, lastSeq, at) {
      await db
        .updateTable('novomind_push')
        .set({
          delivered_seq: lastSeq,
          batch_id: null,
          batch_last_seq: null,
          attempts: 0,
          next_attempt_at: at,
          last_delivered_at: at,
          last_error: null,
        })
        .where('market', '=', market)
        .execute();
    },
    async scheduleRetry(market, nextAttemptAt, error) {
      await db
        .updateTable('novomind_push')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          next_attempt_at: nextAttemptAt,
          last_error: error.slice(0, MAX_ERROR_LENGTH),
        }))
        .where('market', '=', market)
        .execute();
    },
  };
}
