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

  it('serves whole views first under a short quota: waiters go by deadline, not by arrival', async () => {
    // Six views of three calls each, one after the other within a view, all started together; view i's
    // deadline is i (they started in that order). Two calls may be in flight, and the window is always short
    // (every request is spaced: 18 per 9 s, one each 500 ms), as when many agents open tickets at once.
    const time = createFakeTime();
    const throttle = createThrottle({ ...time, maxConcurrency: 2, reserveRatio: 1 });
    (await throttle.acquire()).release(snapshot(18, 9_000, 18, 9_000));
    const sent: string[] = [];
    const doneAt: number[] = [];
    const view = async (i: number): Promise<void> => {
      for (let call = 1; call <= 3; call += 1) {
        const permit = await throttle.acquire(undefined, i);
        sent.push(`${i}.${call}`);
        await time.sleep(100);
        permit.release(null);
      }
      doneAt[i] = time.elapsed();
    };

    await Promise.all([0, 1, 2, 3, 4, 5].map(view));

    // The first two views' calls all go before any other view's first call: they answer while the others wait.
    assert.deepEqual(sent.slice(0, 6).sort(), ['0.1', '0.2', '0.3', '1.1', '1.2', '1.3']);
    for (let i = 1; i < 6; i += 1) assert.ok(doneAt[i]! >= doneAt[i - 1]!, `view ${i} after view ${i - 1}`);
    assert.ok(doneAt[1]! < doneAt[2]!, 'the third view waits for the first two');
  });

  it('hands a refilled window to the most urgent callers first', async () => {
    // 3 requests per second, used up; six views of two calls each, view i with deadline i. No spacing here:
    // only the refill decides who goes.
    const time = createFakeTime();
    const throttle = createThrottle({ ...time, reserveRatio: 0, reserveMin: 0 });
    (await throttle.acquire()).release(snapshot(0, 1_000, 3, 1_000));
    const firstCallAt: number[] = [];
    const doneAt: number[] = [];
    const view = async (i: number): Promise<void> => {
      for (let call = 1; call <= 2; call += 1) {
        const permit = await throttle.acquire(undefined, i);
        if (call === 1) firstCallAt[i] = time.elapsed();
        await time.sleep(10);
        permit.release(null);
      }
      doneAt[i] = time.elapsed();
    };

    await Promise.all([5, 3, 1, 4, 0, 2].map(view));

    // Views 0–2 take the first refill and, with their second calls, the next one too: done before 3–5 start.
    for (const early of [0, 1, 2]) {
      for (const late of [3, 4, 5])
        assert.ok(doneAt[early]! <= firstCallAt[late]!, `${early} before ${late}`);
    }
  });

  it('keeps arrival order among callers with the same deadline or none', async () => {
    const time = createFakeTime();
    const throttle = createThrottle({ ...time, maxConcurrency: 1 });
    const held = await throttle.acquire();
    const order: string[] = [];
    const waiting = [
      throttle.acquire().then((p) => (order.push('none-1'), p)),
      throttle.acquire(undefined, 50).then((p) => (order.push('50-a'), p)),
      throttle.acquire().then((p) => (order.push('none-2'), p)),
      throttle.acquire(undefined, 50).then((p) => (order.push('50-b'), p)),
      throttle.acquire(undefined, 10).then((p) => (order.push('10'), p)),
    ];
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(throttle.state().queued, 5);
    held.release(null);
    for (let i = 0; i < waiting.length; i += 1) {
      // Each permit is released as soon as the next in line has it.
      await new Promise((resolve) => setImmediate(resolve));
      const granted = await Promise.race(waiting.map((w, k) => w.then(() => k)));
      (await waiting[granted]!).release(null);
      waiting[granted] = new Promise(() => undefined);
    }

    assert.deepEqual(order, ['10', '50-a', '50-b', 'none-1', 'none-2']);
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
