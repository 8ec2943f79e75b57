import { Router } from 'express';
import { z } from 'zod';
import { CONFIG_KEY_PATTERN } from '../config.js';
import type { ErrorLogEntryDto } from '../../../shared/admin.js';
import { requireAdminToken } from '../auth/admin-token.js';
import { CORRELATION_ID_PATTERN } from '../http/correlation.js';
import type { ErrorLogRecord, ErrorLogRepo } from '../store/index.js';

export interface AdminRouteDeps {
  /** ADMIN_TOKEN; null = the admin API does not exist (404). */
  adminToken: string | null;
  errorLog: Pick<ErrorLogRepo, 'listByCorrelationId' | 'listRecent'>;
}

const ErrorsQuery = z.object({
  correlationId: z.optional(z.string().regex(CORRELATION_ID_PATTERN)),
  limit: z.optional(z.coerce.number().int().min(1).max(500)),
  /** A store key from the config (`eu`): only that store's entries. */
  store: z.optional(z.string().regex(CONFIG_KEY_PATTERN)),
});

export function toErrorLogDto(record: ErrorLogRecord): ErrorLogEntryDto {
  return { ...record, createdAt: new Date(record.createdAt).toISOString() };
}

/** GET /api/v1/admin/errors?correlationId=…&store=…: the error log, for admins holding ADMIN_TOKEN. */
export function createAdminRouter(deps: AdminRouteDeps): Router {
  const router = Router();
  router.get('/api/v1/admin/errors', requireAdminToken(deps.adminToken), async (req, res) => {
    const query = ErrorsQuery.parse(req.query);
    const records =
      query.correlationId !== undefined
        ? await deps.errorLog.listByCorrelationId(query.correlationId, query.limit, query.store)
        : await deps.errorLog.listRecent(query.limit, query.store);
    res.json({ entries: records.map(toErrorLogDto) });
  });
  return router;
}
