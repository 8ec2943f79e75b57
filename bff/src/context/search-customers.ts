import type { CustomerSearchResponse } from '../../../shared/index.js';
import type { OrderFact } from '../store/index.js';
import type { ContextDeps, RequestScope, TicketViewer } from './context-deps.js';
import { findVisibleOrder } from './find-visible-order.js';
import { createInvalidRecordSink } from './invalid-record-sink.js';
import { toCustomer } from './map-customer.js';
import { searchIndex } from './search-index.js';
import { searchLive } from './search-live.js';
import { compareResults, toOrderFact, toSearchResult, type SearchQuery } from './search-result.js';
import { toSearchTerms } from './search-text.js';
import { createShopperLookups } from './shopper-lookups.js';

export const SEARCH_LIMIT = 20;

/** `#521` or `521`: an order number (BigCommerce's ids are 32-bit). */
const ORDER_NUMBER = /^#?([1-9]\d{0,9})$/;
const MAX_ORDER_ID = 2_147_483_647;
/** A whole address (something@domain.tld), which BigCommerce's `email:in` can answer. */
const WHOLE_EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;

const DAY_MS = 86_400_000;

/**
 * GET /api/v1/customers?q=: the agent's manual search (issue 13.6), in the session market's store and channels
 * only. By name or email, any case, with or without accents ("oeztuerk", "ozturk" and "ÖZTÜRK" find "Öztürk"),
 * by a part of an email, or by an order number (`#521`: that order's shopper, a guest too). From the sync index
 * while it is current (no call of the store's quota); otherwise live, which finds whole words of names and whole
 * addresses only (search-live.ts). Each result says what tells namesakes apart: email, city, last order.
 * Not cached: an agent searching is looking for someone the automatic match missed, often just created.
 */
export async function searchCustomers(
  deps: ContextDeps,
  viewer: TicketViewer,
  text: string,
  scope: RequestScope,
): Promise<CustomerSearchResponse> {
  const query = parseQuery(text);
  const lookups = createShopperLookups(
    deps,
    { storeKey: viewer.storeKey, channels: viewer.market.channels },
    scope,
  );
  const sink = createInvalidRecordSink(deps, scope);
  const client = deps.clientFor(viewer.storeKey);

  /** The order with this number, when the market sees it: one call (a guest's without an email identifies nobody). */
  const findOrderLive = async (orderId: number): Promise<OrderFact | null> => {
    const order = await findVisibleOrder(deps, viewer, orderId, scope);
    const fact = order ? toOrderFact(order) : null;
    return fact && (fact.customerId !== 0 || fact.email !== '') ? fact : null;
  };

  const verdict = deps.index ? await deps.index.verdict(viewer.storeKey) : { current: false, asOf: 0 };
  const index = verdict.current ? deps.index : undefined;
  const windowDays = index ? index.windowDays(viewer.storeKey) : null;
  const side = index
    ? await searchIndex(
        index,
        lookups,
        findOrderLive,
        query,
        SEARCH_LIMIT,
        deps.now() - (windowDays ?? 0) * DAY_MS,
      )
    : await searchLive(client, lookups, findOrderLive, query, SEARCH_LIMIT, sink.callOptions);

  const results = side.found.map(toSearchResult).sort(compareResults);
  // The order's shopper may also be found by text: shown once, as the order's result (ranked first).
  const seen = new Set<string>();
  const unique = results.filter((result) => {
    const key =
      result.customerId === null ? `guest:${result.email.toLowerCase()}` : `id:${result.customerId}`;
    return !seen.has(key) && seen.add(key);
  });
  const shown = unique.slice(0, SEARCH_LIMIT);
  const accounts = new Map(
    side.found.flatMap((found) => (found.customer ? [[found.customer.id, found.customer] as const] : [])),
  );
  return {
    customers: shown.flatMap((result) => {
      const account = result.customerId === null ? undefined : accounts.get(result.customerId);
      return account ? [toCustomer(account)] : [];
    }),
    results: shown,
    source: index ? 'index' : 'live',
    windowDays,
    truncated: side.truncated || unique.length > SEARCH_LIMIT,
  };
}

/** The search text (2–100 characters, trimmed by the route) as an order number, words, and maybe an address. */
export function parseQuery(text: string): SearchQuery {
  const number = ORDER_NUMBER.exec(text);
  const orderId = number && Number(number[1]) <= MAX_ORDER_ID ? Number(number[1]) : null;
  // "#521" is only an order number; "521" may also be part of an email ("lukas521@…").
  const searchable = text.startsWith('#') && orderId !== null ? '' : text;
  const words = searchable
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
  return {
    orderId,
    words,
    terms: toSearchTerms(searchable),
    email: WHOLE_EMAIL.test(text) ? text.toLowerCase() : null,
  };
}
