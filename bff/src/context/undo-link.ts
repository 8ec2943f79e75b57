import type { LinkUndoRequest, LinkUndoResponse } from '../../../shared/index.js';
import { cacheKeys } from '../cache/index.js';
import { AppError } from '../core/app-error.js';
import type { ContextDeps, RequestScope, TicketViewer } from './context-deps.js';
import { toLinkResponse } from './link-ticket.js';

/**
 * POST /api/v1/links/undo (issue 13.6): within a minute of linking, the agent who linked takes it back. The ticket's
 * link before it comes back exactly as it was (who set it and when), or the ticket has none again. Refused with
 * `409 undo_expired` once the minute has passed, and with `409 link_changed` when the ticket's link is no longer the
 * one named (linked again since, by anyone, or already undone): an undo never takes back someone else's decision.
 * Written to the ticket's history like a link (refusals too); the ticket's cached views are dropped.
 */
export async function undoLink(
  deps: ContextDeps,
  viewer: TicketViewer,
  request: LinkUndoRequest,
  scope: RequestScope,
): Promise<LinkUndoResponse> {
  const at = deps.now();
  const made = Date.parse(request.createdAt);
  const result = await deps.links.undo(
    viewer.ticket,
    viewer.market.id,
    { createdBy: viewer.agent, createdAt: made },
    at,
  );
  if (result.outcome !== 'undone') {
    await deps.ticketEvents.append({
      ticket: viewer.ticket,
      orderId: null,
      agent: viewer.agent,
      type: 'link.undo',
      status: result.outcome,
      correlationId: scope.correlationId,
      at,
    });
    throw new AppError(result.outcome === 'expired' ? 'undo_expired' : 'link_changed');
  }
  deps.cache.invalidatePrefix(cacheKeys.ticketPrefix(viewer.storeKey, viewer.ticket));
  // A link made by an order tied that order to the ticket (its events are written back there, DESIGN §11): the
  // undo names the order, which unties it.
  const linked = await deps.ticketEvents.find(viewer.ticket, {
    type: 'link.set',
    agent: viewer.agent,
    at: made,
  });
  await deps.ticketEvents.append({
    ticket: viewer.ticket,
    orderId: linked?.orderId ?? null,
    agent: viewer.agent,
    type: 'link.undo',
    status: 'ok',
    correlationId: scope.correlationId,
    at,
  });
  return {
    ticket: viewer.ticket,
    link: result.restored ? toLinkResponse(result.restored) : null,
  };
}
