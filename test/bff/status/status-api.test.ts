// POST /api/v1/orders/:orderId/status over HTTP against the sandbox (issue 12, DESIGN §11): a change lands once
// and is audited; replays write nothing; stale, disallowed, unauthorised and foreign changes never reach a PUT.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ContextResponse } from '../../../shared/context.js';
import { ErrorBody } from '../../../shared/errors.js';
import { OrderDetail } from '../../../shared/order.js';
import { SessionResponse } from '../../../shared/session.js';
import { StatusChangeResponse } from '../../../shared/status-change.js';
import { signEmbedTokenFor } from '../../../bff/src/auth/sign-embed-token.js';
import {
  AWAITING_FULFILLMENT,
  AWAITING_SHIPMENT,
  CANCELLED,
  COMPLETED,
  countLines,
  personas,
  startStatusHarness,
  type StatusHarness,
} from './status-harness.js';

const REASON = 'Shopper cancelled by phone';

describe('changing an order’s status from the ticket', () => {
  let h: StatusHarness;
  let session: string;

  before(async () => {
    h = await startStatusHarness();
    session = await h.agentSession('T-2001');
  });
  after(() => h.close());

  it('lands once: one PUT with only status_id, 200 with the new status, audited in notes, ticket and feed', async () => {
    const orderId = h.newOrder(AWAITING_FULFILLMENT);
    h.sandbox.clearRequests();

    const reply = await h.postStatus(
      session,
      orderId,
      { statusId: CANCELLED, expectedStatusId: AWAITING_FULFILLMENT, reason: REASON },
      'key-lands-once-1',
    );
    await h.drain();

    assert.equal(reply.status, 200);
    const body = StatusChangeResponse.parse(reply.body);
    assert.equal(body.orderId, orderId);
    assert.equal(body.status.id, CANCELLED);
    assert.equal(body.status.family, 'cancelled');
    assert.equal(body.previousStatus.id, AWAITING_FULFILLMENT);
    assert.deepEqual([body.ticket, body.agent, body.reason], ['T-2001', 'alice', REASON]);
    assert.equal(h.statusOf(orderId), CANCELLED);
    assert.deepEqual(
      h.putsFor(orderId).filter((fields) => fields.includes('status_id')),
      [['status_id']],
    );
    const notes = h.staffNotes(orderId);
    assert.match(notes, /^--- Note .* · ticket T-2001 · agent alice · ref oc-[a-z0-9]+ ---$/m);
    assert.equal(countLines(notes, `Status changed: ${body.previousStatus.label} → ${body.status.label}`), 1);
    assert.equal(countLines(notes, `Reason: ${REASON}`), 1);

    const { repos } = h.app.running.context;
    const events = (await repos.ticketEvents.listByTicket('T-2001')).filter((e) => e.orderId === orderId);
    // The audit entry is queued first; the change is recorded as done with the ticket event and the feed's change.
    assert.deepEqual(
      events.map((e) => e.type),
      ['note.accepted', 'note.written', 'status.changed'],
    );
    const changes = await repos.orderChanges.listForOrder('default', orderId, 10);
    assert.deepEqual(
      changes.map((c) => [c.kind, c.source, c.previousStatusId, c.statusId]),
      [['order.status_changed', 'status', AWAITING_FULFILLMENT, CANCELLED]],
    );
    assert.equal((await repos.orderIndex.getOrder('default', orderId))?.statusId, CANCELLED);
  });

  it('remembers our own write by the date_modified BigCommerce answered, and stands when the audit cannot be written', async () => {
    const orderId = h.newOrder(AWAITING_SHIPMENT);
    // Staff notes already at BigCommerce's limit: the audit entry cannot be added (and nothing is overwritten).
    const full = 'x'.repeat(65_535);
    h.sandbox.store().data.setStaffNotes(orderId, full);

    const reply = await h.postStatus(
      session,
      orderId,
      { statusId: CANCELLED, expectedStatusId: AWAITING_SHIPMENT, reason: REASON },
      'key-own-write-1',
    );
    await h.drain();

    assert.equal(reply.status, 200);
    assert.equal(h.statusOf(orderId), CANCELLED);
    assert.equal(h.staffNotes(orderId), full);
    // No note PUT happened, so the order's date_modified is still the one our status PUT produced.
    const modified = Date.parse(h.sandbox.store().data.getOrder(orderId)?.date_modified ?? '');
    const { repos } = h.app.running.context;
    assert.equal(await repos.ownWrites.isOwn('default', orderId, modified), true);
    const events = await repos.ticketEvents.listByTicket('T-2001');
    assert.deepEqual(
      events.filter((e) => e.orderId === orderId).map((e) => `${e.type} ${e.status}`),
      ['note.accepted queued', 'note.failed failed', 'status.changed changed'],
    );
  });

  it('answers a replay of the key with the same answer and asks BigCommerce nothing', async () => {
    const orderId = h.newOrder(AWAITING_FULFILLMENT);
    const request = { statusId: CANCELLED, expectedStatusId: AWAITING_FULFILLMENT, reason: REASON };
    const first = await h.postStatus(session, orderId, request, 'key-replay-1');
    await h.drain();
    h.sandbox.clearRequests();

    const replay = await h.postStatus(session, orderId, request, 'key-replay-1');

    assert.equal(replay.status, 200);
    assert.deepEqual(replay.body, first.body);
    assert.deepEqual(h.sandbox.requests, []);
    assert.equal(countLines(h.staffNotes(orderId), `Reason: ${REASON}`), 1);
  });

  it('refuses a key reused for another change with 422', async () => {
    const orderId = h.newOrder(AWAITING_FULFILLMENT);
    await h.postStatus(
      session,
      orderId,
      { statusId: CANCELLED, expectedStatusId: AWAITING_FULFILLMENT, reason: REASON },
      'key-reused-1',
    );

    const other = await h.postStatus(
      session,
      orderId,
      { statusId: CANCELLED, expectedStatusId: AWAITING_FULFILLMENT, reason: 'Another reason' },
      'key-reused-1',
    );

    assert.equal(other.status, 422);
    assert.equal(ErrorBody.parse(other.body).error.code, 'idempotency_key_reused');
  });

  it('refuses a stale expectedStatusId with 409 order_changed, the current status in the body, and no PUT', async () => {
    const orderId = h.newOrder(AWAITING_FULFILLMENT);
    // A colleague packs the order in the control panel after the agent looked at it.
    h.sandbox.store().mutate.setStatus(orderId, AWAITING_SHIPMENT);
    h.sandbox.clearRequests();
    const request = { statusId: CANCELLED, expectedStatusId: AWAITING_FULFILLMENT, reason: REASON };

    const reply = await h.postStatus(session, orderId, request, 'key-stale-1');
    const replay = await h.postStatus(session, orderId, request, 'key-stale-1');

    assert.equal(reply.status, 409);
    const { error } = ErrorBody.parse(reply.body);
    assert.equal(error.code, 'order_changed');
    assert.equal(error.currentStatus?.id, AWAITING_SHIPMENT);
    assert.ok(error.currentStatus?.label);
    assert.deepEqual(h.putsFor(orderId), []);
    assert.equal(h.statusOf(orderId), AWAITING_SHIPMENT);
    // The refusal is kept: the same key answers the same, without another read.
    assert.equal(replay.status, 409);
    const replayed = ErrorBody.parse(replay.body).error;
    assert.deepEqual({ ...replayed, correlationId: error.correlationId }, error);
    assert.equal(h.sandbox.requests.filter((r) => r.path === `/v2/orders/${orderId}`).length, 1);
  });

  it('refuses a transition the market does not allow with 403 and no PUT', async () => {
    const orderId = h.newOrder(AWAITING_FULFILLMENT);
    h.sandbox.clearRequests();

    const reply = await h.postStatus(
      session,
      orderId,
      { statusId: COMPLETED, expectedStatusId: AWAITING_FULFILLMENT, reason: REASON },
      'key-disallowed-1',
    );

    assert.equal(reply.status, 403);
    assert.equal(ErrorBody.parse(reply.body).error.code, 'transition_not_allowed');
    assert.deepEqual(h.sandbox.requests, []);
  });

  it('refuses a change allowed from the status the agent saw when the order is not in it (still 409, no PUT)', async () => {
    // The agent saw "Shipped" (not allowed to cancel) but claims 11: the fresh read decides, not the claim.
    const orderId = personas.orders.shippedWithTracking;
    h.sandbox.clearRequests();

    const reply = await h.postStatus(
      session,
      orderId,
      { statusId: CANCELLED, expectedStatusId: AWAITING_FULFILLMENT, reason: REASON },
      'key-claimed-1',
    );

    assert.equal(reply.status, 409);
    assert.equal(ErrorBody.parse(reply.body).error.currentStatus?.id, 2);
    assert.deepEqual(h.putsFor(orderId), []);
  });

  it('refuses a session without orders:write with 403 forbidden before anything else', async () => {
    const readOnly = await h.agentSession('T-2002', 'orders:read notes:write');
    const orderId = h.newOrder(AWAITING_FULFILLMENT);
    h.sandbox.clearRequests();

    const reply = await h.postStatus(
      readOnly,
      orderId,
      { statusId: CANCELLED, expectedStatusId: AWAITING_FULFILLMENT, reason: REASON },
      'key-no-scope-1',
    );

    assert.equal(reply.status, 403);
    assert.equal(ErrorBody.parse(reply.body).error.code, 'forbidden');
    assert.deepEqual(h.sandbox.requests, []);
  });

  it('answers 404 order_not_found for another shopper’s order and sends no PUT', async () => {
    const stranger = h.sandbox
      .store()
      .mutate.createOrder({ customerId: personas.manyOrders.customerId, statusId: AWAITING_FULFILLMENT }).id;
    h.sandbox.clearRequests();

    const reply = await h.postStatus(
      session,
      stranger,
      { statusId: CANCELLED, expectedStatusId: AWAITING_FULFILLMENT, reason: REASON },
      'key-stranger-1',
    );

    assert.equal(reply.status, 404);
    assert.equal(ErrorBody.parse(reply.body).error.code, 'order_not_found');
    assert.deepEqual(h.putsFor(stranger), []);
    assert.equal(h.statusOf(stranger), AWAITING_FULFILLMENT);
  });

  it('refuses bad input with 400 and the documented codes, before BigCommerce hears of it', async () => {
    const orderId = h.newOrder(AWAITING_FULFILLMENT);
    const good = { statusId: CANCELLED, expectedStatusId: AWAITING_FULFILLMENT, reason: REASON };
    h.sandbox.clearRequests();
    const cases: [unknown, string | undefined, string][] = [
      [{ ...good, reason: 'no' }, 'key-bad-1', 'invalid_reason'],
      [{ ...good, reason: '   ab   ' }, 'key-bad-2', 'invalid_reason'],
      [{ ...good, reason: 'x'.repeat(501) }, 'key-bad-3', 'invalid_reason'],
      [{ ...good, reason: 'bell\u0007ring' }, 'key-bad-4', 'invalid_reason'],
      [{ ...good, statusId: '5' }, 'key-bad-5', 'invalid_request'],
      [{ statusId: CANCELLED, reason: REASON }, 'key-bad-6', 'invalid_request'],
      [good, undefined, 'idempotency_key_required'],
      ['{not json', 'key-bad-8', 'invalid_request'],
    ];

    for (const [body, key, code] of cases) {
      const reply = await h.postStatus(session, orderId, body, key);
      assert.equal(reply.status, 400, `${JSON.stringify(body)} → ${reply.status}`);
      assert.equal(ErrorBody.parse(reply.body).error.code, code);
    }
    const badId = await h.postStatus(session, 'abc', good, 'key-bad-9');
    assert.equal(ErrorBody.parse(badId.body).error.code, 'invalid_order_id');
    assert.deepEqual(h.sandbox.requests, []);
  });

  it('keeps a reason of 500 characters (counted as a person counts them) and writes it as given', async () => {
    const orderId = h.newOrder(AWAITING_FULFILLMENT);
    const reason = `${'ü'.repeat(498)}😀x`;

    const reply = await h.postStatus(
      session,
      orderId,
      { statusId: CANCELLED, expectedStatusId: AWAITING_FULFILLMENT, reason },
      'key-long-reason-1',
    );
    await h.drain();

    assert.equal(reply.status, 200);
    assert.equal(countLines(h.staffNotes(orderId), `Reason: ${reason}`), 1);
  });

  it('tells a session with orders:write which changes its market allows, and others nothing', async () => {
    const open = async (scope: string) => {
      const token = await signEmbedTokenFor(
        h.app.running.config,
        { agent: 'alice', ticket: 'T-2003', customer: String(personas.registered.customerId), scope },
        { now: () => h.clock.now },
      );
      const response = await fetch(`${h.app.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      return SessionResponse.parse(await response.json());
    };

    const writer = await open('orders:read orders:write');
    const reader = await open('orders:read');

    assert.deepEqual(writer.statusChanges, [
      { from: [AWAITING_FULFILLMENT, AWAITING_SHIPMENT], to: CANCELLED },
    ]);
    assert.equal(reader.statusChanges, undefined);
  });

  it('shows the new status at once in the order detail and the ticket’s list, without a refresh', async () => {
    const orderId = h.newOrder(AWAITING_FULFILLMENT);
    const get = async (path: string) => {
      const response = await fetch(`${h.app.url}/api/v1${path}`, {
        headers: { authorization: `Bearer ${session}` },
      });
      return (await response.json()) as unknown;
    };
    const listed = (context: unknown) =>
      ContextResponse.parse(context).orders.find((order) => order.id === orderId)?.status.id;
    assert.equal(OrderDetail.parse(await get(`/orders/${orderId}`)).status.id, AWAITING_FULFILLMENT);
    assert.equal(listed(await get('/context')), AWAITING_FULFILLMENT);

    await h.postStatus(
      session,
      orderId,
      { statusId: CANCELLED, expectedStatusId: AWAITING_FULFILLMENT, reason: REASON },
      'key-cache-1',
    );

    assert.equal(OrderDetail.parse(await get(`/orders/${orderId}`)).status.id, CANCELLED);
    assert.equal(listed(await get('/context')), CANCELLED);
  });

  it('serializes with a note on the same order: both land, nobody’s text is lost', async () => {
    const orderId = h.newOrder(AWAITING_FULFILLMENT);

    const [status, note] = await Promise.all([
      h.postStatus(
        session,
        orderId,
        { statusId: CANCELLED, expectedStatusId: AWAITING_FULFILLMENT, reason: REASON },
        'key-with-note-1',
      ),
      h.postNote(session, orderId, { text: 'Customer asked for a call back.' }, 'key-note-beside-1'),
    ]);
    await h.drain();

    assert.equal(status.status, 200);
    assert.equal(note.status, 201);
    const notes = h.staffNotes(orderId);
    assert.equal(countLines(notes, 'Customer asked for a call back.'), 1);
    assert.equal(countLines(notes, `Reason: ${REASON}`), 1);
  });
});
