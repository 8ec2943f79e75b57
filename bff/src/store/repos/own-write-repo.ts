import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * Our own writes to orders (a note, a status change) by the date_modified BigCommerce answered with. Every such
 * write fires `store/order/updated` back at us; its re-read carries the same date_modified, and it must not
 * be reported as a change (DESIGN §9). Shared by every instance through the database.
 */
export interface OwnWriteRepo {
  remember(storeKey: string, orderId: number, dateModified: number, at: number): Promise<void>;
  isOwn(storeKey: string, orderId: number, dateModified: number): Promise<boolean>;
  purge(before: number): Promise<number>;
}

export function createOwnWriteRepo(db: Kysely<Database>): OwnWriteRepo {
  return {
    async remember(storeKey, orderId, dateModified, at) {
      await db
        .insertInto('own_order_writes')
        .values({ store_key: storeKey, order_id: orderId, date_modified: dateModified, at })
        .onConflict((conflict) => conflict.columns(['store_key', 'order_id', 'date_modified']).doNothing())
        .execute();
    },
    async isOwn(storeKey, orderId, dateModified) {
      const row = await db
        .selectFrom('own_order_writes')
        .select('at')
        .where('store_key', '=', storeKey)
        .where('order_id', '=', orderId)
        .where('date_modified', '=', dateModified)
        .executeTakeFirst();
      return row !== undefined;
    },
    async purge(before) {
      const result = await db.deleteFrom('own_order_writes').where('at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
