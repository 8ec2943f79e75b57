import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BigCommerceNetworkError } from '../../../bff/src/bigcommerce/errors.js';
import { writeNoteOnce, type StaffNotesPort } from '../../../bff/src/notes/note-writer.js';
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
