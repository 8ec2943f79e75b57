import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  computeRetryDelay,
  createRetryPolicy,
  RETRY_DEFAULTS,
  shouldRetry,
  type AttemptOutcome,
} from '../../../bff/src/bigcommerce/retry.js';

const status = (code: number, resetMs?: number): AttemptOutcome => ({
  kind: 'response',
  status: code,
  resetMs,
});
const network: AttemptOutcome = { kind: 'network', timeout: false };
const timeout: AttemptOutcome = { kind: 'network', timeout: true };

describe('shouldRetry', () => {
  it('should retry a GET that hit a network error', () => {
    assert.equal(shouldRetry({ method: 'GET', attempt: 1, outcome: network }), true);
  });
  it('should not retry a PUT that hit a network error (the write may have landed)', () => {
    assert.equal(shouldRetry({ method: 'PUT', attempt: 1, outcome: network }), false);
  });

  it('should retry a GET that timed out', () => {
    assert.equal(shouldRetry({ method: 'GET', attempt: 1, outcome: timeout }), true);
  });
  it('should not retry a POST that timed out', () => {
    assert.equal(shouldRetry({ method: 'POST', attempt: 1, outcome: timeout }), false);
  });

  for (const code of [500, 502, 503, 504]) {
    it(`should retry a GET answered ${code}`, () => {
      assert.equal(shouldRetry({ method: 'GET', attempt: 1, outcome: status(code) }), true);
    });
  }
  for (const code of [501, 505, 507]) {
    it(`should not retry a GET answered ${code} (it will never work)`, () => {
      assert.equal(shouldRetry({ method: 'GET', attempt: 1, outcome: status(code) }), false);
    });
  }

  it('should retry a GET answered 429 with a reset time', () => {
    assert.equal(shouldRetry({ method: 'GET', attempt: 1, outcome: status(429, 1500) }), true);
  });
  it('should retry a GET answered 429 without headers (platform load)', () => {
    assert.equal(shouldRetry({ method: 'GET', attempt: 1, outcome: status(429) }), true);
  });
  it('should not retry a 429 whose reset time is longer than we can wait', () => {
    const outcome = status(429, RETRY_DEFAULTS.maxRateLimitWaitMs + 1);
    assert.equal(shouldRetry({ method: 'GET', attempt: 1, outcome }), false);
  });
  it('should not retry a PUT answered 429 (the caller decides)', () => {
    assert.equal(shouldRetry({ method: 'PUT', attempt: 1, outcome: status(429, 1000) }), false);
  });

  for (const code of [400, 401, 403, 404, 405, 409, 413, 422]) {
    it(`should not retry a GET answered ${code}`, () => {
      assert.equal(shouldRetry({ method: 'GET', attempt: 1, outcome: status(code) }), false);
    });
  }

  it('should retry the second attempt of a GET', () => {
    assert.equal(shouldRetry({ method: 'GET', attempt: 2, outcome: status(503) }), true);
  });
  it('should not retry after the third attempt', () => {
    assert.equal(shouldRetry({ method: 'GET', attempt: 3, outcome: status(503) }), false);
  });

  it('should not retry when the caller aborted', () => {
    assert.equal(shouldRetry({ method: 'GET', attempt: 1, outcome: { kind: 'aborted' } }), false);
  });
  it('should not retry a success', () => {
    assert.equal(shouldRetry({ method: 'GET', attempt: 1, outcome: status(200) }), false);
  });

  it('should accept lower-case method names', () => {
    assert.equal(shouldRetry({ method: 'get', attempt: 1, outcome: status(503) }), true);
  });
  it('should follow a policy override of the attempt count', () => {
    const policy = createRetryPolicy({ maxAttempts: 1 });
    assert.equal(shouldRetry({ method: 'GET', attempt: 1, outcome: status(503) }, policy), false);
  });
});

describe('computeRetryDelay', () => {
  it('should wait exactly the server reset time on a 429 with headers, without jitter', () => {
    const delays = [0, 0.5, 0.999].map((r) =>
      computeRetryDelay({ method: 'GET', attempt: 1, outcome: status(429, 1234) }, RETRY_DEFAULTS, () => r),
    );
    assert.deepEqual(delays, [1234, 1234, 1234]);
  });

  it('should cap a server reset time at maxRateLimitWaitMs', () => {
    const policy = createRetryPolicy({ maxRateLimitWaitMs: 5_000 });
    assert.equal(
      computeRetryDelay({ method: 'GET', attempt: 1, outcome: status(429, 9_000) }, policy),
      5_000,
    );
  });

  it('should back off exponentially when a 429 has no headers', () => {
    const delays = [1, 2, 3].map((attempt) =>
      computeRetryDelay({ method: 'GET', attempt, outcome: status(429) }, RETRY_DEFAULTS, () => 0),
    );
    assert.deepEqual(delays, [300, 600, 1200]);
  });

  it('should back off exponentially on 5xx and network errors', () => {
    const delays = [1, 2, 3].map((attempt) =>
      computeRetryDelay({ method: 'GET', attempt, outcome: network }, RETRY_DEFAULTS, () => 0),
    );
    assert.deepEqual(delays, [300, 600, 1200]);
  });

  it('should take up to jitterRatio off the exponential step', () => {
    const outcome = status(503);
    assert.equal(
      computeRetryDelay({ method: 'GET', attempt: 2, outcome }, RETRY_DEFAULTS, () => 1),
      300,
    );
    assert.equal(
      computeRetryDelay({ method: 'GET', attempt: 2, outcome }, RETRY_DEFAULTS, () => 0.5),
      450,
    );
  });

  it('should never go below the floor', () => {
    const policy = createRetryPolicy({ baseDelayMs: 10, minDelayMs: 100 });
    assert.equal(
      computeRetryDelay({ method: 'GET', attempt: 1, outcome: status(500) }, policy, () => 1),
      100,
    );
  });

  it('should never go above the cap', () => {
    assert.equal(
      computeRetryDelay({ method: 'GET', attempt: 10, outcome: status(500) }, RETRY_DEFAULTS, () => 0),
      RETRY_DEFAULTS.maxDelayMs,
    );
  });

  it('should treat a broken random source as no jitter', () => {
    assert.equal(
      computeRetryDelay({ method: 'GET', attempt: 1, outcome: status(500) }, RETRY_DEFAULTS, () => NaN),
      300,
    );
  });
});
