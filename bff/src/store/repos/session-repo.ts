import type { Kysely, Selectable } from 'kysely';
import type { Database, SessionsTable } from '../schema.js';

export interface SessionRecord {
  /** SHA-256 (hex) of the session id; the id itself is never stored. */
  idHash: string;
  ticket: string;
  agent: string;
  customer: string | null;
  email: string | null;
  market: string;
  store: string;
  scopes: string[];
  locale: string;
  jti: string;
  createdAt: number;
  expiresAt: number;
  /** The order the ticket is about, from the token. */
  order: number | null;
  /** When the ticket was opened (epoch ms), from the token. */
  ticketCreatedAt: number | null;
}

export interface SessionRepo {
  insert(record: SessionRecord): Promise<void>;
  /** The live session with this hash, or null when unknown or expired at `now`. */
  findByHash(idHash: string, now: number): Promise<SessionRecord | null>;
  purgeExpired(now: number): Promise<number>;
}

function toRecord(row: Selectable<SessionsTable>): SessionRecord {
  return {
    idHash: row.id_hash,
    ticket: row.ticket,
    agent: row.agent,
    customer: row.customer,
    email: row.email,
    market: row.market,
    store: row.store,
    scopes: row.scopes.split(' ').filter(Boolean),
    locale: row.locale,
    jti: row.jti,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    order: row.order_id === null ? null : Number(row.order_id),
    ticketCreatedAt: row.ticket_created_at === null ? null : Number(row.ticket_created_at),
  };
}

export function createSessionRepo(db: Kysely<Database>): SessionRepo {
  return {
    async insert(record) {
      await db
        .insertInto('sessions')
        .values({
          id_hash: record.idHash,
          ticket: record.ticket,
          agent: record.agent,
          customer: record.customer,
          email: record.email,
          market: record.market,
          store: record.store,
          scopes: record.scopes.join(' '),
          locale: record.locale,
          jti: record.jti,
          created_at: record.createdAt,
          expires_at: record.expiresAt,
          order_id: record.order,
          ticket_created_at: record.ticketCreatedAt,
        })
        .execute();
    },
    async findByHash(idHash, now) {
      const row = await db
        .selectFrom('sessions')
        .selectAll()
        .where('id_hash', '=', idHash)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async purgeExpired(now) {
      const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
