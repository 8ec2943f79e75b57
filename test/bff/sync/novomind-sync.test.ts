// The sync room and the novomind side together, the whole product in sandbox mode over HTTP: a status change
// made in BigCommerce reaches novomind's changes feed through the webhook, exactly once even when a delta run
// sees the same change again; a ticket.closed event from novomind lands in the staff notes of the order the
// agent worked on from that ticket, once, even when novomind posts the event twice; the console shows the push.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { ChangesPage, EventsAnswer, type TicketContext } from '../../../shared/s2s.js';
import { signS2sToken } from '../../../bff/src/novomind/index.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import { eventually, startCurrentSyncProduct, type SyncProduct } from './sync-harness.js';

const eu = SANDBOX_PERSONAS.sbx1eu;
const S2S_SECRET = 'novomind-sync-tests-s2s-secret-0123456789abcdef';
let ticketNo = 0;
const nextTicket = () => `NMS-${process.pid}-${(ticketNo += 1)}`;

describe('sync and novomind together', () => {
  let product: SyncProduct;

  async function s2s<T>(
    method: string,
    pathAndQuery: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const token = await signS2sToken(
      { client: 'iagent-sync-test', scopes: ['context:read', 'changes:read', 'events:write'] },
      { secret: S2S_SECRET, now: () => Date.now() },
    );
    const response = await fetch(`${product.server.url}${pathAndQuery}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  async function feed(cursor: string): Promise<ChangesPage> {
    const reply = await s2s<ChangesPage>('GET', `/s2s/v1/changes?cursor=${encodeURIComponent(cursor)}`);
    assert.equal(reply.status, 200);
    return z.parse(ChangesPage, reply.body);
  }

  before(async () => {
    product = await startCurrentSyncProduct({ env: { S2S_SECRET } });
  });
  after(() => product.close());

  it('carries a status change made in BigCommerce into the changes feed once, webhook and delta run alike', async () => {
    const order = product.sandbox
      .store('sbx1eu')
      .mutate.createOrder({ customerId: eu.registered.customerId, statusId: 11 });
    await eventually(
      async () => (await product.server.context.repos.orderIndex.getOrder('eu', order.id))?.statusId === 11,
      'the new order is indexed',
    );
    const ticket = nextTicket();
    const registered = await s2s<TicketContext>('PUT', `/s2s/v1/tickets/${ticket}`, {
      customer: String(eu.registered.customerId),
      market: 'de',
    });
    assert.equal(registered.status, 200);
    assert.ok(registered.body.orders.some((listed) => listed.id === order.id));
    const start = await s2s<ChangesPage>('GET', '/s2s/v1/changes');
    let cursor = z.parse(ChangesPage, start.body).nextCursor;

    product.sandbox.store('sbx1eu').mutate.setStatus(order.id, 9);

    const seen: ChangesPage['changes'] = [];
    await eventually(async () => {
      const page = await feed(cursor);
      cursor = page.nextCursor;
      seen.push(...page.changes.filter((change) => change.orderId === order.id));
      return seen.length > 0;
    }, 'the change is in the feed');
    // A delta run now reads the same modified order again: the index already has it, nothing new is recorded.
    assert.equal(await product.sync.scheduler.runNow('eu'), 'started');
    await eventually(async () => !(await product.sync.scheduler.facts('eu')).running, 'the delta run ended');
    const later = await feed(cursor);
    seen.push(...later.changes.filter((change) => change.orderId === order.id));

    assert.equal(seen.length, 1, JSON.stringify(seen));
    assert.equal(seen[0]?.ticket, ticket);
    assert.equal(seen[0]?.kind, 'order.status_changed');
    assert.equal(seen[0]?.previous?.statusId, 11);
  });

  it('writes a ticket.closed event back to the order the agent worked on from that ticket, once', async () => {
    const ticket = nextTicket();
    const order = product.sandbox
      .store('sbx1eu')
      .mutate.createOrder({ customerId: eu.registered.customerId, statusId: 11 });
    await eventually(
      async () => (await product.server.context.repos.orderIndex.getOrder('eu', order.id)) !== undefined,
      'the new order is indexed',
    );
    assert.equal(
      (
        await s2s('PUT', `/s2s/v1/tickets/${ticket}`, {
          customer: String(eu.registered.customerId),
          market: 'de',
        })
      ).status,
      200,
    );
    const session = await product.session({ ticket, customer: String(eu.registered.customerId) });
    await product.get(session, '/api/v1/context');
    const note = await fetch(`${product.server.url}/api/v1/orders/${order.id}/notes`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${session}`,
        'content-type': 'application/json',
        'idempotency-key': `${ticket}-note`,
      },
      body: JSON.stringify({ text: 'Promised a call back tomorrow.' }),
    });
    assert.ok([201, 202].includes(note.status), String(note.status));
    const closed = {
      events: [
        { id: `${ticket}-closed`, type: 'ticket.closed', ticket, agent: 'bob', at: new Date().toISOString() },
      ],
    };

    const first = await s2s<EventsAnswer>('POST', '/s2s/v1/events', closed);
    const second = await s2s<EventsAnswer>('POST', '/s2s/v1/events', closed);

    // 202: stored, and the write-back is queued in the notes outbox (it never waits for BigCommerce).
    assert.equal(first.status, 202);
    assert.equal(z.parse(EventsAnswer, first.body).accepted, 1);
    assert.equal(z.parse(EventsAnswer, second.body).duplicates, 1);
    const entry = `Ticket ${ticket} closed by bob`;
    const staffNotes = () => product.sandbox.store('sbx1eu').data.getOrder(order.id)?.staff_notes ?? '';
    await eventually(() => staffNotes().includes(entry), 'the entry is in the staff notes');
    assert.equal(staffNotes().split(entry).length - 1, 1, staffNotes());
    assert.ok(staffNotes().includes('Promised a call back tomorrow.'), 'the note is still there');
  });
});
