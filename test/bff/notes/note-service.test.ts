import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { BigCommerceNetworkError, BigCommerceRateLimitError } from '../../../bff/src/bigcommerce/errors.js';
import { AppError } from '../../../bff/src/core/app-error.js';
import { createNoteService, type NoteSubmission } from '../../../bff/src/notes/note-service.js';
import { createNoteWorker, type SetTimer } from '../../../bff/src/notes/note-worker.js';
import type { StaffNotesPort } from '../../../bff/src/notes/note-writer.js';
import { createInProcessOrderLock } from '../../../bff/src/notes/order-lock.js';
import { containsNoteRef } from '../../../bff/src/notes/staff-notes-format.js';
import { openSqliteStore, type Store } from '../../../bff/src/store/index.js';

function createFakeStore() {
  const notes = new Map<number, string>([[1, 'Existing.']]);
  const state = {
    down: false,
    hangPut: null as Promise<void> | null,
    rateLimitMs: undefined as number | undefined,
    /** The signal of the attempt that made the last call (its deadline). */
    signal: null as AbortSignal | null,
  };
  const port: StaffNotesPort = {
    async readStaffNotes(orderId) {
      if (state.down) throw networkError();
      return notes.get(orderId) ?? null;
    },
    async writeStaffNotes(orderId, text) {
      if (state.rateLimitMs !== undefined) {
        throw new BigCommerceRateLimitError('429', {
          storeKey: 's',
          method: 'PUT',
          path: '/v2/orders/1',
          status: 429,
          retryable: true,
          retryAfterMs: state.rateLimitMs,
        });
      }
      if (state.hangPut) {
        const signal = state.signal;
        // Like the real client: an aborted attempt stops waiting for its PUT.
        await Promise.race([
          state.hangPut,
          new Promise<void>((_resolve, reject) =>
            signal?.addEventListener('abort', () => reject(new Error('aborted'))),
          ),
        ]);
      }
      if (state.down) throw networkError();
      notes.set(orderId, text);
    },
  };
  return { notes, state, port };
}

function networkError(): BigCommerceNetworkError {
  return new BigCommerceNetworkError('refused', {
    storeKey: 's',
    method: 'GET',
    path: '/v2/orders/1',
    retryable: true,
    timeout: false,
  });
}

function setUp(db: Store = openSqliteStore(':memory:'), options: { attemptBudgetMs?: number } = {}) {
  const clock = { now: Date.parse('2026-11-27T10:00:00Z') };
  const store = createFakeStore();
  const events = () => db.repos.ticketEvents.listByTicket('T-1');
  const timers: Array<{ at: number; callback: () => void; cancelled: boolean }> = [];
  const setTimer: SetTimer = (callback, ms) => {
    const timer = { at: clock.now + ms, callback, cancelled: false };
    timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };
  const outbox = db.repos.noteOutbox;
  const invalidated: number[] = [];
  const budget = { expire: false };
  const logger = pino({ level: 'silent' });
  const wake: { worker?: ReturnType<typeof createNoteWorker> } = {};
  const service = createNoteService({
    outbox,
    staffNotesFor: (_store, _correlationId, signal) => {
      store.state.signal = signal;
      return store.port;
    },
    lock: createInProcessOrderLock(),
    invalidateOrder: (_store, orderId) => invalidated.push(orderId),
    now: () => clock.now,
    // The inline budget expires at once when the test says so, else never (the attempt decides).
    sleep: (_ms, signal) =>
      new Promise((resolve) => {
        if (budget.expire) resolve();
        signal?.addEventListener('abort', () => resolve());
      }),
    random: () => 0.5,
    logger,
    ...options,
    onRetryScheduled: (at) => wake.worker?.notify(at),
  });
  const worker = createNoteWorker({ outbox, service, now: () => clock.now, setTimer, logger });
  wake.worker = worker;
  return { db, clock, store, events, timers, outbox, service, worker, invalidated, budget };
}

const submission: NoteSubmission = {
  storeKey: 's',
  orderId: 1,
  ticket: 'T-1',
  agent: 'alice',
  text: 'Refund approved.',
  idempotencyKey: 'key-00000001',
  correlationId: 'corr-0000001',
};

describe('the note service', () => {
  it('writes inline and answers 201 with the written note, recording accepted and written', async () => {
    const t = setUp();

    const answer = await t.service.submitNote(submission);

    assert.equal(answer.httpStatus, 201);
    assert.equal(answer.note.status, 'written');
    assert.equal(answer.note.attempts, 1);
    assert.ok(t.store.notes.get(1)?.startsWith('Existing.\n\n--- Note 2026-11-27 10:00 UTC · ticket T-1'));
    assert.deepEqual(
      (await t.events()).map((e) => `${e.type}/${e.status}/${e.correlationId}`),
      ['note.accepted/queued/corr-0000001', 'note.written/written/corr-0000001'],
    );
    assert.deepEqual(t.invalidated, [1]);
  });

  it('answers a replay with the same note and writes nothing more', async () => {
    const t = setUp();
    const first = await t.service.submitNote(submission);

    const replay = await t.service.submitNote({ ...submission, correlationId: 'corr-0000002' });

    assert.deepEqual(replay, first);
    assert.equal(t.store.notes.get(1)?.split(first.note.ref).length, 2);
    assert.equal((await t.events()).length, 2);
  });

  it('refuses the same key for another text or order with idempotency_key_reused', async () => {
    const t = setUp();
    await t.service.submitNote(submission);

    for (const other of [{ text: 'Something else.' }, { orderId: 2 }]) {
      await assert.rejects(t.service.submitNote({ ...submission, ...other }), (error: unknown) => {
        return error instanceof AppError && error.code === 'idempotency_key_reused';
      });
    }
  });

  it('scopes keys per ticket and agent, so two agents with the same key get two notes', async () => {
    const t = setUp();

    const alice = await t.service.submitNote(submission);
    const bob = await t.service.submitNote({ ...submission, agent: 'bob' });

    assert.notEqual(alice.note.ref, bob.note.ref);
    assert.equal(bob.httpStatus, 201);
  });

  it('queues (202) while BigCommerce is down and the worker writes it after the backoff', async () => {
    const t = setUp();
    t.store.state.down = true;

    const answer = await t.service.submitNote(submission);
    assert.equal(answer.httpStatus, 202);
    assert.equal(answer.note.errorCode, 'upstream_unavailable');
    t.store.state.down = false;
    assert.equal(await t.worker.runOnce(), 0, 'nothing is due before the backoff');

    t.clock.now += 60_000;
    assert.equal(await t.worker.runOnce(), 1);

    const replay = await t.service.submitNote(submission);
    assert.equal(replay.httpStatus, 201);
    assert.equal(replay.note.attempts, 2);
    assert.ok(containsNoteRef(t.store.notes.get(1) ?? '', answer.note.ref));
  });

  it('waits at least as long as BigCommerce’s rate-limit reset before retrying', async () => {
    const t = setUp();
    t.store.state.rateLimitMs = 20_000;

    await t.service.submitNote(submission);

    const [row] = await t.outbox.listDue(t.clock.now + 1_000_000, 1);
    assert.equal(row?.nextAttemptAt, t.clock.now + 20_000);
    assert.equal(row?.errorCode, 'upstream_rate_limited');
  });

  it('answers 202 when the inline attempt outlasts its budget, and the attempt still finishes', async () => {
    const t = setUp();
    let release!: () => void;
    t.store.state.hangPut = new Promise((resolve) => (release = resolve));
    t.budget.expire = true;

    const answer = await t.service.submitNote(submission);
    assert.equal(answer.httpStatus, 202);
    assert.equal(t.service.isInFlight(answer.note.ref), true);
    release();
    await t.service.whenIdle();

    assert.equal((await t.service.submitNote(submission)).httpStatus, 201);
  });

  it('refuses a note that fails for good with its code, and reports it as failed on replay', async () => {
    const t = setUp();

    await assert.rejects(t.service.submitNote({ ...submission, orderId: 404 }), (error: unknown) => {
      return error instanceof AppError && error.code === 'order_not_found';
    });
    const replay = await t.service.submitNote({ ...submission, orderId: 404 });

    assert.equal(replay.httpStatus, 200);
    assert.equal(replay.note.status, 'failed');
    assert.equal(replay.note.errorCode, 'order_not_found');
    assert.deepEqual(
      (await t.events()).map((e) => e.type),
      ['note.accepted', 'note.failed'],
    );
    assert.equal(await t.outbox.countQueued(), 0);
  });

  it('drains notes left queued by a previous process once their backoff runs out', async () => {
    const db = openSqliteStore(':memory:');
    const before = setUp(db);
    before.store.state.down = true;
    const queued = await before.service.submitNote(submission);
    assert.equal(queued.httpStatus, 202);

    const after = setUp(db);
    after.worker.start();
    await after.worker.runOnce();
    assert.equal(await after.outbox.countQueued(), 1, 'the backoff is not cut short by a restart');
    after.clock.now += 60_000;
    await after.worker.runOnce();
    await after.worker.stop();

    assert.ok(containsNoteRef(after.store.notes.get(1) ?? '', queued.note.ref));
    assert.equal(await after.outbox.countQueued(), 0);
  });

  it('never takes a note whose lease is held by a live attempt, and takes it once the lease ran out', async () => {
    const db = openSqliteStore(':memory:');
    const first = setUp(db);
    let release!: () => void;
    first.store.state.hangPut = new Promise((resolve) => (release = resolve));
    first.budget.expire = true;
    // The first process's inline attempt hangs on its PUT, holding the note's lease.
    const answer = await first.service.submitNote(submission);
    assert.equal(answer.httpStatus, 202);

    // A second worker on the same database (an overlapping restart) finds the note leased, not due.
    const second = setUp(db);
    second.clock.now = first.clock.now + 60_000;
    assert.equal(await second.worker.runOnce(), 0);
    assert.equal(second.store.notes.get(1), 'Existing.');

    // The first attempt finishes; had the lease been stolen, the note would now be in staff_notes twice.
    release();
    await first.service.whenIdle();
    second.clock.now = first.clock.now + 10 * 60_000;
    await second.worker.runOnce();
    assert.equal((first.store.notes.get(1) ?? '').split(answer.note.ref).length, 2);
    assert.equal(await second.outbox.countQueued(), 0);
  });

  it('ends an attempt at its deadline and queues the note for a retry that reads first', async () => {
    const t = setUp(undefined, { attemptBudgetMs: 20 });
    t.store.state.hangPut = new Promise(() => undefined);
    // The deadline's timer does not hold the process open (neither may it in production): this test does.
    const keepAlive = setInterval(() => undefined, 1000);

    const answer = await t.service.submitNote(submission);
    await t.service.whenIdle();
    clearInterval(keepAlive);

    assert.equal(answer.httpStatus, 202);
    const row = await t.outbox.findByRef(answer.note.ref);
    assert.equal(row?.status, 'queued');
    assert.equal(row?.errorCode, 'upstream_timeout');
    assert.equal(t.service.isInFlight(answer.note.ref), false);
  });

  it('refuses a lease that is not longer than one attempt', () => {
    assert.throws(
      () =>
        createNoteService({
          outbox: openSqliteStore(':memory:').repos.noteOutbox,
          staffNotesFor: () => createFakeStore().port,
          lock: createInProcessOrderLock(),
          invalidateOrder: () => undefined,
          now: Date.now,
          sleep: async () => undefined,
          random: Math.random,
          logger: pino({ level: 'silent' }),
          attemptBudgetMs: 120_000,
          leaseMs: 120_000,
        }),
      /must be longer than one attempt/,
    );
  });

  it('wakes itself up for a scheduled retry through the injected timer', async () => {
    const t = setUp();
    t.worker.start();
    await t.worker.runOnce();
    t.store.state.down = true;
    await t.service.submitNote(submission);
    t.store.state.down = false;

    const timer = t.timers.filter((x) => !x.cancelled).sort((a, b) => a.at - b.at)[0];
    assert.ok(timer && timer.at > t.clock.now, 'a wake-up is scheduled in the future');
    t.clock.now = timer.at;
    timer.callback();
    await t.worker.runOnce();
    await t.worker.stop();

    assert.equal(await t.outbox.countQueued(), 0);
  });
});
