import { buildDemoTickets } from '../demo/demo-tickets.js';
import { createDemoRouter } from '../routes/demo.js';
import type { ServerContext, ServerExtension } from './server-context.js';

/** Mounted only in sandbox mode: with a real store there is no demo data to show. */
export function extendWithDemo(ctx: ServerContext): ServerExtension {
  if (!ctx.sandbox) return {};
  const eu = ctx.sandbox.stores[0]?.personas;
  const us = ctx.sandbox.stores[1]?.personas;
  if (!eu || !us) return {};
  return { routers: [createDemoRouter(ctx, buildDemoTickets(eu, us))] };
}
