import type { Cache, CacheOptions, CacheOutcome, CachePolicy, CacheResult, LoadOptions } from './cache.js';
import { storeOfKey, type CacheKey } from './cache-keys.js';
import { assertPolicy, createEntry, isFresh, isServableStale, type CacheEntry } from './cache-entry.js';
import { deepFreeze } from './deep-freeze.js';
import type { SharedTier } from './shared-tier.js';
import { createEntryStore } from './entry-store.js';
import { loadAcrossInstances, type SharedLoad } from './shared-flight.js';
import { createSingleFlight } from './single-flight.js';

const DEFAULT_MAX_ENTRIES = 10_000;
const DEFAULT_MEMORY_TTL_MS = 5_000;
const DEFAULT_LOAD_LOCK_MS = 15_000;

/**
 * The cache port: fresh hits from memory, one shared upstream load per key, stale-if-error with the
 * copy's original "as of". Freshness uses the injected clock only, so tests never sleep.
 *
 * With a shared tier (REDIS_URL), memory holds a copy for a few seconds at most before asking the shared tier
 * again, loads are single-flight across instances, and writes and invalidations go to both tiers. While the
 * shared tier is unreachable, memory serves its copies for their whole TTL and loads go upstream (degraded).
 */
export function createCache(options: CacheOptions = {}): Cache {
  const now = options.now ?? Date.now;
  const isOutage = options.isOutage ?? (() => true);
  const entries = createEntryStore({ maxEntries: options.maxEntries ?? DEFAULT_MAX_ENTRIES, now });
  const flights = createSingleFlight();
  const shared = options.shared;
  const memoryTtlMs = shared?.memoryTtlMs ?? DEFAULT_MEMORY_TTL_MS;
  const loadLockMs = shared?.loadLockMs ?? DEFAULT_LOAD_LOCK_MS;
  let closed = false;

  function tierFailed(operation: string, error: unknown): void {
    try {
      shared?.onError?.(operation, error);
    } catch {
      // A broken metrics hook must never turn a good answer into a failed request.
    }
  }

  /** Fire and forget: the answer does not wait for the shared tier, and its failure is only counted. */
  function toSharedTier(operation: string, run: (tier: SharedTier) => Promise<void>): void {
    if (!shared) return;
    run(shared.tier).catch((error: unknown) => tierFailed(operation, error));
  }

  /** Fresh enough to answer from memory without asking the shared tier (when one is configured and reachable). */
  function isFreshInMemory(entry: CacheEntry, at: number): boolean {
    if (!isFresh(entry, at)) return false;
    if (!shared || !shared.tier.available()) return true;
    return entry.localUntil === undefined || at < entry.localUntil;
  }

  function keepInMemory(key: CacheKey, entry: CacheEntry): void {
    if (closed) return;
    entries.set(key, shared ? { ...entry, localUntil: now() + memoryTtlMs } : entry);
  }

  function loadShared<T>(
    key: CacheKey,
    policy: CachePolicy,
    loader: () => Promise<T>,
    refresh: boolean,
  ): Promise<SharedLoad<T>> {
    if (!shared) return load(policy, loader).then((entry) => ({ entry, fromShared: false }));
    return loadAcrossInstances({
      tier: shared.tier,
      key,
      refresh,
      lockMs: loadLockMs,
      now,
      load: () => load(policy, loader),
      onError: tierFailed,
    });
  }

  function report(kind: string, outcome: CacheOutcome, key: CacheKey): void {
    try {
      options.onEvent?.(kind, outcome, storeOfKey(key));
    } catch {
      // A broken metrics hook must never turn a good answer into a failed request.
    }
  }

  async function load<T>(policy: CachePolicy, loader: () => Promise<T>): Promise<CacheEntry<T>> {
    // "As of" is when we asked, not when the answer arrived: the data reflects upstream at some
    // moment in between, and the earlier time never overstates freshness.
    const requestedAt = now();
    const value = await loader();
    return createEntry(deepFreeze(value), requestedAt, policy);
  }

  return {
    async getOrLoad<T>(
      key: CacheKey,
      policy: CachePolicy,
      loader: () => Promise<T>,
      { refresh = false, signal }: LoadOptions = {},
    ): Promise<CacheResult<T>> {
      if (closed) throw new Error('The cache is closed.');
      assertPolicy(policy);

      const cached = entries.get<T>(key);
      if (!refresh && cached && isFreshInMemory(cached, now())) {
        report(policy.kind, 'hit', key);
        return { value: cached.value, asOf: cached.asOf, stale: false, fromCache: true };
      }

      // A refresh joins a load already in flight: it is at least as new as the one the click asked for.
      const { promise, joined } = flights.run(
        key,
        () => loadShared(key, policy, loader, refresh),
        ({ entry }) => keepInMemory(key, entry),
      );
      try {
        const { entry, fromShared } = await waitFor(promise, signal);
        // Another instance's copy, read from the shared tier: a hit, not a load of ours.
        const outcome = joined ? 'coalesced' : fromShared ? 'hit' : 'miss';
        report(policy.kind, outcome, key);
        return { value: entry.value, asOf: entry.asOf, stale: false, fromCache: fromShared };
      } catch (error) {
        const outage = signal?.aborted === true || isOutage(error);
        // A fact (the order is gone), not an outage: the copy would now be a lie, stale or not.
        if (!outage) {
          if (!closed) entries.delete(key);
          report(policy.kind, 'error', key);
          throw error;
        }
        // Read the copy now, not before the load: an invalidation in between means it must not be served.
        const fallback = closed ? undefined : entries.get<T>(key);
        if (fallback && isServableStale(fallback, now())) {
          report(policy.kind, 'stale', key);
          return { value: fallback.value, asOf: fallback.asOf, stale: true, fromCache: true };
        }
        report(policy.kind, 'error', key);
        throw error;
      }
    },

    peek<T>(key: CacheKey): CacheResult<T> | undefined {
      if (closed) return undefined;
      const entry = entries.get<T>(key);
      if (!entry || !isServableStale(entry, now())) return undefined;
      const stale = !isFresh(entry, now());
      return { value: entry.value, asOf: entry.asOf, stale, fromCache: true };
    },

    set(key, policy, value) {
      if (closed) return;
      assertPolicy(policy);
      flights.forget(key);
      const entry = createEntry(deepFreeze(value), now(), policy);
      keepInMemory(key, entry);
      toSharedTier('write', (tier) => tier.write(key, entry, null));
    },

    invalidate(key) {
      flights.forget(key);
      entries.delete(key);
      toSharedTier('invalidate', (tier) => tier.invalidate(key));
    },

    invalidatePrefix(prefix) {
      flights.forgetPrefix(prefix);
      entries.deletePrefix(prefix);
      toSharedTier('invalidate', (tier) => tier.invalidatePrefix(prefix));
    },

    close() {
      closed = true;
      flights.clear();
      entries.close();
    },

    size: () => entries.size(),
  };
}

/**
 * The shared load, or the caller's deadline, whichever comes first. Only this caller stops waiting: the load
 * is shared and keeps going for the others.
 */
function waitFor<V>(promise: Promise<V>, signal: AbortSignal | undefined): Promise<V> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<V>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('The wait was aborted.');
}
