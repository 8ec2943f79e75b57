// DESIGN §10: POST /s2s/v1/events stores each event once per id (202 {accepted, duplicates}), refuses bad
// ones by index, registers and closes tickets, and copies notes to the shopper's own orders through the notes
// outbox exactly once — even posted twice while BigCommerce fails half its writes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { EventsAnswer, TicketEventsList, type TicketContext } from '../../../shared/s2s.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import { nextTicket, startNovomindHarness, type NovomindHarness } from './novomind-harness.js';

const eu = SANDBOX_PERSONAS.sbx1eu;
let eventCounter = 0;
const nextEventId = () => `ev-${process.pid}-${(eventCounter += 1)}`;

describe('ticket events over s2s', () => {
  let h: NovomindHarness;
  before(async () => {
    h = await startNovomindHarness();
  });
  after(() => h.close());

  async function post(events: unknown[]): Promise<EventsAnswer> {
    const reply = await h.s2s<EventsAnswer>('POST', '/s2s/v1/events', { events });
    assert.equal(reply.status, 202, reply.text);
    return z.parse(EventsAnswer, reply.body);
  }

  const event = (type: string, ticket: string, extra: Record<string, unknown> = {}) => ({
    id: nextEventId(),
    type,
    ticket,
    at: new Date(h.clock.now).toISOString(),
    agent: 'bob',
    ...extra,
  });

  it('stores each event once per id and counts duplicates, within a call and across calls', async () => {
    const ticket = nextTicket();
    const created = event('ticket.created', ticket, { email: eu.registered.email, market: 'de' });
    const note = event('note.added', ticket, { text: 'Called the shopper back.' });

    const first = await post([created, note, note]);
    const second = await post([created, note]);

    assert.deepEqual([first.accepted, first.duplicates], [2, 1]);
    assert.deepEqual([second.accepted, second.duplicates], [0, 2]);
    const listed = await h.s2s<TicketEventsList>('GET', `/s2s/v1/tickets/${ticket}/events`);
    const ours = z.parse(TicketEventsList, listed.body).events.filter((e) => e.source === 'novomind');
    assert.deepEqual(
      ours.map((e) => e.id),
      [created.id, note.id],
    );
  });

  it('refuses bad events by index with a reason and stores the rest', async () => {
    const ticket = nextTicket();
    const good = event('ticket.created', ticket, { email: eu.registered.email });
    const answer = await post([
      { ...event('ticket.updated', ticket), type: 'ticket.exploded' },
      good,
      { id: 'x', ticket },
      event('ticket.updated', ticket, { email: 'not an email' }),
      'nonsense',
    ]);

    assert.equal(answer.accepted, 1);
    assert.deepEqual(
      answer.refused.map((r) => r.index),
      [0, 2, 3, 4],
    );
    assert.ok(answer.refused.every((r) => r.reason.length > 5));
    assert.equal(answer.refused[1]?.id, 'x');
    const tooMany = await h.s2s('POST', '/s2s/v1/events', {
      events: Array.from({ length: 101 }, () => good),
    });
    assert.equal(tooMany.status, 400);
  });

  it('registers a ticket from ticket.created, and ticket.closed / ticket.reopened set its status', async () => {
    const ticket = nextTicket();
    await post([event('ticket.created', ticket, { email: eu.registered.email, market: 'de' })]);
    const context = await h.s2s<TicketContext>('GET', `/s2s/v1/tickets/${ticket}/context`);
    assert.equal(context.status, 200);
    assert.equal(context.body.customer?.id, eu.registered.customerId);

    await post([event('ticket.closed', ticket)]);
    assert.equal(
      (await h.s2s<TicketContext>('GET', `/s2s/v1/tickets/${ticket}/context`)).body.status,
      'closed',
    );
    await post([event('ticket.reopened', ticket)]);
    assert.equal(
      (await h.s2s<TicketContext>('GET', `/s2s/v1/tickets/${ticket}/context`)).body.status,
      'open',
    );
  });

  it('lists the widget’s own notes and links with novomind’s events', async () => {
    const ticket = nextTicket();
    await post([event('ticket.created', ticket, { email: eu.registered.email, market: 'de' })]);
    const token = await h.embedToken({ ticket, email: eu.registered.email });
    const opened = await fetch(`${h.app.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    assert.equal(opened.status, 201);

    const listed = z.parse(TicketEventsList, (await h.s2s('GET', `/s2s/v1/tickets/${ticket}/events`)).body);

    assert.deepEqual(
      listed.events.map((e) => [e.source, e.type]),
      [
        ['novomind', 'ticket.created'],
        ['order-context', 'session.opened'],
      ],
    );
  });

  it('copies a note to the shopper’s order once, posted twice while BigCommerce fails half its writes', async () => {
    const ticket = nextTicket();
    await post([event('ticket.created', ticket, { email: eu.registered.email, market: 'de' })]);
    const orderId = eu.orders.shippedWithTracking;
    const notes = Array.from({ length: 6 }, (_, i) =>
      event('note.added', ticket, { text: `Copied note ${i}`, orderId, copyToOrder: true }),
    );
    // The order's notes share a PUT, so there are few: the first one fails for sure, then the dice decide.
    const certain = h.sandbox.faults.add({
      method: 'PUT',
      path: '/v2/orders/',
      errorRate: 1,
      status: 500,
      times: 1,
    });
    const fault = h.sandbox.faults.add({ method: 'PUT', path: '/v2/orders/', errorRate: 0.5, status: 500 });

    const first = await post(notes);
    const second = await post(notes);
    h.sandbox.faults.remove(certain);
    h.sandbox.faults.remove(fault);
    await h.drainNotes();

    assert.ok(
      h.sandbox.requests.some((request) => request.method === 'PUT' && request.status === 500),
      'BigCommerce failed some writes',
    );
    assert.equal(first.accepted, 6);
    assert.deepEqual([second.accepted, second.duplicates], [0, 6]);
    const staffNotes = h.sandbox.store('sbx1eu').data.getOrder(orderId)?.staff_notes ?? '';
    for (let i = 0; i < 6; i += 1) {
      assert.equal(staffNotes.split(`Copied note ${i}`).length - 1, 1, `note ${i} once`);
    }
    assert.ok(first.notes.every((n) => n.orderId === orderId && n.ref.startsWith('oc-')));
  });

  it('copies a note once even when novomind posts it again after a lost answer (the event was not stored)', async () => {
    const ticket = nextTicket();
    await post([event('ticket.created', ticket, { email: eu.registered.email, market: 'de' })]);
    const note = event('note.added', ticket, {
      text: 'After a timeout',
      orderId: eu.orders.refunded,
      copyToOrder: true,
    });
    // The first post's action ran, but its event row was lost (a crash between the two): the repost replays the key.
    const first = await post([note]);
    await deleteEvent(h, note.id);
    const again = await post([note]);
    await h.drainNotes();

    assert.equal(first.notes[0]?.ref, again.notes[0]?.ref);
    const staffNotes = h.sandbox.store('sbx1eu').data.getOrder(eu.orders.refunded)?.staff_notes ?? '';
    assert.equal(staffNotes.split('After a timeout').length - 1, 1);
  });

  it('refuses to copy a note to an order that is not the ticket’s shopper’s, and stores nothing', async () => {
    const ticket = nextTicket();
    await post([event('ticket.created', ticket, { email: eu.guest.email, market: 'de' })]);
    const note = event('note.added', ticket, {
      text: 'Wrong order',
      orderId: eu.orders.shippedWithTracking,
      copyToOrder: true,
    });

    const answer = await post([note]);

    assert.equal(answer.accepted, 0);
    assert.match(answer.refused[0]?.reason ?? '', /^order_not_found/);
    const staffNotes =
      h.sandbox.store('sbx1eu').data.getOrder(eu.orders.shippedWithTracking)?.staff_notes ?? '';
    assert.ok(!staffNotes.includes('Wrong order'));
  });
});

/** What a crash between the note's action and the event's row leaves behind: the note, without the event. */
async function deleteEvent(h: NovomindHarness, id: string): Promise<void> {
  const sqlite = (
    h.app.running.context.store as unknown as { sqlite: { prepare(sql: string): { run(id: string): void } } }
  ).sqlite;
  sqlite.prepare('DELETE FROM novomind_events WHERE id = ?').run(id);
}
