// One leader per store's sync across instances, and a handover when the leader dies (stops renewing).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connectRedis, createRedisLeaderLeases } from '../../../bff/src/redis/index.js';
import {
  DEAD_REDIS_URL,
  connectInstance,
  eventually,
  quietLogger,
  skipUnlessRedis,
  testPrefix,
} from './redis-harness.js';

const prefix = testPrefix('leader');

async function twoInstances(storeKeys: string[], leaseMs: number, renewEveryMs: number) {
  return Promise.all(
    ['one', 'two'].map(async (instanceId) =>
      createRedisLeaderLeases({
        connection: await connectInstance(prefix),
        storeKeys,
        logger: quietLogger,
        instanceId,
        leaseMs,
        renewEveryMs,
      }),
    ),
  );
}

describe('the sync leader lease', { skip: skipUnlessRedis }, () => {
  it('lets exactly one instance lead a store, and keeps it while it renews', async () => {
    const [one, two] = await twoInstances(['alpha'], 400, 100);

    assert.equal(await one!.isLeader('alpha'), true);
    assert.equal(await two!.isLeader('alpha'), false);
    one!.start();
    two!.start();
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // more than two leases
    assert.equal(await one!.isLeader('alpha'), true);
    assert.equal(await two!.isLeader('alpha'), false);

    await one!.stop();
    await two!.stop();
  });

  it('hands the lead to another instance within the lease when the leader dies', async () => {
    const [one, two] = await twoInstances(['beta'], 500, 100);
    assert.equal(await one!.isLeader('beta'), true);
    one!.start();
    two!.start();

    await one!.stop({ release: false }); // killed: no renewal, no goodbye

    // Bound: the lease plus a few renewal periods; the default (30 s lease, 10 s renewals) is 40 s at most.
    assert.ok(await eventually(() => two!.leading().includes('beta'), 500 + 500));
    assert.equal(await two!.isLeader('beta'), true);
    await two!.stop();
  });

  it('hands over at once on a graceful stop', async () => {
    const [one, two] = await twoInstances(['gamma'], 30_000, 10_000);
    assert.equal(await one!.isLeader('gamma'), true);
    await one!.stop({ release: true });
    assert.equal(await two!.isLeader('gamma'), true);
    await two!.stop();
  });

  it('leads nothing while Redis is down (no delta run rather than two)', async () => {
    const connection = connectRedis({ url: DEAD_REDIS_URL, keyPrefix: prefix, logger: quietLogger });
    try {
      const leases = createRedisLeaderLeases({ connection, storeKeys: ['delta'], logger: quietLogger });
      assert.equal(await leases.isLeader('delta'), false);
    } finally {
      await connection.close();
    }
  });
});
