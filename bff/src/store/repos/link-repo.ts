import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** A ticket (in one market) linked by an agent to a registered shopper or, for guests, an email. */
export interface LinkRecord {
  ticket: string;
  market: string;
  customerId: number | null;
  email: string | null;
  createdBy: string;
  createdAt: number;
}

export interface LinkRepo {
  /** Replaces any earlier link of the same ticket and market: the latest agent decision wins. */
  upsert(link: LinkRecord): Promise<LinkRecord>;
  get(ticket: string, market: string): Promise<LinkRecord | null>;
}

export function createLinkRepo(db: Kysely<Database>): LinkRepo {
  return {
    async upsert(link) {
      if (link.customerId === null && link.email === null) {
        throw new TypeError('A link needs a customerId or an email');
      }
      const row = {
        ticket: link.ticket,
        market: link.market,
        customer_id: link.customerId,
        email: link.email,
        created_by: link.createdBy,
        created_at: link.createdAt,
      };
      await db
        .insertInto('links')
        .values(row)
        .onConflict((conflict) =>
          conflict.columns(['ticket', 'market']).doUpdateSet({
            customer_id: row.customer_id,
            email: row.email,
            created_by: row.created_by,
            created_at: row.created_at,
          }),
        )
        .execute();
      return { ...link };
    },
    async get(ticket, market) {
      const row = await db
        .selectFrom('links')
        .selectAll()
        .where('ticket', '=', ticket)
        .where('market', '=', market)
        .executeTakeFirst();
      if (!row) return null;
      return {
        ticket: row.ticket,
        market: row.market,
        customerId: row.customer_id === null ? null : Number(row.customer_id),
        email: row.email,
        createdBy: row.created_by,
        createdAt: Number(row.created_at),
      };
    },
  };
}
