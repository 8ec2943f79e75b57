/**
 * What novomind's iAGENT app does with the s2s API, played in-process for /demo: it registers each demo
 * ticket when it is first opened, keeps the fields per ticket as iAGENT's per-ticket storage would, and folds
 * the changes feed into them. In-process (no HTTP, no S2S_SECRET needed): the same functions the s2s routes
 * call, with a client that may do everything.
 */
import { randomUUID } from 'node:crypto';
import type { Change } from '../../../shared/s2s.js';
import type { Logger } from '../core/logger.js';
import { S2S_SCOPES, type Novomind, type S2sClient } from '../novomind/index.js';
import type { DemoTicket } from './demo-tickets.js';

export interface DeskTicketView {
  ticket: string;
  registered: boolean;
  queue: string | null;
  /** What novomind stores on the ticket: the context's fields, updated by each change. */
  fields: Record<string, string>;
  /** The order the order fields describe. */
  orderId: number | null;
  /** The newest changes the feed brought for this ticket, newest first. */
  changes: Array<
    Pick<Change, 'kind' | 'orderId' | 'at'> & { previousStatus: string | null; status: string | null }
  >;
}

export interface NovomindDesk {
  /** Registers the ticket (once per process) and answers what novomind stores for it. */
  open(ticket: DemoTicket): Promise<DeskTicketView>;
  /** Reads the feed on from where it stood and answers the ticket's storage. */
  refresh(ticketId: string): Promise<DeskTicketView | null>;
}

const CLIENT: S2sClient = { name: 'demo-desk', scopes: [...S2S_SCOPES], market: null };
const MAX_CHANGES_SHOWN = 5;

export function createNovomindDesk(
  novomind: Pick<Novomind, 'registerTicket' | 'readChanges'>,
  logger: Logger,
): NovomindDesk {
  const storage = new Map<string, DeskTicketView>();
  let cursor: string | null = null;
  let reading: Promise<void> | null = null;

  function scope() {
    return {
      correlationId: `demo-${randomUUID()}`,
      log: { warn: (fields: Record<string, unknown>, message: string) => logger.warn(fields, message) },
    };
  }

  async function readFeed(): Promise<void> {
    // The desk starts reading at its first ticket: what happened before is in that ticket's context.
    cursor ??= (await novomind.readChanges(CLIENT, { cursor: null, since: null, limit: 1 })).nextCursor;
    for (;;) {
      const page = await novomind.readChanges(CLIENT, { cursor, since: null, limit: 500 });
      for (const change of page.changes) apply(change);
      cursor = page.nextCursor;
      if (page.endOfStream) return;
    }
  }

  function apply(change: Change): void {
    const view = storage.get(change.ticket);
    if (!view) return;
    view.fields = { ...view.fields, ...change.fields };
    view.orderId = change.orderId;
    view.changes = [
      {
        kind: change.kind,
        orderId: change.orderId,
        at: change.at,
        previousStatus: change.previous.status,
        status: change.fields.status ?? null,
      },
      ...view.changes,
    ].slice(0, MAX_CHANGES_SHOWN);
  }

  function catchUp(): Promise<void> {
    reading ??= readFeed().finally(() => {
      reading = null;
    });
    return reading;
  }

  return {
    async open(ticket) {
      await catchUp();
      const known = storage.get(ticket.id);
      if (known) return known;
      const context = await novomind.registerTicket(
        CLIENT,
        ticket.id,
        {
          email: ticket.claims.email ?? null,
          customer: ticket.claims.customer ?? null,
          market: ticket.claims.market,
          locale: ticket.claims.locale,
          channel: null,
          status: 'open',
          // The same order the widget's token names: novomind's fields then describe the ticket's order.
          orderId: ticket.claims.order ?? null,
        },
        scope(),
      );
      const view: DeskTicketView = {
        ticket: ticket.id,
        registered: true,
        queue: context.queue,
        fields: context.fields,
        orderId: context.fieldsOrderId,
        changes: [],
      };
      storage.set(ticket.id, view);
      return view;
    },
    async refresh(ticketId) {
      await catchUp();
      return storage.get(ticketId) ?? null;
    },
  };
}
