import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ContextResponse,
  CustomerSearchResponse,
  ErrorBody,
  LinkResponse,
  OrderDetail,
} from '../../../shared/index.js';
import { SANDBOX_PERSONAS, type RawCustomer } from '../../../bff/src/sandbox/index.js';
import { nextTicket, startMarkets, type Markets } from './markets-harness.js';

const eu = SANDBOX_PERSONAS.sbx1eu;
const us = SANDBOX_PERSONAS.sbx2us;

function errorCode(reply: { body: unknown }): string {
  return ErrorBody.parse(reply.body).error.code;
}

/** Every order of a context, following nextCursor to the end. */
async function readAllOrders(markets: Markets, session: string): Promise<ContextResponse['orders']> {
  const orders: ContextResponse['orders'] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? '' : `?cursor=${encodeURIComponent(cursor)}`;
    const reply = await markets.get(session, `/api/v1/context${query}`);
    assert.equal(reply.status, 200, reply.text);
    const page = ContextResponse.parse(reply.body);
    orders.push(...page.orders);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return orders;
}

describe('a session of one market never reads another market’s store', () => {
  let markets: Markets;
  before(async () => {
    markets = await startMarkets();
  });
  after(() => markets.close());

  it('answers 404 order_not_found for an order that exists only in the other store, without asking that store', async () => {
    const deSession = await markets.session({ market: 'de', email: eu.registered.email });
    const usSession = await markets.session({ market: 'us', email: us.registered.email });
    assert.equal(markets.eu.data.getOrder(us.orders.shippedWithTracking), undefined, 'US order id not in EU');
    assert.equal(markets.us.data.getOrder(eu.orders.shippedWithTracking), undefined, 'EU order id not in US');
    markets.clearUpstream();

    const usOrderForDe = await markets.get(deSession, `/api/v1/orders/${us.orders.shippedWithTracking}`);
    const euOrderForUs = await markets.get(usSession, `/api/v1/orders/${eu.orders.shippedWithTracking}`);

    assert.equal(usOrderForDe.status, 404);
    assert.equal(errorCode(usOrderForDe), 'order_not_found');
    assert.equal(euOrderForUs.status, 404);
    assert.equal(errorCode(euOrderForUs), 'order_not_found');
    assert.ok(
      markets.upstream('eu').some((r) => r.path.startsWith(`/v2/orders/${us.orders.shippedWithTracking}`)),
      'the de session asked its own store',
    );
    assert.ok(
      !markets.upstream('us').some((r) => r.path.startsWith(`/v2/orders/${us.orders.shippedWithTracking}`)),
      'the de session never asked the US store',
    );
    assert.ok(
      !markets.upstream('eu').some((r) => r.path.startsWith(`/v2/orders/${eu.orders.shippedWithTracking}`)),
      'the us session never asked the EU store',
    );
  });

  it('serves each market its own store’s orders by id', async () => {
    const deSession = await markets.session({ market: 'de', email: eu.registered.email });
    const usSession = await markets.session({ market: 'us', email: us.registered.email });

    const deDetail = await markets.get(deSession, `/api/v1/orders/${eu.orders.shippedWithTracking}`);
    const usDetail = await markets.get(usSession, `/api/v1/orders/${us.orders.shippedWithTracking}`);

    assert.equal(deDetail.status, 200, deDetail.text);
    assert.equal(usDetail.status, 200, usDetail.text);
    assert.equal(OrderDetail.parse(deDetail.body).currency, eu.currency);
    assert.equal(OrderDetail.parse(usDetail.body).currency, us.currency);
  });

  it('searches shoppers in the session market’s store only', async () => {
    const deSession = await markets.session({ market: 'de', email: eu.unknownEmail });
    markets.clearUpstream();

    const otherStoresShopper = await markets.get(
      deSession,
      `/api/v1/customers?q=${encodeURIComponent(us.registered.email)}`,
    );
    const otherStoresName = await markets.get(
      deSession,
      `/api/v1/customers?q=${encodeURIComponent(us.manyOrders.lastName)}`,
    );
    const ownShopper = await markets.get(
      deSession,
      `/api/v1/customers?q=${encodeURIComponent(eu.registered.email)}`,
    );

    assert.deepEqual(CustomerSearchResponse.parse(otherStoresShopper.body).customers, []);
    assert.ok(
      CustomerSearchResponse.parse(otherStoresName.body).customers.every((c) => c.id < 300),
      'only EU customer ids (the US store numbers from 301)',
    );
    assert.deepEqual(
      CustomerSearchResponse.parse(ownShopper.body).customers.map((c) => c.id),
      [eu.registered.customerId],
    );
    assert.equal(markets.upstream('us').length, 0, 'the US store was never asked');
    assert.ok(markets.upstream('eu').length >= 3);
  });

  it('links a ticket only to shoppers and orders of the session market’s store', async () => {
    const deSession = await markets.session({ market: 'de', email: eu.unknownEmail });

    const otherStoresShopper = await markets.post(deSession, '/api/v1/links', {
      customerId: us.registered.customerId,
    });
    const otherStoresOrder = await markets.post(deSession, '/api/v1/links', {
      orderId: us.orders.refunded,
    });
    const ownShopper = await markets.post(deSession, '/api/v1/links', {
      customerId: eu.registered.customerId,
    });
    const context = ContextResponse.parse((await markets.get(deSession, '/api/v1/context')).body);

    assert.equal(otherStoresShopper.status, 404);
    assert.equal(errorCode(otherStoresShopper), 'customer_not_found');
    assert.equal(otherStoresOrder.status, 404);
    assert.equal(errorCode(otherStoresOrder), 'order_not_found');
    assert.equal(ownShopper.status, 200, ownShopper.text);
    assert.equal(LinkResponse.parse(ownShopper.body).customerId, eu.registered.customerId);
    assert.equal(context.customer?.id, eu.registered.customerId);
    assert.equal(context.match.method, 'link');
  });

  it('shows a shopper whose email is registered in both stores only with the session market’s data', async () => {
    // Arrange: the same person opens an account in the US store with the email of an EU shopper.
    const template = markets.us.data.customers.find((c) => c.id === us.noOrders.customerId);
    assert.ok(template);
    const twin: RawCustomer = { ...template, id: 399, email: eu.registered.email, addresses: [] };
    markets.us.data.customers.push(twin);
    const ticket = nextTicket();
    const deSession = await markets.session({ market: 'de', ticket, email: eu.registered.email });
    const usSession = await markets.session({ market: 'us', ticket, email: eu.registered.email });

    const deContext = ContextResponse.parse((await markets.get(deSession, '/api/v1/context')).body);
    const usContext = ContextResponse.parse((await markets.get(usSession, '/api/v1/context')).body);
    const euOrderForUs = await markets.get(usSession, `/api/v1/orders/${deContext.orders[0]?.id}`);

    assert.equal(deContext.customer?.id, eu.registered.customerId);
    assert.ok(deContext.orders.length > 0);
    assert.ok(
      deContext.orders.every(
        (order) => markets.eu.data.getOrder(order.id)?.customer_id === eu.registered.customerId,
      ),
    );
    assert.deepEqual(deContext.market, { id: 'de', label: 'Deutschland', store: 'eu' });
    assert.equal(usContext.customer?.id, 399, 'the US account, not the EU one');
    assert.deepEqual(usContext.orders, [], 'none of the EU orders');
    assert.deepEqual(usContext.market, { id: 'us', label: 'United States', store: 'us' });
    assert.equal(euOrderForUs.status, 404);
  });

  it('never shows a channel-2 order to a market with channels [1], in the list or as detail', async () => {
    const deSession = await markets.session({ market: 'de', email: eu.registered.email });
    const ukSession = await markets.session({ market: 'uk', email: eu.registered.email });
    const channelOf = (id: number) => markets.eu.data.getOrder(id)?.channel_id;
    assert.equal(channelOf(eu.orders.otherChannel), 2);
    assert.equal(channelOf(eu.orders.shippedWithTracking), 1);

    const deOrders = await readAllOrders(markets, deSession);
    const ukOrders = await readAllOrders(markets, ukSession);
    const channel2ForDe = await markets.get(deSession, `/api/v1/orders/${eu.orders.otherChannel}`);
    const channel1ForUk = await markets.get(ukSession, `/api/v1/orders/${eu.orders.shippedWithTracking}`);
    const channel2ForUk = await markets.get(ukSession, `/api/v1/orders/${eu.orders.otherChannel}`);

    assert.ok(deOrders.length > 0 && deOrders.every((order) => order.channelId === 1));
    assert.ok(!deOrders.some((order) => order.id === eu.orders.otherChannel));
    assert.ok(ukOrders.length > 0 && ukOrders.every((order) => order.channelId === 2));
    assert.ok(ukOrders.some((order) => order.id === eu.orders.otherChannel));
    assert.equal(channel2ForDe.status, 404);
    assert.equal(errorCode(channel2ForDe), 'order_not_found');
    assert.equal(channel1ForUk.status, 404);
    assert.equal(channel2ForUk.status, 200, channel2ForUk.text);
  });
});
