import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import type { Database, IndexCustomersTable, IndexOrdersTable } from '../schema.js';

/** One order header in the index (DESIGN §9). `summary` is the list entry as views show it (opaque here). */
export interface IndexedOrder {
  storeKey: string;
  orderId: number;
  /** 0 for a guest order. */
  customerId: number;
  /** The billing email, lower-cased. */
  email: string;
  statusId: number;
  channelId: number;
  currency: string;
  /** Decimal string. */
  total: string;
  itemCount: number;
  paymentStatus: string;
  /** Epoch ms. */
  dateCreated: number;
  dateModified: number;
  summary: unknown;
  /** The billing address's name, city and ISO country code ('' when not given). */
  billingName: string;
  city: string;
  countryIso2: string;
  /** Billing name and email folded for search (context/search-text.ts). */
  searchText: string;
}

export interface IndexedCustomer {
  storeKey: string;
  customerId: number;
  /** Lower-cased. */
  email: string;
  dateModified: number;
  /** The customer record as the product reads it (opaque here). */
  record: unknown;
  /** Name and email folded for search (context/search-text.ts). */
  searchText: string;
}

/** Whose orders a view lists: a registered shopper's and/or the guest orders of an email. */
export interface ShopperOrdersQuery {
  storeKey: string;
  customerId: number | null;
  /** Guest orders (customer 0) placed with this email. */
  guestEmail: string | null;
  /** Only these channels; null = all. */
  channels: readonly number[] | null;
  /** Leave out these statuses (incomplete orders). */
  excludeStatuses: readonly number[];
  /** Only orders created at or after this (the window, or a later filter start). */
  createdFrom: number;
  /** An agent's filter (issue 13), each optional: one order id, one status, created at or before (epoch ms). */
  orderId?: number | null;
  statusId?: number | null;
  createdTo?: number | null;
  limit: number;
  offset: number;
}

/**
 * A search (issue 13.6): every term must occur in the search column, as one of its spellings (each already folded
 * the way the column was: context/search-text.ts). Terms are substrings, so "ozturk@" finds an email.
 */
export type SearchTerms = readonly (readonly string[])[];

/** Which orders count for search results: the owners', in the market's channels, within the window. */
export interface OwnersOrdersQuery {
  storeKey: string;
  customerIds: readonly number[];
  /** Guest orders (customer 0) placed with these emails. */
  guestEmails: readonly string[];
  channels: readonly number[] | null;
  excludeStatuses: readonly number[];
  createdFrom: number;
}

/** What a search result shows of an order: which and when, and where it was billed. */
export interface OrderFact {
  orderId: number;
  customerId: number;
  /** Lower-cased. */
  email: string;
  /** Epoch ms. */
  dateCreated: number;
  billingName: string;
  city: string;
  countryIso2: string;
}

/** One order as a customer summary counts it. */
export interface ShopperOrderTotal {
  statusId: number;
  currency: string;
  /** Decimal string. */
  total: string;
  /** Epoch ms. */
  dateCreated: number;
}

export interface OrderIndexRepo {
  /** Inserts or replaces headers; a header older than the stored one (date_modified) does not overwrite it. */
  upsertOrders(orders: readonly IndexedOrder[], at: number): Promise<void>;
  getOrder(storeKey: string, orderId: number): Promise<IndexedOrder | null>;
  /** The stored headers of these orders (missing ones left out). */
  getOrders(storeKey: string, orderIds: readonly number[]): Promise<IndexedOrder[]>;
  deleteOrder(storeKey: string, orderId: number): Promise<boolean>;
  /** Newest first (date_created, then id). */
  listShopperOrders(query: ShopperOrdersQuery): Promise<IndexedOrder[]>;
  countShopperOrders(query: Omit<ShopperOrdersQuery, 'limit' | 'offset'>): Promise<number>;
  /** Status, currency, total and creation date of every order of the query: what a customer summary adds up. */
  listShopperTotals(query: Omit<ShopperOrdersQuery, 'limit' | 'offset'>): Promise<ShopperOrderTotal[]>;
  /** Drops orders created before `createdBefore` (they left the window); how many. */
  pruneOrders(storeKey: string, createdBefore: number): Promise<number>;
  countOrders(storeKey: string): Promise<number>;
  upsertCustomers(customers: readonly IndexedCustomer[], at: number): Promise<void>;
  getCustomer(storeKey: string, customerId: number): Promise<IndexedCustomer | null>;
  findCustomersByEmail(storeKey: string, email: string): Promise<IndexedCustomer[]>;
  countCustomers(storeKey: string): Promise<number>;
  /** Customers whose name or email has every term; at most `limit`, by id. */
  searchCustomers(storeKey: string, terms: SearchTerms, limit: number): Promise<IndexedCustomer[]>;
  /** Emails of guest orders whose billing name or email has every term, most recent order first; at most `limit`. */
  searchGuestEmails(
    query: Omit<OwnersOrdersQuery, 'customerIds' | 'guestEmails'> & { terms: SearchTerms; limit: number },
  ): Promise<string[]>;
  /** The owners' orders, newest first (date created, then id). */
  listOrderFacts(query: OwnersOrdersQuery): Promise<OrderFact[]>;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toOrder(row: Selectable<IndexOrdersTable>): IndexedOrder {
  return {
    storeKey: row.store_key,
    orderId: Number(row.order_id),
    customerId: Number(row.customer_id),
    email: row.email,
    statusId: Number(row.status_id),
    channelId: Number(row.channel_id),
    currency: row.currency,
    total: row.total,
    itemCount: Number(row.item_count),
    paymentStatus: row.payment_status,
    dateCreated: Number(row.date_created),
    dateModified: Number(row.date_modified),
    summary: parseJson(row.summary),
    billingName: row.billing_name,
    city: row.city,
    countryIso2: row.country_iso2,
    searchText: row.search_text,
  };
}

function toCustomer(row: Selectable<IndexCustomersTable>): IndexedCustomer {
  return {
    storeKey: row.store_key,
    customerId: Number(row.customer_id),
    email: row.email,
    dateModified: Number(row.date_modified),
    record: parseJson(row.record),
    searchText: row.search_text,
  };
}

/** `LIKE` matches `%` and `_` as wildcards: an email's underscore must match only itself. */
function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, '\\$&')}%`;
}

/** Every term in `search_text`, as one of its spellings (ESCAPE: both engines take the same clause). */
function hasEveryTerm<T extends 'index_orders' | 'index_customers'>(
  eb: ExpressionBuilder<Database, T>,
  terms: SearchTerms,
) {
  const column = sql.ref('search_text');
  return eb.and(
    terms.map((spellings) =>
      eb.or(spellings.map((spelling) => sql<boolean>`${column} LIKE ${likePattern(spelling)} ESCAPE '\\'`)),
    ),
  );
}

// SQLite allows 32,766 bound parameters per statement; 14 columns a row keeps a chunk well inside.
const ROWS_PER_INSERT = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

export function createOrderIndexRepo(db: Kysely<Database>): OrderIndexRepo {
  /** A store's orders in the channels and window, statuses left out: what any view or search may see. */
  function marketFilter(
    query: Pick<OwnersOrdersQuery, 'storeKey' | 'channels' | 'excludeStatuses' | 'createdFrom'>,
  ) {
    let q = db
      .selectFrom('index_orders')
      .where('store_key', '=', query.storeKey)
      .where('date_created', '>=', query.createdFrom);
    if (query.excludeStatuses.length > 0) q = q.where('status_id', 'not in', [...query.excludeStatuses]);
    if (query.channels !== null) {
      q =
        query.channels.length > 0
          ? q.where('channel_id', 'in', [...query.channels])
          : q.where('order_id', '<', 0);
    }
    return q;
  }

  /** Of those, the owners' orders: shoppers' and the guest orders of emails. */
  function ownersFilter(query: OwnersOrdersQuery) {
    return marketFilter(query).where((eb) => {
      const owners = [];
      if (query.customerIds.length > 0) owners.push(eb('customer_id', 'in', [...query.customerIds]));
      if (query.guestEmails.length > 0) {
        const emails = query.guestEmails.map((email) => email.toLowerCase());
        owners.push(eb.and([eb('customer_id', '=', 0), eb('email', 'in', emails)]));
      }
      // Nobody to list: a condition that holds for no row.
      return owners.length > 0 ? eb.or(owners) : eb('order_id', '<', 0);
    });
  }

  function shopperFilter(query: Omit<ShopperOrdersQuery, 'limit' | 'offset'>) {
    let q = ownersFilter({
      ...query,
      customerIds: query.customerId === null ? [] : [query.customerId],
      guestEmails: query.guestEmail === null ? [] : [query.guestEmail],
    });
    if (query.orderId != null) q = q.where('order_id', '=', query.orderId);
    if (query.statusId != null) q = q.where('status_id', '=', query.statusId);
    if (query.createdTo != null) q = q.where('date_created', '<=', query.createdTo);
    return q;
  }

  return {
    async upsertOrders(orders, at) {
      for (const chunk of chunks(orders, ROWS_PER_INSERT)) {
        if (chunk.length === 0) continue;
        await db
          .insertInto('index_orders')
          .values(
            chunk.map((order) => ({
              store_key: order.storeKey,
              order_id: order.orderId,
              customer_id: order.customerId,
              email: order.email.toLowerCase(),
              status_id: order.statusId,
              channel_id: order.channelId,
              currency: order.currency,
              total: order.total,
              item_count: order.itemCount,
              payment_status: order.paymentStatus,
              date_created: order.dateCreated,
              date_modified: order.dateModified,
              summary: JSON.stringify(order.summary),
              indexed_at: at,
              search_text: order.searchText,
              billing_name: order.billingName,
              city: order.city,
              country_iso2: order.countryIso2,
            })),
          )
          .onConflict((conflict) =>
            conflict
              .columns(['store_key', 'order_id'])
              .doUpdateSet((eb) => ({
                customer_id: eb.ref('excluded.customer_id'),
                email: eb.ref('excluded.email'),
                status_id: eb.ref('excluded.status_id'),
                channel_id: eb.ref('excluded.channel_id'),
                currency: eb.ref('excluded.currency'),
                total: eb.ref('excluded.total'),
                item_count: eb.ref('excluded.item_count'),
                payment_status: eb.ref('excluded.payment_status'),
                date_created: eb.ref('excluded.date_created'),
                date_modified: eb.ref('excluded.date_modified'),
                summary: eb.ref('excluded.summary'),
                indexed_at: eb.ref('excluded.indexed_at'),
                search_text: eb.ref('excluded.search_text'),
                billing_name: eb.ref('excluded.billing_name'),
                city: eb.ref('excluded.city'),
                country_iso2: eb.ref('excluded.country_iso2'),
              }))
              // A late webhook or an overlapping delta run never rolls a header back.
              .where('index_orders.date_modified', '<=', (eb) => eb.ref('excluded.date_modified')),
          )
          .execute();
      }
    },
    async getOrder(storeKey, orderId) {
      const row = await db
        .selectFrom('index_orders')
        .selectAll()
        .where('store_key', '=', storeKey)
        .where('order_id', '=', orderId)
        .executeTakeFirst();
      return row ? toOrder(row) : null;
    },
    async getOrders(storeKey, orderIds) {
      const out: IndexedOrder[] = [];
      for (const chunk of chunks([...new Set(orderIds)], ROWS_PER_INSERT)) {
        if (chunk.length === 0) continue;
        const rows = await db
          .selectFrom('index_orders')
          .selectAll()
          .where('store_key', '=', storeKey)
          .where('order_id', 'in', chunk)
          .execute();
        out.push(...rows.map(toOrder));
      }
      return out;
    },
    async deleteOrder(storeKey, orderId) {
      const result = await db
        .deleteFrom('index_orders')
        .where('store_key', '=', storeKey)
        .where('order_id', '=', orderId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async listShopperOrders(query) {
      const rows = await shopperFilter(query)
        .selectAll()
        .orderBy('date_created', 'desc')
        .orderBy('order_id', 'desc')
        .limit(query.limit)
        .offset(query.offset)
        .execute();
      return rows.map(toOrder);
    },
    async countShopperOrders(query) {
      const row = await shopperFilter(query)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async listShopperTotals(query) {
      // Four narrow columns, summed by the caller: totals are decimal strings, and SQL would sum them as floats.
      const rows = await shopperFilter(query)
        .select(['status_id', 'currency', 'total', 'date_created'])
        .execute();
      return rows.map((row) => ({
        statusId: Number(row.status_id),
        currency: row.currency,
        total: row.total,
        dateCreated: Number(row.date_created),
      }));
    },
    async pruneOrders(storeKey, createdBefore) {
      const result = await db
        .deleteFrom('index_orders')
        .where('store_key', '=', storeKey)
        .where('date_created', '<', createdBefore)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async countOrders(storeKey) {
      const row = await db
        .selectFrom('index_orders')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('store_key', '=', storeKey)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async upsertCustomers(customers, at) {
      for (const chunk of chunks(customers, ROWS_PER_INSERT)) {
        if (chunk.length === 0) continue;
        await db
          .insertInto('index_customers')
          .values(
            chunk.map((customer) => ({
              store_key: customer.storeKey,
              customer_id: customer.customerId,
              email: customer.email.toLowerCase(),
              date_modified: customer.dateModified,
              record: JSON.stringify(customer.record),
              indexed_at: at,
              search_text: customer.searchText,
            })),
          )
          .onConflict((conflict) =>
            conflict
              .columns(['store_key', 'customer_id'])
              .doUpdateSet((eb) => ({
                email: eb.ref('excluded.email'),
                date_modified: eb.ref('excluded.date_modified'),
                record: eb.ref('excluded.record'),
                indexed_at: eb.ref('excluded.indexed_at'),
                search_text: eb.ref('excluded.search_text'),
              }))
              .where('index_customers.date_modified', '<=', (eb) => eb.ref('excluded.date_modified')),
          )
          .execute();
      }
    },
    async getCustomer(storeKey, customerId) {
      const row = await db
        .selectFrom('index_customers')
        .selectAll()
        .where('store_key', '=', storeKey)
        .where('customer_id', '=', customerId)
        .executeTakeFirst();
      return row ? toCustomer(row) : null;
    },
    async findCustomersByEmail(storeKey, email) {
      const rows = await db
        .selectFrom('index_customers')
        .selectAll()
        .where('store_key', '=', storeKey)
        .where('email', '=', email.trim().toLowerCase())
        .orderBy('customer_id')
        .execute();
      return rows.map(toCustomer);
    },
    async countCustomers(storeKey) {
      const row = await db
        .selectFrom('index_customers')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('store_key', '=', storeKey)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async searchCustomers(storeKey, terms, limit) {
      if (terms.length === 0) return [];
      const rows = await db
        .selectFrom('index_customers')
        .selectAll()
        .where('store_key', '=', storeKey)
        .where((eb) => hasEveryTerm(eb, terms))
        .orderBy('customer_id')
        .limit(limit)
        .execute();
      return rows.map(toCustomer);
    },
    async searchGuestEmails(query) {
      if (query.terms.length === 0) return [];
      const rows = await marketFilter(query)
        .where('customer_id', '=', 0)
        .where((eb) => hasEveryTerm(eb, query.terms))
        .select('email')
        .select((eb) => eb.fn.max('date_created').as('last'))
        .groupBy('email')
        .orderBy('last', 'desc')
        .orderBy('email')
        .limit(query.limit)
        .execute();
      return rows.map((row) => row.email);
    },
    async listOrderFacts(query) {
      const rows = await ownersFilter(query)
        .select(['order_id', 'customer_id', 'email', 'date_created', 'billing_name', 'city', 'country_iso2'])
        .orderBy('date_created', 'desc')
        .orderBy('order_id', 'desc')
        .execute();
      return rows.map((row) => ({
        orderId: Number(row.order_id),
        customerId: Number(row.customer_id),
        email: row.email,
        dateCreated: Number(row.date_created),
        billingName: row.billing_name,
        city: row.city,
        countryIso2: row.country_iso2,
      }));
    },
  };
}
