import { cacheKeys } from '../cache/index.js';
import { AppError } from '../core/app-error.js';
import { resolvePolicies, type ContextDeps, type RequestScope, type TicketViewer } from './context-deps.js';
import { isOwnedBy, matchOrderViewer } from './get-order-detail.js';
import { createInvalidRecordSink } from './invalid-record-sink.js';

type OrderOwnership = Parameters<typeof isOwnedBy>[0];

/**
 * The ownership rule of GET /orders/:orderId (404 order_not_found unless the ticket's shopper owns the order),
 * for rooms that need only the verdict: the notes room before it accepts a note. It reads the order header
 * alone (one call, cached as `orderOwner`) instead of the whole detail with its five sub-resources, which a
 * written note invalidates anyway: that spent six calls of the store's shared quota on every note.
 */
export async function ensureOrderVisible(
  deps: ContextDeps,
  viewer: TicketViewer,
  orderId: number,
  scope: RequestScope,
): Promise<void> {
  const { market, storeKey } = viewer;
  const [owner, match] = await Promise.all([
    deps.cache.getOrLoad(cacheKeys.orderOwner(storeKey, orderId), resolvePolicies(deps).orderOwner, () =>
      loadOwnership(deps, storeKey, orderId, { ...scope, refresh: false }),
    ),
    matchOrderViewer(deps, viewer, scope),
  ]);
  if (!isOwnedBy(owner.value, match, market.channels ?? undefined)) throw new AppError('order_not_found');
}

async function loadOwnership(
  deps: ContextDeps,
  storeKey: string,
  orderId: number,
  scope: RequestScope,
): Promise<OrderOwnership> {
  const order = await deps
    .clientFor(storeKey)
    .getOrder(orderId, createInvalidRecordSink(deps, scope).callOptions);
  // Thrown, not cached: an order that appears later is asked again next time.
  if (order === null) throw new AppError('order_not_found');
  return {
    customerId: order.customerId === 0 ? null : order.customerId,
    guest: order.customerId === 0,
    email: order.billingAddress.email,
    channelId: order.channelId,
    status: { id: order.statusId },
  };
}
