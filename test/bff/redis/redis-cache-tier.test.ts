// The cache's shared tier: two caches (two "instances", each with its own Redis connection) behind one Redis.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { cacheKeys, createCache, type Cache, type CacheOutcome } from '../../../bff/src/cache/index.js';
import { connectRedis, createRedisCacheTier, type RedisConnection } from '../../../bff/src/redis/index.js';
import {
  DEAD_REDIS_URL,
  connectInstance,
  quietLogger,
  skipUnlessRedis,
  testPrefix,
} from './redis-harness.js';

const prefix = testPrefix('cache');
const POLICY = { kind: 'order', ttlMs: 60_000, staleTtlMs: 120_000 };

function clock(start = Date.now()) {
  let at = start;
  return { now: () => at, advance: (ms: number) => (at += ms) };
}

function instance(connection: RedisConnection, now: () => number) {
  const outcomes: CacheOutcome[] = [];
  const cache: Cache = createCache({
    now,
    onEvent: (_kind, outcome) => outcomes.push(outcome),
    shared: { tier: createRedisCacheTier(connection), memoryTtlMs: 5_000, loadLockMs: 3_000 },
  });
  return { cache, outcomes };
}

async function twoInstances(now: () => number) {
  return [
    instance(await connectInstance(prefix), now),
    instance(await connectInstance(prefix), now),
  ] as const;
}

describe('the Redis cache tier', { skip: skipUnlessRedis }, () => {
  it('loads a key once across instances when both ask at the same time', async () => {
    const time = clock();
    const [a, b] = await twoInstances(time.now);
    const key = cacheKeys.order('s1', 101);
    let loads = 0;
    const loader = async () => {
      loads += 1;
      await sleep(100);
      return { id: 101, status: 'Shipped' };
    };

    const [fromA, fromB] = await Promise.all([
      a.cache.getOrLoad(key, POLICY, loader),
      b.cache.getOrLoad(key, POLICY, loader),
    ]);

    assert.equal(loads, 1);
    assert.deepEqual(fromA.value, { id: 101, status: 'Shipped' });
    assert.deepEqual(fromB.value, fromA.value);
    assert.equal(fromB.asOf, fromA.asOf);
  });

  it('answers another instance from Redis without loading again', async () => {
    const time = clock();
    const [a, b] = await twoInstances(time.now);
    const key = cacheKeys.order('s1', 102);
    await a.cache.getOrLoad(key, POLICY, async () => ({ id: 102 }));

    const result = await b.cache.getOrLoad(key, POLICY, () => Promise.reject(new Error('must not load')));

    assert.deepEqual(result.value, { id: 102 });
    assert.equal(result.fromCache, true);
    assert.deepEqual(b.outcomes, ['hit']);
  });

  it('lets an invalidation on one instance reach the other within the memory tier’s few seconds', async () => {
    const time = clock();
    const [a, b] = await twoInstances(time.now);
    const key = cacheKeys.order('s1', 103);
    await b.cache.getOrLoad(key, POLICY, async () => ({ version: 1 }));

    a.cache.invalidatePrefix(cacheKeys.orderPrefix('s1', 103)); // e.g. a webhook arrived at instance A
    await sleep(50); // the invalidation travels to Redis in the background
    time.advance(5_000); // the memory tier's copy is due to ask Redis again

    const after = await b.cache.getOrLoad(key, POLICY, async () => ({ version: 2 }));
    assert.deepEqual(after.value, { version: 2 });
  });

  it('does not store a load that an invalidation overtook', async () => {
    const time = clock();
    const [a, b] = await twoInstances(time.now);
    const key = cacheKeys.order('s1', 104);
    let finishLoad!: () => void;
    const loading = a.cache.getOrLoad(key, POLICY, async () => {
      await new Promise<void>((resolve) => (finishLoad = resolve));
      return { version: 'before the note' };
    });
    await sleep(50);

    b.cache.invalidate(key); // a note was written on instance B while A's read was under way
    await sleep(50);
    finishLoad();
    await loading;
    await sleep(50);

    const fresh = await b.cache.getOrLoad(key, POLICY, async () => ({ version: 'after the note' }));
    assert.deepEqual(fresh.value, { version: 'after the note' });
  });

  it('serves from memory for the whole TTL and loads directly while Redis is down', async () => {
    const time = clock();
    const connection = connectRedis({ url: DEAD_REDIS_URL, keyPrefix: prefix, logger: quietLogger });
    try {
      const { cache, outcomes } = instance(connection, time.now);
      const key = cacheKeys.order('s1', 105);
      let loads = 0;
      const loader = async () => {
        loads += 1;
        return { id: 105 };
      };

      await cache.getOrLoad(key, POLICY, loader);
      time.advance(30_000); // past the memory tier's few seconds, within the TTL
      const again = await cache.getOrLoad(key, POLICY, loader);

      assert.equal(loads, 1);
      assert.equal(again.fromCache, true);
      assert.deepEqual(outcomes, ['miss', 'hit']);
      cache.close();
    } finally {
      await connection.close();
    }
  });
});
