import type { BcCustomer, CallOptions, OrderPage } from '../bigcommerce/index.js';
import {
  cacheKeys,
  type CacheKey,
  type CachePolicy,
  type CacheResult,
  type OrderOwner,
} from '../cache/index.js';
import type { ContextDeps, RequestScope } from './context-deps.js';
import { resolvePolicies } from './context-deps.js';
import { createInvalidRecordSink } from './invalid-record-sink.js';
import { filterKey, toOrderFilterFields, type HistoryFilter } from './order-filter.js';
import { INCOMPLETE_STATUS_ID } from './order-status.js';

/**
 * Upstream records per order-list page. Larger than a widget page (20), so a widget page usually needs one
 * upstream page per list even after hidden orders (incomplete, other channels) are dropped. BigCommerce
 * charges one request per page whatever its size.
 */
export const ORDER_PAGE_LIMIT = 50;

export interface Freshness {
  /** Epoch ms of the oldest piece used. */
  asOf: number;
  stale: boolean;
}

/**
 * The cached BigCommerce lookups one request makes, memoized per request: a piece asked for twice (a
 * prefetch, then the real use) costs one cache lookup and at most one upstream call, even with `refresh`.
 * Freshness is tracked over the pieces actually used, not over prefetches that turned out unneeded.
 */
export interface ShopperLookups {
  readonly storeKey: string;
  /** The market's channels, or undefined for all. */
  readonly channels: readonly number[] | undefined;
  customerById(id: number): Promise<BcCustomer | null>;
  customersByEmail(email: string): Promise<BcCustomer[]>;
  orderPage(owner: OrderOwner, page: number): Promise<OrderPage>;
  /** Starts loading a page now so it overlaps with other calls; errors surface when it is used. */
  prefetchOrderPage(owner: OrderOwner, page: number): void;
  /** A page already loaded by this request, or undefined (never starts a load). */
  peekOrderPage(owner: OrderOwner, page: number): OrderPage | undefined;
  /**
   * How many orders of the owner the view would list (`guest`: only customer 0's; incomplete ones left out),
   * all of them or those the filter matches (`GET /v2/orders/count`, one call per channel of the market).
   */
  countOrders(owner: OrderOwner, guest: boolean, filtered: boolean): Promise<number>;
  freshness(): Freshness;
  /** The loads (with skipped records) whose results this request used; see invalid-record-sink.ts. */
  invalidLoads(): string[];
}

/** A cached piece with the id its skipped records were filed under (null when none were skipped). */
interface Loaded<T> {
  data: T;
  invalidLoad: string | null;
}

export function createShopperLookups(
  deps: Pick<ContextDeps, 'clientFor' | 'cache' | 'now' | 'policies' | 'errorLog' | 'requestBudgetMs'>,
  target: {
    storeKey: string;
    channels: readonly number[] | null;
    before?: number | null;
    /** The agent's filter: every list page is read with it. */
    filter?: HistoryFilter | null;
  },
  scope: RequestScope,
): ShopperLookups {
  const { storeKey } = target;
  const channels = target.channels ?? undefined;
  const policies = resolvePolicies(deps);
  const client = deps.clientFor(storeKey);
  const inFlight = new Map<string, Promise<CacheResult<Loaded<unknown>>>>();
  const settledPages = new Map<string, OrderPage>();
  const invalidLoads = new Set<string>();
  let oldest = Number.POSITIVE_INFINITY;
  let stale = false;

  function load<T>(
    key: CacheKey,
    policy: CachePolicy,
    loader: (call: CallOptions) => Promise<T>,
  ): Promise<CacheResult<Loaded<T>>> {
    let promise = inFlight.get(key) as Promise<CacheResult<Loaded<T>>> | undefined;
    if (!promise) {
      promise = deps.cache.getOrLoad(
        key,
        policy,
        async (): Promise<Loaded<T>> => {
          // A sink per load: the result is shared with every request that joins or hits it later.
          const sink = createInvalidRecordSink(deps, scope);
          const data = await loader(sink.callOptions);
          return { data, invalidLoad: sink.loadId() };
        },
        { refresh: scope.refresh === true, signal: scope.signal },
      );
      inFlight.set(key, promise);
    }
    return promise;
  }

  function use<T>(result: CacheResult<Loaded<T>>): T {
    oldest = Math.min(oldest, result.asOf);
    stale ||= result.stale;
    if (result.value.invalidLoad !== null) invalidLoads.add(result.value.invalidLoad);
    return result.value.data;
  }

  const filter = target.filter ?? null;
  function pageKey(owner: OrderOwner, page: number): CacheKey {
    return cacheKeys.orderPage(
      storeKey,
      owner,
      page,
      ORDER_PAGE_LIMIT,
      channels,
      target.before,
      filterKey(filter),
    );
  }

  function loadPage(owner: OrderOwner, page: number): Promise<CacheResult<Loaded<OrderPage>>> {
    const key = pageKey(owner, page);
    return load(key, policies.orderPage, (call) =>
      client.listOrders(
        {
          ...owner,
          channelIds: channels,
          ...(target.before == null ? {} : { createdBefore: target.before }),
          ...toOrderFilterFields(filter),
        },
        { page, limit: ORDER_PAGE_LIMIT },
        call,
      ),
    ).then((result) => {
      settledPages.set(key, result.value.data);
      return result;
    });
  }

  return {
    storeKey,
    channels,
    async customerById(id) {
      const result = await load(cacheKeys.customer(storeKey, id), policies.customer, async (call) => {
        const [customer] = await client.getCustomersByIds([id], call);
        return customer ?? null;
      });
      return use(result);
    },
    async customersByEmail(email) {
      const result = await load(cacheKeys.customersByEmail(storeKey, email), policies.customer, (call) =>
        client.findCustomersByEmail(email, call),
      );
      return use(result);
    },
    async orderPage(owner, page) {
      return use(await loadPage(owner, page));
    },
    prefetchOrderPage(owner, page) {
      // Handled here so an unneeded prefetch that fails is not an unhandled rejection; a real use awaits
      // the same promise and sees the error.
      loadPage(owner, page).catch(() => undefined);
    },
    peekOrderPage(owner, page) {
      return settledPages.get(pageKey(owner, page));
    },
    async countOrders(owner, guest, filtered) {
      const used = filtered ? filter : null;
      const key = cacheKeys.orderCount(storeKey, owner, guest, channels, filterKey(used));
      const result = await load(key, policies.orderPage, async (call) => {
        const counted = await client.countOrders(
          { ...owner, channelIds: channels, guestOnly: guest, ...toOrderFilterFields(used) },
          call,
        );
        return counted.count - (counted.byStatus.get(INCOMPLETE_STATUS_ID) ?? 0);
      });
      return use(result);
    },
    freshness() {
      return { asOf: Number.isFinite(oldest) ? oldest : deps.now(), stale };
    },
    invalidLoads: () => [...invalidLoads],
  };
}
