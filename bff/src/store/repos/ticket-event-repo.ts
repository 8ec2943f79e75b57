import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
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
  /** The orders a ticket's events of these types name, each once, in the order they were first named. */
  listOrderIds(ticket: string, types: readonly string[]): Promise<number[]>;
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
      return rows.map((row) => ({
        id: Number(row.id),
        ticket: row.ticket,
        orderId: row.order_id === null ? null : Number(row.order_id),
        agent: row.agent,
        type: row.type,
        status: row.status,
        correlationId: row.correlation_id,
        at: Number(row.at),
      }));
    },
    async listOrderIds(ticket, types) {
      if (types.length === 0) return [];
      const rows = await db
        .selectFrom('ticket_events')
        .select((eb) => ['order_id', eb.fn.min('id').as('first_id')])
        .where('ticket', '=', ticket)
        .where('order_id', 'is not', null)
        .where('type', 'in', types)
        .groupBy('order_id')
        .orderBy('first_id')
        .execute();
      return rows.map((row) => Number(row.order_id));
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
