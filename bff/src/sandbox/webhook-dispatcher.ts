// Delivers webhook callbacks the way BigCommerce does (BD docs/integrations/webhooks/overview.mdx;
// reference bigcommerce-api.md (f), sync-novomind-ops.md A4/A5): asynchronously, never inside the request
// that caused the event; to every active hook whose scope matches; with the hook's custom headers; a
// non-2xx answer (3xx included) or a network error is retried on a schedule (60 s, 180 s, 300 s, … ≈ 48 h),
// and when the schedule is exhausted the hook is set `is_active: false`. Delivery is at least once and
// unordered in BigCommerce; the per-store fault knobs make duplicates, reordering, loss and outages
// happen on purpose. Every attempt is logged in `deliveries`.
//
// Mechanics: events of one store are queued and flushed together on the next turn of the event loop
// (a "burst": all events raised by one request or mutation, or everything held while paused); a burst is
// sent one delivery after the other, so the receiver sees them in the burst's (possibly reordered) order.
import { scopeMatches } from './hook-scopes.js';
import type { HookRegistry } from './hook-registry.js';
import { createPrng } from './prng.js';
import {
  buildCallback,
  type WebhookCallback,
  type WebhookData,
  type WebhookEvent,
} from './webhook-payload.js';
import { createWebhookTransport, type WebhookTransport } from './webhook-transport.js';

/** BD overview: retries after 60, 180, 300, 600, 900, 1800, 3600, 7200, 21600, 50400, 86400 s (≈ 48 h). */
export const BIGCOMMERCE_RETRY_SCHEDULE_MS: readonly number[] = [
  60, 180, 300, 600, 900, 1800, 3600, 7200, 21600, 50400, 86400,
].map((seconds) => seconds * 1000);

export interface DeliveryFaults {
  /** Deliveries (and retries that come due) are held, then sent when resumed. */
  paused: boolean;
  /** Every delivery is sent twice with the same body (BigCommerce: "duplicates may occasionally occur"). */
  duplicate: boolean;
  /** The deliveries of a burst go out reversed or shuffled (BigCommerce guarantees no order). */
  reorder: 'none' | 'reverse' | 'shuffle';
  /** Deliveries are silently lost: true = all, a number = that share (seeded dice). */
  drop: boolean | number;
}

export const NO_DELIVERY_FAULTS: Readonly<DeliveryFaults> = {
  paused: false,
  duplicate: false,
  reorder: 'none',
  drop: false,
};

export interface SandboxDelivery {
  /** One id per (event, hook, copy); retries of it keep the id. */
  id: number;
  store: string;
  hookId: number;
  scope: string;
  data: WebhookData;
  hash: string;
  destination: string;
  /** 1 for the first try. */
  attempt: number;
  /** The receiver's HTTP status; 0 when there was none (network error, timeout, dropped, skipped). */
  status: number;
  error?: string;
  /** retrying: failed, another attempt is scheduled; failed: the schedule is exhausted, the hook deactivated. */
  outcome: 'delivered' | 'retrying' | 'failed' | 'dropped' | 'skipped';
  /** Injected clock, epoch ms. */
  at: number;
}

export interface DispatchStore {
  hash: string;
  /** BigCommerce's numeric store id, as a string (payload `store_id`). */
  storeId: string;
  hooks: HookRegistry;
}

export interface WebhookOptions {
  /** Waits before each retry (default BigCommerce's, in ms); tests use a few milliseconds. */
  retryScheduleMs?: readonly number[];
  /** How long one attempt may take before it counts as failed (default 10 s). */
  timeoutMs?: number;
}

export interface WebhookDispatcher {
  publish(store: DispatchStore, event: WebhookEvent): void;
  readonly deliveries: SandboxDelivery[];
  faultsOf(hash: string): DeliveryFaults;
  setFaults(store: DispatchStore, patch: Partial<DeliveryFaults>): DeliveryFaults;
  /** Deliveries not finished: queued (paused included), in flight, or waiting for a retry. */
  pending(hash?: string): number;
  /**
   * Resolves when nothing is queued (unless paused) or in flight. Retries waiting for their time count only
   * with `{retries: true}` (then it also waits out the schedule: use it with a test schedule of milliseconds).
   */
  settle(options?: { retries?: boolean }): Promise<void>;
  close(): Promise<void>;
}

interface Job {
  id: number;
  store: DispatchStore;
  hookId: number;
  callback: WebhookCallback;
  body: string;
  attempt: number;
}

interface StoreQueue {
  queue: Job[];
  faults: DeliveryFaults;
  flushScheduled: boolean;
  running: Promise<void> | null;
  inFlight: number;
  /** Scheduled retries: the timer, and a promise that settles when it fires (or the sandbox closes). */
  retries: Map<NodeJS.Timeout, { fired: Promise<void>; release: () => void }>;
}

export function createWebhookDispatcher(options: {
  now: () => number;
  seed: number;
  webhooks?: WebhookOptions;
  log?: (line: string) => void;
  transport?: WebhookTransport;
}): WebhookDispatcher {
  const schedule = options.webhooks?.retryScheduleMs ?? BIGCOMMERCE_RETRY_SCHEDULE_MS;
  const transport =
    options.transport ?? createWebhookTransport({ timeoutMs: options.webhooks?.timeoutMs ?? 10_000 });
  const log = options.log ?? ((): void => undefined);
  const dice = createPrng(options.seed);
  const deliveries: SandboxDelivery[] = [];
  const queues = new Map<string, StoreQueue>();
  const immediates = new Set<NodeJS.Immediate>();
  let nextJobId = 1;
  let closed = false;

  const queueOf = (hash: string): StoreQueue => {
    let state = queues.get(hash);
    if (!state) {
      state = {
        queue: [],
        faults: { ...NO_DELIVERY_FAULTS },
        flushScheduled: false,
        running: null,
        inFlight: 0,
        retries: new Map(),
      };
      queues.set(hash, state);
    }
    return state;
  };

  const record = (
    job: Job,
    entry: Pick<SandboxDelivery, 'status' | 'outcome' | 'error' | 'destination'>,
  ): void => {
    deliveries.push({
      id: job.id,
      store: job.store.hash,
      hookId: job.hookId,
      scope: job.callback.scope,
      data: job.callback.data,
      hash: job.callback.hash,
      attempt: job.attempt,
      at: options.now(),
      ...entry,
    });
    log(
      `[sandbox] webhook ${job.store.hash} #${job.hookId} ${job.callback.scope} attempt ${job.attempt} -> ` +
        `${entry.outcome}${entry.status ? ` ${entry.status}` : ''}${entry.error ? ` (${entry.error})` : ''}`,
    );
  };

  const shouldDrop = (faults: DeliveryFaults): boolean =>
    faults.drop === true || (typeof faults.drop === 'number' && faults.drop > 0 && dice.next() < faults.drop);

  const scheduleFlush = (state: StoreQueue): void => {
    if (closed || state.flushScheduled || state.faults.paused || !state.queue.length) return;
    state.flushScheduled = true;
    const handle = setImmediate(() => {
      immediates.delete(handle);
      state.flushScheduled = false;
      run(state);
    });
    immediates.add(handle);
  };

  const arrange = (burst: Job[], reorder: DeliveryFaults['reorder']): Job[] => {
    if (reorder === 'reverse') return burst.reverse();
    if (reorder === 'shuffle') {
      for (let i = burst.length - 1; i > 0; i--) {
        const j = dice.int(0, i);
        [burst[i], burst[j]] = [burst[j]!, burst[i]!];
      }
    }
    return burst;
  };

  const attempt = async (state: StoreQueue, job: Job): Promise<void> => {
    const hook = job.store.hooks.get(job.hookId);
    if (!hook?.is_active) {
      // Deleted or deactivated since the event: BigCommerce sends nothing to it.
      record(job, { status: 0, outcome: 'skipped', error: 'hook deleted or inactive', destination: '' });
      return;
    }
    state.inFlight++;
    const result = await transport.post(hook.destination, hook.headers ?? {}, job.body);
    state.inFlight--;
    if (closed) return;
    const destination = hook.destination;
    if (result.status >= 200 && result.status < 300) {
      record(job, { status: result.status, outcome: 'delivered', destination });
      return;
    }
    const error = result.error ?? `HTTP ${result.status}`;
    const wait = schedule[job.attempt - 1];
    if (wait === undefined) {
      record(job, { status: result.status, outcome: 'failed', error, destination });
      job.store.hooks.deactivate(job.hookId);
      return;
    }
    record(job, { status: result.status, outcome: 'retrying', error, destination });
    let release = (): void => undefined;
    const fired = new Promise<void>((resolve) => (release = resolve));
    const timer = setTimeout(() => {
      state.retries.delete(timer);
      release();
      if (closed) return;
      state.queue.push({ ...job, attempt: job.attempt + 1 });
      scheduleFlush(state);
    }, wait);
    state.retries.set(timer, { fired, release });
  };

  const run = (state: StoreQueue): void => {
    if (state.running || closed) return;
    state.running = (async () => {
      while (!closed && !state.faults.paused && state.queue.length) {
        const burst = arrange(state.queue.splice(0), state.faults.reorder);
        for (let i = 0; i < burst.length; i++) {
          if (closed) return;
          if (state.faults.paused) {
            // Paused mid-burst: the rest waits, in front of anything newer.
            state.queue.unshift(...burst.slice(i));
            return;
          }
          await attempt(state, burst[i]!);
        }
      }
    })().finally(() => {
      state.running = null;
      scheduleFlush(state);
    });
  };

  return {
    deliveries,
    publish(store, event) {
      if (closed) return;
      const state = queueOf(store.hash);
      const callback = buildCallback(event, store, options.now());
      const body = JSON.stringify(callback);
      for (const hook of store.hooks.list()) {
        if (!hook.is_active || !scopeMatches(hook.scope, event.scope)) continue;
        const copies = state.faults.duplicate ? 2 : 1;
        for (let copy = 0; copy < copies; copy++) {
          const job: Job = { id: nextJobId++, store, hookId: hook.id, callback, body, attempt: 1 };
          if (shouldDrop(state.faults)) {
            record(job, { status: 0, outcome: 'dropped', destination: hook.destination });
          } else state.queue.push(job);
        }
      }
      scheduleFlush(state);
    },
    faultsOf: (hash) => ({ ...queueOf(hash).faults }),
    setFaults(store, patch) {
      const state = queueOf(store.hash);
      state.faults = { ...state.faults, ...patch };
      scheduleFlush(state);
      return { ...state.faults };
    },
    pending(hash) {
      const states = hash === undefined ? [...queues.values()] : [queueOf(hash)];
      return states.reduce((sum, s) => sum + s.queue.length + s.inFlight + s.retries.size, 0);
    },
    async settle(settleOptions) {
      for (;;) {
        const busy = [...queues.values()].filter(
          (s) =>
            s.running !== null ||
            s.flushScheduled ||
            (s.queue.length > 0 && !s.faults.paused) ||
            (settleOptions?.retries === true && s.retries.size > 0),
        );
        if (closed || !busy.length) return;
        await Promise.race(
          busy.flatMap((s) =>
            s.running
              ? [s.running]
              : s.flushScheduled || s.queue.length
                ? [new Promise<void>((resolve) => setImmediate(resolve))]
                : [...s.retries.values()].map((retry) => retry.fired),
          ),
        );
      }
    },
    async close() {
      closed = true;
      for (const handle of immediates) clearImmediate(handle);
      immediates.clear();
      for (const state of queues.values()) {
        for (const [timer, retry] of state.retries) {
          clearTimeout(timer);
          retry.release();
        }
        state.retries.clear();
        state.queue.length = 0;
      }
      transport.close();
      await Promise.all([...queues.values()].map((s) => s.running ?? Promise.resolve()));
    },
  };
}
