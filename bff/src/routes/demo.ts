/**
 * /demo, sandbox mode only: an iAGENT-like desk whose sidebar is the real widget. Each iframe load goes through
 * /demo/tickets/:id/widget, which signs a fresh single-use embed token (the same signer the CLI uses and the
 * novomind app must reproduce) and redirects to /widget/?token=….
 */
import express, { Router } from 'express';
import { z } from 'zod';
import { signEmbedTokenFor } from '../auth/sign-embed-token.js';
import { DEMO_FAULTS, type DemoStoreFaults } from '../demo/demo-faults.js';
import type { DemoTicket } from '../demo/demo-tickets.js';
import { DEMO_CSS, renderDemoPage } from '../demo/demo-page.js';
import { AppError } from '../core/app-error.js';
import type { AppConfig } from '../config.js';
import { renderAdminPage } from './admin-page.js';

export const DEMO_AGENT = 'demo.agent';

export interface DemoRouteDeps {
  config: AppConfig;
  now: () => number;
}

const FaultForm = z.object({
  store: z.string(),
  fault: z.enum(DEMO_FAULTS),
  ticket: z.optional(z.string()),
});

export function createDemoRouter(
  ctx: DemoRouteDeps,
  tickets: readonly DemoTicket[],
  faults: DemoStoreFaults | null = null,
): Router {
  const router = Router();
  const byId = new Map(tickets.map((ticket) => [ticket.id, ticket]));
  const find = (id: unknown): DemoTicket | undefined => (typeof id === 'string' ? byId.get(id) : undefined);

  // A new user opens the root after `npm start`: in sandbox mode there is only one thing to show there.
  router.get('/', (_req, res) => {
    res.redirect(302, '/demo');
  });

  router.get('/demo', (req, res) => {
    const selected = find(req.query.ticket) ?? tickets[0];
    if (!selected) throw new AppError('not_found');
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(renderDemoPage(tickets, selected, faults?.list() ?? []));
  });

  router.get('/demo/demo.css', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').type('css').send(DEMO_CSS);
  });

  // The console with the run's admin token handed over in the page (never in a URL); sandbox mode only.
  router.get('/demo/console', (_req, res) => {
    if (!ctx.config.adminToken) throw new AppError('not_found');
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(renderAdminPage({ assetBase: '/admin/', prefillToken: ctx.config.adminToken }));
  });

  // A plain form post (the desk has no script): break or repair a sandbox store, then back to the desk.
  router.post('/demo/faults', express.urlencoded({ extended: false, limit: '1kb' }), async (req, res) => {
    if (!faults) throw new AppError('not_found');
    const form = FaultForm.parse(req.body);
    if (!faults.list().some((store) => store.key === form.store)) throw new AppError('not_found');
    await faults.apply(form.store, form.fault);
    const back = find(form.ticket) ? `/demo?ticket=${encodeURIComponent(form.ticket ?? '')}` : '/demo';
    res.redirect(303, back);
  });

  router.get('/demo/tickets/:ticketId/widget', async (req, res) => {
    const ticket = find(req.params.ticketId);
    if (!ticket) throw new AppError('not_found');
    const token = await signEmbedTokenFor(
      ctx.config,
      { agent: DEMO_AGENT, ticket: ticket.id, ...ticket.claims },
      { now: ctx.now },
    );
    // The token is single-use and short-lived: nothing may cache this redirect.
    res.set('Cache-Control', 'no-store').redirect(302, `/widget/?token=${encodeURIComponent(token)}`);
  });

  return router;
}
