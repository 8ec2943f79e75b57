import * as z from 'zod/mini';
import { OrderSummary } from '../../../shared/index.js';
import { DEFAULT_TEMPLATE } from '../context/index.js';
import type { NewNovomindChange, NovomindTicket, OrderChange } from '../store/index.js';
import { CLOSED_TICKET_WINDOW_MS, type NovomindDeps } from './novomind-deps.js';
import { toPlainFields, toSummaryView } from './plain-fields.js';
import type { StatusLabels } from './status-labels.js';

export interface ChangeFanoutDeps extends NovomindDeps {
  statusLabels: StatusLabels;
  /** Order changes read per step. Default 500. */
  batchSize?: number;
}

export interface ChangeFanout {
  /**
   * Brings the feed up to the order changes recorded so far; how many feed rows it wrote. Concurrent calls
   * share one pass, so the feed can call it before every read.
   */
  catchUp(): Promise<number>;
}

/** What the sync room records as a change's detail: the order's list entry after the change (and more). */
const ChangeDetail = z.object({ summary: OrderSummary });

/**
 * Follows `order_changes` (filled by the sync room from webhooks and delta runs, and by the status room for
 * our own status changes) and writes a feed row for every registered ticket whose shopper owns the changed
 * order: open tickets, and closed ones for 7 days after closing; only changes after the ticket was
 * registered; only orders in the ticket's market's channels. The rows and the new position are committed
 * together (NovomindChangeRepo.commitFanout), so a restart or a second process never writes a row twice.
 */
export function createChangeFanout(deps: ChangeFanoutDeps): ChangeFanout {
  const batchSize = deps.batchSize ?? 500;
  let running: Promise<number> | null = null;

  async function rowsFor(
    change: OrderChange,
    tickets: readonly NovomindTicket[],
  ): Promise<NewNovomindChange[]> {
    const detail = z.safeParse(ChangeDetail, change.detail);
    const summary = detail.success ? detail.data.summary : null;
    const rows: NewNovomindChange[] = [];
    for (const ticket of tickets) {
      if (!concerns(ticket, change)) continue;
      const market = Object.hasOwn(deps.config.markets, ticket.market)
        ? deps.config.markets[ticket.market]
        : undefined;
      if (!market || market.store !== change.storeKey) continue;
      // The widget does not show orders of other channels: novomind does not hear of them either.
      if (market.channels !== null && summary !== null && !market.channels.includes(summary.channelId))
        continue;
      const template = market.template ?? DEFAULT_TEMPLATE;
      rows.push({
        orderSeq: change.seq,
        ticket: ticket.ticket,
        market: market.id,
        storeKey: change.storeKey,
        kind: change.kind,
        orderId: change.orderId,
        fields: summary === null ? {} : toPlainFields(template.order, toSummaryView(summary)),
        previous: {
          statusId: change.previousStatusId,
          status:
            change.previousStatusId === null
              ? null
              : await deps.statusLabels.labelOf(change.storeKey, change.previousStatusId),
        },
        at: change.at,
      });
    }
    return rows;
  }

  async function pass(): Promise<number> {
    let written = 0;
    for (;;) {
      const from = await deps.repos.novomindChanges.fanoutPosition();
      const changes = await deps.repos.orderChanges.listAfter(from, batchSize);
      const last = changes.at(-1);
      if (!last) return written;
      // One query per owner per step: a burst of changes to one shopper's orders finds their tickets once.
      const owners = new Map<string, Promise<NovomindTicket[]>>();
      const rows: NewNovomindChange[] = [];
      for (const change of changes) {
        const key = `${change.storeKey}\u0000${change.customerId}\u0000${change.customerId > 0 ? '' : change.email}`;
        let tickets = owners.get(key);
        if (!tickets) {
          tickets = deps.repos.novomindTickets.listByOwner(change.storeKey, change);
          owners.set(key, tickets);
        }
        rows.push(...(await rowsFor(change, await tickets)));
      }
      // Someone else (another process on the same database) moved on first: read again from where they are.
      if (await deps.repos.novomindChanges.commitFanout(from, last.seq, rows)) written += rows.length;
    }
  }

  return {
    catchUp() {
      running ??= pass().finally(() => {
        running = null;
      });
      return running;
    },
  };
}

/** Registered before the change, and open (or closed for less than 7 days when it happened). */
function concerns(ticket: NovomindTicket, change: OrderChange): boolean {
  if (change.seq <= ticket.afterSeq || ticket.matchedAt === null) return false;
  if (ticket.status === 'closed' && ticket.closedAt !== null) {
    return change.at < ticket.closedAt + CLOSED_TICKET_WINDOW_MS;
  }
  return true;
}
