import type { Customer, CustomerSummary, Money, OrderSummary } from '../../../shared/index.js';
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
  const account = customer?.dateCreated ?? null;
  // The window limits the count when the shopper could have ordered before it: an account older than the window,
  // or a guest (nobody knows when a guest first ordered).
  const limited = basis.window !== null && (account === null || Date.parse(account) < basis.window.start);
  // A guest's "customer since" is their first order, when every order was counted.
  const since = account ?? (basis.complete && !limited && basis.orders.length > 0 ? iso(first) : null);
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

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
