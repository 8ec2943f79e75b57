import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cacheKeys, createCache, type CachePolicy } from '../../../bff/src/cache/index.js';
import { POLICY, createCountingLoader, createFakeClock } from './cache-fixtures.js';

const policyWithStaleTtl = (staleTtlMs: number): CachePolicy => ({ kind: 'order', ttlMs: 1_000, staleTtlMs });

describe('cache size bound', () => {
  it('evicts instead of throwing when more keys are loaded than maxEntries', async () => {
    const cache = createCache({ maxEntries: 5, now: createFakeClock().now });

    for (let id = 1; id <= 50; id++) await cache.getOrLoad(cacheKeys.order('eu', id), POLICY, async () => id);

    assert.ok(cache.size() <= 5, `size ${cache.size()} exceeds the bound`);
    assert.ok(cache.size() >= 1);
    cache.close();
  });

  it('evicts the copy closest to expiry first', async () => {
    const cache = createCache({ maxEntries: 3, now: createFakeClock().now });
    const soon = cacheKeys.order('eu', 1);
    const late = cacheKeys.order('eu', 2);
    const middle = cacheKeys.order('eu', 3);
    const newcomer = cacheKeys.order('eu', 4);
    await cache.getOrLoad(soon, policyWithStaleTtl(10_000), async () => 'soon');
    await cache.getOrLoad(late, policyWithStaleTtl(90_000), async () => 'late');
    await cache.getOrLoad(middle, policyWithStaleTtl(50_000), async () => 'middle');

    await cache.getOrLoad(newcomer, policyWithStaleTtl(50_000), async () => 'new');

    const reloads = createCountingLoader(() => 'reloaded');
    for (const key of [late, middle, newcomer]) await cache.getOrLoad(key, POLICY, reloads.load);
    assert.equal(reloads.calls(), 0, 'the three later-expiring copies are still fresh in memory');
    assert.equal((await cache.getOrLoad(soon, POLICY, reloads.load)).value, 'reloaded');
    cache.close();
  });

  it('drops copies too old to serve before evicting live ones', async () => {
    const clock = createFakeClock();
    const cache = createCache({ maxEntries: 10, now: clock.now });
    for (let id = 1; id <= 9; id++) {
      await cache.getOrLoad(cacheKeys.order('eu', id), policyWithStaleTtl(5_000), async () => id);
    }
    await cache.getOrLoad(cacheKeys.order('eu', 10), policyWithStaleTtl(60_000), async () => 10);
    clock.advance(5_000);

    await cache.getOrLoad(cacheKeys.order('eu', 11), policyWithStaleTtl(60_000), async () => 11);

    assert.equal(cache.size(), 2, 'the nine dead copies went, the live one stayed');
    cache.close();
  });
});
