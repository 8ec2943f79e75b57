import type { BigCommerceClient } from '../bigcommerce/index.js';
import type { Cache, CachePolicy } from '../cache/index.js';
import type { MarketConfig, StoreConfig } from '../config.js';
import type { CustomerGroupNames } from './customer-groups.js';
import type {
  ErrorLogRepo,
  LinkRepo,
  OrderChangeRepo,
  OrderIndexRepo,
  TicketEventRepo,
} from '../store/index.js';

/**
 * What the context room needs from the rest of the BFF; built from the server context by createContextDeps
 * (routes/context.ts).
 */
export interface ContextDeps {
  /** The BigCommerce client of a configured store (by config key). */
  clientFor(storeKey: string): BigCommerceClient;
  cache: Cache;
  stores: Readonly<Record<string, Pick<StoreConfig, 'hash'>>>;
  links: Pick<LinkRepo, 'get' | 'upsert' | 'undo'>;
  ticketEvents: Pick<TicketEventRepo, 'append' | 'find'>;
  errorLog: Pick<ErrorLogRepo, 'record' | 'addRefs'>;
  now: () => number;
  /** Sandbox stores have no control panel to link to. */
  sandbox: boolean;
  /**
   * How long one agent request may wait for BigCommerce, all calls, throttle waits and retries included;
   * each upstream load gets the same budget from its own start (it may be shared by later requests).
   */
  requestBudgetMs: number;
  /** The sync room's index (DESIGN §9), when there is one: views read it while it is current. */
  index?: IndexAccess;
  /** The stores' customer group names, read in the background (customer-groups.ts); a view never waits. */
  groupNames?: Pick<CustomerGroupNames, 'name'>;
  /** The sync room's recorded order changes: what changed since a ticket was opened. */
  changes?: Pick<OrderChangeRepo, 'listChangedOrderIds' | 'listForOrder'>;
  policies?: Partial<ContextPolicies>;
}

/** What the context room reads of the sync room's index (structural: context does not depend on sync). */
export interface IndexAccess {
  /** Whether the store's index is current now, and as of when. */
  verdict(storeKey: string): Promise<{ current: boolean; asOf: number }>;
  repo: Pick<
    OrderIndexRepo,
    | 'getCustomer'
    | 'findCustomersByEmail'
    | 'listShopperOrders'
    | 'countShopperOrders'
    | 'listShopperTotals'
    | 'getOrder'
    | 'searchCustomers'
    | 'searchGuestEmails'
    | 'listOrderFacts'
  >;
  windowDays(storeKey: string): number;
}

/** Warn-level logging bound to the request (pino's child logger fits). */
export interface ScopeLogger {
  warn(fields: Record<string, unknown>, message: string): void;
}

/** One request's circumstances: who asks (for logs and the error log), and whether the cache is bypassed. */
export interface RequestScope {
  correlationId: string;
  log: ScopeLogger;
  /**
   * The request's deadline (`requestBudgetMs` from its start): when it fires, the request stops waiting and
   * answers with a stale copy, or 504 upstream_timeout without one.
   */
  signal?: AbortSignal;
  /** `?refresh=1`: skip fresh copies for this call (a stale copy still answers if BigCommerce fails). */
  refresh?: boolean;
}

/** The ticket as a session sees it (bound at session start from the embed token). */
export interface TicketViewer {
  ticket: string;
  agent: string;
  /** novomind External ID claim (the BigCommerce customer id to try), as given. */
  customerClaim: string | null;
  email: string | null;
  market: MarketConfig;
  storeKey: string;
  locale: string;
  /** When the ticket was opened (embed-token claim `ticketCreatedAt`, epoch ms), or null. */
  ticketCreatedAt?: number | null;
}

export interface ContextPolicies {
  customer: CachePolicy;
  orderPage: CachePolicy;
  orderDetail: CachePolicy;
  orderOwner: CachePolicy;
  contextPage: CachePolicy;
  ticketOrders: CachePolicy;
  orderHeader: CachePolicy;
  contextPageIndexed: CachePolicy;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Shoppers change rarely; order lists and details change with every shipment. The assembled context page
 * lives shorter than its parts, so rebuilding it usually costs no upstream call. Stale copies may answer
 * for six hours while BigCommerce is down (marked stale with their age).
 */
export const DEFAULT_CONTEXT_POLICIES: ContextPolicies = {
  customer: { kind: 'customer', ttlMs: 5 * MINUTE, staleTtlMs: 6 * HOUR },
  orderPage: { kind: 'order_page', ttlMs: 1 * MINUTE, staleTtlMs: 6 * HOUR },
  orderDetail: { kind: 'order', ttlMs: 1 * MINUTE, staleTtlMs: 6 * HOUR },
  // An order's owner and channel do not change, but its status may leave 0 (incomplete) and an unknown id may
  // appear: a minute is what a probe of an id is remembered (0 calls on a repeat); the copy keeps answering
  // ownership while BigCommerce is down.
  orderOwner: { kind: 'order_owner', ttlMs: 1 * MINUTE, staleTtlMs: 6 * HOUR },
  contextPage: { kind: 'context', ttlMs: 30_000, staleTtlMs: 6 * HOUR },
  // From the index a page costs a few queries and no quota; kept briefly so a change a webhook brought shows
  // within seconds, while a burst of identical views still shares one build.
  contextPageIndexed: { kind: 'context', ttlMs: 2_000, staleTtlMs: 6 * HOUR },
  // As long as a working shift: the orders a ticket listed stay its shopper's until a new link.
  ticketOrders: { kind: 'ticket_orders', ttlMs: 12 * HOUR, staleTtlMs: 12 * HOUR },
  // Only bridges an ownership check and the detail load right after it; never a stand-in when BigCommerce fails.
  orderHeader: { kind: 'order_header', ttlMs: 10_000, staleTtlMs: 10_000 },
};

export function resolvePolicies(deps: Pick<ContextDeps, 'policies'>): ContextPolicies {
  return { ...DEFAULT_CONTEXT_POLICIES, ...deps.policies };
}
