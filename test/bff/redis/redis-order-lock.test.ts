// The per-order lock across instances: two adapters on two connections stand for two BFF processes.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { AppError } from '../../../bff/src/core/app-error.js';
import { createRedisOrderLock } from '../../../bff/src/redis/index.js';
import {
  DEAD_REDIS_URL,
  connectInstance,
  eventually,
  quietLogger,
  skipUnlessRedis,
  testPrefix,
} from './redis-harness.js';
import { connectRedis } from '../../../bff/src/redis/index.js';

const prefix = testPrefix('order-lock');

function isWritesUnavailable(reason: string) {
  return (error: unknown) =>
    error instanceof AppError &&
    error.code === 'writes_unavailable' &&
    (error.details as { reason: string }).reason === reason;
}

describe('the Redis order lock', { skip: skipUnlessRedis }, () => {
  it('lets one instance at a time work on an order, and both get their turn', async () => {
    const a = createRedisOrderLock({ connection: await connectInstance(prefix) });
    const b = createRedisOrderLock({ connection: await connectInstance(prefix) });
    let holders = 0;
    let most = 0;
    const log: string[] = [];
    const work = (name: string) => async () => {
      holders += 1;
      most = Math.max(most, holders);
      await sleep(30);
      log.push(name);
      holders -= 1;
    };

    await Promise.all([
      a.run('store:1', work('a1')),
      b.run('store:1', work('b1')),
      a.run('store:1', work('a2')),
      b.run('store:1', work('b2')),
    ]);

    assert.equal(most, 1);
    assert.deepEqual([...log].sort(), ['a1', 'a2', 'b1', 'b2']);
  });

  it('refuses the write of an instance whose lease ran out and went to another (fencing)', async () => {
    // No renewal: the first holder "stalls" past its lease, as in a long pause.
    const first = createRedisOrderLock({
      connection: await connectInstance(prefix),
      leaseMs: 200,
      renewEveryMs: 0,
    });
    const second = createRedisOrderLock({ connection: await connectInstance(prefix), leaseMs: 5_000 });
    const puts: string[] = [];
    let secondHolds!: () => void;
    const secondHas = new Promise<void>((resolve) => (secondHolds = resolve));
    let release!: () => void;
    const secondMayFinish = new Promise<void>((resolve) => (release = resolve));

    const stalled = first.run('store:2', async (lease) => {
      const takenOver = second.run('store:2', async (lease2) => {
        secondHolds();
        await secondMayFinish;
        await lease2.assertCurrent();
        puts.push(`second (token ${lease2.token})`);
        return lease2.token;
      });
      await secondHas; // the second instance got the lock once ours expired
      // Right before our PUT: the fencing check refuses, nothing is sent.
      await assert.rejects(lease.assertCurrent(), isWritesUnavailable('lock_lost'));
      release();
      const token2 = await takenOver;
      assert.ok(token2 > lease.token, 'a later grant has a larger fencing token');
    });
    await stalled;

    assert.deepEqual(puts.length, 1);
    assert.match(puts[0]!, /^second/);
  });

  it('keeps a working holder’s lease alive by renewing it', async () => {
    const holder = createRedisOrderLock({
      connection: await connectInstance(prefix),
      leaseMs: 300,
      renewEveryMs: 100,
    });
    await holder.run('store:3', async (lease) => {
      await sleep(700); // more than two leases
      await lease.assertCurrent();
    });
  });

  it('fails closed when Redis is down: writes are refused up front with 503 writes_unavailable', async () => {
    const connection = connectRedis({ url: DEAD_REDIS_URL, keyPrefix: prefix, logger: quietLogger });
    try {
      const lock = createRedisOrderLock({ connection, waitMs: 200 });
      assert.ok(lock.ensureAvailable);
      await assert.rejects(lock.ensureAvailable(), isWritesUnavailable('lock_service_down'));
      let ran = false;
      await assert.rejects(
        lock.run('store:4', async () => {
          ran = true;
        }),
        (error) => error instanceof AppError && error.status === 503,
      );
      assert.equal(ran, false);
    } finally {
      await connection.close();
    }
  });

  it('hands a lock to the next instance when its holder finishes', async () => {
    const a = createRedisOrderLock({ connection: await connectInstance(prefix) });
    const b = createRedisOrderLock({ connection: await connectInstance(prefix) });
    await a.run('store:5', async () => undefined);
    assert.ok(
      await eventually(async () => (await b.run('store:5', async (lease) => lease.token)) > 0, 2_000),
    );
  });
});
