import { createHash } from 'node:crypto';
import type { MarketConfig, WriteBackEventType } from '../config.js';
import { AppError } from '../core/app-error.js';
import type { Logger } from '../core/logger.js';
import type { NoteService } from '../notes/index.js';
import type { TicketEventRepo } from '../store/index.js';
import { formatTicketEventEntry } from './audit-text.js';

/** A novomind ticket event, as the novomind room received it (POST /s2s/v1/events). */
export interface TicketEventToWriteBack {
  /** The market the ticket belongs to (its store is where the entries go). */
  market: string;
  ticket: string;
  /** e.g. "ticket.closed"; only the types the market's `writeBack.ticketEvents` lists are written back. */
  type: string;
  /** The iAGENT agent who caused it, when novomind names one. */
  agent?: string | null;
  /** novomind's event id: the same event twice writes each entry once. */
  eventId: string;
  correlationId?: string;
}

export interface WriteBackResult {
  /** False when the market does not write this event type back (nothing was done). */
  configured: boolean;
  /** One per order linked to the ticket: the entry's note reference and state (queued, written, failed). */
  entries: { orderId: number; ref: string | null; status: 'queued' | 'written' | 'failed' }[];
}

export type WriteBackTicketEvent = (event: TicketEventToWriteBack) => Promise<WriteBackResult>;

export interface WriteBackDeps {
  markets: Readonly<Record<string, Pick<MarketConfig, 'store' | 'writeBack'>>>;
  ticketEvents: Pick<TicketEventRepo, 'listOrderIds'>;
  notes: Pick<NoteService, 'submitNote'>;
  logger: Logger;
}

/**
 * The ticket events that tie an order to a ticket: an agent linked the ticket by that order, wrote a note on it
 * from the ticket, or changed its status from the ticket.
 */
export const TICKET_ORDER_EVENTS = ['link.set', 'note.accepted', 'status.changed'] as const;
/** A link by an order taken back (POST /api/v1/links/undo): the order is no longer the ticket's, unless named again. */
export const TICKET_ORDER_UNTIED = ['link.undo'] as const;

/** The note's Idempotency-Key: one per event and order, whatever characters novomind's event id uses. */
export function writeBackKey(eventId: string, orderId: number): string {
  const digest = createHash('sha256').update(eventId).digest('hex').slice(0, 40);
  return `tev:${digest}:${orderId}`;
}

function isWriteBackType(market: Pick<MarketConfig, 'writeBack'>, type: string): type is WriteBackEventType {
  return (market.writeBack.ticketEvents as readonly string[]).includes(type);
}

/**
 * DESIGN §11: a ticket event whose type the market lists in `writeBack.ticketEvents` becomes a stamped entry
 * ("Ticket T-1001 closed by alice") in the staff notes of every order linked to the ticket, through the notes
 * outbox: durable at once, written exactly once per event and order (the note's key is derived from both), and
 * retried by the notes worker while BigCommerce is down. Answers without waiting for BigCommerce.
 */
export function createTicketEventWriteBack(deps: WriteBackDeps): WriteBackTicketEvent {
  const logger = deps.logger.child({ room: 'status' });
  return async (event) => {
    const market = Object.hasOwn(deps.markets, event.market) ? deps.markets[event.market] : undefined;
    if (!market || !isWriteBackType(market, event.type)) return { configured: false, entries: [] };
    const agent = event.agent?.trim() || null;
    const text = formatTicketEventEntry(event.type, event.ticket, agent);
    const orderIds = await deps.ticketEvents.listOrderIds(
      event.ticket,
      TICKET_ORDER_EVENTS,
      TICKET_ORDER_UNTIED,
    );
    const entries: WriteBackResult['entries'] = [];
    for (const orderId of orderIds) {
      try {
        const answer = await deps.notes.submitNote(
          {
            storeKey: market.store,
            orderId,
            ticket: event.ticket,
            // The stamp names who caused the event; an event without an agent is novomind's own.
            agent: agent ?? 'novomind',
            text,
            idempotencyKey: writeBackKey(event.eventId, orderId),
            correlationId: event.correlationId ?? `tev-${event.eventId}`.slice(0, 64),
          },
          undefined,
          { inlineBudgetMs: 0 },
        );
        entries.push({ orderId, ref: answer.note.ref, status: answer.note.status });
      } catch (error) {
        // The same event id again with other content: the entry for it exists; never a second one.
        if (error instanceof AppError && error.code === 'idempotency_key_reused') continue;
        if (!(error instanceof AppError)) throw error;
        entries.push({ orderId, ref: null, status: 'failed' });
      }
    }
    logger.info(
      { ticket: event.ticket, type: event.type, eventId: event.eventId, orders: orderIds },
      'ticket event written back to its orders',
    );
    return { configured: true, entries };
  };
}
