import type { StoreSyncConfig } from '../config.js';
import type { Logger } from '../core/logger.js';
import type { Repos, SyncStream } from '../store/index.js';
import type { DeltaRunOptions, DeltaRunResult } from './delta-run.js';
import type { HookCheck, HookRegistrar, HookTarget } from './hook-registrar.js';
import type { SetTimer } from './webhook-worker.js';

/** Delta runs this often while a store's webhooks are not healthy (DESIGN §9). */
export const UNHEALTHY_INTERVAL_MS = 60_000;
/** How often the hooks are checked and repaired (DESIGN §9). */
export const HOOK_CHECK_INTERVAL_MS = 15 * 60_000;
/** A nightly run re-reads 48 hours once a day. */
const NIGHTLY_EVERY_MS = 24 * 3_600_000;
/** Webhooks are unhealthy when a delivery waits longer than this. */
const DELIVERY_BACKLOG_MS = 2 * 60_000;

export interface ScheduledStore {
  storeKey: string;
  sync: StoreSyncConfig;
  /**
   * Where the store's hooks deliver, with the secret; null when the store takes no webhooks. A function: in
   * sandbox mode the destination is the listening URL, known only once the server listens.
   */
  hooks: () => HookTarget | null;
}

export interface StoreSyncFacts {
  running: boolean;
  nextRunAt: number | null;
  intervalMs: number | null;
  backfill: { read: number; total: number | null } | null;
  hooks: HookCheck | null;
  webhooksHealthy: boolean;
}

export interface SyncSchedulerDeps {
  stores: readonly ScheduledStore[];
  runDelta: (stream: SyncStream, options: DeltaRunOptions) => Promise<DeltaRunResult>;
  registrar: HookRegistrar;
  repos: Pick<Repos, 'syncState' | 'webhookDeliveries'>;
  now: () => number;
  setTimer: SetTimer;
  logger: Logger;
  /** Whether this instance leads the store's sync (several instances: one runs it). Default: always. */
  isLeader?: (storeKey: string) => Promise<boolean>;
}

export interface SyncScheduler {
  start(): void;
  stop(): Promise<void>;
  /** Runs both streams of a store now; 'already_running' when a run is under way. */
  runNow(storeKey: string): Promise<'started' | 'already_running' | 'disabled'>;
  /** Checks and repairs a store's hooks now. */
  repairHooks(storeKey: string): Promise<HookCheck | null>;
  facts(storeKey: string): Promise<StoreSyncFacts>;
  /** Resolves when the store's current run (if any) is over (tests, shutdown). */
  idle(storeKey: string): Promise<void>;
}

interface StoreState {
  config: ScheduledStore;
  running: Promise<void> | null;
  nextRunAt: number | null;
  intervalMs: number | null;
  backfill: { read: number; total: number | null } | null;
  hooks: HookCheck | null;
  cancelRun: (() => void) | null;
  cancelHooks: (() => void) | null;
}

/**
 * One schedule per store: the back-fill first, then delta runs every interval (every minute while the store's
 * webhooks are not healthy), a nightly re-read of 48 hours, and the hook check every 15 minutes. Stores run
 * side by side; a failed run is logged, keeps its checkpoint and is tried again at the next interval.
 */
export function createSyncScheduler(deps: SyncSchedulerDeps): SyncScheduler {
  const states = new Map<string, StoreState>(
    deps.stores.map((store) => [
      store.storeKey,
      {
        config: store,
        running: null,
        nextRunAt: null,
        intervalMs: null,
        backfill: null,
        hooks: null,
        cancelRun: null,
        cancelHooks: null,
      },
    ]),
  );
  let started = false;
  const isLeader = deps.isLeader ?? (() => Promise.resolve(true));

  async function webhooksHealthy(state: StoreState): Promise<boolean> {
    const hooks = state.hooks;
    if (state.config.hooks() === null || hooks === null || hooks.checkedAt === null) return false;
    if (hooks.error !== null || hooks.active < hooks.wanted) return false;
    if (deps.now() - hooks.checkedAt > HOOK_CHECK_INTERVAL_MS + 5 * 60_000) return false;
    const stats = await deps.repos.webhookDeliveries.stats(state.config.storeKey, deps.now());
    return stats.oldestPendingAt === null || deps.now() - stats.oldestPendingAt < DELIVERY_BACKLOG_MS;
  }

  async function runStore(state: StoreState): Promise<void> {
    const { storeKey, sync } = state.config;
    if (!(await isLeader(storeKey))) return;
    const orders = await deps.repos.syncState.get(storeKey, 'orders');
    const nightly =
      orders.checkpoint !== null &&
      (orders.nightlyAt === null || deps.now() - orders.nightlyAt >= NIGHTLY_EVERY_MS);
    if (orders.checkpoint === null) state.backfill = { read: 0, total: null };
    let failed = false;
    // Each stream on its own: customers failing must not keep the orders from their run, and the reverse.
    for (const stream of ['customers', 'orders'] as const) {
      try {
        await deps.runDelta(stream, {
          storeKey,
          windowDays: sync.windowDays,
          nightly: nightly && stream === 'orders',
          onProgress: (progressStream, read) => {
            if (state.backfill && progressStream === 'orders') state.backfill = { ...state.backfill, read };
          },
        });
      } catch (error) {
        failed = true;
        deps.logger.warn(
          { storeKey, stream, err: error },
          'delta run failed; the checkpoint stays, the next run catches up',
        );
      }
    }
    if (!failed) state.backfill = null;
  }

  function scheduleRun(state: StoreState, delayMs: number): void {
    if (!started) return;
    state.cancelRun?.();
    state.nextRunAt = deps.now() + delayMs;
    state.cancelRun = deps.setTimer(() => {
      state.cancelRun = null;
      void trigger(state);
    }, delayMs);
  }

  async function trigger(state: StoreState): Promise<void> {
    if (state.running) return;
    state.nextRunAt = null;
    state.running = runStore(state).finally(() => {
      state.running = null;
    });
    await state.running;
    const healthy = await webhooksHealthy(state).catch(() => false);
    state.intervalMs = healthy
      ? state.config.sync.intervalMs
      : Math.min(UNHEALTHY_INTERVAL_MS, state.config.sync.intervalMs);
    scheduleRun(state, state.intervalMs);
  }

  async function checkHooks(state: StoreState): Promise<HookCheck | null> {
    const target = state.config.hooks();
    if (target === null) return null;
    if (!(await isLeader(state.config.storeKey))) return state.hooks;
    state.hooks = await deps.registrar.reconcile(target);
    return state.hooks;
  }

  function scheduleHooks(state: StoreState, delayMs: number): void {
    if (!started || state.config.hooks() === null) return;
    state.cancelHooks?.();
    state.cancelHooks = deps.setTimer(() => {
      state.cancelHooks = null;
      void checkHooks(state).finally(() => scheduleHooks(state, HOOK_CHECK_INTERVAL_MS));
    }, delayMs);
  }

  return {
    start() {
      if (started) return;
      started = true;
      for (const state of states.values()) {
        if (!state.config.sync.enabled) continue;
        scheduleHooks(state, 0);
        scheduleRun(state, 0);
      }
    },
    async stop() {
      started = false;
      for (const state of states.values()) {
        state.cancelRun?.();
        state.cancelHooks?.();
        state.cancelRun = null;
        state.cancelHooks = null;
      }
      await Promise.all([...states.values()].map((state) => state.running ?? Promise.resolve()));
    },
    runNow(storeKey) {
      const state = states.get(storeKey);
      if (!state || !state.config.sync.enabled) return Promise.resolve('disabled');
      if (state.running) return Promise.resolve('already_running');
      state.cancelRun?.();
      state.cancelRun = null;
      void trigger(state);
      return Promise.resolve('started');
    },
    async repairHooks(storeKey) {
      const state = states.get(storeKey);
      if (!state) return null;
      return checkHooks(state);
    },
    async facts(storeKey) {
      const state = states.get(storeKey);
      if (!state) {
        return {
          running: false,
          nextRunAt: null,
          intervalMs: null,
          backfill: null,
          hooks: null,
          webhooksHealthy: false,
        };
      }
      return {
        running: state.running !== null,
        nextRunAt: state.nextRunAt,
        intervalMs: state.intervalMs ?? state.config.sync.intervalMs,
        backfill: state.backfill,
        hooks: state.hooks,
        webhooksHealthy: await webhooksHealthy(state).catch(() => false),
      };
    },
    async idle(storeKey) {
      await states.get(storeKey)?.running;
    },
  };
}
