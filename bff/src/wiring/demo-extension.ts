import { buildDemoTickets } from '../demo/demo-tickets.js';
import { createNovomindDesk } from '../demo/novomind-desk.js';
import { createDemoOrderControls } from '../demo/order-controls.js';
import { createDemoRouter } from '../routes/demo.js';
import { findNovomind } from './novomind-extension.js';
import type { ServerContext, ServerExtension } from './server-context.js';

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
      ),
    ],
  };
}
