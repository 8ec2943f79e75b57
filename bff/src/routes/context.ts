import { Router, type Response } from 'express';
import * as z from 'zod';
import { getSession } from '../auth/sessions.js';
import { getContext, type ContextDeps, type RequestScope, type TicketViewer } from '../context/index.js';
import { AppError } from '../core/app-error.js';
import { getCorrelationId } from '../http/correlation.js';
import { getRequestLogger } from '../http/logger.js';
import type { ExtendServer, ServerContext } from '../server.js';
import { createCustomersRouter } from './customers.js';
import { createOrdersRouter } from './orders.js';

const RefreshFlag = z.optional(z.enum(['1', 'true', '0', 'false']));

const ContextQuery = z.object({
  // Anything but one string (a repeated parameter arrives as an array) cannot be a cursor we issued.
  cursor: z.optional(z.unknown()),
  refresh: RefreshFlag,
});

/** GET /api/v1/context (DESIGN §5). Mounted under /api/v1 after requireSession. */
export function createContextRouter(deps: ContextDeps): Router {
  const router = Router();
  router.get('/context', async (req, res) => {
    const query = ContextQuery.parse(req.query);
    if (query.cursor !== undefined && typeof query.cursor !== 'string') throw new AppError('invalid_cursor');
    const cursor = typeof query.cursor === 'string' ? query.cursor : null;
    const reply = await getContext(deps, toViewer(res), { cursor }, toScope(res, query.refresh));
    sendJson(res, reply.json());
  });
  return router;
}

/** Sends JSON text that a domain function serialized (most of it once, when it was cached). */
export function sendJson(res: Response, json: string): void {
  res.type('application/json').send(json);
}

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
  };
}

export function toScope(res: Response, refresh?: string): RequestScope {
  // No AbortSignal from the client connection: cached loads are shared by every waiting request, and one
  // agent closing the sidebar must not cancel the load others wait for.
  return {
    correlationId: getCorrelationId(res),
    // Lazy: the request's child logger costs a little and is needed only when a record is bad.
    log: { warn: (fields, message) => getRequestLogger(res).warn(fields, message) },
    refresh: refresh === '1' || refresh === 'true',
  };
}

export function parseRefresh(value: unknown): string | undefined {
  return RefreshFlag.parse(value);
}

export function createContextDeps(ctx: ServerContext): ContextDeps {
  return {
    clientFor: (storeKey) => ctx.clientFor(storeKey),
    cache: ctx.cache,
    stores: ctx.config.stores,
    links: ctx.repos.links,
    ticketEvents: ctx.repos.ticketEvents,
    errorLog: ctx.repos.errorLog,
    now: ctx.now,
    sandbox: ctx.config.sandbox,
  };
}

/** Registers the ticket-context API (context, order detail, shopper search and links) in the running product. */
export const extendWithContext: ExtendServer = (ctx) => {
  const deps = createContextDeps(ctx);
  return {
    apiRouters: [createContextRouter(deps), createOrdersRouter(deps), createCustomersRouter(deps)],
  };
};
