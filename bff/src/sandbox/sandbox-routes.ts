// The BigCommerce endpoints the sandbox serves, as pure functions of (store, request) -> reply: the route
// table, the small endpoints (time, store, statuses, v3 payments, channels) and the dispatcher. Orders,
// customers and hooks have their own files. See /work/shared/reference/bigcommerce-api.md (b)-(k).
import { CUSTOMER_ROUTES } from './customer-routes.js';
import { formatIso } from './format.js';
import { HOOK_ROUTES } from './hook-routes.js';
import { ORDER_ROUTES } from './order-routes.js';
import {
  errorFor,
  intParam,
  isReply,
  parsePaging,
  V2_NOT_FOUND,
  v2Error,
  v3Envelope,
  v3Error,
  type Route,
  type RouteRequest,
  type SandboxReply,
} from './route-kit.js';

export { STAFF_NOTES_MAX_LENGTH } from './order-routes.js';
export {
  errorFor,
  MAX_LIMIT,
  v2Error,
  v3Error,
  V2_NOT_FOUND,
  V3_ERROR_TYPE,
  type RouteRequest,
  type SandboxReply,
} from './route-kit.js';

function listTransactions(request: RouteRequest): SandboxReply {
  const id = intParam(request);
  if (!request.data.getOrder(id)) return v3Error(404, 'Order not found.');
  const paging = parsePaging(request.query, true);
  if (isReply(paging)) return paging;
  const transactions = request.data.transactions.get(id) ?? [];
  // Gateways such as Test Payment Gateway, PayPal Express and Amazon Pay record none: BigCommerce answers 204.
  if (!transactions.length) return { status: 204 };
  return { status: 200, body: v3Envelope(transactions, paging) };
}

function listRefunds(request: RouteRequest): SandboxReply {
  const id = intParam(request);
  if (!request.data.getOrder(id)) return v3Error(404, 'Order not found.');
  const paging = parsePaging(request.query, true);
  if (isReply(paging)) return paging;
  return { status: 200, body: v3Envelope(request.data.refunds.get(id) ?? [], paging) };
}

const MISC_ROUTES: readonly Route[] = [
  {
    method: 'GET',
    pattern: /^\/v2\/time$/,
    handle: (r) => ({ status: 200, body: { time: Math.floor(r.now() / 1000) } }),
  },
  { method: 'GET', pattern: /^\/v2\/store$/, handle: (r) => ({ status: 200, body: r.data.store }) },
  {
    // id, name, system_label, custom_label (the merchant's label), system_description, order (orders.v2).
    method: 'GET',
    pattern: /^\/v2\/order_statuses$/,
    handle: (r) => ({ status: 200, body: r.data.statuses }),
  },
  {
    method: 'GET',
    pattern: /^\/v2\/order_statuses\/([^/]+)$/,
    handle: (r) => {
      const status = r.data.statuses.find((s) => s.id === intParam(r));
      return status ? { status: 200, body: status } : v2Error(404, V2_NOT_FOUND);
    },
  },
  { method: 'GET', pattern: /^\/v3\/orders\/([^/]+)\/transactions$/, handle: listTransactions },
  { method: 'GET', pattern: /^\/v3\/orders\/([^/]+)\/payment_actions\/refunds$/, handle: listRefunds },
  {
    method: 'GET',
    pattern: /^\/v3\/channels$/,
    handle: (r) => {
      const paging = parsePaging(r.query, true);
      if (isReply(paging)) return paging;
      const channels = r.data.channels.map((c) => ({
        ...c,
        is_visible: true,
        is_listable_from_ui: true,
        date_created: formatIso(Date.parse(r.data.customers[0]?.date_created ?? '2024-01-01T00:00:00Z')),
        date_modified: formatIso(Date.parse(r.data.customers[0]?.date_modified ?? '2024-01-01T00:00:00Z')),
      }));
      return { status: 200, body: v3Envelope(channels, paging) };
    },
  },
];

export const SANDBOX_ROUTES: readonly Route[] = [
  ...MISC_ROUTES,
  ...ORDER_ROUTES,
  ...CUSTOMER_ROUTES,
  ...HOOK_ROUTES,
];

/** Finds the route; 404 when the path is unknown, 405 when only the method is wrong. */
export function routeRequest(
  method: string,
  path: string,
  request: Omit<RouteRequest, 'params'>,
): SandboxReply {
  let pathMatched = false;
  for (const route of SANDBOX_ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    return route.handle({ ...request, params: match.slice(1) });
  }
  return pathMatched ? errorFor(path, 405, 'Method not allowed.') : errorFor(path, 404, V2_NOT_FOUND);
}
