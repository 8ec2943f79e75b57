import type { BcCustomer } from '../bigcommerce/index.js';
import type { IndexedOrder, OrderFact } from '../store/index.js';
import type { IndexAccess } from './context-deps.js';
import { isCustomerInChannels } from './map-customer.js';
import { INCOMPLETE_STATUS_ID } from './order-status.js';
import {
  customerName,
  matchedByText,
  type FindOrderLive,
  type Found,
  type OrderMatch,
  type SearchQuery,
  type SearchSide,
} from './search-result.js';
import type { ShopperLookups } from './shopper-lookups.js';

/**
 * Customers a text matches, read before the market's channels are applied (channel-bound accounts are rare), so
 * that a page of other channels' accounts does not hide this market's.
 */
const CUSTOMER_CANDIDATES = 100;

/**
 * The search from the sync index (DESIGN §9), while it is current: names and emails of every customer of the store,
 * and the billing names and emails of the window's guest orders, folded the same way as the query. Costs no call
 * of the store's quota, except an order number older than the window (one call, and one for its shopper).
 */
export async function searchIndex(
  index: IndexAccess,
  live: ShopperLookups,
  /** An order the index does not have (older than the window), asked of BigCommerce. */
  findOrderLive: FindOrderLive,
  query: SearchQuery,
  limit: number,
  windowStart: number,
): Promise<SearchSide> {
  const { storeKey, channels } = live;
  const market = {
    storeKey,
    channels: channels ?? null,
    excludeStatuses: [INCOMPLETE_STATUS_ID],
    createdFrom: windowStart,
  };
  const text = query.terms.length > 0;
  const [byNumber, candidates, guestEmails] = await Promise.all([
    query.orderId === null ? null : findOrder(index, live, findOrderLive, query.orderId, windowStart),
    text ? index.repo.searchCustomers(storeKey, query.terms, CUSTOMER_CANDIDATES) : [],
    text ? index.repo.searchGuestEmails({ ...market, terms: query.terms, limit: limit + 1 }) : [],
  ]);
  const customers = candidates
    .map((candidate) => candidate.record as BcCustomer)
    .filter((customer) => isCustomerInChannels(customer, channels));

  // A guest who also has an account is that account's result.
  const accountEmails = new Set(customers.map((customer) => customer.email.toLowerCase()));
  const guests = guestEmails.filter((email) => !accountEmails.has(email)).slice(0, limit);
  const shown = customers.slice(0, limit);
  const facts = await index.repo.listOrderFacts({
    ...market,
    customerIds: [
      ...shown.map((customer) => customer.id),
      ...(byNumber?.customer ? [byNumber.customer.id] : []),
    ],
    guestEmails: [...guests, ...(byNumber && !byNumber.customer ? [byNumber.order.email] : [])],
  });
  const ordersOf = (customerId: number, email: string): OrderFact[] =>
    facts.filter((fact) =>
      customerId > 0 ? fact.customerId === customerId : fact.customerId === 0 && fact.email === email,
    );

  const found: Found[] = [];
  if (byNumber) {
    const { customer, order } = byNumber;
    found.push({
      customer,
      email: customer?.email ?? order.email,
      orders: ordersOf(customer?.id ?? 0, order.email),
      ordersPartial: false,
      order,
      matchedBy: 'order',
    });
  }
  for (const customer of shown) {
    found.push({
      customer,
      email: customer.email,
      orders: ordersOf(customer.id, ''),
      ordersPartial: false,
      order: null,
      matchedBy: matchedByText(customerName(customer), query.terms),
    });
  }
  for (const email of guests) {
    const orders = ordersOf(0, email);
    found.push({
      customer: null,
      email,
      orders,
      ordersPartial: false,
      order: null,
      matchedBy: matchedByText(orders[0]?.billingName ?? '', query.terms),
    });
  }
  return { found, truncated: customers.length > limit || guestEmails.length > limit };
}

/**
 * The order with this number and its shopper, when the market sees it: from the index; an order older than the
 * window (or too new for it) is asked of BigCommerce, its shopper again from the index.
 */
async function findOrder(
  index: IndexAccess,
  live: ShopperLookups,
  findOrderLive: FindOrderLive,
  orderId: number,
  windowStart: number,
): Promise<OrderMatch | null> {
  const indexed = await index.repo.getOrder(live.storeKey, orderId);
  const order =
    indexed && indexed.dateCreated >= windowStart ? visibleFact(indexed, live.channels) : undefined;
  const found = order === undefined ? await findOrderLive(orderId) : order;
  if (!found) return null;
  if (found.customerId === 0) return { order: found, customer: null };
  const account = await index.repo.getCustomer(live.storeKey, found.customerId);
  const customer = account ? (account.record as BcCustomer) : await live.customerById(found.customerId);
  return { order: found, customer };
}

/** An indexed order as a fact, or null when the market does not see it. */
function visibleFact(indexed: IndexedOrder, channels: readonly number[] | undefined): OrderFact | null {
  if (indexed.statusId === INCOMPLETE_STATUS_ID) return null;
  if (channels !== undefined && !channels.includes(indexed.channelId)) return null;
  if (indexed.customerId === 0 && indexed.email === '') return null;
  return {
    orderId: indexed.orderId,
    customerId: indexed.customerId,
    email: indexed.email,
    dateCreated: indexed.dateCreated,
    billingName: indexed.billingName,
    city: indexed.city,
    countryIso2: indexed.countryIso2,
  };
}
