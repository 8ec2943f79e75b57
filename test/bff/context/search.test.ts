// The shopper search without the sync index (issue 13.6): BigCommerce answers, over HTTP against the sandbox. What
// live search can find (a name as typed or transliterated, a whole email, an order number) and what it cannot (a
// name without its accents, a part of an email); results that tell two "Lukas Öztürk" apart; the market's channels;
// the calls it costs; and a bad day at BigCommerce.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CustomerSearchResponse, ErrorBody, type SearchResult } from '../../../shared/index.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import { countByPath, startProduct, type Product } from './product-harness.js';

const eu = SANDBOX_PERSONAS.sbx1eu;
const us = SANDBOX_PERSONAS.sbx2us;

async function search(product: Product, session: string, q: string): Promise<CustomerSearchResponse> {
  const reply = await product.get(session, `/api/v1/customers?q=${encodeURIComponent(q)}`);
  assert.equal(reply.status, 200, reply.text);
  return CustomerSearchResponse.parse(reply.body);
}

const ids = (found: CustomerSearchResponse) => found.results.map((result) => result.customerId);

function resultOf(found: CustomerSearchResponse, customerId: number): SearchResult {
  const result = found.results.find((candidate) => candidate.customerId === customerId);
  assert.ok(result, `customer ${customerId} among ${JSON.stringify(ids(found))}`);
  return result;
}

describe('GET /api/v1/customers without a current index (live)', () => {
  let product: Product;
  let session: string;
  before(async () => {
    product = await startProduct();
    session = await product.openSession({ email: eu.unknownEmail, market: 'de' });
  });
  after(() => product.close());

  it('finds a name written with umlauts, in capitals or transliterated, and says it searched live', async () => {
    for (const q of ['Öztürk', 'ÖZTÜRK', 'oeztuerk']) {
      const found = await search(product, session, q);

      assert.equal(found.source, 'live', q);
      assert.equal(found.windowDays, null);
      for (const id of [eu.registered.customerId, eu.namesake.customerId, eu.noOrders.customerId]) {
        assert.ok(ids(found).includes(id), `${q} finds ${id}`);
      }
    }
  });

  it('tells the two Lukas Öztürk apart by email, city and last order', async () => {
    const found = await search(product, session, 'Lukas Öztürk');

    assert.deepEqual(ids(found).sort(), [eu.registered.customerId, eu.namesake.customerId].sort());
    const lukas = resultOf(found, eu.registered.customerId);
    const namesake = resultOf(found, eu.namesake.customerId);
    const registeredCity = product.sandbox.store('sbx1eu').data.getCustomer(eu.registered.customerId)!
      .addresses[0]!.city;
    assert.deepEqual(
      [lukas.email, lukas.city, namesake.email, namesake.city],
      [eu.registered.email, registeredCity, eu.namesake.email, eu.namesake.city],
    );
    assert.notEqual(lukas.city, namesake.city);
    assert.equal(namesake.orderCount, eu.namesake.orderCount);
    const namesakeOrders = product.sandbox.store('sbx1eu').data.getOrdersByCustomer(eu.namesake.customerId);
    const newest = [...namesakeOrders].sort(
      (a, b) => Date.parse(b.date_created) - Date.parse(a.date_created),
    )[0]!;
    assert.deepEqual(namesake.lastOrder, {
      id: newest.id,
      dateCreated: new Date(Date.parse(newest.date_created)).toISOString(),
    });
    assert.notEqual(lukas.lastOrder?.id, namesake.lastOrder?.id);
    assert.equal(lukas.name, 'Lukas Öztürk');
    assert.equal(lukas.matchedBy, 'name');
    assert.deepEqual(
      found.customers.map((customer) => customer.id),
      ids(found),
      'the registered shoppers, as before',
    );
  });

  it('costs one call for the shoppers and one per looked-up order list, namesakes first', async () => {
    const fresh = await startProduct();
    try {
      const agent = await fresh.openSession({ email: eu.unknownEmail, market: 'de' });
      fresh.clearUpstream();

      const found = await search(fresh, agent, 'oeztuerk');

      const calls = fresh.upstream().map(decodeURIComponent);
      assert.equal(
        calls[0],
        'GET /v3/customers?name:like=oeztuerk,öztürk&include=addresses&page=1&limit=100',
      );
      assert.ok(found.results.length > 5, 'more Öztürks than order lookups');
      assert.deepEqual(countByPath(calls), { 'GET /v3/customers': 1, 'GET /v2/orders': 5 });
      const withOrders = found.results.filter((result) => result.orderCount !== null);
      assert.equal(withOrders.length, 5);
      for (const id of [eu.registered.customerId, eu.namesake.customerId]) {
        assert.notEqual(resultOf(found, id).orderCount, null, `the namesakes' orders are looked up (${id})`);
      }
    } finally {
      await fresh.close();
    }
  });

  it('cannot find a name without its accents, nor a part of an email, and asks BigCommerce nothing for the latter', async () => {
    product.clearUpstream();
    const partial = await search(product, session, 'oeztuerk@');

    assert.deepEqual(partial.results, []);
    assert.deepEqual(product.upstream(), []);
    assert.deepEqual((await search(product, session, 'ozturk')).results, []);
  });

  it('finds a whole email: a registered shopper, or a guest with their orders, linkable by an order', async () => {
    const registered = await search(product, session, eu.registered.email.toUpperCase());
    const guest = await search(product, session, eu.guest.email);

    assert.deepEqual(ids(registered), [eu.registered.customerId]);
    assert.equal(registered.results[0]?.matchedBy, 'email');
    assert.equal(guest.results.length, 1);
    const [chloe] = guest.results;
    assert.deepEqual(
      [chloe?.kind, chloe?.customerId, chloe?.email, chloe?.name, chloe?.orderCount],
      ['guest', null, eu.guest.email, `${eu.guest.firstName} ${eu.guest.lastName}`, eu.guest.orderCount],
    );
    assert.ok(chloe?.city);
    const link = await product.post(session, '/api/v1/links', { orderId: chloe.lastOrder!.id });
    assert.equal(link.status, 200, link.text);
  });

  it('finds an order number’s shopper, first, with the order; a guest order’s guest', async () => {
    const byHash = await search(product, session, `#${eu.orders.shippedWithTracking}`);
    const bare = await search(product, session, String(eu.orders.shippedWithTracking));
    const guest = await search(product, session, `#${eu.orders.guestOrder}`);

    for (const found of [byHash, bare]) {
      assert.equal(found.results[0]?.customerId, eu.registered.customerId);
      assert.equal(found.results[0]?.matchedBy, 'order');
      assert.equal(found.results[0]?.order?.id, eu.orders.shippedWithTracking);
    }
    assert.deepEqual(
      [guest.results[0]?.kind, guest.results[0]?.email, guest.results[0]?.order?.id],
      ['guest', eu.guest.email, eu.orders.guestOrder],
    );
  });

  it('keeps to the market: no other store’s shopper, no order of another channel, no incomplete order', async () => {
    const otherStore = await search(product, session, us.registered.email);
    const otherStoreName = await search(product, session, us.registered.lastName);
    const otherChannel = await search(product, session, `#${eu.orders.otherChannel}`);
    const incomplete = await search(product, session, `#${eu.orders.incomplete}`);
    const unknown = await search(product, session, `#${eu.unknownOrderId}`);

    assert.deepEqual(otherStore.results, []);
    assert.ok(!ids(otherStoreName).includes(us.registered.customerId));
    for (const found of [otherChannel, incomplete, unknown]) assert.deepEqual(found.results, []);
  });

  it('still shows the shoppers when their order lists cannot be read, without their orders', async () => {
    const fresh = await startProduct();
    try {
      const agent = await fresh.openSession({ email: eu.unknownEmail, market: 'de' });
      fresh.sandbox.faults.add({ path: /^\/v2\/orders/, errorRate: 1, status: 500 });

      const found = await search(fresh, agent, 'Lukas Öztürk');

      assert.equal(found.results.length, 2);
      for (const result of found.results) {
        assert.deepEqual([result.orderCount, result.lastOrder], [null, null]);
        assert.ok(result.city, 'the place comes with the shopper');
      }
    } finally {
      await fresh.close();
    }
  });
});

describe('a live search on a bad day at BigCommerce', () => {
  let product: Product;
  before(async () => {
    // A hung call would hold for a minute per attempt: only the request budget (1 s) ends these requests.
    product = await startProduct({ env: { REQUEST_BUDGET_SECONDS: '1' }, timeoutMs: 60_000 });
  });
  after(() => product.close());

  it('answers 503 upstream_unavailable with the error body when BigCommerce fails', async () => {
    const session = await product.openSession({ email: eu.unknownEmail, market: 'de' });
    const fault = product.sandbox.faults.add({ errorRate: 1, status: 500 });
    try {
      const reply = await product.get(session, '/api/v1/customers?q=oeztuerk');

      assert.equal(reply.status, 503, reply.text);
      const body = ErrorBody.parse(reply.body);
      assert.equal(body.error.code, 'upstream_unavailable');
      assert.equal(body.error.correlationId, reply.correlationId);
    } finally {
      product.sandbox.faults.remove(fault);
    }
  });

  it(
    'answers 504 upstream_timeout within the budget when BigCommerce hangs',
    { timeout: 10_000 },
    async () => {
      const session = await product.openSession({ email: eu.unknownEmail, market: 'de' });
      const hang = product.sandbox.faults.add({ hangRate: 1 });
      try {
        for (const q of ['oeztuerk', `#${eu.orders.refunded}`, eu.guest.email]) {
          const started = Date.now();
          const reply = await product.get(session, `/api/v1/customers?q=${encodeURIComponent(q)}`);

          assert.equal(reply.status, 504, `${q}: ${reply.text}`);
          const body = ErrorBody.parse(reply.body);
          assert.equal(body.error.code, 'upstream_timeout');
          assert.equal(body.error.correlationId, reply.correlationId);
          assert.ok(Date.now() - started < 5_000, `${q} ended at its budget`);
        }
      } finally {
        product.sandbox.faults.remove(hang);
      }
    },
  );
});
