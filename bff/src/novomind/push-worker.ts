import type { Change } from '../../../shared/s2s.js';
import type { Logger } from '../core/logger.js';
import type { SetTimer } from '../notes/index.js';
import type { ErrorLogRepo, NovomindChangeRepo, NovomindPushRepo } from '../store/index.js';
import type { ChangeFanout } from './change-fanout.js';
import { toChange } from './changes-feed.js';
import type { NovomindMetrics } from './novomind-metrics.js';
import { decidePush } from './push-policy.js';
import type { PushTransport } from './push-sender.js';
import { webhookHeaders } from './push-signature.js';
import { keepRecent, nextSendAt } from './rate-window.js';

/** A market that pushes (config `markets.<id>.novomind.pushUrl`). */
export interface PushTarget {
  market: string;
  url: string;
  secret: string;
  maxRequestsPerMinute: number;
}

export interface PushWorkerDeps {
  targets: readonly PushTarget[];
  changes: Pick<NovomindChangeRepo, 'listAfter' | 'headSeq' | 'backlog'>;
  push: NovomindPushRepo;
  errorLog: Pick<ErrorLogRepo, 'record'>;
  fanout: ChangeFanout;
  transport: PushTransport;
  metrics: NovomindMetrics;
  logger: Logger;
  now: () => number;
  setTimer: SetTimer;
  random: () => number;
  /** Changes per request. Default 100. */
  batchSize?: number;
  /** How long one round owns a market (longer than a request may take). Default 60 s. */
  leaseMs?: number;
  /** Longest sleep between rounds when nothing is due (new changes come from the fan-out). Default 2 s. */
  idleIntervalMs?: number;
}

export interface PushWorker {
  /** Creates the markets' push rows (starting at the feed's head: history is not pushed) and starts rounds. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** One round per market, side by side; how many batches were delivered. */
  runOnce(): Promise<number>;
  /** The earliest time a market has something to send (a retry, a rate-limit slot), or null when idle. */
  nextDueAt(): Promise<number | null>;
  /** Something new may be there: wake up now. */
  notify(): void;
  /** Failed sends of the market since `since` (epoch ms; this process's last hour at most), for the console. */
  failuresSince(market: string, since: number): number;
}

const FAILURE_MEMORY_MS = 3_600_000;

/**
 * The push (DESIGN §10): per market, the feed's changes after `deliveredSeq`, in batches, in seq order — so in
 * order per ticket. A batch is remembered (with its webhook-id) before it is sent, so a retry or a restart
 * sends the very same batch: novomind drops a repeat by its webhook-id, a change by its id. Never more
 * requests in a minute than the market allows (the send times are stored, so this holds across restarts);
 * 429 waits its Retry-After; 5xx and network errors back off. The same shape as the notes worker: durable
 * rows, a lease per market, start/stop, runOnce for tests, depth and oldest age in the metrics.
 */
export function createPushWorker(deps: PushWorkerDeps): PushWorker {
  const batchSize = deps.batchSize ?? 100;
  const leaseMs = deps.leaseMs ?? 60_000;
  const idleIntervalMs = deps.idleIntervalMs ?? 2_000;
  const rounds = new Map<string, Promise<number>>();
  // Failure times per market: the console's "errors in the last hour" (kept in memory; a restart forgets them).
  const failures = new Map<string, number[]>();
  let running = false;

  function recordFailure(market: string, at: number): void {
    const recent = (failures.get(market) ?? []).filter((time) => time > at - FAILURE_MEMORY_MS);
    recent.push(at);
    failures.set(market, recent);
  }
  let cancelTimer: (() => void) | null = null;
  let wakeAt = Number.POSITIVE_INFINITY;

  async function sendBatch(target: PushTarget): Promise<'sent' | 'idle' | 'wait'> {
    const now = deps.now();
    const state = await deps.push.get(target.market);
    if (!state || state.nextAttemptAt > now) return 'wait';
    if (nextSendAt(state.recentSends, now, target.maxRequestsPerMinute) > now) return 'wait';
    const rows = (await deps.changes.listAfter(state.deliveredSeq, batchSize, target.market)).filter(
      (row) => state.batch === null || row.seq <= state.batch.lastSeq,
    );
    const last = rows.at(-1);
    if (!last) {
      // The batch's rows were purged while novomind was away (14 days): nothing left to send for it.
      if (state.batch) await deps.push.markDelivered(target.market, state.batch.lastSeq, now);
      return 'idle';
    }
    const batch = state.batch ?? {
      id: `oc-push-${target.market}-${rows[0]?.seq ?? last.seq}-${last.seq}`,
      lastSeq: last.seq,
    };
    const changes: Change[] = rows.map(toChange);
    const body = JSON.stringify({ changes });
    // Stored before the request: a crash during it cannot send more than the limit, or lose the batch's id.
    await deps.push.startBatch(target.market, batch, [...keepRecent(state.recentSends, now), now]);
    const result = await deps.transport(target.url, webhookHeaders(target.secret, batch.id, now, body), body);
    const outcome = decidePush(result, state.attempts, deps.now(), deps.random);
    if (outcome.kind === 'delivered') {
      await deps.push.markDelivered(target.market, batch.lastSeq, deps.now());
      deps.metrics.recordPush(target.market, 'delivered');
      return 'sent';
    }
    const retryAt = deps.now() + outcome.delayMs;
    await deps.push.scheduleRetry(target.market, retryAt, outcome.reason);
    recordFailure(target.market, deps.now());
    deps.metrics.recordPush(target.market, outcome.label);
    deps.logger.error(
      {
        market: target.market,
        batch: batch.id,
        attempts: state.attempts + 1,
        reason: outcome.reason,
        retryAt: new Date(retryAt).toISOString(),
      },
      'novomind push failed; the batch will be sent again',
    );
    await deps.errorLog
      .record({
        correlationId: batch.id,
        storeKey: null,
        resource: 'novomind_push',
        recordId: target.market,
        issues: [
          { code: outcome.label, reason: outcome.reason, attempts: state.attempts + 1, changes: rows.length },
        ],
        createdAt: deps.now(),
      })
      .catch((error: unknown) => deps.logger.error({ err: error }, 'could not write the error log'));
    return 'wait';
  }

  async function runRound(target: PushTarget): Promise<number> {
    const now = deps.now();
    if (!(await deps.push.claim(target.market, now, now + leaseMs))) return 0;
    let delivered = 0;
    try {
      await deps.fanout.catchUp();
      // Batch after batch while novomind takes them and the rate allows.
      while ((await sendBatch(target)) === 'sent') delivered += 1;
    } finally {
      await deps.push.release(target.market);
    }
    return delivered;
  }

  async function runOnce(): Promise<number> {
    for (const target of deps.targets) {
      if (rounds.has(target.market)) continue;
      rounds.set(
        target.market,
        runRound(target)
          .catch((error: unknown) => {
            deps.logger.error({ err: error, market: target.market }, 'novomind push round failed');
            return 0;
          })
          .finally(() => rounds.delete(target.market)),
      );
    }
    const counts = await Promise.all([...rounds.values()]);
    return counts.reduce((sum, count) => sum + count, 0);
  }

  async function nextDueAt(): Promise<number | null> {
    let next: number | null = null;
    for (const target of deps.targets) {
      const state = await deps.push.get(target.market);
      if (!state) continue;
      const waiting = await deps.changes.backlog(target.market, state.deliveredSeq);
      if (waiting.count === 0) continue;
      const at = Math.max(
        state.nextAttemptAt,
        nextSendAt(state.recentSends, deps.now(), target.maxRequestsPerMinute),
      );
      next = next === null ? at : Math.min(next, at);
    }
    return next;
  }

  function schedule(at: number): void {
    if (!running) return;
    const now = deps.now();
    const target = Math.min(at, now + idleIntervalMs);
    if (cancelTimer && target >= wakeAt) return;
    cancelTimer?.();
    wakeAt = target;
    cancelTimer = deps.setTimer(
      () => {
        cancelTimer = null;
        wakeAt = Number.POSITIVE_INFINITY;
        void tick();
      },
      Math.max(0, target - now),
    );
  }

  async function tick(): Promise<void> {
    await runOnce();
    let next = Number.POSITIVE_INFINITY;
    try {
      next = (await nextDueAt()) ?? next;
    } catch (error) {
      deps.logger.error({ err: error }, 'could not read the novomind push state; trying again later');
    }
    schedule(next);
  }

  return {
    failuresSince(market, since) {
      return (failures.get(market) ?? []).filter((time) => time > since).length;
    },
    async start() {
      const head = await deps.changes.headSeq();
      for (const target of deps.targets) await deps.push.ensure(target.market, head, deps.now());
      if (running) return;
      running = true;
      void tick();
    },
    async stop() {
      running = false;
      cancelTimer?.();
      cancelTimer = null;
      wakeAt = Number.POSITIVE_INFINITY;
      while (rounds.size > 0) await Promise.allSettled([...rounds.values()]);
    },
    runOnce,
    nextDueAt,
    notify() {
      schedule(deps.now());
    },
  };
}
