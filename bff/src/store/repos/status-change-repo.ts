import type { Kysely, Selectable } from 'kysely';
import type { Database, StatusChangesTable } from '../schema.js';
import { toOrderChangeRow, type NewOrderChange } from './order-change-repo.js';
import { toTicketEventRow, type TicketEvent } from './ticket-event-repo.js';

/**
 * Status changes agents asked for (DESIGN §11), one row per ticket, agent and Idempotency-Key. The row is what a
 * replay of the key is answered from, and it remembers whether our PUT went out, so a replay after an unknown
 * outcome reads the order before it writes. `answer` is opaque JSON here (the status room gives it its shape).
 *
 * pending → refused (a kept 4xx) · pending → landed (the change is in BigCommerce) → done (audited)
 */
export type StatusChangeState = 'pending' | 'refused' | 'landed' | 'done';

export interface StatusChangeRecord {
  ref: string;
  ticket: string;
  agent: string;
  idempotencyKey: string;
  storeKey: string;
  market: string;
  orderId: number;
  expectedStatusId: number;
  statusId: number;
  reason: string;
  state: StatusChangeState;
  /** When our PUT went out; its outcome may be unknown. null: never sent. */
  putAt: number | null;
  answer: unknown;
  createdAt: number;
  updatedAt: number;
  correlationId: string;
}

export type NewStatusChange = Omit<StatusChangeRecord, 'state' | 'putAt' | 'answer' | 'updatedAt'>;

/** What completing a landed change records in the same transaction: the ticket's event and the feed's change. */
export interface StatusChangeAudit {
  event: TicketEvent;
  change: NewOrderChange;
}

export interface StatusChangeRepo {
  /** Inserts the change unless its (ticket, agent, key) exists; returns the stored row either way. */
  insertOrFind(change: NewStatusChange): Promise<{ record: StatusChangeRecord; created: boolean }>;
  findByRef(ref: string): Promise<StatusChangeRecord | undefined>;
  findByKey(ticket: string, agent: string, idempotencyKey: string): Promise<StatusChangeRecord | undefined>;
  /** Written before the PUT is sent: from then on a replay must read before it writes. */
  markPutSent(ref: string, at: number): Promise<void>;
  /** pending → refused with its answer; false when it was not pending. */
  markRefused(ref: string, answer: unknown, at: number): Promise<boolean>;
  /** pending → landed with its answer; false when it was not pending. */
  markLanded(ref: string, answer: unknown, at: number): Promise<boolean>;
  /**
   * landed → done, with the ticket event and the feed's change in the same transaction, so each is recorded
   * exactly once however often completion is tried; false when it was not landed (already done).
   */
  complete(ref: string, at: number, audit: StatusChangeAudit): Promise<boolean>;
  /** Landed changes whose audit has not finished since `before` (a crash between landing and audit). */
  listLandedBefore(before: number, limit: number): Promise<StatusChangeRecord[]>;
  /** Forgets finished (done, refused) changes older than `before`; how many. */
  purge(before: number): Promise<number>;
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toRecord(row: Selectable<StatusChangesTable>): StatusChangeRecord {
  return {
    ref: row.ref,
    ticket: row.ticket,
    agent: row.agent,
    idempotencyKey: row.idempotency_key,
    storeKey: row.store_key,
    market: row.market,
    orderId: Number(row.order_id),
    expectedStatusId: Number(row.expected_status_id),
    statusId: Number(row.status_id),
    reason: row.reason,
    state: row.state,
    putAt: row.put_at === null ? null : Number(row.put_at),
    answer: parseJson(row.answer),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    correlationId: row.correlation_id,
  };
}

export function createStatusChangeRepo(db: Kysely<Database>): StatusChangeRepo {
  const byKey = (ticket: string, agent: string, key: string) =>
    db
      .selectFrom('status_changes')
      .selectAll()
      .where('ticket', '=', ticket)
      .where('agent', '=', agent)
      .where('idempotency_key', '=', key);

  async function moveFrom(
    ref: string,
    from: StatusChangeState,
    to: StatusChangeState,
    answer: unknown,
    at: number,
  ): Promise<boolean> {
    const result = await db
      .updateTable('status_changes')
      .set({ state: to, answer: JSON.stringify(answer ?? null), updated_at: at })
      .where('ref', '=', ref)
      .where('state', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  return {
    async insertOrFind(change) {
      const inserted = await db
        .insertInto('status_changes')
        .values({
          ref: change.ref,
          ticket: change.ticket,
          agent: change.agent,
          idempotency_key: change.idempotencyKey,
          store_key: change.storeKey,
          market: change.market,
          order_id: change.orderId,
          expected_status_id: change.expectedStatusId,
          status_id: change.statusId,
          reason: change.reason,
          state: 'pending',
          put_at: null,
          answer: null,
          created_at: change.createdAt,
          updated_at: change.createdAt,
          correlation_id: change.correlationId,
        })
        .onConflict((conflict) => conflict.columns(['ticket', 'agent', 'idempotency_key']).doNothing())
        .executeTakeFirst();
      const created = Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
      const row = await byKey(change.ticket, change.agent, change.idempotencyKey).executeTakeFirstOrThrow();
      return { record: toRecord(row), created };
    },
    async findByRef(ref) {
      const row = await db.selectFrom('status_changes').selectAll().where('ref', '=', ref).executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },
    async findByKey(ticket, agent, idempotencyKey) {
      const row = await byKey(ticket, agent, idempotencyKey).executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },
    async markPutSent(ref, at) {
      await db
        .updateTable('status_changes')
        .set({ put_at: at, updated_at: at })
        .where('ref', '=', ref)
        .where('state', '=', 'pending')
        .execute();
    },
    markRefused: (ref, answer, at) => moveFrom(ref, 'pending', 'refused', answer, at),
    markLanded: (ref, answer, at) => moveFrom(ref, 'pending', 'landed', answer, at),
    async complete(ref, at, audit) {
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('status_changes')
          .set({ state: 'done', updated_at: at })
          .where('ref', '=', ref)
          .where('state', '=', 'landed')
          .executeTakeFirst();
        const changed = Number(result.numUpdatedRows) === 1;
        if (changed) {
          await trx.insertInto('ticket_events').values(toTicketEventRow(audit.event)).execute();
          await trx.insertInto('order_changes').values(toOrderChangeRow(audit.change)).execute();
        }
        return changed;
      });
    },
    async listLandedBefore(before, limit) {
      const rows = await db
        .selectFrom('status_changes')
        .selectAll()
        .where('state', '=', 'landed')
        .where('updated_at', '<', before)
        .orderBy('updated_at')
        .limit(limit)
        .execute();
      return rows.map(toRecord);
    },
    async purge(before) {
      const result = await db
        .deleteFrom('status_changes')
        .where('state', 'in', ['done', 'refused'])
        .where('updated_at', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
