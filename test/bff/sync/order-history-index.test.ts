// Big histories from the sync room's index (issue 13.5): while the index is current, the count and a filter
// within its window cost BigCommerce nothing; a filtered list continues live past the window with the same
// filter; a filter the window cannot answer (last spring) goes to BigCommerce's filters in one step.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ContextResponse } from '../../../shared/index.js';
import { SANDBOX_PERSONAS, type RawOrder } from '../../../bff/src/sandbox/index.js';
import { eventually, startSyncProduct, type SyncProduct } from './sync-harness.js';

const eu = SANDBOX_PERSONAS.sbx1eu;
let ticketNo = 0;
const nextTicket = () => `T-HIST-${process.pid}-${(ticketNo += 1)}`;

describe('big histories from the index', () => {
  let product: SyncProduct;
  let session: string;

  /** The many-orders shopper's visible orders (the sandbox market covers every channel), newest first. */
  function visible(pick: (order: RawOrder) => boolean = () => true): RawOrder[] {
    return product.sandbox
      .store('sbx1eu')
      .data.getOrdersByEmail(eu.manyOrders.email)
      .filter(
        (order) =>
          (order.customer_id === eu.manyOrders.customerId || order.customer_id === 0) &&
          order.status_id !== 0 &&
          pick(order),
      )
      .sort((a, b) => Date.parse(b.date_created) - Date.parse(a.date_created) || b.id - a.id);
  }

  /** What views read of BigCommerce (the registrar's hook writes are not theirs). */
  const reads = () => product.upstream().filter((line) => line.startsWith('GET '));

  async function context(query: string): Promise<ContextResponse> {
    const reply = await product.get(session, `/api/v1/context${query}`);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return ContextResponse.parse(reply.body);
  }

  before(async () => {
    product = await startSyncProduct();
    await eventually(
      async () => (await product.sync.health.verdict('eu')).current,
      'the EU index is current',
    );
    await eventually(
      async () => (await product.sync.scheduler.facts('eu')).hooks?.checkedAt != null,
      'the hooks are registered',
    );
    session = await product.session({ ticket: nextTicket(), customer: String(eu.manyOrders.customerId) });
  });
  after(() => product.close());

  it('counts the shopper’s orders of the window from the index, saying so, without a call', async () => {
    const windowStart = Date.now() - 90 * 86_400_000;
    product.clearUpstream();

    const first = await context('');

    assert.deepEqual(first.count, {
      total: visible((order) => Date.parse(order.date_created) >= windowStart).length,
      matching: null,
      windowDays: 90,
    });
    assert.deepEqual(reads(), []);
  });

  it('filters by status within the window from the index, then continues live with the same filter', async () => {
    const expected = visible((order) => order.status_id === 10);
    product.clearUpstream();

    const first = await context('?status=10');

    assert.ok(first.orders.length > 0);
    assert.ok(first.orders.every((order) => order.status.id === 10));
    assert.deepEqual(reads(), [], 'the first page is the index’s');
    assert.equal(first.count?.windowDays, 90);
    const ids = first.orders.map((order) => order.id);
    let cursor = first.nextCursor;
    while (cursor !== null) {
      const next = await context(`?status=10&cursor=${encodeURIComponent(cursor)}`);
      ids.push(...next.orders.map((order) => order.id));
      cursor = next.nextCursor;
    }
    assert.deepEqual(
      ids,
      expected.map((order) => order.id),
    );
    assert.ok(
      product
        .upstream()
        .every((line) => !line.startsWith('GET /v2/orders?') || line.includes('status_id=10')),
      'live pages carry the filter',
    );
  });

  it('answers a filter the window cannot (last spring) through BigCommerce’s filters in one step', async () => {
    const spring = visible((order) => {
      const at = Date.parse(order.date_created);
      return at >= Date.UTC(2026, 2, 1) && at < Date.UTC(2026, 5, 1) && order.status_id === 4;
    });
    assert.ok(spring.length >= 1);
    product.clearUpstream();

    const found = await context('?status=4&from=2026-03-01&to=2026-05-31');

    assert.deepEqual(
      found.orders.map((order) => order.id),
      spring.map((order) => order.id),
    );
    assert.deepEqual(found.count, {
      total: visible().length,
      matching: spring.length,
      windowDays: null,
    });
    assert.ok(product.upstream().some((line) => /^GET \/v2\/orders\?.*min_date_created=/.test(line)));
  });
});
