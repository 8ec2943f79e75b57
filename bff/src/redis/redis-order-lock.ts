import { setTimeout as delay } from 'node:timers/promises';
import { AppError } from '../core/app-error.js';
import type { OrderLease, OrderLock } from '../notes/index.js';
import type { RedisConnection } from './redis-connection.js';

export interface RedisOrderLockOptions {
  connection: RedisConnection;
  /** How long a grant lasts without renewal. Default 30 s (longer than any one BigCommerce call). */
  leaseMs?: number;
  /** How often the holder extends its lease while it runs; 0 never (tests of an expired lease). Default lease / 3. */
  renewEveryMs?: number;
  /** How long a caller waits for a busy lock before giving up with 503. Default 2 × lease (its holder died). */
  waitMs?: number;
}

// Grant only when free; the token comes from a counter that outlives the lock, so it only ever grows.
const ACQUIRE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local token = redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], 86400000)
redis.call('SET', KEYS[1], token, 'PX', ARGV[1])
return token`;
const EXTEND = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

function unavailable(reason: 'lock_service_down' | 'lock_lost' | 'lock_busy', cause?: unknown): AppError {
  const messages = {
    lock_service_down: 'The order lock service (Redis) cannot be reached; nothing was written.',
    lock_lost: 'This instance lost the order’s lock before writing; nothing was written.',
    lock_busy: 'The order stayed locked by another write for too long; nothing was written.',
  } as const;
  return new AppError('writes_unavailable', { message: messages[reason], details: { reason }, cause });
}

/**
 * The per-order lock shared by every instance: `SET lock token NX PX lease` with a fencing token from a counter
 * per order. The holder renews its lease while it works; before each PUT the writer asks `assertCurrent`, which
 * is true only while the lock still holds this grant's token. A holder that stalled past its lease (and whose
 * lock went to another instance) is refused there, before it can overwrite the new holder's write. Redis down:
 * the lock refuses (fail closed) with 503 `writes_unavailable`.
 */
export function createRedisOrderLock(options: RedisOrderLockOptions): OrderLock {
  const { connection } = options;
  const { client } = connection;
  const leaseMs = options.leaseMs ?? 30_000;
  const renewEveryMs = options.renewEveryMs ?? Math.floor(leaseMs / 3);
  const waitMs = options.waitMs ?? 2 * leaseMs;

  async function acquire(lockKey: string, fenceKey: string): Promise<number> {
    const giveUpAt = Date.now() + waitMs;
    let pause = 20;
    for (;;) {
      let token: number;
      try {
        token = Number(await client.eval(ACQUIRE, 2, lockKey, fenceKey, String(leaseMs)));
      } catch (error) {
        throw unavailable('lock_service_down', error);
      }
      if (token > 0) return token;
      if (Date.now() >= giveUpAt) throw unavailable('lock_busy');
      await delay(pause, undefined, { ref: false });
      pause = Math.min(200, pause * 2);
    }
  }

  return {
    ensureAvailable() {
      return connection.isUp() ? Promise.resolve() : Promise.reject(unavailable('lock_service_down'));
    },
    async run<T>(key: string, fn: (lease: OrderLease) => Promise<T>): Promise<T> {
      const lockKey = connection.key('lock', 'order', key);
      const token = await acquire(lockKey, connection.key('fence', 'order', key));
      let lost = false;
      const renewal =
        renewEveryMs > 0
          ? setInterval(() => {
              client.eval(EXTEND, 1, lockKey, String(token), String(leaseMs)).then(
                (extended) => {
                  if (Number(extended) !== 1) lost = true;
                },
                () => undefined, // Redis away for a moment: assertCurrent decides at the PUT.
              );
            }, renewEveryMs)
          : undefined;
      renewal?.unref();
      const lease: OrderLease = {
        token,
        async assertCurrent() {
          if (lost) throw unavailable('lock_lost');
          let holder: string | null;
          try {
            holder = await client.get(lockKey);
          } catch (error) {
            throw unavailable('lock_service_down', error);
          }
          if (holder !== String(token)) {
            lost = true;
            throw unavailable('lock_lost');
          }
        },
      };
      try {
        return await fn(lease);
      } finally {
        clearInterval(renewal);
        // Only our own grant: a lock that expired and went to another instance stays theirs.
        await client.eval(RELEASE, 1, lockKey, String(token)).catch(() => undefined);
      }
    },
  };
}
