import { randomInt } from 'node:crypto';
import { ERROR_CATALOG, type ErrorCode } from '../../../shared/errors.js';
import type { NoteResponse } from '../../../shared/notes.js';
import { AppError } from '../core/app-error.js';
import { createDeadline } from '../core/deadline.js';
import type { Logger } from '../core/logger.js';
import type { NoteOutboxRepo, NoteRecord, TicketEvent } from '../store/index.js';
import { classifyWriteFailure, computeRetryDelayMs, type WriteFailure } from './note-retry-policy.js';
import { writeNotesOnce, type NoteToWrite, type StaffNotesPort, type WriteOutcome } from './note-writer.js';
import { orderLockKey, type OrderLease, type OrderLock } from './order-lock.js';

export interface NoteSubmission {
  storeKey: string;
  orderId: number;
  ticket: string;
  agent: string;
  /** Already validated and normalized (see note-input.ts). */
  text: string;
  idempotencyKey: string;
  correlationId: string;
}

export interface NoteAnswer {
  /** 201 written, 202 queued, 200 failed (a replay reporting a note that cannot be written; see answerFor). */
  httpStatus: 200 | 201 | 202;
  note: NoteResponse;
}

export interface NoteServiceDeps {
  /** Rows and their ticket events land together (the repository's transactions). */
  outbox: NoteOutboxRepo;
  /**
   * The BigCommerce calls for one store; the correlation id goes along into the client's logs, and the signal
   * ends every call of an attempt at its deadline.
   */
  staffNotesFor: (storeKey: string, correlationId: string, signal: AbortSignal) => StaffNotesPort;
  lock: OrderLock;
  /** Drops the cached order detail, so the next detail shows the new entry. */
  invalidateOrder: (storeKey: string, orderId: number) => void;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  logger: Logger;
  /** How long an agent's request waits for the inline write before answering 202. Default 4000. */
  inlineBudgetMs?: number;
  /**
   * The longest one write attempt may take (reads, PUT, read-back, throttle waits and retries included); its
   * BigCommerce calls are aborted then and the note retried later. Default 60000.
   */
  attemptBudgetMs?: number;
  /**
   * How long a claimed note is off-limits to other workers while one attempt runs. Longer than the attempt
   * budget, so a lease is never reclaimed while its attempt may still write. Default 120000.
   */
  leaseMs?: number;
  newRef?: () => string;
  /**
   * How many of one order's queued notes one attempt writes in a single update (the one it is for included).
   * Default 25: a burst on one order costs one read-merge-write, and one failing update holds back at most this many.
   */
  maxNotesPerWrite?: number;
  /** Called when a note is (re)scheduled, so a sleeping worker can wake up earlier. */
  onRetryScheduled?: (at: number) => void;
}

export interface NoteService {
  /**
   * Accepts a note, or answers a replay of its key. `ensureOrderVisible` (the ownership check) runs only for a
   * key not seen before: a replay is about a note this ticket's agent already had accepted, and answering it
   * must not depend on BigCommerce (or on the order still existing).
   */
  submitNote(
    submission: NoteSubmission,
    ensureOrderVisible?: () => Promise<void>,
    options?: SubmitOptions,
  ): Promise<NoteAnswer>;
  /** One write attempt for a queued note the caller has claimed; never rejects (the outcome is in the outbox). */
  attemptNote(ref: string): Promise<void>;
  isInFlight(ref: string): boolean;
  /** Waits for every running attempt (shutdown, tests). */
  whenIdle(): Promise<void>;
}

export interface SubmitOptions {
  /**
   * How long to wait for the first write attempt before answering "queued"; default the service's inline
   * budget. 0: answer at once (server-to-server callers that follow nothing, e.g. ticket events written back).
   */
  inlineBudgetMs?: number;
}

const DEFAULTS = {
  inlineBudgetMs: 4_000,
  attemptBudgetMs: 60_000,
  leaseMs: 120_000,
  maxNotesPerWrite: 25,
} as const;

const REF_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** 16 characters of [a-z0-9]: 82 bits, so a reference never appears in staff_notes by chance. */
export function createNoteRef(): string {
  let ref = 'oc-';
  for (let i = 0; i < 16; i += 1) ref += REF_ALPHABET[randomInt(REF_ALPHABET.length)];
  return ref;
}

export function toNoteResponse(record: NoteRecord): NoteResponse {
  return {
    ref: record.ref,
    orderId: record.orderId,
    status: record.status,
    text: record.text,
    ticket: record.ticket,
    agent: record.agent,
    createdAt: new Date(record.createdAt).toISOString(),
    writtenAt: record.writtenAt === null ? null : new Date(record.writtenAt).toISOString(),
    attempts: record.attempts,
    errorCode: record.errorCode,
  };
}

function isCatalogCode(code: string | null): code is ErrorCode {
  return code !== null && Object.hasOwn(ERROR_CATALOG, code);
}

/**
 * A replay answers the note's current state: written → 201, queued → 202 (clients follow a queued note by
 * replaying its key), failed → 200 with `status: "failed"` and the `errorCode`. The failed state is a state of
 * the note, not an error of the replay: a client that follows a queued note must see it end, not a 4xx it
 * might take for a passing blip.
 */
export function answerFor(record: NoteRecord): NoteAnswer {
  const httpStatus = record.status === 'written' ? 201 : record.status === 'queued' ? 202 : 200;
  return { httpStatus, note: toNoteResponse(record) };
}

/**
 * The request that accepted a note and saw it fail for good (the order is gone, staff_notes is full, our
 * credentials are refused) gets a clear refusal with the catalog code: the agent is still looking at it.
 */
function refusalFor(record: NoteRecord): AppError {
  const code = isCatalogCode(record.errorCode) ? record.errorCode : 'upstream_error';
  return new AppError(code, {
    message: `${ERROR_CATALOG[code].message} The note was not written.`,
    details: { ref: record.ref, orderId: record.orderId },
  });
}

/**
 * The fencing check: right before each PUT the lease must still be the order's current lock holder. A shared
 * lock can expire under a stalled holder and be granted to another instance; the stalled one then must not
 * write over the new holder's read-append-write. The refusal is retried like an outage (note-retry-policy.ts).
 */
function fencedPort(port: StaffNotesPort, lease: OrderLease): StaffNotesPort {
  return {
    readStaffNotes: (orderId) => port.readStaffNotes(orderId),
    async writeStaffNotes(orderId, staffNotes) {
      await lease.assertCurrent();
      await port.writeStaffNotes(orderId, staffNotes);
    },
  };
}

export function createNoteService(deps: NoteServiceDeps): NoteService {
  const inlineBudgetMs = deps.inlineBudgetMs ?? DEFAULTS.inlineBudgetMs;
  const attemptBudgetMs = deps.attemptBudgetMs ?? DEFAULTS.attemptBudgetMs;
  const leaseMs = deps.leaseMs ?? DEFAULTS.leaseMs;
  if (leaseMs <= attemptBudgetMs) {
    throw new RangeError(
      `The note lease (${leaseMs} ms) must be longer than one attempt (${attemptBudgetMs} ms).`,
    );
  }
  const newRef = deps.newRef ?? createNoteRef;
  const maxNotesPerWrite = Math.max(1, deps.maxNotesPerWrite ?? DEFAULTS.maxNotesPerWrite);
  const inFlight = new Map<string, Promise<void>>();

  function event(record: NoteRecord, type: string, status: string, at: number): TicketEvent {
    return {
      ticket: record.ticket,
      orderId: record.orderId,
      agent: record.agent,
      type,
      status,
      correlationId: record.correlationId,
      at,
    };
  }

  /** Every line about a note carries the correlation id of the request that accepted it. */
  function noteLog(record: NoteRecord): Logger {
    return deps.logger.child({
      correlationId: record.correlationId,
      storeKey: record.storeKey,
      ref: record.ref,
      orderId: record.orderId,
    });
  }

  async function settle(record: NoteRecord, outcome: WriteOutcome): Promise<void> {
    const now = deps.now();
    const log = noteLog(record);
    if (outcome.kind === 'written') {
      const changed = await deps.outbox.markWritten(
        record.ref,
        now,
        event(record, 'note.written', 'written', now),
      );
      if (changed) {
        log.info(
          { alreadyPresent: outcome.alreadyPresent, puts: outcome.puts },
          'note written to staff_notes',
        );
      }
      // Even when the row was already written: the detail may have been cached between our PUT and now.
      deps.invalidateOrder(record.storeKey, record.orderId);
      return;
    }
    if (outcome.kind === 'failed') {
      await deps.outbox.markFailed(
        record.ref,
        outcome.code,
        outcome.message,
        event(record, 'note.failed', 'failed', now),
      );
      log.error({ code: outcome.code, reason: outcome.message }, 'note cannot be written; marked failed');
      return;
    }
    await scheduleRetry(record, outcome.code, outcome.message, undefined, log);
  }

  async function scheduleRetry(
    record: NoteRecord,
    code: ErrorCode,
    message: string,
    retryAfterMs: number | undefined,
    log: Logger,
  ): Promise<void> {
    const current = await deps.outbox.findByRef(record.ref);
    const attempts = current?.attempts ?? record.attempts;
    const at = deps.now() + computeRetryDelayMs(attempts, deps.random, retryAfterMs);
    await deps.outbox.scheduleRetry(record.ref, at, code, message);
    log.warn({ code, attempts, nextAttemptAt: new Date(at).toISOString() }, 'note queued for a retry');
    deps.onRetryScheduled?.(at);
  }

  function toWrite(record: NoteRecord): NoteToWrite {
    // The stamp is the time the agent wrote the note, the same on every attempt.
    return {
      orderId: record.orderId,
      stamp: { ref: record.ref, at: new Date(record.createdAt), ticket: record.ticket, agent: record.agent },
      text: record.text,
    };
  }

  async function runAttempt(ref: string, lease: OrderLease): Promise<void> {
    const record = await deps.outbox.findByRef(ref);
    if (!record || record.status !== 'queued') return;
    if (!(await deps.outbox.startAttempt(ref))) return;
    const log = noteLog(record);
    // Every note this attempt took on, the order's other queued notes included: each gets an outcome.
    const batch = new Map<string, NoteRecord>([[ref, record]]);
    // Under the order's lock nobody else writes this order, so its other queued notes (whoever claimed them, in
    // whichever instance) can go into our PUT; their own attempts, once they get the lock, find them written.
    const more = async (): Promise<NoteToWrite[]> => {
      const taken: NoteToWrite[] = [];
      const queued = await deps.outbox.listQueuedForOrder(record.storeKey, record.orderId, maxNotesPerWrite);
      for (const other of queued) {
        if (batch.has(other.ref) || batch.size >= maxNotesPerWrite) continue;
        if (!(await deps.outbox.startAttempt(other.ref))) continue;
        batch.set(other.ref, other);
        taken.push(toWrite(other));
      }
      return taken;
    };
    // Every call of this attempt ends at its deadline, well inside the lease: once the lease runs out another
    // worker may take the note, and by then nothing of ours may still be on its way to BigCommerce.
    const deadline = createDeadline(attemptBudgetMs);
    try {
      const port = fencedPort(deps.staffNotesFor(record.storeKey, record.correlationId, deadline), lease);
      const outcomes = await writeNotesOnce(port, { orderId: record.orderId, first: toWrite(record), more });
      if (batch.size > 1) log.info({ notes: batch.size }, 'notes of one order written in one update');
      for (const [batchRef, outcome] of outcomes) await settle(batch.get(batchRef)!, outcome);
    } catch (error) {
      // Ran out of time: whatever the aborted call reported, the outcome is unknown and the next attempt reads first.
      const failure: WriteFailure = deadline.aborted
        ? {
            kind: 'retry',
            code: 'upstream_timeout',
            message: `the attempt took longer than ${attemptBudgetMs} ms`,
          }
        : classifyWriteFailure(error);
      for (const note of batch.values()) {
        if (failure.kind === 'fail')
          await settle(note, { kind: 'failed', code: failure.code, message: failure.message });
        else await scheduleRetry(note, failure.code, failure.message, failure.retryAfterMs, noteLog(note));
      }
    }
  }

  function attemptNote(ref: string): Promise<void> {
    const running = inFlight.get(ref);
    if (running) return running;
    const attempt = (async () => {
      const record = await deps.outbox.findByRef(ref);
      if (!record || record.status !== 'queued') return;
      await deps.lock
        .run(orderLockKey(record.storeKey, record.orderId), (lease) => runAttempt(ref, lease))
        .catch((error: unknown) => {
          // Only reachable if the outbox itself failed (disk full, closed DB): the row stays queued, and its lease
          // runs out, so the worker tries again.
          deps.logger.error({ err: error, ref, correlationId: record.correlationId }, 'note attempt crashed');
        });
    })().finally(() => inFlight.delete(ref));
    inFlight.set(ref, attempt);
    return attempt;
  }

  async function waitWithin(attempt: Promise<void>, budgetMs: number): Promise<void> {
    const timer = new AbortController();
    try {
      await Promise.race([attempt, deps.sleep(budgetMs, timer.signal).catch(() => undefined)]);
    } finally {
      timer.abort();
    }
  }

  return {
    async submitNote(submission, ensureOrderVisible, options = {}) {
      const replay = (record: NoteRecord): NoteAnswer => {
        const sameNote =
          record.storeKey === submission.storeKey &&
          record.orderId === submission.orderId &&
          record.text === submission.text;
        if (!sameNote) throw new AppError('idempotency_key_reused', { details: { ref: record.ref } });
        return answerFor(record);
      };
      const known = await deps.outbox.findByKey(
        submission.ticket,
        submission.agent,
        submission.idempotencyKey,
      );
      if (known) return replay(known);

      // A shared lock that cannot be taken (Redis down) refuses the write now, before it is accepted: 503.
      await deps.lock.ensureAvailable?.();
      await ensureOrderVisible?.();
      const now = deps.now();
      const { record, created } = await deps.outbox.insertOrFind(
        {
          ref: newRef(),
          idempotencyKey: submission.idempotencyKey,
          storeKey: submission.storeKey,
          orderId: submission.orderId,
          ticket: submission.ticket,
          agent: submission.agent,
          text: submission.text,
          createdAt: now,
          // Claimed by this request's inline attempt; the worker takes over if the lease runs out (a crash).
          nextAttemptAt: now + leaseMs,
          correlationId: submission.correlationId,
        },
        (stored) => event(stored, 'note.accepted', 'queued', now),
      );
      // A concurrent request with the same key got there first: this one is a replay after all.
      if (!created) return replay(record);

      noteLog(record).info('note accepted into the outbox');
      // The attempt goes on after the budget; the answer then says "queued" and a replay shows the outcome.
      const attempt = attemptNote(record.ref);
      const budgetMs = options.inlineBudgetMs ?? inlineBudgetMs;
      if (budgetMs > 0) await waitWithin(attempt, budgetMs);
      const current = (await deps.outbox.findByRef(record.ref)) ?? record;
      if (current.status === 'failed') throw refusalFor(current);
      return answerFor(current);
    },
    attemptNote,
    isInFlight: (ref) => inFlight.has(ref),
    async whenIdle() {
      while (inFlight.size > 0) await Promise.all([...inFlight.values()]);
    },
  };
}
