// The context room: shopper matching, the ticket's order list and order detail, manual search and links.
export {
  DEFAULT_CONTEXT_POLICIES,
  type ContextDeps,
  type ContextPolicies,
  type RequestScope,
  type ScopeLogger,
  type TicketViewer,
} from './context-deps.js';
export { getContext, CONTEXT_PAGE_SIZE, type ContextQuery } from './get-context.js';
export { toHistoryFilter, type HistoryFilter } from './order-filter.js';
export { getOrderDetail } from './get-order-detail.js';
export { toOrderSummary } from './map-order.js';
export { toOrderStatus } from './order-status.js';
export { ensureOrderVisible } from './ensure-order-visible.js';
export { linkTicket } from './link-ticket.js';
export { searchCustomers, SEARCH_LIMIT } from './search-customers.js';
export { toSearchText } from './search-text.js';
export { undoLink } from './undo-link.js';
export { matchShopper, type ShopperMatch, type MatchInput } from './match-shopper.js';
export { applyTemplate, DEFAULT_TEMPLATE } from './templates.js';
export type { JsonReply } from './json-reply.js';
