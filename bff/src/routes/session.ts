import { Router } from 'express';
import * as z from 'zod/mini';
import { SessionRequest, type SessionResponse } from '../../../shared/session.js';
import type { SessionService } from '../auth/sessions.js';
import { AppError } from '../core/app-error.js';
import { getCorrelationId } from '../http/correlation.js';

export interface SessionRouteDeps {
  sessions: Pick<SessionService, 'open'>;
  sandbox: boolean;
}

/** POST /api/v1/session: embed token in, ticket-scoped session out (DESIGN §4). */
export function createSessionRouter(deps: SessionRouteDeps): Router {
  const router = Router();
  router.post('/api/v1/session', async (req, res) => {
    const raw: unknown = (req.body as { token?: unknown } | undefined)?.token;
    if (raw === undefined || raw === null || raw === '') throw new AppError('token_missing');
    // DESIGN §5: any fault of the token itself (a number, a list, an oversized blob) is a 401, not a 400.
    const parsed = z.safeParse(SessionRequest, req.body);
    if (!parsed.success) throw new AppError('token_invalid');
    const { token } = parsed.data;
    const { id, session } = await deps.sessions.open(token, { correlationId: getCorrelationId(res) });
    const body: SessionResponse = {
      session: id,
      expiresAt: new Date(session.expiresAt).toISOString(),
      ticket: session.ticket,
      agent: session.agent,
      scopes: session.scopes,
      market: { id: session.market.id, label: session.market.label, store: session.market.store },
      locale: session.locale,
      sandbox: deps.sandbox,
      // Only for agents who may use them: the widget offers exactly these targets (DESIGN §11).
      ...(session.scopes.includes('orders:write') ? { statusChanges: session.market.statusChanges } : {}),
      ...(session.order === null ? {} : { order: session.order }),
      ...(session.ticketCreatedAt === null
        ? {}
        : { ticketCreatedAt: new Date(session.ticketCreatedAt).toISOString() }),
    };
    res.status(201).json(body);
  });
  return router;
}
