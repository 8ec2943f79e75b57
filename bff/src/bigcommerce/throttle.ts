/**
 * Per-store request limiter. BigCommerce's quota is per store and shared by every app on it
 * (150 requests / 30 s on Standard and Plus), so each store gets its own instance and one store's
 * throttling never delays another.
 *
 * - Learns the window from the X-Rate-Limit-* headers of every response (read case-insensitively:
 *   https://developer.bigcommerce.com/docs/start/best-practices/api-rate-limits).
 * - When few requests are left it spaces the remaining ones over the time until the reset.
 * - It never sends into an exhausted window: it waits for the reset instead of collecting a 429.
 * - At most `maxConcurrency` requests per store are in flight; callers beyond that wait in order of their
 *   deadline (earliest first), so when the quota runs short the views that started first get all their requests
 *   through and answer, instead of every view getting a few and all of them running out of time.
 */

export interface RateLimitSnapshot {
  requestsLeft: number;
  resetMs: number;
  quota: number | undefined;
  windowMs: number | undefined;
}

export interface ThrottleOptions {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  maxConcurrency?: number;
  /** Start spacing when requests-left <= max(reserveMin, ceil(quota * reserveRatio)). */
  reserveRatio?: number;
  reserveMin?: number;
  /**
   * The store's quota shared with the other BFF instances (redis/redis-quota-budget.ts). When given, every request
   * reserves its place in the shared window before it is sent; when the budget cannot answer (Redis down), this
   * instance falls back to its own view of the window, which it keeps current from every response either way.
   */
  budget?: QuotaBudget;
}

/** What a shared budget knows of the store's current window after a call. */
export interface BudgetWindow {
  left: number;
  resetMs: number;
  quota: number | undefined;
  windowMs: number | undefined;
}

/**
 * One quota for a store across instances. `reserve` is atomic: two instances never get the same last request of a
 * window. It answers "send in `sendInMs`" (0 now, more when the window runs low and the requests left are spaced
 * out) or "exhausted, ask again in `retryInMs`". `window` is null while no response has told the window yet.
 */
export interface QuotaBudget {
  reserve(): Promise<
    | { granted: true; sendInMs: number; window: BudgetWindow | null }
    | { granted: false; retryInMs: number; window: BudgetWindow | null }
  >;
  /** The reserved request is done: what its response said of the window (null when it carried no headers). */
  release(snapshot: RateLimitSnapshot | null): Promise<void>;
}

export const THROTTLE_DEFAULTS = Object.freeze({ maxConcurrency: 8, reserveRatio: 0.1, reserveMin: 3 });

export interface Permit {
  /** Frees the concurrency slot; pass the response's rate-limit headers so the next request knows the window. */
  release(snapshot?: RateLimitSnapshot | null): void;
}

export interface ThrottleState {
  inFlight: number;
  queued: number;
  requestsLeft: number | undefined;
  /** X-Rate-Limit-Requests-Quota of the current window, when BigCommerce sent it. */
  quota: number | undefined;
  resetAt: number | undefined;
}

export interface Throttle {
  /**
   * Waits for a concurrency slot and the quota. `deadline` (epoch ms; default: none, i.e. last) orders the
   * callers waiting for a slot, earliest first; equal deadlines keep their arrival order.
   */
  acquire(signal?: AbortSignal, deadline?: number): Promise<Permit>;
  state(): ThrottleState;
}

/** A moment one request may be sent: counted in this instance's window, or reserved in the shared budget. */
interface Slot {
  at: number;
  shared: boolean;
}

interface Window {
  left: number;
  resetAt: number;
  quota: number | undefined;
  windowMs: number | undefined;
}

/** A caller waiting in one of the throttle's lines; whoever serves the line calls `wake`. */
interface Waiter {
  deadline: number;
  wake: () => void;
}

/**
 * Joins `line`, kept in order of deadline (ties: first come), and resolves when the caller is woken; rejects with
 * the signal's reason when it aborts first, leaving the line. Rejects at once for an aborted signal.
 */
function waitInLine<T extends Waiter>(
  line: T[],
  fields: Omit<T, 'wake'>,
  signal?: AbortSignal,
): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<void>((resolve, reject) => {
    const waiter = {
      ...fields,
      wake: (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
    } as T;
    const onAbort = (): void => {
      const index = line.indexOf(waiter);
      if (index >= 0) line.splice(index, 1);
      reject(signal?.reason as Error);
    };
    let at = line.length;
    while (at > 0 && line[at - 1]!.deadline > waiter.deadline) at -= 1;
    line.splice(at, 0, waiter);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Responses of one window can arrive out of order; a reset time within this tolerance is the same window. */
const SAME_WINDOW_TOLERANCE_MS = 1_000;

export function createThrottle(options: ThrottleOptions): Throttle {
  const { now, sleep } = options;
  const maxConcurrency = Math.max(1, options.maxConcurrency ?? THROTTLE_DEFAULTS.maxConcurrency);
  const reserveRatio = options.reserveRatio ?? THROTTLE_DEFAULTS.reserveRatio;
  const reserveMin = options.reserveMin ?? THROTTLE_DEFAULTS.reserveMin;

  let inFlight = 0;
  /** Callers waiting for a concurrency slot, earliest deadline first (ties: first come). */
  const waiters: Waiter[] = [];
  let window: Window | undefined;
  let nextSlotAt = 0;
  /**
   * Send times handed out while the window runs low, soonest first, and the callers waiting for one, earliest
   * deadline first. A slot belongs to the throttle, not to the caller it was made for: when it comes due, the
   * most urgent waiter takes it. So a view's later call overtakes calls of views that started after it.
   */
  const slots: Slot[] = [];
  const slotWaiters: Waiter[] = [];
  /** When the slot timer fires next (Infinity: not running). */
  let slotTimerAt = Number.POSITIVE_INFINITY;
  /** Local slots not yet come due: their requests are already spoken for. */
  let pendingSlots = 0;
  /** Callers waiting for an exhausted window to refill, woken together and in deadline order. */
  const refillWaiters: Array<Waiter & { at: number }> = [];
  let refillTimerAt = Number.POSITIVE_INFINITY;

  function reserveOf(w: Window): number {
    return Math.max(reserveMin, Math.ceil((w.quota ?? 0) * reserveRatio));
  }

  async function takeConcurrencySlot(deadline: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (inFlight < maxConcurrency) {
      inFlight += 1;
      return;
    }
    await waitInLine(waiters, { deadline }, signal);
  }

  function freeConcurrencySlot(): void {
    // Hand the slot straight to the most urgent waiter so a newcomer cannot overtake the queue.
    const next = waiters.shift();
    if (next) next.wake();
    else inFlight -= 1;
  }

  /** Forgets a window whose reset time has passed: the quota has refilled. */
  function currentWindow(t: number): Window | undefined {
    if (window && t >= window.resetAt) {
      window =
        window.quota !== undefined && window.windowMs !== undefined
          ? { ...window, left: window.quota, resetAt: window.resetAt + window.windowMs }
          : undefined;
      if (window && t >= window.resetAt) window = undefined;
    }
    return window;
  }

  /** Hands every slot that has come due to the most urgent waiter, then sleeps until the next one. */
  function dispatchSlots(): void {
    const t = now();
    while (slots.length > 0 && slots[0]!.at <= t) {
      const slot = slots.shift()!;
      if (!slot.shared) pendingSlots -= 1;
      const waiter = slotWaiters.shift();
      if (waiter) waiter.wake();
      // Nobody left for it (its caller gave up): a shared place goes back, so other instances may use it.
      else if (slot.shared) options.budget?.release(null).catch(() => undefined);
    }
    const next = slots[0];
    if (next === undefined || next.at >= slotTimerAt) return;
    slotTimerAt = next.at;
    void sleep(next.at - t).then(() => {
      if (slotTimerAt === next.at) slotTimerAt = Number.POSITIVE_INFINITY;
      dispatchSlots();
    });
  }

  /** Wakes, most urgent first, everybody whose refill has come, so they ask for the new window in that order. */
  function wakeRefilled(): void {
    const t = now();
    const due = refillWaiters.filter((waiter) => waiter.at <= t);
    for (const waiter of due) refillWaiters.splice(refillWaiters.indexOf(waiter), 1);
    for (const waiter of due) waiter.wake();
    const next = Math.min(...refillWaiters.map((waiter) => waiter.at));
    if (!Number.isFinite(next) || next >= refillTimerAt) return;
    refillTimerAt = next;
    void sleep(next - t).then(() => {
      if (refillTimerAt === next) refillTimerAt = Number.POSITIVE_INFINITY;
      wakeRefilled();
    });
  }

  /** Waits until `at`, when the window has refilled; see wakeRefilled. */
  function waitForRefill(at: number, deadline: number, signal?: AbortSignal): Promise<void> {
    const waiting = waitInLine(refillWaiters, { deadline, at }, signal);
    wakeRefilled();
    return waiting;
  }

  /** Puts a slot at `at` into the pool and waits until a due slot is handed to this caller. */
  function waitForSlot(at: number, shared: boolean, deadline: number, signal?: AbortSignal): Promise<void> {
    const later = slots.findIndex((slot) => slot.at > at);
    slots.splice(later === -1 ? slots.length : later, 0, { at, shared });
    if (!shared) pendingSlots += 1;
    // A caller that gives up leaves its slot in the pool for the others.
    const waiting = waitInLine(slotWaiters, { deadline }, signal);
    dispatchSlots();
    return waiting;
  }

  async function waitForQuota(deadline: number, signal?: AbortSignal): Promise<void> {
    let spaced = false;
    for (;;) {
      const t = now();
      const w = currentWindow(t);
      if (!w) return;
      if (w.left <= 0) {
        // Exhausted: sending now would only collect a 429 and count against the app. Wait for the refill.
        await waitForRefill(w.resetAt, deadline, signal);
        continue;
      }
      if (!spaced && w.left <= reserveOf(w)) {
        // Running low: spread what is left evenly over the rest of the window. Each caller adds the next free
        // slot; the gap after it is the time left from that slot shared by the requests not yet spoken for.
        spaced = true;
        const slot = Math.max(t, nextSlotAt);
        const unclaimed = Math.max(1, w.left - pendingSlots);
        nextSlotAt = slot + Math.ceil(Math.max(0, w.resetAt - slot) / unclaimed);
        if (slot > t || slotWaiters.length > 0) {
          await waitForSlot(slot, false, deadline, signal);
          continue; // re-check: the window may have been used up or refilled meanwhile
        }
      }
      w.left -= 1;
      return;
    }
  }

  /** Mirrors the shared window locally: state() (the background gate, the console) and the fallback use it. */
  function mirror(shared: BudgetWindow | null): void {
    if (shared === null) return;
    window = {
      left: shared.left,
      resetAt: now() + shared.resetMs,
      quota: shared.quota,
      windowMs: shared.windowMs,
    };
  }

  /** True when the shared budget granted the request; false when it could not answer (use the local window). */
  async function waitForSharedQuotaOrFallBack(
    budget: QuotaBudget,
    deadline: number,
    signal?: AbortSignal,
  ): Promise<boolean> {
    try {
      await waitForSharedQuota(budget, deadline, signal);
      return true;
    } catch (error) {
      if (signal?.aborted) throw error;
      return false;
    }
  }

  async function waitForSharedQuota(
    budget: QuotaBudget,
    deadline: number,
    signal?: AbortSignal,
  ): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const answer = await budget.reserve();
      mirror(answer.window);
      if (!answer.granted) {
        // Exhausted for every instance: wait for the refill the budget reported, then ask again.
        await waitForRefill(now() + Math.max(1, answer.retryInMs), deadline, signal);
        continue;
      }
      // The place is counted for this instance; until it comes due it goes to this instance's most urgent caller.
      // One whose caller gave up is handed on, or given back when nobody here wants it (dispatchSlots).
      if (answer.sendInMs > 0) await waitForSlot(now() + answer.sendInMs, true, deadline, signal);
      return;
    }
  }

  function record(snapshot: RateLimitSnapshot): void {
    const t = now();
    const resetAt = t + snapshot.resetMs;
    const w = currentWindow(t);
    const sameWindow = w !== undefined && resetAt <= w.resetAt + SAME_WINDOW_TOLERANCE_MS;
    // Within one window the count only goes down; a late response must not raise it back up.
    const left = sameWindow ? Math.min(w.left, snapshot.requestsLeft) : snapshot.requestsLeft;
    window = { left, resetAt, quota: snapshot.quota, windowMs: snapshot.windowMs };
  }

  return {
    async acquire(signal, deadline = Number.POSITIVE_INFINITY) {
      // Once a response has told the window: the quota first, the concurrency slot after it, so a caller waiting
      // for the window does not hold a slot a more urgent caller's next request needs (a view's calls come one
      // after another). Before that, only the concurrency limit keeps a burst from going out all at once.
      const slotFirst = currentWindow(now()) === undefined;
      if (slotFirst) await takeConcurrencySlot(deadline, signal);
      let shared = false;
      try {
        shared =
          options.budget !== undefined &&
          (await waitForSharedQuotaOrFallBack(options.budget, deadline, signal));
        if (!shared) await waitForQuota(deadline, signal);
      } catch (error) {
        if (slotFirst) freeConcurrencySlot();
        throw error;
      }
      if (!slotFirst) {
        try {
          await takeConcurrencySlot(deadline, signal);
        } catch (error) {
          // Its place in the shared window goes back unused; a local count stays one lower (the safe side).
          if (shared) options.budget?.release(null).catch(() => undefined);
          throw error;
        }
      }
      let released = false;
      return {
        release(snapshot) {
          if (released) return;
          released = true;
          if (snapshot) record(snapshot);
          // Fire and forget: the answer is already here, and a budget that cannot hear it heals with the window.
          if (shared) options.budget?.release(snapshot ?? null).catch(() => undefined);
          freeConcurrencySlot();
        },
      };
    },
    state() {
      const w = currentWindow(now());
      return {
        inFlight,
        queued: waiters.length + slotWaiters.length + refillWaiters.length,
        requestsLeft: w?.left,
        resetAt: w?.resetAt,
        quota: w?.quota,
      };
    },
  };
}

/** Reads the X-Rate-Limit-* headers, whatever their case. Returns null unless left and reset are both usable. */
export function readRateLimitHeaders(headers: unknown): RateLimitSnapshot | null {
  const lower = lowerCaseHeaders(headers);
  const requestsLeft = readNonNegativeInt(lower['x-rate-limit-requests-left']);
  const resetMs = readNonNegativeInt(lower['x-rate-limit-time-reset-ms']);
  if (requestsLeft === undefined || resetMs === undefined) return null;
  return {
    requestsLeft,
    resetMs,
    quota: readNonNegativeInt(lower['x-rate-limit-requests-quota']),
    windowMs: readNonNegativeInt(lower['x-rate-limit-time-window-ms']),
  };
}

/** Only X-Rate-Limit-Time-Reset-Ms counts as "the server said how long"; a missing header is never "0 ms". */
export function readResetMs(headers: unknown): number | undefined {
  return readNonNegativeInt(lowerCaseHeaders(headers)['x-rate-limit-time-reset-ms']);
}

function lowerCaseHeaders(headers: unknown): Record<string, unknown> {
  if (typeof headers !== 'object' || headers === null) return {};
  const source =
    'toJSON' in headers && typeof headers.toJSON === 'function'
      ? (headers.toJSON as () => unknown)()
      : headers;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source as Record<string, unknown>))
    out[key.toLowerCase()] = value;
  return out;
}

function readNonNegativeInt(value: unknown): number | undefined {
  const text = Array.isArray(value) ? (value[0] as unknown) : value;
  if (typeof text !== 'string' && typeof text !== 'number') return undefined;
  const number = Number(String(text).trim());
  return Number.isFinite(number) && number >= 0 && String(text).trim() !== ''
    ? Math.floor(number)
    : undefined;
}
