import type { CacheKey, CacheKeyPrefix } from './cache-keys.js';
import type { SharedTierOptions } from './shared-tier.js';

/** How long one kind of data stays fresh, and how long a copy may stand in when BigCommerce fails. */
export interface CachePolicy {
  /** Metric label: 'context', 'order', 'customer', … */
  readonly kind: string;
  /** A copy younger than this is served from memory without asking upstream. */
  readonly ttlMs: number;
  /** A copy younger than this may be served, marked stale, when the upstream load fails. At least `ttlMs`. */
  readonly staleTtlMs: number;
}

export interface CacheResult<T> {
  /** Frozen and shared with other callers: treat it as immutable. */
  readonly value: T;
  /** Epoch ms when this copy was requested from upstream (the "as of" the widget shows). */
  readonly asOf: number;
  /** True when the upstream load failed and this is the last good copy. */
  readonly stale: boolean;
  /** True when the value came from memory rather than from a load this call waited for. */
  readonly fromCache: boolean;
}

/**
 * How one `getOrLoad` call was answered; each call reports exactly one, so the counts add up to
 * the number of lookups. `miss`: this call ran the loader. `coalesced`: it shared another call's load.
 * `stale`: the load failed and an older copy was served. `error`: the load failed with no copy to serve.
 */
export type CacheOutcome = 'hit' | 'miss' | 'stale' | 'coalesced' | 'error';

export interface CacheOptions {
  /** Upper bound on stored entries; the ones closest to expiry are evicted first. Default 10 000. */
  readonly maxEntries?: number;
  /** Epoch ms clock; injected so TTL tests never sleep. Default `Date.now`. */
  readonly now?: () => number;
  /**
   * Metrics hook, with the store the key belongs to (the console's hit ratio is per store). Must not throw; if it
   * does, the error is ignored so a metric never fails a request.
   */
  readonly onEvent?: (kind: string, outcome: CacheOutcome, store: string) => void;
  /**
   * Which load failures a stale copy may stand in for: an outage (network, timeout, 5xx, 429), not a fact such
   * as "this order does not exist", which drops the copy instead. Default: every failure (the cache alone
   * cannot tell; the server wires BigCommerce's classification).
   */
  readonly isOutage?: (error: unknown) => boolean;
  /** A tier shared by every instance behind this memory tier (REDIS_URL). Default none: memory only. */
  readonly shared?: SharedTierOptions;
}

export interface LoadOptions {
  /** Skip a fresh copy for this call (the widget's refresh button); still falls back to a stale copy. */
  readonly refresh?: boolean;
  /**
   * This caller's deadline. When it fires first, the caller stops waiting: it gets the stale copy if there is
   * one, else the signal's reason. The load itself goes on for the other callers sharing it (it has its own
   * deadline inside the loader), and stores its result when it arrives.
   */
  readonly signal?: AbortSignal;
}

export interface Cache {
  /**
   * A fresh copy from memory, or the loader's result (one loader call per key at a time, shared by all
   * concurrent callers). If the loader fails, a copy younger than `staleTtlMs` is served with
   * `stale: true`; otherwise the loader's error is rethrown unchanged. Only successes are stored.
   * The same key must always hold the same type `T`: the key, built by `cacheKeys`, names the data.
   */
  getOrLoad<T>(
    key: CacheKey,
    policy: CachePolicy,
    loader: () => Promise<T>,
    options?: LoadOptions,
  ): Promise<CacheResult<T>>;
  /** The memory tier's copy, fresh or stale (while it may still stand in), without loading; undefined when none. */
  peek<T>(key: CacheKey): CacheResult<T> | undefined;
  /** Stores a value as if a load had produced it now (for what a request learned on the side). */
  set<T>(key: CacheKey, policy: CachePolicy, value: T): void;
  /** Drops the copy, and keeps a load already in flight from storing its (now outdated) result. */
  invalidate(key: CacheKey): void;
  /** `invalidate` for every key under the prefix. */
  invalidatePrefix(prefix: CacheKeyPrefix): void;
  /** Drops everything and stops the reclaim timer; later `getOrLoad` calls reject. */
  close(): void;
  /** Number of stored entries (including stale ones kept for stale-if-error). */
  size(): number;
}
