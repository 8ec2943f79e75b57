import type { Kysely, Selectable } from 'kysely';
import type { Database, NovomindChangesTable } from '../schema.js';

/**
 * The novomind changes feed (DESIGN §10) in its own sequence: one row per order change and ticket it concerns,
 * written by the fan-out that follows `order_changes`. The fan-out's position is committed in the same
 * transaction as its rows, with a compare-and-set, so a change enters the feed once even when two processes
 * (or instances) run the fan-out at the same time.
 */

export interface NewNovomindChange {
  /** The order change (order_changes.seq) this row comes from. */
  orderSeq: number;
  ticket: string;
  market: string;
  storeKey: string;
  kind: string;
  orderId: number;
  /** The market template's keys as plain strings, after the change. */
  fields: Record<string, string>;
  /** What the order was before (at least its status). */
  previous: unknown;
  /** When the change happened (the order change's time). */
  at: number;
}

export interface NovomindChange extends NewNovomindChange {
  seq: number;
}

export interface NovomindChangeRepo {
  /** How far `order_changes` has been fanned out (its seq). */
  fanoutPosition(): Promise<number>;
  /**
   * Stores the rows of the order changes in (from, to] and moves the fan-out position from `from` to `to`, in
   * one transaction; false (nothing stored) when the position is no longer `from` (someone else did it).
   */
  commitFanout(from: number, to: number, rows: readonly NewNovomindChange[]): Promise<boolean>;
  /** Rows with seq > `afterSeq`, oldest first; of one market when given. */
  listAfter(afterSeq: number, limit: number, market?: string): Promise<NovomindChange[]>;
  /** The highest seq so far, or 0. */
  headSeq(): Promise<number>;
  /** The highest seq purged so far (0 = none): a cursor below it has lost changes. */
  purgedSeq(): Promise<number>;
  /** The seq just before the first change at or after `at` (a position to read on from). */
  positionAt(at: number): Promise<number>;
  /** How many rows of a market wait after `afterSeq`, and when the oldest of them happened. */
  backlog(market: string, afterSeq: number): Promise<{ count: number; oldestAt: number | null }>;
  /** Forgets rows older than `before` (retention) and remembers the highest seq forgotten; how many. */
  purge(before: number): Promise<number>;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toChange(row: Selectable<NovomindChangesTable>): NovomindChange {
  const fields = parse(row.fields);
  return {
    seq: Number(row.seq),
    orderSeq: Number(row.order_seq),
    ticket: row.ticket,
    market: row.market,
    storeKey: row.store_key,
    kind: row.kind,
    orderId: Number(row.order_id),
    fields: fields !== null && typeof fields === 'object' ? (fields as Record<string, string>) : {},
    previous: parse(row.previous),
    at: Number(row.at),
  };
}

const ROWS_PER_INSERT = 200;

export function createNovomindChangeRepo(db: Kysely<Database>): NovomindChangeRepo {
  async function readState(name: string): Promise<number> {
    const row = await db
      .selectFrom('novomind_state')
      .select('value')
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? Number(row.value) : 0;
  }

  async function headSeq(): Promise<number> {
    const row = await db
      .selectFrom('novomind_changes')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    // Everything may have been purged: the head is then at least where the purge got to.
    return Math.max(row?.seq == null ? 0 : Number(row.seq), await readState('purged_seq'));
  }

  return {
    fanoutPosition: () => readState('fanout_seq'),
    async commitFanout(from, to, rows) {
      return db.transaction().execute(async (trx) => {
        const moved = await trx
          .updateTable('novomind_state')
          .set({ value: to })
          .where('name', '=', 'fanout_seq')
          .where('value', '=', from)
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) return false;
        for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
          await trx
            .insertInto('novomind_changes')
            .values(
              rows.slice(start, start + ROWS_PER_INSERT).map((row) => ({
                order_seq: row.orderSeq,
                ticket: row.ticket,
                market: row.market,
                store_key: row.storeKey,
                kind: row.kind,
                order_id: row.orderId,
                fields: JSON.stringify(row.fields),
                previous: JSON.stringify(row.previous ?? null),
                at: row.at,
              })),
            )
            .onConflict((conflict) => conflict.columns(['order_seq', 'ticket']).doNothing())
            .execute();
        }
        return true;
      });
    },
    async listAfter(afterSeq, limit, market) {
      let query = db.selectFrom('novomind_changes').selectAll().where('seq', '>', afterSeq);
      if (market !== undefined) query = query.where('market', '=', market);
      const rows = await query.orderBy('seq').limit(limit).execute();
      return rows.map(toChange);
    },
    headSeq,
    purgedSeq: () => readState('purged_seq'),
    async positionAt(at) {
      const row = await db
        .selectFrom('novomind_changes')
        .select((eb) => eb.fn.min('seq').as('seq'))
        .where('at', '>=', at)
        .executeTakeFirst();
      if (row?.seq != null) return Number(row.seq) - 1;
      return headSeq();
    },
    async backlog(market, afterSeq) {
      const row = await db
        .selectFrom('novomind_changes')
        .select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('at').as('oldest')])
        .where('market', '=', market)
        .where('seq', '>', afterSeq)
        .executeTakeFirst();
      return {
        count: Number(row?.n ?? 0),
        oldestAt: row?.oldest == null ? null : Number(row.oldest),
      };
    },
    async purge(before) {
      return db.transaction().execute(async (trx) => {
        const last = await trx
          .selectFrom('novomind_changes')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .where('at', '<', before)
          .executeTakeFirst();
        if (last?.seq == null) return 0;
        const through = Number(last.seq);
        // By seq, not by time: a row is forgotten only with every row before it, so a cursor either sees all
        // changes after it or is told (410) that some are gone.
        const result = await trx
          .deleteFrom('novomind_changes')
          .where('seq', '<=', through)
          .executeTakeFirst();
        await trx
          .updateTable('novomind_state')
          .set((eb) => ({
            value: eb.case().when('value', '<', through).then(through).else(eb.ref('value')).end(),
          }))
          .where('name', '=', 'purged_seq')
          .execute();
        return Number(result.numDeletedRows);
      });
    },
  };
}
