import { NOTE_MAX_LENGTH } from '../../../shared/notes.js';
import { AppError } from '../core/app-error.js';

/**
 * Input rules for a note, applied before anything is stored. Failures are AppErrors from the shared catalog,
 * so the widget can tell "too long" from "not valid" by code.
 */

/** Letters, digits and `._:-`: UUIDs, ULIDs and Stripe-style keys fit; nothing that could break a log line. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

// \p{Cc} is C0, DEL and C1; newline and tab are the two a person types into a text area on purpose.
// \p{Cs} (a lone surrogate) is not text at all and would not survive BigCommerce's storage.
const FORBIDDEN_CHARACTER = /[^\P{Cc}\n\t]|\p{Cs}/u;

export function parseIdempotencyKey(header: string | undefined): string {
  if (header === undefined || !IDEMPOTENCY_KEY_PATTERN.test(header)) {
    throw new AppError('idempotency_key_required', {
      message: 'An Idempotency-Key header of 8 to 128 letters, digits or ._:- is required.',
    });
  }
  return header;
}

/** Counted in code points, so an emoji is one character, as a person would count it. */
export function countNoteCharacters(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** Line breaks as LF (a text area posts CRLF on Windows browsers), surrounding blanks trimmed. */
export function normalizeText(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').trim();
}

/** Whether the text holds a control character other than newline and tab (see FORBIDDEN_CHARACTER). */
export function hasControlCharacters(text: string): boolean {
  return FORBIDDEN_CHARACTER.test(text);
}

/**
 * Normalizes line breaks (a text area posts CRLF on Windows browsers), trims, and checks length and control
 * characters. Returns the text exactly as it will be stored and written.
 */
export function parseNoteText(body: unknown): string {
  const raw: unknown =
    typeof body === 'object' && body !== null ? (body as { text?: unknown }).text : undefined;
  if (typeof raw !== 'string') {
    throw new AppError('invalid_note', { message: 'Send the note as {"text": "…"}.' });
  }
  const text = normalizeText(raw);
  if (text === '') throw new AppError('invalid_note', { message: 'The note is empty.' });
  if (hasControlCharacters(text)) {
    throw new AppError('invalid_note', {
      message: 'The note contains control characters; only line breaks and tabs are allowed.',
    });
  }
  const length = countNoteCharacters(text);
  if (length > NOTE_MAX_LENGTH) {
    throw new AppError('note_too_long', {
      message: `The note has ${length} characters; at most ${NOTE_MAX_LENGTH} are allowed.`,
    });
  }
  return text;
}
