import type { TicketContext } from '../../../shared/s2s.js';
import type { RequestScope } from '../context/index.js';
import { AppError } from '../core/app-error.js';
import type { NovomindTicket } from '../store/index.js';
import type { NovomindDeps } from './novomind-deps.js';
import type { S2sClient } from './s2s-token.js';
import { buildTicketContext } from './ticket-context.js';
import { resolveLocale, routeTicket, type TicketInput } from './ticket-input.js';

/**
 * Stores (or updates) a ticket as novomind describes it. Idempotent: the same registration twice stores the
 * same row. What a registration leaves out keeps its earlier value. Only a ticket's first registration fixes
 * where its changes start (the order-change sequence then).
 */
export async function saveTicket(
  deps: NovomindDeps,
  client: S2sClient,
  ticketId: string,
  input: TicketInput,
): Promise<NovomindTicket> {
  const known = await deps.repos.novomindTickets.get(ticketId);
  if (known && !isVisibleTo(client, known)) throw new AppError('ticket_not_found');
  // A re-registration without routing hints keeps the ticket where it is.
  const hints =
    known && input.market === null && input.locale === null && input.channel === null
      ? { market: known.market, locale: null, channel: null }
      : input;
  const market = routeTicket(deps.config, client, hints);
  const { ticket } = await deps.repos.novomindTickets.register({
    ticket: ticketId,
    market: market.id,
    storeKey: market.store,
    email: input.email ?? known?.email ?? null,
    customer: input.customer ?? known?.customer ?? null,
    locale: resolveLocale(market, input.locale ?? (known?.market === market.id ? known.locale : null)),
    channel: input.channel ?? known?.channel ?? null,
    orderId: input.orderId ?? known?.orderId ?? null,
    status: input.status ?? known?.status ?? 'open',
    client: client.name,
    at: deps.now(),
    afterSeq: await deps.repos.orderChanges.headSeq(),
  });
  return ticket;
}

/** PUT /s2s/v1/tickets/:ticket: register, then answer the context (which warms the widget's cache). */
export async function registerTicket(
  deps: NovomindDeps,
  client: S2sClient,
  ticketId: string,
  input: TicketInput,
  scope: RequestScope,
): Promise<TicketContext> {
  const ticket = await saveTicket(deps, client, ticketId, input);
  return buildTicketContext(deps, ticket, scope);
}

/** GET /s2s/v1/tickets/:ticket/context. 404 ticket_not_found for a ticket never registered (or not this client's). */
export async function readTicketContext(
  deps: NovomindDeps,
  client: S2sClient,
  ticketId: string,
  scope: RequestScope,
): Promise<TicketContext> {
  return buildTicketContext(deps, await findTicket(deps, client, ticketId), scope);
}

export async function findTicket(
  deps: NovomindDeps,
  client: S2sClient,
  ticketId: string,
): Promise<NovomindTicket> {
  const ticket = await deps.repos.novomindTickets.get(ticketId);
  if (!ticket || !isVisibleTo(client, ticket)) throw new AppError('ticket_not_found');
  return ticket;
}

/** A client limited to a market sees that market's tickets only; another market's ticket "does not exist". */
export function isVisibleTo(client: S2sClient, ticket: Pick<NovomindTicket, 'market'>): boolean {
  return client.market === null || client.market.id === ticket.market;
}
