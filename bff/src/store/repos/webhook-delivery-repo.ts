import type { Kysely, Selectable } from 'kysely';
import type { Database, WebhookDeliveriesTable } from '../schema.js';

/** A BigCommerce webhook delivery as stored before it is answered (only ids; the body is never kept). */
export interface NewDelivery {
  storeKey: string;
  /** SHA-256 of the raw body: the same delivery twice is one row (BigCommerce retries for 48 hours). */
  bodyHash: string;
  scope: string;
  resourceId: number | null;
  orderId: number | null;
  customerId: number | null;
  receivedAt: number;
}

export interface DeliveryRecord extends NewDelivery {
  id: number;
  status: 'pending' | 'done' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  processedAt: number | null;
  lastError: string | null;
}

export interface DeliveryStats {
  pending: number;
  oldestPendingAt: number | null;
  lastReceivedAt: number | null;
  /** Deliveries received since `since` (the last hour on the console). */
  receivedSince: number;
  failed: number;
}

export interface WebhookDeliveryRepo {
  /** Stores a delivery; false when the same body was stored before (a duplicate, processed once). */
  insertIfNew(delivery: NewDelivery): Promise<boolean>;
  /** Pending deliveries whose time has come, oldest first; a claim pushes them out by `leaseUntil`. */
  claimDue(now: number, leaseUntil: number, limit: number): Promise<DeliveryRecord[]>;
  markDone(ids: readonly number[], at: number): Promise<void>;
  scheduleRetry(ids: readonly number[], nextAttemptAt: number, error: string): Promise<void>;
  markFailed(ids: readonly number[], at: number, error: string): Promise<void>;
  /** Forgets processed deliveries older than `before` (the 49-hour duplicate window has passed). */
  purge(before: number): Promise<number>;
  stats(storeKey: string, since: number): Promise<DeliveryStats>;
}

function toRecord(row: Selectable<WebhookDeliveriesTable>): DeliveryRecord {
  return {
    id: Number(row.id),
    storeKey: row.store_key,
    bodyHash: row.body_hash,
    scope: row.scope,
    resourceId: row.resource_id === null ? null : Number(row.resource_id),
    orderId: row.order_id === null ? null : Number(row.order_id),
    customerId: row.customer_id === null ? null : Number(row.customer_id),
    receivedAt: Number(row.received_at),
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: Number(row.next_attempt_at),
    processedAt: row.processed_at === null ? null : Number(row.processed_at),
    lastError: row.last_error,
  };
}

export function createWebhookDeliveryRepo(db: Kysely<Database>): WebhookDeliveryRepo {
  return {
    async insertIfNew(delivery) {
      const result = await db
        .insertInto('webhook_deliveries')
        .values({
          store_key: delivery.storeKey,
          body_hash: delivery.bodyHash,
          scope: delivery.scope,
          resource_id: delivery.resourceId,
          order_id: delivery.orderId,
          customer_id: delivery.customerId,
          status: 'pending',
          attempts: 0,
          next_attempt_at: delivery.receivedAt,
          received_at: delivery.receivedAt,
          processed_at: null,
          last_error: null,
        })
        .onConflict((conflict) => conflict.columns(['store_key', 'body_hash']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async claimDue(now, leaseUntil, limit) {
      return db.transaction().execute(async (trx) => {
        const rows = await trx
          .selectFrom('webhook_deliveries')
          .selectAll()
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', now)
          .orderBy('id')
          .limit(limit)
          .execute();
        const claimed: DeliveryRecord[] = [];
        for (const row of rows) {
          // Conditional on the row still being due: another worker's claim in between wins.
          const result = await trx
            .updateTable('webhook_deliveries')
            .set((eb) => ({ next_attempt_at: leaseUntil, attempts: eb('attempts', '+', 1) }))
            .where('id', '=', row.id)
            .where('status', '=', 'pending')
            .where('next_attempt_at', '<=', now)
            .executeTakeFirst();
          if (Number(result.numUpdatedRows) === 1)
            claimed.push(toRecord({ ...row, attempts: row.attempts + 1 }));
        }
        return claimed;
      });
    },
    async markDone(ids, at) {
      if (ids.length === 0) return;
      await db
        .updateTable('webhook_deliveries')
        .set({ status: 'done', processed_at: at, last_error: null })
        .where('id', 'in', [...ids])
        .execute();
    },
    async scheduleRetry(ids, nextAttemptAt, error) {
      if (ids.length === 0) return;
      await db
        .updateTable('webhook_deliveries')
        .set({ next_attempt_at: nextAttemptAt, last_error: error.slice(0, 500) })
        .where('id', 'in', [...ids])
        .where('status', '=', 'pending')
        .execute();
    },
    async markFailed(ids, at, error) {
      if (ids.length === 0) return;
      await db
        .updateTable('webhook_deliveries')
        .set({ status: 'failed', processed_at: at, last_error: error.slice(0, 500) })
        .where('id', 'in', [...ids])
        .execute();
    },
    async purge(before) {
      const result = await db
        .deleteFrom('webhook_deliveries')
        .where('received_at', '<', before)
        .where('status', '!=', 'pending')
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async stats(storeKey, since) {
      const row = await db
        .selectFrom('webhook_deliveries')
        .select((eb) => [
          eb.fn.sum(eb.case().when('status', '=', 'pending').then(1).else(0).end()).as('pending'),
          eb.fn.sum(eb.case().when('status', '=', 'failed').then(1).else(0).end()).as('failed'),
          eb.fn
            .min(eb.case().when('status', '=', 'pending').then(eb.ref('received_at')).else(null).end())
            .as('oldest'),
          eb.fn.max('received_at').as('last'),
          eb.fn.sum(eb.case().when('received_at', '>=', since).then(1).else(0).end()).as('recent'),
        ])
        .where('store_key', '=', storeKey)
        .executeTakeFirst();
      return {
        pending: Number(row?.pending ?? 0),
        failed: Number(row?.failed ?? 0),
        oldestPendingAt: row?.oldest == null ? null : Number(row.oldest),
        lastReceivedAt: row?.last == null ? null : Number(row.last),
        receivedSince: Number(row?.recent ?? 0),
      };
    },
  };
}
