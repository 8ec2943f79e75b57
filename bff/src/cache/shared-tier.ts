import type { CacheEntry } from './cache-entry.js';

/**
 * The cache's second tier, shared by every instance (REDIS_URL; redis/redis-cache-tier.ts), behind each
 * instance's memory tier. Copies are plain JSON. Every method may reject when the tier cannot be reached: the
 * cache then answers from memory and BigCommerce alone (degraded), never with an error of the tier.
 */
export interface SharedTier {
  /**
   * The stored copy, if any, and a generation stamp of the key (and every prefix it lies under), read before a
   * load: `write` with that stamp stores nothing when the key was invalidated meanwhile.
   */
  read(key: string): Promise<{ entry: CacheEntry | undefined; generation: string }>;
  /** Stores the copy while it is fresh; with a generation, only while no invalidation happened since. */
  write(key: string, entry: CacheEntry, generation: string | null): Promise<void>;
  invalidate(key: string): Promise<void>;
  invalidatePrefix(prefix: string): Promise<void>;
  /** A short lock on one key's load across instances: a token when this instance loads, null when another does. */
  lockLoad(key: string, ttlMs: number): Promise<string | null>;
  unlockLoad(key: string, token: string): Promise<void>;
  /** False while the tier is known to be unreachable: memory copies then stay fresh for their whole TTL. */
  available(): boolean;
}

export interface SharedTierOptions {
  readonly tier: SharedTier;
  /**
   * How long the memory tier serves a copy before asking the shared tier again (default 5 s): an invalidation on
   * another instance (a webhook, a note) reaches this one within this time.
   */
  readonly memoryTtlMs?: number;
  /** How long one instance's load lock lasts, and how long the others wait for its result. Default 15 s. */
  readonly loadLockMs?: number;
  /** Called when the tier failed an operation (for a metric; the tier logs its own outage once). */
  readonly onError?: (operation: string, error: unknown) => void;
}
