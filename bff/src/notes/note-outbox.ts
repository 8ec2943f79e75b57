import type Database from 'better-sqlite3';
import type { NoteStatus } from '../../../shared/notes.js';

/**
 * The durable outbox: a note is a row here before BigCommerce ever hears of it, so an accepted note survives
 * outages and restarts. The row is the truth about the note's state; BigCommerce's staff_notes is where it ends up.
 */

// The table is created by migration 2 in store/migrations.ts. Times are epoch milliseconds.

export interface NoteRecord {
  ref: string;
  idempotencyKey: string;
  storeKey: string;
  orderId: number;
  ticket: string;
  agent: string;
  text: string;
  status: NoteStatus;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  errorCode: string | null;
  createdAt: number;
  writtenAt: number | null;
  correlationId: string;
}

interface NoteRow {
  ref: string;
  idempotency_key: string;
  store_key: string;
  order_id: number;
  ticket: string;
  agent: string;
  text: string;
  status: NoteStatus;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  error_code: string | null;
  created_at: number;
  written_at: number | null;
  correlation_id: string;
}

function toRecord(row: NoteRow): NoteRecord {
  return {
    ref: row.ref,
    idempotencyKey: row.idempotency_key,
    storeKey: row.store_key,
    orderId: row.order_id,
    ticket: row.ticket,
    agent: row.agent,
    text: row.text,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    errorCode: row.error_code,
    createdAt: row.created_at,
    writtenAt: row.written_at,
    correlationId: row.correlation_id,
  };
}

export type NewNote = Omit<
  NoteRecord,
  'status' | 'attempts' | 'lastError' | 'errorCode' | 'writtenAt' | 'nextAttemptAt'
> & { nextAttemptAt: number };

export interface NoteOutbox {
  /** Inserts the note unless its (ticket, agent, key) exists; returns the stored row either way. */
  insertOrFind(note: NewNote): { record: NoteRecord; created: boolean };
  findByRef(ref: string): NoteRecord | undefined;
  findByKey(ticket: string, agent: string, idempotencyKey: string): NoteRecord | undefined;
  /** Takes a due note for one attempt by pushing its next attempt out by a lease; false if someone else has it. */
  claimDue(ref: string, now: number, leaseUntil: number): boolean;
  /** Counts an attempt; false when the note is no longer queued (written or failed by someone else). */
  startAttempt(ref: string): boolean;
  /** queued → written; false when it was not queued any more (so the caller records the event only once). */
  markWritten(ref: string, at: number): boolean;
  markFailed(ref: string, code: string, message: string): boolean;
  scheduleRetry(ref: string, nextAttemptAt: number, code: string, message: string): void;
  /** At start-up: every queued note is due now, leases of a previous process included (it is gone). */
  makeAllDue(now: number): number;
  /** Due notes, oldest due first; of one store when `storeKey` is given. */
  listDue(now: number, limit: number, storeKey?: string): NoteRecord[];
  /** The stores that have due notes (the worker runs one pass per store, so stores never wait on each other). */
  listDueStores(now: number): string[];
  nextDueAt(): number | null;
  countQueued(): number;
}

export function createNoteOutbox(db: Database.Database): NoteOutbox {
  const insert = db.prepare<NoteRow>(`
    INSERT INTO note_outbox (ref, idempotency_key, store_key, order_id, ticket, agent, text, status, attempts,
      next_attempt_at, last_error, error_code, created_at, written_at, correlation_id)
    VALUES (@ref, @idempotency_key, @store_key, @order_id, @ticket, @agent, @text, @status, @attempts,
      @next_attempt_at, @last_error, @error_code, @created_at, @written_at, @correlation_id)
    ON CONFLICT (ticket, agent, idempotency_key) DO NOTHING`);
  const selectByScope = db.prepare<[string, string, string], NoteRow>(
    'SELECT * FROM note_outbox WHERE ticket = ? AND agent = ? AND idempotency_key = ?',
  );
  const selectByRef = db.prepare<[string], NoteRow>('SELECT * FROM note_outbox WHERE ref = ?');
  const claim = db.prepare<[number, string, number]>(
    "UPDATE note_outbox SET next_attempt_at = ? WHERE ref = ? AND status = 'queued' AND next_attempt_at <= ?",
  );
  const countAttempt = db.prepare<[string]>(
    "UPDATE note_outbox SET attempts = attempts + 1 WHERE ref = ? AND status = 'queued'",
  );
  const written = db.prepare<[number, string]>(
    "UPDATE note_outbox SET status = 'written', written_at = ?, last_error = NULL, error_code = NULL WHERE ref = ? AND status = 'queued'",
  );
  const failed = db.prepare<[string, string, string]>(
    "UPDATE note_outbox SET status = 'failed', error_code = ?, last_error = ? WHERE ref = ? AND status = 'queued'",
  );
  const retry = db.prepare<[number, string, string, string]>(
    "UPDATE note_outbox SET next_attempt_at = ?, error_code = ?, last_error = ? WHERE ref = ? AND status = 'queued'",
  );
  const allDue = db.prepare<[number, number]>(
    "UPDATE note_outbox SET next_attempt_at = ? WHERE status = 'queued' AND next_attempt_at > ?",
  );
  const due = db.prepare<[number, number], NoteRow>(
    "SELECT * FROM note_outbox WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at LIMIT ?",
  );
  const dueOfStore = db.prepare<[string, number, number], NoteRow>(
    "SELECT * FROM note_outbox WHERE store_key = ? AND status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at LIMIT ?",
  );
  const dueStores = db.prepare<[number], { store_key: string }>(
    "SELECT DISTINCT store_key FROM note_outbox WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY store_key",
  );
  const minDue = db.prepare<[], { at: number | null }>(
    "SELECT MIN(next_attempt_at) AS at FROM note_outbox WHERE status = 'queued'",
  );
  const queued = db.prepare<[], { n: number }>(
    "SELECT COUNT(*) AS n FROM note_outbox WHERE status = 'queued'",
  );

  const insertOrFind = db.transaction((note: NewNote) => {
    const result = insert.run({
      ref: note.ref,
      idempotency_key: note.idempotencyKey,
      store_key: note.storeKey,
      order_id: note.orderId,
      ticket: note.ticket,
      agent: note.agent,
      text: note.text,
      status: 'queued',
      attempts: 0,
      next_attempt_at: note.nextAttemptAt,
      last_error: null,
      error_code: null,
      created_at: note.createdAt,
      written_at: null,
      correlation_id: note.correlationId,
    });
    const row = selectByScope.get(note.ticket, note.agent, note.idempotencyKey);
    if (!row) throw new Error('note_outbox: row vanished inside its own transaction');
    return { record: toRecord(row), created: result.changes === 1 };
  });

  return {
    insertOrFind: (note) => insertOrFind(note),
    findByKey(ticket, agent, idempotencyKey) {
      const row = selectByScope.get(ticket, agent, idempotencyKey);
      return row ? toRecord(row) : undefined;
    },
    findByRef(ref) {
      const row = selectByRef.get(ref);
      return row ? toRecord(row) : undefined;
    },
    claimDue: (ref, now, leaseUntil) => claim.run(leaseUntil, ref, now).changes === 1,
    startAttempt: (ref) => countAttempt.run(ref).changes === 1,
    markWritten: (ref, at) => written.run(at, ref).changes === 1,
    markFailed: (ref, code, message) => failed.run(code, message.slice(0, 500), ref).changes === 1,
    scheduleRetry(ref, nextAttemptAt, code, message) {
      retry.run(nextAttemptAt, code, message.slice(0, 500), ref);
    },
    makeAllDue: (now) => allDue.run(now, now).changes,
    listDue: (now, limit, storeKey) =>
      (storeKey === undefined ? due.all(now, limit) : dueOfStore.all(storeKey, now, limit)).map(toRecord),
    listDueStores: (now) => dueStores.all(now).map((row) => row.store_key),
    nextDueAt: () => minDue.get()?.at ?? null,
    countQueued: () => queued.get()?.n ?? 0,
  };
}
