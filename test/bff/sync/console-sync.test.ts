// The operations console over the real sync room (not a stand-in provider): the whole product in sandbox mode
// with webhooks delivered to itself. Healthy with the index and the hooks in place; degraded, with the reason,
// when a change reached the index only through a delta run because deliveries were held back; degraded when a
// hook was deactivated, and healthy again after the console's "Repair webhooks".
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AdminActionResponse, AdminStatusResponse, type StoreStatus } from '../../../shared/admin.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import { eventually, startCurrentSyncProduct, type SyncProduct } from './sync-harness.js';

const eu = SANDBOX_PERSONAS.sbx1eu;
const ADMIN_TOKEN = 'console-sync-test-admin-token-0123456789';

describe('the operations console over the sync room', () => {
  let product: SyncProduct;

  async function call(method: 'GET' | 'POST', path: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${product.server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    return { status: response.status, body: await response.json() };
  }

  async function store(key: string): Promise<StoreStatus> {
    const reply = await call('GET', '/api/v1/admin/status');
    assert.equal(reply.status, 200);
    const found = AdminStatusResponse.parse(reply.body).stores.find((candidate) => candidate.key === key);
    assert.ok(found, key);
    return found;
  }

  before(async () => {
    product = await startCurrentSyncProduct({ env: { ADMIN_TOKEN } });
  });
  after(() => product.close());

  it('says healthy with the index current and every hook active, and shows the sync’s facts', async () => {
    const status = await call('GET', '/api/v1/admin/status');
    const eu = await store('eu');

    assert.equal(AdminStatusResponse.parse(status.body).rooms.sync, true);
    assert.equal(eu.state, 'healthy', JSON.stringify(eu.reasons));
    assert.ok(eu.sync.ordersIndexed > 0);
    assert.notEqual(eu.sync.lastSuccessAt, null);
    assert.equal(eu.sync.backfill.done, true);
    assert.deepEqual([eu.webhooks.expected, eu.webhooks.registered, eu.webhooks.active], [9, 9, 9]);
  });

  it('says degraded when a change reached the index only through a delta run (deliveries held back)', async () => {
    const sandboxStore = product.sandbox.store('sbx1eu');
    const order = sandboxStore.mutate.createOrder({ customerId: eu.registered.customerId, statusId: 11 });
    await eventually(
      async () => (await product.server.context.repos.orderIndex.getOrder('eu', order.id)) !== null,
      'the new order is indexed',
    );
    sandboxStore.webhooks.pause();
    sandboxStore.mutate.setStatus(order.id, 9);
    // BigCommerce's dates have second granularity; the run reads up to a minute ago, so time moves on.
    product.advance(2 * 60_000);

    const run = await call('POST', '/api/v1/admin/stores/eu/actions/run-delta');
    assert.equal(run.status, 202);
    assert.equal(AdminActionResponse.parse(run.body).outcome, 'started');
    await eventually(
      async () => (await product.server.context.repos.orderIndex.getOrder('eu', order.id))?.statusId === 9,
      'the delta run indexed the change',
    );
    const degraded = await store('eu');
    sandboxStore.webhooks.resume();

    assert.equal(degraded.state, 'degraded');
    assert.ok(
      degraded.reasons.some((reason) => reason.code === 'webhooks_missed'),
      JSON.stringify(degraded.reasons),
    );
    assert.ok(degraded.webhooks.missedLastHour >= 1);
  });

  it('says degraded while a hook is inactive, and healthy hooks again after Repair webhooks', async () => {
    const sandboxStore = product.sandbox.store('sbx1eu');
    const ours = sandboxStore.webhooks
      .list()
      .filter((hook) => hook.destination === `${product.server.url}/webhooks/bigcommerce/eu`);
    sandboxStore.webhooks.deactivate(ours[0]!.id);
    // The 15-minute check is what notices; the console's repair runs the same check now.
    const repair = await call('POST', '/api/v1/admin/stores/eu/actions/repair-webhooks');
    const after = await store('eu');

    assert.equal(repair.status, 200, JSON.stringify(repair.body));
    assert.ok(
      sandboxStore.webhooks
        .list()
        .filter((hook) => hook.destination === `${product.server.url}/webhooks/bigcommerce/eu`)
        .every((hook) => hook.is_active),
    );
    assert.deepEqual([after.webhooks.registered, after.webhooks.active], [9, 9]);
    assert.ok(!after.reasons.some((reason) => reason.code === 'webhooks_inactive'));
  });
});
