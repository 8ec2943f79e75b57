// DESIGN §10: PUT /s2s/v1/tickets/:ticket registers a ticket and answers its context (market, queue, shopper,
// orders, plain-string fields); GET …/context the same; routing like embed tokens; the widget's first view
// of a registered ticket is warm.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { ErrorBody } from '../../../shared/errors.js';
import { TicketContext } from '../../../shared/s2s.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import { nextTicket, startNovomindHarness, type NovomindHarness } from './novomind-harness.js';

const eu = SANDBOX_PERSONAS.sbx1eu;
const us = SANDBOX_PERSONAS.sbx2us;

describe('tickets over s2s', () => {
  let h: NovomindHarness;
  before(async () => {
    h = await startNovomindHarness();
  });
  after(() => h.close());

  it('registers a ticket and answers its context with the market, its queue and plain-string fields', async () => {
    const ticket = nextTicket();

    const reply = await h.s2s<TicketContext>('PUT', `/s2s/v1/tickets/${ticket}`, {
      email: eu.registered.email,
      locale: 'de-DE',
      status: 'open',
    });

    assert.equal(reply.status, 200, reply.text);
    const context = z.parse(TicketContext, reply.body);
    assert.equal(context.ticket, ticket);
    assert.equal(context.market.id, 'de');
    assert.equal(context.queue, 'bigcommerce-de');
    assert.equal(context.customer?.id, eu.registered.customerId);
    assert.equal(context.match.method, 'email');
    assert.ok(context.orders.length > 0);
    const newest = context.orders[0]!;
    assert.equal(context.fieldsOrderId, newest.id);
    assert.equal(context.fields.customerId, String(eu.registered.customerId));
    assert.equal(context.fields.orderNumber, String(newest.id));
    assert.equal(context.fields.status, newest.status.label);
    assert.equal(context.fields.total, `${newest.total.amount} ${newest.total.currency}`);
    assert.match(context.fields.total ?? '', /^\d+\.\d{2,} EUR$/);
    assert.equal(context.fields.orderDate, newest.dateCreated);
    assert.ok(!Number.isNaN(Date.parse(context.fields.orderDate ?? '')));
    for (const value of Object.values(context.fields)) assert.equal(typeof value, 'string');
    // Only the order's list entry is at hand: fields it cannot answer are left out, not blanked.
    assert.equal('trackingNumber' in context.fields, false);
  });

  it('is idempotent: the same registration twice stores one ticket and answers the same context', async () => {
    const ticket = nextTicket();
    const body = { email: eu.registered.email, locale: 'de-DE' };
    const first = await h.s2s<TicketContext>('PUT', `/s2s/v1/tickets/${ticket}`, body);
    const second = await h.s2s<TicketContext>('PUT', `/s2s/v1/tickets/${ticket}`, body);
    const read = await h.s2s<TicketContext>('GET', `/s2s/v1/tickets/${ticket}/context`);

    assert.equal(second.status, 200);
    assert.equal(read.status, 200);
    const strip = ({ freshness: _f, ...rest }: TicketContext) => rest;
    assert.deepEqual(strip(second.body), strip(first.body));
    assert.deepEqual(strip(read.body), strip(first.body));
  });

  it('focuses the fields on the order the ticket is about when it is the shopper’s', async () => {
    const ticket = nextTicket();
    const reply = await h.s2s<TicketContext>('PUT', `/s2s/v1/tickets/${ticket}`, {
      email: eu.registered.email,
      order: eu.orders.shippedWithTracking,
    });
    assert.equal(reply.body.order, eu.orders.shippedWithTracking);
    assert.equal(reply.body.fieldsOrderId, eu.orders.shippedWithTracking);
    assert.equal(reply.body.fields.orderNumber, String(eu.orders.shippedWithTracking));
  });

  it('answers 404 ticket_not_found for a ticket never registered', async () => {
    const reply = await h.s2s('GET', `/s2s/v1/tickets/${nextTicket()}/context`);
    assert.equal(reply.status, 404);
    assert.equal(ErrorBody.parse(reply.body).error.code, 'ticket_not_found');
  });

  it('routes a ticket without a market by its locale, as an embed token (us has no queue)', async () => {
    const reply = await h.s2s<TicketContext>('PUT', `/s2s/v1/tickets/${nextTicket()}`, {
      email: us.registered.email,
      locale: 'en-US',
    });
    assert.equal(reply.body.market.id, 'us');
    assert.equal(reply.body.queue, null);
    assert.equal(reply.body.customer?.id, us.registered.customerId);
  });

  it('matches by External ID like the widget, and refuses bad input with 400', async () => {
    const reply = await h.s2s<TicketContext>('PUT', `/s2s/v1/tickets/${nextTicket()}`, {
      customer: String(eu.registeredWithGuestOrders.customerId),
      market: 'de',
    });
    assert.equal(reply.body.match.method, 'external_id');
    const bad = await h.s2s('PUT', `/s2s/v1/tickets/${nextTicket()}`, { email: 'not an email' });
    assert.equal(bad.status, 400);
    assert.equal(ErrorBody.parse(bad.body).error.code, 'invalid_request');
    const unknownMarket = await h.s2s('PUT', `/s2s/v1/tickets/${nextTicket()}`, { market: 'fr' });
    assert.equal(unknownMarket.status, 400);
    const badId = await h.s2s('PUT', `/s2s/v1/tickets/${encodeURIComponent('a b')}`, {});
    assert.equal(badId.status, 400);
  });

  it('warms the widget: the agent’s first view of a registered ticket costs no BigCommerce call', async () => {
    const ticket = nextTicket();
    await h.s2s('PUT', `/s2s/v1/tickets/${ticket}`, { email: eu.registered.email, locale: 'de-DE' });
    const token = await h.embedToken({ ticket, email: eu.registered.email, locale: 'de-DE' });
    const session = await fetch(`${h.app.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    const { session: id } = (await session.json()) as { session: string };
    h.sandbox.clearRequests();

    const view = await fetch(`${h.app.url}/api/v1/context`, { headers: { authorization: `Bearer ${id}` } });

    assert.equal(view.status, 200);
    assert.deepEqual(
      h.sandbox.requests.map((request) => `${request.method} ${request.path}`),
      [],
    );
  });

  it('keeps a market-limited client to its market', async () => {
    const ticket = nextTicket();
    await h.s2s('PUT', `/s2s/v1/tickets/${ticket}`, { email: eu.registered.email, market: 'de' });
    const usOnly = await h.token(undefined, { market: 'us' });

    const read = await h.s2s('GET', `/s2s/v1/tickets/${ticket}/context`, undefined, usOnly);
    const put = await h.s2s('PUT', `/s2s/v1/tickets/${nextTicket()}`, { market: 'de' }, usOnly);
    const routed = await h.s2s<TicketContext>(
      'PUT',
      `/s2s/v1/tickets/${nextTicket()}`,
      { locale: 'de-DE' },
      usOnly,
    );

    assert.equal(read.status, 404);
    assert.equal(put.status, 403);
    assert.equal(routed.body.market.id, 'us');
  });
});
