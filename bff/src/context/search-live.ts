import type { BcCustomer, BigCommerceClient, CallOptions } from '../bigcommerce/index.js';
import type { OrderFact } from '../store/index.js';
import { isCustomerInChannels } from './map-customer.js';
import { isVisibleOrder } from './order-visibility.js';
import {
  customerName,
  matchedByText,
  toOrderFact,
  type FindOrderLive,
  type Found,
  type OrderMatch,
  type SearchQuery,
  type SearchSide,
} from './search-result.js';
import { foldText, hasEveryTerm, stripAccents } from './search-text.js';
import type { ShopperLookups } from './shopper-lookups.js';

/**
 * Shoppers read per live name search: one call whatever the page size, and a name that several dozen shoppers
 * share still leaves room for the other terms to pick the right ones.
 */
const NAME_PAGE = 100;

/**
 * Results whose orders are looked up live (one call each, in parallel): enough to tell a handful of namesakes
 * apart, few enough for the store's shared quota. It is the first page of the shopper's order list, the very call
 * their ticket view makes once they are linked, so it is cached for it.
 */
export const LIVE_ORDER_LOOKUPS = 5;

/**
 * The search without a current index: BigCommerce answers. It cannot fold text or find a part of an email:
 * `name:like` is a plain substring of "first last", so the query's longest term goes out in the spellings it may
 * have been written in (umlauts, their transliteration, no accents) and the other terms are checked here;
 * `email:in` takes whole addresses only. Calls: one for the shoppers (their addresses included), one for a
 * whole address's guest orders, one (plus one for its shopper) for an order number, and up to
 * LIVE_ORDER_LOOKUPS for the results' orders.
 */
export async function searchLive(
  client: Pick<BigCommerceClient, 'searchCustomers'>,
  lookups: ShopperLookups,
  findOrderLive: FindOrderLive,
  query: SearchQuery,
  limit: number,
  call: CallOptions,
): Promise<SearchSide> {
  // The most telling word goes to BigCommerce. One without a letter ("521") or with an @ (a part of an email,
  // which BigCommerce cannot search for) is no name.
  const longest = [...query.words].sort((a, b) => b.length - a.length)[0];
  const byName = longest !== undefined && /\p{L}/u.test(longest) && !longest.includes('@');
  const [byNumber, accounts, emailOrders] = await Promise.all([
    query.orderId === null ? null : findOrderMatch(lookups, findOrderLive, query.orderId),
    query.email !== null
      ? client.searchCustomers({ email: query.email }, limit + 1, call)
      : byName
        ? client.searchCustomers({ names: nameSpellings(longest) }, NAME_PAGE, call)
        : [],
    // A whole address may be a guest's: their orders are found by email only.
    query.email === null ? null : lookups.orderPage({ email: query.email }, 1),
  ]);
  const matching = accounts.filter(
    (customer) =>
      isCustomerInChannels(customer, lookups.channels) &&
      hasEveryTerm([customerName(customer), customer.email], query.terms),
  );
  const shown = matching.slice(0, limit);
  const lookedUp = new Set(pickOrderLookups(shown).map((customer) => customer.id));

  const found: Found[] = await Promise.all([
    ...(byNumber ? [withOrders(lookups, byNumber.customer, byNumber.order.email, byNumber.order)] : []),
    ...shown.map(async (customer): Promise<Found> => {
      const entry = lookedUp.has(customer.id)
        ? await withOrders(lookups, customer, customer.email, null)
        : { customer, email: customer.email, orders: null, ordersPartial: false, order: null };
      return { ...entry, matchedBy: matchedByText(customerName(customer), query.terms) };
    }),
  ]);
  const guestOrders = (emailOrders?.orders ?? [])
    .filter((order) => order.customerId === 0 && isVisibleOrder(order, lookups.channels))
    .map(toOrderFact);
  const hasAccount = shown.some((customer) => customer.email.toLowerCase() === query.email?.toLowerCase());
  if (query.email !== null && guestOrders.length > 0 && !hasAccount) {
    found.push({
      customer: null,
      email: query.email.toLowerCase(),
      orders: guestOrders,
      ordersPartial: emailOrders?.hasMore === true,
      order: null,
      matchedBy: 'email',
    });
  }
  return { found, truncated: matching.length > limit };
}

/** The order searched for and its shopper (one more call, cached like a ticket view's shopper). */
async function findOrderMatch(
  lookups: ShopperLookups,
  findOrderLive: FindOrderLive,
  orderId: number,
): Promise<OrderMatch | null> {
  const order = await findOrderLive(orderId);
  if (!order) return null;
  return { order, customer: order.customerId === 0 ? null : await lookups.customerById(order.customerId) };
}

/**
 * Whose orders are looked up: namesakes first (two "Lukas Öztürk" are told apart by their last orders and cities),
 * then in BigCommerce's order; LIVE_ORDER_LOOKUPS at most.
 */
function pickOrderLookups(customers: readonly BcCustomer[]): BcCustomer[] {
  const named = new Map<string, number>();
  const key = (customer: BcCustomer) => foldText(customerName(customer));
  for (const customer of customers) named.set(key(customer), (named.get(key(customer)) ?? 0) + 1);
  const shared = (customer: BcCustomer) => Number((named.get(key(customer)) ?? 0) > 1);
  return [...customers].sort((a, b) => shared(b) - shared(a)).slice(0, LIVE_ORDER_LOOKUPS);
}

/**
 * Reads the shopper's (or the guest email's) first page of orders for their count, last order and place. A
 * failure leaves them unknown rather than failing the search: the shoppers themselves were found.
 */
async function withOrders(
  lookups: ShopperLookups,
  customer: BcCustomer | null,
  email: string,
  order: OrderFact | null,
): Promise<Found> {
  const base = { customer, email: customer?.email ?? email, order, matchedBy: 'order' as const };
  try {
    const page = await lookups.orderPage(customer ? { customerId: customer.id } : { email }, 1);
    const orders = page.orders
      .filter(
        (candidate) =>
          isVisibleOrder(candidate, lookups.channels) && (customer !== null || candidate.customerId === 0),
      )
      .map(toOrderFact)
      .sort((a, b) => b.dateCreated - a.dateCreated || b.orderId - a.orderId);
    return { ...base, orders, ordersPartial: page.hasMore };
  } catch {
    return { ...base, orders: null, ordersPartial: false };
  }
}

/**
 * The spellings `name:like` gets for a term: as typed (lower case), with umlauts for their transliteration
 * ("oeztuerk" → "öztürk"), transliterated ("öztürk" → "oeztuerk"), and without accents ("ozturk"). BigCommerce
 * matches any of them.
 */
function nameSpellings(word: string): string[] {
  return [
    ...new Set([
      word,
      word.replace(/ae/g, 'ä').replace(/oe/g, 'ö').replace(/ue/g, 'ü'),
      word.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss'),
      stripAccents(word),
    ]),
  ];
}
