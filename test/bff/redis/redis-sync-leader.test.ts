// The sync scheduler of two instances on one Redis: only the store's leader runs its delta runs, and when the
// leader dies (stops renewing) the other instance's next run goes ahead.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRedisLeaderLeases } from '../../../bff/src/redis/index.js';
import { openSqliteStore } from '../../../bff/src/store/index.js';
import { createSyncScheduler } from '../../../bff/src/sync/sync-scheduler.js';
import { connectInstance, eventually, quietLogger, skipUnlessRedis, testPrefix } from './redis-harness.js';

const prefix = testPrefix('sync-leader');

async function instance(name: string, runs: string[]) {
  const db = openSqliteStore(':memory:');
  const leases = createRedisLeaderLeases({
    connection: await connectInstance(prefix),
    storeKeys: ['eu'],
    logger: quietLogger,
    instanceId: name,
    leaseMs: 500,
    renewEveryMs: 100,
  });
  const scheduler = createSyncScheduler({
    stores: [
      { storeKey: 'eu', sync: { enabled: true, windowDays: 30, intervalMs: 60_000 }, hooks: () => null },
    ],
    runDelta: async (stream) => {
      runs.push(`${name} ${stream}`);
      return { stream, read: 0, calls: 0, changes: 0, backfill: false, checkpoint: Date.now() };
    },
    registrar: {
      reconcile: () => Promise.reject(new Error('no hooks here')),
      remove: () => Promise.resolve(0),
      list: () => Promise.resolve([]),
    },
    repos: db.repos,
    now: Date.now,
    // No timers: the test triggers runs itself.
    setTimer: () => () => undefined,
    logger: quietLogger,
    isLeader: (storeKey) => leases.isLeader(storeKey),
  });
  return { leases, scheduler, db };
}

describe('the sync of two instances on one Redis', { skip: skipUnlessRedis }, () => {
  it('runs only on the leader, and on the other instance once the leader died', async () => {
    const runs: string[] = [];
    const one = await instance('one', runs);
    const two = await instance('two', runs);
    one.leases.start();
    assert.ok(await eventually(() => one.leases.leading().includes('eu'), 2_000));
    two.leases.start();

    await one.scheduler.runNow('eu');
    await two.scheduler.runNow('eu');
    await Promise.all([one.scheduler.idle('eu'), two.scheduler.idle('eu')]);
    assert.deepEqual(runs, ['one customers', 'one orders']);

    await one.leases.stop({ release: false }); // the leader dies
    assert.ok(await eventually(() => two.leases.leading().includes('eu'), 2_000));
    await two.scheduler.runNow('eu');
    await two.scheduler.idle('eu');

    assert.deepEqual(runs, ['one customers', 'one orders', 'two customers', 'two orders']);
    await two.leases.stop();
    await Promise.all([one.db.close(), two.db.close()]);
  });
});
