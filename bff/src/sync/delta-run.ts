import type { BigCommerceClient } from '../bigcommerce/index.js';
import type { Logger } from '../core/logger.js';
import type { Repos, SyncStream } from '../store/index.js';
import type { BackgroundGate } from './background-gate.js';
import { pageModified } from './delta-pager.js';
import type { IndexWriter } from './index-writer.js';

/** Re-read this much before the checkpoint: BigCommerce's dates have second granularity, writes show up late. */
export const DELTA_OVERLAP_MS = 5 * 60_000;
/**
 * A finished run's checkpoint is its start minus this (never later): a write BigCommerce made visible late, in the
 * last minute, is read again by the next run. The run itself reads up to its start, so a change shows within an
 * interval (plus the run's own time), not an interval plus a minute.
 */
export const DELTA_SETTLE_MS = 60_000;
/** The nightly run re-reads this much (BigCommerce retries webhooks for 48 hours). */
export const NIGHTLY_SPAN_MS = 48 * 3_600_000;

export interface DeltaRunDeps {
  client: Pick<BigCommerceClient, 'listOrdersModified' | 'listCustomersModified'>;
  repos: Pick<Repos, 'syncState' | 'orderIndex'>;
  writer: IndexWriter;
  gate: BackgroundGate;
  now: () => number;
  logger: Logger;
}

export interface DeltaRunOptions {
  storeKey: string;
  windowDays: number;
  /** Re-read the last 48 hours whatever the checkpoint says. */
  nightly?: boolean;
  /** Progress for the console: records read so far. */
  onProgress?: (stream: SyncStream, read: number, calls: number) => void;
}

export interface DeltaRunResult {
  stream: SyncStream;
  read: number;
  calls: number;
  changes: number;
  backfill: boolean;
  /** Epoch ms the next run starts from (minus the overlap). */
  checkpoint: number;
}

/**
 * One delta run of one stream (DESIGN §9): from the last finished run's checkpoint minus an overlap (the
 * window's start on the first run: the back-fill) up to the run's start, oldest modification first, into the
 * index; the checkpoint it leaves is its start minus a minute (DESIGN §9). Only a run that finished moves the checkpoint; a failed one leaves it, so the next
 * run reads the same span again.
 */
export async function runDelta(
  deps: DeltaRunDeps,
  stream: SyncStream,
  options: DeltaRunOptions,
): Promise<DeltaRunResult> {
  const { storeKey } = options;
  const started = deps.now();
  const nextCheckpoint = started - DELTA_SETTLE_MS;
  const state = await deps.repos.syncState.get(storeKey, stream);
  const checkpoint = state.checkpoint;
  const backfill = checkpoint === null;
  const windowStart = started - options.windowDays * 24 * 3_600_000;
  let lower: number;
  if (checkpoint === null) {
    // The back-fill. Customers have no window: the index holds them all, so it reads from the beginning.
    lower = stream === 'orders' ? windowStart : 0;
  } else if (options.nightly) {
    lower = Math.min(nextCheckpoint - NIGHTLY_SPAN_MS, checkpoint - DELTA_OVERLAP_MS);
  } else {
    lower = checkpoint - DELTA_OVERLAP_MS;
  }
  let read = 0;
  let calls = 0;
  let changes = 0;
  try {
    const range = { min: Math.max(0, lower), max: started };
    const onCall = (n: number) => {
      calls = n;
      options.onProgress?.(stream, read, calls);
    };
    if (stream === 'orders') {
      for await (const orders of pageModified({
        fetch: (r, page) => deps.client.listOrdersModified(r, page, { correlationId: `sync-${storeKey}` }),
        modifiedOf: (order) => Date.parse(order.dateModified ?? order.dateCreated),
        idOf: (order) => order.id,
        range,
        gate: deps.gate,
        onCall,
      })) {
        read += orders.length;
        changes += await deps.writer.applyOrders(storeKey, orders, {
          source: 'delta',
          recordChanges: !backfill,
        });
        options.onProgress?.(stream, read, calls);
      }
      // Old rows leave with the window: the index stays bounded.
      await deps.repos.orderIndex.pruneOrders(storeKey, windowStart);
    } else {
      for await (const customers of pageModified({
        fetch: (r, page) => deps.client.listCustomersModified(r, page, { correlationId: `sync-${storeKey}` }),
        modifiedOf: (customer) =>
          Date.parse(customer.dateModified ?? customer.dateCreated ?? '1970-01-01T00:00:00Z'),
        idOf: (customer) => customer.id,
        range,
        gate: deps.gate,
        onCall,
      })) {
        read += customers.length;
        await deps.writer.applyCustomers(storeKey, customers);
        options.onProgress?.(stream, read, calls);
      }
    }
  } catch (error) {
    await deps.repos.syncState.recordFailure(
      storeKey,
      stream,
      deps.now(),
      error instanceof Error ? error.message : String(error),
    );
    throw error;
  }
  await deps.repos.syncState.recordSuccess({
    storeKey,
    stream,
    checkpoint: nextCheckpoint,
    at: deps.now(),
    nightly: options.nightly === true,
  });
  deps.logger.info(
    { storeKey, stream, read, calls, changes, backfill, nightly: options.nightly === true },
    'delta run finished',
  );
  return { stream, read, calls, changes, backfill, checkpoint: nextCheckpoint };
}
