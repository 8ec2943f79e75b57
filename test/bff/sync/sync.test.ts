// The sync room over HTTP (issue 10): the index back-fills and its hooks are registered at start; ticket views
// then cost the store's quota nothing; a change in BigCommerce reaches an open view through a webhook, or
// through a delta run when webhooks fail; deliveries are authenticated and processed once; our own writes are
// not changes; a failed run keeps its checkpoint; a restart resumes from it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ContextResponse, ErrorBody } from '../../../shared/index.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import { HOOK_SCOPES, SECRET_HEADER } from '../../../bff/src/sync/index.js';
import { eventually, startCurrentSyncProduct, startSyncProduct, type SyncProduct } from './sync-harness.js';

const eu = SANDBOX_PERSONAS.sbx1eu;
let ticketNo = 0;
const nextTicket = () => `T-SYNC-${process.pid}-${(ticketNo += 1)}`;

async function changesOf(product: SyncProduct, orderId: number) {
  return (await product.server.context.repos.orderChanges.listForOrder('eu', orderId, 50)).reverse();
}

/** A new order of the shopper awaiting fulfillment, once the index has it (its own webhooks brought it). */
async function openOrderOf(product: SyncProduct, customerId: number): Promise<number> {
  const order = product.sandbox.store('sbx1eu').mutate.createOrder({ customerId, statusId: 11 });
  await eventually(
    async () => (await product.server.context.repos.orderIndex.getOrder('eu', order.id))?.statusId === 11,
    'the new order is indexed',
  );
  return order.id;
}

describe('the sync room', () => {
  let product: SyncProduct;
  before(async () => {
    product = await startCurrentSyncProduct();
  });
  after(() => product.close());

  it('back-fills the index and registers every hook at start, with the secret header', async () => {
    const hooks = product.sandbox.store('sbx1eu').webhooks.list();
    const ours = hooks.filter((hook) => hook.destination === `${product.server.url}/webhooks/bigcommerce/eu`);

    assert.deepEqual(ours.map((hook) => hook.scope).sort(), [...HOOK_SCOPES].sort());
    for (const hook of ours) {
      assert.equal(hook.is_active, true, `${hook.scope} inactive`);
      assert.ok(
        hook.headers?.[SECRET_HEADER],
        `${hook.scope} has no secret header: ${JSON.stringify(hook.headers)}`,
      );
    }
    const orders = await product.server.context.repos.orderIndex.countOrders('eu');
    const customers = await product.server.context.repos.orderIndex.countCustomers('eu');
    assert.ok(orders > 20, `${orders} orders indexed`);
    assert.ok(customers > 10, `${customers} customers indexed`);
  });

  it('answers 20 cold ticket views from the index, without a single call to BigCommerce', async () => {
    const people = [eu.registered, eu.registeredWithGuestOrders, eu.guest, eu.plusAddressed, eu.manyOrders];
    const sessions = [];
    for (let i = 0; i < 20; i += 1) {
      sessions.push(await product.session({ ticket: nextTicket(), email: people[i % people.length]!.email }));
    }
    product.clearUpstream();

    for (const session of sessions) {
      const reply = await product.get<ContextResponse>(session, '/api/v1/context');
      assert.equal(reply.status, 200);
      assert.ok(ContextResponse.parse(reply.body).orders.length > 0);
    }

    assert.deepEqual(product.upstream(), []);
  });

  it('lists the same orders from the index as BigCommerce does, newest first, and continues live past the window', async () => {
    const session = await product.session({
      ticket: nextTicket(),
      customer: String(eu.manyOrders.customerId),
    });
    const first = ContextResponse.parse((await product.get(session, '/api/v1/context')).body);
    const ids = first.orders.map((order) => order.id);
    const dates = first.orders.map((order) => Date.parse(order.dateCreated));

    assert.equal(ids.length, 20);
    assert.deepEqual(
      dates,
      [...dates].sort((a, b) => b - a),
    );
    let cursor = first.nextCursor;
    const seen = new Set(ids);
    let pages = 1;
    while (cursor && pages < 30) {
      const next = ContextResponse.parse(
        (await product.get(session, `/api/v1/context?cursor=${encodeURIComponent(cursor)}`)).body,
      );
      for (const order of next.orders) {
        assert.ok(!seen.has(order.id), `order ${order.id} twice`);
        seen.add(order.id);
      }
      cursor = next.nextCursor;
      pages += 1;
    }
    // The shopper's orders, and guest orders placed with their email (DESIGN §5).
    const visible = product.sandbox
      .store('sbx1eu')
      .data.getOrdersByEmail(eu.manyOrders.email)
      .filter(
        (order) =>
          // The sandbox's market covers every channel.
          (order.customer_id === eu.manyOrders.customerId || order.customer_id === 0) &&
          order.status_id !== 0,
      );
    assert.equal(seen.size, visible.length, 'every order once, index and live together');
  });

  it('shows a status change in an open view within seconds through its webhook, recorded once with the previous status', async () => {
    const orderId = await openOrderOf(product, eu.registered.customerId);
    const session = await product.session({
      ticket: nextTicket(),
      customer: String(eu.registered.customerId),
    });
    await product.get(session, '/api/v1/context');

    product.sandbox.store('sbx1eu').mutate.setStatus(orderId, 9);

    await eventually(async () => {
      const body = ContextResponse.parse((await product.get(session, '/api/v1/context')).body);
      return body.orders.find((order) => order.id === orderId)?.status.id === 9;
    }, 'the view shows the new status');
    const changes = (await changesOf(product, orderId)).filter(
      (change) => change.kind === 'order.status_changed',
    );
    assert.equal(changes.length, 1);
    assert.equal(changes[0]?.previousStatusId, 11);
    assert.equal(changes[0]?.statusId, 9);
    assert.equal(changes[0]?.source, 'webhook');
  });

  it('refuses a delivery without the secret with 401 and stores nothing', async () => {
    const body = JSON.stringify({
      scope: 'store/order/updated',
      store_id: '1',
      data: { type: 'order', id: 101 },
    });
    const before = await product.server.context.repos.webhookDeliveries.stats('eu', 0);
    const attempts: Record<string, string>[] = [{}, { [SECRET_HEADER]: 'not-the-secret' }];
    for (const headers of attempts) {
      const response = await fetch(`${product.server.url}/webhooks/bigcommerce/eu`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
      assert.equal(response.status, 401);
      assert.equal(ErrorBody.parse(await response.json()).error.code, 'unauthorized');
    }
    const after = await product.server.context.repos.webhookDeliveries.stats('eu', 0);
    assert.equal(after.receivedSince, before.receivedSince);
  });

  it('processes the same delivery twice once', async () => {
    const orderId = await openOrderOf(product, eu.registeredWithGuestOrders.customerId);
    const secret = product.server.config.stores.eu?.webhookSecret ?? '';
    product.sandbox.store('sbx1eu').faults.set({ deliveries: { duplicate: true } });
    try {
      product.sandbox.store('sbx1eu').mutate.setStatus(orderId, 9);
      await product.sandbox.settleDeliveries();
    } finally {
      product.sandbox.store('sbx1eu').faults.clear();
    }
    // And once more by hand, byte for byte.
    const body = JSON.stringify({
      scope: 'store/order/updated',
      store_id: '1',
      data: { type: 'order', id: orderId },
    });
    const post = () =>
      fetch(`${product.server.url}/webhooks/bigcommerce/eu`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret },
        body,
      });
    assert.equal((await post()).status, 200);
    assert.equal((await post()).status, 200);
    await eventually(
      async () => (await product.server.context.repos.webhookDeliveries.stats('eu', 0)).pending === 0,
      'the deliveries are processed',
    );

    const statusChanges = (await changesOf(product, orderId)).filter(
      (c) => c.kind === 'order.status_changed',
    );
    assert.equal(statusChanges.length, 1);
    const delivered = product.sandbox.deliveries.filter(
      (d) => d.scope === 'store/order/statusUpdated' && (d.data as { id?: number }).id === orderId,
    );
    assert.ok(delivered.length >= 2, 'the sandbox did deliver it twice');
  });

  it('does not report our own note as a change of the order', async () => {
    const orderId = eu.orders.shippedWithTracking;
    const session = await product.session({
      ticket: nextTicket(),
      customer: String(eu.registered.customerId),
    });
    await product.get(session, '/api/v1/context');
    const before = (await changesOf(product, orderId)).length;

    const response = await fetch(`${product.server.url}/api/v1/orders/${orderId}/notes`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${session}`,
        'idempotency-key': 'sync-own-note-1',
      },
      body: JSON.stringify({ text: 'Our own note; its echo is not news.' }),
    });
    assert.equal(response.status, 201);
    await product.sandbox.settleDeliveries();
    await eventually(
      async () => (await product.server.context.repos.webhookDeliveries.stats('eu', 0)).pending === 0,
      'the echo is processed',
    );
    const indexed = await product.server.context.repos.orderIndex.getOrder('eu', orderId);
    const current = product.sandbox.store('sbx1eu').data.getOrder(orderId);
    assert.equal(
      indexed?.dateModified,
      Date.parse(String(current?.date_modified)),
      'the index saw the write',
    );

    assert.equal((await changesOf(product, orderId)).length, before);
  });

  it('catches a change through a delta run alone when the webhook is lost, and records it once', async () => {
    const orderId = await openOrderOf(product, eu.plusAddressed.customerId);
    product.sandbox.store('sbx1eu').faults.set({ deliveries: { drop: true } });
    try {
      product.sandbox.store('sbx1eu').mutate.setStatus(orderId, 9);
      await product.sandbox.settleDeliveries();
    } finally {
      product.sandbox.store('sbx1eu').faults.clear();
    }
    const byWebhook = (await changesOf(product, orderId)).filter((c) => c.kind === 'order.status_changed');
    assert.equal(byWebhook.length, 0, 'nothing came by webhook');
    // A run reads up to a minute before its start (late writes): two minutes on, the change is in its span.
    product.advance(2 * 60_000);
    product.clearUpstream();

    assert.equal(await product.sync.scheduler.runNow('eu'), 'started');
    await eventually(
      async () => (await changesOf(product, orderId)).some((c) => c.source === 'delta'),
      'the delta run found it',
    );
    await product.sync.scheduler.idle('eu');

    const changes = await changesOf(product, orderId);
    assert.deepEqual(
      changes
        .filter((change) => change.source === 'delta')
        .map((change) => [change.kind, change.previousStatusId, change.statusId]),
      [['order.status_changed', 11, 9]],
    );
    const orderLists = product.upstream().filter((r) => r.startsWith('GET /v2/orders?'));
    assert.equal(orderLists.length, 1, 'a delta of a few orders is one list call, not a re-scan');
    assert.ok(orderLists[0]?.includes('sort=date_modified:asc'));
  });
});

describe('delta runs', () => {
  it('keep the checkpoint when BigCommerce fails, catch up afterwards, and resume from it after a restart', async () => {
    const product = await startSyncProduct({ env: { SYNC_INTERVAL_SECONDS: '3600' } });
    const dir = product.dir;
    try {
      await eventually(
        async () => (await product.sync.health.verdict('eu')).current,
        'the EU index is current',
      );
      const before = await product.server.context.repos.syncState.get('eu', 'orders');
      product.sandbox.store('sbx1eu').faults.set({ outage: true });
      assert.equal(await product.sync.scheduler.runNow('eu'), 'started');
      await eventually(async () => {
        const state = await product.server.context.repos.syncState.get('eu', 'orders');
        return (
          state.lastRunAt !== null && state.lastRunAt > (before.lastRunAt ?? 0) && state.lastError !== null
        );
      }, 'the failed run is recorded');
      assert.equal(
        (await product.server.context.repos.syncState.get('eu', 'orders')).checkpoint,
        before.checkpoint,
      );

      product.sandbox.store('sbx1eu').faults.clear();
      await product.sync.scheduler.idle('eu');
      assert.equal(await product.sync.scheduler.runNow('eu'), 'started');
      await eventually(async () => {
        const state = await product.server.context.repos.syncState.get('eu', 'orders');
        return state.lastError === null && (state.checkpoint ?? 0) > (before.checkpoint ?? 0);
      }, 'the next run succeeds and moves the checkpoint');
    } finally {
      await product.server.close();
    }

    // The same DATA_DIR again: no back-fill, a delta run from the checkpoint (a page per stream).
    const again = await startSyncProduct({ dir, env: { SYNC_INTERVAL_SECONDS: '3600' } });
    try {
      await eventually(async () => {
        const state = await again.server.context.repos.syncState.get('eu', 'orders');
        return (
          state.lastRunAt !== null &&
          state.lastError === null &&
          !(await again.sync.scheduler.facts('eu')).running
        );
      }, 'the first run after the restart is over');
      const lists = again
        .upstream()
        .filter((r) => r.startsWith('GET /v2/orders?') || r.startsWith('GET /v3/customers?'));
      assert.ok(lists.length <= 4, `a delta, not a back-fill: ${lists.length} list calls`);
      assert.ok(lists.every((r) => !r.includes('page=2')));
    } finally {
      await again.close();
    }
  });

  it('repair a deactivated hook at the next check', async () => {
    const product = await startSyncProduct();
    try {
      await eventually(
        async () => (await product.sync.scheduler.facts('eu')).hooks?.checkedAt != null,
        'hooks checked',
      );
      const hook = product.sandbox.store('sbx1eu').webhooks.list()[0]!;
      product.sandbox.store('sbx1eu').webhooks.deactivate(hook.id);

      const check = await product.sync.scheduler.repairHooks('eu');

      assert.equal(check?.repaired, 1);
      assert.ok(
        product.sandbox
          .store('sbx1eu')
          .webhooks.list()
          .every((h) => h.is_active),
      );
    } finally {
      await product.close();
    }
  });
});
