import type { CachePolicy } from './cache.js';

/**
 * One stored copy. The deadlines are fixed when the copy is stored, from the policy of the load
 * that produced it, so freshness and eviction order never depend on which caller asks.
 */
export interface CacheEntry<T = unknown> {
  readonly value: T;
  readonly asOf: number;
  readonly freshUntil: number;
  readonly staleUntil: number;
  /**
   * Memory tier only, with a shared tier configured: after this the memory copy is no longer served as fresh
   * without asking the shared tier (so an invalidation on another instance reaches this one). Never stored there.
   */
  readonly localUntil?: number;
}

export function createEntry<T>(value: T, asOf: number, policy: CachePolicy): CacheEntry<T> {
  return { value, asOf, freshUntil: asOf + policy.ttlMs, staleUntil: asOf + policy.staleTtlMs };
}

export function isFresh(entry: CacheEntry, now: number): boolean {
  return now < entry.freshUntil;
}

/** May this copy stand in for a failed load? */
export function isServableStale(entry: CacheEntry, now: number): boolean {
  return now < entry.staleUntil;
}

/** Policies are written by us, not users: a bad one is a programming error worth failing loudly. */
export function assertPolicy(policy: CachePolicy): void {
  const { kind, ttlMs, staleTtlMs } = policy;
  if (typeof kind !== 'string' || kind.length === 0) throw new TypeError('A cache policy needs a kind.');
  if (!Number.isFinite(ttlMs) || ttlMs < 0) throw new RangeError(`Cache policy ${kind}: ttlMs must be >= 0.`);
  if (!Number.isFinite(staleTtlMs) || staleTtlMs < ttlMs) {
    throw new RangeError(`Cache policy ${kind}: staleTtlMs must be >= ttlMs.`);
  }
}
