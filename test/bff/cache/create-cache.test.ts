import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cacheKeys, createCache } from '../../../bff/src/cache/index.js';
import {
  POLICY,
  createCountingLoader,
  createDeferred,
  createEventLog,
  createFakeClock,
} from './cache-fixtures.js';

const KEY = cacheKeys.order('eu', 100);
const upstreamDown = () => new Error('BigCommerce is down');

describe('cache getOrLoad', () => {
  it('serves a fresh copy from memory without calling the loader', async () => {
    const clock = createFakeClock();
    const cache = createCache({ now: clock.now });
    const loader = createCountingLoader((n) => ({ version: n }));
    const first = await cache.getOrLoad(KEY, POLICY, loader.load);

    clock.advance(POLICY.ttlMs - 1);
    const second = await cache.getOrLoad(KEY, POLICY, loader.load);

    assert.equal(loader.calls(), 1);
    assert.deepEqual(second, { value: { version: 1 }, asOf: first.asOf, stale: false, fromCache: true });
    cache.close();
  });

  it('loads again once the copy is older than ttlMs', async () => {
    const clock = createFakeClock();
    const cache = createCache({ now: clock.now });
    const loader = createCountingLoader((n) => n);
    await cache.getOrLoad(KEY, POLICY, loader.load);

    clock.advance(POLICY.ttlMs);
    const result = await cache.getOrLoad(KEY, POLICY, loader.load);

    assert.equal(loader.calls(), 2);
    assert.deepEqual(result, { value: 2, asOf: clock.now(), stale: false, fromCache: false });
    cache.close();
  });

  it('stamps asOf with the time the load was requested, not when it answered', async () => {
    const clock = createFakeClock();
    const cache = createCache({ now: clock.now });
    const requestedAt = clock.now();

    const result = await cache.getOrLoad(KEY, POLICY, async () => {
      clock.advance(5_000);
      return 'slow answer';
    });

    assert.equal(result.asOf, requestedAt);
    cache.close();
  });

  it('shares one loader call among 100 concurrent identical lookups', async () => {
    const cache = createCache({ now: createFakeClock().now });
    const upstream = createDeferred<string>();
    const loader = createCountingLoader(() => upstream.promise);

    const pending = Array.from({ length: 100 }, () => cache.getOrLoad(KEY, POLICY, loader.load));
    upstream.resolve('the order');
    const results = await Promise.all(pending);

    assert.equal(loader.calls(), 1);
    assert.ok(results.every((r) => r.value === 'the order' && !r.stale));
    cache.close();
  });

  it('does not share a load between different keys', async () => {
    const cache = createCache({ now: createFakeClock().now });
    const loader = createCountingLoader((n) => n);

    await Promise.all([
      cache.getOrLoad(cacheKeys.order('eu', 1), POLICY, loader.load),
      cache.getOrLoad(cacheKeys.order('eu', 2), POLICY, loader.load),
    ]);

    assert.equal(loader.calls(), 2);
    cache.close();
  });

  it('serves a copy younger than staleTtlMs, marked stale with its original asOf, when the load fails', async () => {
    const clock = createFakeClock();
    const cache = createCache({ now: clock.now });
    const good = await cache.getOrLoad(KEY, POLICY, async () => 'last good');

    clock.advance(POLICY.staleTtlMs - 1);
    const result = await cache.getOrLoad(KEY, POLICY, () => Promise.reject(upstreamDown()));

    assert.deepEqual(result, { value: 'last good', asOf: good.asOf, stale: true, fromCache: true });
    cache.close();
  });

  it('rethrows the loader error unchanged and stores nothing when there is no copy', async () => {
    const cache = createCache({ now: createFakeClock().now });
    const failure = upstreamDown();

    await assert.rejects(
      cache.getOrLoad(KEY, POLICY, () => Promise.reject(failure)),
      (error) => error === failure,
    );

    assert.equal(cache.size(), 0);
    cache.close();
  });

  it('turns a loader that throws synchronously into the same rejection', async () => {
    const cache = createCache({ now: createFakeClock().now });
    const failure = upstreamDown();
    const throwsAtOnce = (): Promise<never> => {
      throw failure;
    };

    await assert.rejects(cache.getOrLoad(KEY, POLICY, throwsAtOnce), (error) => error === failure);
    cache.close();
  });

  it('does not serve a copy older than staleTtlMs when the load fails', async () => {
    const clock = createFakeClock();
    const cache = createCache({ now: clock.now });
    await cache.getOrLoad(KEY, POLICY, async () => 'too old');
    const failure = upstreamDown();

    clock.advance(POLICY.staleTtlMs);

    await assert.rejects(
      cache.getOrLoad(KEY, POLICY, () => Promise.reject(failure)),
      (error) => error === failure,
    );
    cache.close();
  });

  it('does not cache errors: the next lookup calls the loader again', async () => {
    const cache = createCache({ now: createFakeClock().now });
    const loader = createCountingLoader((n) => (n === 1 ? Promise.reject(upstreamDown()) : 'recovered'));

    await assert.rejects(cache.getOrLoad(KEY, POLICY, loader.load));
    const result = await cache.getOrLoad(KEY, POLICY, loader.load);

    assert.equal(loader.calls(), 2);
    assert.equal(result.value, 'recovered');
    cache.close();
  });

  it('gives every caller sharing a failed load the same error from one loader call', async () => {
    const cache = createCache({ now: createFakeClock().now });
    const failure = upstreamDown();
    const loader = createCountingLoader(() => Promise.reject(failure));

    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, () => cache.getOrLoad(KEY, POLICY, loader.load)),
    );

    assert.equal(loader.calls(), 1);
    assert.ok(outcomes.every((o) => o.status === 'rejected' && o.reason === failure));
    cache.close();
  });

  it('freezes cached values so one caller cannot change what the next one sees', async () => {
    const cache = createCache({ now: createFakeClock().now });

    const { value } = await cache.getOrLoad(KEY, POLICY, async () => ({ lines: [{ qty: 1 }] }));

    assert.ok(Object.isFrozen(value) && Object.isFrozen(value.lines) && Object.isFrozen(value.lines[0]));
    assert.throws(() => {
      value.lines[0]!.qty = 2;
    }, TypeError);
    cache.close();
  });

  it('rejects a policy whose staleTtlMs is shorter than its ttlMs', async () => {
    const cache = createCache({ now: createFakeClock().now });

    await assert.rejects(
      cache.getOrLoad(KEY, { kind: 'order', ttlMs: 10, staleTtlMs: 5 }, async () => 1),
      RangeError,
    );
    cache.close();
  });

  it('rejects lookups after close', async () => {
    const cache = createCache({ now: createFakeClock().now });
    await cache.getOrLoad(KEY, POLICY, async () => 1);

    cache.close();

    assert.equal(cache.size(), 0);
    await assert.rejects(
      cache.getOrLoad(KEY, POLICY, async () => 1),
      /closed/,
    );
  });
});

describe('cache getOrLoad with refresh', () => {
  it('skips a fresh copy and calls the loader', async () => {
    const clock = createFakeClock();
    const cache = createCache({ now: clock.now });
    const loader = createCountingLoader((n) => n);
    await cache.getOrLoad(KEY, POLICY, loader.load);
    clock.advance(1_000);

    const result = await cache.getOrLoad(KEY, POLICY, loader.load, { refresh: true });

    assert.equal(loader.calls(), 2);
    assert.deepEqual(result, { value: 2, asOf: clock.now(), stale: false, fromCache: false });
    cache.close();
  });

  it('falls back to the cached copy as stale when the refresh fails', async () => {
    const clock = createFakeClock();
    const cache = createCache({ now: clock.now });
    const good = await cache.getOrLoad(KEY, POLICY, async () => 'before refresh');
    clock.advance(1_000);

    const result = await cache.getOrLoad(KEY, POLICY, () => Promise.reject(upstreamDown()), {
      refresh: true,
    });

    assert.deepEqual(result, { value: 'before refresh', asOf: good.asOf, stale: true, fromCache: true });
    cache.close();
  });

  it('shares one loader call among concurrent refreshes of a fresh copy', async () => {
    const cache = createCache({ now: createFakeClock().now });
    await cache.getOrLoad(KEY, POLICY, async () => 'cached');
    const upstream = createDeferred<string>();
    const loader = createCountingLoader(() => upstream.promise);

    const pending = Array.from({ length: 10 }, () =>
      cache.getOrLoad(KEY, POLICY, loader.load, { refresh: true }),
    );
    upstream.resolve('refreshed');
    const results = await Promise.all(pending);

    assert.equal(loader.calls(), 1);
    assert.ok(results.every((r) => r.value === 'refreshed' && !r.fromCache));
    cache.close();
  });

  it('shares one loader call among concurrent refreshes and plain lookups', async () => {
    const cache = createCache({ now: createFakeClock().now });
    const upstream = createDeferred<string>();
    const loader = createCountingLoader(() => upstream.promise);

    const pending = [
      cache.getOrLoad(KEY, POLICY, loader.load),
      cache.getOrLoad(KEY, POLICY, loader.load, { refresh: true }),
      cache.getOrLoad(KEY, POLICY, loader.load, { refresh: true }),
    ];
    upstream.resolve('refreshed');
    const results = await Promise.all(pending);

    assert.equal(loader.calls(), 1);
    assert.deepEqual(
      results.map((r) => r.value),
      ['refreshed', 'refreshed', 'refreshed'],
    );
    cache.close();
  });
});

describe('cache invalidation', () => {
  it('invalidate drops the copy so the next lookup loads again', async () => {
    const cache = createCache({ now: createFakeClock().now });
    const loader = createCountingLoader((n) => n);
    await cache.getOrLoad(KEY, POLICY, loader.load);

    cache.invalidate(KEY);
    const result = await cache.getOrLoad(KEY, POLICY, loader.load);

    assert.equal(loader.calls(), 2);
    assert.equal(result.value, 2);
    cache.close();
  });

  it('invalidatePrefix drops every copy of one order and keeps other orders and stores', async () => {
    const cache = createCache({ now: createFakeClock().now });
    const loader = createCountingLoader((n) => n);
    const keys = [cacheKeys.order('eu', 12), cacheKeys.order('eu', 123), cacheKeys.order('us', 12)];
    for (const key of keys) await cache.getOrLoad(key, POLICY, loader.load);

    cache.invalidatePrefix(cacheKeys.orderPrefix('eu', 12));
    for (const key of keys) await cache.getOrLoad(key, POLICY, loader.load);

    assert.equal(loader.calls(), 4, 'only eu order 12 is loaded again');
    cache.close();
  });

  it('keeps a load that was in flight during invalidate from storing its outdated result', async () => {
    const cache = createCache({ now: createFakeClock().now });
    const upstream = createDeferred<string>();
    const inFlight = cache.getOrLoad(KEY, POLICY, () => upstream.promise);

    cache.invalidate(KEY);
    upstream.resolve('before the note');
    await inFlight;
    const result = await cache.getOrLoad(KEY, POLICY, async () => 'after the note');

    assert.equal(result.value, 'after the note');
    cache.close();
  });

  it('starts a new load for lookups that arrive after invalidate instead of joining the old one', async () => {
    const cache = createCache({ now: createFakeClock().now });
    const oldLoad = createDeferred<string>();
    const before = cache.getOrLoad(KEY, POLICY, () => oldLoad.promise);

    cache.invalidate(KEY);
    const after = cache.getOrLoad(KEY, POLICY, async () => 'after the note');
    oldLoad.resolve('before the note');

    assert.equal((await before).value, 'before the note');
    assert.equal((await after).value, 'after the note');
    assert.equal((await cache.getOrLoad(KEY, POLICY, async () => 'unused')).value, 'after the note');
    cache.close();
  });
});

describe('cache events', () => {
  it('reports one outcome per lookup: miss, hit, coalesced, stale and error', async () => {
    const clock = createFakeClock();
    const log = createEventLog();
    const cache = createCache({ now: clock.now, onEvent: log.onEvent });
    const upstream = createDeferred<string>();

    const first = cache.getOrLoad(KEY, POLICY, () => upstream.promise);
    const joiner = cache.getOrLoad(KEY, POLICY, async () => 'unused');
    upstream.resolve('v1');
    await Promise.all([first, joiner]);
    await cache.getOrLoad(KEY, POLICY, async () => 'unused');
    clock.advance(POLICY.ttlMs);
    await cache.getOrLoad(KEY, POLICY, () => Promise.reject(upstreamDown()));
    await assert.rejects(
      cache.getOrLoad(cacheKeys.order('eu', 2), POLICY, () => Promise.reject(upstreamDown())),
    );

    assert.deepEqual(log.events, [
      'order miss',
      'order coalesced',
      'order hit',
      'order stale',
      'order error',
    ]);
    cache.close();
  });

  it('answers normally when the event hook throws', async () => {
    const cache = createCache({
      now: createFakeClock().now,
      onEvent: () => {
        throw new Error('metrics broke');
      },
    });

    const result = await cache.getOrLoad(KEY, POLICY, async () => 'fine');

    assert.equal(result.value, 'fine');
    cache.close();
  });
});
