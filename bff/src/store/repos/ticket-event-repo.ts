import type { Kysely, Selectable } from 'kysely';
import type { Database, TicketEventsTable } from '../schema.js';
import { DEFAULT_RETENTION, type Retention } from './retention.js';

/** An audit line about a ticket: what we did on its behalf, and with which outcome. */
export interface TicketEvent {
  ticket: string;
  orderId: number | null;
  agent: string;
  /** e.g. "session.opened", "note.queued", "note.written", "link.set". */
  type: string;
  /** e.g. "ok", "queued", "failed". */
  status: string;
  correlationId: string | null;
  at: number;
}

export interface TicketEventRecord extends TicketEvent {
  id: number;
}

export interface TicketEventRepo {
  append(event: TicketEvent): Promise<number>;
  /** Oldest first. */
  listByTicket(ticket: string, limit?: number): Promise<TicketEventRecord[]>;
  /**
   * The orders a ticket's events of these types name, each once, in the order they were first named; an order whose
   * latest event among these and `untie` is of an `untie` type (a link by that order undone) is left out.
   */
  listOrderIds(ticket: string, types: readonly string[], untie?: readonly string[]): Promise<number[]>;
  /** The ticket's latest event of this type by this agent at this moment, if any. */
  find(ticket: string, event: Pick<TicketEvent, 'type' | 'agent' | 'at'>): Promise<TicketEventRecord | null>;
  /** Applies the retention bounds (maintenance). */
  purge(now: number): Promise<number>;
}

export function toTicketEventRow(event: TicketEvent) {
  return {
    ticket: event.ticket,
    order_id: event.orderId,
    agent: event.agent,
    type: event.type,
    status: event.status,
    correlation_id: event.correlationId,
    at: event.at,
  };
}

function toRecord(row: Selectable<TicketEventsTable>): TicketEventRecord {
  return {
    id: Number(row.id),
    ticket: row.ticket,
    orderId: row.order_id === null ? null : Number(row.order_id),
    agent: row.agent,
    type: row.type,
    status: row.status,
    correlationId: row.correlation_id,
    at: Number(row.at),
  };
}

export function createTicketEventRepo(
  db: Kysely<Database>,
  retention: Retention = DEFAULT_RETENTION.ticketEvents,
): TicketEventRepo {
  return {
    async append(event) {
      const row = await db
        .insertInto('ticket_events')
        .values(toTicketEventRow(event))
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },
    async listByTicket(ticket, limit = 200) {
      const rows = await db
        .selectFrom('ticket_events')
        .selectAll()
        .where('ticket', '=', ticket)
        .orderBy('at', 'asc')
        .orderBy('id', 'asc')
        .limit(limit)
        .execute();
      return rows.map(toRecord);
    },
    async listOrderIds(ticket, types, untie = []) {
      if (types.length === 0) return [];
      const rows = await db
        .selectFrom('ticket_events')
        .select(['id', 'order_id', 'type'])
        .where('ticket', '=', ticket)
        .where('order_id', 'is not', null)
        .where('type', 'in', [...types, ...untie])
        .orderBy('id')
        .execute();
      const tied = new Map<number, boolean>();
      for (const row of rows) {
        const orderId = Number(row.order_id);
        if (untie.includes(row.type)) {
          if (tied.has(orderId)) tied.set(orderId, false);
        } else if (!tied.get(orderId)) {
          // Map order is first-insertion order: an order tied again keeps its first place.
          tied.set(orderId, true);
        }
      }
      return [...tied].filter(([, isTied]) => isTied).map(([orderId]) => orderId);
    },
    async find(ticket, event) {
      const row = await db
        .selectFrom('ticket_events')
        .selectAll()
        .where('ticket', '=', ticket)
        .where('type', '=', event.type)
        .where('agent', '=', event.agent)
        .where('at', '=', event.at)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async purge(now) {
      const old = await db
        .deleteFrom('ticket_events')
        .where('at', '<', now - retention.maxAgeMs)
        .executeTakeFirst();
      const overflow = await db
        .deleteFrom('ticket_events')
        .where('id', '<=', (eb) =>
          eb
            .selectFrom('ticket_events')
            .select('id')
            .orderBy('id', 'desc')
            .limit(1)
            .offset(retention.maxRows),
        )
        .executeTakeFirst();
      return Number(old.numDeletedRows) + Number(overflow.numDeletedRows);
    },
  };
}
