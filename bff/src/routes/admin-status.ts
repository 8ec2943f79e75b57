import { Router } from 'express';
import { z } from 'zod';
import { ADMIN_ACTIONS, type AdminActionResponse } from '../../../shared/admin.js';
import { requireAdminToken } from '../auth/admin-token.js';
import { CONFIG_KEY_PATTERN } from '../config.js';
import { AppError } from '../core/app-error.js';
import { getCorrelationId } from '../http/correlation.js';
import type { AdminActions, StatusService } from '../ops/index.js';

export interface AdminStatusRouteDeps {
  /** ADMIN_TOKEN; null = the admin API does not exist (404). */
  adminToken: string | null;
  status: Pick<StatusService, 'status'>;
  actions: Pick<AdminActions, 'run'>;
}

const ActionParams = z.object({
  storeKey: z.string().regex(CONFIG_KEY_PATTERN),
  action: z.enum(ADMIN_ACTIONS),
});

/**
 * GET /api/v1/admin/status: every store's state, reasons, figures and last hour (DESIGN §12).
 * POST /api/v1/admin/stores/:storeKey/actions/:action: run a delta now, repair webhooks, retry failed notes.
 */
export function createAdminStatusRouter(deps: AdminStatusRouteDeps): Router {
  const router = Router();
  router.use('/api/v1/admin', requireAdminToken(deps.adminToken));

  router.get('/api/v1/admin/status', async (_req, res) => {
    res.json(await deps.status.status());
  });

  router.post('/api/v1/admin/stores/:storeKey/actions/:action', async (req, res) => {
    const params = ActionParams.safeParse(req.params);
    // An unknown action or a malformed store key names nothing that exists.
    if (!params.success) throw new AppError('not_found');
    const correlationId = getCorrelationId(res);
    const answer = await deps.actions.run({ ...params.data, correlationId });
    const body: AdminActionResponse = {
      action: params.data.action,
      store: params.data.storeKey,
      outcome: answer.outcome,
      message: answer.message,
      at: new Date(answer.at).toISOString(),
      correlationId,
    };
    res.status(answer.outcome === 'done' ? 200 : 202).json(body);
  });

  // An admin asking for something else gets a plain 404, not the session check of the agents' API behind it.
  router.use('/api/v1/admin', () => {
    throw new AppError('not_found');
  });
  return router;
}
