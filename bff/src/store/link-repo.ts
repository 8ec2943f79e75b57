import type { AppDatabase } from './db.js';

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
  upsert(link: LinkRecord): LinkRecord;
  get(ticket: string, market: string): LinkRecord | null;
  remove(ticket: string, market: string): boolean;
}

interface LinkRow {
  ticket: string;
  market: string;
  customer_id: number | null;
  email: string | null;
  created_by: string;
  created_at: number;
}

export function createLinkRepo(db: AppDatabase): LinkRepo {
  const upsert = db.sqlite.prepare(
    `INSERT INTO links (ticket, market, customer_id, email, created_by, created_at)
     VALUES (@ticket, @market, @customerId, @email, @createdBy, @createdAt)
     ON CONFLICT (ticket, market) DO UPDATE SET
       customer_id = excluded.customer_id, email = excluded.email,
       created_by = excluded.created_by, created_at = excluded.created_at`,
  );
  const get = db.sqlite.prepare('SELECT * FROM links WHERE ticket = ? AND market = ?');
  const remove = db.sqlite.prepare('DELETE FROM links WHERE ticket = ? AND market = ?');
  return {
    upsert(link) {
      if (link.customerId === null && link.email === null) {
        throw new TypeError('A link needs a customerId or an email');
      }
      upsert.run(link);
      return { ...link };
    },
    get(ticket, market) {
      const row = get.get(ticket, market) as LinkRow | undefined;
      if (!row) return null;
      return {
        ticket: row.ticket,
        market: row.market,
        customerId: row.customer_id,
        email: row.email,
        createdBy: row.created_by,
        createdAt: row.created_at,
      };
    },
    remove: (ticket, market) => remove.run(ticket, market).changes > 0,
  };
}
