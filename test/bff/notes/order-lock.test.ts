import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createInProcessOrderLock } from '../../../bff/src/notes/order-lock.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('the in-process order lock', () => {
  it('runs work on one key one after the other, in arrival order, even when one fails', async () => {
    const lock = createInProcessOrderLock();
    const gate = deferred();
    const log: string[] = [];

    const first = lock.run('s:1', async () => {
      log.push('first start');
      await gate.promise;
      log.push('first end');
      throw new Error('boom');
    });
    const second = lock.run('s:1', async () => {
      log.push('second');
      return 2;
    });
    await Promise.resolve();
    gate.resolve();

    await assert.rejects(first, /boom/);
    assert.equal(await second, 2);
    assert.deepEqual(log, ['first start', 'first end', 'second']);
  });

  it('lets different keys run at the same time', async () => {
    const lock = createInProcessOrderLock();
    const gate = deferred();
    const log: string[] = [];

    const blocked = lock.run('s:1', async () => {
      await gate.promise;
      log.push('order 1');
    });
    await lock.run('s:2', async () => {
      log.push('order 2');
    });
    gate.resolve();
    await blocked;

    assert.deepEqual(log, ['order 2', 'order 1']);
  });

  it('forgets keys nobody waits on', async () => {
    const lock = createInProcessOrderLock();
    await lock.run('s:1', async () => undefined);
    await new Promise((r) => setImmediate(r));
    assert.equal(lock.heldKeys, 0);
  });
});
