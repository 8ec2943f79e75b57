import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Single use of embed tokens (DESIGN §4), durable so a restart does not reopen the replay window. */
export interface JtiRepo {
  /**
   * Marks a jti as used until `seenUntil`. False when it was already used: a replay. Atomic across every
   * process on the same database (the primary key decides, not a read-then-write).
   */
  consume(jti: string, seenUntil: number): Promise<boolean>;
  /** Forgets jtis whose tokens would fail the expiry check anyway. */
  purgeExpired(now: number): Promise<number>;
}

export function createJtiRepo(db: Kysely<Database>): JtiRepo {
  return {
    async consume(jti, seenUntil) {
      const result = await db
        .insertInto('jti_seen')
        .values({ jti, seen_until: seenUntil })
        .onConflict((conflict) => conflict.column('jti').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async purgeExpired(now) {
      const result = await db.deleteFrom('jti_seen').where('seen_until', '<', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
