import type { AppDatabase } from './db.js';

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
  append(event: TicketEvent): number;
  /** Oldest first. */
  listByTicket(ticket: string, limit?: number): TicketEventRecord[];
}

interface TicketEventRow {
  id: number;
  ticket: string;
  order_id: number | null;
  agent: string;
  type: string;
  status: string;
  correlation_id: string | null;
  at: number;
}

export function createTicketEventRepo(db: AppDatabase): TicketEventRepo {
  const insert = db.sqlite.prepare(
    `INSERT INTO ticket_events (ticket, order_id, agent, type, status, correlation_id, at)
     VALUES (@ticket, @orderId, @agent, @type, @status, @correlationId, @at)`,
  );
  const list = db.sqlite.prepare(
    'SELECT * FROM ticket_events WHERE ticket = ? ORDER BY at ASC, id ASC LIMIT ?',
  );
  return {
    append: (event) => Number(insert.run(event).lastInsertRowid),
    listByTicket: (ticket, limit = 200) =>
      (list.all(ticket, limit) as TicketEventRow[]).map((row) => ({
        id: row.id,
        ticket: row.ticket,
        orderId: row.order_id,
        agent: row.agent,
        type: row.type,
        status: row.status,
        correlationId: row.correlation_id,
        at: row.at,
      })),
  };
}
