import { buildDemoTickets } from '../demo/demo-tickets.js';
import { createNovomindDesk } from '../demo/novomind-desk.js';
import { createDemoOrderControls } from '../demo/order-controls.js';
import { createDemoRouter } from '../routes/demo.js';
import { findNovomind } from './novomind-extension.js';
import type { DemoStoreFaults } from '../demo/demo-faults.js';
import type { Sandbox } from '../sandbox/index.js';
import type { ServerContext, ServerExtension } from './server-context.js';

/** The desk's store breaker over the sandbox's store-level fault knobs. */
function createDemoStoreFaults(ctx: ServerContext, sandbox: Sandbox): DemoStoreFaults {
  const stores = Object.values(ctx.config.stores);
  const controls = (key: string) => {
    const store = stores.find((candidate) => candidate.key === key);
    return store ? sandbox.store(store.hash).faults : null;
  };
  return {
    list: () =>
      stores.map((store) => {
        const state = sandbox.store(store.hash).faults.get();
        const active = [
          ...(state.outage ? ['outage'] : []),
          ...(state.rateLimit ? ['429 storm'] : []),
          ...(state.deliveries.paused ? ['webhooks paused'] : []),
        ];
        return { key: store.key, label: store.label, active };
      }),
    async apply(key, fault) {
      const faults = controls(key);
      if (!faults) return;
      if (fault === 'clear') faults.clear();
      else if (fault === 'outage') faults.set({ outage: true });
      else if (fault === 'rate-limit') faults.set({ rateLimit: true });
      else faults.set({ deliveries: { paused: true } });
      ctx.logger.warn(
        { sandbox: true, storeKey: key, fault },
        `SANDBOX: store ${key}: ${fault} (from /demo)`,
      );
      // The console judges from real calls; one now (it fails, is throttled, or answers) means the operator
      // sees the store's new state at the console's next refresh instead of after its idle-probe minute.
      await ctx
        .clientFor(key)
        .ping()
        .catch(() => undefined);
    },
  };
}

/** Mounted only in sandbox mode: with a real store there is no demo data to show. */
export function extendWithDemo(ctx: ServerContext): ServerExtension {
  if (!ctx.sandbox) return {};
  const eu = ctx.sandbox.stores[0]?.personas;
  const us = ctx.sandbox.stores[1]?.personas;
  if (!eu || !us) return {};
  const novomind = findNovomind(ctx);
  return {
    routers: [
      createDemoRouter(
        {
          ...ctx,
          novomind: novomind && {
            desk: createNovomindDesk(novomind, ctx.logger.child({ room: 'demo' })),
            orders: createDemoOrderControls(ctx.sandbox, ctx.config),
          },
        },
        buildDemoTickets(eu, us),
        createDemoStoreFaults(ctx, ctx.sandbox),
      ),
    ],
  };
}
