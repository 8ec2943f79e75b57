import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ContextResponse, CustomerSearchResponse, ErrorBody, LinkResponse } from '../../../shared/index.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import { nextTicket, startProduct, T0, type Product } from './product-harness.js';

const eu = SANDBOX_PERSONAS.sbx1eu;
const us = SANDBOX_PERSONAS.sbx2us;

async function context(product: Product, session: string): Promise<ContextResponse> {
  const reply = await product.get(session, '/api/v1/context');
  assert.equal(reply.status, 200, reply.text);
  return ContextResponse.parse(reply.body);
}

function errorCode(body: unknown): string {
  return ErrorBody.parse(body).error.code;
}

describe('GET /api/v1/customers and POST /api/v1/links', () => {
  let product: Product;
  before(async () => {
    product = await startProduct();
  });
  after(() => product.close());

  it('finds shoppers by name or email in the market’s store', async () => {
    const session = await product.openSession({ email: eu.unknownEmail, market: 'de' });

    const byName = await product.get(
      session,
      `/api/v1/customers?q=${encodeURIComponent(eu.manyOrders.lastName)}`,
    );
    const byEmail = await product.get(
      session,
      `/api/v1/customers?q=${encodeURIComponent(eu.registered.email)}`,
    );
    const otherStore = await product.get(
      session,
      `/api/v1/customers?q=${encodeURIComponent(us.registered.email)}`,
    );

    assert.equal(byName.status, 200, byName.text);
    assert.ok(
      CustomerSearchResponse.parse(byName.body).customers.some((c) => c.id === eu.manyOrders.customerId),
    );
    assert.deepEqual(
      CustomerSearchResponse.parse(byEmail.body).customers.map((c) => c.id),
      [eu.registered.customerId],
    );
    assert.deepEqual(CustomerSearchResponse.parse(otherStore.body).customers, []);
  });

  it('refuses a search text shorter than 2 or longer than 100 characters', async () => {
    const session = await product.openSession({ email: eu.unknownEmail, market: 'de' });

    for (const query of ['', '?q=', '?q=a', `?q=${'x'.repeat(101)}`, '?q=ab&q=cd']) {
      const reply = await product.get(session, `/api/v1/customers${query}`);
      assert.equal(reply.status, 400, query);
      assert.equal(errorCode(reply.body), 'invalid_request');
    }
  });

  it('needs links:write for search and links', async () => {
    const session = await product.openSession({ email: eu.unknownEmail, market: 'de', scope: 'orders:read' });

    const search = await product.get(session, '/api/v1/customers?q=Meyer');
    const link = await product.post(session, '/api/v1/links', { customerId: eu.registered.customerId });

    assert.equal(search.status, 403);
    assert.equal(errorCode(search.body), 'forbidden');
    assert.equal(link.status, 403);
  });

  it('links a ticket to a shopper, and the next context view of that ticket uses the link', async () => {
    const ticket = nextTicket();
    const session = await product.openSession({ ticket, email: eu.unknownEmail, market: 'de' });
    const before = await context(product, session);
    assert.equal(before.match.method, 'none');

    const reply = await product.post(session, '/api/v1/links', { customerId: eu.registered.customerId });

    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(LinkResponse.parse(reply.body), {
      ticket,
      customerId: eu.registered.customerId,
      email: null,
      createdBy: 'alice',
      createdAt: new Date(T0).toISOString(),
      undoUntil: new Date(T0 + 60_000).toISOString(),
    });
    const after = await context(product, session);
    assert.equal(after.match.method, 'link');
    assert.equal(after.customer?.id, eu.registered.customerId);
    assert.deepEqual(after.match.tried, [
      { method: 'link', value: String(eu.registered.customerId), outcome: 'matched' },
    ]);
    assert.ok(after.orders.length > 0);
    const events = await product.server.context.repos.ticketEvents.listByTicket(ticket);
    assert.ok(
      events.some((event) => event.type === 'link.set' && event.status === 'ok' && event.agent === 'alice'),
    );
  });

  it('keeps a link to its own ticket: another ticket with the same shopper data is unaffected', async () => {
    const linked = await product.openSession({ email: eu.unknownEmail, market: 'de' });
    const other = await product.openSession({ email: eu.unknownEmail, market: 'de' });
    await context(product, other);

    await product.post(linked, '/api/v1/links', { customerId: eu.noOrders.customerId });

    assert.equal((await context(product, linked)).match.method, 'link');
    assert.equal((await context(product, other)).match.method, 'none');
  });

  it('links a ticket to a guest order, which matches the order’s email', async () => {
    const session = await product.openSession({ email: eu.unknownEmail, market: 'de' });

    const reply = await product.post(session, '/api/v1/links', { orderId: eu.orders.guestOrder });

    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(
      { customerId: LinkResponse.parse(reply.body).customerId, email: LinkResponse.parse(reply.body).email },
      { customerId: null, email: eu.guest.email },
    );
    const linked = await context(product, session);
    assert.equal(linked.customer, null);
    assert.equal(linked.match.method, 'link');
    assert.equal(linked.guestEmail, eu.guest.email);
    assert.ok(linked.orders.some((order) => order.id === eu.orders.guestOrder && order.guest));
    const detail = await product.get(session, `/api/v1/orders/${eu.orders.guestOrder}`);
    assert.equal(detail.status, 200);
  });

  it('links a ticket to a registered shopper’s order, which matches its shopper', async () => {
    const session = await product.openSession({ email: eu.unknownEmail, market: 'de' });

    const reply = await product.post(session, '/api/v1/links', { orderId: eu.orders.refunded });

    assert.equal(LinkResponse.parse(reply.body).customerId, eu.registered.customerId);
    assert.equal((await context(product, session)).customer?.id, eu.registered.customerId);
  });

  it('answers 404 for a shopper or order the market’s store does not have', async () => {
    const session = await product.openSession({ email: eu.unknownEmail, market: 'de' });

    const customer = await product.post(session, '/api/v1/links', { customerId: eu.unknownCustomerId });
    const order = await product.post(session, '/api/v1/links', { orderId: eu.unknownOrderId });
    const incomplete = await product.post(session, '/api/v1/links', { orderId: eu.orders.incomplete });

    assert.equal(customer.status, 404);
    assert.equal(errorCode(customer.body), 'customer_not_found');
    assert.equal(order.status, 404);
    assert.equal(errorCode(order.body), 'order_not_found');
    assert.equal(errorCode(incomplete.body), 'order_not_found');
  });

  it('answers 400 for a link body that is neither a shopper nor an order', async () => {
    const session = await product.openSession({ email: eu.unknownEmail, market: 'de' });

    for (const body of [{}, { customerId: 'x' }, { orderId: -1 }, { customerId: 1.5 }]) {
      const reply = await product.post(session, '/api/v1/links', body);
      assert.equal(reply.status, 400, JSON.stringify(body));
      assert.equal(errorCode(reply.body), 'invalid_request');
    }
  });
});
