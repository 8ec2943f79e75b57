import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, afterEach, before, describe, it } from 'node:test';
import { SANDBOX_PERSONAS, startSandbox, type Sandbox } from '../../../bff/src/sandbox/index.js';
import { callSandbox } from './sandbox-client.js';
import { registerHook, startReceiver, type Receiver } from './webhook-receiver.js';

const eu = SANDBOX_PERSONAS.sbx1eu;
const sha1 = (value: unknown): string => createHash('sha1').update(JSON.stringify(value)).digest('hex');

describe('sandbox webhook deliveries', () => {
  let sandbox: Sandbox;
  let receiver: Receiver;
  let clock = Date.UTC(2026, 10, 20, 9, 0, 0);
  before(async () => {
    sandbox = await startSandbox({ quota: 10_000, now: () => clock, webhooks: { retryScheduleMs: [1, 1] } });
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await sandbox.settleDeliveries();
    for (const store of sandbox.stores) {
      for (const hook of store.webhooks.list()) {
        await callSandbox(sandbox, `/v3/hooks/${hook.id}`, { method: 'DELETE', store: store.hash });
      }
    }
    receiver.received.length = 0;
    receiver.respond = () => 200;
    sandbox.clearDeliveries();
  });
  after(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('POSTs the callback envelope with the hook headers and Content-Type', async () => {
    clock += 60_000;
    await registerHook(sandbox, {
      scope: 'store/order/updated',
      destination: `${receiver.url}/webhooks/bigcommerce/eu`,
      headers: { 'X-Webhook-Secret': 'shh', 'X-Other': 'two' },
    });

    await callSandbox(sandbox, `/v2/orders/${eu.orders.withStaffNotes}`, {
      method: 'PUT',
      body: { staff_notes: 'From the sidebar' },
    });
    const [callback] = await receiver.waitFor(1);

    assert.equal(callback!.path, '/webhooks/bigcommerce/eu');
    assert.equal(callback!.headers['x-webhook-secret'], 'shh');
    assert.equal(callback!.headers['x-other'], 'two');
    assert.equal(callback!.headers['content-type'], 'application/json');
    const data = { type: 'order', id: eu.orders.withStaffNotes };
    assert.deepEqual(callback!.body, {
      scope: 'store/order/updated',
      store_id: String(sandbox.store('sbx1eu').data.store.store_id),
      data,
      hash: sha1(data),
      created_at: clock / 1000,
      producer: 'stores/sbx1eu',
    });
    assert.match(callback!.body.hash, /^[0-9a-f]{40}$/);
  });

  it('fires order/updated for a staff_notes PUT, plus statusUpdated with previous and new for a status PUT', async () => {
    const orderId = eu.orders.withCustomerMessage;
    const before = sandbox.store().data.getOrder(orderId)!.status_id;
    await registerHook(sandbox, { scope: 'store/order/*', destination: receiver.url });

    await callSandbox(sandbox, `/v2/orders/${orderId}`, { method: 'PUT', body: { staff_notes: 'note' } });
    await callSandbox(sandbox, `/v2/orders/${orderId}`, { method: 'PUT', body: { status_id: 5 } });
    const received = await receiver.waitFor(3);

    assert.deepEqual(
      received.map((r) => [r.body.scope, r.body.data]),
      [
        ['store/order/updated', { type: 'order', id: orderId }],
        ['store/order/updated', { type: 'order', id: orderId }],
        [
          'store/order/statusUpdated',
          { type: 'order', id: orderId, status: { previous_status_id: before, new_status_id: 5 } },
        ],
      ],
    );
  });

  it('fires no statusUpdated when a PUT sets the status the order already has', async () => {
    const orderId = eu.orders.refunded;
    const current = sandbox.store().data.getOrder(orderId)!.status_id;
    await registerHook(sandbox, { scope: 'store/order/*', destination: receiver.url });

    await callSandbox(sandbox, `/v2/orders/${orderId}`, { method: 'PUT', body: { status_id: current } });
    await sandbox.settleDeliveries();

    assert.deepEqual(
      receiver.received.map((r) => r.body.scope),
      ['store/order/updated'],
    );
  });

  it('refuses a status_id outside the store statuses with 400, changing and firing nothing', async () => {
    const orderId = eu.orders.incomplete;
    const before = structuredClone(sandbox.store().data.getOrder(orderId));
    await registerHook(sandbox, { scope: 'store/order/*', destination: receiver.url });

    const statuses = [];
    for (const statusId of [15, -1, 2.5, '11', null]) {
      statuses.push(
        (
          await callSandbox(sandbox, `/v2/orders/${orderId}`, {
            method: 'PUT',
            body: { status_id: statusId },
          })
        ).status,
      );
    }
    await sandbox.settleDeliveries();

    assert.deepEqual(statuses, [400, 400, 400, 400, 400]);
    assert.deepEqual(sandbox.store().data.getOrder(orderId), before);
    assert.equal(receiver.received.length, 0);
  });

  it('delivers asynchronously: a destination that never answers does not hold up the PUT', async () => {
    receiver.respond = () => 'hang';
    await registerHook(sandbox, { scope: 'store/order/updated', destination: receiver.url });

    const put = await callSandbox(sandbox, `/v2/orders/${eu.orders.digital}`, {
      method: 'PUT',
      body: { staff_notes: 'x' },
    });
    await receiver.waitFor(1);

    const pendingWhileHanging = sandbox.store().webhooks.pending();
    receiver.release(200);
    await sandbox.settleDeliveries();

    assert.equal(put.status, 200);
    assert.equal(pendingWhileHanging, 1, 'the delivery was still waiting for its answer');
    assert.equal(sandbox.deliveries[0]?.outcome, 'delivered');
  });

  it('reaches every active hook whose scope matches, exactly or by wildcard, and no other', async () => {
    const orderId = eu.orders.otherChannel;
    await registerHook(sandbox, { scope: 'store/order/statusUpdated', destination: `${receiver.url}/exact` });
    await registerHook(sandbox, { scope: 'store/order/*', destination: `${receiver.url}/wildcard` });
    await registerHook(sandbox, { scope: 'store/shipment/*', destination: `${receiver.url}/shipments` });
    await registerHook(sandbox, {
      scope: 'store/order/statusUpdated',
      destination: `${receiver.url}/inactive`,
      is_active: false,
    });
    await registerHook(
      sandbox,
      { scope: 'store/order/*', destination: `${receiver.url}/other-store` },
      'sbx2us',
    );

    sandbox.store('sbx1eu').mutate.setStatus(orderId, 11);
    await sandbox.settleDeliveries();

    assert.deepEqual(receiver.received.map((r) => `${r.path} ${r.body.scope}`).sort(), [
      '/exact store/order/statusUpdated',
      '/wildcard store/order/statusUpdated',
      '/wildcard store/order/updated',
    ]);
  });

  it('sends each scope its documented data: orders, statusUpdated, shipments (orderId), refunds, customers', async () => {
    const store = sandbox.store('sbx1eu');
    await registerHook(sandbox, { scope: 'store/order/*', destination: receiver.url });
    await registerHook(sandbox, { scope: 'store/shipment/*', destination: receiver.url });
    await registerHook(sandbox, { scope: 'store/customer/*', destination: receiver.url });

    const order = store.mutate.createOrder({ customerId: eu.registered.customerId });
    const shipment = store.mutate.addShipment(order.id);
    const refund = store.mutate.addRefund(order.id, { amount: 1 });
    store.mutate.updateCustomer(eu.registered.customerId, { phone: '+49 30 1234 5678' });
    const received = await receiver.waitFor(9);

    assert.deepEqual(
      received.map((r) => [r.body.scope, r.body.data]),
      [
        ['store/order/created', { type: 'order', id: order.id }],
        [
          'store/order/statusUpdated',
          { type: 'order', id: order.id, status: { previous_status_id: 0, new_status_id: 11 } },
        ],
        ['store/shipment/created', { type: 'shipment', id: shipment.id, orderId: order.id }],
        ['store/order/updated', { type: 'order', id: order.id }],
        [
          'store/order/statusUpdated',
          { type: 'order', id: order.id, status: { previous_status_id: 11, new_status_id: 2 } },
        ],
        ['store/order/refund/created', { type: 'order', id: order.id, refund: { refund_id: refund.id } }],
        ['store/order/updated', { type: 'order', id: order.id }],
        [
          'store/order/statusUpdated',
          { type: 'order', id: order.id, status: { previous_status_id: 2, new_status_id: 14 } },
        ],
        ['store/customer/updated', { type: 'customer', id: eu.registered.customerId }],
      ],
    );
    for (const r of received) {
      assert.equal(r.body.hash, sha1(r.body.data));
      assert.equal(r.body.producer, 'stores/sbx1eu');
      assert.equal(typeof r.body.store_id, 'string');
    }
  });

  it('logs every attempt in sandbox.deliveries', async () => {
    const hookId = await registerHook(sandbox, { scope: 'store/order/updated', destination: receiver.url });

    sandbox.store().mutate.setStaffNotes(eu.orders.noTransactions, 'logged');
    await sandbox.settleDeliveries();

    assert.equal(sandbox.deliveries.length, 1);
    const [entry] = sandbox.deliveries;
    assert.equal(entry!.store, 'sbx1eu');
    assert.equal(entry!.hookId, hookId);
    assert.equal(entry!.scope, 'store/order/updated');
    assert.deepEqual(entry!.data, { type: 'order', id: eu.orders.noTransactions });
    assert.equal(entry!.attempt, 1);
    assert.equal(entry!.status, 200);
    assert.equal(entry!.outcome, 'delivered');
    assert.equal(entry!.destination, receiver.url);
    assert.equal(entry!.at, clock);
  });

  it('fires nothing for the silent data-level writes (data.setStaffNotes)', async () => {
    await registerHook(sandbox, { scope: 'store/order/*', destination: receiver.url });

    sandbox.store().data.setStaffNotes(eu.orders.guestOrder, 'silent');
    await sandbox.settleDeliveries();

    assert.equal(receiver.received.length, 0);
  });
});
