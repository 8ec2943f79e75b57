import { setTimeout as delay } from 'node:timers/promises';
import { isFresh, type CacheEntry } from './cache-entry.js';
import { deepFreeze } from './deep-freeze.js';
import type { SharedTier } from './shared-tier.js';

export interface SharedLoad<T> {
  entry: CacheEntry<T>;
  /** The copy came from the shared tier (another instance's load), not from this instance's loader. */
  fromShared: boolean;
}

export interface SharedFlightOptions<T> {
  tier: SharedTier;
  key: string;
  refresh: boolean;
  lockMs: number;
  now: () => number;
  load: () => Promise<CacheEntry<T>>;
  onError: (operation: string, error: unknown) => void;
}

const FIRST_PAUSE_MS = 20;
const LONGEST_PAUSE_MS = 200;

/**
 * One upstream load per key across instances. A fresh copy in the shared tier wins; otherwise the instance that
 * takes the key's short load lock (SET NX PX) loads and stores, and the others poll the shared tier for its copy
 * with a growing pause, bounded by the lock's lifetime. A lock that disappears without a copy (its load failed)
 * is taken by the next waiter; a waiter that runs out of patience loads itself. When the tier fails, the load
 * goes straight upstream: the tier is an optimisation, never a dependency of a read.
 */
export async function loadAcrossInstances<T>(options: SharedFlightOptions<T>): Promise<SharedLoad<T>> {
  const { tier, key, now } = options;
  async function attempt<R>(operation: string, run: () => Promise<R>): Promise<R | undefined> {
    try {
      return await run();
    } catch (error) {
      options.onError(operation, error);
      return undefined;
    }
  }
  async function loadAndStore(generation: string | null): Promise<SharedLoad<T>> {
    const entry = await options.load();
    if (generation !== null) await attempt('write', () => tier.write(key, entry, generation));
    return { entry, fromShared: false };
  }
  function usable(entry: CacheEntry | undefined, newerThan: number): entry is CacheEntry<T> {
    return entry !== undefined && isFresh(entry, now()) && entry.asOf > newerThan;
  }

  const first = await attempt('read', () => tier.read(key));
  if (first === undefined) return loadAndStore(null);
  // A refresh asks for a copy newer than the one it saw (another instance's load in flight qualifies).
  const newerThan = options.refresh ? (first.entry?.asOf ?? -Infinity) : -Infinity;
  if (!options.refresh && usable(first.entry, newerThan)) {
    return { entry: deepFreeze(first.entry), fromShared: true };
  }

  // Real time on purpose: this bounds a wait for another process, which the injected clock knows nothing of.
  const waitUntil = Date.now() + options.lockMs;
  let pause = FIRST_PAUSE_MS;
  for (;;) {
    const token = await attempt('lock', () => tier.lockLoad(key, options.lockMs));
    if (token === undefined) return loadAndStore(null);
    if (token !== null) {
      try {
        return await loadAndStore(first.generation);
      } finally {
        void attempt('unlock', () => tier.unlockLoad(key, token));
      }
    }
    if (Date.now() >= waitUntil) break;
    await delay(pause, undefined, { ref: false });
    pause = Math.min(LONGEST_PAUSE_MS, pause * 2);
    const seen = await attempt('read', () => tier.read(key));
    if (seen === undefined) return loadAndStore(null);
    if (usable(seen.entry, newerThan)) return { entry: deepFreeze(seen.entry), fromShared: true };
  }
  // The other instance's load outlived its lock: load here rather than keep an agent waiting.
  return loadAndStore(first.generation);
}
