import type { Kysely, Selectable } from 'kysely';
import type { Database, NovomindEventsTable } from '../schema.js';

/** A ticket event as novomind posted it (DESIGN §10), stored once per id. */
export interface NovomindEvent {
  id: string;
  ticket: string;
  type: string;
  agent: string;
  at: number;
  /** The validated event as posted (JSON-serializable). */
  payload: unknown;
  /** The s2s client that posted it. */
  client: string;
  correlationId: string;
  receivedAt: number;
}

export interface NovomindEventRepo {
  /** Stores the event unless its id is known; true when it was new. */
  insert(event: NovomindEvent): Promise<boolean>;
  /** Which of these ids are stored already. */
  findKnown(ids: readonly string[]): Promise<Set<string>>;
  /** Oldest first. */
  listByTicket(ticket: string, limit: number): Promise<NovomindEvent[]>;
  /** Forgets events received before `before`; how many. */
  purge(before: number): Promise<number>;
}

function toEvent(row: Selectable<NovomindEventsTable>): NovomindEvent {
  let payload: unknown = null;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    payload = null;
  }
  return {
    id: row.id,
    ticket: row.ticket,
    type: row.type,
    agent: row.agent,
    at: Number(row.at),
    payload,
    client: row.client,
    correlationId: row.correlation_id,
    receivedAt: Number(row.received_at),
  };
}

// A batch is at most 100 events; one IN list of that size is well inside both engines' parameter limits.
const MAX_IDS = 500;

export function createNovomindEventRepo(db: Kysely<Database>): NovomindEventRepo {
  return {
    async insert(event) {
      const result = await db
        .insertInto('novomind_events')
        .values({
          id: event.id,
          ticket: event.ticket,
          type: event.type,
          agent: event.agent,
          at: event.at,
          payload: JSON.stringify(event.payload ?? null),
          client: event.client,
          correlation_id: event.correlationId,
          received_at: event.receivedAt,
        })
        .onConflict((conflict) => conflict.column('id').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async findKnown(ids) {
      if (ids.length === 0) return new Set();
      if (ids.length > MAX_IDS) throw new RangeError(`findKnown takes at most ${MAX_IDS} ids`);
      const rows = await db
        .selectFrom('novomind_events')
        .select('id')
        .where('id', 'in', [...ids])
        .execute();
      return new Set(rows.map((row) => row.id));
    },
    async listByTicket(ticket, limit) {
      const rows = await db
        .selectFrom('novomind_events')
        .selectAll()
        .where('ticket', '=', ticket)
        .orderBy('at')
        .orderBy('received_at')
        .limit(limit)
        .execute();
      return rows.map(toEvent);
    },
    async purge(before) {
      const result = await db
        .deleteFrom('novomind_events')
        .where('received_at', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
