// Big histories over HTTP against the sandbox (issue 13.5), live (the sync room off): the shopper's total count,
// filters by order number, status and creation days passed to BigCommerce as `min_id/max_id`, `status_id` and
// `min|max_date_created`, a cursor that only works with the filter it was issued for, and 400 for bad filters.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ContextResponse, ErrorBody } from '../../../shared/index.js';
import { SANDBOX_PERSONAS, type RawOrder } from '../../../bff/src/sandbox/index.js';
import { startProduct, type Product } from './product-harness.js';

const eu = SANDBOX_PERSONAS.sbx1eu;
const DAY = 86_400_000;

/** The many-orders shopper's orders the "de" market (channel 1) shows, newest first. */
function visibleOrders(product: Product, pick: (order: RawOrder) => boolean = () => true): RawOrder[] {
  return product.sandbox
    .store('sbx1eu')
    .data.getOrdersByEmail(eu.manyOrders.email)
    .filter(
      (order) =>
        (order.customer_id === eu.manyOrders.customerId || order.customer_id === 0) &&
        order.status_id !== 0 &&
        order.channel_id === 1 &&
        pick(order),
    )
    .sort((a, b) => Date.parse(b.date_created) - Date.parse(a.date_created) || b.id - a.id);
}

/** Every page of a list, following `nextCursor` with the same query. */
async function readAll(product: Product, session: string, query: string): Promise<ContextResponse[]> {
  const pages: ContextResponse[] = [];
  let cursor: string | null = '';
  while (cursor !== null && pages.length < 30) {
    const sep = query ? '&' : '';
    const path: string = `/api/v1/context?${query}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`;
    const reply = await product.get(session, path);
    assert.equal(reply.status, 200, reply.text);
    const page = ContextResponse.parse(reply.body);
    pages.push(page);
    cursor = page.nextCursor;
  }
  return pages;
}

describe('GET /api/v1/context: big histories, live', () => {
  let product: Product;
  let session: string;
  before(async () => {
    product = await startProduct();
    session = await product.openSession({ customer: String(eu.manyOrders.customerId), locale: 'de-DE' });
  });
  after(() => product.close());

  it('tells the shopper’s total order count on the first page, counted by BigCommerce', async () => {
    const expected = visibleOrders(product).length;
    product.clearUpstream();

    const [first, second] = await readAll(product, session, '');

    assert.ok(expected > 200, `${expected} orders`);
    assert.deepEqual(first?.count, { total: expected, matching: null, windowDays: null });
    assert.ok(
      product.upstream().some((line) => line.startsWith('GET /v2/orders/count')),
      'counted with /v2/orders/count',
    );
    assert.equal(second?.count, undefined, 'later pages do not count again');
  });

  it('counts a short list by its own length, without asking BigCommerce', async () => {
    const small = await product.openSession({ email: eu.registered.email });
    product.clearUpstream();

    const reply = await product.get(small, '/api/v1/context');
    const context = ContextResponse.parse(reply.body);

    assert.equal(context.nextCursor, null);
    assert.deepEqual(context.count, { total: context.orders.length, matching: null, windowDays: null });
    assert.ok(!product.upstream().some((line) => line.startsWith('GET /v2/orders/count')));
  });

  it('finds the order from last spring by its status and days in one step, through BigCommerce’s filters', async () => {
    const spring = visibleOrders(product, (order) => {
      const at = Date.parse(order.date_created);
      return at >= Date.UTC(2026, 2, 1) && at < Date.UTC(2026, 5, 1);
    });
    const refunded = spring.filter((order) => order.status_id === 4);
    assert.ok(refunded.length >= 1, 'the sandbox has a refunded spring order');
    product.clearUpstream();

    const reply = await product.get(session, '/api/v1/context?status=4&from=2026-03-01&to=2026-05-31');
    const context = ContextResponse.parse(reply.body);

    assert.deepEqual(
      context.orders.map((order) => order.id),
      refunded.map((order) => order.id),
    );
    assert.equal(context.count?.matching, refunded.length);
    assert.equal(context.count?.total, visibleOrders(product).length);
    const listCall = product.upstream().find((line) => line.startsWith('GET /v2/orders?'));
    assert.match(listCall ?? '', /status_id=4/);
    assert.match(listCall ?? '', /min_date_created=/);
    assert.match(listCall ?? '', /max_date_created=/);
  });

  it('pages a filtered list with its filter: every spring order once, newest first', async () => {
    const spring = visibleOrders(product, (order) => {
      const at = Date.parse(order.date_created);
      return at >= Date.UTC(2026, 2, 1) && at < Date.UTC(2026, 5, 1);
    });

    const pages = await readAll(product, session, 'from=2026-03-01&to=2026-05-31');

    assert.ok(pages.length >= 2, `${spring.length} spring orders need two pages`);
    assert.deepEqual(
      pages.flatMap((page) => page.orders.map((order) => order.id)),
      spring.map((order) => order.id),
    );
    assert.equal(pages[0]?.count?.matching, spring.length);
  });

  it('finds one order by its number, with or without “#”, and nothing for another shopper’s', async () => {
    const target = visibleOrders(product)[100]!;

    const plain = ContextResponse.parse(
      (await product.get(session, `/api/v1/context?number=${target.id}`)).body,
    );
    const hashed = ContextResponse.parse(
      (await product.get(session, `/api/v1/context?number=%23${target.id}`)).body,
    );
    const foreign = ContextResponse.parse(
      (await product.get(session, `/api/v1/context?number=${eu.orders.shippedWithTracking}`)).body,
    );

    assert.deepEqual(
      plain.orders.map((order) => order.id),
      [target.id],
    );
    assert.deepEqual(
      hashed.orders.map((order) => order.id),
      [target.id],
    );
    assert.deepEqual(foreign.orders, []);
    assert.equal(foreign.count?.matching, 0);
    assert.equal(foreign.customer?.id, eu.manyOrders.customerId, 'the shopper stays the ticket’s');
  });

  it('counts each day of the range whole: “to” includes its last second', async () => {
    const newest = visibleOrders(product)[0]!;
    const day = new Date(newest.date_created).toISOString().slice(0, 10);
    const sameDay = visibleOrders(product, (order) => order.date_created.length > 0).filter(
      (order) => new Date(order.date_created).toISOString().slice(0, 10) === day,
    );

    const context = ContextResponse.parse(
      (await product.get(session, `/api/v1/context?from=${day}&to=${day}`)).body,
    );

    assert.deepEqual(
      context.orders.map((order) => order.id),
      sameDay.map((order) => order.id),
    );
    assert.ok(Date.parse(newest.date_created) - Date.parse(`${day}T00:00:00Z`) < DAY);
  });

  it('refuses a cursor with another filter than the one it was issued for', async () => {
    const first = ContextResponse.parse(
      (await product.get(session, '/api/v1/context?from=2026-03-01&to=2026-05-31')).body,
    );
    assert.ok(first.nextCursor);
    const cursor = encodeURIComponent(first.nextCursor);

    const unfiltered = await product.get(session, `/api/v1/context?cursor=${cursor}`);
    const other = await product.get(
      session,
      `/api/v1/context?from=2026-03-01&to=2026-04-30&cursor=${cursor}`,
    );

    for (const reply of [unfiltered, other]) {
      assert.equal(reply.status, 400);
      assert.equal(ErrorBody.parse(reply.body).error.code, 'invalid_cursor');
    }
  });

  it('answers a bad filter with 400 invalid_filter and the documented error body', async () => {
    const bad = [
      'number=abc',
      'number=0',
      'number=12345678901',
      'status=0',
      'status=x',
      'from=2026-13-01',
      'from=yesterday',
      'to=2026-02-30',
      'from=2026-05-01&to=2026-04-01',
      'status=4&status=5',
    ];
    for (const query of bad) {
      const reply = await product.get(session, `/api/v1/context?${query}`);

      assert.equal(reply.status, 400, query);
      const body = ErrorBody.parse(reply.body);
      assert.equal(body.error.code, 'invalid_filter', query);
      assert.equal(body.error.correlationId, reply.correlationId);
      assert.ok(body.error.message.length > 10);
    }
  });
});
