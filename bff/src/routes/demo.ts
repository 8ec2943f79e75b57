/**
 * /demo, sandbox mode only: an iAGENT-like desk whose sidebar is the real widget. Each iframe load goes through
 * /demo/tickets/:id/widget, which signs a fresh single-use embed token (the same signer the CLI uses and the
 * novomind app must reproduce) and redirects to /widget/?token=….
 */
import express, { Router } from 'express';
import { z } from 'zod';
import { signEmbedTokenFor } from '../auth/sign-embed-token.js';
import { DEMO_FAULTS, type DemoStoreFaults } from '../demo/demo-faults.js';
import { DEMO_TICKET_AGE_MS, type DemoTicket } from '../demo/demo-tickets.js';
import { DEMO_CSS, renderDemoPage } from '../demo/demo-page.js';
import type { NovomindDesk } from '../demo/novomind-desk.js';
import { NOVOMIND_PANEL_CSS, NOVOMIND_PANEL_JS, renderNovomindPanel } from '../demo/novomind-panel.js';
import type { DemoOrderControls } from '../demo/order-controls.js';
import { parseOrderIdParam } from '../http/params.js';
import { AppError } from '../core/app-error.js';
import type { AppConfig } from '../config.js';
import { renderAdminPage } from './admin-page.js';

export const DEMO_AGENT = 'demo.agent';

export interface DemoRouteDeps {
  config: AppConfig;
  now: () => number;
  /** The novomind side of the demo: the simulated iAGENT app's storage, and the sandbox's merchant. */
  novomind?: { desk: NovomindDesk; orders: DemoOrderControls } | null;
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
  const novomind = ctx.novomind ?? null;

  // A new user opens the root after `npm start`: in sandbox mode there is only one thing to show there.
  router.get('/', (_req, res) => {
    res.redirect(302, '/demo');
  });

  router.get('/demo', async (req, res) => {
    const selected = find(req.query.ticket) ?? tickets[0];
    if (!selected) throw new AppError('not_found');
    const notice = typeof req.query.notice === 'string' ? req.query.notice.slice(0, 200) : null;
    let panel: string | null = null;
    if (novomind) {
      // Opening a ticket is when iAGENT registers it; BigCommerce being down must not break the desk.
      const view = await novomind.desk.open(selected).catch(() => null);
      panel = renderNovomindPanel(
        selected.id,
        view,
        view ? notice : 'The ticket could not be registered yet.',
      );
    }
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(renderDemoPage(tickets, selected, panel, faults?.list() ?? []));
  });

  router.get('/demo/demo.css', (_req, res) => {
    res
      .set('Cache-Control', 'public, max-age=300')
      .type('css')
      .send(novomind ? DEMO_CSS + NOVOMIND_PANEL_CSS : DEMO_CSS);
  });

  if (novomind) {
    router.get('/demo/novomind-panel.js', (_req, res) => {
      res.set('Cache-Control', 'public, max-age=300').type('js').send(NOVOMIND_PANEL_JS);
    });

    router.get('/demo/tickets/:ticketId/novomind', async (req, res) => {
      const ticket = find(req.params.ticketId);
      if (!ticket) throw new AppError('not_found');
      const view = await novomind.desk.refresh(ticket.id);
      if (!view) throw new AppError('ticket_not_found');
      res.set('Cache-Control', 'no-store').json(view);
    });

    router.post('/demo/tickets/:ticketId/orders/:orderId/:action', (req, res) => {
      const ticket = find(req.params.ticketId);
      const action = req.params.action;
      if (!ticket || (action !== 'ship' && action !== 'cancel')) throw new AppError('not_found');
      const storeKey = ctx.config.markets[ticket.claims.market]?.store;
      if (!storeKey) throw new AppError('not_found');
      const notice = novomind.orders.act(storeKey, parseOrderIdParam(req.params.orderId), action);
      // Post/redirect/get: a reload of the page does not ship twice.
      res.redirect(303, `/demo?ticket=${encodeURIComponent(ticket.id)}&notice=${encodeURIComponent(notice)}`);
    });
  }

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
      {
        agent: DEMO_AGENT,
        ticket: ticket.id,
        ...ticket.claims,
        ticketCreatedAt: new Date(ctx.now() - DEMO_TICKET_AGE_MS).toISOString(),
      },
      { now: ctx.now },
    );
    // The token is single-use and short-lived: nothing may cache this redirect.
    res.set('Cache-Control', 'no-store').redirect(302, `/widget/?token=${encodeURIComponent(token)}`);
  });

  return router;
}
