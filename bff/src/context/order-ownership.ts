import type { BcOrder, OrderWithConsignments } from '../bigcommerce/index.js';
import { cacheKeys } from '../cache/index.js';
import { resolvePolicies, type ContextDeps, type RequestScope, type TicketViewer } from './context-deps.js';
import { createInvalidRecordSink } from './invalid-record-sink.js';
import type { OrderDetailCore } from './map-order.js';
import type { ShopperMatch } from './match-shopper.js';
import { isVisibleOrder } from './order-visibility.js';

/**
 * Who owns an order, as much as the ownership rule needs (DESIGN §5). Cached per store and order as
 * `orderOwner`: null means BigCommerce said the order does not exist.
 */
export interface OrderOwnership {
  customerId: number | null;
  guest: boolean;
  email: string;
  channelId: number;
  status: { id: number };
}

/**
 * DESIGN §5: the matched shopper's own order, or a guest order (customer_id 0) placed with the ticket's guest
 * email; in one of the market's channels; never an incomplete one.
 */
export function isOwnedBy(
  order: OrderOwnership | Pick<OrderDetailCore, 'customerId' | 'guest' | 'email' | 'channelId' | 'status'>,
  match: Pick<ShopperMatch, 'customer' | 'guestEmail'>,
  channels: readonly number[] | undefined,
): boolean {
  if (!isVisibleOrder({ statusId: order.status.id, channelId: order.channelId }, channels)) return false;
  if (!order.guest) return match.customer !== null && order.customerId === match.customer.id;
  const email = order.email.trim().toLowerCase();
  return match.guestEmail !== null && email !== '' && email === match.guestEmail.trim().toLowerCase();
}

export function toOwnership(order: BcOrder): OrderOwnership {
  return {
    customerId: order.customerId === 0 ? null : order.customerId,
    guest: order.customerId === 0,
    email: order.billingAddress.email,
    channelId: order.channelId,
    status: { id: order.statusId },
  };
}

/** The order an ownership check read, kept for seconds for the detail load that usually follows. */
export interface OrderHeader {
  data: OrderWithConsignments;
  skipped: number;
  invalidLoad: string | null;
}

/**
 * Remembers the orders a ticket's context listed (they are its shopper's, by construction). Such an order is
 * opened in one round trip and takes a note without asking BigCommerce who owns it, even while it is down.
 */
export function recordListedOrders(
  deps: Pick<ContextDeps, 'cache' | 'policies'>,
  viewer: Pick<TicketViewer, 'storeKey' | 'ticket' | 'market'>,
  orderIds: readonly number[],
): void {
  if (orderIds.length === 0) return;
  const key = cacheKeys.ticketOrders(viewer.storeKey, viewer.ticket, viewer.market.id);
  const known = deps.cache.peek<readonly number[]>(key)?.value ?? [];
  const added = orderIds.filter((id) => !known.includes(id));
  if (added.length === 0) return;
  deps.cache.set(key, resolvePolicies(deps).ticketOrders, [...known, ...added]);
}

export function isListedForTicket(
  deps: Pick<ContextDeps, 'cache'>,
  viewer: Pick<TicketViewer, 'storeKey' | 'ticket' | 'market'>,
  orderId: number,
): boolean {
  const key = cacheKeys.ticketOrders(viewer.storeKey, viewer.ticket, viewer.market.id);
  return deps.cache.peek<readonly number[]>(key)?.value.includes(orderId) === true;
}

/**
 * What is already known about an order's owner, without asking BigCommerce: its cached detail or header,
 * stale copies included (ownership does not change when BigCommerce goes down). Undefined when nothing is.
 */
export function peekOwnership(
  deps: Pick<ContextDeps, 'cache'>,
  storeKey: string,
  orderId: number,
): OrderOwnership | null | undefined {
  const detail = deps.cache.peek<{ body: OrderDetailCore }>(cacheKeys.order(storeKey, orderId));
  if (detail) return detail.value.body;
  return deps.cache.peek<OrderOwnership | null>(cacheKeys.orderOwner(storeKey, orderId))?.value;
}

/**
 * The order's owner from the cache, or from one BigCommerce call (the order header), remembered either way:
 * a probe of the same id again costs nothing. null when the order does not exist.
 */
export async function loadOwnership(
  deps: ContextDeps,
  storeKey: string,
  orderId: number,
  scope: RequestScope,
): Promise<OrderOwnership | null> {
  const known = peekOwnership(deps, storeKey, orderId);
  if (known !== undefined) return known;
  const result = await deps.cache.getOrLoad(
    cacheKeys.orderOwner(storeKey, orderId),
    resolvePolicies(deps).orderOwner,
    async () => {
      const sink = createInvalidRecordSink(deps, scope);
      // With its consignments: the same one call, and the detail that follows an accepted check reuses it.
      const data = await deps.clientFor(storeKey).getOrderWithConsignments(orderId, sink.callOptions);
      // Cached, not thrown: an unknown id probed again within the policy's TTL costs no call.
      if (data === null) return null;
      const header: OrderHeader = { data, skipped: sink.count(), invalidLoad: sink.loadId() };
      deps.cache.set(cacheKeys.orderHeader(storeKey, orderId), resolvePolicies(deps).orderHeader, header);
      return toOwnership(data.order);
    },
    { signal: scope.signal },
  );
  return result.value;
}
