import type { ClientRateLimitInfo, IncrementResponse, Options, Store } from 'express-rate-limit';
import type { RedisConnection } from './redis-connection.js';

// The counter and its window in one step: the first hit of a window sets the expiry, later ones only count.
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
return {hits, ttl}`;

/**
 * The per-session rate limit's counters in Redis, so a session has one budget across instances: INCR and PEXPIRE
 * in one script. Written here rather than taken from rate-limit-redis 6.0.1: that store loads its scripts once
 * at start and keeps the rejected promise when Redis is down then, so the limit would stay off after Redis
 * returns. Errors reach express-rate-limit, whose `passOnStoreError` lets requests through (logged).
 */
export function createRedisRateLimitStore(connection: RedisConnection): Store {
  let windowMs = 60_000;
  const prefix = connection.key('ratelimit', '');
  const toInfo = (hits: unknown, ttl: unknown): IncrementResponse => ({
    totalHits: Number(hits),
    resetTime: new Date(Date.now() + Math.max(0, Number(ttl))),
  });
  return {
    localKeys: false,
    prefix,
    init(options: Options) {
      windowMs = options.windowMs;
    },
    async get(key): Promise<ClientRateLimitInfo | undefined> {
      const [hits, ttl] = await Promise.all([
        connection.client.get(prefix + key),
        connection.client.pttl(prefix + key),
      ]);
      return hits === null ? undefined : toInfo(hits, ttl);
    },
    async increment(key) {
      const [hits, ttl] = (await connection.client.eval(
        INCREMENT,
        1,
        prefix + key,
        String(windowMs),
      )) as unknown[];
      return toInfo(hits, ttl);
    },
    async decrement(key) {
      await connection.client.decr(prefix + key);
    },
    async resetKey(key) {
      await connection.client.del(prefix + key);
    },
  };
}
