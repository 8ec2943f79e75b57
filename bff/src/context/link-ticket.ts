import type { LinkRequest, LinkResponse } from '../../../shared/index.js';
import { cacheKeys } from '../cache/index.js';
import { AppError } from '../core/app-error.js';
import type { LinkRecord } from '../store/index.js';
import type { ContextDeps, RequestScope, TicketViewer } from './context-deps.js';
import { findVisibleOrder } from './find-visible-order.js';
import { isCustomerInChannels } from './map-customer.js';
import { createShopperLookups } from './shopper-lookups.js';

/** How long a link may be taken back (issue 13.6): long enough to notice the wrong shopper in the preview's wake. */
export const UNDO_WINDOW_MS = 60_000;

/**
 * POST /api/v1/links: the agent says who the ticket is about, by shopper or by one of their orders (a guest
 * order links its billing email). The link belongs to the session's ticket and market only; it is stored (with
 * the link it replaced, for a minute's undo: undo-link.ts), written to the ticket's history, and the ticket's
 * cached views are dropped so the next one uses it.
 */
export async function linkTicket(
  deps: ContextDeps,
  viewer: TicketViewer,
  request: LinkRequest,
  scope: RequestScope,
): Promise<LinkResponse> {
  const target =
    'customerId' in request ? await resolveCustomer(deps, viewer, request.customerId, scope) : null;
  const fromOrder = 'orderId' in request ? await resolveOrder(deps, viewer, request.orderId, scope) : null;
  const customerId = target ?? fromOrder?.customerId ?? null;
  const email = customerId === null ? (fromOrder?.email ?? null) : null;

  const at = deps.now();
  const undoUntil = at + UNDO_WINDOW_MS;
  const link = await deps.links.upsert(
    {
      ticket: viewer.ticket,
      market: viewer.market.id,
      customerId,
      email,
      createdBy: viewer.agent,
      createdAt: at,
    },
    undoUntil,
  );
  deps.cache.invalidatePrefix(cacheKeys.ticketPrefix(viewer.storeKey, viewer.ticket));
  await deps.ticketEvents.append({
    ticket: viewer.ticket,
    orderId: 'orderId' in request ? request.orderId : null,
    agent: viewer.agent,
    type: 'link.set',
    status: 'ok',
    correlationId: scope.correlationId,
    at,
  });
  return toLinkResponse(link, undoUntil);
}

export function toLinkResponse(link: LinkRecord, undoUntil: number | null = null): LinkResponse {
  return {
    ticket: link.ticket,
    customerId: link.customerId,
    email: link.email,
    createdBy: link.createdBy,
    createdAt: new Date(link.createdAt).toISOString(),
    ...(undoUntil === null ? {} : { undoUntil: new Date(undoUntil).toISOString() }),
  };
}

async function resolveCustomer(
  deps: ContextDeps,
  viewer: TicketViewer,
  customerId: number,
  scope: RequestScope,
): Promise<number> {
  const lookups = createShopperLookups(
    deps,
    { storeKey: viewer.storeKey, channels: viewer.market.channels },
    scope,
  );
  const customer = await lookups.customerById(customerId);
  if (!customer || !isCustomerInChannels(customer, lookups.channels))
    throw new AppError('customer_not_found');
  return customer.id;
}

async function resolveOrder(
  deps: ContextDeps,
  viewer: TicketViewer,
  orderId: number,
  scope: RequestScope,
): Promise<{ customerId: number | null; email: string | null }> {
  const order = await findVisibleOrder(deps, viewer, orderId, scope);
  if (!order) throw new AppError('order_not_found');
  if (order.customerId !== 0) return { customerId: order.customerId, email: null };
  const email = order.billingAddress.email.trim();
  // A guest order without an email cannot identify anybody.
  if (email === '') throw new AppError('order_not_found');
  return { customerId: null, email };
}
