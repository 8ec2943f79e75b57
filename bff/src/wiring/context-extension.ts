import type { ContextDeps } from '../context/index.js';
import { createContextRouter } from '../routes/context.js';
import { createCustomersRouter } from '../routes/customers.js';
import { createOrdersRouter } from '../routes/orders.js';
import type { ExtendServer, ServerContext } from './server-context.js';
import { syncOf } from './sync-extension.js';

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
    requestBudgetMs: ctx.config.requestBudgetMs,
    index: {
      // Looked up per call: the sync room is created after this room (and is absent with SYNC=off).
      verdict: (storeKey) =>
        syncOf(ctx)?.health.verdict(storeKey) ?? Promise.resolve({ current: false, asOf: 0 }),
      repo: ctx.repos.orderIndex,
      windowDays: (storeKey) => ctx.config.stores[storeKey]?.sync.windowDays ?? 90,
    },
    changes: ctx.repos.orderChanges,
  };
}

/** Registers the ticket-context API (context, order detail, shopper search and links) in the running product. */
export const extendWithContext: ExtendServer = (ctx) => {
  const deps = createContextDeps(ctx);
  return {
    apiRouters: [createContextRouter(deps), createOrdersRouter(deps), createCustomersRouter(deps)],
  };
};
