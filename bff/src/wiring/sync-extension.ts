import { AppError } from '../core/app-error.js';
import { createWebhookRouter } from '../routes/webhooks.js';
import { createSync, type Sync } from '../sync/index.js';
import type { ExtendServer, ServerContext } from './server-context.js';

const SYNCS = new WeakMap<ServerContext, Sync>();

/** The running product's sync room (tests, the context views, other rooms); undefined when not installed. */
export function syncOf(ctx: ServerContext): Sync | undefined {
  return SYNCS.get(ctx);
}

/**
 * The sync room (DESIGN §9) in the running product: the webhook route, the webhook worker and the per-store
 * scheduler (started once the server listens, so sandbox mode can register its own URL), and its facts and
 * actions on the operations console.
 */
export const extendWithSync: ExtendServer = (ctx) => {
  const stores = Object.values(ctx.config.stores).filter((store) => store.sync.enabled);
  // SYNC=off (or every store's sync disabled): views stay live, and there is nothing to receive.
  if (stores.length === 0) return {};
  const sync = createSync({
    stores,
    // Sandbox mode: the sandbox delivers to this very process.
    publicUrl: () => ctx.config.publicUrl ?? (ctx.config.sandbox ? ctx.listeningUrl() : null),
    clientFor: (storeKey) => ctx.clientFor(storeKey),
    repos: ctx.repos,
    cache: ctx.cache,
    registry: ctx.metrics.registry,
    now: ctx.now,
    logger: ctx.logger,
    backfillShare: ctx.config.syncBackfillShare,
    isLeader: ctx.isSyncLeader,
    onDelivery: (storeKey, outcome) => {
      if (outcome !== 'ignored' && Object.hasOwn(ctx.config.stores, storeKey)) {
        ctx.ops.recordWebhookDelivery(storeKey, outcome);
      }
    },
  });
  SYNCS.set(ctx, sync);
  ctx.ops.provideSync({
    async facts(storeKey) {
      const store = ctx.config.stores[storeKey];
      const facts = await sync.scheduler.facts(storeKey);
      return {
        enabled: store?.sync.enabled === true,
        running: facts.running,
        nextRunAt: facts.nextRunAt,
        intervalMs: facts.intervalMs,
        backfill: facts.backfill,
        webhooks:
          facts.hooks === null
            ? null
            : {
                expected: facts.hooks.wanted,
                registered: facts.hooks.registered,
                active: facts.hooks.active,
                checkedAt: facts.hooks.checkedAt,
                lastError: facts.hooks.error,
              },
      };
    },
    async runDeltaNow(storeKey) {
      const outcome = await sync.scheduler.runNow(storeKey);
      if (outcome === 'disabled')
        throw new AppError('action_unavailable', { message: 'Sync is off for this store.' });
      return {
        outcome,
        message: outcome === 'started' ? 'A delta run started.' : 'A delta run is already running.',
      };
    },
    async repairWebhooks(storeKey) {
      const check = await sync.scheduler.repairHooks(storeKey);
      if (check === null) {
        throw new AppError('action_unavailable', {
          message: 'This store takes no webhooks (no PUBLIC_URL).',
        });
      }
      if (check.error !== null)
        throw new AppError('upstream_error', { message: 'The webhooks could not be checked.' });
      return {
        outcome: 'done',
        message: `Webhooks checked: ${check.active} of ${check.wanted} active, ${check.repaired} repaired.`,
      };
    },
  });
  return {
    routers: [createWebhookRouter({ intake: sync.intake, storeKeys: stores.map((store) => store.key) })],
    start: () => sync.start(),
    stop: () => sync.stop(),
  };
};
