// A bad day at BigCommerce and a session that probes (issue 9, A2-A3, B4, B7): every agent request ends at its
// budget (a stale copy, or 504 without one) however long BigCommerce hangs; a deleted order is a 404, not a
// stale copy; probing foreign or unknown order ids costs at most one call each and nothing on a repeat; an
// email match never picks an account of another market's channels.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ContextResponse, ErrorBody, OrderDetail } from '../../../shared/index.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import { countByPath, startProduct, type Product } from './product-harness.js';

const eu = SANDBOX_PERSONAS.sbx1eu;
const HOUR = 3_600_000;

describe('every agent request ends at its budget while BigCommerce hangs', () => {
  let product: Product;
  before(async () => {
    // A hung call would hold for a minute per attempt: only the request budget (1 s) can end these requests
    // inside the tests' own timeouts.
    product = await startProduct({ env: { REQUEST_BUDGET_SECONDS: '1' }, timeoutMs: 60_000 });
  });
  after(() => product.close());

  it('answers the context from its stale copy, marked stale', { timeout: 10_000 }, async () => {
    const session = await product.openSession({ email: eu.registered.email, market: 'de' });
    assert.equal((await product.get(session, '/api/v1/context')).status, 200);
    product.clock.advance(HOUR);
    const hang = product.sandbox.faults.add({ hangRate: 1 });
    try {
      const reply = await product.get(session, '/api/v1/context');

      assert.equal(reply.status, 200);
      const body = ContextResponse.parse(reply.body);
      assert.equal(body.freshness.stale, true);
      assert.ok(body.orders.length > 0);
    } finally {
      product.sandbox.faults.remove(hang);
    }
  });

  it('answers an order detail from its stale copy, marked stale', { timeout: 10_000 }, async () => {
    const session = await product.openSession({ email: eu.registered.email, market: 'de' });
    await product.get(session, '/api/v1/context');
    assert.equal((await product.get(session, `/api/v1/orders/${eu.orders.refunded}`)).status, 200);
    product.clock.advance(HOUR);
    const hang = product.sandbox.faults.add({ hangRate: 1 });
    try {
      const reply = await product.get(session, `/api/v1/orders/${eu.orders.refunded}?refresh=1`);

      assert.equal(reply.status, 200);
      assert.equal(OrderDetail.parse(reply.body).freshness.stale, true);
    } finally {
      product.sandbox.faults.remove(hang);
    }
  });

  it('answers 504 upstream_timeout when there is no copy', { timeout: 10_000 }, async () => {
    const session = await product.openSession({ email: eu.plusAddressed.email, market: 'de' });
    const hang = product.sandbox.faults.add({ hangRate: 1 });
    try {
      const context = await product.get(session, '/api/v1/context');
      const detail = await product.get(session, `/api/v1/orders/${eu.orders.partiallyShipped}`);

      for (const reply of [context, detail]) {
        assert.equal(reply.status, 504, reply.text);
        assert.equal(ErrorBody.parse(reply.body).error.code, 'upstream_timeout');
      }
    } finally {
      product.sandbox.faults.remove(hang);
    }
  });
});

describe('a deleted order', () => {
  let product: Product;
  before(async () => {
    product = await startProduct();
  });
  after(() => product.close());

  it('is 404 after a refresh, not its stale copy, and stays 404', async () => {
    const session = await product.openSession({ email: eu.registered.email, market: 'de' });
    const orderId = eu.orders.digital;
    await product.get(session, '/api/v1/context');
    assert.equal((await product.get(session, `/api/v1/orders/${orderId}`)).status, 200);
    // BigCommerce now answers 404 for the order and its sub-resources: it was deleted.
    product.sandbox.faults.add({ path: `/v2/orders/${orderId}`, errorRate: 1, status: 404 });
    product.sandbox.faults.add({ path: `/v3/orders/${orderId}/`, errorRate: 1, status: 404 });

    const refreshed = await product.get(session, `/api/v1/orders/${orderId}?refresh=1`);
    const again = await product.get(session, `/api/v1/orders/${orderId}`);

    for (const reply of [refreshed, again]) {
      assert.equal(reply.status, 404, reply.text);
      assert.equal(ErrorBody.parse(reply.body).error.code, 'order_not_found');
    }
  });
});

describe('a session probing order ids', () => {
  let product: Product;
  before(async () => {
    product = await startProduct();
  });
  after(() => product.close());

  it('spends at most one call per foreign or unknown id, and none on a repeat', async () => {
    const session = await product.openSession({ email: eu.registered.email, market: 'de' });
    await product.get(session, '/api/v1/context');
    const data = product.sandbox.store('sbx1eu').data;
    const foreign = data.orders
      .filter((order) => order.customer_id !== eu.registered.customerId && order.status_id !== 0)
      .slice(0, 20)
      .map((order) => order.id);
    const unknown = Array.from({ length: 20 }, (_, i) => 900_001 + i);
    const probes = [...foreign, ...unknown];
    assert.equal(probes.length, 40);
    product.clearUpstream();

    for (const id of probes) {
      const reply = await product.get(session, `/api/v1/orders/${id}`);
      assert.equal(reply.status, 404, `order ${id}`);
    }
    const first = countByPath(product.upstream());
    product.clearUpstream();
    for (const id of probes) assert.equal((await product.get(session, `/api/v1/orders/${id}`)).status, 404);

    assert.equal(product.upstream().length, 0, 'a refused id is remembered');
    for (const id of probes) assert.ok((first[`GET /v2/orders/${id}`] ?? 0) <= 1, `order ${id}`);
    assert.equal(
      Object.values(first).reduce((sum, n) => sum + n, 0),
      probes.length,
      JSON.stringify(first),
    );
  });
});

describe('matching by email within the market', () => {
  let product: Product;
  before(async () => {
    product = await startProduct({ channels: [1] });
  });
  after(() => product.close());

  it('finds nobody rather than an account that may shop only in another market’s channels', async () => {
    const customer = product.sandbox
      .store('sbx1eu')
      .data.customers.find((c) => c.id === eu.noOrders.customerId)!;
    customer.channel_ids = [2];

    const session = await product.openSession({ email: eu.noOrders.email, market: 'de' });
    const body = ContextResponse.parse((await product.get(session, '/api/v1/context')).body);

    assert.equal(body.customer, null);
    assert.notEqual(body.match.method, 'email');
    assert.deepEqual(
      body.match.tried.find((attempt) => attempt.method === 'email'),
      { method: 'email', value: eu.noOrders.email, outcome: 'not_found' },
    );
  });
});
