import type { TicketEventsList } from '../../../shared/s2s.js';
import { AppError } from '../core/app-error.js';
import type { NovomindDeps } from './novomind-deps.js';
import type { S2sClient } from './s2s-token.js';
import { isVisibleTo } from './ticket-registry.js';

const LIMIT = 500;

/**
 * GET /s2s/v1/tickets/:ticket/events: novomind's own events and ours (the widget's sessions, notes and links,
 * notes copied from novomind events), oldest first. A market-limited client sees only its market's tickets.
 */
export async function listTicketEvents(
  deps: NovomindDeps,
  client: S2sClient,
  ticketId: string,
): Promise<TicketEventsList> {
  const ticket = await deps.repos.novomindTickets.get(ticketId);
  if (ticket ? !isVisibleTo(client, ticket) : client.market !== null) throw new AppError('ticket_not_found');
  const [theirs, ours] = await Promise.all([
    deps.repos.novomindEvents.listByTicket(ticketId, LIMIT),
    deps.repos.ticketEvents.listByTicket(ticketId, LIMIT),
  ]);
  if (!ticket && theirs.length === 0 && ours.length === 0) throw new AppError('ticket_not_found');
  const events: (TicketEventsList['events'][number] & { sortAt: number })[] = [
    ...theirs.map((event) => ({
      id: event.id,
      source: 'novomind' as const,
      type: event.type,
      at: new Date(event.at).toISOString(),
      agent: event.agent,
      orderId: orderIdOf(event.payload),
      status: null,
      data: event.payload,
      sortAt: event.at,
    })),
    ...ours.map((event) => ({
      id: `oc-${event.id}`,
      source: 'order-context' as const,
      type: event.type,
      at: new Date(event.at).toISOString(),
      agent: event.agent,
      orderId: event.orderId,
      status: event.status,
      sortAt: event.at,
    })),
  ];
  events.sort((a, b) => a.sortAt - b.sortAt);
  return { ticket: ticketId, events: events.map(({ sortAt: _sortAt, ...event }) => event) };
}

function orderIdOf(payload: unknown): number | null {
  const value =
    typeof payload === 'object' && payload !== null ? (payload as { orderId?: unknown }).orderId : null;
  const id = typeof value === 'string' ? Number(value) : value;
  return typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : null;
}
