import { Router } from 'express';
import * as z from 'zod';
import { LinkRequest, LinkUndoRequest } from '../../../shared/index.js';
import { requireScope } from '../auth/sessions.js';
import { linkTicket, searchCustomers, undoLink, type ContextDeps } from '../context/index.js';
import { AppError } from '../core/app-error.js';
import { toScope, toViewer } from './request-scope.js';

export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_LENGTH = 100;

const SearchQuery = z.object({ q: z.unknown() });

/** GET /api/v1/customers?q=, POST /api/v1/links (DESIGN §5) and POST /api/v1/links/undo; all need links:write. */
export function createCustomersRouter(deps: ContextDeps): Router {
  const router = Router();
  router.get('/customers', requireScope('links:write'), async (req, res) => {
    const q = parseSearchText(SearchQuery.parse(req.query).q);
    res.json(await searchCustomers(deps, toViewer(res), q, toScope(res, deps.requestBudgetMs)));
  });
  router.post('/links', requireScope('links:write'), async (req, res) => {
    const request = LinkRequest.parse(req.body);
    res.json(await linkTicket(deps, toViewer(res), request, toScope(res, deps.requestBudgetMs)));
  });
  router.post('/links/undo', requireScope('links:write'), async (req, res) => {
    const request = LinkUndoRequest.parse(req.body);
    res.json(await undoLink(deps, toViewer(res), request, toScope(res, deps.requestBudgetMs)));
  });
  return router;
}

function parseSearchText(value: unknown): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length < SEARCH_MIN_LENGTH || text.length > SEARCH_MAX_LENGTH) {
    throw new AppError('invalid_request', {
      message: `Search for ${SEARCH_MIN_LENGTH} to ${SEARCH_MAX_LENGTH} characters.`,
    });
  }
  return text;
}
