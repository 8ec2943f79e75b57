import type { OrderDetail } from '../../../shared/index.js';
import { BigCommerceNotFoundError, controlPanelOrderUrl } from '../bigcommerce/index.js';
import { cacheKeys } from '../cache/index.js';
import { AppError } from '../core/app-error.js';
import { resolvePolicies, type ContextDeps, type RequestScope, type TicketViewer } from './context-deps.js';
import { createInvalidRecordSink, fileRefs } from './invalid-record-sink.js';
import { createJsonReply, toFreshness, type JsonReply } from './json-reply.js';
import { toOrderDetail, type OrderDetailCore } from './map-order.js';
import { matchShopper, type ShopperMatch } from './match-shopper.js';
import {
  isListedForTicket,
  isOwnedBy,
  loadOwnership,
  toOwnership,
  type OrderHeader,
} from './order-ownership.js';
import { createShopperLookups } from './shopper-lookups.js';
import { buildSinceTicket } from './since-ticket.js';
import { applyTemplate, DEFAULT_TEMPLATE } from './templates.js';

/**
 * GET /api/v1/orders/:orderId. An order the ticket's context listed is fetched with its sub-resources
 * together (four calls in one round trip), the ownership check alongside (its lookups are warm from the
 * context view). Any other id is first checked against its owner, which costs at most one call (the order
 * with its consignments, reused for the detail when the check passes) and is remembered, so a session
 * probing ids spends little of the store's shared quota, and nothing on a repeat. The detail is cached per store and order, shared by every ticket, so the check runs on every call.
 *
 * 404 order_not_found alike for an order that does not exist and one the ticket's shopper does not own, so
 * a session cannot probe for other shoppers' order numbers.
 */
export async function getOrderDetail(
  deps: ContextDeps,
  viewer: TicketViewer,
  orderId: number,
  scope: RequestScope,
): Promise<JsonReply<OrderDetail>> {
  const { market, storeKey } = viewer;
  const channels = market.channels ?? undefined;
  const policies = resolvePolicies(deps);
  const matching = matchOrderViewer(deps, viewer, scope);
  if (!isListedForTicket(deps, viewer, orderId)) {
    const [owner, match] = await Promise.all([loadOwnership(deps, storeKey, orderId, scope), matching]);
    if (owner === null || !isOwnedBy(owner, match, channels)) throw new AppError('order_not_found');
  }
  const [detail, match] = await Promise.all([
    deps.cache.getOrLoad(
      cacheKeys.order(storeKey, orderId),
      policies.orderDetail,
      () => loadOrderDetail(deps, storeKey, orderId, scope),
      { refresh: scope.refresh === true, signal: scope.signal },
    ),
    matching,
  ]);

  const order = detail.value.body;
  if (!isOwnedBy(order, match, channels)) throw new AppError('order_not_found');
  fileRefs(deps, scope, detail.value.invalidLoads);
  const template = market.template ?? DEFAULT_TEMPLATE;
  const sinceTicket = await buildSinceTicket(deps, viewer, orderId, order.notes);
  return createJsonReply(detail.value, {
    fields: applyTemplate(template.order, viewer.locale, toOrderView(order)),
    freshness: toFreshness(detail.asOf, deps.now(), detail.stale),
    ...(sinceTicket ? { sinceTicket } : {}),
  });
}

/**
 * The ticket's shopper as the ownership rule needs it, from cached lookups. The refresh button is about the
 * order, so the match keeps its cached lookups; guest orders need not be probed (the order itself is at hand).
 */
export async function matchOrderViewer(
  deps: ContextDeps,
  viewer: TicketViewer,
  scope: RequestScope,
): Promise<ShopperMatch> {
  const matchScope = { ...scope, refresh: false };
  const lookups = createShopperLookups(
    deps,
    { storeKey: viewer.storeKey, channels: viewer.market.channels },
    matchScope,
  );
  return matchShopper(lookups, {
    link: await deps.links.get(viewer.ticket, viewer.market.id),
    customerClaim: viewer.customerClaim,
    email: viewer.email,
    channels: lookups.channels,
    probeGuestOrders: false,
  });
}

/** The cached detail: the DTO without its per-request parts, and the same serialized once. */
interface CachedDetail {
  body: OrderDetailCore;
  bodyJson: string;
  /** The ids its skipped records were filed under (every request served this detail refs them). */
  invalidLoads: string[];
}

async function loadOrderDetail(
  deps: ContextDeps,
  storeKey: string,
  orderId: number,
  scope: RequestScope,
): Promise<CachedDetail> {
  const policies = resolvePolicies(deps);
  const client = deps.clientFor(storeKey);
  // Counts only this load's skipped records: they are part of the cached detail.
  const sink = createInvalidRecordSink(deps, scope);
  const call = sink.callOptions;
  // The order an ownership check read a moment ago, if any (a fresh copy only): one call fewer. Not for the
  // refresh button, which asks for everything anew.
  const header = scope.refresh
    ? undefined
    : deps.cache.peek<OrderHeader>(cacheKeys.orderHeader(storeKey, orderId));
  const reused = header && !header.stale ? header.value : null;
  // The order with its line items and addresses (consignments), and the three sub-resources consignments do
  // not carry: four calls in one round trip.
  const [base, shipments, transactions, refunds] = await Promise.all([
    reused ? reused.data : client.getOrderWithConsignments(orderId, call),
    emptyIfMissing(client.getOrderShipments(orderId, call)),
    emptyIfMissing(client.getOrderTransactions(orderId, call)),
    emptyIfMissing(client.getOrderRefunds(orderId, call)),
  ]);
  if (base === null) {
    // The order is gone (or never was): its owner entry says so too, and the detail's copy is dropped (a 404
    // is a fact, not an outage, so no stale copy stands in for it).
    deps.cache.set(cacheKeys.orderOwner(storeKey, orderId), policies.orderOwner, null);
    throw new AppError('order_not_found');
  }
  const { order, lineItems, shippingAddresses } = base;
  // The codes behind a coupon discount (issue 13.10): one more call, and only for an order a coupon took
  // something off (`coupon_discount`), so most details stay at four calls.
  const coupons = hasAmount(order.totals.couponDiscount)
    ? await emptyIfMissing(client.getOrderCoupons(orderId, call))
    : [];
  deps.cache.set(cacheKeys.orderOwner(storeKey, orderId), policies.orderOwner, toOwnership(order));
  const hash = deps.stores[storeKey]?.hash;
  const body = toOrderDetail(
    { order, lineItems, shippingAddresses, shipments, transactions, refunds, coupons },
    {
      // Sandbox stores have no control panel to link to.
      controlPanelUrl: deps.sandbox || !hash ? null : controlPanelOrderUrl(hash, orderId),
      skipped: sink.count() + (reused?.skipped ?? 0),
    },
  );
  const invalidLoads = [sink.loadId(), reused?.invalidLoad ?? null].filter((id): id is string => id !== null);
  return { body, bodyJson: JSON.stringify(body), invalidLoads };
}

function hasAmount(decimal: string): boolean {
  return !/^-?0*(\.0*)?$/.test(decimal);
}

/** Sub-resources of a missing order answer 404 too; the order call decides what the caller sees. */
async function emptyIfMissing<T>(request: Promise<T[]>): Promise<T[]> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof BigCommerceNotFoundError) return [];
    throw error;
  }
}

/** What the order half of a template reads: the DTO plus the first shipping method and tracking. */
export function toOrderView(order: OrderDetailCore): Record<string, unknown> {
  const tracked = order.shipments.find((shipment) => shipment.trackingNumber !== '' || shipment.trackingLink);
  const methods = [
    ...order.shippingAddresses.map((address) => address.shippingMethod),
    ...order.shipments.map((shipment) => shipment.shippingMethod),
  ].filter((method) => method.trim() !== '');
  return {
    ...order,
    shippingMethod: [...new Set(methods)].join(', ') || null,
    trackingNumber: tracked?.trackingNumber || null,
    trackingLink: tracked?.trackingLink ?? null,
    carrier: tracked?.carrier || null,
    itemCount: order.lineItems.reduce((count, item) => count + item.quantity, 0),
  };
}
