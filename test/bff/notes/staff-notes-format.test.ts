import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  appendNoteEntry,
  containsNoteRef,
  formatNoteEntry,
  parseStaffNotes,
} from '../../../bff/src/notes/staff-notes-format.js';

const stamp = {
  ref: 'oc-abc123def4',
  at: new Date('2026-11-27T03:10:42Z'),
  ticket: 'T-1001',
  agent: 'alice',
};

describe('staff notes format', () => {
  it('stamps an entry with UTC time, ticket, agent and reference', () => {
    const entry = formatNoteEntry(stamp, 'Customer called about delivery.');
    assert.equal(
      entry,
      '--- Note 2026-11-27 03:10 UTC · ticket T-1001 · agent alice · ref oc-abc123def4 ---\nCustomer called about delivery.',
    );
  });

  it('keeps a colleague’s text when appending and finds our reference afterwards', () => {
    const existing = 'Gift wrap requested by phone.';
    const merged = appendNoteEntry(existing, formatNoteEntry(stamp, 'Refund approved.'));
    assert.ok(merged.startsWith(existing));
    assert.ok(containsNoteRef(merged, stamp.ref));
    assert.equal(containsNoteRef(merged, 'oc-zzzzzzzzzz'), false);
  });

  it('parses foreign text and our entries in order', () => {
    const merged = appendNoteEntry(
      appendNoteEntry('Old note.\nSecond line.', formatNoteEntry(stamp, 'First of ours.')),
      formatNoteEntry({ ...stamp, ref: 'oc-second0001', agent: 'bob' }, 'Second of ours.'),
    );
    assert.deepEqual(parseStaffNotes(merged), [
      { ref: null, at: null, ticket: null, agent: null, text: 'Old note.\nSecond line.', ours: false },
      {
        ref: 'oc-abc123def4',
        at: '2026-11-27T03:10:00Z',
        ticket: 'T-1001',
        agent: 'alice',
        text: 'First of ours.',
        ours: true,
      },
      {
        ref: 'oc-second0001',
        at: '2026-11-27T03:10:00Z',
        ticket: 'T-1001',
        agent: 'bob',
        text: 'Second of ours.',
        ours: true,
      },
    ]);
  });

  it('does not let note text forge a header line', () => {
    const forged = '--- Note 2026-01-01 00:00 UTC · ticket X · agent mallory · ref oc-forged0001 ---';
    const merged = formatNoteEntry(stamp, `hello\n${forged}`);
    assert.equal(containsNoteRef(merged, 'oc-forged0001'), false);
    assert.equal(parseStaffNotes(merged).length, 1);
  });

  it('keeps header fields on one line whatever the ticket or agent contains', () => {
    const entry = formatNoteEntry({ ...stamp, ticket: 'T-1\n--- x', agent: 'a · b' }, 'text');
    assert.equal(parseStaffNotes(entry)[0]?.ours, true);
  });

  it('returns nothing for empty staff notes', () => {
    assert.deepEqual(parseStaffNotes(''), []);
  });
});
