import type { CustomerSearchResponse, SearchResult } from '../../../../shared/customers.js';
import type { I18n } from '../../i18n/i18n.js';
import type { CustomerSearchMessages } from './customer-search.messages.js';

/** A search result in words: what the list and the preview show to tell namesakes apart. */
export interface ResultFacts {
  name: string;
  /** "Hamburg, Deutschland", or null when unknown. */
  place: string | null;
  /** "11 orders in the last 90 days", "No orders", "Orders not looked up". */
  orders: string;
  /** "#530 · 20 Nov 2026", or null. */
  lastOrder: string | null;
  /** "Order #521 of 3 Nov 2026": the order searched for by its number, or null. */
  order: string | null;
  /** "Customer #1" or "Guest". */
  account: string;
}

export function describeResult(
  result: SearchResult,
  response: Pick<CustomerSearchResponse, 'windowDays'>,
  i18n: I18n,
  t: CustomerSearchMessages,
): ResultFacts {
  const count = result.orderCount;
  let orders: string;
  if (count === null) orders = t.ordersUnknown;
  else {
    const counted =
      count === 0
        ? t.noOrders
        : result.orderCountPartial
          ? t.ordersAtLeast(i18n.number(count))
          : t.orders(count, i18n.number(count));
    orders = response.windowDays === null ? counted : t.inWindow(counted, i18n.number(response.windowDays));
  }
  const country = result.countryIso2 ? i18n.country(result.countryIso2, result.countryIso2) : null;
  return {
    name: result.name || result.email,
    place: result.city === null ? null : country ? `${result.city}, ${country}` : result.city,
    orders,
    lastOrder: result.lastOrder
      ? `#${result.lastOrder.id} · ${i18n.date(result.lastOrder.dateCreated)}`
      : null,
    order: result.order ? t.order(String(result.order.id), i18n.date(result.order.dateCreated)) : null,
    account: result.customerId === null ? t.guest : t.customerNumber(String(result.customerId)),
  };
}
