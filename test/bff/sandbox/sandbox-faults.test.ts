import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { SANDBOX_PERSONAS, startSandbox, type Sandbox } from '../../../bff/src/sandbox/index.js';
import { callSandbox } from './sandbox-client.js';

const eu = SANDBOX_PERSONAS.sbx1eu;

/** Resolves once the sandbox has logged a request for `path` (event-driven polling, no wall-clock assertions). */
async function waitForRequest(sandbox: Sandbox, path: string): Promise<void> {
  while (!sandbox.requests.some((r) => r.path.startsWith(path))) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('sandbox fault knobs', () => {
  let sandbox: Sandbox;
  const delays: number[] = [];
  before(async () => {
    sandbox = await startSandbox({
      quota: 10_000,
      faultSeed: 7,
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
  });
  afterEach(() => {
    sandbox.faults.clear();
    sandbox.setLatency(0);
    sandbox.clearRequests();
    delays.length = 0;
  });
  after(() => sandbox.close());

  it('adds global latency plus the latency of every matching rule', async () => {
    sandbox.setLatency(40);
    sandbox.faults.add({ path: '/v2/orders/', latencyMs: 200 });
    sandbox.faults.add({ method: 'GET', latencyMs: 5 });

    await callSandbox(sandbox, `/v2/orders/${eu.orders.refunded}`);
    await callSandbox(sandbox, '/v2/time');

    assert.deepEqual(delays, [245, 45]);
  });

  it('answers the error rate with BigCommerce-shaped errors, reproducibly for a fault seed', async () => {
    const run = async (target: Sandbox): Promise<number[]> => {
      target.faults.add({ path: /^\/v2\/time/, errorRate: 0.5, status: 503 });
      const statuses = [];
      for (let i = 0; i < 30; i++) statuses.push((await callSandbox(target, '/v2/time')).status);
      return statuses;
    };
    const twin = await startSandbox({ quota: 10_000, faultSeed: 7 });

    const first = await run(sandbox);
    const second = await run(twin);
    await twin.close();

    assert.deepEqual(first, second);
    assert.ok(first.includes(503) && first.includes(200), first.join(','));
  });

  it('shapes injected errors as v2 arrays and v3 objects', async () => {
    sandbox.faults.add({ errorRate: 1 });

    const v2 = await callSandbox(sandbox, '/v2/time');
    const v3 = await callSandbox(sandbox, '/v3/customers');

    assert.deepEqual(v2.json, [{ status: 500, message: 'Internal server error.' }]);
    assert.equal((v3.json as { status: number }).status, 500);
    assert.equal(typeof (v3.json as { title: string }).title, 'string');
  });

  it('expires a rule after `times` matching requests', async () => {
    sandbox.faults.add({ path: '/v2/time', errorRate: 1, status: 502, times: 2 });

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await callSandbox(sandbox, '/v2/time')).status);

    assert.deepEqual(statuses, [502, 502, 200]);
  });

  it('only applies a rule to its store and method', async () => {
    sandbox.faults.add({ store: 'sbx2us', method: 'PUT', errorRate: 1 });

    const otherStore = await callSandbox(sandbox, '/v2/time');
    const otherMethod = await callSandbox(sandbox, '/v2/time', { store: 'sbx2us' });

    assert.equal(otherStore.status, 200);
    assert.equal(otherMethod.status, 200);
  });

  it('removes a rule by id', async () => {
    const id = sandbox.faults.add({ errorRate: 1 });
    sandbox.faults.remove(id);

    const response = await callSandbox(sandbox, '/v2/time');

    assert.equal(response.status, 200);
  });

  it('storms 429 with rate-limit headers and the given reset', async () => {
    sandbox.faults.add({ rateLimit: { withHeaders: true, resetMs: 1234 }, times: 1 });

    const limited = await callSandbox(sandbox, '/v2/time');

    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('x-rate-limit-time-reset-ms'), '1234');
    assert.equal(limited.headers.get('x-rate-limit-requests-left'), '0');
  });

  it('storms 429 without any rate-limit headers, like a platform under load', async () => {
    sandbox.faults.add({ rateLimit: { withHeaders: false } });

    const limited = await callSandbox(sandbox, '/v2/time');

    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('x-rate-limit-time-reset-ms'), null);
    assert.equal(limited.headers.get('x-rate-limit-requests-left'), null);
  });

  it('breaks the first record of a response when malformed is on', async () => {
    sandbox.faults.add({ path: '/v2/orders', malformed: true, times: 1 });
    const query = `/v2/orders?customer_id=${eu.registered.customerId}`;

    const broken = await callSandbox(sandbox, query);
    const clean = await callSandbox(sandbox, query);

    const [first, second] = broken.json as { id: unknown; total_inc_tax: string }[];
    assert.equal(typeof first!.id, 'string');
    assert.equal(first!.total_inc_tax, 'not-money');
    assert.equal(typeof second!.id, 'number');
    assert.equal(typeof (clean.json as { id: unknown }[])[0]!.id, 'number', 'live data is untouched');
  });

  it('holds a hung request open until the client gives up, logging status 0', async () => {
    sandbox.faults.add({ path: '/v2/store', hangRate: 1, times: 1 });
    const controller = new AbortController();

    const pending = callSandbox(sandbox, '/v2/store', { signal: controller.signal });
    await waitForRequest(sandbox, '/v2/store');
    controller.abort();

    await assert.rejects(pending, { name: 'AbortError' });
    assert.equal(sandbox.requests.find((r) => r.path === '/v2/store')?.status, 0);
  });

  it('applies a PUT and then fails it, leaving the client with an unknown outcome', async () => {
    sandbox.faults.add({ method: 'PUT', applyAfterWrite: true, status: 504, times: 1 });
    const orderPath = `/v2/orders/${eu.orders.shippedWithTracking}`;

    const put = await callSandbox(sandbox, orderPath, {
      method: 'PUT',
      body: { staff_notes: 'written then failed' },
    });
    const read = await callSandbox(sandbox, orderPath);

    assert.equal(put.status, 504);
    assert.equal((read.json as { staff_notes: string }).staff_notes, 'written then failed');
  });

  it('applies a PUT and then hangs it', async () => {
    sandbox.faults.add({ method: 'PUT', applyAfterWrite: true, hangRate: 1, times: 1 });
    const orderPath = `/v2/orders/${eu.orders.partiallyShipped}`;
    const controller = new AbortController();

    const put = callSandbox(sandbox, orderPath, {
      method: 'PUT',
      body: { staff_notes: 'written then hung' },
      signal: controller.signal,
    });
    await waitForRequest(sandbox, orderPath);
    // The write lands before the hang, so a read sees it while the PUT is still open.
    const read = await callSandbox(sandbox, orderPath);
    controller.abort();

    await assert.rejects(put, { name: 'AbortError' });
    assert.equal((read.json as { staff_notes: string }).staff_notes, 'written then hung');
  });
});

describe('sandbox shutdown', () => {
  it('releases hung requests on close so the process can exit', async () => {
    const sandbox = await startSandbox();
    sandbox.faults.add({ hangRate: 1 });

    const pending = callSandbox(sandbox, '/v2/time');
    await waitForRequest(sandbox, '/v2/time');
    await sandbox.close();

    await assert.rejects(pending);
  });

  it('releases pending latency waits on close', async () => {
    const sandbox = await startSandbox({ latencyMs: 600_000 });

    const pending = callSandbox(sandbox, '/v2/time').catch(() => 'released');
    await waitForRequest(sandbox, '/v2/time');
    await sandbox.close();

    assert.equal(await pending, 'released');
  });
});
