import { Router, type Response } from 'express';
import { getSession, requireScope } from '../auth/sessions.js';
import { getCorrelationId } from '../http/correlation.js';
import { parseOrderIdParam } from '../http/params.js';
import { parseIdempotencyKey } from '../notes/index.js';
import { parseStatusChange, type StatusService } from '../status/index.js';

export interface StatusRouterDeps {
  status: Pick<StatusService, 'changeStatus'>;
  /** 404 order_not_found unless the order is the session's shopper's (the order detail's rule). */
  ensureOrderVisible: (res: Response, orderId: number) => Promise<void>;
}

/**
 * POST /api/v1/orders/:orderId/status (DESIGN §11): `{statusId, expectedStatusId, reason}` with an
 * Idempotency-Key; 200 with the order's new status. Mounted under /api/v1 after requireSession.
 */
export function createStatusRouter(deps: StatusRouterDeps): Router {
  const router = Router();
  router.post('/orders/:orderId/status', requireScope('orders:write'), async (req, res) => {
    const orderId = parseOrderIdParam(req.params.orderId);
    const idempotencyKey = parseIdempotencyKey(req.get('Idempotency-Key'));
    const input = parseStatusChange(req.body);
    const session = getSession(res);
    const answer = await deps.status.changeStatus(
      {
        ...input,
        storeKey: session.storeKey,
        market: session.market,
        orderId,
        ticket: session.ticket,
        agent: session.agent,
        idempotencyKey,
        correlationId: getCorrelationId(res),
      },
      () => deps.ensureOrderVisible(res, orderId),
    );
    res.status(200).json(answer);
  });
  return router;
}
