// A store that hangs or is throttled never slows another store: its own BigCommerce client (throttle, concurrency
// slots, sockets) waits, the other store's sessions get their context, order detail and notes. Asserted by
// ordering (the hung store's request is still pending when the other store's answers are in) and by the
// sandbox's request log, never by durations.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ContextResponse, NoteResponse, OrderDetail } from '../../../shared/index.js';
import { SANDBOX_PERSONAS, type FaultRule } from '../../../bff/src/sandbox/index.js';
import { containsNoteRef } from '../../../bff/src/notes/staff-notes-format.js';
import { startMarkets, track, waitUntil, type Markets } from './markets-harness.js';

const eu = SANDBOX_PERSONAS.sbx1eu;
const us = SANDBOX_PERSONAS.sbx2us;

interface StoreFault {
  name: string;
  rule: (markets: Markets) => FaultRule;
  /** The sync point: store A's client is stuck (a request hangs upstream, or it waits out a 429). */
  isStuck: (markets: Markets) => boolean;
}

const FAULTS: StoreFault[] = [
  {
    name: 'hangs',
    rule: (markets) => ({ store: markets.eu.hash, hangRate: 1 }),
    isStuck: (markets) => markets.upstream('eu').some((request) => request.status === 0),
  },
  {
    name: 'is throttled by a 429 storm',
    rule: (markets) => ({ store: markets.eu.hash, rateLimit: { withHeaders: true, resetMs: 5_000 } }),
    isStuck: (markets) => markets.gate.waiting() > 0,
  },
];

async function postNote(
  markets: Markets,
  session: string,
  orderId: number,
  key: string,
  text: string,
): Promise<{ status: number; note: NoteResponse }> {
  const reply = await markets.post(
    session,
    `/api/v1/orders/${orderId}/notes`,
    { text },
    { 'idempotency-key': key },
  );
  assert.ok(reply.status === 201 || reply.status === 202, reply.text);
  return { status: reply.status, note: NoteResponse.parse(reply.body) };
}

for (const fault of FAULTS) {
  describe(`while the EU store ${fault.name}`, () => {
    let markets: Markets;
    // A fresh product per test: requests stuck in one test would hold the EU store's slots in the next.
    beforeEach(async () => {
      // Two slots per store: the EU store's stuck requests fill its own slots, never the US store's.
      markets = await startMarkets({ maxConcurrency: 2 });
      markets.gate.shut();
    });
    afterEach(() => markets.close());

    it('a US session gets its context, order detail and written note while the EU session’s context is stuck', async () => {
      const deSession = await markets.session({ market: 'de', email: eu.registered.email });
      const usSession = await markets.session({ market: 'us', email: us.registeredWithGuestOrders.email });
      const faultId = markets.sandbox.faults.add(fault.rule(markets));
      markets.clearUpstream();

      const deContext = track(markets.get(deSession, '/api/v1/context'));
      const deDetail = track(markets.get(deSession, `/api/v1/orders/${eu.orders.refunded}`));
      await waitUntil(() => fault.isStuck(markets), 'the EU store is stuck');

      const usContext = await markets.get(usSession, '/api/v1/context');
      assert.equal(usContext.status, 200, usContext.text);
      const usOrderId = ContextResponse.parse(usContext.body).orders[0]?.id ?? 0;
      const usDetail = await markets.get(usSession, `/api/v1/orders/${usOrderId}`);
      const usNote = await postNote(markets, usSession, usOrderId, 'us-note-0001', 'Called back.');

      assert.equal(
        ContextResponse.parse(usContext.body).customer?.id,
        us.registeredWithGuestOrders.customerId,
      );
      assert.equal(usDetail.status, 200, usDetail.text);
      assert.equal(OrderDetail.parse(usDetail.body).id, usOrderId);
      assert.equal(usNote.status, 201);
      assert.ok(containsNoteRef(markets.us.data.getOrder(usOrderId)?.staff_notes ?? '', usNote.note.ref));
      assert.equal(deContext.settled(), false, 'the EU context is still waiting for its store');
      assert.equal(deDetail.settled(), false, 'the EU order detail is still waiting for its store');
      assert.ok(fault.isStuck(markets), 'the EU store is still stuck after the US answers');
      assert.ok(markets.upstream('us').every((request) => request.status >= 200 && request.status < 300));

      // Once the EU store recovers, its waiting session is answered too (the throttled one after its reset).
      markets.sandbox.faults.remove(faultId);
      if (fault.name.includes('429')) {
        markets.gate.open();
        assert.equal((await deContext.promise).status, 200);
        assert.equal((await deDetail.promise).status, 200);
      }
    });

    it('the worker writes a queued US note while a queued EU note is stuck in its own pass', async () => {
      const { notes } = markets;
      const deSession = await markets.session({ market: 'de', email: eu.registered.email });
      const usSession = await markets.session({ market: 'us', email: us.registered.email });
      const euOrder = eu.orders.shippedWithTracking;
      const usOrder = us.orders.shippedWithTracking;
      // Order details warm, so the ownership checks of the notes need no upstream call.
      assert.equal((await markets.get(deSession, `/api/v1/orders/${euOrder}`)).status, 200);
      assert.equal((await markets.get(usSession, `/api/v1/orders/${usOrder}`)).status, 200);
      // Both notes' first attempts fail quickly, so both wait in the outbox: EU's is due first.
      const putFails = markets.sandbox.faults.add({ method: 'PUT', errorRate: 1, status: 503 });
      const euNote = await postNote(markets, deSession, euOrder, 'eu-queued-0001', 'EU note.');
      markets.clock.advance(10 * 60_000);
      const usNote = await postNote(markets, usSession, usOrder, 'us-queued-0001', 'US note.');
      markets.sandbox.faults.remove(putFails);
      assert.deepEqual([euNote.status, usNote.status], [202, 202]);
      const euRef = euNote.note.ref;
      const usRef = usNote.note.ref;
      const usDueAt = (await notes.outbox.findByRef(usRef))?.nextAttemptAt ?? 0;
      assert.ok(
        ((await notes.outbox.findByRef(euRef))?.nextAttemptAt ?? 0) <= markets.clock.now(),
        'EU note due',
      );
      assert.ok(usDueAt > markets.clock.now(), 'US note not due yet');
      markets.sandbox.faults.add(fault.rule(markets));
      markets.clearUpstream();

      // Act: a worker pass takes the EU note and gets stuck on its store; then the US note falls due.
      const euPass = track(notes.worker.runOnce());
      await waitUntil(() => fault.isStuck(markets), 'the EU note’s attempt is stuck');
      markets.clock.advance(usDueAt - markets.clock.now());
      track(notes.worker.runOnce());
      // The second pass starts the US note beside the stuck EU pass (were it queued behind it, this gives up).
      await waitUntil(
        () =>
          notes.service.isInFlight(usRef) ||
          markets.upstream('us').some((request) => request.method === 'PUT'),
        'the US note started beside the stuck EU pass',
      );
      await notes.service.attemptNote(usRef);

      // Assert: the US note is written while the EU pass is still stuck.
      assert.equal((await notes.outbox.findByRef(usRef))?.status, 'written');
      assert.ok(containsNoteRef(markets.us.data.getOrder(usOrder)?.staff_notes ?? '', usRef));
      assert.equal((await notes.outbox.findByRef(euRef))?.status, 'queued');
      assert.equal(notes.service.isInFlight(euRef), true, 'the EU attempt is still stuck');
      assert.equal(euPass.settled(), false);
      assert.ok(
        markets.upstream('us').some((request) => request.method === 'PUT' && request.status === 200),
        'the US PUT went through',
      );
      assert.ok(!markets.upstream('eu').some((request) => request.method === 'PUT'), 'no EU PUT yet');
      const replay = await markets.post(
        usSession,
        `/api/v1/orders/${usOrder}/notes`,
        { text: 'US note.' },
        { 'idempotency-key': 'us-queued-0001' },
      );
      assert.equal(replay.status, 201);
    });
  });
}
