import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the BigCommerce client reports per HTTP attempt (fed from its onRequest callback). */
export interface UpstreamObservation {
  storeKey: string;
  method: string;
  /** A low-cardinality route like `/v2/orders/{id}`, never a raw path with ids or emails. */
  route: string;
  /** HTTP status, or null when no answer came (network error, timeout). */
  status: number | null;
  durationMs: number;
  /** 1 for the first try, 2+ for retries. */
  attempt: number;
}

/** The cache room reports hit, miss, stale, coalesced and error; any string is accepted so new outcomes need no change here. */
export type CacheOutcome = string;

export interface Metrics {
  registry: Registry;
  /** Times every request; label is the matched route pattern, never the raw URL. */
  middleware: RequestHandler;
  recordUpstream(observation: UpstreamObservation): void;
  recordCache(kind: string, outcome: CacheOutcome): void;
  /** The notes outbox registers how many notes wait for BigCommerce; read at scrape time. */
  setQueuedNotesSource(source: () => number | Promise<number>): void;
}

export interface CreateMetricsOptions {
  /** Node process metrics (event loop lag, heap …). Off in tests: they start timers. */
  defaultMetrics?: boolean;
}

const LOCALS_ROUTE_BASE = 'routeBase';

/**
 * Routers mounted under a prefix lose `req.baseUrl` once they pass an error on; this remembers the prefix
 * so the duration histogram still labels `/api/v1/orders/:orderId`, not `/orders/:orderId`.
 */
export function markRouteBase(base: string): RequestHandler {
  return (_req, res, next) => {
    res.locals[LOCALS_ROUTE_BASE] = base;
    next();
  };
}

export function createMetrics(options: CreateMetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });

  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Duration of HTTP requests served by the BFF.',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const upstreamRequests = new Counter({
    name: 'bigcommerce_requests_total',
    help: 'HTTP attempts made to BigCommerce, by store, route and status (status "none" = no answer).',
    labelNames: ['store', 'method', 'route', 'status', 'retry'] as const,
    registers: [registry],
  });
  const upstreamDuration = new Histogram({
    name: 'bigcommerce_request_duration_seconds',
    help: 'Duration of single HTTP attempts to BigCommerce.',
    labelNames: ['store', 'method', 'route'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15],
    registers: [registry],
  });
  const cacheEvents = new Counter({
    name: 'cache_lookups_total',
    help: 'Cache lookups by kind of data and outcome (stale = served a last good copy after an upstream failure).',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });
  let queuedNotes: () => number | Promise<number> = () => 0;
  new Gauge({
    name: 'notes_queued',
    help: 'Notes accepted but not yet written to BigCommerce.',
    registers: [registry],
    async collect() {
      this.set(await queuedNotes());
    },
  });

  const middleware: RequestHandler = (req, res, next) => {
    const end = httpDuration.startTimer();
    res.on('finish', () => {
      end({
        route: routeLabel(req.route, req.baseUrl, res.locals[LOCALS_ROUTE_BASE], req.path),
        method: req.method,
        status: String(res.statusCode),
      });
    });
    next();
  };

  return {
    registry,
    middleware,
    recordUpstream(observation) {
      const labels = { store: observation.storeKey, method: observation.method, route: observation.route };
      upstreamRequests.inc({
        ...labels,
        status: observation.status === null ? 'none' : String(observation.status),
        retry: observation.attempt > 1 ? 'true' : 'false',
      });
      upstreamDuration.observe(labels, observation.durationMs / 1000);
    },
    recordCache(kind, outcome) {
      cacheEvents.inc({ kind, outcome });
    },
    setQueuedNotesSource(source) {
      queuedNotes = source;
    },
  };
}

function routeLabel(route: unknown, baseUrl: string, markedBase: unknown, path: string): string {
  const pattern = (route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') {
    const base = baseUrl || (typeof markedBase === 'string' ? markedBase : '');
    return `${base}${pattern}`;
  }
  // Static files have no route; one label for all of them keeps cardinality bounded.
  if (path.startsWith('/widget/')) return '/widget/*';
  return 'unmatched';
}
