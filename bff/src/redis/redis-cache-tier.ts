import { randomUUID } from 'node:crypto';
import type { CacheEntry, SharedTier } from '../cache/index.js';
import type { RedisConnection } from './redis-connection.js';

/** Generation counters only need to outlive one load (read → load → conditional write). */
const GENERATION_TTL_MS = 60 * 60_000;
const SCAN_COUNT = 1_000;

// Store the copy only while none of its generations moved since the load began (no invalidation meanwhile).
const WRITE_IF_UNCHANGED = `
for i = 2, #KEYS do
  if (redis.call('GET', KEYS[i]) or '0') ~= ARGV[i + 1] then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;
const UNLOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** The key itself and every prefix it lies under (`a:`, `a:b:`, … `a:b:c`): what an invalidation can name. */
function scopesOf(key: string): string[] {
  const scopes: string[] = [];
  for (let i = key.indexOf(':'); i >= 0; i = key.indexOf(':', i + 1)) scopes.push(key.slice(0, i + 1));
  scopes.push(key);
  return scopes;
}

/** SCAN MATCH treats * ? [ ] \ as pattern characters; cache keys may contain some (URI-encoding keeps them). */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/**
 * A copy as stored by any instance; anything else (another version's format, a stray key) counts as no copy,
 * so a bad entry costs one load, never a wrong answer.
 */
function parseEntry(raw: string): CacheEntry | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || !('value' in parsed)) return undefined;
  const { value, asOf, freshUntil, staleUntil } = parsed as Record<string, unknown>;
  if (typeof asOf !== 'number' || typeof freshUntil !== 'number' || typeof staleUntil !== 'number')
    return undefined;
  return { value, asOf, freshUntil, staleUntil };
}

/**
 * The cache's shared tier in Redis: one JSON string per key (`value`, `asOf`, `freshUntil`, `staleUntil`),
 * expiring with the cache's TTL (when the copy stops being fresh). Invalidations bump a generation counter for the
 * key or prefix, so a load that began before them does not store its outdated result; a prefix is then
 * deleted with SCAN (cost grows with the keyspace; see README, "Running several instances").
 */
export function createRedisCacheTier(connection: RedisConnection): SharedTier {
  const { client } = connection;
  const valueKey = (key: string): string => connection.key('cache', key);
  const generationKey = (scope: string): string => connection.key('gen', scope);
  const lockKey = (key: string): string => connection.key('load', key);

  async function bump(scope: string): Promise<void> {
    await client.multi().incr(generationKey(scope)).pexpire(generationKey(scope), GENERATION_TTL_MS).exec();
  }

  return {
    async read(key) {
      const scopes = scopesOf(key);
      const [raw, ...generations] = await client.mget(valueKey(key), ...scopes.map(generationKey));
      const entry = raw === null || raw === undefined ? undefined : parseEntry(raw);
      return { entry, generation: generations.map((g) => g ?? '0').join(',') };
    },
    async write(key, entry, generation) {
      // Only while fresh: the shared tier answers fresh copies; stale-if-error is each instance's memory copy.
      const ttlMs = Math.ceil(entry.freshUntil - entry.asOf);
      if (ttlMs <= 0) return;
      const json = JSON.stringify({
        value: entry.value,
        asOf: entry.asOf,
        freshUntil: entry.freshUntil,
        staleUntil: entry.staleUntil,
      });
      if (generation === null) {
        await client.set(valueKey(key), json, 'PX', ttlMs);
        return;
      }
      const scopes = scopesOf(key);
      await client.eval(
        WRITE_IF_UNCHANGED,
        1 + scopes.length,
        valueKey(key),
        ...scopes.map(generationKey),
        json,
        String(ttlMs),
        ...generation.split(','),
      );
    },
    async invalidate(key) {
      await bump(key);
      await client.unlink(valueKey(key));
    },
    async invalidatePrefix(prefix) {
      await bump(prefix);
      const match = `${escapeGlob(valueKey(prefix))}*`;
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', match, 'COUNT', SCAN_COUNT);
        if (keys.length > 0) await client.unlink(...keys);
        cursor = next;
      } while (cursor !== '0');
    },
    async lockLoad(key, ttlMs) {
      const token = randomUUID();
      const ok = await client.set(lockKey(key), token, 'PX', ttlMs, 'NX');
      return ok === 'OK' ? token : null;
    },
    async unlockLoad(key, token) {
      await client.eval(UNLOCK, 1, lockKey(key), token);
    },
    available: () => connection.isUp(),
  };
}
