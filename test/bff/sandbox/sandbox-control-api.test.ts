import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import {
  SANDBOX_PERSONAS,
  startSandbox,
  type RawOrder,
  type RawRefund,
  type RawShipment,
  type Sandbox,
  type StoreFaultState,
} from '../../../bff/src/sandbox/index.js';
import { callSandbox } from './sandbox-client.js';
import { registerHook, startReceiver, type Receiver } from './webhook-receiver.js';

const eu = SANDBOX_PERSONAS.sbx1eu;

describe('sandbox control API (/__sandbox)', () => {
  let sandbox: Sandbox;
  let receiver: Receiver;
  let clock = Date.UTC(2026, 10, 28, 8, 0, 0);
  const control = async (
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }> => {
    const response = await fetch(`${sandbox.url}/__sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined };
  };

  before(async () => {
    // A quota of 3 proves that control calls are not counted.
    sandbox = await startSandbox({ quota: 3, now: () => clock });
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await control('DELETE', '/stores/sbx1eu/faults');
    sandbox.faults.clear();
    await sandbox.settleDeliveries();
    for (const hook of sandbox.store().webhooks.list()) {
      sandbox.resetRateLimit();
      await callSandbox(sandbox, `/v3/hooks/${hook.id}`, { method: 'DELETE' });
    }
    receiver.received.length = 0;
    sandbox.resetRateLimit();
    sandbox.clearRequests();
    clock += 60_000;
  });
  after(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('lists the stores', async () => {
    const response = await control('GET', '/stores');

    assert.equal(response.status, 200);
    assert.deepEqual(
      (response.json as { hash: string }[]).map((s) => s.hash),
      ['sbx1eu', 'sbx2us'],
    );
  });

  it('changes a status over HTTP, fires the webhooks, and neither counts against the quota nor is logged', async () => {
    await registerHook(sandbox, { scope: 'store/order/*', destination: receiver.url });
    sandbox.resetRateLimit();
    sandbox.clearRequests();

    const calls = [];
    for (let i = 0; i < 5; i++) {
      calls.push(
        await control('POST', `/stores/sbx1eu/orders/${eu.orders.withStaffNotes}/status`, {
          statusId: 9 + (i % 2),
        }),
      );
    }
    await sandbox.settleDeliveries();
    const left = (await callSandbox(sandbox, '/v2/time')).headers.get('x-rate-limit-requests-left');

    assert.deepEqual(
      calls.map((c) => c.status),
      [200, 200, 200, 200, 200],
    );
    assert.equal((calls[4]!.json as RawOrder).status_id, 9);
    assert.equal(left, '2', 'only the /v2/time call counted');
    assert.deepEqual(
      sandbox.requests.map((r) => r.path),
      ['/v2/time'],
    );
    assert.equal(receiver.received.length, 10, 'updated + statusUpdated per change');
  });

  it('creates an order, ships it, refunds it and edits notes over HTTP', async () => {
    const created = await control('POST', '/stores/sbx1eu/orders', { customerId: eu.registered.customerId });
    const id = (created.json as RawOrder).id;
    const shipped = await control('POST', `/stores/sbx1eu/orders/${id}/shipments`, {
      carrier: 'dhl',
      trackingNumber: '00340434161234567890',
    });
    const shipmentId = (shipped.json as RawShipment).id;
    const retracked = await control('PUT', `/stores/sbx1eu/orders/${id}/shipments/${shipmentId}`, {
      trackingNumber: '00340434169999999999',
    });
    const refunded = await control('POST', `/stores/sbx1eu/orders/${id}/refunds`, {
      amount: 2.5,
      reason: 'Goodwill',
    });
    const noted = await control('POST', `/stores/sbx1eu/orders/${id}/staff_notes`, {
      text: 'Colleague edit',
    });
    const archived = await control('POST', `/stores/sbx1eu/orders/${id}/archive`);
    sandbox.resetRateLimit();
    const order = (await callSandbox(sandbox, `/v2/orders/${id}`)).json as RawOrder;

    assert.equal(created.status, 201);
    assert.equal(shipped.status, 201);
    assert.equal((retracked.json as RawShipment).tracking_number, '00340434169999999999');
    assert.equal(refunded.status, 201);
    assert.equal((refunded.json as RawRefund).total_amount, 2.5);
    assert.equal(noted.status, 200);
    assert.equal(archived.status, 200);
    assert.equal(order.status_id, 14);
    assert.equal(order.staff_notes, 'Colleague edit');
    assert.equal(order.is_deleted, true);
  });

  it('updates a customer over HTTP', async () => {
    const response = await control('PATCH', `/stores/sbx1eu/customers/${eu.plusAddressed.customerId}`, {
      notes: 'Prefers phone',
    });

    assert.equal(response.status, 200);
    assert.equal((response.json as { notes: string }).notes, 'Prefers phone');
  });

  it('answers refusals with {error: {code, message}} and the fitting status', async () => {
    const cases: [string, string, unknown, number, string][] = [
      ['POST', `/stores/sbx1eu/orders/${eu.unknownOrderId}/status`, { statusId: 2 }, 404, 'order_not_found'],
      ['POST', `/stores/sbx1eu/orders/${eu.orders.refunded}/status`, { statusId: 77 }, 400, 'invalid_status'],
      ['POST', `/stores/sbx1eu/orders/${eu.orders.refunded}/status`, { status: 2 }, 400, 'invalid_input'],
      ['POST', `/stores/sbx1eu/orders/${eu.orders.refunded}/status`, {}, 400, 'invalid_input'],
      ['POST', `/stores/sbx1eu/orders/${eu.orders.digital}/shipments`, {}, 409, 'nothing_to_ship'],
      ['POST', `/stores/sbx1eu/orders/${eu.orders.refunded}/refunds`, {}, 409, 'nothing_to_refund'],
      [
        'POST',
        `/stores/sbx1eu/orders/${eu.orders.refunded}/shipments`,
        { items: [{ id: 1 }] },
        400,
        'invalid_input',
      ],
      ['POST', '/stores/nope/orders', { email: 'a@example.org' }, 404, 'store_not_found'],
      ['GET', '/stores/sbx1eu/orders', undefined, 405, 'method_not_allowed'],
      ['POST', '/stores/sbx1eu/faults', { outage: 'yes' }, 400, 'invalid_input'],
      ['POST', '/stores/sbx1eu/faults', { blackout: true }, 400, 'invalid_input'],
      ['POST', '/stores/sbx1eu/hooks/1/deactivate', undefined, 404, 'hook_not_found'],
      ['GET', '/elsewhere', undefined, 404, 'not_found'],
    ];
    for (const [method, path, body, status, code] of cases) {
      const response = await control(method, path, body);
      assert.equal(response.status, status, `${method} ${path}`);
      assert.equal((response.json as { error: { code: string } }).error.code, code, `${method} ${path}`);
      assert.equal(typeof (response.json as { error: { message: string } }).error.message, 'string');
    }
  });

  it('takes a store down with an outage (503) and brings it back with DELETE', async () => {
    const set = await control('POST', '/stores/sbx1eu/faults', { outage: true });
    const down = await callSandbox(sandbox, '/v2/orders?limit=1');
    const otherStore = await callSandbox(sandbox, '/v2/time', { store: 'sbx2us' });
    const cleared = await control('DELETE', '/stores/sbx1eu/faults');
    const up = await callSandbox(sandbox, '/v2/time');

    assert.deepEqual((set.json as StoreFaultState).outage, { mode: 'error', status: 503 });
    assert.equal(down.status, 503);
    assert.deepEqual(down.json, [{ status: 503, message: 'Service Unavailable' }]);
    assert.equal(otherStore.status, 200);
    assert.equal((cleared.json as StoreFaultState).outage, false);
    assert.equal(up.status, 200);
  });

  it('makes every call of a store hang with outage mode "hang"', async () => {
    await control('POST', '/stores/sbx1eu/faults', { outage: { mode: 'hang' } });
    const controller = new AbortController();

    const pending = callSandbox(sandbox, '/v2/time', { signal: controller.signal });
    while (!sandbox.requests.some((r) => r.path === '/v2/time')) await new Promise((r) => setImmediate(r));
    controller.abort();

    await assert.rejects(pending, { name: 'AbortError' });
    assert.equal(sandbox.requests.at(-1)!.status, 0, 'never answered');
  });

  it('starts a 429 storm, with or without rate-limit headers', async () => {
    await control('POST', '/stores/sbx1eu/faults', { rateLimit: true });
    const bare = await callSandbox(sandbox, '/v2/time');
    await control('POST', '/stores/sbx1eu/faults', { rateLimit: { withHeaders: true, resetMs: 4000 } });
    const quota = await callSandbox(sandbox, '/v2/time');

    assert.equal(bare.status, 429);
    assert.equal(bare.headers.get('x-rate-limit-time-reset-ms'), null, 'platform-load 429: no headers');
    assert.equal(quota.status, 429);
    assert.equal(quota.headers.get('x-rate-limit-time-reset-ms'), '4000');
    assert.equal(quota.headers.get('x-rate-limit-requests-left'), '0');
  });

  it('pauses and resumes webhook deliveries, and shows them with GET .../deliveries', async () => {
    await registerHook(sandbox, { scope: 'store/order/updated', destination: receiver.url });

    const paused = await control('POST', '/stores/sbx1eu/faults', { deliveries: { paused: true } });
    await control('POST', `/stores/sbx1eu/orders/${eu.orders.guestOrder}/staff_notes`, { text: 'held' });
    await sandbox.settleDeliveries();
    const whilePaused = await control('GET', '/stores/sbx1eu/deliveries');
    const heldCount = receiver.received.length;
    await control('DELETE', '/stores/sbx1eu/faults');
    await receiver.waitFor(1);
    await sandbox.settleDeliveries();
    const afterResume = await control('GET', '/stores/sbx1eu/deliveries');

    assert.equal((paused.json as StoreFaultState).deliveries.paused, true);
    assert.equal(heldCount, 0);
    assert.equal((whilePaused.json as { pending: number }).pending, 1);
    const log = (afterResume.json as { deliveries: { outcome: string; scope: string }[] }).deliveries;
    assert.deepEqual(log.map((d) => [d.scope, d.outcome]).slice(-1), [['store/order/updated', 'delivered']]);
  });

  it('deactivates a hook as BigCommerce would', async () => {
    const hookId = await registerHook(sandbox, {
      scope: 'store/customer/updated',
      destination: receiver.url,
    });

    const response = await control('POST', `/stores/sbx1eu/hooks/${hookId}/deactivate`);

    assert.equal(response.status, 200);
    assert.equal((response.json as { is_active: boolean }).is_active, false);
  });
});
