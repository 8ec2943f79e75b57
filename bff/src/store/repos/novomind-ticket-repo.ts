import type { Kysely, Selectable } from 'kysely';
import type { Database, NovomindTicketsTable } from '../schema.js';

/**
 * The tickets novomind registered (DESIGN §10): what they were registered with, which market they route to,
 * and the shopper their context matched. The matched shopper is kept here so the changes feed finds a
 * ticket by the owner of a changed order with one indexed query, never with a call to BigCommerce.
 */

export type NovomindTicketStatus = 'open' | 'closed';

/** What novomind said about a ticket (after routing), as one registration stores it. */
export interface TicketRegistration {
  ticket: string;
  market: string;
  storeKey: string;
  email: string | null;
  /** The novomind contact's External ID, as given. */
  customer: string | null;
  locale: string;
  channel: number | null;
  /** The order number the ticket is about, if novomind knows it. */
  orderId: number | null;
  status: NovomindTicketStatus;
  /** The s2s client (token `sub`) that registered or last updated it. */
  client: string;
  at: number;
  /** The order-change sequence at registration: only later changes belong to this ticket. */
  afterSeq: number;
}

/** The matched shopper: a registered customer (and the email of their guest orders), or guest orders alone. */
export interface TicketShopper {
  customerId: number | null;
  /** Lower-cased; the email whose guest orders (customer 0) are the ticket's. */
  email: string | null;
}

export interface NovomindTicket extends Omit<TicketRegistration, 'at'> {
  closedAt: number | null;
  shopper: TicketShopper;
  /** When the shopper was last matched; null while it never was (BigCommerce was unreachable). */
  matchedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface NovomindTicketRepo {
  /**
   * Inserts the ticket or updates what novomind said about it. A ticket whose market or identifiers changed
   * forgets its matched shopper (it is matched again); closing sets `closedAt` once, reopening clears it.
   */
  register(registration: TicketRegistration): Promise<{ ticket: NovomindTicket; created: boolean }>;
  get(ticket: string): Promise<NovomindTicket | null>;
  recordMatch(ticket: string, shopper: TicketShopper, at: number): Promise<void>;
  /** Only the status: `ticket.closed` / `ticket.reopened` events. False when the ticket is not registered. */
  setStatus(ticket: string, status: NovomindTicketStatus, at: number): Promise<boolean>;
  /**
   * Tickets of a store whose shopper owns an order: the registered customer's (customerId > 0), or the guest
   * orders (customerId 0) of an email. Open and closed alike; the caller applies the closing window.
   */
  listByOwner(storeKey: string, owner: { customerId: number; email: string }): Promise<NovomindTicket[]>;
  /** Tickets never matched (registered while BigCommerce was down), oldest first. */
  listUnmatched(limit: number): Promise<NovomindTicket[]>;
  /** Tickets an agent linked (POST /api/v1/links) to someone after their shopper was matched. */
  listRelinked(limit: number): Promise<Array<NovomindTicket & { link: TicketShopper & { at: number } }>>;
  /** Forgets tickets closed before `closedBefore` (they get no changes any more); how many. */
  purgeClosed(closedBefore: number): Promise<number>;
}

function toTicket(row: Selectable<NovomindTicketsTable>): NovomindTicket {
  const toNumber = (value: number | null) => (value === null ? null : Number(value));
  return {
    ticket: row.ticket,
    market: row.market,
    storeKey: row.store_key,
    email: row.email,
    customer: row.customer,
    locale: row.locale,
    channel: toNumber(row.channel),
    orderId: toNumber(row.order_id),
    status: row.status,
    closedAt: toNumber(row.closed_at),
    shopper: { customerId: toNumber(row.shopper_customer_id), email: row.shopper_email },
    matchedAt: toNumber(row.matched_at),
    afterSeq: Number(row.after_seq),
    client: row.client,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function sameIdentity(ticket: NovomindTicket, registration: TicketRegistration): boolean {
  return (
    ticket.market === registration.market &&
    ticket.storeKey === registration.storeKey &&
    ticket.email === registration.email &&
    ticket.customer === registration.customer &&
    ticket.channel === registration.channel
  );
}

export function createNovomindTicketRepo(db: Kysely<Database>): NovomindTicketRepo {
  const byId = (ticket: string) =>
    db.selectFrom('novomind_tickets').selectAll().where('ticket', '=', ticket).executeTakeFirst();

  return {
    async register(registration) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('novomind_tickets')
          .selectAll()
          .where('ticket', '=', registration.ticket)
          .executeTakeFirst();
        const closedAt = (previous: number | null) =>
          registration.status === 'closed' ? (previous ?? registration.at) : null;
        if (!row) {
          await trx
            .insertInto('novomind_tickets')
            .values({
              ticket: registration.ticket,
              market: registration.market,
              store_key: registration.storeKey,
              email: registration.email,
              customer: registration.customer,
              locale: registration.locale,
              channel: registration.channel,
              order_id: registration.orderId,
              status: registration.status,
              closed_at: closedAt(null),
              shopper_customer_id: null,
              shopper_email: null,
              matched_at: null,
              after_seq: registration.afterSeq,
              client: registration.client,
              created_at: registration.at,
              updated_at: registration.at,
            })
            .execute();
        } else {
          const known = toTicket(row);
          const rematch = !sameIdentity(known, registration);
          await trx
            .updateTable('novomind_tickets')
            .set({
              market: registration.market,
              store_key: registration.storeKey,
              email: registration.email,
              customer: registration.customer,
              locale: registration.locale,
              channel: registration.channel,
              order_id: registration.orderId,
              status: registration.status,
              closed_at: closedAt(known.closedAt),
              client: registration.client,
              updated_at: registration.at,
              ...(rematch ? { shopper_customer_id: null, shopper_email: null, matched_at: null } : {}),
            })
            .where('ticket', '=', registration.ticket)
            .execute();
        }
        const stored = await trx
          .selectFrom('novomind_tickets')
          .selectAll()
          .where('ticket', '=', registration.ticket)
          .executeTakeFirstOrThrow();
        return { ticket: toTicket(stored), created: !row };
      });
    },
    async get(ticket) {
      const row = await byId(ticket);
      return row ? toTicket(row) : null;
    },
    async recordMatch(ticket, shopper, at) {
      await db
        .updateTable('novomind_tickets')
        .set({
          shopper_customer_id: shopper.customerId,
          shopper_email: shopper.email === null ? null : shopper.email.trim().toLowerCase(),
          matched_at: at,
        })
        .where('ticket', '=', ticket)
        .execute();
    },
    async setStatus(ticket, status, at) {
      const result = await db
        .updateTable('novomind_tickets')
        .set((eb) => ({
          status,
          // Closing twice keeps the first closing time: the 7-day window starts when the ticket was closed.
          closed_at: status === 'closed' ? eb.fn.coalesce('closed_at', eb.val(at)) : null,
          updated_at: at,
        }))
        .where('ticket', '=', ticket)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async listByOwner(storeKey, owner) {
      let query = db.selectFrom('novomind_tickets').selectAll().where('store_key', '=', storeKey);
      query =
        owner.customerId > 0
          ? query.where('shopper_customer_id', '=', owner.customerId)
          : query.where('shopper_email', '=', owner.email.trim().toLowerCase());
      const rows = await query.orderBy('ticket').execute();
      return rows.map(toTicket);
    },
    async listUnmatched(limit) {
      const rows = await db
        .selectFrom('novomind_tickets')
        .selectAll()
        .where('matched_at', 'is', null)
        .where('status', '=', 'open')
        .orderBy('updated_at')
        .limit(limit)
        .execute();
      return rows.map(toTicket);
    },
    async listRelinked(limit) {
      const rows = await db
        .selectFrom('novomind_tickets as t')
        .innerJoin('links as l', (join) =>
          join.onRef('l.ticket', '=', 't.ticket').onRef('l.market', '=', 't.market'),
        )
        .selectAll('t')
        .select(['l.customer_id as link_customer_id', 'l.email as link_email', 'l.created_at as link_at'])
        .where('t.matched_at', 'is not', null)
        .whereRef('l.created_at', '>', 't.matched_at')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        ...toTicket(row),
        link: {
          customerId: row.link_customer_id === null ? null : Number(row.link_customer_id),
          email: row.link_email,
          at: Number(row.link_at),
        },
      }));
    },
    async purgeClosed(closedBefore) {
      const result = await db
        .deleteFrom('novomind_tickets')
        .where('status', '=', 'closed')
        .where('closed_at', '<', closedBefore)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
