import { Router, type Response } from 'express';
import * as z from 'zod';
import { ensureOrderVisible, getOrderDetail, type ContextDeps } from '../context/index.js';
import { parseOrderIdParam, parseRefresh } from '../http/params.js';
import { sendJson } from '../http/send-json.js';
import { toScope, toViewer } from './request-scope.js';

const OrderQuery = z.object({ refresh: z.optional(z.unknown()) });

/** GET /api/v1/orders/:orderId (DESIGN §5). Mounted under /api/v1 after requireSession. */
export function createOrdersRouter(deps: ContextDeps): Router {
  const router = Router();
  router.get('/orders/:orderId', async (req, res) => {
    const orderId = parseOrderIdParam(req.params.orderId);
    const { refresh } = OrderQuery.parse(req.query);
    const reply = await getOrderDetail(
      deps,
      toViewer(res),
      orderId,
      toScope(res, deps.requestBudgetMs, parseRefresh(refresh)),
    );
    sendJson(res, reply.json());
  });
  return router;
}

/**
 * For other rooms (notes): throws 404 order_not_found unless the session's shopper owns the order, by the
 * same rule as GET /orders/:orderId, reading only the order header.
 */
export function createOrderVisibilityCheck(
  deps: ContextDeps,
): (res: Response, orderId: number) => Promise<void> {
  return async (res, orderId) => {
    await ensureOrderVisible(deps, toViewer(res), orderId, toScope(res, deps.requestBudgetMs));
  };
}
