/**
 * Builds the Express app from its dependencies and never listens (server.ts does), so tests drive the
 * real app over HTTP with their own config, database and clock.
 */
import path from 'node:path';
import express, { type Express, type RequestHandler, type Router } from 'express';
import type { Store as RateLimitStore } from 'express-rate-limit';
import { createEmbedTokenVerifier } from './auth/embed-token.js';
import { createSessionService, getSession, requireSession, type SessionService } from './auth/sessions.js';
import type { AppConfig } from './config.js';
import { AppError } from './core/app-error.js';
import { findPackageRoot } from './core/find-package-root.js';
import { createCorrelationMiddleware } from './http/correlation.js';
import { createErrorHandler } from './http/error-handler.js';
import { createRequestLogger, type Logger } from './http/logger.js';
import { createMetrics, markRouteBase, type Metrics } from './http/metrics.js';
import { createNotFound } from './http/not-found.js';
import { requireJsonBody } from './http/require-json.js';
import { createCors, createSecurityHeaders } from './http/security.js';
import { createSessionRateLimit } from './http/session-rate-limit.js';
import { createAdminRouter } from './routes/admin.js';
import { createHealthRouter, type StorePinger } from './routes/health.js';
import { createMetricsRouter } from './routes/metrics.js';
import { createSessionRouter } from './routes/session.js';
import { createWidgetRouter } from './routes/widget-page.js';
import { toAppError } from './bigcommerce/index.js';
import type { Store } from './store/index.js';

/** Vite's output (`npm run build`), found from the project root so the compiled server finds it too. */
export const DEFAULT_WIDGET_DIST = path.join(findPackageRoot(import.meta.url), 'widget', 'dist');
export const API_BODY_LIMIT = '16kb';

export interface AppDeps {
  config: AppConfig;
  logger: Logger;
  /** The product's durable state (SQLite by default); the app reads its repositories and readiness. */
  store: Store;
  /** Default: a fresh registry without Node process metrics. */
  metrics?: Metrics;
  now?: () => number;
  /** Readiness pings per store key; without it /readyz checks only the database. */
  bigcommerce?: StorePinger;
  /** Mounted under /api/v1 after requireSession (context, orders, notes, customers, links). */
  apiRouters?: Router[];
  /** Mounted at the root without a session, before the JSON 404 (e.g. /demo, webhooks). Own your auth. */
  routers?: Router[];
  widgetDist?: string;
  /** True while shutting down: new requests get 503 and Connection: close. */
  draining?: () => boolean;
  /** Default: built from config + repos. Exposed so other code (e.g. /demo) opens sessions the same way. */
  sessions?: SessionService;
  /**
   * The per-session rate limit's counters. Default: in this process. Pass a shared store (Redis) when several
   * instances serve the same sessions. `windowMs` (default one minute) is for tests.
   */
  rateLimit?: { store?: RateLimitStore; windowMs?: number };
  /** Shared services /readyz checks besides the database and the stores (REDIS_URL: `redis`). */
  services?: Record<string, () => Promise<boolean>>;
}

/** The limit of config.sessionRateLimitPerMinute, or nothing when it is 0 (off). */
function createRateLimits(deps: AppDeps): RequestHandler[] {
  const limit = deps.config.sessionRateLimitPerMinute;
  if (limit === 0) return [];
  return [
    createSessionRateLimit({
      limit,
      ...deps.rateLimit,
      logger: deps.logger,
      // requireSession ran first; its ref is already a hash, so counting costs no hashing per request.
      keyFor: (_req, res) => getSession(res).ref,
    }),
  ];
}

function refuseWhileDraining(draining: () => boolean): RequestHandler {
  return (_req, res, next) => {
    if (draining()) {
      res.set('Connection', 'close');
      throw new AppError('not_ready', { message: 'The service is shutting down; try again shortly.' });
    }
    next();
  };
}

const noStore: RequestHandler = (_req, res, next) => {
  // API answers are per-ticket and personal: never in a shared or browser cache.
  res.set('Cache-Control', 'no-store');
  next();
};

export function createApp(deps: AppDeps): Express {
  const { config, logger, store } = deps;
  const now = deps.now ?? Date.now;
  const { repos } = store;
  const metrics = deps.metrics ?? createMetrics();
  const sessions =
    deps.sessions ??
    createSessionService({
      config,
      verifier: createEmbedTokenVerifier({ config, jti: repos.jti, now }),
      sessions: repos.sessions,
      ticketEvents: repos.ticketEvents,
      now,
    });

  const app = express();
  app.disable('x-powered-by');
  // API answers are no-store and per session; hashing every body for an ETag would be work for nothing.
  app.set('etag', false);

  app.use(createCorrelationMiddleware(), createRequestLogger(logger));
  if (deps.draining) app.use(refuseWhileDraining(deps.draining));
  app.use(createSecurityHeaders(config), createCors(config));
  app.use(metrics.middleware);
  app.use(
    '/api',
    noStore,
    requireJsonBody(),
    express.json({ limit: API_BODY_LIMIT, type: ['application/json', 'application/*+json'] }),
  );

  app.use(
    createHealthRouter({
      db: store,
      storeKeys: Object.keys(config.stores),
      bigcommerce: deps.bigcommerce,
      now,
      draining: deps.draining,
      services: deps.services,
    }),
  );
  app.use(createMetricsRouter({ metrics, token: config.metricsToken }));
  app.use(createSessionRouter({ sessions, sandbox: config.sandbox }));
  app.use(createAdminRouter({ adminToken: config.adminToken, errorLog: repos.errorLog }));
  app.use(createWidgetRouter({ widgetDist: deps.widgetDist ?? DEFAULT_WIDGET_DIST }));
  for (const router of deps.routers ?? []) app.use(router);

  app.use(
    '/api/v1',
    markRouteBase('/api/v1'),
    requireSession(sessions),
    // After the session check: requests without a valid session are refused before they count for anybody.
    ...createRateLimits(deps),
    ...(deps.apiRouters ?? []),
  );

  app.use(createNotFound());
  app.use(
    createErrorHandler({
      logger,
      translate: toAppError,
      recordFailure: (record) => repos.errorLog.record(record),
      now,
    }),
  );
  return app;
}
