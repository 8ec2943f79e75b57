import * as z from 'zod/mini';
import { OrderStatus, type SinceTicketEntry, type StaffNote } from '../../../shared/index.js';
import type { ContextDeps, TicketViewer } from './context-deps.js';

/** Enough for a sidebar: the list marks at most this many orders, the timeline shows at most this many lines. */
const MAX_MARKED = 200;
const MAX_ENTRIES = 20;

// A change's detail is what the sync room recorded (the order's summary after the change); read defensively.
const ChangeDetail = z.object({
  summary: z.optional(z.object({ status: z.optional(OrderStatus) })),
  agent: z.optional(z.string()),
});

/**
 * The shopper's orders that changed since the ticket was opened (claim `ticketCreatedAt`), from the sync room's
 * changes: one query of our own database, no call of the store's quota. Undefined without the claim.
 */
export async function findChangedOrders(
  deps: Pick<ContextDeps, 'changes'>,
  viewer: Pick<TicketViewer, 'storeKey' | 'ticketCreatedAt'>,
  owner: { customerId: number | null; guestEmail: string | null },
): Promise<number[] | undefined> {
  const since = viewer.ticketCreatedAt ?? null;
  if (since === null || !deps.changes) return undefined;
  return deps.changes.listChangedOrderIds({
    storeKey: viewer.storeKey,
    customerId: owner.customerId,
    guestEmail: owner.guestEmail,
    since,
    limit: MAX_MARKED,
  });
}

/**
 * What happened to one order since the ticket was opened, oldest first: status, shipment and refund changes
 * the sync room recorded, and staff notes written from other tickets (or in the control panel). Undefined
 * without the claim.
 */
export async function buildSinceTicket(
  deps: Pick<ContextDeps, 'changes'>,
  viewer: Pick<TicketViewer, 'storeKey' | 'ticket' | 'ticketCreatedAt'>,
  orderId: number,
  notes: readonly StaffNote[],
): Promise<SinceTicketEntry[] | undefined> {
  const since = viewer.ticketCreatedAt ?? null;
  if (since === null) return undefined;
  const changes = deps.changes ? await deps.changes.listForOrder(viewer.storeKey, orderId, MAX_ENTRIES) : [];
  const entries: SinceTicketEntry[] = [];
  for (const change of changes) {
    if (change.at < since) continue;
    const detail = z.safeParse(ChangeDetail, change.detail);
    const status = detail.success ? detail.data.summary?.status : undefined;
    const agent = detail.success ? detail.data.agent : undefined;
    entries.push({
      at: new Date(change.at).toISOString(),
      kind: change.kind,
      ...(status && change.kind === 'order.status_changed' ? { status } : {}),
      ...(agent ? { agent } : {}),
    });
  }
  for (const note of notes) {
    const at = note.at === null ? Number.NaN : Date.parse(note.at);
    // This ticket's own notes the agent already knows of; another ticket's, or one without a ticket, is news.
    if (!(at >= since) || (note.ticket !== null && note.ticket === viewer.ticket)) continue;
    entries.push({
      at: new Date(at).toISOString(),
      kind: 'note.added',
      ...(note.agent ? { agent: note.agent } : {}),
    });
  }
  return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).slice(-MAX_ENTRIES);
}
