import { createHash } from 'node:crypto';
import * as z from 'zod';

/**
 * The context list merges two newest-first upstream lists: the shopper's orders and guest orders placed with
 * the same email. A cursor records, for each list, where the next unread record is (upstream page and index
 * within that page), so the next page resumes both lists exactly where the last one stopped: no order is
 * skipped or repeated, whichever list the newest orders come from. Upstream pages are cached, so the same
 * position names the same record while a ticket is being read; the id of the last order read anchors the
 * position when a reloaded page has shifted (a new order arrived at the top of the list).
 *
 * `s` fingerprints the two lists (who, which channels). A cursor issued for another match (the ticket was
 * linked to someone else meanwhile) would resume the wrong lists, so it is rejected and the widget reloads.
 *
 * Opaque to the widget: base64url of a small JSON object.
 */
export interface ListPosition {
  /** 1-based upstream page. */
  page: number;
  /** Index of the next unread record within that page. */
  index: number;
  /** Id of the last record read from this list; 0 before the first. */
  lastId: number;
}

/** Where a live list continues. `before`: only orders created before it (the index answered the newer ones). */
export interface LiveCursor {
  kind: 'live';
  customer: ListPosition;
  guest: ListPosition;
  sources: string;
  before: number | null;
}

/** Where a list answered from the index continues (DESIGN §9): an offset into the window's orders. */
export interface IndexCursor {
  kind: 'index';
  offset: number;
  sources: string;
  /** The window's start the list was read with (epoch ms); past the window the list goes live before it. */
  windowStart: number;
}

export type ContextCursor = LiveCursor | IndexCursor;

export const START: ListPosition = Object.freeze({ page: 1, index: 0, lastId: 0 });

const MAX_CURSOR_LENGTH = 200;

const position = z.tuple([
  z.number().int().min(1).max(100_000),
  z.number().int().min(0).max(250),
  z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
]);

const sourcesWire = z.string().regex(/^[0-9a-f]{12}$/);
const epochMs = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const CursorWire = z.union([
  z.strictObject({ v: z.literal(1), c: position, g: position, s: sourcesWire, b: z.optional(epochMs) }),
  z.strictObject({ v: z.literal(2), o: z.number().int().min(0).max(1_000_000), s: sourcesWire, w: epochMs }),
]);

export function encodeCursor(cursor: ContextCursor): string {
  const wire =
    cursor.kind === 'index'
      ? { v: 2, o: cursor.offset, s: cursor.sources, w: cursor.windowStart }
      : {
          v: 1,
          c: [cursor.customer.page, cursor.customer.index, cursor.customer.lastId],
          g: [cursor.guest.page, cursor.guest.index, cursor.guest.lastId],
          s: cursor.sources,
          ...(cursor.before === null ? {} : { b: cursor.before }),
        };
  return Buffer.from(JSON.stringify(wire), 'utf8').toString('base64url');
}

/** null when the text is not a cursor we issued (the route answers 400 invalid_cursor). */
export function decodeCursor(text: string): ContextCursor | null {
  if (text.length === 0 || text.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = CursorWire.safeParse(json);
  if (!parsed.success) return null;
  const wire = parsed.data;
  if (wire.v === 2) return { kind: 'index', offset: wire.o, sources: wire.s, windowStart: wire.w };
  const { c, g, s } = wire;
  return {
    kind: 'live',
    customer: { page: c[0], index: c[1], lastId: c[2] },
    guest: { page: g[0], index: g[1], lastId: g[2] },
    sources: s,
    before: wire.b ?? null,
  };
}

/** A short, non-reversible fingerprint: the cursor travels in URLs and logs, so it must not carry an email. */
export function fingerprintSources(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 12);
}
