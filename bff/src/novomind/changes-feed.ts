import type { Change, ChangeKind, ChangesPage } from '../../../shared/s2s.js';
import { AppError } from '../core/app-error.js';
import type { NovomindChange } from '../store/index.js';
import type { ChangeFanout } from './change-fanout.js';
import { decodeFeedCursor, encodeFeedCursor } from './feed-cursor.js';
import { FEED_RETENTION_MS, type NovomindDeps } from './novomind-deps.js';
import type { S2sClient } from './s2s-token.js';

export interface FeedQuery {
  cursor: string | null;
  /** ISO 8601: start at the first change at or after it (used when there is no cursor). */
  since: string | null;
  limit: number;
}

/**
 * GET /s2s/v1/changes (DESIGN §10). Without a cursor the feed starts now (an empty page whose cursor is the
 * head); `since` starts at a time; a cursor resumes after the last change it covered, across restarts, since
 * it is our own sequence. A cursor whose next changes were purged (older than the 14-day retention) is 410:
 * reading on would silently skip them.
 */
export async function readChanges(
  deps: NovomindDeps & { fanout: ChangeFanout },
  client: S2sClient,
  query: FeedQuery,
): Promise<ChangesPage> {
  const repo = deps.repos.novomindChanges;
  let position: number;
  if (query.cursor !== null) {
    const cursor = decodeFeedCursor(query.cursor);
    if (cursor === null)
      throw new AppError('invalid_cursor', { message: 'The feed cursor is not one we issued.' });
    position = cursor.seq;
  } else if (query.since !== null) {
    const at = parseSince(query.since);
    if (at < deps.now() - FEED_RETENTION_MS) throw new AppError('cursor_expired');
    await deps.fanout.catchUp();
    position = await repo.positionAt(at);
  } else {
    await deps.fanout.catchUp();
    return { changes: [], nextCursor: encodeFeedCursor({ seq: await repo.headSeq() }), endOfStream: true };
  }
  if (position < (await repo.purgedSeq())) throw new AppError('cursor_expired');
  if (position > (await repo.headSeq()))
    throw new AppError('invalid_cursor', { message: 'The feed cursor is not one we issued.' });

  await deps.fanout.catchUp();
  // The head first: every row up to it is committed (fan-out commits one after another), so moving a cursor
  // to it when this page ends the stream skips nothing.
  const head = await repo.headSeq();
  const rows = await repo.listAfter(position, query.limit + 1, client.market?.id);
  const page = rows.slice(0, query.limit);
  const endOfStream = rows.length <= query.limit;
  const last = page.at(-1)?.seq ?? position;
  return {
    changes: page.map(toChange),
    // At the end, past other markets' rows up to the head too, so a market-limited reader does not scan them again.
    nextCursor: encodeFeedCursor({ seq: endOfStream ? Math.max(last, head) : last }),
    endOfStream,
  };
}

function parseSince(since: string): number {
  const at = /^\d{4}-\d{2}-\d{2}T/.test(since) ? Date.parse(since) : Number.NaN;
  if (Number.isNaN(at)) {
    throw new AppError('invalid_request', {
      message: '`since` must be an ISO 8601 date-time, e.g. 2026-11-28T09:00:00Z.',
    });
  }
  return at;
}

export function toChange(row: NovomindChange): Change {
  const previous = (row.previous ?? {}) as { statusId?: unknown; status?: unknown };
  return {
    id: `oc-${row.orderSeq}-${row.ticket}`,
    seq: row.seq,
    ticket: row.ticket,
    market: row.market,
    kind: row.kind as ChangeKind,
    orderId: row.orderId,
    at: new Date(row.at).toISOString(),
    fields: row.fields,
    previous: {
      statusId: typeof previous.statusId === 'number' ? previous.statusId : null,
      status: typeof previous.status === 'string' ? previous.status : null,
    },
  };
}
