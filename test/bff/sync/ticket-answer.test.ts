// Issue 13, the ticket's side of the answer, over HTTP against the sandbox with the sync room on: the session
// carries the ticket's order and opening time; the customer card's summary comes from the index without a call
// of the store's quota (and says when the window limits it); orders changed since the ticket opened are
// marked, and the order's detail says what changed; the ticket's order is 404 when it is someone else's.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ContextResponse, ErrorBody, OrderDetail, SessionResponse } from '../../../shared/index.js';
import { signEmbedTokenFor } from '../../../bff/src/auth/sign-embed-token.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import { eventually, startSyncProduct, type SyncProduct } from './sync-harness.js';

const eu = SANDBOX_PERSONAS.sbx1eu;
let ticketNo = 0;
const nextTicket = () => `T-ANSWER-${process.pid}-${(ticketNo += 1)}`;

describe('the ticket’s answer: its order, the customer summary, what changed since it opened', () => {
  let product: SyncProduct;
  before(async () => {
    product = await startSyncProduct();
    await eventually(
      async () => (await product.sync.health.verdict('eu')).current,
      'the EU index is current',
    );
  });
  after(() => product.close());

  /** A session from a token with the claims novomind's app would send; returns its answer too. */
  async function open(claims: {
    email?: string;
    customer?: string;
    order?: number;
    ticketCreatedAt?: string;
  }): Promise<SessionResponse> {
    const token = await signEmbedTokenFor(product.server.config, {
      agent: 'answer.agent',
      ticket: nextTicket(),
      market: 'de',
      locale: 'de-DE',
      scope: 'orders:read notes:write',
      ...claims,
    });
    const response = await fetch(`${product.server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    assert.equal(response.status, 201);
    return SessionResponse.parse(await response.json());
  }

  async function context(session: string): Promise<ContextResponse> {
    const reply = await product.get(session, '/api/v1/context');
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return ContextResponse.parse(reply.body);
  }

  it('sums up the shopper from the index without a call of the store’s quota, and names their group', async () => {
    // The store's group names were read at start (one call per store, again every few hours): a view reads none.
    const { session } = await open({ email: eu.registered.email });
    product.clearUpstream();

    const body = await context(session);

    // The hook registrar's background calls are not the view's.
    assert.deepEqual(
      product.upstream().filter((call) => !call.includes('/v3/hooks')),
      [],
      'no BigCommerce call for a view with its summary',
    );
    const summary = body.summary;
    assert.ok(summary, 'a summary');
    // Fewer orders in the window than a page: the summary counts exactly what the list shows.
    assert.equal(body.orders.length < 20, true);
    assert.equal(summary.orderCount, body.orders.length);
    assert.equal(summary.complete, true);
    const newest = Math.max(...body.orders.map((order) => Date.parse(order.dateCreated)));
    assert.equal(summary.lastOrder, new Date(newest).toISOString());
    assert.equal(summary.customerSince, body.customer?.dateCreated);
    // Per currency, cancelled, declined and refunded orders left out (their totals are no money in).
    const counted = body.orders.filter((order) => ![4, 5, 6].includes(order.status.id));
    assert.deepEqual(
      summary.lifetimeValue.map((money) => money.currency),
      [...new Set(counted.map((order) => order.total.currency))].sort(),
    );
    const euros = counted
      .filter((order) => order.total.currency === 'EUR')
      .reduce((sum, order) => sum + Math.round(Number(order.total.amount) * 100), 0);
    assert.equal(
      summary.lifetimeValue.find((money) => money.currency === 'EUR')?.amount,
      (euros / 100).toFixed(2),
    );
    const group = body.fields.find((field) => field.key === 'customerGroup');
    assert.equal(typeof group?.value, 'string');
    assert.notEqual(group?.value, '0');
    assert.equal(summary.groupName, group?.value);
  });

  it('says the index window limits the summary for a shopper older than the window', async () => {
    const { session } = await open({ email: eu.manyOrders.email });

    const { summary } = await context(session);

    assert.ok(summary);
    assert.equal(summary.windowDays, 90);
    assert.equal(summary.complete, true);
  });

  it('sums up a guest from their indexed orders, without a "customer since" the window could hide', async () => {
    const { session } = await open({ email: eu.guest.email });

    const body = await context(session);

    assert.equal(body.customer, null);
    assert.ok(body.summary);
    assert.equal(body.summary.orderCount, body.orders.length);
    assert.equal(body.summary.windowDays, 90);
    assert.equal(body.summary.customerSince, null);
    assert.equal(body.summary.groupName, null);
  });

  it('marks the orders changed since the ticket opened and lists what changed in the order’s detail', async () => {
    const created = product.sandbox
      .store('sbx1eu')
      .mutate.createOrder({ customerId: eu.registered.customerId, statusId: 11 });
    await eventually(
      async () => (await product.server.context.repos.orderIndex.getOrder('eu', created.id))?.statusId === 11,
      'the new order is indexed',
    );
    // Its creation's webhooks settle first: the ticket is opened after them.
    await eventually(
      async () =>
        (await product.server.context.repos.orderChanges.listForOrder('eu', created.id, 10)).some(
          (change) => change.kind === 'order.created',
        ),
      'the creation is recorded',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const opened = new Date().toISOString();
    const { session, ticketCreatedAt } = await open({
      email: eu.registered.email,
      order: created.id,
      ticketCreatedAt: opened,
    });
    assert.equal(ticketCreatedAt, opened);
    const before = await context(session);
    assert.deepEqual(before.changedSinceTicket, [], 'nothing changed since the ticket opened');

    product.sandbox.store('sbx1eu').mutate.setStatus(created.id, 2);
    product.sandbox.store('sbx1eu').mutate.addShipment(created.id);

    await eventually(
      async () => (await context(session)).changedSinceTicket?.includes(created.id) === true,
      'the changed order is marked',
    );
    let detail: OrderDetail | null = null;
    await eventually(async () => {
      const reply = await product.get(session, `/api/v1/orders/${created.id}?refresh=1`);
      detail = OrderDetail.parse(reply.body);
      return detail.sinceTicket?.some((entry) => entry.kind === 'shipment.created') === true;
    }, 'the shipment is in the timeline');
    const entries = (detail as OrderDetail | null)?.sinceTicket ?? [];
    const status = entries.find((entry) => entry.kind === 'order.status_changed');
    assert.equal(status?.status?.id, 2);
    assert.ok(entries.every((entry) => Date.parse(entry.at) >= Date.parse(opened)));
    const times = entries.map((entry) => Date.parse(entry.at));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
      'oldest first',
    );
  });

  it('leaves the marks and the timeline out without a ticketCreatedAt claim', async () => {
    const { session } = await open({ email: eu.registered.email });

    const body = await context(session);
    const first = body.orders[0];
    assert.ok(first);
    const detail = OrderDetail.parse((await product.get(session, `/api/v1/orders/${first.id}`)).body);

    assert.equal(body.changedSinceTicket, undefined);
    assert.equal(detail.sinceTicket, undefined);
  });

  it('answers the ticket’s order with 404 order_not_found when it is another shopper’s', async () => {
    const { session, order } = await open({ email: eu.registered.email, order: eu.orders.guestOrder });
    assert.equal(order, eu.orders.guestOrder);

    const reply = await product.get(session, `/api/v1/orders/${eu.orders.guestOrder}`);

    assert.equal(reply.status, 404);
    assert.equal(ErrorBody.parse(reply.body).error.code, 'order_not_found');
  });

  it('opens the ticket’s order when it is the shopper’s', async () => {
    const { session, order } = await open({
      email: eu.registered.email,
      order: eu.orders.shippedWithTracking,
    });

    const reply = await product.get(session, `/api/v1/orders/${order}`);

    assert.equal(reply.status, 200);
    assert.ok(OrderDetail.parse(reply.body).shipments.some((shipment) => shipment.trackingNumber !== ''));
  });
});
