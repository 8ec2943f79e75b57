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

// A header line is `--- Note <date> <time> UTC · ticket <ticket> · agent <agent> · ref <ref> ---`. It is taken
// apart with fixed pieces (an anchored start, the end, indexOf) rather than one regex with two lazy groups: the
// control panel lets anybody write any line into staff_notes, and `(.+?) · agent (.+?)` backtracks
// quadratically over a long line with many separators, on every order-detail load.
const HEADER_START = /^--- Note (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) UTC · ticket /;
const HEADER_END = ' ---';
const REF_SEPARATOR = ' · ref ';
const AGENT_SEPARATOR = ' · agent ';
// What `.` does not match: header fields never span lines (a lone \r stays inside a split line).
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;
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
    // trimEnd, not /\s+$/: that regex is quadratic over a long run of inner whitespace.
    const line = raw.trimEnd();
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

interface NoteHeader {
  ref: string;
  at: string;
  ticket: string;
  agent: string;
}

/**
 * Reads one of our header lines, or null. Accepts exactly what the former single regex accepted (the ticket
 * ends at the first ` · agent `, the reference is the `oc-…` right before the final ` ---`), in one pass.
 */
export function parseNoteHeader(line: string): NoteHeader | null {
  const start = HEADER_START.exec(line);
  if (!start || !line.endsWith(HEADER_END)) return null;
  const beforeEnd = line.length - HEADER_END.length;
  // The reference has no spaces, so only the last ref separator can precede it.
  const refAt = line.lastIndexOf(REF_SEPARATOR, beforeEnd - REF_SEPARATOR.length);
  const fieldsAt = start[0].length;
  if (refAt < fieldsAt) return null;
  const ref = line.slice(refAt + REF_SEPARATOR.length, beforeEnd);
  if (!isNoteRef(ref)) return null;
  const fields = line.slice(fieldsAt, refAt);
  if (LINE_TERMINATOR.test(fields)) return null;
  // Ticket and agent are both non-empty; the ticket is the shortest choice, as the lazy group made it.
  const agentAt = fields.indexOf(AGENT_SEPARATOR, 1);
  if (agentAt < 0 || agentAt + AGENT_SEPARATOR.length >= fields.length) return null;
  return {
    ref,
    at: `${start[1]}T${start[2]}:00Z`,
    ticket: fields.slice(0, agentAt),
    agent: fields.slice(agentAt + AGENT_SEPARATOR.length),
  };
}

/** Leading blank lines and trailing whitespace off an entry's text, in linear time (see containsNoteRef). */
function trimEntryText(text: string): string {
  let start = 0;
  while (text.charCodeAt(start) === 10) start += 1;
  return text.slice(start).trimEnd();
}

export function parseStaffNotes(staffNotes: string): ParsedStaffNote[] {
  const entries: ParsedStaffNote[] = [];
  let current: ParsedStaffNote | null = null;
  let lines: string[] = [];
  const flush = (): void => {
    const text = trimEntryText(lines.join('\n'));
    if (current) entries.push({ ...current, text });
    else if (text !== '') entries.push({ ref: null, at: null, ticket: null, agent: null, text, ours: false });
    lines = [];
  };
  for (const line of staffNotes.replace(/\r\n/g, '\n').split('\n')) {
    const header = parseNoteHeader(line);
    if (header) {
      flush();
      current = { ...header, text: '', ours: true };
    } else {
      lines.push(line);
    }
  }
  flush();
  return entries;
}
