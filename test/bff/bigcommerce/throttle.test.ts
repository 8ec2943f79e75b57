import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createThrottle,
  readRateLimitHeaders,
  type RateLimitSnapshot,
} from '../../../bff/src/bigcommerce/throttle.js';
import { createFakeTime } from './support/fake-time.js';

const snapshot = (
  requestsLeft: number,
  resetMs: number,
  quota = 150,
  windowMs = 30_000,
): RateLimitSnapshot => ({
  requestsLeft,
  resetMs,
  quota,
  windowMs,
});

describe('throttle', () => {
  it('sends at once while plenty of quota is left', async () => {
    const time = createFakeTime();
    const throttle = createThrottle(time);
    (await throttle.acquire()).release(snapshot(120, 20_000));

    for (let i = 0; i < 5; i += 1) (await throttle.acquire()).release(snapshot(119 - i, 20_000));

    assert.deepEqual(time.sleeps, []);
  });

  it('spaces requests over the remaining window when requests-left runs low', async () => {
    // Arrange: 5 of 150 left (below the 10 % reserve), 10 s until the window refills.
    const time = createFakeTime();
    const throttle = createThrottle(time);
    (await throttle.acquire()).release(snapshot(5, 10_000));
    const sentAt: number[] = [];

    // Act: five requests; responses say nothing new (no headers), so the throttle relies on its own count.
    for (let i = 0; i < 5; i += 1) {
      const permit = await throttle.acquire();
      sentAt.push(time.elapsed());
      permit.release(null);
    }

    // Assert: the remaining requests are spread evenly over the 10 s, the last one still before the reset.
    assert.deepEqual(time.sleeps, [2_000, 2_000, 2_000, 2_000]);
    assert.deepEqual(sentAt, [0, 2_000, 4_000, 6_000, 8_000]);
  });

  it('spaces concurrent callers into distinct slots instead of sending them together', async () => {
    const time = createFakeTime();
    const throttle = createThrottle(time);
    (await throttle.acquire()).release(snapshot(4, 8_000));

    const sentAt: number[] = [];
    const acquireAndNote = () =>
      throttle.acquire().then((permit) => {
        sentAt.push(time.elapsed());
        return permit;
      });

    const permits = await Promise.all([acquireAndNote(), acquireAndNote(), acquireAndNote()]);
    for (const permit of permits) permit.release(null);

    assert.deepEqual(sentAt, [0, 2_000, 4_000]);
  });

  it('never sends into an exhausted window: it waits exactly until the reset', async () => {
    const time = createFakeTime();
    const throttle = createThrottle(time);
    (await throttle.acquire()).release(snapshot(0, 7_000));

    const permit = await throttle.acquire();

    assert.deepEqual(time.sleeps, [7_000]);
    assert.equal(throttle.state().requestsLeft, 149, 'the refilled window counts the request just sent');
    permit.release(snapshot(148, 29_990));
  });

  it('counts its own sends so it stops before the server has to say 0', async () => {
    const time = createFakeTime();
    const throttle = createThrottle({ ...time, reserveMin: 0, reserveRatio: 0 });
    (await throttle.acquire()).release(snapshot(2, 5_000));

    const first = await throttle.acquire();
    const second = await throttle.acquire();
    assert.deepEqual(time.sleeps, []);
    const third = await throttle.acquire();

    assert.deepEqual(time.sleeps, [5_000]);
    for (const permit of [first, second, third]) permit.release(null);
  });

  it('does not let a late response of the same window raise the count again', async () => {
    const time = createFakeTime();
    const throttle = createThrottle(time);
    (await throttle.acquire()).release(snapshot(10, 5_000));

    (await throttle.acquire()).release(snapshot(40, 5_000));

    assert.equal(throttle.state().requestsLeft, 9);
  });

  it('holds callers beyond the concurrency limit until a slot frees', async () => {
    const time = createFakeTime();
    const throttle = createThrottle({ ...time, maxConcurrency: 2 });
    const first = await throttle.acquire();
    await throttle.acquire();
    let thirdStarted = false;
    const third = throttle.acquire().then((permit) => {
      thirdStarted = true;
      return permit;
    });
    await Promise.resolve();
    assert.equal(thirdStarted, false);
    assert.deepEqual(throttle.state(), {
      inFlight: 2,
      queued: 1,
      requestsLeft: undefined,
      quota: undefined,
      resetAt: undefined,
    });

    first.release(null);
    (await third).release(null);

    assert.equal(thirdStarted, true);
    assert.equal(throttle.state().queued, 0);
  });

  it('lets a waiting caller abort and leave the queue', async () => {
    const time = createFakeTime();
    const throttle = createThrottle({ ...time, maxConcurrency: 1 });
    const held = await throttle.acquire();
    const controller = new AbortController();
    const waiting = throttle.acquire(controller.signal);

    controller.abort(new Error('agent closed the ticket'));

    await assert.rejects(waiting, /agent closed the ticket/);
    assert.equal(throttle.state().queued, 0);
    held.release(null);
    assert.equal(throttle.state().inFlight, 0);
  });

  it('keeps stores independent: an exhausted store never delays another', async () => {
    const time = createFakeTime();
    const eu = createThrottle(time);
    const us = createThrottle(time);
    (await eu.acquire()).release(snapshot(0, 25_000));

    (await us.acquire()).release(snapshot(149, 29_000));
    (await us.acquire()).release(null);

    assert.deepEqual(time.sleeps, []);
    await eu.acquire();
    assert.deepEqual(time.sleeps, [25_000]);
  });
});

describe('readRateLimitHeaders', () => {
  it('reads the headers whatever their case', () => {
    const expected = { requestsLeft: 35, resetMs: 15_000, quota: 150, windowMs: 30_000 };
    assert.deepEqual(
      readRateLimitHeaders({
        'x-rate-limit-requests-left': '35',
        'x-rate-limit-time-reset-ms': '15000',
        'x-rate-limit-requests-quota': '150',
        'x-rate-limit-time-window-ms': '30000',
      }),
      expected,
    );
    assert.deepEqual(
      readRateLimitHeaders({
        'X-Rate-Limit-Requests-Left': '35',
        'X-RATE-LIMIT-TIME-RESET-MS': '15000',
        'x-Rate-Limit-Requests-Quota': '150',
        'X-Rate-Limit-Time-Window-Ms': '30000',
      }),
      expected,
    );
  });

  it('returns null when left or reset is missing or not a number (a missing header is never "0 ms")', () => {
    assert.equal(readRateLimitHeaders({ 'x-rate-limit-requests-left': '3' }), null);
    assert.equal(
      readRateLimitHeaders({ 'x-rate-limit-requests-left': '3', 'x-rate-limit-time-reset-ms': '' }),
      null,
    );
    assert.equal(
      readRateLimitHeaders({ 'x-rate-limit-requests-left': 'x', 'x-rate-limit-time-reset-ms': '10' }),
      null,
    );
    assert.equal(readRateLimitHeaders(undefined), null);
  });
});
