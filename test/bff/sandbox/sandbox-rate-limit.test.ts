import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type Sandbox } from '../../../bff/src/sandbox/index.js';
import { callSandbox } from './sandbox-client.js';

const rateHeaders = (headers: Headers): Record<string, string | null> => ({
  left: headers.get('x-rate-limit-requests-left'),
  quota: headers.get('x-rate-limit-requests-quota'),
  resetMs: headers.get('x-rate-limit-time-reset-ms'),
  windowMs: headers.get('x-rate-limit-time-window-ms'),
});

describe('sandbox rate limiting', () => {
  let sandbox: Sandbox;
  let clock = 1_000_000;
  before(async () => {
    sandbox = await startSandbox({ quota: 3, windowMs: 30_000, now: () => clock });
  });
  after(() => sandbox.close());

  it('counts down the quota in headers, answers 429 when exhausted, and resets with the window', async () => {
    sandbox.resetRateLimit();
    clock = 1_000_000;

    const allowed = [];
    for (let i = 0; i < 3; i++) allowed.push(await callSandbox(sandbox, '/v2/time'));
    clock += 10_000;
    const limited = await callSandbox(sandbox, '/v2/time');
    clock += 20_000;
    const afterWindow = await callSandbox(sandbox, '/v2/time');

    assert.deepEqual(
      allowed.map((r) => [r.status, rateHeaders(r.headers).left]),
      [
        [200, '2'],
        [200, '1'],
        [200, '0'],
      ],
    );
    assert.equal(limited.status, 429);
    assert.deepEqual(rateHeaders(limited.headers), {
      left: '0',
      quota: '3',
      resetMs: '20000',
      windowMs: '30000',
    });
    assert.deepEqual(limited.json, [{ status: 429, message: 'Too many requests.' }]);
    assert.equal(afterWindow.status, 200);
    assert.equal(rateHeaders(afterWindow.headers).left, '2');
  });

  it('keeps a separate window per store', async () => {
    sandbox.resetRateLimit();
    for (let i = 0; i < 3; i++) await callSandbox(sandbox, '/v2/time');

    const euLimited = await callSandbox(sandbox, '/v2/time');
    const us = await callSandbox(sandbox, '/v2/time', { store: 'sbx2us' });

    assert.equal(euLimited.status, 429);
    assert.equal(us.status, 200);
    assert.equal(rateHeaders(us.headers).left, '2');
  });

  it('answers a v3 path over quota with the v3 error object', async () => {
    sandbox.resetRateLimit();
    for (let i = 0; i < 3; i++) await callSandbox(sandbox, '/v2/time');

    const limited = await callSandbox(sandbox, '/v3/customers');

    assert.equal(limited.status, 429);
    assert.equal((limited.json as { status: number }).status, 429);
  });

  it('honours a per-store quota from the store spec', async () => {
    const custom = await startSandbox({
      stores: [{ hash: 'tiny', token: 't', seed: 5, label: 'Tiny', quota: 1 }],
      now: () => 0,
    });
    try {
      const first = await callSandbox(custom, '/v2/time');
      const second = await callSandbox(custom, '/v2/time');

      assert.equal(first.status, 200);
      assert.equal(second.status, 429);
      assert.equal(rateHeaders(second.headers).quota, '1');
    } finally {
      await custom.close();
    }
  });
});
