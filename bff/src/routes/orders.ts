import { Router, type Response } from 'express';
import * as z from 'zod';
import {
  ensureOrderVisible,
  getOrderDetail,
  ORDER_ID_PATTERN,
  type ContextDeps,
  type RequestScope,
} from '../context/index.js';
import { AppError } from '../core/app-error.js';
import { parseRefresh, sendJson, toScope, toViewer } from './context.js';

const OrderQuery = z.object({ refresh: z.optional(z.string()) });

/** GET /api/v1/orders/:orderId (DESIGN §5). Mounted under /api/v1 after requireSession. */
export function createOrdersRouter(deps: ContextDeps): Router {
  const router = Router();
  router.get('/orders/:orderId', async (req, res) => {
    const orderId = parseOrderIdParam(req.params.orderId);
    const { refresh } = OrderQuery.parse(req.query);
    const reply = await getOrderDetail(deps, toViewer(res), orderId, toScope(res, parseRefresh(refresh)));
    sendJson(res, reply.json());
  });
  return router;
}

const MAX_ORDER_ID = 2_147_483_647;

export function parseOrderIdParam(value: unknown): number {
  // BigCommerce order ids are 32-bit: a larger one cannot exist, and asking would spend the store's quota.
  if (typeof value !== 'string' || !ORDER_ID_PATTERN.test(value) || Number(value) > MAX_ORDER_ID) {
    throw new AppError('invalid_order_id');
  }
  return Number(value);
}

/**
 * For other rooms (notes): throws 404 order_not_found unless the session's shopper owns the order, by the
 * same rule as GET /orders/:orderId, reading only the order header.
 */
export function createOrderVisibilityCheck(
  deps: ContextDeps,
): (res: Response, orderId: number) => Promise<void> {
  return async (res, orderId) => {
    const scope: RequestScope = { ...toScope(res), refresh: false };
    await ensureOrderVisible(deps, toViewer(res), orderId, scope);
  };
}
