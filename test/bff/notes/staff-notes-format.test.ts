import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  appendNoteEntry,
  containsNoteRef,
  formatNoteEntry,
  parseNoteHeader,
  parseStaffNotes,
  STAFF_NOTES_MAX_LENGTH,
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

// The single regex the header parser replaced. It stays here as the specification of the accepted format: on
// short lines (where its backtracking costs nothing) both must agree exactly.
const FORMER_HEADER =
  /^--- Note (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) UTC · ticket (.+?) · agent (.+?) · ref (oc-[a-z0-9]{6,32}) ---$/;

function parseWithFormerRegex(line: string) {
  const match = FORMER_HEADER.exec(line);
  if (!match) return null;
  const [, date, time, ticket, agent, ref] = match;
  return { ref, at: `${date}T${time}:00Z`, ticket, agent };
}

/** A small deterministic PRNG (mulberry32), so a failing line can be reproduced from the seed. */
function createRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const PREFIX = '--- Note 2026-01-01 00:00 UTC · ticket ';
/** Everything a near-miss header is made of: separators, reference pieces, line ends, look-alikes. */
const PIECES = [
  ' · agent ',
  ' · ref ',
  'oc-',
  'abc123',
  'x',
  'Z',
  ' ',
  '·',
  ' ---',
  '---',
  '\r',
  '\u2028',
  'T-1',
  'alice',
  'oc-abcdef',
  ' · ref oc-abc123def ---',
];

describe('staff notes header lines', () => {
  it('accepts and rejects exactly what the former header regex did', () => {
    const random = createRandom(20261127);
    const pick = () => PIECES[Math.floor(random() * PIECES.length)] ?? '';
    let accepted = 0;
    for (let i = 0; i < 20_000; i += 1) {
      let line = random() < 0.9 ? PREFIX : PREFIX.slice(0, Math.floor(random() * PREFIX.length));
      const pieces = Math.floor(random() * 4);
      for (let p = 0; p < pieces; p += 1) line += pick();
      // Most lines get a separator between two random middles and a valid ending, so acceptance is exercised
      // as much as rejection.
      if (random() < 0.7) line += ' · agent ';
      for (let p = 0; p < pieces; p += 1) line += pick();
      if (random() < 0.6) line += ` · ref oc-${'k'.repeat(3 + Math.floor(random() * 34))} ---`;
      const expected = parseWithFormerRegex(line);
      if (expected) accepted += 1;
      assert.deepEqual(parseNoteHeader(line), expected, JSON.stringify(line));
    }
    assert.ok(accepted > 2_000, `only ${accepted} generated lines were headers`);
  });

  it('takes the ticket up to the first agent separator and the reference before the final ---', () => {
    assert.deepEqual(parseNoteHeader(`${PREFIX}T · agent 1 · agent a · ref oc-bad · ref oc-abcdef12 ---`), {
      ref: 'oc-abcdef12',
      at: '2026-01-01T00:00:00Z',
      ticket: 'T',
      agent: '1 · agent a · ref oc-bad',
    });
    assert.equal(
      parseNoteHeader(`${PREFIX} · agent a · ref oc-abcdef12 ---`),
      null,
      'the ticket is never empty',
    );
    assert.equal(parseNoteHeader(`${PREFIX}T · agent   · ref oc-abcdef12 ---`)?.agent, ' ');
    assert.equal(parseNoteHeader(`${PREFIX}T · agent  · ref oc-abcdef12 ---`), null, 'nor is the agent');
    assert.equal(parseNoteHeader(`${PREFIX}T · agent a · ref oc-abcdef12 --- `), null);
    assert.equal(parseNoteHeader(`${PREFIX}T\r · agent a · ref oc-abcdef12 ---`), null);
  });

  it('reads a 64 KB line of agent separators with no valid ending as plain text', () => {
    let line = PREFIX;
    while (line.length < 65_000) line += 'x · agent ';
    line += ' · ref oc-abcdef --';

    assert.equal(parseNoteHeader(line), null);
    assert.deepEqual(parseStaffNotes(line), [
      { ref: null, at: null, ticket: null, agent: null, text: line.trimEnd(), ours: false },
    ]);
  });

  it('reads a 64 KB line of complete-looking headers glued together as plain text', () => {
    let line = PREFIX;
    while (line.length < 65_000) line += 'T · agent a · ref oc-abcdef ---x';

    assert.equal(parseNoteHeader(line), null);
    assert.equal(parseStaffNotes(line)[0]?.ours, false);
  });

  it('parses a genuine header whose ticket and agent fill 64 KB', () => {
    const ticket = 'T · ref oc-abcdef ---'.repeat(1_500);
    const agent = `b${' · agent '.repeat(5_000)}c`;
    const line = `${PREFIX}${ticket} · agent ${agent} · ref oc-abcdef12 ---`;
    assert.ok(line.length > 64 * 1024);

    const [entry] = parseStaffNotes(`${line}\nthe text`);
    assert.equal(entry?.ours, true);
    assert.equal(entry?.ticket, ticket);
    assert.equal(entry?.agent, agent);
    assert.equal(entry?.text, 'the text');
  });

  it('reads a whole 65,535-character staff_notes of near-miss headers as one colleague’s text', () => {
    const nearMisses = [
      `${PREFIX}T · agent a · ref oc-abcdef --`,
      `${PREFIX}T · agent  · ref oc-abc ---`,
      `--- Note 2026-01-01 00:00 UTC · ticket · agent a · ref oc-abcdef12 ---`,
      `${PREFIX}${' · agent '.repeat(40)} · ref oc-ABCDEF ---`,
    ];
    let staffNotes = '';
    for (let i = 0; staffNotes.length < STAFF_NOTES_MAX_LENGTH; i += 1) {
      staffNotes += `${nearMisses[i % nearMisses.length]}\n`;
    }
    staffNotes = staffNotes.slice(0, STAFF_NOTES_MAX_LENGTH);

    const entries = parseStaffNotes(staffNotes);
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.ours, false);
    assert.equal(entries[0]?.text, staffNotes.trimEnd());
    assert.equal(containsNoteRef(staffNotes, 'oc-abcdef'), false);
  });

  it('trims a 64 KB run of inner whitespace without losing the text around it', () => {
    const spaces = ' \t'.repeat(32_768);
    const staffNotes = `\n\nbefore${spaces}after${spaces}`;

    assert.deepEqual(parseStaffNotes(staffNotes), [
      { ref: null, at: null, ticket: null, agent: null, text: `before${spaces}after`, ours: false },
    ]);
    const header = formatNoteEntry(stamp, 'Refund approved.').split('\n')[0] ?? '';
    assert.equal(containsNoteRef(`${spaces}x\n${header}${spaces}`, stamp.ref), true);
    assert.equal(containsNoteRef(`${header}${spaces}x`, stamp.ref), false);
  });
});
