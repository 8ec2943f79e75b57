import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BigCommerceNetworkError } from '../../../bff/src/bigcommerce/errors.js';
import {
  writeNoteOnce,
  writeNotesOnce,
  type NoteToWrite,
  type StaffNotesPort,
} from '../../../bff/src/notes/note-writer.js';
import { containsNoteRef, STAFF_NOTES_MAX_LENGTH } from '../../../bff/src/notes/staff-notes-format.js';

/** An order's staff_notes in memory, with hooks to play a colleague or a lost answer. */
function createFakeOrder(initial: string | null) {
  const state = { notes: initial, log: [] as string[] };
  const hooks: { afterPut?: () => void; failPut?: 'before' | 'after' } = {};
  const port: StaffNotesPort = {
    async readStaffNotes() {
      state.log.push('GET');
      return state.notes;
    },
    async writeStaffNotes(_orderId, text) {
      state.log.push('PUT');
      const timeout = new BigCommerceNetworkError('timed out', {
        storeKey: 's',
        method: 'PUT',
        path: '/v2/orders/1',
        retryable: true,
        outcomeUnknown: true,
        timeout: true,
      });
      if (hooks.failPut === 'before') throw timeout;
      state.notes = text;
      hooks.afterPut?.();
      if (hooks.failPut === 'after') throw timeout;
    },
  };
  return { state, hooks, port };
}

const note = {
  orderId: 1,
  stamp: { ref: 'oc-testref00001', at: new Date('2026-03-01T10:00:00Z'), ticket: 'T-1', agent: 'alice' },
  text: 'Called the shopper.',
};

describe('writing one note to staff_notes', () => {
  it('appends after the existing text, then reads back once', async () => {
    const { state, port } = createFakeOrder('Gift wrap, please.');

    const outcome = await writeNoteOnce(port, note);

    assert.deepEqual(outcome, { kind: 'written', alreadyPresent: false, puts: 1 });
    assert.ok(state.notes?.startsWith('Gift wrap, please.\n\n--- Note 2026-03-01 10:00 UTC'));
    assert.deepEqual(state.log, ['GET', 'PUT', 'GET']);
  });

  it('sends nothing when an earlier, unanswered PUT already landed', async () => {
    const { state, hooks, port } = createFakeOrder('');
    hooks.failPut = 'after';
    await assert.rejects(writeNoteOnce(port, note), BigCommerceNetworkError);
    hooks.failPut = undefined;
    state.log = [];

    const outcome = await writeNoteOnce(port, note);

    assert.deepEqual(outcome, { kind: 'written', alreadyPresent: true, puts: 0 });
    assert.deepEqual(state.log, ['GET']);
    assert.equal(state.notes?.split(note.stamp.ref).length, 2);
  });

  it('re-appends to a colleague’s text that replaced ours between the PUT and the read-back', async () => {
    const { state, hooks, port } = createFakeOrder('Old.');
    hooks.afterPut = () => {
      hooks.afterPut = undefined;
      state.notes = 'Old.\n\nColleague: customer is VIP.';
    };

    const outcome = await writeNoteOnce(port, note);

    assert.deepEqual(outcome, { kind: 'written', alreadyPresent: false, puts: 2 });
    assert.ok(state.notes?.startsWith('Old.\n\nColleague: customer is VIP.\n\n--- Note'));
    assert.ok(containsNoteRef(state.notes ?? '', note.stamp.ref));
  });

  it('gives up for now (retry later) when the field keeps being replaced', async () => {
    const { state, hooks, port } = createFakeOrder('');
    hooks.afterPut = () => {
      state.notes = 'someone else';
    };

    const outcome = await writeNoteOnce(port, note);

    assert.equal(outcome.kind, 'retry');
    assert.equal(state.notes, 'someone else');
  });

  it('refuses with staff_notes_full instead of passing BigCommerce’s limit, and writes nothing', async () => {
    const { state, port } = createFakeOrder('x'.repeat(STAFF_NOTES_MAX_LENGTH - 50));

    const outcome = await writeNoteOnce(port, note);

    assert.equal(outcome.kind, 'failed');
    assert.equal(outcome.kind === 'failed' && outcome.code, 'staff_notes_full');
    assert.deepEqual(state.log, ['GET']);
  });

  it('counts the limit in UTF-8 bytes, so umlauts cannot push the field over', async () => {
    const { port } = createFakeOrder('ü'.repeat(32_740));

    const outcome = await writeNoteOnce(port, note);

    assert.equal(outcome.kind === 'failed' && outcome.code, 'staff_notes_full');
  });

  it('fails with order_not_found when the order is gone', async () => {
    const { port } = createFakeOrder(null);

    const outcome = await writeNoteOnce(port, note);

    assert.equal(outcome.kind === 'failed' && outcome.code, 'order_not_found');
  });

  it('finds its reference after the control panel saved the text with CRLF line ends', async () => {
    const { state, port } = createFakeOrder('');
    await writeNoteOnce(port, note);
    state.notes = (state.notes ?? '').replace(/\n/g, '\r\n') + '  ';
    state.log = [];

    const outcome = await writeNoteOnce(port, note);

    assert.deepEqual(outcome, { kind: 'written', alreadyPresent: true, puts: 0 });
  });
});

/** One of an order's notes, written by `agent` `minute` minutes after 10:00. */
function noteAt(
  minute: number,
  text: string,
  ref = `oc-batchref${String(minute).padStart(4, '0')}`,
): NoteToWrite {
  return {
    orderId: 1,
    stamp: { ref, at: new Date(Date.UTC(2026, 2, 1, 10, minute)), ticket: 'T-2', agent: 'bob' },
    text,
  };
}

describe('writing an order’s queued notes together', () => {
  it('puts every note into one PUT, oldest first, after the existing text', async () => {
    const { state, port } = createFakeOrder('Gift wrap, please.');
    const first = noteAt(5, 'Third.');
    const others = [noteAt(1, 'First.'), noteAt(3, 'Second.')];

    const outcomes = await writeNotesOnce(port, { orderId: 1, first, more: async () => others });

    assert.deepEqual(state.log, ['GET', 'PUT', 'GET']);
    for (const written of [first, ...others]) {
      assert.deepEqual(outcomes.get(written.stamp.ref), { kind: 'written', alreadyPresent: false, puts: 1 });
    }
    const text = state.notes ?? '';
    assert.ok(text.startsWith('Gift wrap, please.\n\n--- Note 2026-03-01 10:01 UTC'));
    assert.ok(
      text.indexOf('First.') < text.indexOf('Second.') && text.indexOf('Second.') < text.indexOf('Third.'),
    );
  });

  it('sends only the notes whose reference is not in place yet', async () => {
    const { state, port } = createFakeOrder('');
    const landed = noteAt(1, 'Landed earlier.');
    await writeNoteOnce(port, landed);
    state.log = [];
    const first = noteAt(2, 'New.');

    const outcomes = await writeNotesOnce(port, { orderId: 1, first, more: async () => [landed] });

    assert.deepEqual(outcomes.get(landed.stamp.ref), { kind: 'written', alreadyPresent: true, puts: 0 });
    assert.deepEqual(outcomes.get(first.stamp.ref), { kind: 'written', alreadyPresent: false, puts: 1 });
    assert.equal((state.notes ?? '').split(landed.stamp.ref).length, 2);
  });

  it('asks for more notes on each round, so notes accepted meanwhile join the re-append', async () => {
    const { state, hooks, port } = createFakeOrder('');
    const late = noteAt(9, 'Accepted while the first PUT was on its way.');
    let rounds = 0;
    hooks.afterPut = () => {
      hooks.afterPut = undefined;
      state.notes = 'Colleague replaced everything.';
    };

    const outcomes = await writeNotesOnce(port, {
      orderId: 1,
      first: note,
      more: async () => (++rounds === 2 ? [late] : []),
    });

    assert.deepEqual(state.log, ['GET', 'PUT', 'GET', 'GET', 'PUT', 'GET']);
    assert.deepEqual(outcomes.get(late.stamp.ref), { kind: 'written', alreadyPresent: false, puts: 2 });
    assert.ok((state.notes ?? '').startsWith('Colleague replaced everything.\n\n--- Note'));
  });

  it('fails what cannot fit behind the older notes only once those are verified in place', async () => {
    const room = STAFF_NOTES_MAX_LENGTH - 600;
    const { state, hooks, port } = createFakeOrder('x'.repeat(room));
    const older = noteAt(1, 'o'.repeat(300));
    const newer = noteAt(2, 'n'.repeat(300));
    hooks.failPut = 'before';

    // The PUT of the older note fails: the newer one has no outcome yet, it might still fit.
    await assert.rejects(writeNotesOnce(port, { orderId: 1, first: newer, more: async () => [older] }));
    assert.equal(state.notes, 'x'.repeat(room));

    hooks.failPut = undefined;
    const outcomes = await writeNotesOnce(port, { orderId: 1, first: newer, more: async () => [older] });

    assert.deepEqual(outcomes.get(older.stamp.ref), { kind: 'written', alreadyPresent: false, puts: 1 });
    const refused = outcomes.get(newer.stamp.ref);
    assert.equal(refused?.kind === 'failed' && refused.code, 'staff_notes_full');
    assert.equal(containsNoteRef(state.notes ?? '', newer.stamp.ref), false);
  });

  it('fails with order_not_found before taking on other notes when the order is gone', async () => {
    const { port } = createFakeOrder(null);
    const other = noteAt(1, 'Other.');

    const outcomes = await writeNotesOnce(port, { orderId: 1, first: note, more: async () => [other] });

    // The order is gone before `more` is asked: only the first note was taken on.
    assert.deepEqual([...outcomes.keys()], [note.stamp.ref]);
    const outcome = outcomes.get(note.stamp.ref);
    assert.equal(outcome?.kind === 'failed' && outcome.code, 'order_not_found');
  });
});
