/**
 * How our notes look inside BigCommerce's `staff_notes`, one string shared with everybody who edits the order
 * in the control panel. Each of our entries starts with a header line that a person can read and we can parse:
 *
 *   --- Note 2026-11-27 03:10 UTC · ticket T-1001 · agent alice · ref oc-7f3k2m9q4x ---
 *   the note text
 *
 * Entries are separated by a blank line. Text that is not ours (a colleague's) is kept verbatim and shown
 * as entries with `ours: false`. The `ref` is our idempotency anchor: before writing we check whether it is
 * already present, so a retry after an unknown outcome never writes twice.
 */

/** BigCommerce's documented maxLength for staff_notes (orders.v2 PUT, BD spec). */
export const STAFF_NOTES_MAX_LENGTH = 65_535;

export interface NoteStamp {
  ref: string;
  at: Date;
  ticket: string;
  agent: string;
}

export interface ParsedStaffNote {
  ref: string | null;
  at: string | null;
  ticket: string | null;
  agent: string | null;
  text: string;
  ours: boolean;
}

const HEADER =
  /^--- Note (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) UTC · ticket (.+?) · agent (.+?) · ref (oc-[a-z0-9]{6,32}) ---$/;
const REF_PATTERN = /^oc-[a-z0-9]{6,32}$/;
// Ticket ids and agent names come from a signed token, but they still must not break the header line.
const UNSAFE_IN_HEADER = /[\r\n·]|---/g;

export function isNoteRef(value: string): boolean {
  return REF_PATTERN.test(value);
}

function formatUtc(at: Date): { date: string; time: string } {
  const iso = at.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

function headerSafe(value: string): string {
  return value.replace(UNSAFE_IN_HEADER, ' ').trim();
}

/** A line inside the note text that looks like our header would forge an entry; indenting it defuses it. */
function defuseText(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.startsWith('--- Note ') ? ` ${line}` : line))
    .join('\n');
}

export function formatNoteEntry(stamp: NoteStamp, text: string): string {
  if (!isNoteRef(stamp.ref)) throw new Error(`not a note reference: ${stamp.ref}`);
  const { date, time } = formatUtc(stamp.at);
  const header = `--- Note ${date} ${time} UTC · ticket ${headerSafe(stamp.ticket)} · agent ${headerSafe(stamp.agent)} · ref ${stamp.ref} ---`;
  return `${header}\n${defuseText(text)}`;
}

/** Appends an entry, keeping every character that was there before (a colleague's text included). */
export function appendNoteEntry(existing: string, entry: string): string {
  if (existing.trim() === '') return entry;
  const separator = existing.endsWith('\n\n') ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
  return `${existing}${separator}${entry}`;
}

/**
 * True when one of our header lines carries this reference. Deliberately a little lenient about the middle of
 * the header: the control panel's text area may save CRLF line ends or trailing blanks, and an editor may
 * mangle the `·` separators. Missing a header that is there would write the note twice; the start (`--- Note `,
 * never produced by note text, see defuseText) and the random reference at the end are what identify it.
 */
export function containsNoteRef(staffNotes: string, ref: string): boolean {
  if (!isNoteRef(ref)) return false;
  const ending = ` ref ${ref} ---`;
  return staffNotes.split(/\r\n|\r|\n/).some((raw) => {
    const line = raw.replace(/\s+$/, '');
    return line.startsWith('--- Note ') && line.endsWith(ending);
  });
}

/**
 * Whether BigCommerce can store this staff_notes text. Measured in UTF-8 bytes, the strictest reading of the
 * documented 65,535 limit: the field is a MySQL TEXT column in all likelihood, and a byte limit is never looser
 * than a character limit. A refusal is better than a write that is rejected or silently cut short.
 */
export function fitsStaffNotes(staffNotes: string): boolean {
  return new TextEncoder().encode(staffNotes).length <= STAFF_NOTES_MAX_LENGTH;
}

export function parseStaffNotes(staffNotes: string): ParsedStaffNote[] {
  const entries: ParsedStaffNote[] = [];
  let current: ParsedStaffNote | null = null;
  let lines: string[] = [];
  const flush = (): void => {
    const text = lines.join('\n').replace(/^\n+|\s+$/g, '');
    if (current) entries.push({ ...current, text });
    else if (text !== '') entries.push({ ref: null, at: null, ticket: null, agent: null, text, ours: false });
    lines = [];
  };
  for (const line of staffNotes.replace(/\r\n/g, '\n').split('\n')) {
    const match = HEADER.exec(line);
    if (match) {
      flush();
      const [, date, time, ticket, agent, ref] = match;
      current = {
        ref: ref ?? null,
        at: `${date}T${time}:00Z`,
        ticket: ticket ?? null,
        agent: agent ?? null,
        text: '',
        ours: true,
      };
    } else {
      lines.push(line);
    }
  }
  flush();
  return entries;
}
