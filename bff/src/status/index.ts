/**
 * The status room: order status changes written back from the ticket (DESIGN §11) — once, only from the status
 * the agent saw and along the market's allowed transitions, audited in the staff notes, the ticket and the
 * changes feed — and novomind ticket events written back as staff-notes entries on the ticket's orders.
 */
export { parseStatusChange, type StatusChangeInput } from './status-input.js';
export {
  createStatusService,
  isTransitionAllowed,
  type StatusChangeSubmission,
  type StatusService,
  type StatusServiceDeps,
} from './status-service.js';
export {
  createStatusCatalog,
  findUnknownStatusIds,
  type StatusCatalog,
  STATUS_CATALOG_TTL_MS,
} from './status-catalog.js';
export {
  createTicketEventWriteBack,
  TICKET_ORDER_EVENTS,
  writeBackKey,
  type TicketEventToWriteBack,
  type WriteBackResult,
  type WriteBackTicketEvent,
} from './write-back-ticket-event.js';
export { formatStatusAudit, formatTicketEventEntry } from './audit-text.js';
