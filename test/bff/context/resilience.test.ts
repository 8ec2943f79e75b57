import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { ContextResponse, ErrorBody, OrderDetail } from '../../../shared/index.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import { countByPath, EU_TOKEN, startProduct, type Product } from './product-harness.js';

const eu = SANDBOX_PERSONAS.sbx1eu;
const MINUTE = 60_000;

describe('invalid BigCommerce records', () => {
  let product: Product;
  let lukas: string;
  before(async () => {
    product = await startProduct();
    lukas = await product.openSession({ email: eu.registered.email, market: 'de' });
  });
  afterEach(() => product.sandbox.faults.clear());
  after(() => product.close());

  it('skips a malformed line item, logs it under the response’s correlation id, and renders the rest', async () => {
    const orderId = eu.orders.partiallyShipped;
    const rawLines = product.sandbox.store('sbx1eu').data.products.get(orderId) ?? [];
    // BigCommerce sends a line whose quantity is not a number (inside the order's consignments).
    const broken = rawLines[0] as unknown as { quantity: unknown };
    const quantity = broken.quantity;
    broken.quantity = 'several';

    const reply = await product.get<OrderDetail>(lukas, `/api/v1/orders/${orderId}`);
    broken.quantity = quantity;

    assert.equal(reply.status, 200, reply.text);
    const detail = OrderDetail.parse(reply.body);
    assert.equal(detail.skipped, 1);
    assert.equal(detail.lineItems.length, rawLines.length - 1);
    assert.ok(reply.correlationId);
    const logged = await product.server.context.repos.errorLog.listByCorrelationId(reply.correlationId);
    assert.equal(logged.length, 1);
    assert.equal(logged[0]?.resource, 'order_product');
    assert.equal(logged[0]?.storeKey, 'eu');
    assert.equal(logged[0]?.recordId, String(rawLines[0]?.id));
    assert.ok(Array.isArray(logged[0]?.issues) && logged[0].issues.length > 0);
    const line = product
      .logText()
      .split('\n')
      .find((text) => text.includes('skipped an invalid BigCommerce record'));
    assert.ok(line?.includes(reply.correlationId), 'log line without the correlation id');
  });

  it('skips a malformed order in the list and shows the others', async () => {
    const person = eu.plusAddressed;
    const session = await product.openSession({ email: person.email, market: 'de' });
    const newest = product.sandbox
      .store('sbx1eu')
      .data.getOrdersByCustomer(person.customerId)
      .filter((order) => order.status_id !== 0 && order.channel_id === 1)
      .sort((a, b) => Date.parse(b.date_created) - Date.parse(a.date_created));
    // The sandbox breaks the first record of the customer's (newest-first) list.
    product.sandbox.faults.add({
      path: new RegExp(`^/v2/orders\\?.*customer_id=${person.customerId}`),
      malformed: true,
    });

    const reply = await product.get<ContextResponse>(session, '/api/v1/context');

    assert.equal(reply.status, 200, reply.text);
    const context = ContextResponse.parse(reply.body);
    assert.equal(context.customer?.id, person.customerId);
    assert.deepEqual(
      context.orders.map((order) => order.id),
      newest.slice(1).map((order) => order.id),
    );
    const logged = await product.server.context.repos.errorLog.listByCorrelationId(reply.correlationId ?? '');
    assert.deepEqual(
      logged.map((entry) => [entry.resource, entry.recordId]),
      [['order', String(newest[0]?.id)]],
    );
  });

  it('answers 502 upstream_invalid when the order itself is malformed, and logs it', async () => {
    const orderId = eu.orders.twoShippingAddresses;
    product.sandbox.faults.add({ path: new RegExp(`^/v2/orders/${orderId}(\\?|$)`), malformed: true });

    const reply = await product.get(lukas, `/api/v1/orders/${orderId}`);

    assert.equal(reply.status, 502, reply.text);
    const body = ErrorBody.parse(reply.body);
    assert.equal(body.error.code, 'upstream_invalid');
    const logged = await product.server.context.repos.errorLog.listByCorrelationId(body.error.correlationId);
    assert.ok(logged.some((entry) => entry.resource === 'order'));
  });
});

describe('BigCommerce failing', () => {
  let product: Product;
  before(async () => {
    product = await startProduct();
  });
  afterEach(() => product.sandbox.faults.clear());
  after(() => product.close());

  it('still answers a cached context and order, marked stale with their age', async () => {
    const session = await product.openSession({ email: eu.registered.email, market: 'de' });
    const fresh = ContextResponse.parse((await product.get(session, '/api/v1/context')).body);
    const freshDetail = OrderDetail.parse(
      (await product.get(session, `/api/v1/orders/${eu.orders.refunded}`)).body,
    );
    product.clock.advance(10 * MINUTE);
    product.sandbox.faults.add({ errorRate: 1, status: 503 });

    const context = await product.get<ContextResponse>(session, '/api/v1/context');
    const detail = await product.get<OrderDetail>(session, `/api/v1/orders/${eu.orders.refunded}`);

    assert.equal(context.status, 200, context.text);
    const stale = ContextResponse.parse(context.body);
    assert.deepEqual(stale.freshness, { asOf: fresh.freshness.asOf, ageSeconds: 600, stale: true });
    assert.deepEqual(stale.orders, fresh.orders);
    assert.equal(detail.status, 200, detail.text);
    const staleDetail = OrderDetail.parse(detail.body);
    assert.deepEqual(staleDetail.freshness, {
      asOf: freshDetail.freshness.asOf,
      ageSeconds: 600,
      stale: true,
    });
  });

  it('serves the cached copy as stale when a refresh fails', async () => {
    const session = await product.openSession({ email: eu.registered.email, market: 'de' });
    await product.get(session, '/api/v1/context');
    product.sandbox.faults.add({ errorRate: 1, status: 500 });

    const reply = await product.get<ContextResponse>(session, '/api/v1/context?refresh=1');

    assert.equal(reply.status, 200, reply.text);
    assert.equal(ContextResponse.parse(reply.body).freshness.stale, true);
  });

  it('answers a 5xx error body with a code when there is no cached copy', async () => {
    const session = await product.openSession({ email: eu.noOrders.email, market: 'de' });
    product.sandbox.faults.add({ errorRate: 1, status: 500 });

    const context = await product.get(session, '/api/v1/context');
    const detail = await product.get(session, `/api/v1/orders/${eu.orders.withCustomerMessage}`);

    for (const reply of [context, detail]) {
      assert.equal(reply.status, 503, reply.text);
      const body = ErrorBody.parse(reply.body);
      assert.equal(body.error.code, 'upstream_unavailable');
      assert.equal(body.error.correlationId, reply.correlationId);
    }
  });

  it('never puts the BigCommerce token in a response body or a log line', () => {
    for (const body of product.bodies) assert.ok(!body.includes(EU_TOKEN));
    assert.ok(!product.logText().includes(EU_TOKEN));
  });
});

/**
 * Runs `action` with slow BigCommerce answers and returns the upstream requests that were all unanswered at
 * once when the `expected`-th arrived: requests sent in one round trip are all still open then, a request sent
 * after an answer is not. Event-driven: nothing here measures time.
 */
async function whileSlow(
  product: Product,
  action: () => Promise<unknown>,
  expected: number,
): Promise<string[]> {
  product.sandbox.setLatency(300);
  try {
    let done = false;
    const running = action().finally(() => {
      done = true;
    });
    let open: string[] = [];
    while (!done && product.sandbox.requests.length < expected)
      await new Promise((resolve) => setTimeout(resolve, 1));
    open = product.sandbox.requests
      .filter((request) => request.status === 0)
      .map((request) => `${request.method} ${request.path.split('?')[0] ?? ''}`)
      .sort();
    await running;
    return open;
  } finally {
    product.sandbox.setLatency(0);
  }
}

describe('upstream calls', () => {
  let product: Product;
  before(async () => {
    product = await startProduct();
  });
  after(() => product.close());

  it('costs at most 3 calls for a cold view by email and none for the same view warm', async () => {
    const session = await product.openSession({ email: eu.registered.email, market: 'de' });
    product.clearUpstream();

    const cold = await product.get(session, '/api/v1/context');
    const coldCalls = product.upstream();
    product.clearUpstream();
    const warm = await product.get(session, '/api/v1/context');

    assert.equal(cold.status, 200);
    assert.equal(warm.status, 200);
    assert.ok(coldCalls.length <= 3, coldCalls.join('\n'));
    assert.deepEqual(countByPath(coldCalls), { 'GET /v3/customers': 1, 'GET /v2/orders': 2 });
    assert.deepEqual(product.upstream(), []);
  });

  it('costs at most 3 calls for a cold view by External ID', async () => {
    const person = eu.registeredWithGuestOrders;
    const session = await product.openSession({ customer: String(person.customerId), email: person.email });
    product.clearUpstream();

    const reply = await product.get(session, '/api/v1/context');

    assert.equal(reply.status, 200);
    assert.deepEqual(countByPath(product.upstream()), { 'GET /v3/customers': 1, 'GET /v2/orders': 2 });
  });

  it('costs 3 calls for the first view of a shopper with hundreds of orders, and 2 counts for their total', async () => {
    const session = await product.openSession({ email: eu.manyOrders.email, market: 'de' });
    product.clearUpstream();

    const reply = await product.get(session, '/api/v1/context');

    assert.equal(reply.status, 200);
    // The total (issue 13.5): the shopper's orders and the guest orders of their email, counted by BigCommerce.
    assert.deepEqual(countByPath(product.upstream()), {
      'GET /v3/customers': 1,
      'GET /v2/orders': 2,
      'GET /v2/orders/count': 2,
    });
  });

  it('makes one upstream call per resource for 100 identical concurrent cold order requests', async () => {
    // A shopper no other test looks at, so both the order and the ownership lookup are cold.
    const data = product.sandbox.store('sbx1eu').data;
    const order = data.orders.find(
      (candidate) => candidate.customer_id > 20 && candidate.status_id !== 0 && candidate.channel_id === 1,
    )!;
    const orderId = order.id;
    const session = await product.openSession({ customer: String(order.customer_id), market: 'de' });
    product.clearUpstream();

    const replies = await Promise.all(
      Array.from({ length: 100 }, () => product.get(session, `/api/v1/orders/${orderId}`)),
    );

    assert.ok(replies.every((reply) => reply.status === 200));
    const counts = countByPath(product.upstream());
    assert.deepEqual(counts, {
      [`GET /v2/orders/${orderId}`]: 1,
      [`GET /v2/orders/${orderId}/shipments`]: 1,
      [`GET /v3/orders/${orderId}/transactions`]: 1,
      [`GET /v3/orders/${orderId}/payment_actions/refunds`]: 1,
      'GET /v3/customers': 1,
    });
  });

  it('makes one upstream call per resource for 100 identical concurrent cold context requests', async () => {
    const session = await product.openSession({ email: eu.guest.email, market: 'de' });
    product.clearUpstream();

    const replies = await Promise.all(
      Array.from({ length: 100 }, () => product.get(session, '/api/v1/context')),
    );

    assert.ok(replies.every((reply) => reply.status === 200));
    assert.deepEqual(countByPath(product.upstream()), { 'GET /v3/customers': 1, 'GET /v2/orders': 1 });
  });

  it('asks BigCommerce again on ?refresh=1', async () => {
    const session = await product.openSession({ email: eu.registered.email, market: 'de' });
    await product.get(session, `/api/v1/orders/${eu.orders.refunded}`);
    product.clearUpstream();

    const reply = await product.get(session, `/api/v1/orders/${eu.orders.refunded}?refresh=1`);

    assert.equal(reply.status, 200);
    assert.equal(countByPath(product.upstream())[`GET /v2/orders/${eu.orders.refunded}`], 1);
  });
});

describe('round trips', () => {
  let product: Product;
  before(async () => {
    product = await startProduct();
  });
  after(() => product.close());

  it('sends the External ID view’s lookups in one round trip', async () => {
    const person = eu.registeredWithGuestOrders;
    const session = await product.openSession({
      customer: String(person.customerId),
      email: person.email,
      market: 'de',
    });
    product.clearUpstream();

    const inFlight = await whileSlow(product, () => product.get(session, '/api/v1/context'), 3);

    assert.deepEqual(inFlight, ['GET /v3/customers', 'GET /v2/orders', 'GET /v2/orders'].sort());
  });

  it('sends a view by email in two round trips: shopper and guest orders, then the shopper’s orders', async () => {
    const session = await product.openSession({ email: eu.plusAddressed.email, market: 'de' });
    product.clearUpstream();

    const firstTrip = await whileSlow(product, () => product.get(session, '/api/v1/context'), 2);

    assert.deepEqual(firstTrip, ['GET /v2/orders', 'GET /v3/customers']);
    assert.equal(product.upstream().length, 3);
  });

  it('opens an order the context listed in one round trip of four calls: the order with its consignments, shipments, transactions and refunds', async () => {
    const session = await product.openSession({ email: eu.registered.email, market: 'de' });
    const orderId = eu.orders.withCustomerMessage;
    await product.get(session, '/api/v1/context');
    product.clearUpstream();

    const inFlight = await whileSlow(product, () => product.get(session, `/api/v1/orders/${orderId}`), 4);

    assert.deepEqual(inFlight, [
      `GET /v2/orders/${orderId}`,
      `GET /v2/orders/${orderId}/shipments`,
      `GET /v3/orders/${orderId}/payment_actions/refunds`,
      `GET /v3/orders/${orderId}/transactions`,
    ]);
    // An order a coupon took something off reads its coupons after the header says so (issue 13.10).
    const coupons = product.sandbox.store('sbx1eu').data.coupons.has(orderId) ? 1 : 0;
    assert.equal(product.upstream().length, 4 + coupons, 'the ownership lookups were warm from the context');
    assert.ok(
      product.upstream()[0]?.includes('include=consignments.line_items&consignment_structure=object'),
    );
  });

  it('asks for an order the ticket has not listed by its header first, then the rest, reusing the header', async () => {
    const session = await product.openSession({ email: eu.registered.email, market: 'de' });
    const orderId = eu.orders.partiallyRefunded;
    await product.get(session, `/api/v1/orders/${eu.orders.refunded}`);
    product.clearUpstream();

    const firstTrip = await whileSlow(product, () => product.get(session, `/api/v1/orders/${orderId}`), 1);

    assert.deepEqual(firstTrip, [`GET /v2/orders/${orderId}`]);
    assert.equal(countByPath(product.upstream())[`GET /v2/orders/${orderId}`], 1, 'the header is read once');
    assert.equal(product.upstream().length, 4);
  });
});

describe('round trips for a guest', () => {
  let product: Product;
  before(async () => {
    product = await startProduct();
  });
  after(() => product.close());

  it('opens a guest order the context listed in one round trip, without a list lookup', async () => {
    const session = await product.openSession({ email: eu.guest.email, market: 'de' });
    await product.get(session, '/api/v1/context');
    product.clearUpstream();

    const inFlight = await whileSlow(
      product,
      () => product.get(session, `/api/v1/orders/${eu.orders.guestOrder}`),
      4,
    );

    assert.equal(inFlight.length, 4);
    assert.deepEqual(countByPath(product.upstream())['GET /v2/orders'], undefined);
  });
});
