import type { ContextResponse, OrderSummary } from '../../../shared/index.js';
import type { TicketContext } from '../../../shared/s2s.js';
import type { MarketConfig } from '../config.js';
import { DEFAULT_TEMPLATE, getContext, type RequestScope, type TicketViewer } from '../context/index.js';
import { toMarketRef } from '../context/get-context.js';
import { toCustomerView } from '../context/map-customer.js';
import { AppError } from '../core/app-error.js';
import type { NovomindTicket, TicketShopper } from '../store/index.js';
import type { NovomindDeps } from './novomind-deps.js';
import { toPlainFields, toSummaryView } from './plain-fields.js';

/** novomind's server acts on the ticket, not an agent: this name stands where the widget has the agent's. */
export const NOVOMIND_VIEWER = 'novomind';

/**
 * The ticket as the widget's session for it will see it: the same market, claims and locale, so the
 * context built here lands under the same cache key (get-context.ts: store, ticket, market, External ID,
 * email, locale, cursor) and the agent's first view of the ticket is warm.
 */
export function toTicketViewer(ticket: NovomindTicket, market: MarketConfig): TicketViewer {
  return {
    ticket: ticket.ticket,
    agent: NOVOMIND_VIEWER,
    customerClaim: ticket.customer,
    email: ticket.email,
    market,
    storeKey: market.store,
    locale: ticket.locale,
  };
}

export function marketOf(deps: Pick<NovomindDeps, 'config'>, ticket: NovomindTicket): MarketConfig {
  const market = Object.hasOwn(deps.config.markets, ticket.market)
    ? deps.config.markets[ticket.market]
    : undefined;
  // A market removed from the config (or moved to another store) since the ticket was registered.
  if (!market || market.store !== ticket.storeKey) throw new AppError('ticket_not_found');
  return market;
}

/**
 * Builds the ticket's context through the widget's own path and remembers whom it matched, so the changes
 * feed can find the ticket by the owner of a changed order without asking BigCommerce.
 */
export async function buildTicketContext(
  deps: NovomindDeps,
  ticket: NovomindTicket,
  scope: RequestScope,
): Promise<TicketContext> {
  const market = marketOf(deps, ticket);
  const page = (
    await getContext(deps.context, toTicketViewer(ticket, market), { cursor: null }, scope)
  ).value();
  const shopper: TicketShopper = {
    customerId: page.customer?.id ?? null,
    email: page.guestEmail?.trim().toLowerCase() ?? null,
  };
  if (
    ticket.matchedAt === null ||
    ticket.shopper.customerId !== shopper.customerId ||
    ticket.shopper.email !== shopper.email
  ) {
    await deps.repos.novomindTickets.recordMatch(ticket.ticket, shopper, deps.now());
  }
  return toTicketContext(ticket, market, page, deps.config.sandbox);
}

function toTicketContext(
  ticket: NovomindTicket,
  market: MarketConfig,
  page: ContextResponse,
  sandbox: boolean,
): TicketContext {
  const template = market.template ?? DEFAULT_TEMPLATE;
  const focus = pickFocusOrder(page.orders, ticket.orderId);
  return {
    ticket: ticket.ticket,
    status: ticket.status,
    market: toMarketRef(market),
    queue: market.novomind?.queue ?? null,
    locale: ticket.locale,
    order: ticket.orderId,
    customer: page.customer,
    guestEmail: page.guestEmail,
    match: page.match,
    orders: page.orders,
    fields: {
      ...toPlainFields(
        template.customer,
        toCustomerView(page.customer, page.guestEmail, page.summary?.groupName ?? null),
      ),
      ...(focus ? toPlainFields(template.order, toSummaryView(focus)) : {}),
    },
    fieldsOrderId: focus?.id ?? null,
    freshness: page.freshness,
    sandbox,
  };
}

/** The ticket's own order when the shopper's first page lists it, else their newest order. */
function pickFocusOrder(orders: readonly OrderSummary[], orderId: number | null): OrderSummary | null {
  return orders.find((order) => order.id === orderId) ?? orders[0] ?? null;
}
