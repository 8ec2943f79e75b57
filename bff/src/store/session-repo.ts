import type { AppDatabase } from './db.js';

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
}

export interface SessionRepo {
  insert(record: SessionRecord): void;
  /** The live session with this hash, or null when unknown or expired at `now`. */
  findByHash(idHash: string, now: number): SessionRecord | null;
  purgeExpired(now: number): number;
}

interface SessionRow {
  id_hash: string;
  ticket: string;
  agent: string;
  customer: string | null;
  email: string | null;
  market: string;
  store: string;
  scopes: string;
  locale: string;
  jti: string;
  created_at: number;
  expires_at: number;
}

export function createSessionRepo(db: AppDatabase): SessionRepo {
  const insert = db.sqlite.prepare(
    `INSERT INTO sessions (id_hash, ticket, agent, customer, email, market, store, scopes, locale, jti, created_at, expires_at)
     VALUES (@idHash, @ticket, @agent, @customer, @email, @market, @store, @scopes, @locale, @jti, @createdAt, @expiresAt)`,
  );
  const find = db.sqlite.prepare('SELECT * FROM sessions WHERE id_hash = ? AND expires_at > ?');
  const purge = db.sqlite.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  return {
    insert(record) {
      insert.run({ ...record, scopes: record.scopes.join(' ') });
    },
    findByHash(idHash, now) {
      const row = find.get(idHash, now) as SessionRow | undefined;
      if (!row) return null;
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
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      };
    },
    purgeExpired: (now) => purge.run(now).changes,
  };
}
