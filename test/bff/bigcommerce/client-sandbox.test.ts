import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  BigCommerceAuthError,
  BigCommerceHttpError,
  BigCommerceSchemaError,
  createBigCommerceClient,
  type BigCommerceClient,
  type BigCommerceClientOptions,
  type InvalidRecord,
} from '../../../bff/src/bigcommerce/index.js';
import { SANDBOX_PERSONAS, startSandbox, type Sandbox } from '../../../bff/src/sandbox/index.js';
import { createCapturingLogger, createFakeTime, type FakeTime } from './support/fake-time.js';

const EU = SANDBOX_PERSONAS.sbx1eu;
const TOKENS = ['sandbox-token-eu', 'sandbox-token-us', 'a-wrong-token-that-must-not-leak'];

describe('BigCommerce client against the sandbox over HTTP', () => {
  let sandbox: Sandbox;
  let time: FakeTime;
  const logger = createCapturingLogger();
  const clients: BigCommerceClient[] = [];
  const errors: unknown[] = [];

  function connect(
    hash = 'sbx1eu',
    overrides: Partial<BigCommerceClientOptions> = {},
  ): BigCommerceClient & { sleeps: number[] } {
    const store = sandbox.store(hash);
    const sleeps: number[] = [];
    const client = createBigCommerceClient({
      storeKey: hash === 'sbx1eu' ? 'eu' : 'us',
      storeHash: store.hash,
      accessToken: store.token,
      apiUrl: sandbox.url,
      now: time.now,
      sleep: (ms, signal) => {
        sleeps.push(ms);
        return time.sleep(ms, signal);
      },
      random: () => 0,
      logger,
      ...overrides,
    });
    clients.push(client);
    return Object.assign(client, { sleeps });
  }

  async function failure(promise: Promise<unknown>): Promise<unknown> {
    const error = await promise.then(
      () => assert.fail('expected a rejection'),
      (e: unknown) => e,
    );
    errors.push(error);
    return error;
  }

  before(async () => {
    time = createFakeTime();
    sandbox = await startSandbox({ now: time.now });
  });

  beforeEach(() => {
    sandbox.faults.clear();
    sandbox.resetRateLimit();
    sandbox.clearRequests();
  });

  after(async () => {
    for (const client of clients) client.close();
    await sandbox.close();
  });

  const statuses = (): string[] => sandbox.requests.map((r) => `${r.method} ${r.path} -> ${r.status}`);

  it('reads every order of a shopper, with all parts, without one invalid record (both stores)', async () => {
    for (const hash of ['sbx1eu', 'sbx2us'] as const) {
      const personas = SANDBOX_PERSONAS[hash];
      const client = connect(hash);
      const invalid: InvalidRecord[] = [];
      const call = { onInvalidRecord: (record: InvalidRecord) => invalid.push(record) };

      const [customer] = await client.findCustomersByEmail(personas.registered.email, call);
      assert.equal(customer?.id, personas.registered.customerId);
      const { orders } = await client.listOrders({ customerId: customer.id }, { page: 1, limit: 250 }, call);
      assert.equal(orders.length, personas.registered.orderCount);
      for (const order of orders) {
        assert.deepEqual(await client.getOrder(order.id, call), order);
        await client.getOrderProducts(order.id, call);
        await client.getOrderShippingAddresses(order.id, call);
        await client.getOrderShipments(order.id, call);
        await client.getOrderTransactions(order.id, call);
        await client.getOrderRefunds(order.id, call);
      }
      assert.ok((await client.getOrderStatuses(call)).length >= 15);
      await client.ping(call);

      assert.deepEqual(invalid, [], `${hash}: ${JSON.stringify(invalid)}`);
    }
  });

  it('reads the store’s customer groups with their names (v2, 204 past the last page)', async () => {
    const client = connect('sbx1eu');

    const groups = await client.getCustomerGroups();

    assert.deepEqual(groups, [
      { id: 1, name: 'Stammkunden' },
      { id: 2, name: 'Großhandel' },
      { id: 3, name: 'VIP' },
    ]);
  });

  it('reads the interesting cases: tracking, refunds, legacy refund fields, no transactions, digital', async () => {
    const client = connect();
    const { orders: ids } = EU;

    const shipments = await client.getOrderShipments(ids.shippedWithTracking);
    const legacy = await client.getOrderProducts(ids.legacyRefundFields);
    const refunds = await client.getOrderRefunds(ids.refunded);

    assert.ok(shipments.some((s) => s.trackingLink?.startsWith('http') && s.carrier !== ''));
    assert.ok(legacy.some((item) => item.refundAmount !== '0.00'));
    assert.ok(refunds.length > 0 && /^\d+\.\d{2,}$/.test(refunds[0]?.totalAmount ?? ''));
    assert.deepEqual(await client.getOrderTransactions(ids.noTransactions), []);
    assert.deepEqual(await client.getOrderShipments(ids.digital), []);
    assert.deepEqual(await client.getOrderShippingAddresses(ids.digital), []);
  });

  it('pages through a shopper with more than 250 orders, newest first, ending on the 204', async () => {
    const client = connect();
    const { customerId, orderCount } = EU.manyOrders;

    const orders = [];
    for (let page = 1; ; page += 1) {
      const result = await client.listOrders({ customerId }, { page, limit: 64 });
      orders.push(...result.orders);
      if (!result.hasMore) break;
    }

    assert.equal(orders.length, orderCount);
    assert.equal(new Set(orders.map((o) => o.id)).size, orderCount, 'no order twice');
    const created = orders.map((o) => Date.parse(o.dateCreated));
    assert.deepEqual(
      created,
      [...created].sort((a, b) => b - a),
      'newest first',
    );
    const pages = Math.ceil(orderCount / 64);
    const log = statuses();
    assert.equal(log.length, orderCount % 64 === 0 ? pages + 1 : pages);
    assert.equal(
      log[0],
      `GET /v2/orders?customer_id=${customerId}&sort=date_created:desc&page=1&limit=64 -> 200`,
    );
    if (orderCount % 64 === 0) assert.match(log.at(-1) ?? '', / -> 204$/);
  });

  it('finds guest orders by email', async () => {
    const client = connect();

    const { orders } = await client.listOrders({ email: EU.guest.email }, { page: 1, limit: 250 });

    assert.equal(orders.length, EU.guest.orderCount);
    assert.ok(orders.every((o) => o.customerId === 0));
  });

  it('finds a registered shopper’s guest orders by the same email', async () => {
    const client = connect();
    const person = EU.registeredWithGuestOrders;

    const { orders } = await client.listOrders({ email: person.email }, { page: 1, limit: 250 });

    assert.equal(orders.filter((o) => o.customerId === 0).length, person.guestOrderCount);
  });

  it('filters a shopper’s orders by status, id and creation days, and counts them the same way', async () => {
    const client = connect();
    const { customerId } = EU.manyOrders;
    const from = Date.UTC(2026, 2, 1);
    const to = Date.UTC(2026, 4, 31, 23, 59, 59);
    const filter = { customerId, statusId: 4, createdFrom: from, createdTo: to };

    const { orders } = await client.listOrders(filter, { page: 1, limit: 250 });
    const counted = await client.countOrders(filter);
    const byId = await client.listOrders(
      { customerId, minId: orders[0]!.id, maxId: orders[0]!.id },
      { page: 1, limit: 5 },
    );
    const guests = await client.countOrders({ email: EU.registeredWithGuestOrders.email, guestOnly: true });

    assert.ok(orders.length > 0);
    assert.ok(
      orders.every(
        (o) => o.statusId === 4 && Date.parse(o.dateCreated) >= from && Date.parse(o.dateCreated) <= to,
      ),
    );
    assert.equal(counted.count, orders.length);
    assert.deepEqual(
      byId.orders.map((o) => o.id),
      [orders[0]!.id],
    );
    assert.equal(guests.count, EU.registeredWithGuestOrders.guestOrderCount);
    const log = statuses();
    assert.equal(
      log[0],
      `GET /v2/orders?customer_id=${customerId}&status_id=4&sort=date_created:desc` +
        '&min_date_created=Sun,%2001%20Mar%202026%2000:00:00%20%2B0000' +
        '&max_date_created=Sun,%2031%20May%202026%2023:59:59%20%2B0000&page=1&limit=250 -> 200',
    );
    assert.match(log[1] ?? '', /^GET \/v2\/orders\/count\?customer_id=\d+&status_id=4&/);
    assert.match(log[3] ?? '', /^GET \/v2\/orders\/count\?customer_id=0&email=/);
  });

  it('honours a 429 by waiting exactly the reset time the sandbox sends', async () => {
    const client = connect();
    sandbox.faults.add({ path: '/v2/orders/', rateLimit: { withHeaders: true, resetMs: 2_345 }, times: 1 });

    const order = await client.getOrder(EU.orders.guestOrder);

    assert.equal(order?.id, EU.orders.guestOrder);
    assert.deepEqual(client.sleeps, [2_345]);
    assert.deepEqual(
      statuses().map((line) => line.split(' -> ')[1]),
      ['429', '200'],
    );
  });

  it('retries a 5xx on GET and gets the order', async () => {
    const client = connect();
    sandbox.faults.add({ path: '/v2/orders/', errorRate: 1, status: 503, times: 2 });

    const order = await client.getOrder(EU.orders.refunded);

    assert.equal(order?.id, EU.orders.refunded);
    assert.deepEqual(
      statuses().map((line) => line.split(' -> ')[1]),
      ['503', '503', '200'],
    );
    assert.deepEqual(client.sleeps, [300, 600]);
  });

  it('does not retry a 404', async () => {
    const client = connect();

    assert.equal(await client.getOrder(EU.unknownOrderId), null);
    assert.equal(sandbox.requests.length, 1);
  });

  it('sends a PUT once even when it fails after the write landed, and says the outcome is unknown', async () => {
    const client = connect();
    const orderId = EU.orders.withStaffNotes;
    sandbox.faults.add({ method: 'PUT', applyAfterWrite: true, errorRate: 1, status: 502, times: 1 });

    const error = await failure(client.updateOrderStaffNotes(orderId, 'Agent note'));

    assert.ok(error instanceof BigCommerceHttpError);
    assert.equal(error.outcomeUnknown, true);
    assert.deepEqual(statuses(), [`PUT /v2/orders/${orderId} -> 502`]);
    // Why blind retries are off: the write did land, so the caller must read back before writing again.
    assert.equal(sandbox.store().data.getOrder(orderId)?.staff_notes, 'Agent note');
  });

  it("changes an order's status and returns the updated order; an unknown status id is refused", async () => {
    const client = connect();
    const orderId = EU.orders.twoShippingAddresses;

    const order = await client.updateOrderStatus(orderId, 5);
    const refused = await failure(client.updateOrderStatus(orderId, 99));

    assert.equal(order.statusId, 5);
    assert.equal((await client.getOrder(orderId))?.statusId, 5);
    assert.ok(refused instanceof BigCommerceHttpError);
    assert.equal(refused.status, 400);
  });

  it('writes staff notes and returns the updated order', async () => {
    const client = connect();
    const orderId = EU.orders.withCustomerMessage;

    const order = await client.updateOrderStaffNotes(orderId, 'Called the shopper');

    assert.equal(order.staffNotes, 'Called the shopper');
    assert.equal((await client.getOrder(orderId))?.staffNotes, 'Called the shopper');
  });

  it('rejects a malformed single order with a typed schema error', async () => {
    const client = connect();
    const orderId = EU.orders.partiallyShipped;
    sandbox.faults.add({ path: `/v2/orders/${orderId}`, malformed: true, times: 1 });

    const error = await failure(client.getOrder(orderId));

    assert.ok(error instanceof BigCommerceSchemaError);
    assert.equal(error.resource, 'order');
    assert.equal(error.id, String(orderId));
    assert.ok(error.issues.some((issue) => issue.path === 'id'));
  });

  it('skips a malformed record in a list and reports it through onInvalidRecord', async () => {
    const client = connect();
    const { customerId, orderCount } = EU.registered;
    sandbox.faults.add({ path: '/v2/orders?', malformed: true, times: 1 });
    const invalid: InvalidRecord[] = [];

    const { orders } = await client.listOrders(
      { customerId },
      { page: 1, limit: 250 },
      { correlationId: 'c-malformed', onInvalidRecord: (record) => invalid.push(record) },
    );

    assert.equal(orders.length, orderCount - 1);
    assert.equal(invalid.length, 1);
    assert.equal(invalid[0]?.storeKey, 'eu');
    assert.ok(
      logger.lines.some((line) => line.includes('c-malformed') && line.includes('"resource":"order"')),
    );
  });

  it('reports a wrong token as an auth error that does not contain it', async () => {
    const client = connect('sbx1eu', { accessToken: 'a-wrong-token-that-must-not-leak' });

    const error = await failure(client.ping());

    assert.ok(error instanceof BigCommerceAuthError);
    assert.equal(error.status, 401);
    assert.equal(sandbox.requests.length, 1);
  });

  it('slows down as requests-left runs low and never sends into an exhausted window', async () => {
    // Arrange: a store with a quota of 6 per 30 s, so the reserve is reached at once.
    const small = await startSandbox({
      now: time.now,
      stores: [{ hash: 'tiny', token: 'sandbox-token-eu', seed: 1, label: 'Tiny', quota: 6 }],
    });
    try {
      const client = createBigCommerceClient({
        storeKey: 'tiny',
        storeHash: 'tiny',
        accessToken: 'sandbox-token-eu',
        apiUrl: small.url,
        now: time.now,
        sleep: time.sleep,
        logger,
      });
      clients.push(client);
      const started = time.elapsed();

      // Act: 10 calls, more than one window's quota.
      for (let i = 0; i < 10; i += 1) await client.ping();

      // Assert: no 429 ever came back, and the calls were stretched past the first window.
      assert.deepEqual(
        small.requests.filter((r) => r.status !== 200),
        [],
      );
      assert.equal(small.requests.length, 10);
      assert.ok(time.elapsed() - started >= 30_000, `elapsed ${time.elapsed() - started} ms`);
    } finally {
      await small.close();
    }
  });

  it('keeps stores apart: an exhausted store does not delay the other', async () => {
    const eu = connect('sbx1eu');
    const us = connect('sbx2us');
    sandbox.faults.add({ store: 'sbx1eu', rateLimit: { withHeaders: true, resetMs: 9_000 }, times: 1 });
    await eu.ping();
    assert.deepEqual(eu.sleeps, [9_000]);

    await us.ping();
    await us.ping();

    assert.deepEqual(us.sleeps, []);
  });

  it('never lets a token reach an error or a log line', () => {
    assert.ok(errors.length >= 3);
    for (const error of errors) {
      const texts = [
        String(error),
        JSON.stringify(error),
        inspect(error, { depth: 10 }),
        (error as Error).stack ?? '',
      ];
      for (const text of texts) for (const token of TOKENS) assert.ok(!text.includes(token), text);
    }
    assert.ok(logger.lines.length > 0);
    for (const line of logger.lines) for (const token of TOKENS) assert.ok(!line.includes(token), line);
  });
});
