import { fileURLToPath } from 'node:url';
import {
  createAdminActions,
  createStatusService,
  createStoreProbe,
  registerOpsMetrics,
  type StatusService,
} from '../ops/index.js';
import { createAdminPageRouter } from '../routes/admin-page.js';
import { createAdminStatusRouter } from '../routes/admin-status.js';
import type { ExtendServer, ServerContext } from './server-context.js';

export const DEFAULT_CONSOLE_DIST = fileURLToPath(new URL('../../../widget/dist-console', import.meta.url));

/** The minute series' gauges (lag, queue depths) are sampled this often when nobody looks. */
export const OPS_SAMPLE_INTERVAL_MS = 60_000;

export interface OpsExtensionOptions {
  consoleDist?: string;
  /** Hands the status service to the caller (tests read reports with it). */
  onReady?: (status: StatusService) => void;
}

function buildStatusService(ctx: ServerContext): StatusService {
  return createStatusService({
    registry: ctx.ops,
    repos: ctx.repos,
    stores: Object.values(ctx.config.stores).map((store) => ({ key: store.key, label: store.label })),
    sandbox: ctx.config.sandbox,
    quotaOf: (storeKey) => ctx.clientFor(storeKey).quota(),
    probe: createStoreProbe({ ping: (storeKey) => ctx.clientFor(storeKey).ping(), now: ctx.now }),
    now: ctx.now,
  });
}

/**
 * The operations console (issue 14): the status JSON and the actions under /api/v1/admin, the page at /admin/,
 * the console's figures in /metrics, and a minute timer that keeps the last hour's chart filled.
 */
export function createOpsExtension(options: OpsExtensionOptions = {}): ExtendServer {
  return (ctx) => {
    const status = buildStatusService(ctx);
    const actions = createAdminActions({
      registry: ctx.ops,
      errorLog: ctx.repos.errorLog,
      logger: ctx.logger,
      now: ctx.now,
    });
    registerOpsMetrics(ctx.metrics.registry, ctx.ops, () => status.report());
    options.onReady?.(status);
    let timer: NodeJS.Timeout | null = null;

    return {
      routers: [
        createAdminStatusRouter({ adminToken: ctx.config.adminToken, status, actions }),
        createAdminPageRouter({
          adminToken: ctx.config.adminToken,
          consoleDist: options.consoleDist ?? DEFAULT_CONSOLE_DIST,
        }),
      ],
      start() {
        timer = setInterval(() => {
          status.report().catch((error: unknown) => {
            ctx.logger.warn({ room: 'ops', err: error }, 'sampling the stores for the console failed');
          });
        }, OPS_SAMPLE_INTERVAL_MS);
        // The console's chart must never be what keeps the process alive.
        timer.unref();
      },
      async stop() {
        if (timer) clearInterval(timer);
        // A report in flight reads the database: let it finish before the store closes.
        await status.idle();
      },
    };
  };
}
