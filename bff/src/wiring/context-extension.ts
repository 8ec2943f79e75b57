import type { ContextDeps } from '../context/index.js';
import { createCustomerGroupNames, type CustomerGroupNames } from '../context/customer-groups.js';
import { createContextRouter } from '../routes/context.js';
import { createCustomersRouter } from '../routes/customers.js';
import { createOrdersRouter } from '../routes/orders.js';
import type { ExtendServer, ServerContext } from './server-context.js';
import { syncOf } from './sync-extension.js';

/** One set of group names per server, however many rooms build context deps. */
const groupNamesByServer = new WeakMap<ServerContext, CustomerGroupNames>();

function groupNamesOf(ctx: ServerContext): CustomerGroupNames {
  let names = groupNamesByServer.get(ctx);
  if (!names) {
    names = createCustomerGroupNames({
      clientFor: (storeKey) => ctx.clientFor(storeKey),
      storeKeys: Object.keys(ctx.config.stores),
      log: ctx.logger,
    });
    groupNamesByServer.set(ctx, names);
  }
  return names;
}

export function createContextDeps(ctx: ServerContext): ContextDeps {
  return {
    groupNames: groupNamesOf(ctx),
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
  const groupNames = groupNamesOf(ctx);
  return {
    apiRouters: [createContextRouter(deps), createOrdersRouter(deps), createCustomersRouter(deps)],
    // Read once before the first view (bounded by the read's own budget), then every few hours.
    start: () => groupNames.start(),
    stop: () => Promise.resolve(groupNames.stop()),
  };
};
