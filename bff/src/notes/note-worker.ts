import type { Logger } from '../core/logger.js';
import type { NoteOutboxRepo } from '../store/index.js';
import type { NoteService } from './note-service.js';

/** Schedules a callback; returns a function that cancels it. Injected so tests drive time themselves. */
export type SetTimer = (callback: () => void, ms: number) => () => void;

export interface NoteWorkerDeps {
  outbox: NoteOutboxRepo;
  service: Pick<NoteService, 'attemptNote' | 'isInFlight' | 'whenIdle'>;
  now: () => number;
  setTimer: SetTimer;
  logger: Logger;
  /** Notes of one store taken per batch; different orders of a batch are written in parallel. Default 50. */
  batchSize?: number;
  /** Longest sleep between passes, even when nothing is due (another instance may have queued notes). Default 30 s. */
  idleIntervalMs?: number;
  /** Lease on a claimed note (see NoteOutboxRepo.claimDue); longer than one attempt. Default 120 s. */
  leaseMs?: number;
}

export interface NoteWorker {
  /**
   * Drains what is due now (notes that survived a restart included, once their lease ran out), then keeps
   * waking up for retries.
   */
  start(): void;
  /** Stops scheduling and waits for running passes and attempts. */
  stop(): Promise<void>;
  /**
   * Starts a pass for every store that has due notes and no pass running (a store already in a pass is left
   * to it), then resolves when every running pass is done, with how many notes they attempted. The passes run
   * side by side: a store whose BigCommerce hangs delays this promise, never another store's writes.
   */
  runOnce(): Promise<number>;
  /** A note was scheduled for `at`: wake up then if that is earlier than planned. */
  notify(at: number): void;
}

export const realSetTimer: SetTimer = (callback, ms) => {
  const handle = setTimeout(callback, ms);
  // The worker must never be what keeps the process alive after shutdown.
  handle.unref();
  return () => clearTimeout(handle);
};

export function createNoteWorker(deps: NoteWorkerDeps): NoteWorker {
  const batchSize = deps.batchSize ?? 50;
  const idleIntervalMs = deps.idleIntervalMs ?? 30_000;
  const leaseMs = deps.leaseMs ?? 120_000;
  let running = false;
  // One pass per store at a time, side by side: a store that is down, hangs or is throttled holds up its own
  // notes only, never another store's. Within a store the batches run one after another.
  const passes = new Map<string, Promise<number>>();
  let cancelTimer: (() => void) | null = null;
  let wakeAt = Number.POSITIVE_INFINITY;

  async function runStorePass(storeKey: string): Promise<number> {
    let attempted = 0;
    // Loop while full batches come back, so a long outage's backlog drains without waiting for the timer.
    for (;;) {
      const now = deps.now();
      const due = await deps.outbox.listDue(now, batchSize, storeKey);
      const attempts: Promise<void>[] = [];
      for (const note of due) {
        if (deps.service.isInFlight(note.ref)) continue;
        // The claim is the lease: another worker (or instance) holding an unexpired one wins.
        if (!(await deps.outbox.claimDue(note.ref, now, now + leaseMs))) continue;
        attempts.push(deps.service.attemptNote(note.ref));
      }
      await Promise.all(attempts);
      attempted += attempts.length;
      if (due.length < batchSize || attempts.length === 0) return attempted;
    }
  }

  async function runOnce(): Promise<number> {
    for (const storeKey of await deps.outbox.listDueStores(deps.now())) {
      // A timer firing during a store's pass leaves that store to it instead of starting a second one.
      if (passes.has(storeKey)) continue;
      passes.set(
        storeKey,
        runStorePass(storeKey).finally(() => passes.delete(storeKey)),
      );
    }
    const counts = await Promise.all([...passes.values()]);
    return counts.reduce((sum, count) => sum + count, 0);
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
    try {
      const attempted = await runOnce();
      if (attempted > 0)
        deps.logger.info({ attempted, queued: await deps.outbox.countQueued() }, 'outbox pass done');
    } catch (error) {
      deps.logger.error({ err: error }, 'outbox pass failed; trying again later');
    }
    let next = Number.POSITIVE_INFINITY;
    try {
      next = (await deps.outbox.nextDueAt()) ?? next;
    } catch (error) {
      deps.logger.error({ err: error }, 'could not read the outbox; trying again later');
    }
    schedule(next);
  }

  return {
    start() {
      if (running) return;
      running = true;
      // Leases of a process that died mid-attempt are NOT taken over here: they run out on their own, and until
      // then that attempt's PUT might still be landing (or, with a shared database, the holder is alive).
      void deps.outbox.countQueued().then(
        (queued) => {
          if (queued > 0) deps.logger.info({ queued }, 'draining the notes outbox');
        },
        () => undefined,
      );
      void tick();
    },
    async stop() {
      running = false;
      cancelTimer?.();
      cancelTimer = null;
      wakeAt = Number.POSITIVE_INFINITY;
      while (passes.size > 0) await Promise.allSettled([...passes.values()]);
      await deps.service.whenIdle();
    },
    runOnce,
    notify(at) {
      schedule(at);
    },
  };
}
