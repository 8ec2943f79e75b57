import type { AppDatabase } from './db.js';

/** Single use of embed tokens (DESIGN §4), durable so a restart does not reopen the replay window. */
export interface JtiRepo {
  /** Marks a jti as used until `seenUntil`. False when it was already used: a replay. Atomic. */
  consume(jti: string, seenUntil: number, now: number): boolean;
  /** Forgets jtis whose tokens would fail the expiry check anyway. */
  purgeExpired(now: number): number;
}

export function createJtiRepo(db: AppDatabase): JtiRepo {
  const insert = db.sqlite.prepare('INSERT OR IGNORE INTO jti_seen (jti, seen_until) VALUES (?, ?)');
  const purge = db.sqlite.prepare('DELETE FROM jti_seen WHERE seen_until < ?');
  const consume = db.sqlite.transaction((jti: string, seenUntil: number, now: number) => {
    purge.run(now);
    return insert.run(jti, seenUntil).changes === 1;
  });
  return {
    consume: (jti, seenUntil, now) => consume(jti, seenUntil, now),
    purgeExpired: (now) => purge.run(now).changes,
  };
}
