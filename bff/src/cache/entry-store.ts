import NodeCache from 'node-cache';
import type { CacheEntry } from './cache-entry.js';

export interface EntryStore {
  get<T>(key: string): CacheEntry<T> | undefined;
  set(key: string, entry: CacheEntry): void;
  delete(key: string): void;
  deletePrefix(prefix: string): void;
  size(): number;
  close(): void;
}

export interface EntryStoreOptions {
  readonly maxEntries: number;
  readonly now: () => number;
}

// When full, evict a tenth at once: one scan then buys room for many inserts instead of one.
const EVICTION_SHARE = 0.1;
// node-cache's own expiry runs on wall-clock time and only reclaims memory; freshness and staleness
// are decided with the injected clock. The extra second keeps node-cache from dropping a copy
// (rounded to whole seconds) while it may still serve as stale-if-error.
const RECLAIM_SLACK_SECONDS = 1;
const CHECK_PERIOD_SECONDS = 60;

/** node-cache behind a bounded, clock-injected interface: never throws ECACHEFULL, evicts instead. */
export function createEntryStore({ maxEntries, now }: EntryStoreOptions): EntryStore {
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError('Cache maxEntries must be a positive integer.');
  }
  // useClones: false because entries are deep-frozen, and cloning every hit would cost more than
  // the lookup. No maxKeys: node-cache would throw ECACHEFULL at the caller; we evict instead.
  const cache = new NodeCache({ stdTTL: 0, checkperiod: CHECK_PERIOD_SECONDS, useClones: false });

  function makeRoomFor(key: string): void {
    if (cache.has(key) || cache.getStats().keys < maxEntries) return;
    const at = now();
    const entries = cache.keys().flatMap((k) => {
      const entry = cache.get<CacheEntry>(k);
      return entry ? [{ key: k, entry }] : [];
    });
    const dead = entries.filter(({ entry }) => entry.staleUntil <= at);
    if (dead.length > 0) {
      cache.del(dead.map(({ key: k }) => k));
      if (entries.length - dead.length < maxEntries) return;
    }
    const victims = entries
      .filter(({ entry }) => entry.staleUntil > at)
      .sort((a, b) => a.entry.staleUntil - b.entry.staleUntil || a.entry.asOf - b.entry.asOf)
      .slice(0, Math.max(1, Math.ceil(maxEntries * EVICTION_SHARE)));
    cache.del(victims.map(({ key: k }) => k));
  }

  return {
    get: <T>(key: string) => cache.get<CacheEntry<T>>(key),
    set(key, entry) {
      makeRoomFor(key);
      const reclaimAfterSeconds = Math.ceil((entry.staleUntil - entry.asOf) / 1000) + RECLAIM_SLACK_SECONDS;
      cache.set(key, entry, reclaimAfterSeconds);
    },
    delete(key) {
      cache.del(key);
    },
    deletePrefix(prefix) {
      cache.del(cache.keys().filter((key) => key.startsWith(prefix)));
    },
    size: () => cache.getStats().keys,
    close() {
      cache.flushAll();
      cache.close();
    },
  };
}
