// POST /api/v1/links/undo over HTTP (issue 13.6): within a minute the agent who linked takes the link back and the
// ticket's link before it (or none) is in force again; refused once the minute has passed or the link changed; needs
// links:write; written to the ticket's history; a guest's order linked by mistake is no longer tied to the ticket.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ContextResponse, ErrorBody, LinkResponse, LinkUndoResponse } from '../../../shared/index.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import { TICKET_ORDER_EVENTS, TICKET_ORDER_UNTIED } from '../../../bff/src/status/write-back-ticket-event.js';
import { nextTicket, startProduct, type Product, type Reply } from './product-harness.js';

const eu = SANDBOX_PERSONAS.sbx1eu;

describe('POST /api/v1/links/undo', () => {
  let product: Product;
  before(async () => {
    product = await startProduct();
  });
  after(() => product.close());

  async function link(session: string, body: unknown): Promise<LinkResponse> {
    const reply = await product.post(session, '/api/v1/links', body);
    assert.equal(reply.status, 200, reply.text);
    return LinkResponse.parse(reply.body);
  }

  const undo = (session: string, createdAt: string) =>
    product.post(session, '/api/v1/links/undo', { createdAt });

  async function context(session: string): Promise<ContextResponse> {
    const reply = await product.get(session, '/api/v1/context');
    assert.equal(reply.status, 200, reply.text);
    return ContextResponse.parse(reply.body);
  }

  function refusal(reply: Reply, status: number, code: string): void {
    assert.equal(reply.status, status, reply.text);
    const body = ErrorBody.parse(reply.body);
    assert.equal(body.error.code, code);
    assert.equal(body.error.correlationId, reply.correlationId);
  }

  it('takes a first link back: the ticket has no link again, and its view shows it at once', async () => {
    const ticket = nextTicket();
    const session = await product.openSession({ ticket, email: eu.unknownEmail, market: 'de' });
    const made = await link(session, { customerId: eu.registered.customerId });
    assert.equal(Date.parse(made.undoUntil!) - Date.parse(made.createdAt), 60_000);
    assert.equal((await context(session)).match.method, 'link');

    const reply = await undo(session, made.createdAt);

    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(LinkUndoResponse.parse(reply.body), { ticket, link: null });
    assert.equal((await context(session)).match.method, 'none');
    const events = await product.server.context.repos.ticketEvents.listByTicket(ticket);
    assert.deepEqual(
      events.filter((event) => event.type.startsWith('link.')).map((event) => [event.type, event.status]),
      [
        ['link.set', 'ok'],
        ['link.undo', 'ok'],
      ],
    );
  });

  it('restores the link before exactly as it was: who set it and when', async () => {
    const ticket = nextTicket();
    const bob = await product.openSession({ ticket, agent: 'bob', email: eu.unknownEmail, market: 'de' });
    const alice = await product.openSession({ ticket, email: eu.unknownEmail, market: 'de' });
    const before = await link(bob, { customerId: eu.registered.customerId });
    product.clock.advance(5_000);
    const wrong = await link(alice, { customerId: eu.namesake.customerId });
    assert.equal((await context(alice)).customer?.id, eu.namesake.customerId);

    const reply = await undo(alice, wrong.createdAt);

    assert.equal(reply.status, 200, reply.text);
    const { undoUntil: _undoUntil, ...restored } = before;
    assert.deepEqual(LinkUndoResponse.parse(reply.body), { ticket, link: restored });
    assert.equal((await context(alice)).customer?.id, eu.registered.customerId);
  });

  it('refuses after the minute with 409 undo_expired, and the link stays', async () => {
    const session = await product.openSession({ email: eu.unknownEmail, market: 'de' });
    const made = await link(session, { customerId: eu.registered.customerId });
    product.clock.advance(60_000);
    const lastMoment = await product.post(session, '/api/v1/links/undo', { createdAt: made.createdAt });
    assert.equal(lastMoment.status, 200, 'still within the minute at 60 s');
    const again = await link(session, { customerId: eu.registered.customerId });
    product.clock.advance(60_001);

    refusal(await undo(session, again.createdAt), 409, 'undo_expired');
    assert.equal((await context(session)).customer?.id, eu.registered.customerId);
  });

  it('refuses with 409 link_changed once the ticket was linked again, or by another agent, or undone already', async () => {
    const ticket = nextTicket();
    const alice = await product.openSession({ ticket, email: eu.unknownEmail, market: 'de' });
    const bob = await product.openSession({ ticket, agent: 'bob', email: eu.unknownEmail, market: 'de' });
    const first = await link(alice, { customerId: eu.registered.customerId });
    product.clock.advance(1_000);
    const second = await link(alice, { customerId: eu.namesake.customerId });

    refusal(await undo(alice, first.createdAt), 409, 'link_changed');
    refusal(await undo(bob, second.createdAt), 409, 'link_changed');
    assert.equal((await context(alice)).customer?.id, eu.namesake.customerId, 'nothing undone');
    assert.equal((await undo(alice, second.createdAt)).status, 200);
    refusal(await undo(alice, second.createdAt), 409, 'link_changed');
    const events = await product.server.context.repos.ticketEvents.listByTicket(ticket);
    assert.deepEqual(
      events.filter((event) => event.type === 'link.undo').map((event) => [event.agent, event.status]),
      [
        ['alice', 'changed'],
        ['bob', 'changed'],
        ['alice', 'ok'],
        ['alice', 'changed'],
      ],
    );
  });

  it('unties a guest order linked by mistake from the ticket (no ticket events are written back to it)', async () => {
    const ticket = nextTicket();
    const session = await product.openSession({ ticket, email: eu.unknownEmail, market: 'de' });
    const made = await link(session, { orderId: eu.orders.guestOrder });
    const { ticketEvents } = product.server.context.repos;
    assert.deepEqual(await ticketEvents.listOrderIds(ticket, TICKET_ORDER_EVENTS, TICKET_ORDER_UNTIED), [
      eu.orders.guestOrder,
    ]);

    assert.equal((await undo(session, made.createdAt)).status, 200);

    assert.deepEqual(await ticketEvents.listOrderIds(ticket, TICKET_ORDER_EVENTS, TICKET_ORDER_UNTIED), []);
  });

  it('needs links:write, and a createdAt of the link to undo', async () => {
    const reader = await product.openSession({ email: eu.unknownEmail, market: 'de', scope: 'orders:read' });
    const session = await product.openSession({ email: eu.unknownEmail, market: 'de' });

    refusal(await undo(reader, new Date().toISOString()), 403, 'forbidden');
    for (const body of [
      {},
      { createdAt: 'yesterday' },
      { createdAt: 1 },
      { createdAt: '2026-11-28T09:00:00Z', x: 1 },
    ]) {
      refusal(await product.post(session, '/api/v1/links/undo', body), 400, 'invalid_request');
    }
    refusal(await undo(session, new Date().toISOString()), 409, 'link_changed');
  });
});
