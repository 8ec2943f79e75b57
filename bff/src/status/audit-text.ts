import type { OrderStatus } from '../../../shared/common.js';
import type { WriteBackEventType } from '../config.js';

/**
 * The texts our audit entries carry in the order's staff notes. The notes room stamps each entry with time,
 * ticket, agent and reference in its header line; these are the lines below it. English, like the header:
 * the merchant's staff read them in the control panel, whatever language the ticket was in.
 */

/** "Status changed: Awaiting Fulfillment → Cancelled" and the agent's reason. */
export function formatStatusAudit(previous: OrderStatus, next: OrderStatus, reason: string): string {
  return `Status changed: ${previous.label} → ${next.label}\nReason: ${reason}`;
}

const EVENT_VERBS: Record<WriteBackEventType, string> = {
  'ticket.created': 'opened',
  'ticket.updated': 'updated',
  'ticket.closed': 'closed',
  'ticket.reopened': 'reopened',
};

/** "Ticket T-1001 closed by alice" (or without "by …" when novomind named no agent). */
export function formatTicketEventEntry(
  type: WriteBackEventType,
  ticket: string,
  agent: string | null,
): string {
  return `Ticket ${ticket} ${EVENT_VERBS[type]}${agent ? ` by ${agent}` : ''}`;
}
