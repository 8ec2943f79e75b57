import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SANDBOX_PERSONAS, startSandbox, type Sandbox } from '../../../bff/src/sandbox/index.js';
import { callSandbox } from './sandbox-client.js';

type Order = {
  id: number;
  customer_id: number;
  date_created: string;
  total_inc_tax: string;
  status_id: number;
};
const eu = SANDBOX_PERSONAS.sbx1eu;
const us = SANDBOX_PERSONAS.sbx2us;

describe('sandbox HTTP surface', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ quota: 10_000 });
  });
  after(() => sandbox.close());

  it('answers a customer without orders with 204 and an empty body', async () => {
    const response = await callSandbox(sandbox, `/v2/orders?customer_id=${eu.noOrders.customerId}`);

    assert.equal(response.status, 204);
    assert.equal(response.text, '');
  });

  it('answers a page past the end with 204', async () => {
    const response = await callSandbox(sandbox, `/v2/orders?customer_id=${eu.registered.customerId}&page=9`);

    assert.equal(response.status, 204);
  });

  it('pages the many-orders customer at limit 250 across two pages, then 204', async () => {
    const base = `/v2/orders?customer_id=${eu.manyOrders.customerId}&limit=250`;

    const first = await callSandbox(sandbox, `${base}&page=1`);
    const second = await callSandbox(sandbox, `${base}&page=2`);
    const third = await callSandbox(sandbox, `${base}&page=3`);

    assert.equal((first.json as Order[]).length, 250);
    assert.equal((second.json as Order[]).length, eu.manyOrders.orderCount - 250);
    assert.equal(third.status, 204);
    const ids = [...(first.json as Order[]), ...(second.json as Order[])].map((o) => o.id);
    assert.equal(new Set(ids).size, eu.manyOrders.orderCount);
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => a - b),
      'default sort is id ascending',
    );
  });

  it('rejects a limit above 250 with 413', async () => {
    const response = await callSandbox(sandbox, '/v2/orders?limit=251');

    assert.equal(response.status, 413);
    assert.ok(Array.isArray(response.json));
  });

  it('sorts by date_created descending when asked, across pages', async () => {
    const base = `/v2/orders?customer_id=${eu.manyOrders.customerId}&sort=date_created:desc&limit=250`;

    const pages = [
      await callSandbox(sandbox, `${base}&page=1`),
      await callSandbox(sandbox, `${base}&page=2`),
    ];

    const orders = pages.flatMap((page) => page.json as Order[]);
    const dates = orders.map((o) => Date.parse(o.date_created));
    assert.deepEqual(
      dates,
      [...dates].sort((a, b) => b - a),
    );
    const ids = orders.map((o) => o.id);
    assert.notDeepEqual(
      ids,
      [...ids].sort((a, b) => b - a),
      'imported orders make id order differ from date order',
    );
  });

  it('finds guest orders by email only, with customer_id 0', async () => {
    const response = await callSandbox(sandbox, `/v2/orders?email=${encodeURIComponent(eu.guest.email)}`);

    const orders = response.json as Order[];
    assert.equal(orders.length, eu.guest.orderCount);
    assert.ok(orders.every((o) => o.customer_id === 0));
    assert.ok(orders.some((o) => o.id === eu.orders.guestOrder));
  });

  it('returns registered and guest orders for a shopper who used both, by email', async () => {
    const persona = eu.registeredWithGuestOrders;

    const byEmail = await callSandbox(
      sandbox,
      `/v2/orders?email=${encodeURIComponent(persona.email.toUpperCase())}`,
    );
    const byId = await callSandbox(sandbox, `/v2/orders?customer_id=${persona.customerId}`);

    const orders = byEmail.json as Order[];
    assert.equal(orders.length, persona.orderCount + persona.guestOrderCount);
    assert.equal(orders.filter((o) => o.customer_id === 0).length, persona.guestOrderCount);
    assert.equal((byId.json as Order[]).length, persona.orderCount);
  });

  it('finds a plus-addressed shopper only when the client URL-encodes the plus', async () => {
    const persona = eu.plusAddressed;

    const encoded = await callSandbox(sandbox, `/v3/customers?email:in=${encodeURIComponent(persona.email)}`);
    const raw = await callSandbox(sandbox, `/v2/orders?email=${persona.email}`);
    const orders = await callSandbox(sandbox, `/v2/orders?email=${encodeURIComponent(persona.email)}`);

    assert.deepEqual(
      (encoded.json as { data: { id: number }[] }).data.map((c) => c.id),
      [persona.customerId],
    );
    assert.equal(raw.status, 204, 'an unencoded + reads as a space, as on BigCommerce');
    assert.equal((orders.json as Order[]).length, persona.orderCount);
  });

  it('serves v2 money as 4-decimal strings and dates as RFC 2822', async () => {
    const response = await callSandbox(sandbox, `/v2/orders/${eu.orders.shippedWithTracking}`);

    const order = response.json as Order;
    assert.match(order.total_inc_tax, /^\d+\.\d{4}$/);
    assert.match(order.date_created, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
  });

  it('answers an unknown order with the v2 404 array', async () => {
    const response = await callSandbox(sandbox, `/v2/orders/${eu.unknownOrderId}`);

    assert.equal(response.status, 404);
    assert.deepEqual(response.json, [{ status: 404, message: 'The requested resource was not found.' }]);
  });

  it('wraps v3 customers in data and meta.pagination', async () => {
    const response = await callSandbox(
      sandbox,
      `/v3/customers?email:in=${encodeURIComponent(eu.registered.email)}`,
    );

    const body = response.json as { data: { id: number; email: string }[]; meta: { pagination: unknown } };
    assert.equal(response.status, 200);
    assert.deepEqual(
      body.data.map((c) => c.id),
      [eu.registered.customerId],
    );
    assert.deepEqual(body.meta.pagination, {
      total: 1,
      count: 1,
      per_page: 50,
      current_page: 1,
      total_pages: 1,
      links: { current: '?page=1&limit=50' },
    });
  });

  it('pages v3 customers with links to the neighbouring pages', async () => {
    const response = await callSandbox(sandbox, '/v3/customers?limit=10&page=2');

    const body = response.json as {
      data: unknown[];
      meta: { pagination: { links: Record<string, string> } };
    };
    assert.equal(body.data.length, 10);
    assert.deepEqual(body.meta.pagination.links, {
      current: '?page=2&limit=10',
      previous: '?page=1&limit=10',
      next: '?page=3&limit=10',
    });
  });

  it('answers transactions with 204 for a gateway that records none, and v3 envelopes otherwise', async () => {
    const none = await callSandbox(sandbox, `/v3/orders/${eu.orders.noTransactions}/transactions`);
    const refunds = await callSandbox(
      sandbox,
      `/v3/orders/${eu.orders.partiallyRefunded}/payment_actions/refunds`,
    );

    assert.equal(none.status, 204);
    const body = refunds.json as {
      data: { total_amount: number }[];
      meta: { pagination: { total: number } };
    };
    assert.ok(body.data.length >= 1);
    assert.equal(typeof body.data[0]!.total_amount, 'number');
    assert.equal(body.meta.pagination.total, body.data.length);
  });

  it('answers 204 for shipments of an order that has none', async () => {
    const response = await callSandbox(sandbox, `/v2/orders/${eu.orders.incomplete}/shipments`);

    assert.equal(response.status, 204);
  });

  it('rejects a missing or wrong token with 401 and does not echo it', async () => {
    const missing = await callSandbox(sandbox, '/v2/time', { token: null });
    const wrong = await callSandbox(sandbox, '/v2/time', { token: 'sandbox-token-us' });

    assert.equal(missing.status, 401);
    assert.equal(wrong.status, 401);
    assert.ok(!wrong.text.includes('sandbox-token-us'));
  });

  it('answers an unknown store hash with 404', async () => {
    const response = await fetch(`${sandbox.url}/stores/nope/v2/time`, { headers: { 'X-Auth-Token': 'x' } });

    assert.equal(response.status, 404);
  });

  it('keeps stores apart: the US store serves its own personas in USD', async () => {
    const response = await callSandbox(sandbox, `/v2/orders/${us.orders.otherChannel}`, { store: 'sbx2us' });
    const crossStore = await callSandbox(sandbox, `/v2/orders/${us.orders.otherChannel}`, {
      store: 'sbx1eu',
    });

    const order = response.json as { currency_code: string; channel_id: number };
    assert.equal(order.currency_code, 'USD');
    assert.equal(order.channel_id, 2);
    assert.equal(crossStore.status, 404);
  });

  it('records store, method, path with query and status in the request log', async () => {
    sandbox.clearRequests();

    await callSandbox(sandbox, '/v2/orders?customer_id=1&limit=5');

    assert.deepEqual(
      sandbox.requests.map((r) => `${r.store} ${r.method} ${r.path} ${r.status}`),
      ['sbx1eu GET /v2/orders?customer_id=1&limit=5 200'],
    );
  });
});
