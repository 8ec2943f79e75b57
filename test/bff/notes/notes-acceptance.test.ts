import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NoteResponse } from '../../../shared/notes.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import { storeBackends } from '../support/postgres.js';
import { countRef, startNotesHarness, STORE_HASH, type NotesHarness } from './notes-harness.js';

const shopper = SANDBOX_PERSONAS.sbx1eu.manyOrders;
const AGENTS = [
  { agent: 'alice', ticket: 'T-ACC-1' },
  { agent: 'bob', ticket: 'T-ACC-2' },
];
const NOTES_PER_AGENT = 50;

interface Posted {
  agent: string;
  key: string;
  orderId: number;
  text: string;
  answers: Array<{ status: number; ref: string }>;
}

for (const { backend, label, skip } of await storeBackends('notes acceptance (100 notes exactly once)')) {
  describe(
    `acceptance: 100 notes on 10 orders while BigCommerce fails, hangs and a colleague edits (${label})`,
    { skip },
    () => {
      let h: NotesHarness;
      let orderIds: number[];
      const posted = new Map<string, Posted>();
      const sessions = new Map<string, string>();
      const colleagueText = new Map<number, string>();

      function notesOf(orderId: number): string {
        return h.sandbox.store(STORE_HASH).data.getOrder(orderId)?.staff_notes ?? '';
      }

      async function send(note: Posted): Promise<void> {
        const answer = await h.postNote(
          sessions.get(note.agent)!,
          note.orderId,
          { text: note.text },
          note.key,
        );
        assert.ok(
          answer.status === 201 || answer.status === 202,
          `${note.key}: ${answer.status} ${answer.text}`,
        );
        note.answers.push({ status: answer.status, ref: NoteResponse.parse(answer.body).ref });
      }

      before(async () => {
        h = await startNotesHarness({
          backend,
          faultSeed: Number(process.env.NOTES_SEED ?? 20261127),
          timeoutMs: 600,
        });
        const data = h.sandbox.store(STORE_HASH).data;
        orderIds = data.orders
          .filter((order) => order.customer_id === shopper.customerId && order.status_id !== 0)
          .slice(0, 10)
          .map((order) => order.id);
        assert.equal(orderIds.length, 10);
        for (const id of orderIds) data.setStaffNotes(id, `Before ${id}: fragile, ring twice.`);
        for (const { agent, ticket } of AGENTS) {
          sessions.set(
            agent,
            await h.openSession({
              agent,
              ticket,
              customer: String(shopper.customerId),
              scope: 'orders:read notes:write',
            }),
          );
          for (let i = 0; i < NOTES_PER_AGENT; i += 1) {
            // Both agents use the same key names: keys are scoped per ticket and agent.
            const key = `acceptance-note-${String(i).padStart(3, '0')}`;
            const orderId = orderIds[i % orderIds.length]!;
            posted.set(`${agent}/${key}`, {
              agent,
              key,
              orderId,
              text: `${agent} note ${i} on ${orderId}.`,
              answers: [],
            });
          }
        }
      });

      after(async () => {
        await h.close();
      });

      it('writes every note exactly once, keeps earlier and colleague text, and replays create nothing', async () => {
        // Notes of one order share a PUT, so there are few PUTs: the first four fail for sure, one way each (a
        // rule's `times` counts every matching request), and the dice go on from there.
        const faults = [
          h.sandbox.faults.add({
            method: 'PUT',
            path: '/v2/orders/',
            applyAfterWrite: true,
            status: 502,
            times: 1,
          }),
          h.sandbox.faults.add({ method: 'PUT', path: '/v2/orders/', errorRate: 1, status: 500, times: 2 }),
          h.sandbox.faults.add({ method: 'PUT', path: '/v2/orders/', hangRate: 1, times: 3 }),
          h.sandbox.faults.add({
            method: 'PUT',
            path: '/v2/orders/',
            applyAfterWrite: true,
            hangRate: 1,
            times: 4,
          }),
          h.sandbox.faults.add({ method: 'PUT', path: '/v2/orders/', errorRate: 0.2, status: 500 }),
          h.sandbox.faults.add({ method: 'PUT', path: '/v2/orders/', hangRate: 0.04 }),
          h.sandbox.faults.add({
            method: 'PUT',
            path: '/v2/orders/',
            applyAfterWrite: true,
            errorRate: 0.1,
            status: 502,
          }),
          h.sandbox.faults.add({ method: 'PUT', path: '/v2/orders/', applyAfterWrite: true, hangRate: 0.04 }),
        ];
        const notes = [...posted.values()];
        const waves = [notes.filter((_, i) => i % 2 === 0), notes.filter((_, i) => i % 2 === 1)];

        for (const [wave, batch] of waves.entries()) {
          // Each wave: its notes all at once, and every fifth key replayed concurrently with its original.
          await Promise.all([...batch.map(send), ...batch.filter((_, i) => i % 5 === 0).map(send)]);
          if (wave === 0) {
            // A colleague edits three orders in the control panel while notes are still queued.
            for (const id of orderIds.slice(0, 3)) {
              const text = `Colleague on ${id}: customer is a VIP.`;
              colleagueText.set(id, text);
              h.sandbox.store(STORE_HASH).data.setStaffNotes(id, `${notesOf(id)}\n\n${text}`);
            }
          }
        }
        await h.drain();
        for (const id of faults) h.sandbox.faults.remove(id);
        await h.drain();

        const putStatuses = h.sandbox.requests.filter((r) => r.method === 'PUT').map((r) => r.status);
        assert.ok(putStatuses.filter((s) => s >= 500).length >= 2, 'PUTs failed along the way');
        assert.ok(putStatuses.filter((s) => s === 0).length >= 2, 'some PUTs hung');
        // Notes of one order went in together: far fewer PUTs than notes, even with every failed one repeated.
        assert.ok(
          putStatuses.length < notes.length / 2,
          `${putStatuses.length} PUTs for ${notes.length} notes`,
        );
        assert.ok(
          notes.some((n) => n.answers.some((a) => a.status === 202)),
          'some notes were queued',
        );

        // One note per key: the replays answered with the original's reference.
        const refs = new Set<string>();
        for (const note of notes) {
          assert.equal(new Set(note.answers.map((a) => a.ref)).size, 1, note.key);
          refs.add(note.answers[0]!.ref);
        }
        assert.equal(refs.size, 100);

        for (const id of orderIds) {
          const text = notesOf(id);
          assert.ok(
            text.startsWith(`Before ${id}: fragile, ring twice.`),
            `order ${id} kept its earlier text`,
          );
          const colleague = colleagueText.get(id);
          if (colleague) assert.ok(text.includes(colleague), `order ${id} kept the colleague's text`);
          const mine = notes.filter((n) => n.orderId === id);
          for (const note of mine) {
            assert.equal(countRef(text, note.answers[0]!.ref), 1, `${note.agent}/${note.key} on ${id}`);
            assert.ok(text.includes(`\n${note.text}`));
          }
          assert.equal(text.match(/^--- Note /gm)?.length, mine.length, `order ${id} holds no extra entries`);
        }
      });

      it('answers every key afterwards with 201 written and writes nothing more', async () => {
        const snapshot = orderIds.map(notesOf);

        for (const note of posted.values()) {
          const answer = await h.postNote(
            sessions.get(note.agent)!,
            note.orderId,
            { text: note.text },
            note.key,
          );
          assert.equal(answer.status, 201);
          assert.equal(NoteResponse.parse(answer.body).ref, note.answers[0]!.ref);
        }

        assert.deepEqual(orderIds.map(notesOf), snapshot);
        assert.equal(await h.app.notes.countQueued(), 0);
      });

      it('recorded each note as accepted once and written once on its ticket', async () => {
        for (const { ticket } of AGENTS) {
          const events = await h.app.running.context.repos.ticketEvents.listByTicket(ticket, 10_000);
          assert.equal(events.filter((e) => e.type === 'note.accepted').length, NOTES_PER_AGENT);
          assert.equal(events.filter((e) => e.type === 'note.written').length, NOTES_PER_AGENT);
          assert.equal(events.filter((e) => e.type === 'note.failed').length, 0);
        }
      });
    },
  );
}
