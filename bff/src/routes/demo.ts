/**
 * /demo, sandbox mode only: an iAGENT-like desk whose sidebar is the real widget. Each iframe load goes through
 * /demo/tickets/:id/widget, which signs a fresh single-use embed token (the same signer the CLI uses and the
 * novomind app must reproduce) and redirects to /widget/?token=….
 */
import { Router } from 'express';
import { signEmbedTokenFor } from '../auth/sign-embed-token.js';
import type { DemoTicket } from '../demo/demo-tickets.js';
import { DEMO_CSS, renderDemoPage } from '../demo/demo-page.js';
import { AppError } from '../core/app-error.js';
import type { AppConfig } from '../config.js';

export const DEMO_AGENT = 'demo.agent';

export interface DemoRouteDeps {
  config: AppConfig;
  now: () => number;
}

export function createDemoRouter(ctx: DemoRouteDeps, tickets: readonly DemoTicket[]): Router {
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
    res.set('Cache-Control', 'no-store').type('html').send(renderDemoPage(tickets, selected));
  });

  router.get('/demo/demo.css', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').type('css').send(DEMO_CSS);
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
