import { Counter, Gauge, type Registry } from 'prom-client';
import { WEBHOOK_DELIVERY_OUTCOMES } from './ops-providers.js';
import type { OpsRegistry } from './ops-registry.js';
import type { OpsReport, StoreReport } from './status-service.js';
import { lagSecondsOf } from './to-store-status.js';

/**
 * The console's figures for Prometheus, read at scrape time from the same report the console shows (so the two
 * never disagree). Labels are bounded: `store` (a configured key), `stream`, `state`, `status`, `outcome` —
 * never an order, ticket or email. Names follow the BFF's existing metrics (no prefix, base units, `_total` for
 * counters). docs/alerts.md alerts on them.
 */
export const OPS_METRIC_NAMES = [
  'ops_store_state',
  'bigcommerce_requests_left',
  'sync_last_success_timestamp_seconds',
  'sync_lag_seconds',
  'sync_orders_indexed',
  'webhook_deliveries_total',
  'webhook_deliveries_pending',
  'webhook_deliveries_failed',
  'webhook_oldest_pending_age_seconds',
  'webhook_last_delivery_timestamp_seconds',
  'webhook_subscriptions',
  'notes_outbox_notes',
  'notes_outbox_oldest_age_seconds',
  'novomind_push_queued',
  'novomind_push_oldest_age_seconds',
  'novomind_push_failing',
  'novomind_push_last_delivered_timestamp_seconds',
] as const;

type Setter = (gauge: Gauge, store: StoreReport) => void;

const seconds = (ms: number): number => ms / 1000;
const ageSeconds = (at: number, since: number): number => Math.max(0, seconds(at - since));

export function registerOpsMetrics(
  registry: Registry,
  ops: Pick<OpsRegistry, 'storeKeys' | 'deliveriesOf'>,
  report: () => Promise<OpsReport>,
): void {
  /** A gauge whose series are rebuilt from the report at every scrape: a store's absent value stays absent. */
  function gauge(name: string, help: string, labelNames: readonly string[], set: Setter): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const { stores } = await report();
        this.reset();
        for (const store of stores) set(this, store);
      },
    });
  }

  gauge(
    'ops_store_state',
    'The store’s state on the operations console: 1 for the current one of healthy, degraded, failing.',
    ['store', 'state'],
    (g, { key, judgement }) => {
      for (const state of ['healthy', 'degraded', 'failing'])
        g.set({ store: key, state }, judgement.state === state ? 1 : 0);
    },
  );
  gauge(
    'bigcommerce_requests_left',
    'Requests left in the store’s current BigCommerce rate-limit window (X-Rate-Limit-Requests-Left).',
    ['store'],
    (g, { key, facts }) => {
      if (facts.quota.requestsLeft !== undefined) g.set({ store: key }, facts.quota.requestsLeft);
    },
  );
  gauge(
    'sync_last_success_timestamp_seconds',
    'When the store’s last delta run of the stream finished successfully (unix seconds).',
    ['store', 'stream'],
    (g, { key, facts }) => {
      for (const stream of facts.sync.streams)
        if (stream.lastSuccessAt !== null)
          g.set({ store: key, stream: stream.stream }, seconds(stream.lastSuccessAt));
    },
  );
  gauge(
    'sync_lag_seconds',
    'How far behind the store’s order index can be: now minus the orders checkpoint.',
    ['store'],
    (g, { key, facts }) => {
      const lag = lagSecondsOf(facts);
      if (lag !== null) g.set({ store: key }, lag);
    },
  );
  gauge('sync_orders_indexed', 'Order headers in the store’s index.', ['store'], (g, { key, facts }) =>
    g.set({ store: key }, facts.sync.ordersIndexed),
  );
  gauge(
    'webhook_deliveries_pending',
    'Webhook deliveries stored and not yet processed.',
    ['store'],
    (g, { key, facts }) => g.set({ store: key }, facts.webhooks.stats.pending),
  );
  gauge(
    'webhook_deliveries_failed',
    'Webhook deliveries whose processing failed for good (kept 49 hours).',
    ['store'],
    (g, { key, facts }) => g.set({ store: key }, facts.webhooks.stats.failed),
  );
  gauge(
    'webhook_oldest_pending_age_seconds',
    'Age of the oldest unprocessed webhook delivery.',
    ['store'],
    (g, { key, facts }) => {
      const oldest = facts.webhooks.stats.oldestPendingAt;
      if (oldest !== null) g.set({ store: key }, ageSeconds(facts.at, oldest));
    },
  );
  gauge(
    'webhook_last_delivery_timestamp_seconds',
    'When the store’s last webhook delivery was received (unix seconds).',
    ['store'],
    (g, { key, facts }) => {
      const last = facts.webhooks.stats.lastReceivedAt;
      if (last !== null) g.set({ store: key }, seconds(last));
    },
  );
  gauge(
    'webhook_subscriptions',
    'The store’s webhooks as the last check found them: active, inactive (is_active false) or missing.',
    ['store', 'state'],
    (g, { key, facts }) => {
      const hooks = facts.sync.live?.webhooks;
      if (!hooks) return;
      g.set({ store: key, state: 'active' }, hooks.active);
      g.set({ store: key, state: 'inactive' }, Math.max(0, hooks.registered - hooks.active));
      g.set({ store: key, state: 'missing' }, Math.max(0, hooks.expected - hooks.registered));
    },
  );
  gauge(
    'notes_outbox_notes',
    'Notes in the outbox by status: queued (waiting for BigCommerce) or failed (for good).',
    ['store', 'status'],
    (g, { key, facts }) => {
      g.set({ store: key, status: 'queued' }, facts.notes.queued);
      g.set({ store: key, status: 'failed' }, facts.notes.failed);
    },
  );
  gauge(
    'notes_outbox_oldest_age_seconds',
    'Age of the oldest queued note.',
    ['store'],
    (g, { key, facts }) => {
      const oldest = facts.notes.oldestQueuedAt;
      if (oldest !== null) g.set({ store: key }, ageSeconds(facts.at, oldest));
    },
  );
  const pushGauge = (name: string, help: string, value: (store: StoreReport) => number | null) =>
    gauge(name, help, ['store'], (g, store) => {
      if (!store.facts.push.facts?.enabled) return;
      const v = value(store);
      if (v !== null) g.set({ store: store.key }, v);
    });
  pushGauge(
    'novomind_push_queued',
    'Changes waiting to be pushed to novomind.',
    ({ facts }) => facts.push.facts?.queued ?? null,
  );
  pushGauge(
    'novomind_push_oldest_age_seconds',
    'Age of the oldest change waiting for novomind.',
    ({ facts }) => {
      const oldest = facts.push.facts?.oldestQueuedAt ?? null;
      return oldest === null ? null : ageSeconds(facts.at, oldest);
    },
  );
  pushGauge(
    'novomind_push_failing',
    '1 while pushing to novomind keeps failing (backing off), else 0.',
    ({ facts }) => (facts.push.facts?.failing ? 1 : 0),
  );
  pushGauge(
    'novomind_push_last_delivered_timestamp_seconds',
    'When novomind last accepted a push (unix seconds).',
    ({ facts }) => {
      const last = facts.push.facts?.lastDeliveredAt ?? null;
      return last === null ? null : seconds(last);
    },
  );

  new Counter({
    name: 'webhook_deliveries_total',
    help: 'Webhook deliveries received, by how the intake answered: accepted, duplicate, unauthorized, invalid.',
    labelNames: ['store', 'outcome'],
    registers: [registry],
    collect() {
      // The totals live in the ops registry (the intake reports there); a counter only ever shows them.
      this.reset();
      for (const store of ops.storeKeys) {
        const totals = ops.deliveriesOf(store);
        if (!totals) continue;
        for (const outcome of WEBHOOK_DELIVERY_OUTCOMES) this.inc({ store, outcome }, totals[outcome]);
      }
    },
  });
}
