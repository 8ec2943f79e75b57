// Caches and error logs are kept per store: two stores with the same customer and order ids never share a cached
// entry, and the error log tells (and filters) which store an entry came from.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as z from 'zod';
import { ContextResponse, ErrorBody, OrderDetail } from '../../../shared/index.js';
import { listErrors } from '../../../bff/src/cli/errors.js';
import { DEFAULT_SANDBOX_STORES, SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import { ADMIN_TOKEN, nextTicket, startMarkets, type Markets } from './markets-harness.js';

const eu = SANDBOX_PERSONAS.sbx1eu;
const us = SANDBOX_PERSONAS.sbx2us;

const ErrorLogList = z.object({
  entries: z.array(z.object({ correlationId: z.string(), storeKey: z.nullable(z.string()) })),
});

describe('two stores with the same ids', () => {
  let markets: Markets;
  before(async () => {
    // A second EU-region store: its customers and orders are numbered like the first one's, with other people.
    const [first] = DEFAULT_SANDBOX_STORES;
    assert.ok(first);
    markets = await startMarkets({
      sandboxStores: [
        first,
        { hash: 'sbx3eu', token: 'sandbox-token-eu-twin', seed: 3, label: 'Sandbox EU twin', region: 'eu' },
      ],
    });
  });
  after(() => markets.close());

  it('show each market its own shopper for the same ticket and External ID', async () => {
    const ticket = nextTicket();
    const customer = '1';
    const inFirst = markets.eu.data.customers.find((c) => c.id === 1);
    const inTwin = markets.us.data.customers.find((c) => c.id === 1);
    assert.ok(
      inFirst && inTwin && inFirst.email !== inTwin.email,
      'customer 1 is somebody else in each store',
    );
    const deSession = await markets.session({ market: 'de', ticket, customer });
    const usSession = await markets.session({ market: 'us', ticket, customer });

    const deFirst = ContextResponse.parse((await markets.get(deSession, '/api/v1/context')).body);
    const usFirst = ContextResponse.parse((await markets.get(usSession, '/api/v1/context')).body);
    const deAgain = ContextResponse.parse((await markets.get(deSession, '/api/v1/context')).body);
    const usAgain = ContextResponse.parse((await markets.get(usSession, '/api/v1/context')).body);

    assert.equal(deFirst.customer?.email, inFirst.email);
    assert.equal(usFirst.customer?.email, inTwin.email);
    assert.equal(deAgain.customer?.email, inFirst.email, 'warm, still the first store’s shopper');
    assert.equal(usAgain.customer?.email, inTwin.email, 'warm, still the twin store’s shopper');
    assert.ok(deFirst.orders.every((order) => markets.eu.data.getOrder(order.id)?.customer_id === 1));
    assert.ok(usFirst.orders.every((order) => markets.us.data.getOrder(order.id)?.customer_id === 1));
  });

  it('serve each market its own store’s order under the same order id', async () => {
    // An order id both stores use, each for a registered shopper's visible channel-1 order.
    const shared = markets.eu.data.orders.find((order) => {
      const twin = markets.us.data.getOrder(order.id);
      return (
        order.customer_id !== 0 &&
        order.status_id !== 0 &&
        order.channel_id === 1 &&
        twin !== undefined &&
        twin.customer_id !== 0 &&
        twin.status_id !== 0
      );
    });
    assert.ok(shared);
    const twin = markets.us.data.getOrder(shared.id);
    assert.ok(twin && twin.billing_address.email !== shared.billing_address.email);
    const deSession = await markets.session({ market: 'de', customer: String(shared.customer_id) });
    const usSession = await markets.session({ market: 'us', customer: String(twin.customer_id) });
    markets.clearUpstream();

    const deDetail = await markets.get(deSession, `/api/v1/orders/${shared.id}`);
    const usDetail = await markets.get(usSession, `/api/v1/orders/${shared.id}`);
    const deWarm = await markets.get(deSession, `/api/v1/orders/${shared.id}`);

    assert.equal(deDetail.status, 200, deDetail.text);
    assert.equal(usDetail.status, 200, usDetail.text);
    assert.equal(OrderDetail.parse(deDetail.body).email, shared.billing_address.email);
    assert.equal(OrderDetail.parse(usDetail.body).email, twin.billing_address.email);
    assert.equal(OrderDetail.parse(deWarm.body).email, shared.billing_address.email);
    const orderCalls = (store: 'eu' | 'us') =>
      markets.upstream(store).filter((request) => request.path.split('?')[0] === `/v2/orders/${shared.id}`)
        .length;
    assert.equal(orderCalls('eu'), 1, 'the first store was asked once, then its copy answered');
    assert.equal(
      orderCalls('us'),
      1,
      'the twin store was asked for its own order, not served the first’s copy',
    );
  });
});

describe('the error log per store', () => {
  let markets: Markets;
  before(async () => {
    markets = await startMarkets();
  });
  after(() => markets.close());

  it('records the store of a failure, and the admin API and `npm run errors` filter by it', async () => {
    const deSession = await markets.session({ market: 'de', email: eu.registered.email });
    const usSession = await markets.session({ market: 'us', email: us.registered.email });
    markets.sandbox.faults.add({
      store: markets.eu.hash,
      method: 'GET',
      path: '/v2/orders/',
      status: 500,
      errorRate: 1,
    });
    markets.sandbox.faults.add({ store: markets.us.hash, path: '/v3/customers', malformed: true, times: 1 });

    const euFailure = await markets.get(deSession, `/api/v1/orders/${eu.orders.refunded}`);
    const usSkipped = await markets.get(usSession, '/api/v1/context');
    const euId = ErrorBody.parse(euFailure.body).error.correlationId;

    assert.equal(euFailure.status, 503, euFailure.text);
    assert.equal(usSkipped.status, 200, usSkipped.text);
    const all = ErrorLogList.parse((await markets.getWithBearer(ADMIN_TOKEN, '/api/v1/admin/errors')).body);
    const euOnly = ErrorLogList.parse(
      (await markets.getWithBearer(ADMIN_TOKEN, '/api/v1/admin/errors?store=eu')).body,
    );
    const usOnly = ErrorLogList.parse(
      (await markets.getWithBearer(ADMIN_TOKEN, '/api/v1/admin/errors?store=us')).body,
    );
    const euIdInUs = ErrorLogList.parse(
      (await markets.getWithBearer(ADMIN_TOKEN, `/api/v1/admin/errors?store=us&correlationId=${euId}`)).body,
    );
    const badStore = await markets.getWithBearer(ADMIN_TOKEN, '/api/v1/admin/errors?store=EU%20store');

    assert.deepEqual(new Set(all.entries.map((entry) => entry.storeKey)), new Set(['eu', 'us']));
    assert.ok(euOnly.entries.length > 0 && euOnly.entries.every((entry) => entry.storeKey === 'eu'));
    assert.ok(euOnly.entries.some((entry) => entry.correlationId === euId));
    assert.ok(usOnly.entries.length > 0 && usOnly.entries.every((entry) => entry.storeKey === 'us'));
    assert.deepEqual(euIdInUs.entries, []);
    assert.equal(badStore.status, 400);

    const cli = JSON.parse(
      (await listErrors(['--store', 'us', '--json'], { DATA_DIR: markets.dataDir })).join('\n'),
    ) as Array<{ storeKey: string }>;
    assert.ok(cli.length > 0 && cli.every((entry) => entry.storeKey === 'us'));
    assert.deepEqual(await listErrors([euId, '--store', 'us'], { DATA_DIR: markets.dataDir }), [
      `No entries of store us for ${euId}.`,
    ]);
    await assert.rejects(
      listErrors(['--store', 'EU store'], { DATA_DIR: markets.dataDir }),
      /not a store key/,
    );
  });
});
