// The shopper search from the sync index (issue 13.6), over HTTP on both engines: case, accents and transliterations
// do not count; parts of emails and guests' names are found; results tell two "Lukas Öztürk" apart; an order number
// finds its shopper; and none of it costs a call of the store's quota (except an order older than the window).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CustomerSearchResponse, LinkResponse } from '../../../shared/index.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import { storeBackends } from '../support/postgres.js';
import { eventually, startCurrentSyncProduct, type SyncProduct } from './sync-harness.js';

const eu = SANDBOX_PERSONAS.sbx1eu;
const us = SANDBOX_PERSONAS.sbx2us;
let ticketNo = 0;
const nextTicket = () => `T-SEARCH-${process.pid}-${(ticketNo += 1)}`;

for (const { backend, label, skip } of await storeBackends('the search from the index')) {
  describe(`the shopper search from the index (${label})`, { skip }, () => {
    let product: SyncProduct;
    let session: string;
    before(async () => {
      product = await startCurrentSyncProduct({ backend });
      session = await product.session({ ticket: nextTicket(), email: eu.unknownEmail });
    });
    after(() => product?.close());

    async function search(q: string, as = session): Promise<CustomerSearchResponse> {
      const reply = await product.get(as, `/api/v1/customers?q=${encodeURIComponent(q)}`);
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      return CustomerSearchResponse.parse(reply.body);
    }
    const ids = (found: CustomerSearchResponse) => found.results.map((result) => result.customerId);

    it('finds Öztürk however it is written, from the index, without a call to BigCommerce', async () => {
      product.clearUpstream();
      for (const q of ['oeztuerk', 'ozturk', 'ÖZTÜRK', 'Öztürk', 'oztürk']) {
        const found = await search(q);

        assert.equal(found.source, 'index', q);
        assert.equal(found.windowDays, 90);
        for (const id of [eu.registered.customerId, eu.namesake.customerId, eu.noOrders.customerId]) {
          assert.ok(ids(found).includes(id), `"${q}" finds ${id}: ${JSON.stringify(ids(found))}`);
        }
      }
      assert.deepEqual(product.upstream(), []);
    });

    it('needs every word, in any order: "oeztuerk lukas" finds the two Lukas only', async () => {
      const found = await search('oeztuerk LUKAS');

      assert.deepEqual(ids(found).sort(), [eu.registered.customerId, eu.namesake.customerId].sort());
    });

    it('tells the two Lukas Öztürk apart by email, city and last order, the most recently active first', async () => {
      const found = await search('Lukas Öztürk');
      const [first, second] = found.results;
      const data = product.sandbox.store('sbx1eu').data;
      const newest = (customerId: number) =>
        data
          .getOrdersByCustomer(customerId)
          .filter((order) => order.status_id !== 0)
          .sort((a, b) => Date.parse(b.date_created) - Date.parse(a.date_created))[0]!;

      assert.deepEqual(ids(found), [eu.registered.customerId, eu.namesake.customerId]);
      assert.deepEqual(
        [first?.email, first?.city, first?.lastOrder?.id],
        [eu.registered.email, data.getCustomer(eu.registered.customerId)!.addresses[0]!.city, newest(1).id],
      );
      assert.deepEqual(
        [second?.email, second?.city, second?.lastOrder?.id],
        [eu.namesake.email, eu.namesake.city, newest(eu.namesake.customerId).id],
      );
      // The namesake's other order is older than the window: the count says "in the last 90 days".
      assert.equal(second?.orderCount, 1);
      assert.equal(found.windowDays, 90);
    });

    it('finds parts of emails', async () => {
      const partial = await search('lukas.oeztuerk@');
      const domain = await search('example.org');
      const plus = await search('+shop@');

      assert.ok(ids(partial).includes(eu.registered.customerId));
      assert.ok(ids(partial).includes(eu.namesake.customerId));
      assert.ok(!ids(partial).includes(eu.noOrders.customerId), 'emma.oeztuerk@ is not lukas.oeztuerk@');
      assert.equal(
        domain.results.find((result) => result.customerId === eu.noOrders.customerId)?.matchedBy,
        'email',
      );
      assert.ok(ids(plus).includes(eu.plusAddressed.customerId));
    });

    it('finds a guest by a part of their name, with their orders, and links them by one', async () => {
      const found = await search(eu.guest.lastName.toUpperCase());
      const guest = found.results.find((result) => result.email === eu.guest.email);

      assert.ok(guest, JSON.stringify(found.results));
      assert.deepEqual(
        [guest.kind, guest.customerId, guest.name, guest.matchedBy],
        ['guest', null, `${eu.guest.firstName} ${eu.guest.lastName}`, 'name'],
      );
      assert.ok(guest.lastOrder && guest.city && (guest.orderCount ?? 0) > 0);
      const reply = await fetch(`${product.server.url}/api/v1/links`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session}`, 'content-type': 'application/json' },
        body: JSON.stringify({ orderId: guest.lastOrder.id }),
      });
      assert.equal(reply.status, 200);
      assert.equal(LinkResponse.parse(await reply.json()).email, eu.guest.email);
    });

    it('finds an order number’s shopper first; an order older than the window is asked of BigCommerce', async () => {
      product.clearUpstream();
      const recent = await search(`#${eu.orders.shippedWithTracking}`);
      const guest = await search(`#${eu.orders.guestOrder}`);
      assert.deepEqual(product.upstream(), [], 'recent orders come from the index');
      const old = await search(String(eu.orders.legacyRefundFields));

      assert.deepEqual(
        [recent.results[0]?.customerId, recent.results[0]?.order?.id, recent.results[0]?.matchedBy],
        [eu.registered.customerId, eu.orders.shippedWithTracking, 'order'],
      );
      assert.deepEqual(
        [guest.results[0]?.kind, guest.results[0]?.email, guest.results[0]?.order?.id],
        ['guest', eu.guest.email, eu.orders.guestOrder],
      );
      assert.equal(old.results[0]?.order?.id, eu.orders.legacyRefundFields);
      assert.equal(old.results[0]?.customerId, eu.registered.customerId);
      assert.deepEqual(
        product.upstream().map((request) => request.split('?')[0]),
        [`GET /v2/orders/${eu.orders.legacyRefundFields}`],
      );
    });

    it('finds a shopper under a name changed in BigCommerce once its webhook is in, still with their city', async () => {
      // Emma has no orders: her city can only come from her address, which the webhook's re-read must keep.
      const { customerId } = eu.noOrders;
      const city = product.sandbox.store('sbx1eu').data.getCustomer(customerId)!.addresses[0]!.city;
      product.sandbox.store('sbx1eu').mutate.updateCustomer(customerId, { last_name: 'Öztürk-Großmann' });

      await eventually(
        async () => (await search('grossmann')).results.some((result) => result.customerId === customerId),
        'the renamed shopper is found',
      );
      const found = (await search('GROSSMANN')).results.find((result) => result.customerId === customerId);
      assert.deepEqual(
        [found?.name, found?.city, found?.orderCount],
        [`${eu.noOrders.firstName} Öztürk-Großmann`, city, 0],
      );
    });

    it('keeps to the session’s market: another store’s shoppers are not found', async () => {
      const fromDe = await search(us.registered.email);
      const fromUs = await search(
        'oeztuerk',
        await product.session({ ticket: nextTicket(), email: us.unknownEmail, market: 'us' }),
      );

      assert.deepEqual(fromDe.results, []);
      assert.deepEqual(fromUs.results, []);
    });
  });
}
