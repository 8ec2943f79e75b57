import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createReadinessCheck } from '../../../bff/src/routes/health.js';
import { createClock, readError, startTestApp, type TestApp } from './harness.js';

function createPinger(failing: Set<string>) {
  const calls: string[] = [];
  return {
    calls,
    ping: async (storeKey: string) => {
      calls.push(storeKey);
      if (failing.has(storeKey)) throw new Error('unreachable');
    },
  };
}

describe('GET /healthz and /readyz', () => {
  let app: TestApp;
  const failing = new Set<string>();
  const pinger = createPinger(failing);
  before(async () => {
    app = await startTestApp({ bigcommerce: pinger });
  });
  after(() => app.close());

  it('answers /healthz without auth or dependencies', async () => {
    const response = await app.fetch('/healthz');

    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
  });

  it('is ready when the database answers and every store answers a ping', async () => {
    const response = await app.fetch('/readyz');

    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      status: 'ready',
      checks: { database: 'ok', stores: { default: 'ok' } },
    });
  });

  it('reuses a verdict for a few seconds instead of pinging BigCommerce on every probe', async () => {
    app.clock.advance(10_000);
    pinger.calls.length = 0;

    await (await app.fetch('/readyz')).text();
    await (await app.fetch('/readyz')).text();
    app.clock.advance(4_000);
    await (await app.fetch('/readyz')).text();

    assert.deepEqual(pinger.calls, ['default']);
  });

  it('answers 503 not_ready naming the store that does not answer', async () => {
    failing.add('default');
    app.clock.advance(10_000);

    const { status, body } = await readError(await app.fetch('/readyz'));

    assert.equal(status, 503);
    assert.equal(body.error.code, 'not_ready');
    assert.match(body.error.message, /store "default"/);
    failing.clear();
  });

  it('answers 503 not_ready when the database is gone', async () => {
    app.clock.advance(10_000);
    await app.store.close();

    const { status, body } = await readError(await app.fetch('/readyz'));

    assert.equal(status, 503);
    assert.match(body.error.message, /database/);
  });
});

describe('createReadinessCheck', () => {
  it('shares one round of pings between concurrent probes', async () => {
    const calls: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const check = createReadinessCheck({
      db: { check: async () => true },
      storeKeys: ['eu', 'us'],
      bigcommerce: {
        ping: async (key) => {
          calls.push(key);
          await gate;
        },
      },
      now: createClock().now,
    });

    const both = Promise.all([check(), check()]);
    release();
    const [first, second] = await both;

    assert.deepEqual(calls, ['eu', 'us']);
    assert.equal(first.ready, true);
    assert.equal(second, first);
  });
});
