import type { Kysely, Selectable } from 'kysely';
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
}

export interface IndexedCustomer {
  storeKey: string;
  customerId: number;
  /** Lower-cased. */
  email: string;
  dateModified: number;
  /** The customer record as the product reads it (opaque here). */
  record: unknown;
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
  };
}

function toCustomer(row: Selectable<IndexCustomersTable>): IndexedCustomer {
  return {
    storeKey: row.store_key,
    customerId: Number(row.customer_id),
    email: row.email,
    dateModified: Number(row.date_modified),
    record: parseJson(row.record),
  };
}

// SQLite allows 32,766 bound parameters per statement; 14 columns a row keeps a chunk well inside.
const ROWS_PER_INSERT = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

export function createOrderIndexRepo(db: Kysely<Database>): OrderIndexRepo {
  function shopperFilter(query: Omit<ShopperOrdersQuery, 'limit' | 'offset'>) {
    let q = db
      .selectFrom('index_orders')
      .where('store_key', '=', query.storeKey)
      .where('date_created', '>=', query.createdFrom)
      .where((eb) => {
        const owners = [];
        if (query.customerId !== null) owners.push(eb('customer_id', '=', query.customerId));
        if (query.guestEmail !== null) {
          owners.push(eb.and([eb('customer_id', '=', 0), eb('email', '=', query.guestEmail.toLowerCase())]));
        }
        // Nobody to list: a condition that holds for no row.
        return owners.length > 0 ? eb.or(owners) : eb('order_id', '<', 0);
      });
    if (query.excludeStatuses.length > 0) q = q.where('status_id', 'not in', [...query.excludeStatuses]);
    if (query.orderId != null) q = q.where('order_id', '=', query.orderId);
    if (query.statusId != null) q = q.where('status_id', '=', query.statusId);
    if (query.createdTo != null) q = q.where('date_created', '<=', query.createdTo);
    if (query.channels !== null) {
      q =
        query.channels.length > 0
          ? q.where('channel_id', 'in', [...query.channels])
          : q.where('order_id', '<', 0);
    }
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
  };
}
