import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, describe, it } from 'node:test';
import {
  BigCommerceAuthError,
  BigCommerceHttpError,
  BigCommerceNetworkError,
  BigCommerceRateLimitError,
  BigCommerceSchemaError,
  createBigCommerceClient,
  type BigCommerceClient,
  type BigCommerceClientOptions,
  type InvalidRecord,
  type RequestMetric,
} from '../../../bff/src/bigcommerce/index.js';
import { createCapturingLogger, createFakeTime, type FakeTime } from './support/fake-time.js';
import {
  rawCustomer,
  rawLineItem,
  rawOrder,
  rawShipment,
  rawTransaction,
  v3Page,
} from './support/fixtures.js';
import {
  rateLimitHeaders,
  startScriptedServer,
  type ScriptedAnswer,
  type ScriptedServer,
} from './support/scripted-server.js';

const TOKEN = 'scripted-secret-token-0123456789';

interface Harness {
  server: ScriptedServer;
  client: BigCommerceClient;
  time: FakeTime;
  logger: ReturnType<typeof createCapturingLogger>;
  metrics: RequestMetric[];
}

const open: Harness[] = [];

async function harness(
  script: Parameters<typeof startScriptedServer>[0],
  overrides: Partial<BigCommerceClientOptions> = {},
): Promise<Harness> {
  const server = await startScriptedServer(script);
  const time = createFakeTime();
  const logger = createCapturingLogger();
  const metrics: RequestMetric[] = [];
  const client = createBigCommerceClient({
    storeKey: 'eu',
    storeHash: 'h',
    accessToken: TOKEN,
    apiUrl: server.url,
    now: time.now,
    sleep: time.sleep,
    random: () => 0,
    logger,
    onRequest: (metric) => metrics.push(metric),
    ...overrides,
  });
  const h = { server, client, time, logger, metrics };
  open.push(h);
  return h;
}

afterEach(async () => {
  for (const h of open.splice(0)) {
    // Every test also checks that the token never reached a log line.
    for (const line of h.logger.lines)
      assert.ok(!line.includes(TOKEN), `token leaked into a log line: ${line}`);
    h.client.close();
    await h.server.close();
  }
});

function assertNoToken(error: unknown): void {
  for (const text of [
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: 10 }),
    (error as Error).stack ?? '',
  ]) {
    assert.ok(!text.includes(TOKEN), `token leaked: ${text}`);
  }
}

const ok = (body: unknown, headers?: Record<string, string>): ScriptedAnswer => ({
  status: 200,
  body,
  headers,
});
const noContent: ScriptedAnswer = { status: 204 };

describe('BigCommerce client against a scripted server', () => {
  describe('orders', () => {
    it('lists a shopper’s orders newest first and normalizes money and dates', async () => {
      const { client, server } = await harness([ok([rawOrder(102), rawOrder(101)])]);

      const page = await client.listOrders({ customerId: 11 }, { page: 2, limit: 2 });

      assert.deepEqual(server.log, [
        'GET /stores/h/v2/orders?customer_id=11&sort=date_created:desc&page=2&limit=2',
      ]);
      assert.equal(page.hasMore, true);
      assert.deepEqual(
        page.orders.map((o) => o.id),
        [102, 101],
      );
      const [order] = page.orders;
      assert.equal(order?.totals.totalIncTax, '361.95');
      assert.equal(order?.dateCreated, '2019-03-05T21:40:11+00:00');
      assert.equal(order?.dateShipped, null);
      assert.equal(order?.customStatus, 'Being packed');
      assert.equal(order?.billingAddress.email, 'jane@example.com');
    });

    it('finds guest orders by email, percent-encoded, and filters by a single channel on the server', async () => {
      const { client, server } = await harness([ok([rawOrder(5, { customer_id: 0 })])]);

      const page = await client.listOrders(
        { email: 'jane+cs@example.com', channelIds: [2] },
        { page: 1, limit: 25 },
      );

      assert.deepEqual(server.log, [
        'GET /stores/h/v2/orders?email=jane%2Bcs%40example.com&channel_id=2&sort=date_created:desc&page=1&limit=25',
      ]);
      assert.equal(page.orders[0]?.customerId, 0);
      assert.equal(page.hasMore, false);
    });

    it('keeps only the wanted channels when several are asked for', async () => {
      const { client, server } = await harness([
        ok([rawOrder(3, { channel_id: 1 }), rawOrder(2, { channel_id: 7 }), rawOrder(1, { channel_id: 2 })]),
      ]);

      const page = await client.listOrders({ customerId: 11, channelIds: [1, 2] }, { page: 1, limit: 3 });

      assert.deepEqual(server.log, [
        'GET /stores/h/v2/orders?customer_id=11&sort=date_created:desc&page=1&limit=3',
      ]);
      assert.deepEqual(
        page.orders.map((o) => o.id),
        [3, 1],
      );
      assert.equal(page.hasMore, true, 'a full raw page may have a successor');
    });

    it('reads a 204 with an empty body as "no more orders"', async () => {
      const { client } = await harness([noContent]);

      const page = await client.listOrders({ customerId: 11 }, { page: 3, limit: 50 });

      assert.deepEqual(page, { orders: [], hasMore: false });
    });

    it('refuses an order filter that would list the whole store', async () => {
      const { client, server } = await harness([]);

      await assert.rejects(client.listOrders({}, { page: 1, limit: 10 }), RangeError);
      await assert.rejects(client.listOrders({ customerId: 0 }, { page: 1, limit: 10 }), RangeError);
      assert.deepEqual(server.log, []);
    });

    it('returns null for an order BigCommerce does not know, without retrying', async () => {
      const { client, server } = await harness([
        { status: 404, body: [{ status: 404, message: 'The requested resource was not found.' }] },
      ]);

      assert.equal(await client.getOrder(999), null);
      assert.deepEqual(server.log, ['GET /stores/h/v2/orders/999']);
    });

    it('pages line items with limit=250 until BigCommerce says 204', async () => {
      const full = Array.from({ length: 250 }, (_, i) => rawLineItem(i + 1, 7));
      const { client, server } = await harness([ok(full), noContent]);

      const items = await client.getOrderProducts(7);

      assert.equal(items.length, 250);
      assert.deepEqual(server.log, [
        'GET /stores/h/v2/orders/7/products?page=1&limit=250',
        'GET /stores/h/v2/orders/7/products?page=2&limit=250',
      ]);
    });

    it('reads line items with old and new refund field names', async () => {
      const { client } = await harness([
        ok([
          rawLineItem(1, 7, { quantity_refunded: 1, refund_amount: '10.5000' }),
          rawLineItem(2, 7, {
            quantity_refunded: undefined,
            refund_amount: undefined,
            refunded_amount: '3.0000',
            return_id: 4,
          }),
        ]),
      ]);

      const [current, older] = await client.getOrderProducts(7);

      assert.deepEqual(
        [current?.quantityRefunded, current?.refundAmount, current?.returnId],
        [1, '10.50', null],
      );
      assert.deepEqual([older?.quantityRefunded, older?.refundAmount, older?.returnId], [0, '3.00', 4]);
      assert.deepEqual(current?.productOptions, [{ displayName: 'Size', displayValue: 'S' }]);
    });

    it('reads shipments with either tracking link and a readable carrier', async () => {
      const { client } = await harness([
        ok([
          rawShipment(1, 7),
          rawShipment(2, 7, {
            tracking_link: 'https://track.example/2',
            shipping_provider_display_name: '',
            tracking_carrier: 'dhl',
          }),
          rawShipment(3, 7, { generated_tracking_link: '', shipping_provider_display_name: '' }),
        ]),
      ]);

      const shipments = await client.getOrderShipments(7);

      assert.deepEqual(
        shipments.map((s) => [s.trackingLink, s.carrier]),
        [
          ['https://www.ups.com/track?tracknum=1Z999', 'UPS'],
          ['https://track.example/2', 'dhl'],
          [null, 'ups'],
        ],
      );
      assert.deepEqual(shipments[0]?.items, [{ orderProductId: 65, productId: 77, quantity: 1 }]);
    });

    it('reads an empty 200 body as no content', async () => {
      const { client } = await harness([{ status: 200, rawBody: '' }]);

      assert.deepEqual(await client.getOrderShipments(7), []);
    });

    it('walks v3 transaction pages by meta.pagination and keeps amounts exact', async () => {
      const { client, server } = await harness([
        ok(v3Page([rawTransaction(1, 7)], 1, 3)),
        ok(v3Page([rawTransaction(2, 7, { amount: 0.1 })], 2, 3)),
        ok(v3Page([rawTransaction(3, 7, { amount: 1.005 })], 3, 3)),
      ]);

      const transactions = await client.getOrderTransactions(7);

      assert.deepEqual(
        transactions.map((t) => [t.id, t.orderId, t.amount]),
        [
          [1, 7, '361.95'],
          [2, 7, '0.10'],
          [3, 7, '1.005'],
        ],
      );
      assert.deepEqual(server.log, [
        'GET /stores/h/v3/orders/7/transactions?page=1&limit=250',
        'GET /stores/h/v3/orders/7/transactions?page=2&limit=250',
        'GET /stores/h/v3/orders/7/transactions?page=3&limit=250',
      ]);
    });

    it('stops paging when a v3 endpoint ignores the page parameter', async () => {
      const { client, server } = await harness([
        ok(v3Page([rawTransaction(1, 7)], 1, 3)),
        ok(v3Page([rawTransaction(1, 7)], 1, 3)),
      ]);

      const transactions = await client.getOrderTransactions(7);

      assert.equal(transactions.length, 1);
      assert.equal(server.log.length, 2);
    });

    it('reads an order without transactions (204) as an empty list', async () => {
      const { client } = await harness([noContent]);

      assert.deepEqual(await client.getOrderTransactions(7), []);
    });
  });

  describe('customers', () => {
    it('searches a whole email with email:in, or any of several names with name:like, addresses included', async () => {
      const { client, server } = await harness([ok(v3Page([rawCustomer(1)], 1, 1)), ok(v3Page([], 1, 0))]);

      const byEmail = await client.searchCustomers({ email: ' jane@example.com ' }, 10);
      await client.searchCustomers({ names: ['öztürk', 'oeztuerk', 'doe, jane', ' '] }, 10);

      assert.equal(byEmail[0]?.firstName, 'Jane');
      assert.deepEqual(server.log, [
        'GET /stores/h/v3/customers?email:in=jane%40example.com&include=addresses&page=1&limit=10',
        // A comma inside a name would split it into two filters: it goes as a space; an empty name not at all.
        'GET /stores/h/v3/customers?name:like=%C3%B6zt%C3%BCrk,oeztuerk,doe%20%20jane&include=addresses&page=1&limit=10',
      ]);
    });

    it('reads where a shopper lives from their first address, and tolerates an address list it cannot read', async () => {
      const address = (city: string, country_code: string) => ({ id: 1, city, country_code, address1: 'x' });
      const { client } = await harness([
        ok(
          v3Page(
            [
              rawCustomer(1, { addresses: [address('Köln', 'de'), address('Bonn', 'DE')] }),
              rawCustomer(2, { addresses: [] }),
              rawCustomer(3),
              rawCustomer(4, { addresses: 'not a list' }),
            ],
            1,
            1,
          ),
        ),
      ]);

      const found = await client.searchCustomers({ names: ['doe'] }, 10);

      assert.deepEqual(
        found.map((customer) => [customer.id, customer.place]),
        [
          [1, { city: 'Köln', countryIso2: 'DE' }],
          [2, null],
          [3, null],
          [4, null],
        ],
      );
    });

    it('reads customers by id in one id:in request, without duplicates', async () => {
      const { client, server } = await harness([ok(v3Page([rawCustomer(4), rawCustomer(5)], 1, 1))]);

      const customers = await client.getCustomersByIds([4, 5, 4]);

      assert.deepEqual(
        customers.map((c) => c.id),
        [4, 5],
      );
      assert.deepEqual(server.log, ['GET /stores/h/v3/customers?id:in=4,5&include=addresses&page=1&limit=3']);
    });

    it('asks nothing for an empty id list or an email with a comma', async () => {
      const { client, server } = await harness([]);

      assert.deepEqual(await client.getCustomersByIds([]), []);
      assert.deepEqual(await client.findCustomersByEmail('a@b.c,d@e.f'), []);
      assert.deepEqual(server.log, []);
    });
  });

  describe('writes', () => {
    it('sends only staff_notes on PUT, with the token and JSON headers', async () => {
      const { client, server } = await harness([ok(rawOrder(7, { staff_notes: 'hello' }))]);

      const order = await client.updateOrderStaffNotes(7, 'hello');

      assert.equal(order.staffNotes, 'hello');
      assert.deepEqual(server.log, ['PUT /stores/h/v2/orders/7']);
      const request = server.requests[0];
      assert.deepEqual(JSON.parse(request?.body ?? ''), { staff_notes: 'hello' });
      assert.equal(request?.headers['x-auth-token'], TOKEN);
      assert.equal(request?.headers.accept, 'application/json');
      assert.match(String(request?.headers['content-type']), /^application\/json/);
    });

    it('sends a PUT once when BigCommerce answers 500, and says the outcome is unknown', async () => {
      const { client, server, time } = await harness([{ status: 500, body: { status: 500, title: 'Oops' } }]);

      const error = await client.updateOrderStaffNotes(7, 'note').catch((e: unknown) => e);

      assert.ok(error instanceof BigCommerceHttpError);
      assert.equal(error.status, 500);
      assert.equal(error.outcomeUnknown, true);
      assert.deepEqual(server.log, ['PUT /stores/h/v2/orders/7']);
      assert.deepEqual(time.sleeps, []);
    });

    it('sends only status_id on a status change, once even when BigCommerce answers 500', async () => {
      const { client, server, time } = await harness([
        ok(rawOrder(7, { status_id: 5, status: 'Cancelled' })),
        { status: 500, body: { status: 500, title: 'Oops' } },
      ]);

      const order = await client.updateOrderStatus(7, 5);
      const error = await client.updateOrderStatus(7, 5).catch((e: unknown) => e);

      assert.equal(order.statusId, 5);
      assert.deepEqual(JSON.parse(server.requests[0]?.body ?? ''), { status_id: 5 });
      assert.ok(error instanceof BigCommerceHttpError);
      assert.equal(error.outcomeUnknown, true);
      assert.deepEqual(server.log, ['PUT /stores/h/v2/orders/7', 'PUT /stores/h/v2/orders/7']);
      assert.deepEqual(time.sleeps, []);
    });

    it('sends a PUT once when it times out', async () => {
      const { client, server } = await harness([{ status: 0, hang: true }], { timeoutMs: 50 });

      const error = await client.updateOrderStaffNotes(7, 'note').catch((e: unknown) => e);

      assert.ok(error instanceof BigCommerceNetworkError);
      assert.equal(error.timeout, true);
      assert.equal(error.outcomeUnknown, true);
      assert.equal(server.log.length, 1);
      assertNoToken(error);
    });
  });

  describe('retries', () => {
    it('retries a GET answered 503 and succeeds, waiting an exponential backoff', async () => {
      const { client, server, time } = await harness([{ status: 503 }, { status: 503 }, ok(rawOrder(7))]);

      const order = await client.getOrder(7);

      assert.equal(order?.id, 7);
      assert.equal(server.log.length, 3);
      assert.deepEqual(time.sleeps, [300, 600]);
    });

    it('gives up on a GET after three attempts', async () => {
      const { client, server } = await harness([{ status: 502 }, { status: 502 }, { status: 502 }]);

      const error = await client.getOrder(7).catch((e: unknown) => e);

      assert.ok(error instanceof BigCommerceHttpError);
      assert.equal(error.status, 502);
      assert.equal(error.retryable, true);
      assert.equal(server.log.length, 3);
    });

    it('does not retry a 401 and reports it as an auth error without the token', async () => {
      const { client, server } = await harness([
        { status: 401, body: [{ status: 401, message: 'Unauthorized.' }] },
      ]);

      const error = await client.getOrder(7).catch((e: unknown) => e);

      assert.ok(error instanceof BigCommerceAuthError);
      assert.equal(error.path, '/v2/orders/7');
      assert.equal(server.log.length, 1);
      assertNoToken(error);
    });

    it('waits exactly X-Rate-Limit-Time-Reset-Ms after a 429, then succeeds', async () => {
      const { client, server, time } = await harness([
        { status: 429, headers: rateLimitHeaders(0, 1_234) },
        ok(rawOrder(7), rateLimitHeaders(149, 30_000)),
      ]);

      const order = await client.getOrder(7);

      assert.equal(order?.id, 7);
      assert.equal(server.log.length, 2);
      assert.deepEqual(time.sleeps, [1_234]);
    });

    it('backs off exponentially after a 429 without rate-limit headers (platform load)', async () => {
      const { client, time } = await harness([{ status: 429 }, { status: 429 }, ok(rawOrder(7))]);

      await client.getOrder(7);

      assert.deepEqual(time.sleeps, [300, 600]);
    });

    it('throws a typed rate-limit error after three 429s', async () => {
      const { client, server } = await harness([
        { status: 429, headers: rateLimitHeaders(0, 500) },
        { status: 429, headers: rateLimitHeaders(0, 500) },
        { status: 429, headers: rateLimitHeaders(0, 500) },
      ]);

      const error = await client.getOrder(7).catch((e: unknown) => e);

      assert.ok(error instanceof BigCommerceRateLimitError);
      assert.equal(error.retryAfterMs, 500);
      assert.equal(server.log.length, 3);
    });

    it('fails fast when the server asks for a longer wait than we allow', async () => {
      const { client, server, time } = await harness([{ status: 429, headers: rateLimitHeaders(0, 25_000) }]);

      const error = await client.getOrder(7).catch((e: unknown) => e);

      assert.ok(error instanceof BigCommerceRateLimitError);
      assert.equal(error.retryAfterMs, 25_000);
      assert.equal(server.log.length, 1);
      assert.deepEqual(time.sleeps, []);
    });

    it('retries a GET that timed out and reports a timeout', async () => {
      const { client, server, time } = await harness(
        [
          { status: 0, hang: true },
          { status: 0, hang: true },
          { status: 0, hang: true },
        ],
        {
          timeoutMs: 50,
        },
      );

      const error = await client.getOrder(7).catch((e: unknown) => e);

      assert.ok(error instanceof BigCommerceNetworkError);
      assert.equal(error.timeout, true);
      assert.equal(error.outcomeUnknown, false);
      assert.equal(server.log.length, 3);
      assert.deepEqual(time.sleeps, [300, 600]);
      assertNoToken(error);
    });

    it('reports a refused connection as a network error, not a timeout', async () => {
      const closedPort = await findClosedPort();
      const { client } = await harness([], { apiUrl: `http://127.0.0.1:${closedPort}` });

      const error = await client.ping().catch((e: unknown) => e);

      assert.ok(error instanceof BigCommerceNetworkError);
      assert.equal(error.timeout, false);
      assert.equal(error.code, 'ECONNREFUSED');
      assertNoToken(error);
    });

    it('stops at once when the caller aborts, rejecting with the caller’s reason', async () => {
      const controller = new AbortController();
      const { client, server } = await harness([
        (request) => {
          setImmediate(() => controller.abort(new Error('ticket closed')));
          return { status: 0, hang: true, body: request.url };
        },
      ]);

      await assert.rejects(client.getOrder(7, { signal: controller.signal }), /ticket closed/);
      assert.equal(server.log.length, 1);
    });

    it('does not follow redirects, so the token never travels elsewhere', async () => {
      const elsewhere = await startScriptedServer([ok([])]);
      try {
        const { client } = await harness([{ status: 301, headers: { Location: `${elsewhere.url}/steal` } }]);

        const error = await client.getOrder(7).catch((e: unknown) => e);

        assert.ok(error instanceof BigCommerceHttpError);
        assert.equal(error.status, 301);
        assert.deepEqual(elsewhere.log, []);
      } finally {
        await elsewhere.close();
      }
    });
  });

  describe('throttling', () => {
    it('slows down before the store runs out, using the headers of every response', async () => {
      const { client, time } = await harness([
        ok(rawOrder(1), {
          'x-rate-limit-requests-left': '2',
          'x-rate-limit-time-reset-ms': '6000',
          'x-rate-limit-requests-quota': '150',
        }),
        ok(rawOrder(2), rateLimitHeaders(1, 3000)),
        ok(rawOrder(3), rateLimitHeaders(0, 0)),
      ]);

      await client.getOrder(1);
      await client.getOrder(2);
      await client.getOrder(3);

      assert.deepEqual(time.sleeps, [3_000]);
    });

    it('waits for the reset instead of sending into an exhausted window', async () => {
      const { client, time, server } = await harness([
        ok(rawOrder(1), rateLimitHeaders(0, 4_000)),
        ok(rawOrder(2), rateLimitHeaders(149, 30_000)),
      ]);

      await client.getOrder(1);
      await client.getOrder(2);

      assert.deepEqual(time.sleeps, [4_000]);
      assert.equal(server.log.length, 2);
    });
  });

  describe('validation', () => {
    it('skips an invalid list record, reports it, and logs it with the correlation id', async () => {
      const { client, logger } = await harness([
        ok([rawOrder(3), rawOrder(2, { total_inc_tax: 'not-money', id: '2' }), rawOrder(1)]),
      ]);
      const invalid: InvalidRecord[] = [];

      const page = await client.listOrders(
        { customerId: 11 },
        { page: 1, limit: 50 },
        { correlationId: 'corr-1', onInvalidRecord: (record) => invalid.push(record) },
      );

      assert.deepEqual(
        page.orders.map((o) => o.id),
        [3, 1],
      );
      assert.equal(invalid.length, 1);
      assert.equal(invalid[0]?.resource, 'order');
      assert.equal(invalid[0]?.id, '2');
      assert.deepEqual(invalid[0]?.issues.map((issue) => issue.path).sort(), ['id', 'total_inc_tax']);
      const line = logger.lines.find((l) => l.includes('failed validation'));
      assert.ok(line);
      assert.match(line, /"correlationId":"corr-1"/);
      assert.match(line, /"resource":"order"/);
    });

    it('throws a schema error for an invalid single order', async () => {
      const { client } = await harness([ok(rawOrder(7, { date_created: 'yesterday-ish' }))]);

      const error = await client.getOrder(7).catch((e: unknown) => e);

      assert.ok(error instanceof BigCommerceSchemaError);
      assert.equal(error.resource, 'order');
      assert.equal(error.id, '7');
      assert.deepEqual(error.issues, [
        { path: 'date_created', message: 'Expected an RFC 2822 or ISO 8601 date' },
      ]);
    });

    it('throws a schema error when a list is not a list', async () => {
      const { client } = await harness([ok({ unexpected: true })]);

      await assert.rejects(client.getOrderProducts(7), BigCommerceSchemaError);
    });

    it('throws a schema error for a non-JSON success body', async () => {
      const { client } = await harness([{ status: 200, rawBody: '<html>maintenance</html>' }]);

      await assert.rejects(client.getOrderStatuses(), BigCommerceSchemaError);
    });
  });

  describe('metrics', () => {
    it('reports every attempt with the route template, status and attempt number', async () => {
      const { client, metrics } = await harness([{ status: 503 }, ok(rawOrder(7))]);

      await client.getOrder(7);

      assert.deepEqual(
        metrics.map(({ storeKey, method, route, status, outcome, attempt }) => ({
          storeKey,
          method,
          route,
          status,
          outcome,
          attempt,
        })),
        [
          {
            storeKey: 'eu',
            method: 'GET',
            route: '/v2/orders/:id',
            status: 503,
            outcome: 'http_error',
            attempt: 1,
          },
          { storeKey: 'eu', method: 'GET', route: '/v2/orders/:id', status: 200, outcome: 'ok', attempt: 2 },
        ],
      );
    });
  });
});

async function findClosedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
