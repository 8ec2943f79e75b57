// The cache room's public surface: domain code imports from here, never from the files behind it.
export { createCache } from './create-cache.js';
export { cacheKeys, type CacheKey, type CacheKeyPrefix, type OrderOwner } from './cache-keys.js';
export type { Cache, CacheOptions, CacheOutcome, CachePolicy, CacheResult, LoadOptions } from './cache.js';
export type { SharedTier, SharedTierOptions } from './shared-tier.js';
export type { CacheEntry } from './cache-entry.js';
