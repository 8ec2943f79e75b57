import { Counter, Gauge, type Registry } from 'prom-client';
import type { PushFailureLabel } from './push-policy.js';

export interface NovomindMetrics {
  recordPush(market: string, result: 'delivered' | PushFailureLabel): void;
  recordEvents(result: 'accepted' | 'duplicate' | 'refused', count: number): void;
  recordFanout(rows: number): void;
  /** The push queue per market (depth and oldest age), read at scrape time. */
  setPushBacklogSource(
    source: () => Promise<Array<{ market: string; queued: number; oldestAt: number | null }>>,
  ): void;
}

/**
 * The novomind room's figures for /metrics (DESIGN §12): push requests by outcome, the push queue's depth and
 * oldest age per market, events received, feed rows written. Labels are bounded: markets, types, outcomes.
 */
export function createNovomindMetrics(registry: Registry, now: () => number): NovomindMetrics {
  let backlog: () => Promise<Array<{ market: string; queued: number; oldestAt: number | null }>> = () =>
    Promise.resolve([]);
  const pushRequests = new Counter({
    name: 'novomind_push_requests_total',
    help: 'Push requests to novomind by market and outcome.',
    labelNames: ['market', 'result'] as const,
    registers: [registry],
  });
  const events = new Counter({
    name: 'novomind_events_received_total',
    help: 'Ticket events posted by novomind, by outcome.',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const fanout = new Counter({
    name: 'novomind_feed_changes_total',
    help: 'Changes written to the novomind feed (one per order change and ticket).',
    registers: [registry],
  });
  new Gauge({
    name: 'novomind_push_market_queued',
    help: 'Feed changes waiting to be pushed to novomind, per market.',
    labelNames: ['market'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const entry of await backlog()) this.set({ market: entry.market }, entry.queued);
    },
  });
  new Gauge({
    name: 'novomind_push_market_oldest_age_seconds',
    help: 'Age of the oldest change waiting to be pushed, per market (0 when none waits).',
    labelNames: ['market'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const entry of await backlog()) {
        this.set(
          { market: entry.market },
          entry.oldestAt === null ? 0 : Math.max(0, (now() - entry.oldestAt) / 1000),
        );
      }
    },
  });
  return {
    recordPush: (market, result) => pushRequests.inc({ market, result }),
    recordEvents: (result, count) => {
      if (count > 0) events.inc({ result }, count);
    },
    recordFanout: (rows) => {
      if (rows > 0) fanout.inc(rows);
    },
    setPushBacklogSource(source) {
      backlog = source;
    },
  };
}
