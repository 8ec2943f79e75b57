import { Router } from 'express';
import * as z from 'zod';
import { ContextFilter } from '../../../shared/index.js';
import { getContext, toHistoryFilter, type ContextDeps } from '../context/index.js';
import { AppError } from '../core/app-error.js';
import { parseRefresh } from '../http/params.js';
import { sendJson } from '../http/send-json.js';
import { toScope, toViewer } from './request-scope.js';

const ContextQuery = z.object({
  // Anything but one string (a repeated parameter arrives as an array) cannot be a cursor we issued.
  cursor: z.optional(z.unknown()),
  refresh: z.optional(z.unknown()),
  number: z.optional(z.unknown()),
  status: z.optional(z.unknown()),
  from: z.optional(z.unknown()),
  to: z.optional(z.unknown()),
});

/** `?number=&status=&from=&to=` (shared ContextFilter); a repeated or malformed value is 400 invalid_filter. */
function parseFilter(query: z.infer<typeof ContextQuery>) {
  const { number, status, from, to } = query;
  const given = Object.fromEntries(
    Object.entries({ number, status, from, to }).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = ContextFilter.safeParse(given);
  if (!parsed.success) throw new AppError('invalid_filter');
  return toHistoryFilter(parsed.data);
}

/** GET /api/v1/context (DESIGN §5). Mounted under /api/v1 after requireSession. */
export function createContextRouter(deps: ContextDeps): Router {
  const router = Router();
  router.get('/context', async (req, res) => {
    const query = ContextQuery.parse(req.query);
    if (query.cursor !== undefined && typeof query.cursor !== 'string') throw new AppError('invalid_cursor');
    const cursor = typeof query.cursor === 'string' ? query.cursor : null;
    const filter = parseFilter(query);
    const reply = await getContext(
      deps,
      toViewer(res),
      { cursor, filter },
      toScope(res, deps.requestBudgetMs, parseRefresh(query.refresh)),
    );
    sendJson(res, reply.json());
  });
  return router;
}
