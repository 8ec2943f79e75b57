import type { Kysely, Selectable } from 'kysely';
import type { Database, NoteOutboxTable } from '../schema.js';
import { toTicketEventRow, type TicketEvent } from './ticket-event-repo.js';

/**
 * The notes outbox: a note is a row here before BigCommerce ever hears of it, so an accepted note survives
 * outages, restarts and crashes. The row is the truth about the note's state; BigCommerce's staff_notes is
 * where it ends up. A note's lease is its `next_attempt_at`: whoever pushes it into the future owns the next
 * attempt until then, so several workers (processes, instances) never attempt one note at the same time.
 */

export type NoteStatus = 'queued' | 'written' | 'failed';

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

export type NewNote = Omit<
  NoteRecord,
  'status' | 'attempts' | 'lastError' | 'errorCode' | 'writtenAt' | 'nextAttemptAt'
> & { nextAttemptAt: number };

export interface OutboxStats {
  queued: number;
  failed: number;
  /** created_at of the oldest queued note, or null. */
  oldestQueuedAt: number | null;
}

export interface NoteOutboxRepo {
  /**
   * Inserts the note unless its (ticket, agent, key) exists, and in the same transaction the event built by
   * `acceptedEvent` for a new row; returns the stored row either way.
   */
  insertOrFind(
    note: NewNote,
    acceptedEvent: (record: NoteRecord) => TicketEvent,
  ): Promise<{ record: NoteRecord; created: boolean }>;
  findByRef(ref: string): Promise<NoteRecord | undefined>;
  findByKey(ticket: string, agent: string, idempotencyKey: string): Promise<NoteRecord | undefined>;
  /**
   * Takes a due note for one attempt by pushing its next attempt out to `leaseUntil`; false if it is not due
   * (another worker holds an unexpired lease, or it is no longer queued). Only an expired lease is reclaimed.
   */
  claimDue(ref: string, now: number, leaseUntil: number): Promise<boolean>;
  /** Counts an attempt; false when the note is no longer queued (written or failed by someone else). */
  startAttempt(ref: string): Promise<boolean>;
  /** queued → written, with its event in the same transaction; false when it was not queued any more. */
  markWritten(ref: string, at: number, event: TicketEvent): Promise<boolean>;
  /** queued → failed, with its event in the same transaction; false when it was not queued any more. */
  markFailed(ref: string, code: string, message: string, event: TicketEvent): Promise<boolean>;
  scheduleRetry(ref: string, nextAttemptAt: number, code: string, message: string): Promise<void>;
  /** failed → queued and due now (an operator's "retry failed notes"); how many were requeued. */
  requeueFailed(now: number, storeKey?: string): Promise<number>;
  /**
   * An order's queued notes, oldest first, due or not (leases and retry times ignored): the holder of the
   * order's lock writes them together with the note it attempts (notes/note-writer.ts).
   */
  listQueuedForOrder(storeKey: string, orderId: number, limit: number): Promise<NoteRecord[]>;
  /** Due notes (leases expired included), oldest due first; of one store when `storeKey` is given. */
  listDue(now: number, limit: number, storeKey?: string): Promise<NoteRecord[]>;
  /** The stores that have due notes (the worker runs one pass per store, so stores never wait on each other). */
  listDueStores(now: number): Promise<string[]>;
  nextDueAt(): Promise<number | null>;
  countQueued(): Promise<number>;
  stats(storeKey?: string): Promise<OutboxStats>;
}

function toRecord(row: Selectable<NoteOutboxTable>): NoteRecord {
  return {
    ref: row.ref,
    idempotencyKey: row.idempotency_key,
    storeKey: row.store_key,
    orderId: Number(row.order_id),
    ticket: row.ticket,
    agent: row.agent,
    text: row.text,
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: Number(row.next_attempt_at),
    lastError: row.last_error,
    errorCode: row.error_code,
    createdAt: Number(row.created_at),
    writtenAt: row.written_at === null ? null : Number(row.written_at),
    correlationId: row.correlation_id,
  };
}

const MAX_ERROR_LENGTH = 500;

export function createNoteOutboxRepo(db: Kysely<Database>): NoteOutboxRepo {
  const byRef = (ref: string) => db.selectFrom('note_outbox').selectAll().where('ref', '=', ref);

  return {
    async insertOrFind(note, acceptedEvent) {
      return db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('note_outbox')
          .values({
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
          })
          .onConflict((conflict) => conflict.columns(['ticket', 'agent', 'idempotency_key']).doNothing())
          .executeTakeFirst();
        const created = Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
        const row = await trx
          .selectFrom('note_outbox')
          .selectAll()
          .where('ticket', '=', note.ticket)
          .where('agent', '=', note.agent)
          .where('idempotency_key', '=', note.idempotencyKey)
          .executeTakeFirstOrThrow();
        const record = toRecord(row);
        if (created)
          await trx
            .insertInto('ticket_events')
            .values(toTicketEventRow(acceptedEvent(record)))
            .execute();
        return { record, created };
      });
    },
    async findByRef(ref) {
      const row = await byRef(ref).executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },
    async findByKey(ticket, agent, idempotencyKey) {
      const row = await db
        .selectFrom('note_outbox')
        .selectAll()
        .where('ticket', '=', ticket)
        .where('agent', '=', agent)
        .where('idempotency_key', '=', idempotencyKey)
        .executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },
    async claimDue(ref, now, leaseUntil) {
      const result = await db
        .updateTable('note_outbox')
        .set({ next_attempt_at: leaseUntil })
        .where('ref', '=', ref)
        .where('status', '=', 'queued')
        .where('next_attempt_at', '<=', now)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async startAttempt(ref) {
      const result = await db
        .updateTable('note_outbox')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('ref', '=', ref)
        .where('status', '=', 'queued')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async markWritten(ref, at, event) {
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('note_outbox')
          .set({ status: 'written', written_at: at, last_error: null, error_code: null })
          .where('ref', '=', ref)
          .where('status', '=', 'queued')
          .executeTakeFirst();
        const changed = Number(result.numUpdatedRows) === 1;
        if (changed) await trx.insertInto('ticket_events').values(toTicketEventRow(event)).execute();
        return changed;
      });
    },
    async markFailed(ref, code, message, event) {
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('note_outbox')
          .set({ status: 'failed', error_code: code, last_error: message.slice(0, MAX_ERROR_LENGTH) })
          .where('ref', '=', ref)
          .where('status', '=', 'queued')
          .executeTakeFirst();
        const changed = Number(result.numUpdatedRows) === 1;
        if (changed) await trx.insertInto('ticket_events').values(toTicketEventRow(event)).execute();
        return changed;
      });
    },
    async scheduleRetry(ref, nextAttemptAt, code, message) {
      await db
        .updateTable('note_outbox')
        .set({
          next_attempt_at: nextAttemptAt,
          error_code: code,
          last_error: message.slice(0, MAX_ERROR_LENGTH),
        })
        .where('ref', '=', ref)
        .where('status', '=', 'queued')
        .execute();
    },
    async requeueFailed(now, storeKey) {
      let query = db
        .updateTable('note_outbox')
        .set({ status: 'queued', next_attempt_at: now })
        .where('status', '=', 'failed');
      if (storeKey !== undefined) query = query.where('store_key', '=', storeKey);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async listQueuedForOrder(storeKey, orderId, limit) {
      const rows = await db
        .selectFrom('note_outbox')
        .selectAll()
        .where('status', '=', 'queued')
        .where('store_key', '=', storeKey)
        .where('order_id', '=', orderId)
        .orderBy('created_at')
        .orderBy('ref')
        .limit(limit)
        .execute();
      return rows.map(toRecord);
    },
    async listDue(now, limit, storeKey) {
      let query = db
        .selectFrom('note_outbox')
        .selectAll()
        .where('status', '=', 'queued')
        .where('next_attempt_at', '<=', now);
      if (storeKey !== undefined) query = query.where('store_key', '=', storeKey);
      const rows = await query.orderBy('next_attempt_at').orderBy('created_at').limit(limit).execute();
      return rows.map(toRecord);
    },
    async listDueStores(now) {
      const rows = await db
        .selectFrom('note_outbox')
        .select('store_key')
        .distinct()
        .where('status', '=', 'queued')
        .where('next_attempt_at', '<=', now)
        .orderBy('store_key')
        .execute();
      return rows.map((row) => row.store_key);
    },
    async nextDueAt() {
      const row = await db
        .selectFrom('note_outbox')
        .select((eb) => eb.fn.min('next_attempt_at').as('at'))
        .where('status', '=', 'queued')
        .executeTakeFirst();
      return row?.at === null || row?.at === undefined ? null : Number(row.at);
    },
    async countQueued() {
      const row = await db
        .selectFrom('note_outbox')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('status', '=', 'queued')
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async stats(storeKey) {
      let query = db
        .selectFrom('note_outbox')
        .select((eb) => [
          eb.fn.sum(eb.case().when('status', '=', 'queued').then(1).else(0).end()).as('queued'),
          eb.fn.sum(eb.case().when('status', '=', 'failed').then(1).else(0).end()).as('failed'),
          eb.fn
            .min(eb.case().when('status', '=', 'queued').then(eb.ref('created_at')).else(null).end())
            .as('oldest'),
        ]);
      if (storeKey !== undefined) query = query.where('store_key', '=', storeKey);
      const row = await query.executeTakeFirst();
      return {
        queued: Number(row?.queued ?? 0),
        failed: Number(row?.failed ?? 0),
        oldestQueuedAt: row?.oldest === null || row?.oldest === undefined ? null : Number(row.oldest),
      };
    },
  };
}
