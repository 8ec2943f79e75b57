import type { Response } from 'express';
import { getSession } from '../auth/sessions.js';
import { createDeadline } from '../core/deadline.js';
import type { RequestScope, TicketViewer } from '../context/index.js';
import { getCorrelationId } from '../http/correlation.js';
import { getRequestLogger } from '../http/logger.js';

/** The session, as the context room sees it. */
export function toViewer(res: Response): TicketViewer {
  const session = getSession(res);
  return {
    ticket: session.ticket,
    agent: session.agent,
    customerClaim: session.customer,
    email: session.email,
    market: session.market,
    storeKey: session.storeKey,
    locale: session.locale,
    ticketCreatedAt: session.ticketCreatedAt,
  };
}

/**
 * The request's scope, with its deadline starting now. Not the client connection's signal: cached loads are
 * shared by every waiting request, and one agent closing the sidebar must not cancel the load others wait for.
 */
export function toScope(res: Response, budgetMs: number, refresh = false): RequestScope {
  return {
    correlationId: getCorrelationId(res),
    signal: createDeadline(budgetMs),
    // Lazy: the request's child logger costs a little and is needed only when a record is bad.
    log: { warn: (fields, message) => getRequestLogger(res).warn(fields, message) },
    refresh,
  };
}
