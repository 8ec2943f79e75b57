import type { Store as RateLimitStore } from 'express-rate-limit';
import type { Registry } from 'prom-client';
import type { QuotaBudget } from '../bigcommerce/index.js';
import type { SharedTierOptions } from '../cache/index.js';
import type { AppConfig } from '../config.js';
import type { Logger } from '../core/logger.js';
import type { OrderLock } from '../notes/index.js';
import {
  connectRedis,
  createRedisCacheTier,
  createRedisLeaderLeases,
  createRedisOrderLock,
  createRedisQuotaBudget,
  createRedisRateLimitStore,
  type LeaderLeases,
  type RedisConnection,
} from '../redis/index.js';

/** What several instances share through Redis; server.ts plugs each part into the port that already takes it. */
export interface SharedState {
  connection: RedisConnection;
  quotaBudgetFor(storeKey: string): QuotaBudget;
  cache: SharedTierOptions;
  orderLock: OrderLock;
  rateLimitStore: RateLimitStore;
  leader: LeaderLeases;
  /** /readyz: Redis answers. */
  check(): Promise<boolean>;
  close(): Promise<void>;
}

/** How long start-up waits for Redis before it carries on degraded (reads from memory, writes refused). */
const CONNECT_WAIT_MS = 3_000;

/**
 * REDIS_URL set: connects and builds the Redis adapters. Unset: null, and the product keeps everything in this
 * process exactly as before (the embedded default never needs Redis).
 */
export async function openSharedState(
  config: AppConfig,
  logger: Logger,
  registry: Registry,
): Promise<SharedState | null> {
  if (config.redis === null) return null;
  const connection = connectRedis({
    url: config.redis.url,
    keyPrefix: config.redis.keyPrefix,
    logger,
    registry,
  });
  if (!(await connection.whenReady(CONNECT_WAIT_MS))) {
    logger.warn(
      'Redis did not answer at start-up: starting degraded (not ready) and connecting in the background',
    );
  }
  const leader = createRedisLeaderLeases({
    connection,
    storeKeys: Object.keys(config.stores),
    logger,
  });
  return {
    connection,
    quotaBudgetFor: (storeKey) => createRedisQuotaBudget({ connection, storeKey }),
    cache: {
      tier: createRedisCacheTier(connection),
      onError: (operation) => connection.fellBack(`cache_${operation}`),
    },
    orderLock: createRedisOrderLock({ connection }),
    rateLimitStore: createRedisRateLimitStore(connection),
    leader,
    check: () => connection.ping(),
    async close() {
      await leader.stop({ release: true });
      await connection.close();
    },
  };
}
