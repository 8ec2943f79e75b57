import type { IndexedOrder, OrderChangeKind } from '../store/index.js';

/** The webhook scopes that name what happened, when a delivery told us (delta runs know only the result). */
const KIND_OF_SCOPE: Record<string, OrderChangeKind> = {
  'store/order/created': 'order.created',
  'store/shipment/created': 'shipment.created',
  'store/shipment/updated': 'shipment.updated',
  'store/shipment/deleted': 'shipment.updated',
  'store/order/refund/created': 'refund.created',
};

/** Incomplete orders (status 0, abandoned checkouts) are nobody's business yet (DESIGN §5). */
const INCOMPLETE = 0;

/**
 * What changed between the index's header and BigCommerce's current one, as change kinds for the feed. An
 * order becomes visible (created) when it first appears with a status other than incomplete, or leaves
 * incomplete; a status move is a status change; the scopes of the webhook deliveries add shipment and refund
 * kinds; anything else that moved date_modified is an update. The same date_modified as indexed means
 * nothing new (an overlapping delta run, a second delivery of one event). Pure.
 */
export function detectChanges(
  previous: IndexedOrder | null,
  next: IndexedOrder,
  scopes: ReadonlySet<string> = new Set(),
): OrderChangeKind[] {
  if (previous !== null && previous.dateModified >= next.dateModified) return [];
  if (next.statusId === INCOMPLETE) return [];
  if (previous === null || previous.statusId === INCOMPLETE) return ['order.created'];
  const kinds = new Set<OrderChangeKind>();
  if (previous.statusId !== next.statusId) kinds.add('order.status_changed');
  for (const scope of scopes) {
    const kind = KIND_OF_SCOPE[scope];
    if (kind && kind !== 'order.created') kinds.add(kind);
  }
  if (kinds.size === 0) kinds.add('order.updated');
  return [...kinds];
}
