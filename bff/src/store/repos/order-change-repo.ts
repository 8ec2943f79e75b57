import type { Kysely, Selectable } from 'kysely';
import type { Database, OrderChangesTable } from '../schema.js';

/** What kind of change an order went through (DESIGN §10's change kinds). */
export type OrderChangeKind =
  | 'order.created'
  | 'order.status_changed'
  | 'order.updated'
  | 'shipment.created'
  | 'shipment.updated'
  | 'refund.created';

/** Where we learned of it: a webhook, a delta run, or our own status write-back. */
export type OrderChangeSource = 'webhook' | 'delta' | 'status';

export interface NewOrderChange {
  storeKey: string;
  orderId: number;
  kind: OrderChangeKind;
  source: OrderChangeSource;
  /** The order's owner at the time: 0 for a guest order (then `email` names them). */
  customerId: number;
  /** The billing email, lower-cased. */
  email: string;
  statusId: number | null;
  previousStatusId: number | null;
  /** JSON-serializable detail (the order's summary after the change, the shipment or refund id …). */
  detail: unknown;
  at: number;
}

export interface OrderChange extends NewOrderChange {
  /** Our own sequence: strictly increasing, the feed's cursor. */
  seq: number;
}

export interface OrderChangeRepo {
  append(change: NewOrderChange): Promise<number>;
  /** Changes with seq > `afterSeq`, oldest first. */
  listAfter(afterSeq: number, limit: number, storeKey?: string): Promise<OrderChange[]>;
  /** Changes of one order, newest first (a ticket's timeline). */
  listForOrder(storeKey: string, orderId: number, limit: number): Promise<OrderChange[]>;
  /**
   * The ids of a shopper's orders (a registered shopper's, and/or the guest orders of an email) that changed at or
   * after `since`, most recently changed first, at most `limit`.
   */
  listChangedOrderIds(query: {
    storeKey: string;
    customerId: number | null;
    guestEmail: string | null;
    since: number;
    limit: number;
  }): Promise<number[]>;
  /** The highest seq so far, or 0. */
  headSeq(): Promise<number>;
  /** The lowest seq still kept (older ones were purged), or null when empty. */
  tailSeq(): Promise<number | null>;
  /** The first seq at or after `at`, or null. */
  firstSeqAt(at: number): Promise<number | null>;
  /** Forgets changes older than `before` (the feed's retention); how many. */
  purge(before: number): Promise<number>;
}

function toChange(row: Selectable<OrderChangesTable>): OrderChange {
  let detail: unknown = null;
  try {
    detail = JSON.parse(row.detail);
  } catch {
    detail = null;
  }
  return {
    seq: Number(row.seq),
    storeKey: row.store_key,
    orderId: Number(row.order_id),
    kind: row.kind as OrderChangeKind,
    source: row.source as OrderChangeSource,
    customerId: Number(row.customer_id),
    email: row.email,
    statusId: row.status_id === null ? null : Number(row.status_id),
    previousStatusId: row.previous_status_id === null ? null : Number(row.previous_status_id),
    detail,
    at: Number(row.at),
  };
}

/** The row of a change; also for repositories that record a change in their own transaction. */
export function toOrderChangeRow(change: NewOrderChange) {
  return {
    store_key: change.storeKey,
    order_id: change.orderId,
    kind: change.kind,
    source: change.source,
    customer_id: change.customerId,
    email: change.email.toLowerCase(),
    status_id: change.statusId,
    previous_status_id: change.previousStatusId,
    detail: JSON.stringify(change.detail ?? null),
    at: change.at,
  };
}

export function createOrderChangeRepo(db: Kysely<Database>): OrderChangeRepo {
  return {
    async append(change) {
      const row = await db
        .insertInto('order_changes')
        .values(toOrderChangeRow(change))
        .returning('seq')
        .executeTakeFirstOrThrow();
      return Number(row.seq);
    },
    async listAfter(afterSeq, limit, storeKey) {
      let query = db.selectFrom('order_changes').selectAll().where('seq', '>', afterSeq);
      if (storeKey !== undefined) query = query.where('store_key', '=', storeKey);
      const rows = await query.orderBy('seq').limit(limit).execute();
      return rows.map(toChange);
    },
    async listForOrder(storeKey, orderId, limit) {
      const rows = await db
        .selectFrom('order_changes')
        .selectAll()
        .where('store_key', '=', storeKey)
        .where('order_id', '=', orderId)
        .orderBy('seq', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toChange);
    },
    async listChangedOrderIds(query) {
      if (query.customerId === null && query.guestEmail === null) return [];
      const rows = await db
        .selectFrom('order_changes')
        .select((eb) => ['order_id', eb.fn.max('seq').as('last_seq')])
        .where('store_key', '=', query.storeKey)
        .where('at', '>=', query.since)
        .where((eb) => {
          const owners = [];
          if (query.customerId !== null) owners.push(eb('customer_id', '=', query.customerId));
          if (query.guestEmail !== null) {
            owners.push(
              eb.and([eb('customer_id', '=', 0), eb('email', '=', query.guestEmail.toLowerCase())]),
            );
          }
          return eb.or(owners);
        })
        .groupBy('order_id')
        .orderBy('last_seq', 'desc')
        .limit(query.limit)
        .execute();
      return rows.map((row) => Number(row.order_id));
    },
    async headSeq() {
      const row = await db
        .selectFrom('order_changes')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .executeTakeFirst();
      return row?.seq == null ? 0 : Number(row.seq);
    },
    async tailSeq() {
      const row = await db
        .selectFrom('order_changes')
        .select((eb) => eb.fn.min('seq').as('seq'))
        .executeTakeFirst();
      return row?.seq == null ? null : Number(row.seq);
    },
    async firstSeqAt(at) {
      const row = await db
        .selectFrom('order_changes')
        .select((eb) => eb.fn.min('seq').as('seq'))
        .where('at', '>=', at)
        .executeTakeFirst();
      return row?.seq == null ? null : Number(row.seq);
    },
    async purge(before) {
      const result = await db.deleteFrom('order_changes').where('at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
