import * as z from 'zod/mini';
import {
  EventsRequest,
  MAX_EVENTS_PER_CALL,
  TicketEventInput,
  type EventsAnswer,
} from '../../../shared/s2s.js';
import { ensureOrderVisible, type RequestScope } from '../context/index.js';
import { AppError, isAppError } from '../core/app-error.js';
import { parseNoteText, type NoteService } from '../notes/index.js';
import type { NovomindDeps } from './novomind-deps.js';
import type { S2sClient } from './s2s-token.js';
import { buildTicketContext, marketOf, toTicketViewer } from './ticket-context.js';
import { normalizeTicketInput } from './ticket-input.js';
import { findTicket, saveTicket } from './ticket-registry.js';

/** A stored ticket event, as handed to the write-back hook. */
export interface StoredTicketEvent {
  id: string;
  type: TicketEventInput['type'];
  ticket: string;
  market: string | null;
  agent: string;
  at: number;
}

export interface EventsDeps extends NovomindDeps {
  /** The notes room's outbox; null where the product runs without it (copies are then refused). */
  notes: Pick<NoteService, 'submitNote'> | null;
  /**
   * HOOK for the status room (DESIGN §11): ticket events a market lists in `writeBack.ticketEvents` become
   * stamped staff-notes entries on the ticket's orders. Called once per newly stored event; until that room is
   * wired in, nothing is written back.
   */
  writeBackTicketEvent?: (event: StoredTicketEvent) => Promise<void>;
}

type CopiedNote = EventsAnswer['notes'][number];

/** The idempotency key of a note copied from a novomind event: the event's id, so a repost writes nothing new. */
export function noteKeyOf(eventId: string): string {
  return `novomind.${eventId}`;
}

/**
 * POST /s2s/v1/events (DESIGN §10): each event is validated on its own (a bad one is refused by its index with
 * a reason and not stored; the rest are), stored once per id, and acted on when it is new. An event is stored
 * after its action, so one whose action failed can be posted again; the note copy is exactly-once by its key,
 * whatever happens between the two.
 */
export async function acceptEvents(
  deps: EventsDeps,
  client: S2sClient,
  body: unknown,
  scope: RequestScope,
): Promise<EventsAnswer> {
  const envelope = z.safeParse(EventsRequest, body);
  if (!envelope.success) throw new AppError('invalid_request', { message: 'Send {"events": [ … ]}.' });
  const { events } = envelope.data;
  if (events.length > MAX_EVENTS_PER_CALL) {
    throw new AppError('invalid_request', { message: `At most ${MAX_EVENTS_PER_CALL} events per call.` });
  }

  const answer: EventsAnswer = { accepted: 0, duplicates: 0, refused: [], notes: [] };
  const parsed = events.map((raw) => z.safeParse(TicketEventInput, raw));
  const ids = parsed.flatMap((result) => (result.success ? [result.data.id] : []));
  const known = await deps.repos.novomindEvents.findKnown([...new Set(ids)]);
  const seen = new Set<string>();
  // Note copies wait for the outbox's inline write: they run side by side, each stored when it is done.
  const copies: Promise<void>[] = [];

  for (const [index, result] of parsed.entries()) {
    if (!result.success) {
      answer.refused.push({ index, id: idOf(events[index]), reason: describe(result.error) });
      continue;
    }
    const event = result.data;
    if (known.has(event.id) || seen.has(event.id)) {
      answer.duplicates += 1;
      continue;
    }
    seen.add(event.id);
    const refuse = (error: unknown): void => {
      if (!isAppError(error)) throw error;
      answer.refused.push({ index, id: event.id, reason: `${error.code}: ${error.message}` });
    };
    if (event.type === 'note.added' && event.copyToOrder === true && event.orderId != null) {
      copies.push(
        copyNote(deps, client, event, scope).then(async (note) => {
          answer.notes.push({ index, ...note });
          await store(deps, client, event, scope, answer);
        }, refuse),
      );
      continue;
    }
    try {
      await act(deps, client, event, scope);
    } catch (error) {
      refuse(error);
      continue;
    }
    await store(deps, client, event, scope, answer);
  }
  await Promise.all(copies);
  answer.refused.sort((a, b) => a.index - b.index);
  answer.notes.sort((a, b) => a.index - b.index);
  return answer;
}

async function act(
  deps: EventsDeps,
  client: S2sClient,
  event: TicketEventInput,
  scope: RequestScope,
): Promise<void> {
  const at = Date.parse(event.at);
  switch (event.type) {
    case 'ticket.created':
    case 'ticket.updated': {
      const ticket = await saveTicket(deps, client, event.ticket, normalizeTicketInput(event));
      try {
        await buildTicketContext(deps, ticket, scope);
      } catch (error) {
        // Registered all the same; the shopper is matched again later (the worker retries unmatched tickets).
        scope.log.warn(
          { err: error, ticket: ticket.ticket },
          'ticket registered; its context could not be built yet',
        );
      }
      return;
    }
    case 'ticket.closed':
    case 'ticket.reopened': {
      // A ticket novomind never registered is only recorded: there is nothing of ours to close.
      const ticket = await deps.repos.novomindTickets.get(event.ticket);
      if (ticket === null) return;
      await findTicket(deps, client, event.ticket);
      await deps.repos.novomindTickets.setStatus(
        event.ticket,
        event.type === 'ticket.closed' ? 'closed' : 'open',
        at,
      );
      return;
    }
    case 'note.added':
      return;
  }
}

/** note.added with copyToOrder: through the notes outbox, once per event id, only to the shopper's own order. */
async function copyNote(
  deps: EventsDeps,
  client: S2sClient,
  event: TicketEventInput,
  scope: RequestScope,
): Promise<Omit<CopiedNote, 'index'>> {
  if (deps.notes === null)
    throw new AppError('not_found', { message: 'Notes cannot be copied to orders here.' });
  const ticket = await findTicket(deps, client, event.ticket);
  const market = marketOf(deps, ticket);
  const orderId = Number(event.orderId);
  const text = parseNoteText({ text: event.text });
  const answer = await deps.notes.submitNote(
    {
      storeKey: market.store,
      orderId,
      ticket: ticket.ticket,
      agent: event.agent,
      text,
      idempotencyKey: noteKeyOf(event.id),
      correlationId: scope.correlationId,
    },
    () => ensureOrderVisible(deps.context, toTicketViewer(ticket, market), orderId, scope),
  );
  return { id: event.id, orderId, ref: answer.note.ref, status: answer.note.status };
}

async function store(
  deps: EventsDeps,
  client: S2sClient,
  event: TicketEventInput,
  scope: RequestScope,
  answer: EventsAnswer,
): Promise<void> {
  const at = Date.parse(event.at);
  const created = await deps.repos.novomindEvents.insert({
    id: event.id,
    ticket: event.ticket,
    type: event.type,
    agent: event.agent,
    at,
    payload: event,
    client: client.name,
    correlationId: scope.correlationId,
    receivedAt: deps.now(),
  });
  if (!created) {
    // The same id in a concurrent call got there first.
    answer.duplicates += 1;
    return;
  }
  answer.accepted += 1;
  if (deps.writeBackTicketEvent && event.type.startsWith('ticket.')) {
    const ticket = await deps.repos.novomindTickets.get(event.ticket);
    try {
      await deps.writeBackTicketEvent({
        id: event.id,
        type: event.type,
        ticket: event.ticket,
        market: ticket?.market ?? null,
        agent: event.agent,
        at,
      });
    } catch (error) {
      scope.log.warn({ err: error, event: event.id }, 'ticket event not written back to the orders');
    }
  }
}

function idOf(raw: unknown): string | null {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id.slice(0, 128) : null;
}

function describe(error: z.core.$ZodError): string {
  const first = error.issues[0];
  if (!first) return 'invalid_request: the event is not valid';
  const where = first.path.length > 0 ? `${first.path.map(String).join('.')}: ` : '';
  return `invalid_request: ${where}${first.message}`;
}
