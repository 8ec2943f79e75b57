import type { BcOrder } from '../bigcommerce/index.js';
import type { ContextDeps, RequestScope, TicketViewer } from './context-deps.js';
import { createInvalidRecordSink } from './invalid-record-sink.js';
import { isVisibleOrder } from './order-visibility.js';

/**
 * An order by its number, when the session's market sees it (not incomplete, in its channels), else null: one
 * call, uncached (a link or a search by number is about an order the agent was just told of). What a link by
 * order and a search by order number both start from.
 */
export async function findVisibleOrder(
  deps: Pick<ContextDeps, 'clientFor' | 'errorLog' | 'now' | 'requestBudgetMs'>,
  viewer: Pick<TicketViewer, 'storeKey' | 'market'>,
  orderId: number,
  scope: RequestScope,
): Promise<BcOrder | null> {
  const sink = createInvalidRecordSink(deps, scope);
  const order = await deps.clientFor(viewer.storeKey).getOrder(orderId, sink.callOptions);
  return order && isVisibleOrder(order, viewer.market.channels ?? undefined) ? order : null;
}
