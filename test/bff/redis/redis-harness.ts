// Redis for the tests: the real server at REDIS_TEST_URL (default 127.0.0.1:6379), never a mock. Each test file
// takes a random key prefix, so files running side by side never meet, and deletes its keys at the end.
// Unreachable: the suites skip with the reason; in CI (CI=true or REQUIRE_SERVICES=1) that is a failure.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { after, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger, type Logger } from '../../../bff/src/http/logger.js';
import { connectRedis, type RedisConnection } from '../../../bff/src/redis/index.js';

export const REDIS_TEST_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';
/** A port nothing listens on: Redis "down" for the degrade tests. */
export const DEAD_REDIS_URL = 'redis://127.0.0.1:1';

export const quietLogger: Logger = createLogger({ level: 'silent' });

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

const required = process.env.CI === 'true' || process.env.REQUIRE_SERVICES === '1';
const up = await reachable(REDIS_TEST_URL);

/**
 * `false` when Redis answers (run the suite), else the reason to skip it. In CI a missing Redis adds a failing
 * test instead: CI never skips these suites.
 */
export const skipUnlessRedis: string | false = up
  ? false
  : `Redis is not reachable at ${REDIS_TEST_URL} (start redis-server, or set REDIS_TEST_URL)`;

if (!up && required) {
  it('needs Redis in CI (CI=true or REQUIRE_SERVICES=1)', () => {
    assert.fail(`Redis is required here but not reachable at ${REDIS_TEST_URL}`);
  });
}

/** A key prefix of its own for one test file (and a cleanup of its keys when the file ends). */
export function testPrefix(name: string): string {
  const prefix = `test:${name}:${randomBytes(4).toString('hex')}:`;
  if (up) {
    after(async () => {
      const cleaner = connectRedis({ url: REDIS_TEST_URL, keyPrefix: prefix, logger: quietLogger });
      try {
        if (!(await cleaner.whenReady(2_000))) return;
        let cursor = '0';
        do {
          const [next, keys] = await cleaner.client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
          if (keys.length > 0) await cleaner.client.unlink(...keys);
          cursor = next;
        } while (cursor !== '0');
      } finally {
        await cleaner.close();
      }
    });
  }
  return prefix;
}

/** One "instance": its own connection (its own socket), as a second BFF process would have. */
export async function connectInstance(keyPrefix: string, url = REDIS_TEST_URL): Promise<RedisConnection> {
  const connection = connectRedis({ url, keyPrefix, logger: quietLogger });
  await connection.whenReady(2_000);
  after(() => connection.close());
  return connection;
}

/** Polls `check` until it holds or `withinMs` passes (a bound, not a timing assertion). */
export async function eventually(
  check: () => Promise<boolean> | boolean,
  withinMs: number,
): Promise<boolean> {
  const until = Date.now() + withinMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= until) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
