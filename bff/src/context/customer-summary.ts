import type { Customer, CustomerSummary, Money, OrderSummary } from '../../../shared/index.js';
import { cacheKeys } from '../cache/index.js';
import { resolvePolicies, type ContextDeps, type RequestScope } from './context-deps.js';
import { addDecimals } from './decimal.js';

/**
 * Orders that brought no money in: cancelled, declined, refunded in full (and incomplete checkouts, which no view
 * lists). A partial refund still counts at its order total: what is left of it is the order's business.
 */
const NO_VALUE_STATUSES: ReadonlySet<number> = new Set([0, 4, 5, 6]);

/** One order as the summary counts it. */
export interface CountedOrder {
  statusId: number;
  currency: string;
  /** Decimal string. */
  total: string;
  /** Epoch ms. */
  dateCreated: number;
}

export interface SummaryBasis {
  orders: readonly CountedOrder[];
  /** Every order of the shopper (or of the window) is in `orders`; false for a first page loaded live. */
  complete: boolean;
  /** The index window's start (epoch ms) and length, when `orders` come from the index; null otherwise. */
  window: { start: number; days: number } | null;
}

/** Adds up a shopper's orders for the card: count, value per currency, first and last order. */
export function summarizeOrders(
  basis: SummaryBasis,
  customer: Customer | null,
  groupName: string | null,
): CustomerSummary {
  const value = new Map<string, string>();
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const order of basis.orders) {
    first = Math.min(first, order.dateCreated);
    last = Math.max(last, order.dateCreated);
    if (NO_VALUE_STATUSES.has(order.statusId)) continue;
    value.set(order.currency, addDecimals(value.get(order.currency) ?? '0', order.total));
  }
  const since = customer?.dateCreated ?? (basis.complete && basis.orders.length > 0 ? iso(first) : null);
  // The window limits the count only when the shopper could have ordered before it.
  const sinceMs = since === null ? null : Date.parse(since);
  const limited = basis.window !== null && (sinceMs === null || sinceMs < basis.window.start);
  const lifetimeValue: Money[] = [...value]
    .map(([currency, amount]) => ({ currency, amount }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
  return {
    orderCount: basis.orders.length,
    complete: basis.complete,
    windowDays: limited && basis.window ? basis.window.days : null,
    lifetimeValue,
    customerSince: since,
    lastOrder: basis.orders.length > 0 ? iso(last) : null,
    groupName,
  };
}

/** The list entries a view loaded, as the summary counts them. */
export function toCountedOrders(orders: readonly OrderSummary[]): CountedOrder[] {
  return orders.map((order) => ({
    statusId: order.status.id,
    currency: order.total.currency,
    total: order.total.amount,
    dateCreated: Date.parse(order.dateCreated),
  }));
}

/**
 * The name of the shopper's customer group: the store's groups are read once and kept for hours (one call per
 * store), so a view never costs a call for it. Best effort: without an answer the card shows no group.
 */
export async function findGroupName(
  deps: Pick<ContextDeps, 'cache' | 'clientFor' | 'policies'>,
  storeKey: string,
  groupId: number | null,
  scope: RequestScope,
): Promise<string | null> {
  // 0 is BigCommerce's "no group".
  if (groupId === null || groupId <= 0) return null;
  try {
    const groups = await deps.cache.getOrLoad(
      cacheKeys.customerGroups(storeKey),
      resolvePolicies(deps).customerGroups,
      async () =>
        (await deps.clientFor(storeKey).getCustomerGroups({ signal: scope.signal })).map(
          (group): [number, string] => [group.id, group.name],
        ),
      { signal: scope.signal },
    );
    return groups.value.find(([id]) => id === groupId)?.[1] ?? null;
  } catch {
    return null;
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
