// The whole product in sandbox mode with the sync room on: the sandbox delivers its webhooks to this very
// process (its listening URL), the index back-fills at start, and the test watches the index, the change
// sequence and the sandbox's request log. Real time, short waits: conditions are polled, never timed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signEmbedTokenFor } from '../../../bff/src/auth/sign-embed-token.js';
import type { Sandbox } from '../../../bff/src/sandbox/index.js';
import { startServer, type RunningServer } from '../../../bff/src/server.js';
import { syncOf } from '../../../bff/src/wiring/index.js';
import type { Sync } from '../../../bff/src/sync/index.js';

export interface SyncProduct {
  server: RunningServer;
  sandbox: Sandbox;
  sync: Sync;
  dir: string;
  /** Moves the product's and the sandbox's clock forward (timers stay real). */
  advance(ms: number): void;
  session(claims: { ticket: string; email?: string; customer?: string; market?: string }): Promise<string>;
  get<T = unknown>(session: string, path: string): Promise<{ status: number; body: T }>;
  /** BigCommerce requests of the store since the last clear, as "GET /v2/orders…". */
  upstream(hash?: string): string[];
  clearUpstream(): void;
  close(): Promise<void>;
}

export async function startSyncProduct(
  options: { env?: Record<string, string>; dir?: string; database?: string } = {},
): Promise<SyncProduct> {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sync-test-'));
  let offset = 0;
  const now = () => Date.now() + offset;
  const server = await startServer(
    { PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'silent', ...options.env },
    {
      database: options.database ?? path.join(dir, 'order-context.sqlite'),
      defaultMetrics: false,
      graceMs: 1_000,
      now,
      sandbox: { now, quota: 1_000_000, webhooks: { retryScheduleMs: [20, 40, 80], timeoutMs: 2_000 } },
    },
  );
  const sandbox = server.sandbox;
  const sync = syncOf(server.context);
  if (!sandbox || !sync) throw new Error('sandbox mode with the sync room expected');
  return {
    server,
    sandbox,
    sync,
    dir,
    advance: (ms) => void (offset += ms),
    async session(claims) {
      const token = await signEmbedTokenFor(
        server.config,
        { agent: 'sync.agent', scope: 'orders:read notes:write links:write', market: 'de', ...claims },
        { now },
      );
      const response = await fetch(`${server.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      if (response.status !== 201) throw new Error(`session: ${response.status}`);
      return ((await response.json()) as { session: string }).session;
    },
    async get<T>(session: string, pathAndQuery: string) {
      const response = await fetch(`${server.url}${pathAndQuery}`, {
        headers: { authorization: `Bearer ${session}` },
      });
      return { status: response.status, body: (await response.json()) as T };
    },
    upstream: (hash = 'sbx1eu') =>
      sandbox.requests.filter((r) => r.store === hash).map((r) => `${r.method} ${r.path}`),
    clearUpstream: () => sandbox.clearRequests(),
    async close() {
      await server.close();
      if (!options.dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until the condition holds (or gives up after `ms`): for what happens in the background. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = 15_000,
): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`gave up waiting until ${what}`);
}

/** The product with both sandbox stores' indexes current and the EU hooks registered: where most tests start. */
export async function startCurrentSyncProduct(
  options: Parameters<typeof startSyncProduct>[0] = {},
): Promise<SyncProduct> {
  const product = await startSyncProduct(options);
  for (const storeKey of ['eu', 'us']) {
    await eventually(
      async () => (await product.sync.health.verdict(storeKey)).current,
      `the ${storeKey} index is current`,
    );
  }
  await eventually(
    async () => (await product.sync.scheduler.facts('eu')).hooks?.checkedAt != null,
    'the hooks are registered',
  );
  return product;
}
