import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { Router } from 'express';
import { MemoryStore } from 'express-rate-limit';
import { ERROR_CATALOG } from '../../../shared/errors.js';
import { createLogCapture, readError, startTestApp, type TestApp } from '../app/harness.js';

function createProbeRouter(): Router {
  const router = Router();
  router.get('/probe', (_req, res) => {
    res.json({ ok: true });
  });
  return router;
}

function bearer(session: string): RequestInit {
  return { headers: { authorization: `Bearer ${session}` } };
}

/** Sends `count` requests one after another and returns their statuses. */
async function probe(app: TestApp, session: string, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const response = await app.fetch('/api/v1/probe', bearer(session));
    await response.arrayBuffer();
    statuses.push(response.status);
  }
  return statuses;
}

/** A MemoryStore that remembers which keys it counted, to see what the limiter keys by. */
class RecordingStore extends MemoryStore {
  readonly keys = new Set<string>();

  override async increment(key: string) {
    this.keys.add(key);
    return super.increment(key);
  }
}

describe('the per-session rate limit on /api/v1 (default 120 a minute)', () => {
  const logs = createLogCapture();
  const store = new RecordingStore();
  let app: TestApp;
  let first: string;
  let second: string;

  before(async () => {
    app = await startTestApp({
      apiRouters: [createProbeRouter()],
      logDestination: logs.stream,
      extraDeps: { rateLimit: { store } },
    });
    first = await app.openSession({ ticket: 'T-1' });
    second = await app.openSession({ ticket: 'T-2' });
  });
  after(() => app.close());

  it('answers the 121st request of a session within a minute with 429 rate_limited, Retry-After and the error body', async () => {
    const statuses = await probe(app, first, 120);
    const response = await app.fetch('/api/v1/probe', bearer(first));
    const retryAfter = Number(response.headers.get('retry-after'));
    const error = await readError(response);

    assert.deepEqual(new Set(statuses), new Set([200]));
    assert.equal(error.status, 429);
    assert.ok(
      Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60,
      `Retry-After ${retryAfter}`,
    );
    assert.deepEqual(error.body, {
      error: {
        code: 'rate_limited',
        message: ERROR_CATALOG.rate_limited.message,
        correlationId: error.correlationHeader,
      },
    });
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });

  it('leaves another session unaffected', async () => {
    assert.equal((await app.fetch('/api/v1/probe', bearer(first))).status, 429);
    assert.deepEqual(await probe(app, second, 3), [200, 200, 200]);
  });

  it('counts in the injected store by the session’s ref (a prefix of its hash), never the session id', () => {
    assert.equal(store.keys.size, 2);
    for (const key of store.keys) {
      assert.match(key, /^session:[0-9a-f]{12}$/);
      assert.ok(!key.includes(first) && !key.includes(second));
    }
  });

  it('logs the refusal without the session id', () => {
    const refused = logs.lines().filter((line) => line.code === 'rate_limited');

    assert.ok(refused.length >= 1);
    assert.ok(!logs.text().includes(first));
  });

  it('does not count requests without a valid session', async () => {
    const statuses = await probe(app, 'x'.repeat(43), 130);

    assert.deepEqual(new Set(statuses), new Set([401]));
  });
});

describe('the rate limit, configured: SESSION_RATE_LIMIT_PER_MINUTE and the store', () => {
  it('sets the limit; after the window a limited session goes on', async () => {
    const app = await startTestApp({
      env: { SESSION_RATE_LIMIT_PER_MINUTE: '2' },
      apiRouters: [createProbeRouter()],
      // A one-second window instead of a minute, so the test does not wait a minute.
      extraDeps: { rateLimit: { windowMs: 1_000 } },
    });
    try {
      const session = await app.openSession();
      assert.deepEqual(await probe(app, session, 3), [200, 200, 429]);
      const limited = await app.fetch('/api/v1/probe', bearer(session));
      const retryAfter = Number(limited.headers.get('retry-after'));
      assert.equal(limited.status, 429);
      assert.equal(retryAfter, 1);

      await sleep(retryAfter * 1_000);

      assert.deepEqual(await probe(app, session, 2), [200, 200]);
    } finally {
      await app.close();
    }
  });

  it('lets requests pass and logs when the store fails', async () => {
    class FailingStore extends MemoryStore {
      override async increment(): Promise<never> {
        throw new Error('store unreachable');
      }
    }
    const logs = createLogCapture();
    const app = await startTestApp({
      env: { SESSION_RATE_LIMIT_PER_MINUTE: '1' },
      apiRouters: [createProbeRouter()],
      logDestination: logs.stream,
      extraDeps: { rateLimit: { store: new FailingStore() } },
    });
    try {
      const session = await app.openSession();
      assert.deepEqual(await probe(app, session, 3), [200, 200, 200]);
      assert.ok(
        logs.lines().some((line) => line.level === 50 && JSON.stringify(line).includes('store unreachable')),
      );
    } finally {
      await app.close();
    }
  });

  it('turns the limit off with 0', async () => {
    const app = await startTestApp({
      env: { SESSION_RATE_LIMIT_PER_MINUTE: '0' },
      apiRouters: [createProbeRouter()],
    });
    try {
      const session = await app.openSession();
      assert.deepEqual(new Set(await probe(app, session, 130)), new Set([200]));
    } finally {
      await app.close();
    }
  });
});
