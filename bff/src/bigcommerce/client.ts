/**
 * The BigCommerce client for one store: the calls the product needs, each returning validated, normalized
 * records. Transport, throttling, retries, paging and schemas live in their own files; this one only knows
 * which endpoint answers which question.
 *
 * Endpoints: https://developer.bigcommerce.com/docs/rest-management/orders (v2 orders and sub-resources),
 * .../orders/order-transactions and .../orders/payment-actions (v3), .../customers (v3), .../store-information.
 */
import type * as z from 'zod';
import { collectRawLineItems, consignmentsEnvelope, toRawShippingAddresses } from './consignments.js';
import { toIsoSeconds, toRfc2822 } from './dates.js';
import { hookSchema, toHookBody, unwrapHook, type BcHook, type HookInput } from './hooks.js';
import type { QuotaBudget, ThrottleState } from './throttle.js';
import { BigCommerceNotFoundError, BigCommerceSchemaError, type SchemaIssue } from './errors.js';
import { collectUpTo, MAX_PAGE_SIZE, paginateV2, paginateV3, type V3Page } from './paginate.js';
import type { RetryPolicy } from './retry.js';
import {
  couponSchema,
  customerSchema,
  lineItemSchema,
  orderCountSchema,
  orderSchema,
  orderStatusSchema,
  customerGroupSchema,
  refundSchema,
  shipmentSchema,
  shippingAddressSchema,
  timeEnvelope,
  transactionSchema,
  v2ListEnvelope,
  v3ListEnvelope,
} from './schemas.js';
import { sleepFor } from './sleep.js';
import { createTransport, type HttpMethod, type RequestMetric, type TransportRequest } from './transport.js';
import type {
  BcCoupon,
  BcCustomer,
  BcLineItem,
  BcOrder,
  BcOrderStatus,
  BcCustomerGroup,
  BcRefund,
  BcShipment,
  BcShippingAddress,
  BcTransaction,
  BigCommerceLogger,
} from './types.js';
import { parseRecord, toSchemaIssues } from './validate.js';

export interface BigCommerceClientOptions {
  /** Our name for the store (config key), used in errors, logs and metrics. Never the token. */
  storeKey: string;
  storeHash: string;
  accessToken: string;
  /** e.g. `https://api.bigcommerce.com` or the sandbox URL. */
  apiUrl: string;
  /** Per attempt. Default 8000. */
  timeoutMs?: number;
  /** Requests in flight for this store. Default 8. */
  maxConcurrency?: number;
  /** The store's quota shared with other instances (REDIS_URL); default this process's own view of the window. */
  quotaBudget?: QuotaBudget;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source for backoff; inject for reproducible tests. */
  random?: () => number;
  retry?: Partial<RetryPolicy>;
  logger?: BigCommerceLogger;
  onRequest?: (metric: RequestMetric) => void;
}

export interface InvalidRecord {
  storeKey: string;
  resource: string;
  id: string | null;
  issues: SchemaIssue[];
}

export interface CallOptions {
  signal?: AbortSignal;
  correlationId?: string;
  /** Called for each list record that failed validation and was skipped. */
  onInvalidRecord?: (record: InvalidRecord) => void;
}

export interface OrderFilter {
  /** A registered shopper. Must be a positive id: customer 0 would mean "every guest order in the store". */
  customerId?: number;
  /** Orders placed with this email (how guest orders are found). */
  email?: string;
  /** Only these channels; omitted = all channels, [] = none. */
  channelIds?: readonly number[];
  /** Only orders created before this instant (epoch ms; BigCommerce compares whole seconds). */
  createdBefore?: number;
  /** Only guest orders (`customer_id=0`); with `email`, the guest orders placed with it. */
  guestOnly?: boolean;
  /** An agent's filter (issue 13): `status_id`, `min_id`/`max_id`, `min_date_created`/`max_date_created`. */
  statusId?: number;
  minId?: number;
  maxId?: number;
  /** Epoch ms, inclusive (whole seconds). */
  createdFrom?: number;
  /** Epoch ms, inclusive (whole seconds). */
  createdTo?: number;
}

/** What `searchCustomers` looks for: one exact email, or names by substring (any of several spellings). */
export type CustomerQuery = { email: string } | { names: readonly string[] };

/** `GET /v2/orders/count`: how many orders match, in all and per status id. */
export interface OrderCount {
  count: number;
  byStatus: ReadonlyMap<number, number>;
}

export interface OrderWithConsignments {
  order: BcOrder;
  lineItems: BcLineItem[];
  shippingAddresses: BcShippingAddress[];
}

export interface ModifiedRange {
  /** Epoch ms, inclusive (BigCommerce compares whole seconds). */
  min: number;
  /** Epoch ms, inclusive. */
  max: number;
}

export interface ModifiedPage<T> {
  records: T[];
  /** Records BigCommerce sent, valid or not: a full page (= limit) means another may follow. */
  rawCount: number;
}

export interface OrderPage {
  orders: BcOrder[];
  /** True when the page was full, so another may follow (v2 lists carry no totals). */
  hasMore: boolean;
}

/** Requests left in the store's current window, its size and when it resets; undefined before any answer. */
export interface QuotaSnapshot {
  requestsLeft: number | undefined;
  quota: number | undefined;
  resetAt: number | undefined;
}

export interface BigCommerceClient {
  readonly storeKey: string;
  findCustomersByEmail(email: string, options?: CallOptions): Promise<BcCustomer[]>;
  /** With their addresses (`include=addresses`, the same call): `place` is set. */
  getCustomersByIds(ids: readonly number[], options?: CallOptions): Promise<BcCustomer[]>;
  /**
   * Shoppers with this email (`email:in`), or whose name contains any of `names` (`name:like` takes a list), with
   * their addresses (`include=addresses`: where they live, in the same call). One page of at most `limit`.
   */
  searchCustomers(query: CustomerQuery, limit: number, options?: CallOptions): Promise<BcCustomer[]>;
  /** Newest first (`sort=date_created:desc`). */
  listOrders(
    filter: OrderFilter,
    page: { page: number; limit: number },
    options?: CallOptions,
  ): Promise<OrderPage>;
  /** How many orders match (the list's filters, `GET /v2/orders/count`); several channels are counted one by one. */
  countOrders(filter: OrderFilter, options?: CallOptions): Promise<OrderCount>;
  /** null when the order does not exist; BigCommerceSchemaError when it exists but is unreadable. */
  getOrder(orderId: number, options?: CallOptions): Promise<BcOrder | null>;
  /**
   * The order with its line items and shipping addresses in one call (consignments included); null when the
   * order does not exist. Records inside that fail validation are skipped and reported, like list records.
   */
  getOrderWithConsignments(orderId: number, options?: CallOptions): Promise<OrderWithConsignments | null>;
  getOrderProducts(orderId: number, options?: CallOptions): Promise<BcLineItem[]>;
  getOrderShippingAddresses(orderId: number, options?: CallOptions): Promise<BcShippingAddress[]>;
  getOrderShipments(orderId: number, options?: CallOptions): Promise<BcShipment[]>;
  getOrderTransactions(orderId: number, options?: CallOptions): Promise<BcTransaction[]>;
  getOrderRefunds(orderId: number, options?: CallOptions): Promise<BcRefund[]>;
  /** The coupons redeemed on the order (`GET /v2/orders/{id}/coupons`, 204 when none). */
  getOrderCoupons(orderId: number, options?: CallOptions): Promise<BcCoupon[]>;
  /**
   * Replaces the order's staff_notes (BigCommerce has no append). Sent once, never retried: a blind repeat could
   * overwrite a colleague's edit. On BigCommerceNetworkError/HttpError with `outcomeUnknown`, read the order back
   * before deciding. A BigCommerceSchemaError here means the write landed but the echoed order was unreadable.
   */
  updateOrderStaffNotes(orderId: number, staffNotes: string, options?: CallOptions): Promise<BcOrder>;
  /**
   * Sets the order's status (`PUT /v2/orders/{id}` with only `status_id`; BigCommerce may e-mail the shopper,
   * depending on the store's settings). Sent once, never retried, like updateOrderStaffNotes: on an unknown
   * outcome read the order back before deciding.
   */
  updateOrderStatus(orderId: number, statusId: number, options?: CallOptions): Promise<BcOrder>;
  getOrderStatuses(options?: CallOptions): Promise<BcOrderStatus[]>;
  /** The store's customer groups (`GET /v2/customer_groups`), for their names. */
  getCustomerGroups(options?: CallOptions): Promise<BcCustomerGroup[]>;
  /**
   * Orders modified within [min, max] (inclusive, whole seconds), oldest modification first (delta runs). One
   * page per call; the sync room pages by moving `min` (keyset), not by page numbers alone.
   */
  listOrdersModified(
    range: ModifiedRange,
    page: { page: number; limit: number },
    options?: CallOptions,
  ): Promise<ModifiedPage<BcOrder>>;
  /** Customers modified within [min, max], oldest modification first (v3 `date_modified:min/max`). */
  listCustomersModified(
    range: ModifiedRange,
    page: { page: number; limit: number },
    options?: CallOptions,
  ): Promise<ModifiedPage<BcCustomer>>;
  /** Every hook this API account registered (hooks belong to the account that created them). */
  listHooks(options?: CallOptions): Promise<BcHook[]>;
  createHook(input: HookInput, options?: CallOptions): Promise<BcHook>;
  updateHook(id: number, patch: Partial<HookInput>, options?: CallOptions): Promise<BcHook>;
  deleteHook(id: number, options?: CallOptions): Promise<void>;
  /** The store's rate-limit window as last seen, and the queue in front of it (for background work and the console). */
  rateLimitState(): ThrottleState;
  /** Cheap credential and reachability check (`GET /v2/time`). */
  ping(options?: CallOptions): Promise<void>;
  /** The store's rate-limit window as the last answer described it (the operations console shows it). */
  quota(): QuotaSnapshot;
  /** Releases keep-alive sockets. */
  close(): void;
}

/** Upper bounds for "read everything" calls, so a runaway upstream can never cost unbounded quota. */
export const COLLECTION_LIMITS = Object.freeze({
  customersByEmail: 50,
  lineItems: 1_000,
  shippingAddresses: 100,
  shipments: 250,
  transactions: 500,
  refunds: 250,
  coupons: 100,
  orderStatuses: 100,
  /** Stores have a handful; more than this are not worth a name each in a sidebar. */
  customerGroups: 250,
  /** BigCommerce allows 10 hooks per scope and client; a few scopes times that is plenty. */
  hooks: 250,
});

/** `id:in` lists are chunked so URLs stay short. */
const IDS_PER_REQUEST = 50;

const DEFAULTS = Object.freeze({ timeoutMs: 8_000, maxConcurrency: 8 });

export function createBigCommerceClient(options: BigCommerceClientOptions): BigCommerceClient {
  const { storeKey, logger } = options;
  const transport = createTransport({
    storeKey,
    storeHash: options.storeHash,
    accessToken: options.accessToken,
    apiUrl: options.apiUrl,
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    maxConcurrency: options.maxConcurrency ?? DEFAULTS.maxConcurrency,
    quotaBudget: options.quotaBudget,
    now: options.now ?? Date.now,
    sleep: options.sleep ?? sleepFor,
    random: options.random,
    retry: options.retry,
    logger,
    onRequest: options.onRequest,
  });

  async function send(
    method: HttpMethod,
    path: string,
    route: string,
    call: CallOptions | undefined,
    extra: Pick<TransportRequest, 'query' | 'body'> = {},
  ): Promise<unknown> {
    const response = await transport.request({
      method,
      path,
      route,
      ...extra,
      signal: call?.signal,
      correlationId: call?.correlationId,
    });
    return response.body;
  }

  function envelopeError(
    resource: string,
    error: z.ZodError,
    method: string,
    path: string,
  ): BigCommerceSchemaError {
    return new BigCommerceSchemaError({
      storeKey,
      resource,
      id: null,
      issues: toSchemaIssues(error),
      method,
      path,
    });
  }

  async function fetchV2Page(
    resource: string,
    path: string,
    route: string,
    query: Record<string, string | number | undefined>,
    call: CallOptions | undefined,
  ): Promise<unknown[] | null> {
    const body = await send('GET', path, route, call, { query });
    if (body === null) return null; // 204: no (more) records
    const list = v2ListEnvelope.safeParse(body);
    if (!list.success) throw envelopeError(resource, list.error, 'GET', path);
    return list.data;
  }

  async function fetchV3Page(
    resource: string,
    path: string,
    route: string,
    query: Record<string, string | number | undefined>,
    call: CallOptions | undefined,
  ): Promise<V3Page<unknown> | null> {
    const body = await send('GET', path, route, call, { query });
    if (body === null) return null;
    const envelope = v3ListEnvelope.safeParse(body);
    if (!envelope.success) throw envelopeError(resource, envelope.error, 'GET', path);
    const pagination = envelope.data.meta?.pagination;
    return {
      data: envelope.data.data,
      pagination: pagination
        ? { currentPage: pagination.current_page, totalPages: pagination.total_pages }
        : null,
    };
  }

  /** Validates each record on its own: invalid ones are reported, logged and skipped. */
  function parseList<T>(
    schema: z.ZodType<T>,
    resource: string,
    raws: readonly unknown[],
    call?: CallOptions,
  ): T[] {
    const valid: T[] = [];
    for (const raw of raws) {
      const result = parseRecord(schema, raw);
      if (result.ok) {
        valid.push(result.value);
        continue;
      }
      const invalid: InvalidRecord = { storeKey, resource, id: result.id, issues: result.issues };
      logger?.warn(
        { storeKey, correlationId: call?.correlationId, resource, id: result.id, issues: result.issues },
        'Skipped a BigCommerce record that failed validation',
      );
      try {
        call?.onInvalidRecord?.(invalid);
      } catch {
        // The caller's bookkeeping must not turn a readable list into a failure.
      }
    }
    return valid;
  }

  function parseOne<T>(
    schema: z.ZodType<T>,
    resource: string,
    raw: unknown,
    method: string,
    path: string,
  ): T {
    const result = parseRecord(schema, raw);
    if (result.ok) return result.value;
    throw new BigCommerceSchemaError({
      storeKey,
      resource,
      id: result.id,
      issues: result.issues,
      method,
      path,
    });
  }

  async function collectV2<T>(
    schema: z.ZodType<T>,
    resource: string,
    path: string,
    route: string,
    max: number,
    call: CallOptions | undefined,
    query: Record<string, string | number | undefined> = {},
  ): Promise<T[]> {
    const pages = paginateV2(
      (page, limit) => fetchV2Page(resource, path, route, { ...query, page, limit }, call),
      { limit: MAX_PAGE_SIZE, maxItems: max + 1 },
    );
    const { items, truncated } = await collectUpTo(pages, max);
    if (truncated) warnTruncated(resource, max, call);
    return parseList(schema, resource, items, call);
  }

  async function collectV3<T>(
    schema: z.ZodType<T>,
    resource: string,
    path: string,
    route: string,
    max: number,
    call: CallOptions | undefined,
    query: Record<string, string | number | undefined> = {},
  ): Promise<T[]> {
    const pages = paginateV3(
      (page, limit) => fetchV3Page(resource, path, route, { ...query, page, limit }, call),
      { limit: Math.min(MAX_PAGE_SIZE, max + 1), maxItems: max + 1 },
    );
    const { items, truncated } = await collectUpTo(pages, max);
    if (truncated) warnTruncated(resource, max, call);
    return parseList(schema, resource, items, call);
  }

  function warnTruncated(resource: string, max: number, call: CallOptions | undefined): void {
    logger?.warn(
      { storeKey, correlationId: call?.correlationId, resource, max },
      'BigCommerce returned more records than we read; the rest were left out',
    );
  }

  function orderQuery(filter: OrderFilter): Record<string, string | number | undefined> {
    const customerId = filter.customerId;
    const email = filter.email?.trim();
    if (customerId !== undefined && !(Number.isInteger(customerId) && customerId > 0)) {
      throw new RangeError('customerId must be a positive integer');
    }
    if (customerId === undefined && !email) {
      // Without either, BigCommerce would list every order of the store.
      throw new RangeError('An order filter needs a customerId or an email');
    }
    const channels = filter.channelIds;
    // Inclusive at whole seconds: the second before `createdBefore`, or the end of `createdTo`, whichever is earlier.
    const maxCreated = Math.min(
      filter.createdBefore === undefined ? Infinity : filter.createdBefore - 1000,
      filter.createdTo ?? Infinity,
    );
    return {
      // customer_id=0 is every guest order: only ever sent together with an email (checked above).
      customer_id: filter.guestOnly && customerId === undefined ? 0 : customerId,
      email: email || undefined,
      // v2 filters by one channel only; several are filtered after reading (see keepChannels).
      channel_id: channels?.length === 1 ? channels[0] : undefined,
      status_id: filter.statusId,
      min_id: filter.minId,
      max_id: filter.maxId,
      // Default order is id ascending; agents want newest first.
      sort: 'date_created:desc',
      min_date_created: filter.createdFrom === undefined ? undefined : toRfc2822(filter.createdFrom),
      max_date_created: Number.isFinite(maxCreated) ? toRfc2822(maxCreated) : undefined,
    };
  }

  function keepChannels(orders: BcOrder[], filter: OrderFilter): BcOrder[] {
    const channels = filter.channelIds;
    if (!channels || channels.length <= 1) return orders;
    return orders.filter((order) => channels.includes(order.channelId));
  }

  return {
    storeKey,

    async findCustomersByEmail(email, call) {
      const address = email.trim();
      // `email:in` is a comma-separated list; a comma would turn one address into two filters.
      if (!address || address.includes(',')) return [];
      return collectV3(
        customerSchema,
        'customer',
        '/v3/customers',
        '/v3/customers',
        COLLECTION_LIMITS.customersByEmail,
        call,
        { 'email:in': address },
      );
    },

    async getCustomersByIds(ids, call) {
      const unique = [...new Set(ids)].filter((id) => Number.isInteger(id) && id > 0);
      const chunks: number[][] = [];
      for (let start = 0; start < unique.length; start += IDS_PER_REQUEST) {
        chunks.push(unique.slice(start, start + IDS_PER_REQUEST));
      }
      const results = await Promise.all(
        chunks.map((chunk) =>
          collectV3(customerSchema, 'customer', '/v3/customers', '/v3/customers', chunk.length, call, {
            'id:in': chunk.join(','),
            // Where they live, in the same call: a webhook's re-read writes the record to the index, whose search
            // results show the place; it must not drop what the delta run read.
            include: 'addresses',
          }),
        ),
      );
      return results.flat();
    },

    async searchCustomers(query, limit, call) {
      // Both filters take comma-separated lists: a comma inside a value would split it into two.
      const values = ('email' in query ? [query.email] : query.names)
        .map((value) => value.replaceAll(',', ' ').trim())
        .filter((value) => value !== '');
      if (values.length === 0) return [];
      const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(limit)));
      const filter = 'email' in query ? { 'email:in': values[0] } : { 'name:like': values.join(',') };
      const page = await fetchV3Page(
        'customer',
        '/v3/customers',
        '/v3/customers',
        { ...filter, include: 'addresses', page: 1, limit: pageSize },
        call,
      );
      return parseList(customerSchema, 'customer', page?.data ?? [], call);
    },

    async listOrders(filter, page, call) {
      if (filter.channelIds?.length === 0) return { orders: [], hasMore: false };
      const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(page.limit)));
      const pageNumber = Math.max(1, Math.floor(page.page));
      const raws = await fetchV2Page(
        'order',
        '/v2/orders',
        '/v2/orders',
        { ...orderQuery(filter), page: pageNumber, limit },
        call,
      );
      if (raws === null) return { orders: [], hasMore: false };
      return {
        orders: keepChannels(parseList(orderSchema, 'order', raws, call), filter),
        // Decided on the raw count: skipped (invalid or other-channel) records still occupy the page.
        hasMore: raws.length >= limit,
      };
    },

    async countOrders(filter, call) {
      const channels = filter.channelIds;
      // v2 counts one channel at a time; a market of several channels is counted per channel and summed.
      const parts = channels && channels.length > 1 ? channels.map((id) => [id]) : [channels];
      const counts = await Promise.all(
        parts.map(async (channelIds) => {
          if (channelIds?.length === 0) return { count: 0, byStatus: new Map<number, number>() };
          const { sort: _sort, ...query } = orderQuery({ ...filter, channelIds });
          const body = await send('GET', '/v2/orders/count', '/v2/orders/count', call, { query });
          return parseOne(orderCountSchema, 'order_count', body ?? { count: 0 }, 'GET', '/v2/orders/count');
        }),
      );
      const byStatus = new Map<number, number>();
      for (const part of counts) {
        for (const [id, n] of part.byStatus) byStatus.set(id, (byStatus.get(id) ?? 0) + n);
      }
      return { count: counts.reduce((sum, part) => sum + part.count, 0), byStatus };
    },

    async getOrder(orderId, call) {
      const path = `/v2/orders/${requireId(orderId)}`;
      let body: unknown;
      try {
        body = await send('GET', path, '/v2/orders/:id', call);
      } catch (error) {
        if (error instanceof BigCommerceNotFoundError) return null;
        throw error;
      }
      if (body === null) return null;
      return parseOne(orderSchema, 'order', body, 'GET', path);
    },

    async getOrderWithConsignments(orderId, call) {
      const path = `/v2/orders/${requireId(orderId)}`;
      let body: unknown;
      try {
        body = await send('GET', path, '/v2/orders/:id', call, {
          query: { include: 'consignments.line_items', consignment_structure: 'object' },
        });
      } catch (error) {
        if (error instanceof BigCommerceNotFoundError) return null;
        throw error;
      }
      if (body === null) return null;
      const order = parseOne(orderSchema, 'order', body, 'GET', path);
      const envelope = consignmentsEnvelope.safeParse(body);
      if (!envelope.success) throw envelopeError('order', envelope.error, 'GET', path);
      const { consignments } = envelope.data;
      const lineItems = parseList(lineItemSchema, 'order_product', collectRawLineItems(consignments), call);
      const seen = new Set<number>();
      return {
        order,
        // A line can sit in two consignments only by mistake upstream; show it once.
        lineItems: lineItems.filter((line) => !seen.has(line.id) && seen.add(line.id)),
        shippingAddresses: parseList(
          shippingAddressSchema,
          'shipping_address',
          toRawShippingAddresses(consignments, order.id),
          call,
        ),
      };
    },

    async getOrderProducts(orderId, call) {
      const path = `/v2/orders/${requireId(orderId)}/products`;
      return collectV2(
        lineItemSchema,
        'order_product',
        path,
        '/v2/orders/:id/products',
        COLLECTION_LIMITS.lineItems,
        call,
      );
    },

    async getOrderShippingAddresses(orderId, call) {
      const path = `/v2/orders/${requireId(orderId)}/shipping_addresses`;
      return collectV2(
        shippingAddressSchema,
        'order_shipping_address',
        path,
        '/v2/orders/:id/shipping_addresses',
        COLLECTION_LIMITS.shippingAddresses,
        call,
      );
    },

    async getOrderShipments(orderId, call) {
      const path = `/v2/orders/${requireId(orderId)}/shipments`;
      return collectV2(
        shipmentSchema,
        'order_shipment',
        path,
        '/v2/orders/:id/shipments',
        COLLECTION_LIMITS.shipments,
        call,
      );
    },

    async getOrderTransactions(orderId, call) {
      const path = `/v3/orders/${requireId(orderId)}/transactions`;
      return collectV3(
        transactionSchema,
        'order_transaction',
        path,
        '/v3/orders/:id/transactions',
        COLLECTION_LIMITS.transactions,
        call,
      );
    },

    async getOrderRefunds(orderId, call) {
      const path = `/v3/orders/${requireId(orderId)}/payment_actions/refunds`;
      return collectV3(
        refundSchema,
        'order_refund',
        path,
        '/v3/orders/:id/payment_actions/refunds',
        COLLECTION_LIMITS.refunds,
        call,
      );
    },

    async getOrderCoupons(orderId, call) {
      const path = `/v2/orders/${requireId(orderId)}/coupons`;
      return collectV2(
        couponSchema,
        'order_coupon',
        path,
        '/v2/orders/:id/coupons',
        COLLECTION_LIMITS.coupons,
        call,
      );
    },

    async updateOrderStaffNotes(orderId, staffNotes, call) {
      const path = `/v2/orders/${requireId(orderId)}`;
      // Only staff_notes: omitted fields stay as they are, and other fields (external_id) would be rejected.
      const body = await send('PUT', path, '/v2/orders/:id', call, { body: { staff_notes: staffNotes } });
      return parseOne(orderSchema, 'order', body, 'PUT', path);
    },

    async listOrdersModified(range, page, call) {
      const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(page.limit)));
      const raws = await fetchV2Page(
        'order',
        '/v2/orders',
        '/v2/orders',
        {
          min_date_modified: toRfc2822(range.min),
          max_date_modified: toRfc2822(range.max),
          // `field:asc` is what the description asks for, though the spec's enum lists bare names.
          sort: 'date_modified:asc',
          page: Math.max(1, Math.floor(page.page)),
          limit,
        },
        call,
      );
      if (raws === null) return { records: [], rawCount: 0 };
      return { records: parseList(orderSchema, 'order', raws, call), rawCount: raws.length };
    },

    async listCustomersModified(range, page, call) {
      const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(page.limit)));
      const result = await fetchV3Page(
        'customer',
        '/v3/customers',
        '/v3/customers',
        {
          'date_modified:min': toIsoSeconds(range.min),
          'date_modified:max': toIsoSeconds(range.max),
          // Where each shopper lives, for the index's search results: in the same call.
          include: 'addresses',
          sort: 'date_modified:asc',
          page: Math.max(1, Math.floor(page.page)),
          limit,
        },
        call,
      );
      const raws = result?.data ?? [];
      return { records: parseList(customerSchema, 'customer', raws, call), rawCount: raws.length };
    },

    async listHooks(call) {
      const pages = paginateV3(
        (page, limit) => fetchV3Page('hook', '/v3/hooks', '/v3/hooks', { page, limit }, call),
        { limit: COLLECTION_LIMITS.hooks, maxItems: COLLECTION_LIMITS.hooks },
      );
      const { items } = await collectUpTo(pages, COLLECTION_LIMITS.hooks);
      return parseList(hookSchema, 'hook', items, call);
    },

    async createHook(input, call) {
      const body = await send('POST', '/v3/hooks', '/v3/hooks', call, { body: toHookBody(input) });
      return parseOne(hookSchema, 'hook', unwrapHook(body), 'POST', '/v3/hooks');
    },

    async updateHook(id, patch, call) {
      const path = `/v3/hooks/${requireId(id)}`;
      const body = await send('PUT', path, '/v3/hooks/:id', call, { body: toHookBody(patch) });
      return parseOne(hookSchema, 'hook', unwrapHook(body), 'PUT', path);
    },

    async deleteHook(id, call) {
      const path = `/v3/hooks/${requireId(id)}`;
      try {
        await send('DELETE', path, '/v3/hooks/:id', call);
      } catch (error) {
        // Already gone: what the caller wanted.
        if (error instanceof BigCommerceNotFoundError) return;
        throw error;
      }
    },

    rateLimitState: () => transport.throttle.state(),

    async updateOrderStatus(orderId, statusId, call) {
      const path = `/v2/orders/${requireId(orderId)}`;
      // Only status_id: omitted fields stay as they are.
      const body = await send('PUT', path, '/v2/orders/:id', call, { body: { status_id: statusId } });
      return parseOne(orderSchema, 'order', body, 'PUT', path);
    },

    async getOrderStatuses(call) {
      return collectV2(
        orderStatusSchema,
        'order_status',
        '/v2/order_statuses',
        '/v2/order_statuses',
        COLLECTION_LIMITS.orderStatuses,
        call,
      );
    },

    async getCustomerGroups(call) {
      return collectV2(
        customerGroupSchema,
        'customer_group',
        '/v2/customer_groups',
        '/v2/customer_groups',
        COLLECTION_LIMITS.customerGroups,
        call,
      );
    },

    async ping(call) {
      const body = await send('GET', '/v2/time', '/v2/time', call);
      const time = timeEnvelope.safeParse(body);
      if (!time.success) throw envelopeError('time', time.error, 'GET', '/v2/time');
    },

    quota() {
      const { requestsLeft, quota, resetAt } = transport.throttle.state();
      return { requestsLeft, quota, resetAt };
    },

    close() {
      transport.close();
    },
  };
}

function requireId(id: number): number {
  // Ids go into URL paths; anything but a positive integer is a bug upstream of us, not a BigCommerce question.
  if (!Number.isInteger(id) || id <= 0) throw new RangeError(`Not a BigCommerce id: ${String(id)}`);
  return id;
}
