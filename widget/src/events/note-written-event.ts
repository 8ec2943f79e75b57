import type { NoteResponse } from '../../../shared/notes.js';

/**
 * A note the agent submitted is now verified in BigCommerce's staff notes (possibly long after the click,
 * when it was queued). Composed so the iAGENT page can react, e.g. mark the ticket.
 */
export class OcNoteWrittenEvent extends Event {
  static readonly eventName = 'oc-note-written';
  readonly note: NoteResponse;

  constructor(note: NoteResponse) {
    super(OcNoteWrittenEvent.eventName, { bubbles: true, composed: true });
    this.note = note;
  }
}

declare global {
  interface HTMLElementEventMap {
    'oc-note-written': OcNoteWrittenEvent;
  }
}
