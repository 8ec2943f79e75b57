// The fencing check where it matters: a note attempt that stalled past its Redis lease, while another instance
// took the order's lock and wrote, does not PUT its stale read-append-write; the note stays queued for a retry.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createNoteService } from '../../../bff/src/notes/note-service.js';
import type { StaffNotesPort } from '../../../bff/src/notes/note-writer.js';
import { orderLockKey } from '../../../bff/src/notes/order-lock.js';
import { createRedisOrderLock } from '../../../bff/src/redis/index.js';
import { openSqliteStore } from '../../../bff/src/store/index.js';
import { connectInstance, quietLogger, skipUnlessRedis, testPrefix } from './redis-harness.js';

const prefix = testPrefix('fenced-note');

describe('a note written under the Redis order lock', { skip: skipUnlessRedis }, () => {
  it('is not written by an instance whose lease expired and went to another; it stays queued', async () => {
    const db = openSqliteStore(':memory:');
    // Instance one stalls past its 200 ms lease (no renewal); instance two holds the lock meanwhile.
    const lockOne = createRedisOrderLock({
      connection: await connectInstance(prefix),
      leaseMs: 200,
      renewEveryMs: 0,
    });
    const lockTwo = createRedisOrderLock({ connection: await connectInstance(prefix) });
    const staffNotes = new Map<number, string>([[7, 'Existing.']]);
    const puts: string[] = [];
    let stalled = false;
    const port: StaffNotesPort = {
      async readStaffNotes(orderId) {
        const current = staffNotes.get(orderId) ?? null;
        if (!stalled) {
          stalled = true;
          // The pause: instance two gets the lock once ours runs out, and writes its colleague's entry.
          await lockTwo.run(orderLockKey('s', orderId), async (lease) => {
            await lease.assertCurrent();
            staffNotes.set(orderId, `${current ?? ''}\n\nInstance two's entry.`);
          });
        }
        return current;
      },
      async writeStaffNotes(orderId, text) {
        puts.push(text);
        staffNotes.set(orderId, text);
      },
    };
    const service = createNoteService({
      outbox: db.repos.noteOutbox,
      staffNotesFor: () => port,
      lock: lockOne,
      invalidateOrder: () => undefined,
      now: Date.now,
      // The inline budget never runs out: the answer waits for the attempt.
      sleep: (_ms, signal) => new Promise((resolve) => signal?.addEventListener('abort', () => resolve())),
      random: () => 0.5,
      logger: quietLogger,
    });

    const answer = await service.submitNote({
      storeKey: 's',
      orderId: 7,
      ticket: 'T-7',
      agent: 'alice',
      text: 'Refund approved.',
      idempotencyKey: 'fenced-note-1',
      correlationId: 'corr-fenced-1',
    });

    assert.deepEqual(puts, [], 'the stale read-append-write was never sent');
    assert.equal(staffNotes.get(7), "Existing.\n\nInstance two's entry.");
    assert.equal(answer.httpStatus, 202);
    assert.equal(answer.note.status, 'queued');
    assert.equal(answer.note.errorCode, 'writes_unavailable');
    await db.close();
  });
});
