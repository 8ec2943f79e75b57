import express, { Router, type RequestHandler, type Response } from 'express';
import * as z from 'zod';
import { MAX_FEED_LIMIT } from '../../../shared/s2s.js';
import { readBearer } from '../auth/bearer.js';
import { AppError } from '../core/app-error.js';
import { createDeadline } from '../core/deadline.js';
import type { RequestScope } from '../context/index.js';
import { getCorrelationId } from '../http/correlation.js';
import { getRequestLogger } from '../http/logger.js';
import { markRouteBase } from '../http/metrics.js';
import { requireJsonBody } from '../http/require-json.js';
import {
  parseTicketId,
  parseTicketInput,
  requireS2sScope,
  type Novomind,
  type S2sClient,
  type S2sScope,
} from '../novomind/index.js';

export interface S2sRouterDeps {
  novomind: Pick<
    Novomind,
    'verifier' | 'registerTicket' | 'readTicketContext' | 'acceptEvents' | 'listTicketEvents' | 'readChanges'
  >;
  requestBudgetMs: number;
}

/** 100 events with notes of 2,000 characters each, and their envelopes. */
export const S2S_BODY_LIMIT = '512kb';
const LOCALS_KEY = 's2sClient';

const FeedQuery = z.object({
  cursor: z.optional(z.unknown()),
  since: z.optional(z.unknown()),
  limit: z.optional(z.unknown()),
});

/**
 * /s2s/v1/ (DESIGN §10), for novomind's server: its own bearer token (never a widget session or an embed
 * token), scopes per call. Mounted at the root only when S2S_SECRET is set; without it /s2s/ is a 404.
 */
export function createS2sRouter(deps: S2sRouterDeps): Router {
  const router = Router();
  const base = Router();
  const { novomind } = deps;

  const authenticate: RequestHandler = async (req, res, next) => {
    res.set('Cache-Control', 'no-store');
    const token = readBearer(req.get('Authorization'));
    if (token === null) {
      throw new AppError('token_missing', {
        message: 'No s2s token was given (Authorization: Bearer <JWT>).',
      });
    }
    res.locals[LOCALS_KEY] = await novomind.verifier.verify(token);
    next();
  };
  const client = (res: Response, scope: S2sScope): S2sClient => {
    const known = res.locals[LOCALS_KEY] as S2sClient | undefined;
    if (!known) throw new Error('s2s route without authentication');
    requireS2sScope(known, scope);
    return known;
  };
  const scopeOf = (res: Response): RequestScope => ({
    correlationId: getCorrelationId(res),
    signal: createDeadline(deps.requestBudgetMs),
    log: { warn: (fields, message) => getRequestLogger(res).warn(fields, message) },
  });

  base.put('/tickets/:ticket', async (req, res) => {
    const s2s = client(res, 'context:read');
    const ticket = parseTicketId(req.params.ticket);
    const input = parseTicketInput(req.body);
    res.json(await novomind.registerTicket(s2s, ticket, input, scopeOf(res)));
  });

  base.get('/tickets/:ticket/context', async (req, res) => {
    const s2s = client(res, 'context:read');
    res.json(await novomind.readTicketContext(s2s, parseTicketId(req.params.ticket), scopeOf(res)));
  });

  base.get('/tickets/:ticket/events', async (req, res) => {
    const s2s = client(res, 'events:write');
    res.json(await novomind.listTicketEvents(s2s, parseTicketId(req.params.ticket)));
  });

  base.post('/events', async (req, res) => {
    const s2s = client(res, 'events:write');
    res.status(202).json(await novomind.acceptEvents(s2s, req.body, scopeOf(res)));
  });

  base.get('/changes', async (req, res) => {
    const s2s = client(res, 'changes:read');
    const query = FeedQuery.parse(req.query);
    if (query.cursor !== undefined && typeof query.cursor !== 'string') throw new AppError('invalid_cursor');
    if (query.since !== undefined && typeof query.since !== 'string') {
      throw new AppError('invalid_request', { message: '`since` must be one ISO 8601 date-time.' });
    }
    res.json(
      await novomind.readChanges(s2s, {
        cursor: typeof query.cursor === 'string' ? query.cursor : null,
        since: typeof query.since === 'string' ? query.since : null,
        limit: parseLimit(query.limit),
      }),
    );
  });

  router.use(
    '/s2s/v1',
    markRouteBase('/s2s/v1'),
    authenticate,
    requireJsonBody(),
    express.json({ limit: S2S_BODY_LIMIT, type: ['application/json', 'application/*+json'] }),
    base,
  );
  return router;
}

function parseLimit(value: unknown): number {
  if (value === undefined) return 100;
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,3}$/.test(value) || Number(value) > MAX_FEED_LIMIT) {
    throw new AppError('invalid_request', {
      message: `limit must be a whole number from 1 to ${MAX_FEED_LIMIT}.`,
    });
  }
  return Number(value);
}
