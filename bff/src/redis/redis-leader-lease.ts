import { randomUUID } from 'node:crypto';
import type { Logger } from '../core/logger.js';
import type { RedisConnection } from './redis-connection.js';

export interface RedisLeaderLeaseOptions {
  connection: RedisConnection;
  /** The stores whose sync this instance may lead. */
  storeKeys: readonly string[];
  logger: Logger;
  /** This instance's name in the lease (logs, the console). Default a random id. */
  instanceId?: string;
  /** How long a lease lasts without renewal. Default 30 s. */
  leaseMs?: number;
  /** How often every instance renews what it holds and tries to take what nobody holds. Default 10 s. */
  renewEveryMs?: number;
}

export interface LeaderLeases {
  readonly instanceId: string;
  /** Whether this instance leads the store's sync now; takes a free lease (or extends its own) on the way. */
  isLeader(storeKey: string): Promise<boolean>;
  /** The stores this instance led at its last look. */
  leading(): string[];
  start(): void;
  /**
   * Stops renewing. `release: true` (a graceful shutdown) hands the leases over at once; without it they run out
   * within the lease, as when the process dies.
   */
  stop(options?: { release?: boolean }): Promise<void>;
}

// Ours: extend. Free: take. Someone else's: no. One script, so two instances never both see "free".
const TAKE_OR_EXTEND = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if not holder then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * One leader per store's sync across instances: a Redis lease (SET NX PX) renewed by compare-and-extend. Every
 * instance looks every `renewEveryMs`: the leader extends, the others take a lease nobody renewed, so a dead
 * leader is replaced within lease + renewEveryMs (40 s by default). Redis down: nobody leads (no delta run is
 * better than two); the webhook worker does not depend on this (its deliveries are claimed in the database).
 */
export function createRedisLeaderLeases(options: RedisLeaderLeaseOptions): LeaderLeases {
  const { connection } = options;
  const instanceId = options.instanceId ?? randomUUID();
  const leaseMs = options.leaseMs ?? 30_000;
  const renewEveryMs = options.renewEveryMs ?? 10_000;
  const log = options.logger.child({ room: 'redis', instanceId });
  const held = new Set<string>();
  let timer: NodeJS.Timeout | undefined;

  const leaseKey = (storeKey: string): string => connection.key('leader', 'sync', storeKey);

  async function look(storeKey: string): Promise<boolean> {
    let leads: boolean;
    try {
      leads =
        Number(
          await connection.client.eval(TAKE_OR_EXTEND, 1, leaseKey(storeKey), instanceId, String(leaseMs)),
        ) === 1;
    } catch {
      connection.fellBack('leader');
      leads = false;
    }
    if (leads && !held.has(storeKey)) log.info({ storeKey }, 'this instance now leads the store’s sync');
    if (!leads && held.has(storeKey))
      log.warn({ storeKey }, 'this instance no longer leads the store’s sync');
    if (leads) held.add(storeKey);
    else held.delete(storeKey);
    return leads;
  }

  return {
    instanceId,
    isLeader: look,
    leading: () => [...held],
    start() {
      if (timer) return;
      void Promise.all(options.storeKeys.map(look));
      timer = setInterval(() => void Promise.all(options.storeKeys.map(look)), renewEveryMs);
      timer.unref();
    },
    async stop({ release = true } = {}) {
      clearInterval(timer);
      timer = undefined;
      if (release) {
        await Promise.all(
          [...held].map((storeKey) =>
            connection.client.eval(RELEASE, 1, leaseKey(storeKey), instanceId).catch(() => undefined),
          ),
        );
      }
      held.clear();
    },
  };
}
