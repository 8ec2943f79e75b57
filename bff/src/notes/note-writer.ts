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

export interface NoteBatch {
  orderId: number;
  /** The note this attempt is for. */
  first: NoteToWrite;
  /**
   * The order's other queued notes, asked once per round right after the read, so that notes accepted while we
   * waited for the lock or the read go into the same PUT. Each must be owned by this attempt from then on (its
   * outcome is in the answer). Default: none.
   */
  more?: () => Promise<readonly NoteToWrite[]>;
}

/**
 * Appends one note to an order's staff_notes exactly once; see writeNotesOnce.
 */
export async function writeNoteOnce(port: StaffNotesPort, note: NoteToWrite): Promise<WriteOutcome> {
  const outcomes = await writeNotesOnce(port, { orderId: note.orderId, first: note });
  return outcomes.get(note.stamp.ref) ?? retryOutcome(note.orderId);
}

/**
 * Appends a batch of one order's notes to its staff_notes, each exactly once, in one read-merge-write. Must run
 * under the order's lock. Returns an outcome for every note of the batch (`first` and whatever `more` gave).
 *
 * Each round reads the order first: a note whose reference is already there (an earlier attempt's PUT was
 * applied although nobody saw the answer) is written and not sent again. The others go after the CURRENT text
 * (whatever colleagues wrote stays), oldest first, as many as fit, and we read back to verify each reference.
 * A read-back without some reference means somebody replaced the field in between; the next round appends
 * those to their text. A note that does not fit once the older ones are in fails with `staff_notes_full` — but
 * only after the older ones are verified in place: until then it might still fit.
 *
 * One PUT carries many notes, so a burst of notes on one order costs three calls instead of three per note,
 * which is what keeps a store's shared quota enough for a contact centre (issue 15's 100 notes in 30 s).
 *
 * Transport errors propagate: the caller decides between retry and failure (see note-retry-policy.ts) for
 * every note of the batch that has no outcome yet.
 */
export async function writeNotesOnce(
  port: StaffNotesPort,
  batch: NoteBatch,
): Promise<Map<string, WriteOutcome>> {
  const { orderId } = batch;
  const outcomes = new Map<string, WriteOutcome>();
  const seen = new Set<string>([batch.first.stamp.ref]);
  let pending: NoteToWrite[] = [batch.first];
  let puts = 0;
  for (let round = 1; round <= MAX_WRITE_ROUNDS; round += 1) {
    const current = await port.readStaffNotes(orderId);
    if (current === null) return settleAll(outcomes, pending, orderGone(orderId));
    for (const note of (await batch.more?.()) ?? []) {
      if (seen.has(note.stamp.ref)) continue;
      seen.add(note.stamp.ref);
      pending.push(note);
    }
    pending = pending.filter((note) => {
      if (!containsNoteRef(current, note.stamp.ref)) return true;
      outcomes.set(note.stamp.ref, { kind: 'written', alreadyPresent: puts === 0, puts });
      return false;
    });
    if (pending.length === 0) return outcomes;

    const { merged, included, left } = mergeOldestFirst(current, pending);
    for (const note of left) {
      // Too long even alone: it can never be written, whatever happens to the others.
      if (!fitsStaffNotes(appendNoteEntry(current, entryOf(note))))
        outcomes.set(note.stamp.ref, full(orderId));
    }
    pending = pending.filter((note) => !outcomes.has(note.stamp.ref));
    if (included.length === 0) return outcomes;

    await port.writeStaffNotes(orderId, merged);
    puts += 1;
    const after = await port.readStaffNotes(orderId);
    if (after === null) return settleAll(outcomes, pending, orderGone(orderId));
    for (const note of included) {
      if (containsNoteRef(after, note.stamp.ref))
        outcomes.set(note.stamp.ref, { kind: 'written', alreadyPresent: false, puts });
    }
    if (included.every((note) => outcomes.has(note.stamp.ref))) {
      // The older notes are in for good: what did not fit behind them never will.
      return settleAll(outcomes, pending, full(orderId));
    }
    pending = pending.filter((note) => !outcomes.has(note.stamp.ref));
  }
  return settleAll(outcomes, pending, retryOutcome(orderId));
}

/** The notes in the order they were written, appended while they fit; `left` are those that did not. */
function mergeOldestFirst(
  current: string,
  notes: readonly NoteToWrite[],
): { merged: string; included: NoteToWrite[]; left: NoteToWrite[] } {
  const ordered = [...notes].sort(
    (a, b) => a.stamp.at.getTime() - b.stamp.at.getTime() || a.stamp.ref.localeCompare(b.stamp.ref),
  );
  let merged = current;
  const included: NoteToWrite[] = [];
  const left: NoteToWrite[] = [];
  for (const note of ordered) {
    const candidate = appendNoteEntry(merged, entryOf(note));
    if (fitsStaffNotes(candidate)) {
      merged = candidate;
      included.push(note);
    } else {
      left.push(note);
    }
  }
  return { merged, included, left };
}

function entryOf(note: NoteToWrite): string {
  return formatNoteEntry(note.stamp, note.text);
}

function settleAll(
  outcomes: Map<string, WriteOutcome>,
  notes: readonly NoteToWrite[],
  outcome: WriteOutcome,
): Map<string, WriteOutcome> {
  for (const note of notes) if (!outcomes.has(note.stamp.ref)) outcomes.set(note.stamp.ref, outcome);
  return outcomes;
}

function full(orderId: number): WriteOutcome {
  return {
    kind: 'failed',
    code: 'staff_notes_full',
    message: `staff_notes of order ${orderId} would exceed BigCommerce's limit with this note`,
  };
}

function retryOutcome(orderId: number): WriteOutcome {
  return {
    kind: 'retry',
    code: 'upstream_error',
    message: `staff_notes of order ${orderId} kept changing under us for ${MAX_WRITE_ROUNDS} rounds`,
  };
}

function orderGone(orderId: number): WriteOutcome {
  return {
    kind: 'failed',
    code: 'order_not_found',
    message: `order ${orderId} no longer exists in BigCommerce`,
  };
}
