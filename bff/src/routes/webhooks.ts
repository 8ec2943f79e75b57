import express, { Router } from 'express';
import { CONFIG_KEY_PATTERN } from '../config.js';
import { AppError } from '../core/app-error.js';
import type { WebhookIntake } from '../sync/index.js';

export interface WebhookRouteDeps {
  intake: WebhookIntake;
  storeKeys: readonly string[];
}

/** BigCommerce's deliveries are small (ids only); anything bigger is not one of them. */
const BODY_LIMIT = '64kb';

/**
 * POST /webhooks/bigcommerce/:storeKey (DESIGN §9). The raw body is kept (its SHA-256 makes the same delivery
 * twice one), the secret header is checked before anything is stored, and the answer comes at once: 200 for a
 * stored, duplicate or ignored delivery (BigCommerce retries anything else for 48 hours), 401 without the
 * secret, 400 for a body that is no delivery. BigCommerce treats 3xx as a failure too, so there are none.
 */
export function createWebhookRouter(deps: WebhookRouteDeps): Router {
  const router = Router();
  router.post(
    '/webhooks/bigcommerce/:storeKey',
    express.raw({ type: () => true, limit: BODY_LIMIT }),
    async (req, res) => {
      const storeKey = req.params.storeKey;
      if (!CONFIG_KEY_PATTERN.test(storeKey) || !deps.storeKeys.includes(storeKey))
        throw new AppError('not_found');
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const outcome = await deps.intake.receive(storeKey, req.get('X-Webhook-Secret'), body);
      if (outcome === 'unauthorized') {
        throw new AppError('unauthorized', { message: 'The webhook secret is missing or wrong.' });
      }
      if (outcome === 'invalid')
        throw new AppError('invalid_request', { message: 'This is not a webhook delivery.' });
      res.status(200).json({ received: true });
    },
  );
  return router;
}
