// Ticket events written back (issue 12, DESIGN §11): an event type the market lists in writeBack.ticketEvents
// becomes a stamped entry on every order linked to the ticket — linked by the agent, noted or changed from it —
// exactly once per event and order, through the notes outbox (so also while BigCommerce is down).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AWAITING_FULFILLMENT,
  CANCELLED,
  countLines,
  startStatusHarness,
  type StatusHarness,
} from './status-harness.js';

const TICKET = 'T-4001';

describe('ticket events written back to the ticket’s orders', () => {
  let h: StatusHarness;
  let noted: number;
  let linked: number;
  let changed: number;
  let unrelated: number;

  before(async () => {
    h = await startStatusHarness({ writeBack: 'ticket.closed, ticket.reopened' });
    const session = await h.agentSession(TICKET);
    [noted, linked, changed, unrelated] = [1, 2, 3, 4].map(() => h.newOrder(AWAITING_FULFILLMENT)) as [
      number,
      number,
      number,
      number,
    ];
    assert.equal(
      (await h.postNote(session, noted, { text: 'Asked about delivery.' }, 'key-wb-note')).status,
      201,
    );
    const link = await fetch(`${h.app.url}/api/v1/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session}` },
      body: JSON.stringify({ orderId: linked }),
    });
    assert.equal(link.status, 200);
    const status = await h.postStatus(
      session,
      changed,
      { statusId: CANCELLED, expectedStatusId: AWAITING_FULFILLMENT, reason: 'Shopper asked to cancel' },
      'key-wb-status',
    );
    assert.equal(status.status, 200);
    await h.drain();
  });
  after(() => h.close());

  it('appends “Ticket … closed by …” to each linked order once, also when the event comes twice', async () => {
    const event = {
      market: 'default',
      ticket: TICKET,
      type: 'ticket.closed',
      agent: 'bob',
      eventId: 'evt-close-1',
    };

    const first = await h.room().writeBackTicketEvent(event);
    const duplicate = await h.room().writeBackTicketEvent(event);
    await h.drain();

    assert.equal(first.configured, true);
    assert.deepEqual(
      first.entries.map((entry) => entry.orderId),
      [noted, linked, changed],
    );
    assert.deepEqual(
      duplicate.entries.map((entry) => entry.ref),
      first.entries.map((entry) => entry.ref),
    );
    for (const orderId of [noted, linked, changed]) {
      assert.equal(
        countLines(h.staffNotes(orderId), `Ticket ${TICKET} closed by bob`),
        1,
        `order ${orderId}`,
      );
    }
    assert.equal(countLines(h.staffNotes(unrelated), `Ticket ${TICKET} closed by bob`), 0);
    assert.match(
      h.staffNotes(noted),
      new RegExp(`^--- Note .* · ticket ${TICKET} · agent bob · ref oc-`, 'm'),
    );
  });

  it('writes another event (a reopen, a second close) as entries of its own, once each', async () => {
    await h.room().writeBackTicketEvent({
      market: 'default',
      ticket: TICKET,
      type: 'ticket.reopened',
      agent: 'carol',
      eventId: 'evt-reopen-1',
    });
    await h.room().writeBackTicketEvent({
      market: 'default',
      ticket: TICKET,
      type: 'ticket.closed',
      agent: null,
      eventId: 'evt-close-2',
    });
    await h.drain();

    const notes = h.staffNotes(noted);
    assert.equal(countLines(notes, `Ticket ${TICKET} reopened by carol`), 1);
    // Without an agent the entry says only what happened; the stamp names novomind.
    assert.equal(countLines(notes, `Ticket ${TICKET} closed`), 1);
    assert.match(notes, new RegExp(`· ticket ${TICKET} · agent novomind · ref oc-`));
  });

  it('does nothing for a type or market that is not configured', async () => {
    const before = h.staffNotes(noted);

    const updated = await h.room().writeBackTicketEvent({
      market: 'default',
      ticket: TICKET,
      type: 'ticket.updated',
      agent: 'bob',
      eventId: 'evt-update-1',
    });
    const elsewhere = await h.room().writeBackTicketEvent({
      market: 'nowhere',
      ticket: TICKET,
      type: 'ticket.closed',
      agent: 'bob',
      eventId: 'evt-close-9',
    });
    await h.drain();

    assert.deepEqual(updated, { configured: false, entries: [] });
    assert.deepEqual(elsewhere, { configured: false, entries: [] });
    assert.equal(h.staffNotes(noted), before);
  });

  it('queues the entries while BigCommerce is down and writes each once when it is back', async () => {
    const rule = h.sandbox.faults.add({ errorRate: 1, status: 503 });

    const result = await h.room().writeBackTicketEvent({
      market: 'default',
      ticket: TICKET,
      type: 'ticket.closed',
      agent: 'dave',
      eventId: 'evt-close-outage',
    });
    h.sandbox.faults.remove(rule);
    await h.drain();

    assert.ok(result.entries.length === 3 && result.entries.every((entry) => entry.status !== 'failed'));
    for (const orderId of [noted, linked, changed]) {
      assert.equal(countLines(h.staffNotes(orderId), `Ticket ${TICKET} closed by dave`), 1);
    }
  });
});
