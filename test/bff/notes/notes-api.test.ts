import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NOTE_MAX_LENGTH, NoteResponse } from '../../../shared/notes.js';
import { ErrorBody } from '../../../shared/errors.js';
import { OrderDetail } from '../../../shared/order.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import { STAFF_NOTES_MAX_LENGTH } from '../../../bff/src/notes/staff-notes-format.js';
import { countRef, startNotesHarness, STORE_HASH, STORE_TOKEN, type NotesHarness } from './notes-harness.js';

const personas = SANDBOX_PERSONAS.sbx1eu;
const shopper = String(personas.registered.customerId);
const order = personas.orders.shippedWithTracking;

describe('POST /api/v1/orders/:orderId/notes', () => {
  let h: NotesHarness;
  let writer: string;
  const bodies: string[] = [];
  let keySeq = 0;
  const newKey = () => `api-test-key-${String(++keySeq).padStart(4, '0')}`;

  /** `null` sends no Idempotency-Key at all. */
  async function post(
    orderId: number | string,
    body: unknown,
    key: string | null = newKey(),
    session = writer,
  ) {
    const answer = await h.postNote(session, orderId, body, key ?? undefined);
    bodies.push(answer.text);
    return answer;
  }

  function staffNotes(orderId: number): string {
    return h.sandbox.store(STORE_HASH).data.getOrder(orderId)?.staff_notes ?? '';
  }

  before(async () => {
    h = await startNotesHarness();
    writer = await h.openSession({
      agent: 'alice',
      ticket: 'T-API',
      customer: shopper,
      scope: 'orders:read notes:write',
    });
  });

  after(async () => {
    await h.close();
  });

  it('writes the note inline and answers 201 with the written note', async () => {
    const before = staffNotes(order);

    const { status, body } = await post(order, { text: '  Shopper called:\r\nparcel is late.  ' });

    assert.equal(status, 201);
    const note = NoteResponse.parse(body);
    assert.equal(note.status, 'written');
    assert.equal(note.text, 'Shopper called:\nparcel is late.');
    assert.equal(note.ticket, 'T-API');
    assert.equal(note.agent, 'alice');
    const after = staffNotes(order);
    assert.ok(after.startsWith(before), 'what was there before is kept');
    assert.equal(countRef(after, note.ref), 1);
    assert.match(
      after,
      /ticket T-API · agent alice · ref oc-[a-z0-9]+ ---\nShopper called:\nparcel is late\.$/,
    );
  });

  it('shows the new entry in the next order detail, though the detail was cached before', async () => {
    const getDetail = async () => {
      const response = await fetch(`${h.app.url}/api/v1/orders/${order}`, {
        headers: { authorization: `Bearer ${writer}` },
      });
      assert.equal(response.status, 200);
      return OrderDetail.parse(await response.json());
    };
    await getDetail();

    const { body } = await post(order, { text: 'Visible in the detail.' });
    const detail = await getDetail();

    const { ref } = NoteResponse.parse(body);
    const entry = detail.notes.find((note) => note.ref === ref);
    assert.deepEqual(
      entry && { text: entry.text, ours: entry.ours, agent: entry.agent, ticket: entry.ticket },
      {
        text: 'Visible in the detail.',
        ours: true,
        agent: 'alice',
        ticket: 'T-API',
      },
    );
  });

  it('checks ownership from the order header alone: a note costs no sub-resource calls', async () => {
    const target = personas.orders.partiallyShipped;
    const log = h.sandbox.requests;
    const from = log.length;

    const { status } = await post(target, { text: 'Ownership from the header.' });

    assert.equal(status, 201);
    const calls = log.slice(from).map((request) => `${request.method} ${request.path.split('?')[0]}`);
    assert.deepEqual(
      calls.filter((call) => /\/(products|shipping_addresses|shipments|transactions|refunds)/.test(call)),
      [],
    );
    assert.ok(calls.filter((call) => call === `PUT /v2/orders/${target}`).length === 1, calls.join('\n'));
  });

  it('answers a replay of the key with the same note and writes nothing', async () => {
    const key = newKey();
    const first = await post(order, { text: 'Once only.' }, key);
    const notesAfterFirst = staffNotes(order);

    const replay = await post(order, { text: 'Once only.' }, key);

    assert.equal(replay.status, 201);
    assert.deepEqual(replay.body, first.body);
    assert.equal(staffNotes(order), notesAfterFirst);
  });

  it('refuses the same key for a different text with 422 idempotency_key_reused', async () => {
    const key = newKey();
    await post(order, { text: 'First text.' }, key);

    const { status, body } = await post(order, { text: 'Other text.' }, key);

    assert.equal(status, 422);
    assert.equal(ErrorBody.parse(body).error.code, 'idempotency_key_reused');
  });

  it('answers 403 forbidden without the notes:write scope', async () => {
    const reader = await h.openSession({
      agent: 'bob',
      ticket: 'T-API',
      customer: shopper,
      scope: 'orders:read',
    });

    const { status, body } = await post(order, { text: 'Not allowed.' }, newKey(), reader);

    assert.equal(status, 403);
    assert.equal(ErrorBody.parse(body).error.code, 'forbidden');
  });

  it('answers 404 order_not_found for another shopper’s order and for an unknown order, storing nothing', async () => {
    const queuedBefore = (await h.app.notes.outbox.listDue(Number.MAX_SAFE_INTEGER, 1000)).length;
    for (const orderId of [personas.orders.guestOrder, personas.unknownOrderId]) {
      const foreign = staffNotes(orderId);
      const { status, body } = await post(orderId, { text: 'Wrong shopper.' });
      assert.equal(status, 404);
      assert.equal(ErrorBody.parse(body).error.code, 'order_not_found');
      assert.equal(staffNotes(orderId), foreign);
    }
    assert.equal((await h.app.notes.outbox.listDue(Number.MAX_SAFE_INTEGER, 1000)).length, queuedBefore);
  });

  it('answers 400 for a missing or malformed Idempotency-Key', async () => {
    for (const key of [null, 'short', 'with space inside']) {
      const { status, body } = await post(order, { text: 'Keyless.' }, key);
      assert.equal(status, 400);
      assert.equal(ErrorBody.parse(body).error.code, 'idempotency_key_required');
    }
  });

  it('answers 400 note_too_long for one character too many and 413 for an oversized body', async () => {
    const tooLong = await post(order, { text: 'a'.repeat(NOTE_MAX_LENGTH + 1) });
    assert.equal(tooLong.status, 400);
    assert.equal(ErrorBody.parse(tooLong.body).error.code, 'note_too_long');

    const huge = await post(order, { text: 'a'.repeat(100_000) });
    assert.equal(huge.status, 413);
    assert.equal(ErrorBody.parse(huge.body).error.code, 'payload_too_large');
  });

  it('answers 400 invalid_note for control characters, empty text or a wrong body', async () => {
    for (const body of [
      { text: 'bell\u0007' },
      { text: 'esc\u001b[2J' },
      { text: '   ' },
      { text: 42 },
      {},
    ]) {
      const answer = await post(order, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(ErrorBody.parse(answer.body).error.code, 'invalid_note');
    }
  });

  it('answers 400 invalid_order_id for an order id that is not a positive integer', async () => {
    const { status, body } = await post('12abc', { text: 'x' });
    assert.equal(status, 400);
    assert.equal(ErrorBody.parse(body).error.code, 'invalid_order_id');
  });

  it('answers 202 queued while BigCommerce refuses writes, then 201 on replay once the worker wrote it', async () => {
    const rule = h.sandbox.faults.add({ method: 'PUT', path: '/v2/orders/', errorRate: 1, status: 503 });
    const key = newKey();
    const queued = await post(order, { text: 'Written later.' }, key);
    assert.equal(queued.status, 202);
    const note = NoteResponse.parse(queued.body);
    assert.equal(note.status, 'queued');
    assert.equal(note.errorCode, 'upstream_unavailable');
    assert.equal(countRef(staffNotes(order), note.ref), 0);

    h.sandbox.faults.remove(rule);
    await h.drain();

    const replay = await post(order, { text: 'Written later.' }, key);
    assert.equal(replay.status, 201);
    assert.equal(NoteResponse.parse(replay.body).status, 'written');
    assert.equal(countRef(staffNotes(order), note.ref), 1);
  });

  it('answers 202 while BigCommerce throttles the store and retries no sooner than the reset', async () => {
    const rule = h.sandbox.faults.add({ method: 'PUT', rateLimit: { withHeaders: true, resetMs: 20_000 } });
    const started = h.clock.now;

    const { status, body } = await post(order, { text: 'Throttled.' });

    h.sandbox.faults.remove(rule);
    assert.equal(status, 202);
    assert.equal(NoteResponse.parse(body).errorCode, 'upstream_rate_limited');
    assert.ok(((await h.app.notes.outbox.nextDueAt()) ?? 0) >= started + 20_000);
    await h.drain();
  });

  it('answers 202 when the PUT hangs, and writes the note exactly once even though the hung PUT landed', async () => {
    const rule = h.sandbox.faults.add({ method: 'PUT', applyAfterWrite: true, hangRate: 1, times: 1 });
    const key = newKey();

    const queued = await post(order, { text: 'Unknown outcome.' }, key);

    assert.equal(queued.status, 202);
    const { ref } = NoteResponse.parse(queued.body);
    assert.equal(countRef(staffNotes(order), ref), 1, 'the hung PUT was applied');
    await h.drain();
    h.sandbox.faults.remove(rule);
    assert.equal(countRef(staffNotes(order), ref), 1);
    assert.equal((await post(order, { text: 'Unknown outcome.' }, key)).status, 201);
  });

  it('refuses with 409 staff_notes_full when the entry would pass 65,535 characters; a replay reports it failed', async () => {
    const target = personas.orders.partiallyShipped;
    const full = 'x'.repeat(STAFF_NOTES_MAX_LENGTH - 20);
    h.sandbox.store(STORE_HASH).data.setStaffNotes(target, full);
    const key = newKey();

    const first = await post(target, { text: 'Does not fit.' }, key);
    const replay = await post(target, { text: 'Does not fit.' }, key);

    assert.equal(first.status, 409);
    assert.equal(ErrorBody.parse(first.body).error.code, 'staff_notes_full');
    assert.equal(replay.status, 200);
    const note = NoteResponse.parse(replay.body);
    assert.equal(note.status, 'failed');
    assert.equal(note.errorCode, 'staff_notes_full');
    assert.equal(staffNotes(target), full);
    const events = await h.app.running.context.repos.ticketEvents.listByTicket('T-API', 1000);
    assert.ok(events.some((e) => e.type === 'note.failed' && e.orderId === target && e.status === 'failed'));
  });

  it('reports a queued note whose order disappeared as failed on replay, never dropping it silently', async () => {
    const target = personas.orders.refunded;
    const rule = h.sandbox.faults.add({ method: 'PUT', errorRate: 1, status: 500 });
    const key = newKey();
    const queued = await post(target, { text: 'Order will vanish.' }, key);
    assert.equal(queued.status, 202);
    h.sandbox.faults.remove(rule);
    // From now on BigCommerce says the order does not exist (deleted in the control panel).
    const gone = h.sandbox.faults.add({
      method: 'GET',
      path: `/v2/orders/${target}`,
      errorRate: 1,
      status: 404,
    });

    await h.drain();
    // The replay answers from the outbox: no ownership check against an order that is gone.
    const replay = await post(target, { text: 'Order will vanish.' }, key);
    h.sandbox.faults.remove(gone);

    assert.equal(replay.status, 200);
    const note = NoteResponse.parse(replay.body);
    assert.equal(note.status, 'failed');
    assert.equal(note.errorCode, 'order_not_found');
    assert.equal(await h.app.notes.countQueued(), 0);
  });

  it('counts queued notes in the /metrics gauge', async () => {
    const rule = h.sandbox.faults.add({ method: 'PUT', errorRate: 1, status: 500 });
    await post(order, { text: 'Gauge one.' });
    await post(order, { text: 'Gauge two.' });
    h.sandbox.faults.remove(rule);

    const metrics = await (await fetch(`${h.app.url}/metrics`)).text();

    assert.match(metrics, /^notes_queued 2$/m);
    await h.drain();
    assert.match(await (await fetch(`${h.app.url}/metrics`)).text(), /^notes_queued 0$/m);
  });

  it('records accepted and written ticket events with the correlation id', async () => {
    const response = await fetch(`${h.app.url}/api/v1/orders/${order}/notes`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${writer}`,
        'idempotency-key': newKey(),
        'x-correlation-id': 'corr-notes-audit-1',
      },
      body: JSON.stringify({ text: 'Audited.' }),
    });
    assert.equal(response.status, 201);

    const events = (await h.app.running.context.repos.ticketEvents.listByTicket('T-API', 1000)).filter(
      (e) => e.correlationId === 'corr-notes-audit-1',
    );
    assert.deepEqual(
      events.map((e) => [e.type, e.status, e.orderId, e.agent]),
      [
        ['note.accepted', 'queued', order, 'alice'],
        ['note.written', 'written', order, 'alice'],
      ],
    );
  });

  it('never shows the BigCommerce token in a response or a log line', () => {
    assert.ok(bodies.length > 20);
    for (const text of [...bodies, ...h.logs]) assert.ok(!text.includes(STORE_TOKEN), text.slice(0, 200));
  });
});
