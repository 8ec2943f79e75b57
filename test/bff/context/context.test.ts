import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ContextResponse, ErrorBody } from '../../../shared/index.js';
import { SANDBOX_PERSONAS, type RawOrder } from '../../../bff/src/sandbox/index.js';
import { EU_TOKEN, startProduct, type Product } from './product-harness.js';

const eu = SANDBOX_PERSONAS.sbx1eu;

/** What the "de" market (channel 1) must show: no incomplete orders, no other channels, newest first. */
function expectedOrders(product: Product, pick: (order: RawOrder) => boolean): number[] {
  return product.sandbox
    .store('sbx1eu')
    .data.orders.filter((order) => pick(order) && order.status_id !== 0 && order.channel_id === 1)
    .sort((a, b) => Date.parse(b.date_created) - Date.parse(a.date_created) || b.id - a.id)
    .map((order) => order.id);
}

async function readContext(product: Product, session: string, query = ''): Promise<ContextResponse> {
  const reply = await product.get(session, `/api/v1/context${query}`);
  assert.equal(reply.status, 200, reply.text);
  return ContextResponse.parse(reply.body);
}

describe('GET /api/v1/context', () => {
  let product: Product;
  before(async () => {
    product = await startProduct();
  });
  after(() => product.close());

  it('matches a registered shopper by email and lists their market orders newest first', async () => {
    const session = await product.openSession({ email: eu.registered.email, locale: 'de-DE' });

    const context = await readContext(product, session);

    assert.equal(context.customer?.id, eu.registered.customerId);
    assert.equal(context.customer?.lastName, eu.registered.lastName);
    assert.equal(context.match.method, 'email');
    assert.deepEqual(context.match.tried, [
      { method: 'link', value: '', outcome: 'not_given' },
      { method: 'external_id', value: '', outcome: 'not_given' },
      { method: 'email', value: eu.registered.email, outcome: 'matched' },
    ]);
    const expected = expectedOrders(product, (order) => order.customer_id === eu.registered.customerId);
    assert.deepEqual(
      context.orders.map((order) => order.id),
      expected,
    );
    assert.ok(!context.orders.some((order) => order.id === eu.orders.incomplete), 'incomplete order shown');
    assert.ok(!context.orders.some((order) => order.id === eu.orders.otherChannel), 'other channel shown');
    assert.equal(context.nextCursor, null);
    assert.deepEqual(context.market, { id: 'de', label: 'Deutschland', store: 'eu' });
    assert.equal(context.freshness.stale, false);
    assert.equal(context.freshness.ageSeconds, 0);
  });

  it('sums up the shopper from the first page when there is no current index, and says the count is partial', async () => {
    const session = await product.openSession({ email: eu.manyOrders.email });
    product.clearUpstream();

    const context = await readContext(product, session);

    const calls = product.upstream().length;
    assert.ok(context.nextCursor, 'more pages follow');
    const { summary } = context;
    assert.ok(summary);
    assert.equal(summary.complete, false);
    assert.equal(summary.orderCount, context.orders.length);
    assert.equal(summary.windowDays, null);
    assert.equal(summary.lastOrder, new Date(Date.parse(context.orders[0]!.dateCreated)).toISOString());
    assert.ok(summary.lifetimeValue.length > 0);
    // Nothing was asked of BigCommerce for the summary: the view's own calls only (three lists and, for a list
    // longer than a page, its two counts).
    assert.ok(calls <= 5, product.upstream().join('\n'));
    assert.ok(product.upstream().every((call) => !call.includes('customer_groups')));
  });

  it('shows the customer group by name, not by id', async () => {
    const session = await product.openSession({ email: eu.registered.email, locale: 'de-DE' });

    const context = await readContext(product, session);

    const group = context.fields.find((field) => field.key === 'customerGroup');
    assert.equal(group?.label, 'Kundengruppe');
    assert.ok(['Stammkunden', 'Großhandel', 'VIP'].includes(group?.value as string), JSON.stringify(group));
    assert.equal(context.summary?.groupName, group?.value);
  });

  it('labels the template fields in the session locale', async () => {
    const session = await product.openSession({ email: eu.registered.email, locale: 'de-AT' });

    const context = await readContext(product, session);

    const customerId = context.fields.find((field) => field.key === 'customerId');
    assert.deepEqual(customerId, {
      key: 'customerId',
      label: 'Kundennummer',
      format: 'text',
      value: eu.registered.customerId,
    });
  });

  it('matches by External ID and includes the shopper’s guest orders, marked as guest', async () => {
    const person = eu.registeredWithGuestOrders;
    const session = await product.openSession({ customer: String(person.customerId), email: person.email });

    const context = await readContext(product, session);

    assert.equal(context.customer?.id, person.customerId);
    assert.equal(context.match.method, 'external_id');
    assert.equal(context.guestEmail, person.email);
    const guestIds = expectedOrders(
      product,
      (order) => order.customer_id === 0 && order.billing_address.email.toLowerCase() === person.email,
    );
    assert.equal(guestIds.length, person.guestOrderCount);
    const expected = expectedOrders(
      product,
      (order) =>
        order.customer_id === person.customerId ||
        (order.customer_id === 0 && order.billing_address.email.toLowerCase() === person.email),
    );
    assert.deepEqual(
      context.orders.map((order) => order.id),
      expected,
    );
    for (const order of context.orders)
      assert.equal(order.guest, guestIds.includes(order.id), `order ${order.id}`);
  });

  it('shows a guest’s orders found by email, with no customer', async () => {
    const session = await product.openSession({ email: eu.guest.email.toUpperCase() });

    const context = await readContext(product, session);

    assert.equal(context.customer, null);
    assert.equal(context.match.method, 'guest_email');
    assert.deepEqual(context.match.tried.slice(-2), [
      { method: 'email', value: eu.guest.email.toUpperCase(), outcome: 'not_found' },
      { method: 'guest_email', value: eu.guest.email.toUpperCase(), outcome: 'matched' },
    ]);
    const expected = expectedOrders(
      product,
      (order) => order.customer_id === 0 && order.billing_address.email.toLowerCase() === eu.guest.email,
    );
    assert.ok(expected.length > 0);
    assert.deepEqual(
      context.orders.map((order) => order.id),
      expected,
    );
    assert.ok(context.orders.every((order) => order.guest));
  });

  it('answers a ticket nobody matches with customer null and everything it tried', async () => {
    const session = await product.openSession({ customer: 'CRM-77', email: eu.unknownEmail });

    const context = await readContext(product, session);

    assert.equal(context.customer, null);
    assert.equal(context.guestEmail, null);
    assert.equal(context.match.method, 'none');
    assert.deepEqual(context.match.tried, [
      { method: 'link', value: '', outcome: 'not_given' },
      { method: 'external_id', value: 'CRM-77', outcome: 'not_found' },
      { method: 'email', value: eu.unknownEmail, outcome: 'not_found' },
      { method: 'guest_email', value: eu.unknownEmail, outcome: 'not_found' },
    ]);
    assert.deepEqual(context.orders, []);
    assert.equal(context.nextCursor, null);
  });

  it('falls back to the email when the External ID names no customer', async () => {
    const session = await product.openSession({
      customer: String(eu.unknownCustomerId),
      email: eu.registered.email,
    });

    const context = await readContext(product, session);

    assert.equal(context.customer?.id, eu.registered.customerId);
    assert.equal(context.match.method, 'email');
    assert.deepEqual(context.match.tried[1], {
      method: 'external_id',
      value: String(eu.unknownCustomerId),
      outcome: 'not_found',
    });
  });

  it('walks every page of a shopper with many orders without gaps or duplicates', async () => {
    const session = await product.openSession({ email: eu.manyOrders.email });
    const expected = expectedOrders(product, (order) => order.customer_id === eu.manyOrders.customerId);

    const seen: number[] = [];
    const dates: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor === null ? '' : `?cursor=${encodeURIComponent(cursor)}`;
      const context = await readContext(product, session, query);
      assert.ok(context.orders.length <= 20, `page of ${context.orders.length}`);
      seen.push(...context.orders.map((order) => order.id));
      dates.push(...context.orders.map((order) => Date.parse(order.dateCreated)));
      cursor = context.nextCursor;
      pages += 1;
      assert.ok(pages < 100, 'the cursor never ends');
    } while (cursor !== null);

    assert.ok(expected.length > 250, `only ${expected.length} orders`);
    assert.equal(new Set(seen).size, seen.length, 'duplicates');
    assert.equal(seen.length, expected.length);
    assert.deepEqual(seen, expected);
    assert.ok(
      dates.every((date, i) => i === 0 || date <= (dates[i - 1] ?? date)),
      'not newest first',
    );
  });

  it('refuses a malformed cursor with 400 invalid_cursor', async () => {
    const session = await product.openSession({ email: eu.manyOrders.email });
    const forged = Buffer.from(JSON.stringify({ v: 2, c: [1, 0, 0], g: [1, 0, 0], s: 'abc' })).toString(
      'base64url',
    );

    for (const cursor of ['not a cursor!', 'e30', forged, 'x'.repeat(500)]) {
      const reply = await product.get(session, `/api/v1/context?cursor=${encodeURIComponent(cursor)}`);
      assert.equal(reply.status, 400, cursor);
      assert.equal(ErrorBody.parse(reply.body).error.code, 'invalid_cursor');
    }
    const repeated = await product.get(session, '/api/v1/context?cursor=a&cursor=b');
    assert.equal(repeated.status, 400);
  });

  it('refuses a cursor issued for another shopper', async () => {
    const many = await product.openSession({ email: eu.manyOrders.email });
    const first = await readContext(product, many);
    const other = await product.openSession({ email: eu.registered.email });

    const reply = await product.get(other, `/api/v1/context?cursor=${first.nextCursor ?? ''}`);

    assert.equal(reply.status, 400);
    assert.equal(ErrorBody.parse(reply.body).error.code, 'invalid_cursor');
  });

  it('never puts the BigCommerce token in a response body', () => {
    assert.ok(product.bodies.length > 10);
    for (const body of product.bodies) assert.ok(!body.includes(EU_TOKEN));
  });
});
