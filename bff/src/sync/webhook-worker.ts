import type { BigCommerceClient } from '../bigcommerce/index.js';
import type { Logger } from '../core/logger.js';
import type { DeliveryRecord, Repos } from '../store/index.js';
import type { IndexWriter } from './index-writer.js';

/** Schedules a callback; returns a function that cancels it. Injected so tests drive time themselves. */
export type SetTimer = (callback: () => void, ms: number) => () => void;

export interface WebhookWorkerDeps {
  repos: Pick<Repos, 'webhookDeliveries'>;
  clientFor: (storeKey: string) => Pick<BigCommerceClient, 'getOrder' | 'getCustomersByIds'>;
  writer: IndexWriter;
  now: () => number;
  setTimer: SetTimer;
  logger: Logger;
  /** Deliveries taken per pass. Default 200. */
  batchSize?: number;
  /** How long a claimed batch is off-limits to other workers. Default 60 s. */
  leaseMs?: number;
  /** Orders re-read at once per store. Default 4. */
  concurrency?: number;
  /** After this many attempts a delivery is given up (the next delta run still catches the change). Default 8. */
  maxAttempts?: number;
  onProcessed?: (storeKey: string, outcome: 'reread' | 'gone' | 'failed', count: number) => void;
}

export interface WebhookWorker {
  start(): void;
  stop(): Promise<void>;
  /** Processes what is due now; resolves with how many deliveries it settled. */
  runOnce(): Promise<number>;
  /** A delivery arrived: process soon. */
  notify(): void;
}

const IDLE_MS = 30_000;
const BACKOFF_BASE_MS = 5_000;
const BACKOFF_CAP_MS = 10 * 60_000;

/**
 * Turns stored deliveries into index updates. Many deliveries about one order (created, statusUpdated,
 * updated, a shipment …) become one re-read of that order; the scopes say what happened, the re-read says
 * what is true now. An order BigCommerce no longer has leaves the index. A failed re-read (BigCommerce down)
 * keeps its deliveries pending with a backoff; the delta runs are the safety net behind them.
 */
export function createWebhookWorker(deps: WebhookWorkerDeps): WebhookWorker {
  const batchSize = deps.batchSize ?? 200;
  const leaseMs = deps.leaseMs ?? 60_000;
  const concurrency = deps.concurrency ?? 4;
  const maxAttempts = deps.maxAttempts ?? 8;
  let running = false;
  let pass: Promise<number> | null = null;
  let cancelTimer: (() => void) | null = null;
  /** A delivery arrived while a pass was running: run again right after it. */
  let again = false;

  async function processStore(storeKey: string, deliveries: DeliveryRecord[]): Promise<void> {
    const client = deps.clientFor(storeKey);
    const scopesByOrder = new Map<number, Set<string>>();
    const customerIds = new Set<number>();
    for (const delivery of deliveries) {
      if (delivery.orderId !== null) {
        const scopes = scopesByOrder.get(delivery.orderId) ?? new Set<string>();
        scopes.add(delivery.scope);
        scopesByOrder.set(delivery.orderId, scopes);
      }
      if (delivery.customerId !== null) customerIds.add(delivery.customerId);
    }
    const failedOrders = new Set<number>();
    let customersFailed = false;
    const orderIds = [...scopesByOrder.keys()];
    for (let start = 0; start < orderIds.length; start += concurrency) {
      await Promise.all(
        orderIds.slice(start, start + concurrency).map(async (orderId) => {
          try {
            const order = await client.getOrder(orderId, { correlationId: `webhook-${storeKey}-${orderId}` });
            if (order === null) {
              await deps.writer.removeOrder(storeKey, orderId);
              deps.onProcessed?.(storeKey, 'gone', 1);
              return;
            }
            await deps.writer.applyOrders(storeKey, [order], {
              source: 'webhook',
              recordChanges: true,
              scopes: new Map([[orderId, scopesByOrder.get(orderId) ?? new Set()]]),
            });
            deps.onProcessed?.(storeKey, 'reread', 1);
          } catch (error) {
            failedOrders.add(orderId);
            deps.logger.warn({ err: error, storeKey, orderId }, 'webhook re-read failed; trying again later');
          }
        }),
      );
    }
    if (customerIds.size > 0) {
      try {
        await deps.writer.applyCustomers(storeKey, await client.getCustomersByIds([...customerIds]));
      } catch (error) {
        customersFailed = true;
        deps.logger.warn({ err: error, storeKey }, 'webhook customer re-read failed; trying again later');
      }
    }
    const now = deps.now();
    const failed = deliveries.filter(
      (delivery) =>
        (delivery.orderId !== null && failedOrders.has(delivery.orderId)) ||
        (delivery.customerId !== null && customersFailed),
    );
    const done = deliveries.filter((delivery) => !failed.includes(delivery));
    await deps.repos.webhookDeliveries.markDone(
      done.map((delivery) => delivery.id),
      now,
    );
    for (const delivery of failed) {
      if (delivery.attempts >= maxAttempts) {
        await deps.repos.webhookDeliveries.markFailed([delivery.id], now, 're-read kept failing');
        deps.onProcessed?.(storeKey, 'failed', 1);
      } else {
        const delay = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (delivery.attempts - 1));
        await deps.repos.webhookDeliveries.scheduleRetry([delivery.id], now + delay, 're-read failed');
      }
    }
  }

  async function runOnce(): Promise<number> {
    let settled = 0;
    for (;;) {
      const now = deps.now();
      const batch = await deps.repos.webhookDeliveries.claimDue(now, now + leaseMs, batchSize);
      if (batch.length === 0) return settled;
      const byStore = new Map<string, DeliveryRecord[]>();
      for (const delivery of batch) {
        const list = byStore.get(delivery.storeKey) ?? [];
        list.push(delivery);
        byStore.set(delivery.storeKey, list);
      }
      // Stores side by side: one store's outage never holds another's deliveries.
      await Promise.all([...byStore].map(([storeKey, deliveries]) => processStore(storeKey, deliveries)));
      settled += batch.length;
      if (batch.length < batchSize) return settled;
    }
  }

  function schedule(ms: number): void {
    if (!running) return;
    cancelTimer?.();
    cancelTimer = deps.setTimer(() => {
      cancelTimer = null;
      void tick();
    }, ms);
  }

  async function tick(): Promise<void> {
    if (pass) return;
    again = false;
    pass = runOnce();
    try {
      await pass;
    } catch (error) {
      deps.logger.error({ err: error }, 'webhook pass failed; trying again later');
    } finally {
      pass = null;
    }
    schedule(again ? 0 : IDLE_MS);
  }

  return {
    start() {
      if (running) return;
      running = true;
      void tick();
    },
    async stop() {
      running = false;
      cancelTimer?.();
      cancelTimer = null;
      await pass;
    },
    runOnce: () => runOnce(),
    notify() {
      if (!running) return;
      if (pass) again = true;
      // Coalesce a burst of deliveries into one pass a moment later.
      else schedule(50);
    },
  };
}
