import type { OrderRef, SearchResult } from '../../../shared/index.js';
import type { BcCustomer, BcOrder } from '../bigcommerce/index.js';
import type { OrderFact, SearchTerms } from '../store/index.js';
import { hasEveryTerm } from './search-text.js';

/** The agent's search text, read once (search-customers.ts). */
export interface SearchQuery {
  /** `#521` or `521`: that order's shopper is looked for too. */
  orderId: number | null;
  /** The query's words as typed, lower case; none for `#521`. */
  words: readonly string[];
  /** Those words folded: what names and emails must contain (search-text.ts). */
  terms: SearchTerms;
  /** The query is a whole email address, which BigCommerce can answer live (`email:in`). */
  email: string | null;
}

/** What one path (index or live) found; the caller ranks, caps and maps it. */
export interface SearchSide {
  found: Found[];
  /** More shoppers matched than were read. */
  truncated: boolean;
}

/** The order searched for by its number, and its shopper (null: a guest). */
export interface OrderMatch {
  order: OrderFact;
  customer: BcCustomer | null;
}

/** An order of the market by its number, read live (search-customers.ts). */
export type FindOrderLive = (orderId: number) => Promise<OrderFact | null>;

/** A shopper a search found, before it becomes a SearchResult; the index and the live search both produce these. */
export interface Found {
  /** null: a guest, known by the email of their orders. */
  customer: BcCustomer | null;
  email: string;
  /** Their orders in the market, newest first; null when not looked up. */
  orders: readonly OrderFact[] | null;
  /** Read live from one page that came back full: there may be more orders. */
  ordersPartial: boolean;
  /** The order searched for by its number. */
  order: OrderFact | null;
  matchedBy: SearchResult['matchedBy'];
}

/** An order as search results show it (what the index's order facts hold). */
export function toOrderFact(order: BcOrder): OrderFact {
  const billing = order.billingAddress;
  return {
    orderId: order.id,
    customerId: order.customerId,
    email: billing.email.trim().toLowerCase(),
    dateCreated: Date.parse(order.dateCreated),
    billingName: `${billing.firstName} ${billing.lastName}`.trim(),
    city: billing.city.trim(),
    countryIso2: billing.countryIso2.trim().toUpperCase(),
  };
}

export function customerName(customer: BcCustomer): string {
  return `${customer.firstName} ${customer.lastName}`.trim();
}

/** Found by the name when every term is in it, else by the email (the only other text searched). */
export function matchedByText(
  name: string,
  terms: readonly (readonly string[])[],
): Exclude<SearchResult['matchedBy'], 'order'> {
  return hasEveryTerm([name], terms) ? 'name' : 'email';
}

export function toSearchResult(found: Found): SearchResult {
  const { customer, order } = found;
  const last = found.orders?.[0] ?? null;
  // Where the shopper lives: their address; a guest (or an account without one) where they last ordered to.
  const billed = last ?? order;
  const place =
    customer?.place && customer.place.city !== ''
      ? customer.place
      : billed && billed.city !== ''
        ? { city: billed.city, countryIso2: billed.countryIso2 }
        : null;
  return {
    kind: customer ? 'customer' : 'guest',
    customerId: customer?.id ?? null,
    name: customer ? customerName(customer) : (billed?.billingName ?? ''),
    email: customer?.email ?? found.email,
    company: customer?.company ?? '',
    city: place?.city ?? null,
    countryIso2: place && place.countryIso2 !== '' ? place.countryIso2 : null,
    orderCount: found.orders?.length ?? null,
    orderCountPartial: found.ordersPartial,
    lastOrder: last ? toOrderRef(last) : null,
    order: order ? toOrderRef(order) : null,
    matchedBy: found.matchedBy,
  };
}

/** The order searched for first; then the most recently active (last order), shoppers without one last; by name. */
export function compareResults(a: SearchResult, b: SearchResult): number {
  const byOrder = Number(b.order !== null) - Number(a.order !== null);
  if (byOrder !== 0) return byOrder;
  const lastA = a.lastOrder ? Date.parse(a.lastOrder.dateCreated) : -Infinity;
  const lastB = b.lastOrder ? Date.parse(b.lastOrder.dateCreated) : -Infinity;
  if (lastA !== lastB) return lastB - lastA;
  return a.name.localeCompare(b.name) || a.email.localeCompare(b.email);
}

function toOrderRef(fact: OrderFact): OrderRef {
  return { id: fact.orderId, dateCreated: new Date(fact.dateCreated).toISOString() };
}
