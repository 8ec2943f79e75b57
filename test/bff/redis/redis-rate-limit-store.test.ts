// The session rate limit's counters in Redis: a session has one budget across instances.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Options } from 'express-rate-limit';
import { createRedisRateLimitStore } from '../../../bff/src/redis/index.js';
import { connectInstance, skipUnlessRedis, testPrefix } from './redis-harness.js';

const prefix = testPrefix('rate-limit');

describe('the Redis rate-limit store', { skip: skipUnlessRedis }, () => {
  it('counts one session’s requests on two instances together, within one window', async () => {
    const a = createRedisRateLimitStore(await connectInstance(prefix));
    const b = createRedisRateLimitStore(await connectInstance(prefix));
    for (const store of [a, b]) void store.init?.({ windowMs: 60_000 } as Options);

    await a.increment('session:abc');
    await b.increment('session:abc');
    const third = await a.increment('session:abc');
    const other = await b.increment('session:xyz');

    assert.equal(third.totalHits, 3);
    assert.equal(other.totalHits, 1);
    assert.ok(third.resetTime && third.resetTime.getTime() > Date.now());
    assert.ok(third.resetTime.getTime() <= Date.now() + 60_000);
  });

  it('starts a new window when the old one expires', async () => {
    const store = createRedisRateLimitStore(await connectInstance(prefix));
    void store.init?.({ windowMs: 100 } as Options);
    await store.increment('session:short');
    await new Promise((resolve) => setTimeout(resolve, 250));
    assert.equal((await store.increment('session:short')).totalHits, 1);
  });
});
