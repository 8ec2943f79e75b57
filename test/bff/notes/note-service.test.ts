import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { BigCommerceNetworkError, BigCommerceRateLimitError } from '../../../bff/src/bigcommerce/errors.js';
import { AppError } from '../../../bff/src/http/app-error.js';
import { createNoteOutbox } from '../../../bff/src/notes/note-outbox.js';
import { createNoteService, type NoteSubmission } from '../../../bff/src/notes/note-service.js';
import { createNoteWorker, type SetTimer } from '../../../bff/src/notes/note-worker.js';
import type { StaffNotesPort } from '../../../bff/src/notes/note-writer.js';
import { createInProcessOrderLock } from '../../../bff/src/notes/order-lock.js';
import { containsNoteRef } from '../../../bff/src/notes/staff-notes-format.js';
import { runMigrations } from '../../../bff/src/store/migrations.js';
import type { TicketEvent } from '../../../bff/src/store/ticket-event-repo.js';

function createFakeStore() {
  const notes = new Map<number, string>([[1, 'Existing.']]);
  const state = {
    down: false,
    hangPut: null as Promise<void> | null,
    rateLimitMs: undefined as number | undefined,
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
      if (state.hangPut) await state.hangPut;
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

function setUp(db = new Database(':memory:')) {
  runMigrations(db);
  const clock = { now: Date.parse('2026-11-27T10:00:00Z') };
  const store = createFakeStore();
  const events: TicketEvent[] = [];
  const timers: Array<{ at: number; callback: () => void; cancelled: boolean }> = [];
  const setTimer: SetTimer = (callback, ms) => {
    const timer = { at: clock.now + ms, callback, cancelled: false };
    timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };
  const outbox = createNoteOutbox(db);
  const invalidated: number[] = [];
  const budget = { expire: false };
  const logger = pino({ level: 'silent' });
  const wake: { worker?: ReturnType<typeof createNoteWorker> } = {};
  const service = createNoteService({
    outbox,
    transaction: (fn) => db.transaction(fn)(),
    recordEvent: (event) => events.push(event),
    staffNotesFor: () => store.port,
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
      t.events.map((e) => `${e.type}/${e.status}/${e.correlationId}`),
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
    assert.equal(t.events.length, 2);
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

    const [row] = t.outbox.listDue(t.clock.now + 1_000_000, 1);
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
      t.events.map((e) => e.type),
      ['note.accepted', 'note.failed'],
    );
    assert.equal(t.outbox.countQueued(), 0);
  });

  it('drains notes left queued by a previous process as soon as the worker starts', async () => {
    const db = new Database(':memory:');
    const before = setUp(db);
    before.store.state.down = true;
    const queued = await before.service.submitNote(submission);
    assert.equal(queued.httpStatus, 202);

    const after = setUp(db);
    after.worker.start();
    await after.worker.runOnce();
    await after.worker.stop();

    assert.ok(containsNoteRef(after.store.notes.get(1) ?? '', queued.note.ref));
    assert.equal(after.outbox.countQueued(), 0);
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

    assert.equal(t.outbox.countQueued(), 0);
  });
});
