import type { ContextResponse, MarketRef, OrderCount, OrderSummary } from '../../../shared/index.js';
import { cacheKeys, type CacheResult } from '../cache/index.js';
import type { MarketConfig } from '../config.js';
import { AppError } from '../core/app-error.js';
import {
  decodeCursor,
  encodeCursor,
  fingerprintSources,
  START,
  type IndexCursor,
  type LiveCursor,
} from './context-cursor.js';
import {
  resolvePolicies,
  type ContextDeps,
  type IndexAccess,
  type RequestScope,
  type TicketViewer,
} from './context-deps.js';
import { summarizeOrders, toCountedOrders } from './customer-summary.js';
import { createIndexLookups } from './index-lookups.js';
import { findChangedOrders } from './since-ticket.js';
import { INCOMPLETE_STATUS_ID } from './order-status.js';
import { fileRefs } from './invalid-record-sink.js';
import { createJsonReply, toFreshness, type JsonReply } from './json-reply.js';
import { toCustomer, toCustomerView } from './map-customer.js';
import { toOrderSummary } from './map-order.js';
import { matchShopper, parseCustomerId } from './match-shopper.js';
import { mergeOrderLists, type MergedPage } from './merge-order-lists.js';
import { filterKey, type HistoryFilter } from './order-filter.js';
import { recordListedOrders } from './order-ownership.js';
import { createShopperLookups, type ShopperLookups } from './shopper-lookups.js';
import { applyTemplate, DEFAULT_TEMPLATE } from './templates.js';

/** Orders per context page. */
export const CONTEXT_PAGE_SIZE = 20;

/** A built page without its freshness, which depends on the moment it is sent. */
interface ContextPage {
  body: Omit<ContextResponse, 'freshness'>;
  /** `body` serialized once, when the page was built. */
  bodyJson: string;
  /** Epoch ms of the oldest upstream piece the page was built from. */
  asOf: number;
  stale: boolean;
  /** Loads with skipped records the page was built from: every request served this page refs them. */
  invalidLoads: string[];
}

/**
 * Thrown out of the page loader when a piece could only be served from a stale copy: such a page must not be
 * stored as a fresh success (it would hide the outage for a whole TTL), but it is still the best answer.
 */
class StalePageError extends Error {
  constructor(readonly page: ContextPage) {
    super('The context page was built from stale pieces.');
  }
}

export interface ContextQuery {
  /** The `?cursor=` of the previous answer, or null for the first page. */
  cursor: string | null;
  /** The agent's filter (`?number=&status=&from=&to=`); a cursor is only valid with the filter it was issued for. */
  filter?: HistoryFilter | null;
}

/**
 * GET /api/v1/context: the ticket's shopper, how they were matched and their orders, newest first.
 *
 * Warm, it is one cache lookup of the assembled page (per ticket and session shape). Cold, it overlaps the
 * upstream calls: with an External ID or a link, the customer lookup, their orders and the guest orders by the
 * ticket's email go out together (one round trip); by email, the customer lookup and guest orders go together
 * and the customer's orders follow (two round trips). Identical concurrent loads share one upstream call.
 */
export async function getContext(
  deps: ContextDeps,
  viewer: TicketViewer,
  query: ContextQuery,
  scope: RequestScope,
): Promise<JsonReply<ContextResponse>> {
  const cursor = query.cursor === null ? null : decodeCursor(query.cursor);
  if (query.cursor !== null && cursor === null) throw new AppError('invalid_cursor');
  const filter = query.filter ?? null;

  const shape = [
    viewer.market.id,
    viewer.customerClaim ?? '',
    viewer.email ?? '',
    viewer.locale,
    query.cursor ?? '',
    filterKey(filter),
  ];
  const key = cacheKeys.contextPage(viewer.storeKey, viewer.ticket, shape);
  // The index answers the first pages while it is current (DESIGN §9); a live cursor stays live.
  const indexed =
    deps.index !== undefined && cursor?.kind !== 'live'
      ? await deps.index.verdict(viewer.storeKey)
      : { current: false, asOf: 0 };
  if (cursor?.kind === 'index' && !indexed.current) {
    throw new AppError('invalid_cursor', {
      message: 'The list’s source changed since it was loaded; reload it.',
    });
  }
  const policies = resolvePolicies(deps);
  let page: ContextPage;
  let result: Pick<CacheResult<ContextPage>, 'asOf' | 'stale'>;
  try {
    const loaded = await deps.cache.getOrLoad(
      key,
      indexed.current ? policies.contextPageIndexed : policies.contextPage,
      async () => {
        const fromIndex =
          indexed.current && deps.index
            ? await buildIndexedPage(
                deps,
                deps.index,
                indexed.asOf,
                viewer,
                cursor?.kind === 'index' ? cursor : null,
                filter,
                scope,
              )
            : null;
        return (
          fromIndex ?? buildContextPage(deps, viewer, cursor?.kind === 'live' ? cursor : null, filter, scope)
        );
      },
      { refresh: scope.refresh === true, signal: scope.signal },
    );
    page = loaded.value;
    result = loaded;
  } catch (error) {
    if (!(error instanceof StalePageError)) throw error;
    page = error.page;
    result = { asOf: page.asOf, stale: true };
  }

  fileRefs(deps, scope, page.invalidLoads);
  const asOf = Math.min(page.asOf, result.asOf);
  // Per request, not cached with the page: a change the sync room recorded a second ago is marked at once.
  const changed = await findChangedOrders(deps, viewer, {
    customerId: page.body.customer?.id ?? null,
    guestEmail: page.body.guestEmail,
  });
  return createJsonReply(page, {
    freshness: toFreshness(asOf, deps.now(), page.stale || result.stale),
    ...(changed ? { changedSinceTicket: changed } : {}),
  });
}

async function buildContextPage(
  deps: ContextDeps,
  viewer: TicketViewer,
  cursor: LiveCursor | null,
  filter: HistoryFilter | null,
  scope: RequestScope,
): Promise<ContextPage> {
  const { market } = viewer;
  const lookups = createShopperLookups(
    deps,
    { storeKey: viewer.storeKey, channels: market.channels, before: cursor?.before ?? null, filter },
    scope,
  );
  const link = await deps.links.get(viewer.ticket, market.id);

  prefetchLikelyLists(lookups, viewer, link, cursor);
  const match = await matchShopper(lookups, {
    link,
    customerClaim: viewer.customerClaim,
    email: viewer.email,
    channels: lookups.channels,
  });

  const sources = fingerprintSources([
    viewer.storeKey,
    String(match.customer?.id ?? ''),
    match.guestEmail?.toLowerCase() ?? '',
    lookups.channels?.join(',') ?? 'all',
    filterKey(filter),
  ]);
  if (cursor !== null && cursor.sources !== sources) {
    throw new AppError('invalid_cursor', {
      message: 'The ticket’s shopper or the filter changed since this list was loaded; reload it.',
    });
  }

  const merged = await mergeOrderLists(
    lookups,
    {
      customer: match.customer
        ? { owner: { customerId: match.customer.id }, guestOnly: false, from: cursor?.customer ?? START }
        : null,
      guest: match.guestEmail
        ? { owner: { email: match.guestEmail }, guestOnly: true, from: cursor?.guest ?? START }
        : null,
    },
    CONTEXT_PAGE_SIZE,
  );

  recordListedOrders(
    deps,
    viewer,
    merged.orders.map(({ order }) => order.id),
  );
  const count =
    cursor === null
      ? await countLive(lookups, match.customer?.id ?? null, match.guestEmail, filter, merged)
      : undefined;
  // The lists may only "maybe" continue (their next order is in a page not read yet): a count that says every
  // order is shown ends the list here, so no "more" leads to an empty page.
  const hasMore =
    merged.hasMore && (count === undefined || (count.matching ?? count.total) > merged.orders.length);
  const customer = match.customer ? toCustomer(match.customer) : null;
  const template = market.template ?? DEFAULT_TEMPLATE;
  const { asOf, stale } = lookups.freshness();
  const orders = merged.orders.map(({ order, guest }) => ({ ...toOrderSummary(order), guest }));
  const groupName = deps.groupNames?.name(viewer.storeKey, customer?.customerGroupId ?? null) ?? null;
  const body: ContextPage['body'] = {
    ticket: viewer.ticket,
    market: toMarketRef(market),
    customer,
    guestEmail: match.guestEmail,
    match: { method: match.method, tried: match.tried },
    orders,
    ...(count ? { count } : {}),
    nextCursor: hasMore
      ? encodeCursor({
          kind: 'live',
          customer: merged.customer,
          guest: merged.guest,
          sources,
          before: cursor?.before ?? null,
        })
      : null,
    fields: applyTemplate(
      template.customer,
      viewer.locale,
      toCustomerView(customer, match.guestEmail, groupName),
    ),
    sandbox: deps.sandbox,
    // Without a current index, only what this view loaded (the first page) is counted: no extra calls for it.
    ...(cursor === null && (customer !== null || match.guestEmail !== null)
      ? {
          summary: summarizeOrders(
            { orders: toCountedOrders(orders), complete: !hasMore, window: null },
            customer,
            groupName,
          ),
        }
      : {}),
  };
  const page: ContextPage = {
    body,
    bodyJson: JSON.stringify(body),
    asOf,
    stale,
    invalidLoads: lookups.invalidLoads(),
  };
  if (stale) throw new StalePageError(page);
  return page;
}

/**
 * The first pages of a ticket's context from the sync room's index (DESIGN §9): the shopper matched from the
 * indexed customers (BigCommerce only for one the index does not have yet), their orders and guest orders of
 * the window newest first, no call of the store's quota. Past the window the list continues live, before the
 * window's start: a shopper's older orders are one "more" away.
 */
async function buildIndexedPage(
  deps: ContextDeps,
  index: IndexAccess,
  indexAsOf: number,
  viewer: TicketViewer,
  cursor: IndexCursor | null,
  filter: HistoryFilter | null,
  scope: RequestScope,
): Promise<ContextPage | null> {
  const { market } = viewer;
  const windowStart = cursor?.windowStart ?? deps.now() - index.windowDays(viewer.storeKey) * 24 * 3_600_000;
  const live = createShopperLookups(deps, { storeKey: viewer.storeKey, channels: market.channels }, scope);
  const lookups = createIndexLookups(index, live, windowStart, scope.refresh === true);
  const link = await deps.links.get(viewer.ticket, market.id);
  const match = await matchShopper(lookups, {
    link,
    customerClaim: viewer.customerClaim,
    email: viewer.email,
    channels: lookups.channels,
    probeGuestOrders: (email) => lookups.hasGuestOrders(email),
  });
  const sources = fingerprintSources([
    viewer.storeKey,
    String(match.customer?.id ?? ''),
    match.guestEmail?.toLowerCase() ?? '',
    lookups.channels?.join(',') ?? 'all',
    filterKey(filter),
  ]);
  if (cursor !== null && cursor.sources !== sources) {
    throw new AppError('invalid_cursor', {
      message: 'The ticket’s shopper or the filter changed since this list was loaded; reload it.',
    });
  }
  const query = {
    storeKey: viewer.storeKey,
    customerId: match.customer?.id ?? null,
    guestEmail: match.guestEmail,
    channels: lookups.channels ?? null,
    excludeStatuses: [INCOMPLETE_STATUS_ID],
    createdFrom: windowStart,
  };
  const filtered = {
    ...query,
    createdFrom: Math.max(windowStart, filter?.createdFrom ?? 0),
    orderId: filter?.orderId ?? null,
    statusId: filter?.statusId ?? null,
    createdTo: filter?.createdTo ?? null,
  };
  const offset = cursor?.offset ?? 0;
  const rows =
    query.customerId === null && query.guestEmail === null
      ? []
      : await index.repo.listShopperOrders({ ...filtered, limit: CONTEXT_PAGE_SIZE + 1, offset });
  // A filter the window cannot answer (an order from last spring): BigCommerce's filters answer it in one step,
  // instead of an empty page whose "more" leads there.
  if (filter !== null && offset === 0 && rows.length === 0) return null;
  const shown = rows.slice(0, CONTEXT_PAGE_SIZE);
  const orders = shown.map((row) => row.summary as OrderSummary);
  recordListedOrders(
    deps,
    viewer,
    shown.map((row) => row.orderId),
  );
  const anybody = query.customerId !== null || query.guestEmail !== null;
  const nextCursor = !anybody
    ? null
    : rows.length > CONTEXT_PAGE_SIZE
      ? encodeCursor({ kind: 'index', offset: offset + CONTEXT_PAGE_SIZE, sources, windowStart })
      : // The window is exhausted: older orders are BigCommerce's to answer.
        encodeCursor({ kind: 'live', customer: START, guest: START, sources, before: windowStart });
  const customer = match.customer ? toCustomer(match.customer) : null;
  const template = market.template ?? DEFAULT_TEMPLATE;
  const groupName = deps.groupNames?.name(viewer.storeKey, customer?.customerGroupId ?? null) ?? null;
  // The index holds the whole window: the summary adds it up without a call of the store's quota.
  const counted = anybody && cursor === null ? await index.repo.listShopperTotals(query) : null;
  const liveFreshness = live.freshness();
  const body: ContextPage['body'] = {
    ticket: viewer.ticket,
    market: toMarketRef(market),
    customer,
    guestEmail: match.guestEmail,
    match: { method: match.method, tried: match.tried },
    orders,
    ...(counted
      ? {
          count: {
            // The summary's rows are the same query's: their number is the count (one query less per view).
            total: counted.length,
            matching: filter === null ? null : await index.repo.countShopperOrders(filtered),
            windowDays: index.windowDays(viewer.storeKey),
          },
        }
      : {}),
    nextCursor,
    fields: applyTemplate(
      template.customer,
      viewer.locale,
      toCustomerView(customer, match.guestEmail, groupName),
    ),
    sandbox: deps.sandbox,
    ...(counted
      ? {
          summary: summarizeOrders(
            {
              orders: counted,
              complete: true,
              window: { start: windowStart, days: index.windowDays(viewer.storeKey) },
            },
            customer,
            groupName,
          ),
        }
      : {}),
  };
  const page: ContextPage = {
    body,
    bodyJson: JSON.stringify(body),
    asOf: lookups.usedLive() ? Math.min(indexAsOf, liveFreshness.asOf) : indexAsOf,
    stale: liveFreshness.stale,
    invalidLoads: live.invalidLoads(),
  };
  if (page.stale) throw new StalePageError(page);
  return page;
}

/**
 * The count a live list's first page carries: a list that fits on the page is its own count; a longer one is
 * counted by BigCommerce (`GET /v2/orders/count`, the shopper's and the guest orders, cached like list pages).
 */
async function countLive(
  lookups: ShopperLookups,
  customerId: number | null,
  guestEmail: string | null,
  filter: HistoryFilter | null,
  merged: MergedPage,
): Promise<OrderCount> {
  const upstream = async (filtered: boolean): Promise<number> => {
    const [own, guests] = await Promise.all([
      customerId === null ? 0 : lookups.countOrders({ customerId }, false, filtered),
      guestEmail === null ? 0 : lookups.countOrders({ email: guestEmail }, true, filtered),
    ]);
    return own + guests;
  };
  const shown = merged.orders.length;
  const [total, matching] = await Promise.all([
    filter === null && !merged.hasMore ? shown : upstream(false),
    filter === null ? null : merged.hasMore ? upstream(true) : shown,
  ]);
  return { total, matching, windowDays: null };
}

/**
 * Starts the order-list pages this view will most likely need, so they travel together with the shopper
 * lookup instead of after it. A guess that turns out wrong (the External ID names nobody) costs one call.
 */
function prefetchLikelyLists(
  lookups: ShopperLookups,
  viewer: TicketViewer,
  link: { customerId: number | null; email: string | null } | null,
  cursor: LiveCursor | null,
): void {
  const customerId = link ? link.customerId : parseCustomerId(viewer.customerClaim);
  // With a link to a shopper, the ticket's email is likely someone else's: wait for the shopper's own.
  const guestEmail = link ? link.email : viewer.email;
  if (customerId !== null) lookups.prefetchOrderPage({ customerId }, (cursor?.customer ?? START).page);
  if (guestEmail) lookups.prefetchOrderPage({ email: guestEmail }, (cursor?.guest ?? START).page);
}

export function toMarketRef(market: MarketConfig): MarketRef {
  return { id: market.id, label: market.label, store: market.store };
}
