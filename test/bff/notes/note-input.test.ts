import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NOTE_MAX_LENGTH } from '../../../shared/notes.js';
import { AppError } from '../../../bff/src/core/app-error.js';
import { parseIdempotencyKey, parseNoteText } from '../../../bff/src/notes/note-input.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
}

describe('note input rules', () => {
  it('trims the text and turns CRLF and lone CR into LF', () => {
    assert.equal(parseNoteText({ text: '  a\r\nb\rc\td  ' }), 'a\nb\nc\td');
  });

  it('refuses control characters other than line breaks and tabs', () => {
    for (const bad of ['a\u0000b', 'a\u0007', 'a\u001b[31m', 'a\u007f', 'a\u0085b', 'x\ud800y']) {
      assert.equal(
        codeOf(() => parseNoteText({ text: bad })),
        'invalid_note',
        JSON.stringify(bad),
      );
    }
  });

  it('refuses empty, blank and non-string text as invalid_note', () => {
    for (const body of [{ text: '' }, { text: ' \n\t ' }, { text: 5 }, {}, null, 'text']) {
      assert.equal(
        codeOf(() => parseNoteText(body)),
        'invalid_note',
      );
    }
  });

  it('counts characters as a person does and refuses one too many with note_too_long', () => {
    assert.equal(parseNoteText({ text: '😀'.repeat(NOTE_MAX_LENGTH) }).length, NOTE_MAX_LENGTH * 2);
    assert.equal(
      codeOf(() => parseNoteText({ text: 'a'.repeat(NOTE_MAX_LENGTH + 1) })),
      'note_too_long',
    );
  });

  it('wants an Idempotency-Key of 8 to 128 safe characters', () => {
    assert.equal(
      parseIdempotencyKey('7f3c2a9e-0b1d-4c5e-9f00-1234567890ab'),
      '7f3c2a9e-0b1d-4c5e-9f00-1234567890ab',
    );
    for (const bad of [undefined, '', 'short', 'x'.repeat(129), 'has space1', 'newline\n123', 'ümlaut123']) {
      assert.equal(
        codeOf(() => parseIdempotencyKey(bad)),
        'idempotency_key_required',
        JSON.stringify(bad),
      );
    }
  });
});
