import type { ErrorCode } from '../../../shared/errors.js';
import {
  appendNoteEntry,
  containsNoteRef,
  fitsStaffNotes,
  formatNoteEntry,
  type NoteStamp,
} from './staff-notes-format.js';

/** The two BigCommerce calls a note needs; the BigCommerce client provides them per store. */
export interface StaffNotesPort {
  /** The order's current staff_notes, or null when the order does not exist (404). */
  readStaffNotes(orderId: number): Promise<string | null>;
  /** PUT /v2/orders/{id} with only staff_notes. Never retried by the client: the outcome may be unknown. */
  writeStaffNotes(orderId: number, staffNotes: string): Promise<void>;
}

export interface NoteToWrite {
  orderId: number;
  stamp: NoteStamp;
  text: string;
}

export type WriteOutcome =
  | { kind: 'written'; alreadyPresent: boolean; puts: number }
  | { kind: 'failed'; code: ErrorCode; message: string }
  | { kind: 'retry'; code: ErrorCode; message: string };

/** How often we re-read and re-append when someone replaced staff_notes between our PUT and our read-back. */
export const MAX_WRITE_ROUNDS = 3;

/**
 * Appends one note to an order's staff_notes exactly once. Must run under the order's lock.
 *
 * Each round reads the order first: if our reference is already there (an earlier attempt's PUT was applied
 * although we never saw the answer), the note is written and nothing is sent. Otherwise our entry goes after
 * the CURRENT text (whatever colleagues wrote stays), and we read back to verify. A read-back without our
 * reference means somebody replaced the field in between; the next round appends to their text.
 *
 * Transport errors propagate: the caller decides between retry and failure (see note-retry-policy.ts).
 */
export async function writeNoteOnce(port: StaffNotesPort, note: NoteToWrite): Promise<WriteOutcome> {
  const { ref } = note.stamp;
  const entry = formatNoteEntry(note.stamp, note.text);
  let puts = 0;
  for (let round = 1; round <= MAX_WRITE_ROUNDS; round += 1) {
    const current = await port.readStaffNotes(note.orderId);
    if (current === null) return orderGone(note.orderId);
    if (containsNoteRef(current, ref)) return { kind: 'written', alreadyPresent: puts === 0, puts };
    const merged = appendNoteEntry(current, entry);
    if (!fitsStaffNotes(merged)) {
      return {
        kind: 'failed',
        code: 'staff_notes_full',
        message: `staff_notes of order ${note.orderId} would exceed BigCommerce's limit with this note`,
      };
    }
    await port.writeStaffNotes(note.orderId, merged);
    puts += 1;
    const after = await port.readStaffNotes(note.orderId);
    if (after === null) return orderGone(note.orderId);
    if (containsNoteRef(after, ref)) return { kind: 'written', alreadyPresent: false, puts };
  }
  return {
    kind: 'retry',
    code: 'upstream_error',
    message: `staff_notes of order ${note.orderId} kept changing under us for ${MAX_WRITE_ROUNDS} rounds`,
  };
}

function orderGone(orderId: number): WriteOutcome {
  return {
    kind: 'failed',
    code: 'order_not_found',
    message: `order ${orderId} no longer exists in BigCommerce`,
  };
}
