import * as z from 'zod/mini';

/** Where a reader of the feed stands: after this seq of our own sequence. Opaque to novomind. */
export interface FeedCursor {
  seq: number;
}

const CursorJson = z.object({ v: z.literal(1), s: z.number().check(z.int(), z.nonnegative()) });

export function encodeFeedCursor(cursor: FeedCursor): string {
  return Buffer.from(JSON.stringify({ v: 1, s: cursor.seq })).toString('base64url');
}

/** null for anything we did not issue (400 invalid_cursor at the route). */
export function decodeFeedCursor(text: string): FeedCursor | null {
  if (text.length === 0 || text.length > 64 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const parsed = z.safeParse(CursorJson, JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? { seq: parsed.data.s } : null;
  } catch {
    return null;
  }
}
