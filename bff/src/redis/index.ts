/**
 * The Redis room: adapters that let several BFF instances share what one process keeps in memory (REDIS_URL;
 * DESIGN §13) — the cache's shared tier, each store's quota budget, the per-order lock, the sync's leader lease
 * and the session rate limit's counters — each behind the port its room already uses. Only this room imports
 * ioredis; without REDIS_URL nothing here runs.
 */
export { connectRedis, type RedisConnection, type RedisConnectionOptions } from './redis-connection.js';
export { createRedisCacheTier } from './redis-cache-tier.js';
export { createRedisQuotaBudget, type RedisQuotaBudgetOptions } from './redis-quota-budget.js';
export { createRedisOrderLock, type RedisOrderLockOptions } from './redis-order-lock.js';
export {
  createRedisLeaderLeases,
  type LeaderLeases,
  type RedisLeaderLeaseOptions,
} from './redis-leader-lease.js';
export { createRedisRateLimitStore } from './redis-rate-limit-store.js';
