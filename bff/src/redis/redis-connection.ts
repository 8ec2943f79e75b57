import { Redis } from 'ioredis';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Logger } from '../core/logger.js';

export interface RedisConnectionOptions {
  /** REDIS_URL, e.g. `redis://127.0.0.1:6379/0`. */
  url: string;
  /** Prepended to every key and channel of ours, so several deployments (or test files) can share one Redis. */
  keyPrefix?: string;
  logger: Logger;
  /** Metrics: `redis_up` and `redis_fallbacks_total`; none when omitted (tests). */
  registry?: Registry;
  /** How long one command may take before it counts as failed. Default 1000 ms. */
  commandTimeoutMs?: number;
}

export interface RedisConnection {
  readonly client: Redis;
  /** Our key for the given parts: `<prefix><part>:<part>…`. */
  key(...parts: string[]): string;
  readonly keyPrefix: string;
  /** True while connected; false during an outage (commands then fail at once instead of queueing). */
  isUp(): boolean;
  /** Resolves true once connected, false when `timeoutMs` passes first. */
  whenReady(timeoutMs: number): Promise<boolean>;
  /** PING with the command timeout; never rejects (the readiness check). */
  ping(): Promise<boolean>;
  /** A part of the product answered without Redis (degraded): counted in `redis_fallbacks_total`. */
  fellBack(operation: string): void;
  close(): Promise<void>;
}

const DEFAULT_PREFIX = 'oc:';

/**
 * One ioredis connection for an instance. Commands are not queued while Redis is away
 * (`enableOfflineQueue: false`) and time out after a second: a request waits for BigCommerce, never for a
 * dead Redis. The outage is logged once when it starts and once when it ends, not per failed command.
 */
export function connectRedis(options: RedisConnectionOptions): RedisConnection {
  const keyPrefix = options.keyPrefix ?? DEFAULT_PREFIX;
  const log = options.logger.child({ room: 'redis' });
  const client = new Redis(options.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? 1_000,
    connectTimeout: 2_000,
    // Keep trying for as long as the process runs; the gap between tries grows to 2 s.
    retryStrategy: (times) => Math.min(times * 100, 2_000),
    lazyConnect: false,
  });
  const up = options.registry
    ? new Gauge({
        name: 'redis_up',
        help: 'Whether this instance is connected to Redis (REDIS_URL): 1 connected, 0 not.',
        registers: [options.registry],
      })
    : undefined;
  const fallbacks = options.registry
    ? new Counter({
        name: 'redis_fallbacks_total',
        help: 'Operations answered without Redis while it was unreachable (degraded), by operation.',
        labelNames: ['operation'] as const,
        registers: [options.registry],
      })
    : undefined;
  up?.set(0);
  let connected = false;
  let everConnected = false;
  let outageLogged = false;
  let closing = false;

  client.on('ready', () => {
    connected = true;
    up?.set(1);
    if (outageLogged) log.info('Redis is reachable again: shared cache, throttle, locks and leases resume');
    else if (!everConnected) log.info('connected to Redis');
    everConnected = true;
    outageLogged = false;
  });
  const onDown = (error?: unknown): void => {
    connected = false;
    up?.set(0);
    if (closing || outageLogged) return;
    outageLogged = true;
    log.error(
      { err: error },
      'Redis is unreachable: reads are served from this instance’s memory and BigCommerce, note and status writes are refused (503 writes_unavailable), readiness fails',
    );
  };
  client.on('error', (error: unknown) => onDown(error));
  client.on('close', () => onDown());

  return {
    client,
    keyPrefix,
    key: (...parts) => keyPrefix + parts.join(':'),
    isUp: () => connected,
    whenReady(timeoutMs) {
      if (connected) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          client.off('ready', onReady);
          resolve(false);
        }, timeoutMs);
        timer.unref();
        const onReady = (): void => {
          clearTimeout(timer);
          resolve(true);
        };
        client.once('ready', onReady);
      });
    },
    async ping() {
      try {
        return (await client.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    fellBack(operation) {
      fallbacks?.inc({ operation });
    },
    async close() {
      closing = true;
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    },
  };
}

/** Milliseconds on Redis' clock, so every instance reads one clock in the scripts (no skew between hosts). */
export const REDIS_NOW_LUA = `local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;
