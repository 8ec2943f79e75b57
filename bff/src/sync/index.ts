/**
 * The sync room: per store, an index of recent order headers and the store's customers, kept current by delta
 * runs since the last successful one and by BigCommerce webhooks (DESIGN §9), so a ticket view costs the
 * store's quota nothing; each change is recorded for the novomind feed. createSync() assembles it.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { Counter, type Registry } from 'prom-client';
import type { BigCommerceClient } from '../bigcommerce/index.js';
import type { Cache } from '../cache/index.js';
import type { StoreConfig } from '../config.js';
import type { Logger } from '../core/logger.js';
import type { Repos } from '../store/index.js';
import { createBackgroundGate } from './background-gate.js';
import { runDelta } from './delta-run.js';
import { createHookRegistrar, hookDestination, type HookRegistrar } from './hook-registrar.js';
import { createIndexHealth, type IndexHealth } from './index-health.js';
import { createIndexWriter, type IndexWriter } from './index-writer.js';
import { createSyncScheduler, type SyncScheduler } from './sync-scheduler.js';
import { createWebhookIntake, type IntakeOutcome, type WebhookIntake } from './webhook-intake.js';
import { createWebhookWorker, type SetTimer, type WebhookWorker } from './webhook-worker.js';

export { HOOK_SCOPES, SECRET_HEADER, hookDestination, createHookRegistrar } from './hook-registrar.js';
export type { HookCheck, HookRegistrar } from './hook-registrar.js';
export type { IndexHealth, IndexVerdict } from './index-health.js';
export type { IntakeOutcome, WebhookIntake } from './webhook-intake.js';
export type { SyncScheduler, StoreSyncFacts } from './sync-scheduler.js';
export { toIndexedCustomer, toIndexedOrder } from './index-record.js';

export interface SyncDeps {
  stores: readonly StoreConfig[];
  /** Where BigCommerce delivers (PUBLIC_URL, or the listening URL in sandbox mode); null: no webhooks. */
  publicUrl: () => string | null;
  clientFor: (storeKey: string) => BigCommerceClient;
  repos: Repos;
  cache: Pick<Cache, 'invalidate' | 'invalidatePrefix'>;
  registry: Registry;
  now: () => number;
  logger: Logger;
  backfillShare: number;
  setTimer?: SetTimer;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  isLeader?: (storeKey: string) => Promise<boolean>;
  onDelivery?: (storeKey: string, outcome: IntakeOutcome) => void;
  onChange?: (storeKey: string, kind: string) => void;
}

export interface Sync {
  intake: WebhookIntake;
  worker: WebhookWorker;
  scheduler: SyncScheduler;
  health: IndexHealth;
  writer: IndexWriter;
  registrar: HookRegistrar;
  start(): void;
  stop(): Promise<void>;
}

const realSetTimer: SetTimer = (callback, ms) => {
  const handle = setTimeout(callback, ms);
  handle.unref();
  return () => clearTimeout(handle);
};

const realSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  delay(ms, undefined, { signal, ref: false }).then(() => undefined);

export function createSync(deps: SyncDeps): Sync {
  const logger = deps.logger.child({ room: 'sync' });
  const setTimer = deps.setTimer ?? realSetTimer;
  const sleep = deps.sleep ?? realSleep;
  const storeByKey = new Map(deps.stores.map((store) => [store.key, store]));
  const metrics = createSyncMetrics(deps.registry);

  const writer = createIndexWriter({
    repos: deps.repos,
    cache: deps.cache,
    now: deps.now,
    logger,
    onChange: (storeKey, kind) => {
      metrics.changes.inc({ store: storeKey, kind });
      deps.onChange?.(storeKey, kind);
    },
  });
  const worker = createWebhookWorker({
    repos: deps.repos,
    clientFor: deps.clientFor,
    writer,
    now: deps.now,
    setTimer,
    logger,
    onProcessed: (storeKey, outcome, count) => metrics.rereads.inc({ store: storeKey, outcome }, count),
  });
  const intake = createWebhookIntake({
    repos: deps.repos,
    secretOf: (storeKey) => {
      const store = storeByKey.get(storeKey);
      return store?.sync.enabled ? store.webhookSecret : null;
    },
    now: deps.now,
    onAccepted: () => worker.notify(),
  });
  const registrar = createHookRegistrar({ clientFor: deps.clientFor, now: deps.now, logger });
  const gates = new Map(
    deps.stores.map((store) => [
      store.key,
      createBackgroundGate({
        state: () => deps.clientFor(store.key).rateLimitState(),
        share: deps.backfillShare,
        now: deps.now,
        sleep,
      }),
    ]),
  );
  const scheduler = createSyncScheduler({
    stores: deps.stores.map((store) => ({
      storeKey: store.key,
      sync: store.sync,
      hooks: () => {
        const publicUrl = deps.publicUrl();
        return publicUrl !== null && store.webhookSecret !== null
          ? {
              storeKey: store.key,
              destination: hookDestination(publicUrl, store.key),
              secret: store.webhookSecret,
            }
          : null;
      },
    })),
    runDelta: async (stream, options) => {
      const gate = gates.get(options.storeKey);
      if (!gate) throw new Error(`No sync for store "${options.storeKey}"`);
      const result = await runDelta(
        { client: deps.clientFor(options.storeKey), repos: deps.repos, writer, gate, now: deps.now, logger },
        stream,
        options,
      );
      metrics.runs.inc({ store: options.storeKey, stream, result: 'ok' });
      metrics.calls.inc({ store: options.storeKey, stream }, result.calls);
      health.reset();
      return result;
    },
    registrar,
    repos: deps.repos,
    now: deps.now,
    setTimer,
    logger,
    isLeader: deps.isLeader,
  });
  const health = createIndexHealth({
    repos: deps.repos,
    now: deps.now,
    intervalOf: (storeKey) => {
      const store = storeByKey.get(storeKey);
      return store?.sync.enabled ? store.sync.intervalMs : null;
    },
    webhooksHealthy: async (storeKey) => (await scheduler.facts(storeKey)).webhooksHealthy,
  });

  return {
    intake: {
      async receive(storeKey, secret, body) {
        const outcome = await intake.receive(storeKey, secret, body);
        deps.onDelivery?.(storeKey, outcome);
        return outcome;
      },
    },
    worker,
    scheduler,
    health,
    writer,
    registrar,
    start() {
      worker.start();
      scheduler.start();
    },
    async stop() {
      await scheduler.stop();
      await worker.stop();
    },
  };
}

function createSyncMetrics(registry: Registry) {
  return {
    runs: new Counter({
      name: 'sync_runs_total',
      help: 'Delta runs by store, stream and result.',
      labelNames: ['store', 'stream', 'result'] as const,
      registers: [registry],
    }),
    calls: new Counter({
      name: 'sync_upstream_calls_total',
      help: 'BigCommerce list calls made by delta runs (and back-fills), by store and stream.',
      labelNames: ['store', 'stream'] as const,
      registers: [registry],
    }),
    rereads: new Counter({
      name: 'webhook_rereads_total',
      help: 'Orders re-read because of webhook deliveries, by store and outcome.',
      labelNames: ['store', 'outcome'] as const,
      registers: [registry],
    }),
    changes: new Counter({
      name: 'order_changes_total',
      help: 'Order changes recorded for the novomind feed, by store and kind.',
      labelNames: ['store', 'kind'] as const,
      registers: [registry],
    }),
  };
}
