import { Router } from 'express';
import { AppError } from '../core/app-error.js';

/** Whatever can tell whether a store answers: the BigCommerce clients in production, a stub in tests. */
export interface StorePinger {
  ping(storeKey: string): Promise<unknown>;
}

export interface HealthRouteDeps {
  /** Whether the database answers (the store's check); never throws. */
  db: { check(): Promise<boolean> };
  storeKeys: readonly string[];
  bigcommerce?: StorePinger;
  now?: () => number;
  /** How long one readiness verdict is reused; probes every few seconds must not spend the store's API quota. */
  cacheMs?: number;
  pingTimeoutMs?: number;
  /** True while the server shuts down: readiness fails so load balancers stop sending traffic. */
  draining?: () => boolean;
  /**
   * Shared services this instance needs to take writes (REDIS_URL: `redis`), each a check that never throws. One
   * that fails makes readiness 503, so a load balancer sends agents to an instance that can write.
   */
  services?: Record<string, () => Promise<boolean>>;
}

export interface ReadinessReport {
  ready: boolean;
  checks: {
    database: 'ok' | 'failed';
    stores: Record<string, 'ok' | 'unreachable'>;
    services?: Record<string, 'ok' | 'unreachable'>;
  };
}

async function pingWithTimeout(pinger: StorePinger, storeKey: string, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([pinger.ping(storeKey).then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export function createReadinessCheck(deps: HealthRouteDeps): () => Promise<ReadinessReport> {
  const now = deps.now ?? Date.now;
  const cacheMs = deps.cacheMs ?? 5000;
  let cached: { at: number; report: ReadinessReport } | null = null;
  let inFlight: Promise<ReadinessReport> | null = null;

  async function run(): Promise<ReadinessReport> {
    const database = (await deps.db.check()) ? 'ok' : 'failed';
    const stores: Record<string, 'ok' | 'unreachable'> = {};
    if (deps.bigcommerce) {
      const pinger = deps.bigcommerce;
      const results = await Promise.all(
        deps.storeKeys.map((key) => pingWithTimeout(pinger, key, deps.pingTimeoutMs ?? 3000)),
      );
      deps.storeKeys.forEach((key, index) => {
        stores[key] = results[index] ? 'ok' : 'unreachable';
      });
    }
    const serviceEntries = Object.entries(deps.services ?? {});
    const serviceResults = await Promise.all(serviceEntries.map(([, check]) => check().catch(() => false)));
    const services = Object.fromEntries(
      serviceEntries.map(([name], index) => [name, serviceResults[index] ? 'ok' : 'unreachable'] as const),
    );
    const ready =
      database === 'ok' &&
      Object.values(stores).every((state) => state === 'ok') &&
      Object.values(services).every((state) => state === 'ok');
    return {
      ready,
      checks: { database, stores, ...(serviceEntries.length > 0 ? { services } : {}) },
    };
  }

  return async () => {
    if (cached && now() - cached.at < cacheMs) return cached.report;
    // Concurrent probes share one round of pings.
    inFlight ??= run().finally(() => {
      inFlight = null;
    });
    const report = await inFlight;
    cached = { at: now(), report };
    return report;
  };
}

/** GET /healthz (alive, no dependencies) and GET /readyz (DB ok and every store answers). */
export function createHealthRouter(deps: HealthRouteDeps): Router {
  const router = Router();
  const checkReadiness = createReadinessCheck(deps);

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    if (deps.draining?.()) throw new AppError('not_ready', { message: 'The service is shutting down.' });
    const report = await checkReadiness();
    if (!report.ready) {
      const failing = [
        ...(report.checks.database === 'ok' ? [] : ['database']),
        ...Object.entries(report.checks.stores)
          .filter(([, state]) => state !== 'ok')
          .map(([key]) => `store "${key}"`),
        ...Object.entries(report.checks.services ?? {})
          .filter(([, state]) => state !== 'ok')
          .map(([name]) => name),
      ];
      throw new AppError('not_ready', {
        message: `The service is not ready: ${failing.join(', ')} not available.`,
        details: report.checks,
      });
    }
    res.json({ status: 'ready', checks: report.checks });
  });
  return router;
}
