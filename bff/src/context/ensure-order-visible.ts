import { isOutage } from '../bigcommerce/index.js';
import { AppError } from '../core/app-error.js';
import type { ContextDeps, RequestScope, TicketViewer } from './context-deps.js';
import { matchOrderViewer } from './get-order-detail.js';
import { isListedForTicket, isOwnedBy, loadOwnership } from './order-ownership.js';

/**
 * The ownership rule of GET /orders/:orderId, for rooms that need only the verdict: the notes room before it
 * accepts a note. Decided from what the product already knows whenever it can, so a note can be left while
 * BigCommerce is down, slow or throttling: an order the ticket's context listed is the shopper's; else the
 * cached detail or header (stale copies included) decides; only an order never seen asks BigCommerce (one
 * call). When BigCommerce cannot answer that question, the note is refused with `order_unverified` (503):
 * a note is never queued for an order that might be a stranger's.
 */
export async function ensureOrderVisible(
  deps: ContextDeps,
  viewer: TicketViewer,
  orderId: number,
  scope: RequestScope,
): Promise<void> {
  if (isListedForTicket(deps, viewer, orderId)) return;
  let verdict: boolean;
  try {
    const [owner, match] = await Promise.all([
      loadOwnership(deps, viewer.storeKey, orderId, scope),
      matchOrderViewer(deps, viewer, scope),
    ]);
    verdict = owner !== null && isOwnedBy(owner, match, viewer.market.channels ?? undefined);
  } catch (error) {
    if (isOutage(error)) throw new AppError('order_unverified', { cause: error });
    throw error;
  }
  if (!verdict) throw new AppError('order_not_found');
}
