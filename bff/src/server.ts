/**
 * Starts the whole product: config, (sandbox), database, BigCommerce clients, cache, app, HTTP listener,
 * and shuts it down in order. `startServer(env)` is what `npm start`, the tests and the bench call;
 * `main` below only runs when this file is executed directly.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryStore, type Store as RateLimitStore } from 'express-rate-limit';
import type { DestinationStream } from 'pino';
import { createApp, DEFAULT_WIDGET_DIST } from './app.js';
import { createEmbedTokenVerifier } from './auth/embed-token.js';
import { createSessionService } from './auth/sessions.js';
import {
  createBigCommerceClient,
  isOutage,
  type BigCommerceClient,
  type BigCommerceClientOptions,
} from './bigcommerce/index.js';
import { createCache } from './cache/index.js';
import { ConfigError, loadConfig, type AppConfig } from './config.js';
import { createLogger, type Logger } from './http/logger.js';
import { createMetrics } from './http/metrics.js';
import { createInProcessOrderLock } from './notes/index.js';
import { createOpsRegistry } from './ops/index.js';
import { PRODUCT_EXTENSIONS } from './wiring/index.js';
import { openSharedState } from './wiring/shared-state.js';
import type { ExtendServer, ServerContext, ServerExtension } from './wiring/server-context.js';

export type { ExtendServer, ServerContext, ServerExtension } from './wiring/server-context.js';
import { startSandbox, withSandboxStores, type Sandbox, type SandboxOptions } from './sandbox/index.js';
import { defaultDatabaseFile, openSqliteStore } from './store/index.js';

export interface StartServerOptions {
  /** Extra extensions (after the product's own). */
  extend?: ExtendServer | readonly ExtendServer[];
  /** Apply the product's extensions (wiring/index.ts). Default true. */
  productExtensions?: boolean;
  /** Sandbox mode only: options for the sandbox (latency, quota, faultSeed …); host/port stay loopback/random. */
  sandbox?: Omit<SandboxOptions, 'host' | 'port'>;
  /** Database file; default `${DATA_DIR}/order-context.sqlite`. `:memory:` for throwaway runs. */
  database?: string;
  /** How long in-flight requests may take to finish on shutdown before connections are cut. Default 10 s. */
  graceMs?: number;
  /** Log lines go here instead of stdout. */
  logDestination?: DestinationStream;
  now?: () => number;
  widgetDist?: string;
  /** Node process metrics in /metrics. Default true. */
  defaultMetrics?: boolean;
  /** Counters of the per-session rate limit; default in this process. A shared (Redis) store for several instances. */
  rateLimitStore?: RateLimitStore;
  /** BigCommerce client tuning for every store (tests: short timeouts, no real sleeping between retries). */
  bigcommerce?: Pick<BigCommerceClientOptions, 'timeoutMs' | 'sleep' | 'random' | 'retry' | 'maxConcurrency'>;
}

export interface RunningServer {
  url: string;
  config: AppConfig;
  sandbox: Sandbox | null;
  context: ServerContext;
  /** Graceful: refuse new work, drain, stop extensions, close resources. Idempotent. */
  close(): Promise<void>;
}

function collectSecrets(config: AppConfig): string[] {
  return [
    config.embed.secret,
    ...Object.values(config.stores).map((store) => store.accessToken),
    ...Object.values(config.markets).flatMap((market) => (market.embedSecret ? [market.embedSecret] : [])),
    ...(config.metricsToken ? [config.metricsToken] : []),
    ...(config.adminToken ? [config.adminToken] : []),
    ...(config.s2s.secret ? [config.s2s.secret] : []),
    // REDIS_URL may carry a password (redis://:secret@host); it never reaches a log line.
    ...(config.redis ? redisPassword(config.redis.url) : []),
    ...Object.values(config.stores).flatMap((store) => (store.webhookSecret ? [store.webhookSecret] : [])),
    ...Object.values(config.markets).flatMap((market) =>
      market.novomind?.push ? [market.novomind.push.secret] : [],
    ),
  ];
}

function redisPassword(url: string): string[] {
  const { password } = new URL(url);
  return password === '' ? [] : [password, decodeURIComponent(password)];
}

function listen(server: http.Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

function formatUrl(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/** Starts the product in-process. Throws ConfigError on bad configuration (nothing is left running then). */
export async function startServer(
  env: NodeJS.ProcessEnv = process.env,
  options: StartServerOptions = {},
): Promise<RunningServer> {
  const now = options.now ?? Date.now;
  let config = loadConfig(env);
  // Cleanups registered as resources come up, run in reverse if start fails half-way.
  const cleanups: (() => void | Promise<void>)[] = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };

  try {
    // The sandbox starts before the logger exists (the logger must know the sandbox's tokens to scrub them).
    const early: { logger?: Logger } = {};
    let sandbox: Sandbox | null = null;
    if (config.sandbox) {
      sandbox = await startSandbox({
        ...options.sandbox,
        host: '127.0.0.1',
        port: 0,
        log: (line) => early.logger?.debug({ sandbox: true }, line),
      });
      const running = sandbox;
      cleanups.push(() => running.close());
      config = withSandboxStores(config, sandbox.url, sandbox.stores);
    }

    const log = createLogger({
      level: config.logLevel,
      destination: options.logDestination,
      secrets: collectSecrets(config),
    });
    early.logger = log;
    if (sandbox) {
      log.warn(
        { sandboxUrl: sandbox.url, stores: Object.keys(config.stores), markets: Object.keys(config.markets) },
        `SANDBOX MODE: BigCommerce sandbox at ${sandbox.url} with seeded demo data (no BigCommerce credentials configured)`,
      );
    }
    if (config.adminTokenGenerated) {
      log.warn(
        'SANDBOX MODE: ADMIN_TOKEN is not set: using a random admin token for this run; /demo links to the operations console with it',
      );
    }
    if (config.embed.ephemeral) {
      log.warn(
        'EMBED_SECRET is not set: using a random secret for this run; signed URLs stop working on restart',
      );
    }

    // DATA_DIR's lock is held for the life of the process, whatever the database file: a second process on the
    // same directory is refused here, before it could touch the outbox.
    const store = openSqliteStore(options.database ?? defaultDatabaseFile(config.dataDir), {
      lockDir: config.dataDir,
      retention: config.retention,
    });
    cleanups.push(() => store.close());
    const { repos } = store;
    const metrics = createMetrics({ defaultMetrics: options.defaultMetrics ?? true });
    // Before the clients and the cache: both report every call and lookup to the console from the first one on.
    const ops = createOpsRegistry({ storeKeys: Object.keys(config.stores), now });
    // REDIS_URL: the cache's shared tier, one quota per store, the order lock, the sync leader and the rate limit's
    // counters are shared with the other instances. Unset: null, everything stays in this process.
    const shared = await openSharedState(config, log, metrics.registry);
    if (shared) cleanups.push(() => shared.close());

    const clients: Record<string, BigCommerceClient> = {};
    for (const store of Object.values(config.stores)) {
      clients[store.key] = createBigCommerceClient({
        ...options.bigcommerce,
        storeKey: store.key,
        storeHash: store.hash,
        accessToken: store.accessToken,
        apiUrl: store.apiUrl,
        quotaBudget: shared?.quotaBudgetFor(store.key),
        now,
        logger: log.child({ room: 'bigcommerce', storeKey: store.key }),
        onRequest: (metric) => {
          metrics.recordUpstream(metric);
          ops.recordUpstream(metric);
        },
      });
    }
    cleanups.push(() => Object.values(clients).forEach((client) => client.close()));
    const clientFor = (storeKey: string): BigCommerceClient => {
      const client = Object.hasOwn(clients, storeKey) ? clients[storeKey] : undefined;
      if (!client) throw new Error(`No BigCommerce client for store "${storeKey}"`);
      return client;
    };

    const cache = createCache({
      now,
      onEvent: (kind, outcome, store) => {
        metrics.recordCache(kind, outcome);
        ops.recordCacheLookup(store, outcome);
      },
      // Stale copies stand in for outages only; a 404 drops the copy (bigcommerce/is-outage.ts).
      isOutage,
      shared: shared?.cache,
    });
    cleanups.push(() => cache.close());

    const sessions = createSessionService({
      config,
      verifier: createEmbedTokenVerifier({ config, jti: repos.jti, now }),
      sessions: repos.sessions,
      ticketEvents: repos.ticketEvents,
      now,
    });

    let listeningUrl: string | null = null;
    const context: ServerContext = {
      orderLock: shared?.orderLock ?? createInProcessOrderLock(),
      isSyncLeader: shared ? (storeKey) => shared.leader.isLeader(storeKey) : undefined,
      listeningUrl: () => listeningUrl,
      config,
      logger: log,
      store,
      repos,
      metrics,
      cache,
      now,
      clients,
      clientFor,
      sessions,
      sandbox,
      ops,
    };

    const factories: ExtendServer[] = [
      ...(options.productExtensions === false ? [] : PRODUCT_EXTENSIONS),
      ...(options.extend === undefined
        ? []
        : typeof options.extend === 'function'
          ? [options.extend]
          : options.extend),
    ];
    const extensions: ServerExtension[] = [];
    for (const factory of factories) extensions.push(await factory(context));

    const widgetDist = options.widgetDist ?? DEFAULT_WIDGET_DIST;
    if (!fs.existsSync(path.join(widgetDist, 'order-context.js'))) {
      log.warn({ widgetDist }, 'The widget is not built (run `npm run build`): /widget/ will not load');
    }

    // Ours to stop on close (its sweep timer); a store passed in belongs to the caller.
    const sharedRateLimitStore = options.rateLimitStore ?? shared?.rateLimitStore;
    const ownRateLimitStore = sharedRateLimitStore ? undefined : new MemoryStore();
    cleanups.push(() => ownRateLimitStore?.shutdown());

    let draining = false;
    const app = createApp({
      config,
      logger: log,
      store,
      metrics,
      now,
      sessions,
      bigcommerce: { ping: (storeKey) => clientFor(storeKey).ping() },
      apiRouters: extensions.flatMap((extension) => extension.apiRouters ?? []),
      routers: extensions.flatMap((extension) => extension.routers ?? []),
      widgetDist,
      draining: () => draining,
      rateLimit: { store: sharedRateLimitStore ?? ownRateLimitStore },
      services: shared ? { redis: () => shared.check() } : undefined,
    });

    const server = http.createServer(app);
    // While draining, a keep-alive socket that just finished its request is closed instead of kept.
    server.on('request', (_req, res: http.ServerResponse) => {
      res.on('finish', () => {
        if (draining) setImmediate(() => server.closeIdleConnections());
      });
    });
    const address = await listen(server, config.port, config.host);
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    );
    const url = formatUrl(address);
    listeningUrl = url;

    // Leases only once this instance can do the work: a leader that cannot serve would hold the sync back.
    shared?.leader.start();
    let started = 0;
    for (const extension of extensions) {
      await extension.start?.();
      started += 1;
      cleanups.push(async () => {
        await extension.stop?.();
      });
    }
    log.info({ url, sandbox: config.sandbox, stores: Object.keys(config.stores) }, `listening on ${url}`);

    let closing: Promise<void> | null = null;
    const close = (): Promise<void> => {
      closing ??= (async () => {
        log.info('shutting down: refusing new work');
        draining = true;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const graceMs = options.graceMs ?? 10_000;
        const timer = setTimeout(() => {
          log.warn({ graceMs }, 'requests still running after the grace period; closing their connections');
          server.closeAllConnections();
        }, graceMs);
        timer.unref();
        await closed;
        clearTimeout(timer);

        for (const extension of extensions.slice(0, started).reverse()) {
          try {
            await extension.stop?.();
          } catch (error) {
            log.error({ err: error }, 'an extension failed to stop cleanly');
          }
        }
        cache.close();
        ownRateLimitStore?.shutdown();
        // Leases released at once, so another instance leads without waiting for them to run out.
        await shared?.close();
        Object.values(clients).forEach((client) => client.close());
        if (sandbox) await sandbox.close();
        await store.close();
        log.info('stopped');
      })();
      return closing;
    };

    return { url, config, sandbox, context, close };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

async function main(): Promise<void> {
  let running: RunningServer;
  try {
    running = await startServer(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error — the service was not started:\n${error.message}`);
    } else {
      console.error('The service could not start:', error instanceof Error ? error.message : error);
    }
    process.exit(1);
  }
  let signals = 0;
  const stop = (signal: NodeJS.Signals) => {
    signals += 1;
    // A second Ctrl-C means "now": skip the drain.
    if (signals > 1) process.exit(1);
    running.context.logger.info({ signal }, 'signal received');
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

const runDirectly =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (runDirectly) await main();
