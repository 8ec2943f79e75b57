// One quota for all instances: two throttles (two "instances", each with its own Redis connection) share a
// store's budget and together never send into an exhausted window.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { createThrottle, type RateLimitSnapshot } from '../../../bff/src/bigcommerce/index.js';
import { connectRedis, createRedisQuotaBudget } from '../../../bff/src/redis/index.js';
import {
  DEAD_REDIS_URL,
  connectInstance,
  quietLogger,
  skipUnlessRedis,
  testPrefix,
} from './redis-harness.js';

const prefix = testPrefix('quota');

const realSleep = (ms: number, signal?: AbortSignal) =>
  sleep(ms, undefined, { signal }).then(() => undefined);

/**
 * BigCommerce's quota as the store keeps it: fixed windows of `windowMs`, `quota` requests each, counted when a
 * request arrives; every answer carries the X-Rate-Limit-* values. `overruns` counts requests sent into an
 * exhausted window (BigCommerce would have answered 429).
 */
function createQuotaServer(quota: number, windowMs: number) {
  const start = Date.now();
  const counts = new Map<number, number>();
  let overruns = 0;
  let served = 0;
  return {
    async handle(): Promise<RateLimitSnapshot> {
      const now = Date.now();
      const window = Math.floor((now - start) / windowMs);
      const used = (counts.get(window) ?? 0) + 1;
      counts.set(window, used);
      if (used > quota) overruns += 1;
      else served += 1;
      const resetMs = start + (window + 1) * windowMs - now;
      // The answer travels back for a while; other requests reach the store meanwhile.
      await sleep(5 + Math.floor(Math.random() * 20));
      return { requestsLeft: Math.max(0, quota - used), resetMs, quota, windowMs };
    },
    get overruns() {
      return overruns;
    },
    get served() {
      return served;
    },
    windows: () => [...counts.values()],
  };
}

describe('the shared quota budget', { skip: skipUnlessRedis }, () => {
  it('spreads 60 requests over two instances under a 20-per-3-second quota without exceeding it', async () => {
    const store = createQuotaServer(20, 3_000);
    const throttles = await Promise.all(
      [1, 2].map(async () =>
        createThrottle({
          now: Date.now,
          sleep: realSleep,
          budget: createRedisQuotaBudget({ connection: await connectInstance(prefix), storeKey: 'shared' }),
        }),
      ),
    );

    await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const permit = await throttles[i % 2]!.acquire();
        const snapshot = await store.handle();
        permit.release(snapshot);
      }),
    );

    assert.equal(store.overruns, 0, `windows: ${store.windows().join(', ')}`);
    assert.equal(store.served, 60);
  });

  it('makes the second instance wait for the reset when the first used up the window', async () => {
    const connectionA = await connectInstance(prefix);
    const connectionB = await connectInstance(prefix);
    const a = createRedisQuotaBudget({ connection: connectionA, storeKey: 'exhausted' });
    const b = createRedisQuotaBudget({ connection: connectionB, storeKey: 'exhausted' });
    // Instance A saw headers saying one request is left in a window that resets in 2 s.
    await a.reserve();
    await a.release({ requestsLeft: 1, resetMs: 2_000, quota: 20, windowMs: 3_000 });

    const last = await b.reserve();
    const none = await a.reserve();

    assert.equal(last.granted, true);
    assert.equal(none.granted, false);
    assert.ok(!none.granted && none.retryInMs > 0 && none.retryInMs <= 2_000);
  });

  it('falls back to the instance’s own window when Redis is down (the request is not held up)', async () => {
    const connection = connectRedis({ url: DEAD_REDIS_URL, keyPrefix: prefix, logger: quietLogger });
    try {
      const throttle = createThrottle({
        now: Date.now,
        sleep: realSleep,
        budget: createRedisQuotaBudget({ connection, storeKey: 'down' }),
      });
      const permit = await throttle.acquire();
      permit.release({ requestsLeft: 5, resetMs: 1_000, quota: 20, windowMs: 3_000 });
      assert.equal(throttle.state().requestsLeft, 5);
    } finally {
      await connection.close();
    }
  });
});
