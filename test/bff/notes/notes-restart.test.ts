import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NoteResponse } from '../../../shared/notes.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import { storeBackends } from '../support/postgres.js';
import { countRef, startNotesHarness, STORE_HASH, type NotesHarness } from './notes-harness.js';

const personas = SANDBOX_PERSONAS.sbx1eu;
const claims = {
  agent: 'carol',
  ticket: 'T-RESTART',
  customer: String(personas.registered.customerId),
  scope: 'orders:read notes:write',
};
const orders = [personas.orders.shippedWithTracking, personas.orders.refunded];

for (const { backend, label, skip } of await storeBackends('notes across a restart')) {
  describe(`queued notes across a restart (${label})`, { skip }, () => {
    let h: NotesHarness;

    before(async () => {
      h = await startNotesHarness({ backend });
    });

    after(async () => {
      await h.close();
    });

    it('writes notes that were queued when the app stopped, once it starts again on the same database', async () => {
      const session = await h.openSession(claims);
      const fault = h.sandbox.faults.add({ method: 'PUT', path: '/v2/orders/', errorRate: 1, status: 503 });
      const queued: Array<{ key: string; orderId: number; text: string; ref: string }> = [];
      for (let i = 0; i < 5; i += 1) {
        const key = `restart-note-${i}`;
        const orderId = orders[i % orders.length]!;
        const text = `Queued before the restart ${i}.`;
        const answer = await h.postNote(session, orderId, { text }, key);
        assert.equal(answer.status, 202);
        queued.push({ key, orderId, text, ref: NoteResponse.parse(answer.body).ref });
      }
      assert.equal(await h.app.notes.countQueued(), 5);

      h.sandbox.faults.remove(fault);
      const app = await h.restart();
      // Each note comes due when its backoff ends (a restart does not cut it short); drain follows the clock.
      await h.drain();

      assert.equal(await app.notes.countQueued(), 0);
      const data = h.sandbox.store(STORE_HASH).data;
      for (const note of queued) {
        assert.equal(countRef(data.getOrder(note.orderId)?.staff_notes ?? '', note.ref), 1, note.key);
      }
      const again = await h.openSession(claims);
      for (const note of queued) {
        const replay = await h.postNote(again, note.orderId, { text: note.text }, note.key);
        assert.equal(replay.status, 201);
        assert.equal(NoteResponse.parse(replay.body).ref, note.ref);
      }
    });
  });
}
