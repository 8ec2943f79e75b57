// Starts the BigCommerce sandbox: an Express 5 server on loopback with BigCommerce's URL layout
// (/stores/{hash}/v2|v3/...), X-Auth-Token checks, per-store rate-limit windows, scripted faults, webhook
// deliveries to registered hooks, and the /__sandbox control API.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { routeControl } from './control-routes.js';
import { corruptBody } from './corrupt-records.js';
import { createFaultRegistry } from './fault-registry.js';
import { createRateLimiter, type RateLimitState } from './rate-limiter.js';
import { DEFAULT_SANDBOX_STORES } from './sandbox-store-spec.js';
import { errorFor, routeRequest, type SandboxReply } from './sandbox-routes.js';
import type { Sandbox, SandboxOptions, SandboxRequest, SandboxStoreHandle } from './sandbox-types.js';
import { createStoreRuntime, type StoreRuntime } from './store-runtime.js';
import { createWebhookDispatcher } from './webhook-dispatcher.js';

const STORE_PATH = /^\/stores\/([^/?]+)(\/[^?]*)?(\?.*)?$/;
const CONTROL_PATH = /^\/__sandbox(\/[^?]*)?(\?.*)?$/;
/** Hook ids in the range BigCommerce's look like (webhooks.v3.yml example 18048287). */
const FIRST_HOOK_ID = 20_000_001;

const STATUS_MESSAGES: Record<number, string> = {
  500: 'Internal server error.',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const now = options.now ?? Date.now;
  const specs = options.stores ?? DEFAULT_SANDBOX_STORES;
  const log = options.log ?? ((): void => undefined);
  const faults = createFaultRegistry(options.faultSeed ?? 1);
  const dispatcher = createWebhookDispatcher({
    now,
    seed: options.faultSeed ?? 1,
    webhooks: options.webhooks,
    log,
  });
  let nextHookId = FIRST_HOOK_ID;
  const runtimes = new Map<string, StoreRuntime>(
    specs.map((spec) => [
      spec.hash,
      createStoreRuntime({ spec, now, dispatcher, registry: faults, nextHookId: () => nextHookId++ }),
    ]),
  );
  const stores: SandboxStoreHandle[] = [...runtimes.values()].map((runtime) => ({
    hash: runtime.hash,
    token: runtime.spec.token,
    label: runtime.spec.label,
    data: runtime.data,
    personas: runtime.data.personas,
    mutate: runtime.mutate,
    faults: runtime.faults,
    webhooks: {
      list: () => runtime.hooks.list(),
      deactivate(hookId) {
        const hook = runtime.hooks.deactivate(hookId);
        if (!hook) throw new Error(`No webhook ${hookId} in sandbox store '${runtime.hash}'`);
        return hook;
      },
      pause: () => void runtime.faults.set({ deliveries: { paused: true } }),
      resume: () => void runtime.faults.set({ deliveries: { paused: false } }),
      pending: () => dispatcher.pending(runtime.hash),
    },
  }));
  const storeByHash = new Map(stores.map((s) => [s.hash, s]));
  const quotaByHash = new Map(specs.map((s) => [s.hash, s.quota ?? options.quota ?? 150]));
  const limiter = createRateLimiter({
    windowMs: options.windowMs ?? 30_000,
    now,
    quotaFor: (hash) => quotaByHash.get(hash) ?? options.quota ?? 150,
  });
  const requests: SandboxRequest[] = [];
  let latencyMs = options.latencyMs ?? 0;

  // Pending default sleeps are released on close() so a long latency never keeps the process alive.
  const timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  const sleep =
    options.sleep ??
    ((ms: number): Promise<void> =>
      new Promise<void>((resolve) => {
        const entry = {
          timer: setTimeout(() => {
            timers.delete(entry);
            resolve();
          }, ms),
          resolve,
        };
        timers.add(entry);
      }));

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Raw text so the token is checked before the body is judged (bad JSON without a token is still a 401).
  app.use(express.text({ type: () => true, limit: '2mb' }));

  // The control API: no token, no rate limit, no faults, not in `requests` (it is not BigCommerce).
  app.use((req: Request, res: Response, next: NextFunction) => {
    const match = CONTROL_PATH.exec(req.originalUrl);
    if (!match) return next();
    const reply = routeControl(
      { method: req.method, path: match[1] ?? '/', body: typeof req.body === 'string' ? req.body : '' },
      runtimes,
      dispatcher,
    );
    log(`[sandbox] control ${req.method} ${req.originalUrl} -> ${reply.status}`);
    res.status(reply.status).json(reply.body);
  });

  app.use(async (req: Request, res: Response) => {
    const match = STORE_PATH.exec(req.originalUrl);
    const hash = match?.[1] ?? '';
    const path = match?.[2] ?? req.path;
    const search = match?.[3] ?? '';
    const entry: SandboxRequest = {
      store: hash,
      method: req.method,
      path: path + search,
      status: 0,
      at: now(),
      ...bodyFields(req.method, req.body),
    };
    requests.push(entry);
    const send = (reply: SandboxReply, limit: RateLimitState | null): void => {
      entry.status = reply.status;
      if (limit) setRateLimitHeaders(res, limit);
      log(`[sandbox] ${hash || '-'} ${req.method} ${entry.path} -> ${reply.status}`);
      if (reply.body === undefined) res.status(reply.status).end();
      else res.status(reply.status).json(reply.body);
    };
    const hang = (): void => {
      // Never answered: the socket stays open until the client gives up or the sandbox closes.
      log(`[sandbox] ${hash} ${req.method} ${entry.path} -> (hung)`);
    };

    const store = match ? runtimes.get(hash) : undefined;
    if (!store) return send(errorFor(path, 404, 'Store not found.'), null);
    if (req.get('x-auth-token') !== store.spec.token) return send(errorFor(path, 401, 'Unauthorized.'), null);

    const limit = limiter.take(hash);
    if (!limit.allowed) return send(errorFor(path, 429, 'Too many requests.'), limit);

    const decision = faults.decide({ store: hash, method: req.method, path: path + search });
    const delay = latencyMs + decision.latencyMs;
    if (delay > 0) await sleep(delay);
    if (decision.outcome === 'rateLimit') {
      const storm = decision.rateLimit;
      // With headers: a quota-style 429. Without: BigCommerce's "platform under load" 429.
      const stormLimit = storm?.withHeaders
        ? { ...limit, left: 0, resetMs: storm.resetMs ?? limit.resetMs, allowed: false }
        : null;
      return send(errorFor(path, 429, 'Too many requests.'), stormLimit);
    }
    const fail = (): void =>
      decision.outcome === 'hang'
        ? hang()
        : send(
            errorFor(path, decision.status, STATUS_MESSAGES[decision.status] ?? 'Internal server error.'),
            limit,
          );
    if (decision.outcome !== 'none' && !decision.afterWrite) return fail();

    const reply = routeRequest(req.method, path, {
      store,
      data: store.data,
      query: new URLSearchParams(search),
      body: typeof req.body === 'string' ? req.body : '',
      now,
    });
    if (decision.outcome !== 'none') return fail();
    send(decision.malformed ? { ...reply, body: corruptBody(reply.body) } : reply, limit);
  });

  // Body-parser failures (e.g. a body over 2 MB) still answer in BigCommerce's v2 error shape, never HTML.
  app.use(
    (error: { status?: number; statusCode?: number }, req: Request, res: Response, _next: NextFunction) => {
      const status = error.status ?? error.statusCode ?? 500;
      const path = STORE_PATH.exec(req.originalUrl)?.[2] ?? req.path;
      const reply = errorFor(
        path,
        status,
        status === 413 ? 'The request body is too large.' : 'Bad request.',
      );
      res.status(reply.status).json(reply.body);
    },
  );

  const server = createServer(app as (req: IncomingMessage, res: ServerResponse) => void);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closed: Promise<void> | null = null;

  return {
    url: `http://${host}:${address.port}`,
    stores,
    store(hash) {
      const found = hash === undefined ? stores[0] : storeByHash.get(hash);
      if (!found) throw new Error(`No sandbox store '${hash ?? ''}'`);
      return found;
    },
    faults,
    requests,
    deliveries: dispatcher.deliveries,
    clearRequests: () => void requests.splice(0, requests.length),
    clearDeliveries: () => void dispatcher.deliveries.splice(0, dispatcher.deliveries.length),
    settleDeliveries: (settleOptions) => dispatcher.settle(settleOptions),
    setLatency(ms) {
      latencyMs = ms;
    },
    resetRateLimit: () => limiter.reset(),
    close() {
      closed ??= new Promise<void>((resolve) => {
        // Pending deliveries, retry timers and in-flight callbacks go first: nothing may outlive close().
        const deliveriesClosed = dispatcher.close();
        server.close(() => void deliveriesClosed.then(() => resolve()));
        for (const entry of timers) {
          clearTimeout(entry.timer);
          entry.resolve();
        }
        timers.clear();
        // Hung and keep-alive connections would otherwise hold close() (and the test process) open.
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}

function setRateLimitHeaders(res: Response, limit: RateLimitState): void {
  res.setHeader('X-Rate-Limit-Requests-Left', String(limit.left));
  res.setHeader('X-Rate-Limit-Requests-Quota', String(limit.quota));
  res.setHeader('X-Rate-Limit-Time-Reset-Ms', String(limit.resetMs));
  res.setHeader('X-Rate-Limit-Time-Window-Ms', String(limit.windowMs));
}

/** Which fields a write sent (never their values: a body may hold personal data), for tests that assert them. */
function bodyFields(method: string, body: unknown): Pick<SandboxRequest, 'fields'> {
  if ((method !== 'PUT' && method !== 'POST') || typeof body !== 'string' || body === '') return {};
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return { fields: Object.keys(parsed) };
  } catch {
    return {};
  }
}
