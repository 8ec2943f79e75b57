import type { CustomerSearchResponse } from '../../../shared/index.js';
import type { ContextDeps, RequestScope, TicketViewer } from './context-deps.js';
import { createInvalidRecordSink } from './invalid-record-sink.js';
import { isCustomerInChannels, toCustomer } from './map-customer.js';

export const SEARCH_LIMIT = 20;

/**
 * GET /api/v1/customers?q=: the agent's manual search, in the session market's store only. Not cached: an
 * agent searching is looking for something the automatic match missed, often just created.
 */
export async function searchCustomers(
  deps: ContextDeps,
  viewer: TicketViewer,
  query: string,
  scope: RequestScope,
): Promise<CustomerSearchResponse> {
  const sink = createInvalidRecordSink(deps, scope);
  const found = await deps.clientFor(viewer.storeKey).searchCustomers(query, SEARCH_LIMIT, sink.callOptions);
  const channels = viewer.market.channels ?? undefined;
  return {
    customers: found.filter((customer) => isCustomerInChannels(customer, channels)).map(toCustomer),
  };
}
