import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { Database, LinksTable } from '../schema.js';

/** A ticket (in one market) linked by an agent to a registered shopper or, for guests, an email. */
export interface LinkRecord {
  ticket: string;
  market: string;
  customerId: number | null;
  email: string | null;
  createdBy: string;
  createdAt: number;
}

/** Which link an undo takes back: the one this agent made at this moment. */
export interface LinkVersion {
  createdBy: string;
  createdAt: number;
}

/** What an undo did: restored the link before (or none), or refused because the minute passed or the link changed. */
export type LinkUndoOutcome =
  { outcome: 'undone'; restored: LinkRecord | null } | { outcome: 'expired' } | { outcome: 'changed' };

export interface LinkRepo {
  /**
   * Replaces any earlier link of the same ticket and market (the latest agent decision wins) and remembers the
   * replaced one, so that until `undoUntil` (epoch ms; null: never) `undo` can restore it.
   */
  upsert(link: LinkRecord, undoUntil?: number | null): Promise<LinkRecord>;
  get(ticket: string, market: string): Promise<LinkRecord | null>;
  /**
   * Takes back the ticket's link if it is still `version` and `now` is within its undo time: the link it replaced
   * comes back exactly as it was, or the ticket has none again. Either in one conditional statement, so a link
   * made meanwhile (by anyone, on any instance) is never undone by mistake.
   */
  undo(ticket: string, market: string, version: LinkVersion, now: number): Promise<LinkUndoOutcome>;
}

function toRecord(row: Selectable<LinksTable>): LinkRecord {
  return {
    ticket: row.ticket,
    market: row.market,
    customerId: row.customer_id === null ? null : Number(row.customer_id),
    email: row.email,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
  };
}

export function createLinkRepo(db: Kysely<Database>): LinkRepo {
  const byTicket = (ticket: string, market: string) =>
    db.selectFrom('links').selectAll().where('ticket', '=', ticket).where('market', '=', market);

  return {
    async upsert(link, undoUntil = null) {
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
        undo_until: undoUntil,
      };
      await db
        .insertInto('links')
        .values(row)
        .onConflict((conflict) =>
          // Both engines evaluate every SET expression against the row as it was: prev_* get the replaced link.
          conflict.columns(['ticket', 'market']).doUpdateSet((eb) => ({
            prev_customer_id: eb.ref('links.customer_id'),
            prev_email: eb.ref('links.email'),
            prev_created_by: eb.ref('links.created_by'),
            prev_created_at: eb.ref('links.created_at'),
            customer_id: row.customer_id,
            email: row.email,
            created_by: row.created_by,
            created_at: row.created_at,
            undo_until: row.undo_until,
          })),
        )
        .execute();
      return { ...link };
    },
    async get(ticket, market) {
      const row = await byTicket(ticket, market).executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async undo(ticket, market, version, now) {
      const isUndoable = (eb: ExpressionBuilder<Database, 'links'>) =>
        eb.and([
          eb('ticket', '=', ticket),
          eb('market', '=', market),
          eb('created_by', '=', version.createdBy),
          eb('created_at', '=', version.createdAt),
          eb('undo_until', '>=', now),
        ]);
      // There was no link before: the ticket has none again.
      const deleted = await db
        .deleteFrom('links')
        .where((eb) => eb.and([isUndoable(eb), eb('prev_created_by', 'is', null)]))
        .returning('ticket')
        .executeTakeFirst();
      if (deleted) return { outcome: 'undone', restored: null };
      const restored = await db
        .updateTable('links')
        .set((eb) => ({
          // prev_created_by/at are not null here (the WHERE says so); coalesce only tells the types.
          customer_id: eb.ref('prev_customer_id'),
          email: eb.ref('prev_email'),
          created_by: eb.fn.coalesce('prev_created_by', eb.val('')),
          created_at: eb.fn.coalesce('prev_created_at', eb.val(0)),
          prev_customer_id: null,
          prev_email: null,
          prev_created_by: null,
          prev_created_at: null,
          // A restored link is the earlier decision, not a new one: it cannot be undone in turn.
          undo_until: null,
        }))
        .where((eb) => eb.and([isUndoable(eb), eb('prev_created_by', 'is not', null)]))
        .returningAll()
        .executeTakeFirst();
      if (restored) return { outcome: 'undone', restored: toRecord(restored) };
      // Refused: why, for the agent. Still the same link means its minute passed; anything else is a change.
      const current = await byTicket(ticket, market).executeTakeFirst();
      const same =
        current !== undefined &&
        current.created_by === version.createdBy &&
        Number(current.created_at) === version.createdAt;
      return { outcome: same ? 'expired' : 'changed' };
    },
  };
}
