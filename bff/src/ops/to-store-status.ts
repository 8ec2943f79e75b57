import type { SeriesPoint, StoreStatus } from '../../../shared/admin.js';
import type { StoreFacts } from './gather-store-facts.js';
import type { Judgement } from './judge-store.js';
import { minuteStart, type MinuteBucket } from './minute-series.js';

function iso(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}

function ageSeconds(at: number, since: number | null | undefined): number | null {
  return since === null || since === undefined ? null : Math.max(0, Math.round((at - since) / 1000));
}

function toSeriesPoint(bucket: MinuteBucket): SeriesPoint {
  return {
    at: new Date(minuteStart(bucket.minute)).toISOString(),
    calls: bucket.calls,
    throttled: bucket.throttled,
    lagSeconds: bucket.lagSeconds,
    notesQueued: bucket.notesQueued,
    pushQueued: bucket.pushQueued,
  };
}

/** The lag a store's index may have: now minus the orders stream's checkpoint (what the next run reads from). */
export function lagSecondsOf(facts: StoreFacts): number | null {
  const orders = facts.sync.streams.find((stream) => stream.stream === 'orders');
  return ageSeconds(facts.at, orders?.checkpoint);
}

function backfillPercent(facts: StoreFacts, done: boolean): number | null {
  const progress = facts.sync.live?.backfill;
  if (progress && progress.total !== null && progress.total > 0) {
    return Math.min(100, Math.round((progress.read / progress.total) * 1000) / 10);
  }
  return done ? 100 : null;
}

/** One store's JSON for the console: pure mapping of its facts, verdict and last hour. */
export function toStoreStatus(
  store: { key: string; label: string },
  facts: StoreFacts,
  judgement: Judgement,
  lastHour: readonly MinuteBucket[],
): StoreStatus {
  const { at, evidence, quota, sync, webhooks, notes } = facts;
  const live = sync.live;
  const hooks = live?.webhooks ?? null;
  const orders = sync.streams.find((stream) => stream.stream === 'orders');
  const backfillDone = orders?.backfillDone ?? false;
  const push = facts.push.facts;
  return {
    key: store.key,
    label: store.label,
    state: judgement.state,
    reasons: judgement.reasons,
    bigcommerce: {
      reachable:
        evidence.lastSeenAt === null && evidence.lastOkAt === null
          ? null
          : evidence.refusedAt === null && evidence.consecutiveFailures === 0,
      lastOkAt: iso(evidence.lastOkAt),
      lastFailureAt: iso(evidence.lastFailureAt),
      lastFailure: evidence.lastFailure,
      consecutiveFailures: evidence.consecutiveFailures,
      requestsLeft: quota.requestsLeft ?? null,
      quota: quota.quota ?? null,
      resetAt: iso(quota.resetAt),
      callsLastHour: facts.lastHour.calls,
      throttledLastHour: facts.lastHour.throttled,
      failedLastHour: facts.lastHour.failed,
    },
    sync: {
      enabled: live?.enabled ?? null,
      running: live?.running ?? null,
      nextRunAt: iso(live?.nextRunAt),
      intervalSeconds: live?.intervalMs === null || live === null ? null : live.intervalMs / 1000,
      lastSuccessAt: iso(orders?.lastSuccessAt),
      lastRunAt: iso(orders?.lastRunAt),
      lastError: orders?.lastError ?? null,
      lagSeconds: lagSecondsOf(facts),
      ordersIndexed: sync.ordersIndexed,
      customersIndexed: sync.customersIndexed,
      backfill: { done: backfillDone, percent: backfillPercent(facts, backfillDone) },
      streams: sync.streams.map((stream) => ({
        stream: stream.stream,
        lastSuccessAt: iso(stream.lastSuccessAt),
        lastRunAt: iso(stream.lastRunAt),
        lastError: stream.lastError,
        checkpoint: iso(stream.checkpoint),
        backfillDone: stream.backfillDone,
      })),
    },
    webhooks: {
      expected: hooks?.expected ?? null,
      registered: hooks?.registered ?? null,
      active: hooks?.active ?? null,
      checkedAt: iso(hooks?.checkedAt),
      lastError: hooks?.lastError ?? null,
      lastDeliveryAt: iso(webhooks.stats.lastReceivedAt),
      deliveriesLastHour: webhooks.stats.receivedSince,
      duplicatesLastHour: webhooks.duplicatesLastHour,
      missedLastHour: webhooks.missedLastHour,
      pending: webhooks.stats.pending,
      oldestPendingAgeSeconds: ageSeconds(at, webhooks.stats.oldestPendingAt),
      failed: webhooks.stats.failed,
    },
    cache: {
      lookupsLastHour: facts.lastHour.cacheLookups,
      hitRatio:
        facts.lastHour.cacheLookups === 0
          ? null
          : Math.round((facts.lastHour.cacheHits / facts.lastHour.cacheLookups) * 1000) / 1000,
    },
    notes: {
      queued: notes.queued,
      failed: notes.failed,
      oldestQueuedAgeSeconds: ageSeconds(at, notes.oldestQueuedAt),
    },
    push: {
      enabled: push?.enabled ?? null,
      failing: push?.failing ?? null,
      queued: push?.queued ?? null,
      oldestQueuedAgeSeconds: ageSeconds(at, push?.oldestQueuedAt),
      lastDeliveredAt: iso(push?.lastDeliveredAt),
      errorsLastHour: push?.errorsLastHour ?? null,
      lastError: push?.lastError ?? null,
    },
    series: lastHour.map(toSeriesPoint),
  };
}
