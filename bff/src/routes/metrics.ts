import { Router } from 'express';
import { AppError } from '../core/app-error.js';
import { hasBearer } from '../auth/bearer.js';
import type { Metrics } from '../http/metrics.js';

export interface MetricsRouteDeps {
  metrics: Pick<Metrics, 'registry'>;
  /** METRICS_TOKEN; when null the endpoint is open (bind HOST to a private interface then). */
  token: string | null;
}

/** GET /metrics: Prometheus text, guarded by a bearer token when one is configured. */
export function createMetricsRouter(deps: MetricsRouteDeps): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (deps.token !== null && !hasBearer(req.get('Authorization'), deps.token))
      throw new AppError('forbidden');
    const text = await deps.metrics.registry.metrics();
    res.set('Content-Type', deps.metrics.registry.contentType).send(text);
  });
  return router;
}
