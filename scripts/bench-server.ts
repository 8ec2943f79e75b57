/**
 * The product under benchmark, in its own process (so the load generator does not share its event loop):
 * sandbox mode with injected BigCommerce latency, controlled by the bench over IPC.
 *
 * The bench starts several of these side by side, configured through the environment it forks them with:
 * BENCH_SYNC ('off': today's live path, every view asks BigCommerce; 'on': the sync room and its index),
 * BENCH_SYNC_INTERVAL_SECONDS, BENCH_SYNC_WINDOW_DAYS, BENCH_BULK_ORDERS (the EU store alone, with that many
 * extra orders), BENCH_REAL_QUOTA=1 (the sandbox's 150 requests per 30 s instead of a lifted quota) and
 * BENCH_DATABASE_FILE (a file instead of `:memory:`, so the index's bytes can be read with dbstat), and
 * BENCH_DATABASE_URL / BENCH_REDIS_URL / BENCH_REDIS_KEY_PREFIX (PostgreSQL and Redis, for `--backend postgres`).
 */
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import express from 'express';
import Database from 'better-sqlite3';
import os from 'node:os';
import path from 'node:path';
import { signEmbedTokenFor, type EmbedTokenInput } from '../bff/src/auth/sign-embed-token.js';
import { cacheKeys } from '../bff/src/cache/index.js';
import { signS2sToken } from '../bff/src/novomind/index.js';
import { DEFAULT_SANDBOX_STORES } from '../bff/src/sandbox/index.js';
import { startServer } from '../bff/src/server.js';
import { syncOf } from '../bff/src/wiring/index.js';

export type BenchRequest =
  | { id: number; type: 'token'; input: EmbedTokenInput }
  | { id: number; type: 'upstream-count' }
  | { id: number; type: 'upstream-since'; index: number }
  | { id: number; type: 'upstream-log'; index: number }
  | { id: number; type: 'clear-all' }
  | { id: number; type: 'clear-order'; store: string; orderId: number }
  | { id: number; type: 'baseline'; body: string }
  | { id: number; type: 'sync-state'; store: string }
  | { id: number; type: 'run-delta'; store: string }
  | { id: number; type: 'set-status'; hash: string; orderIds: number[]; statusId: number }
  | { id: number; type: 'deliveries'; hash: string; paused?: boolean; drop?: boolean }
  | { id: number; type: 'bulk-ids'; hash: string; count: number }
  | { id: number; type: 'index-bytes' }
  | { id: number; type: 's2s-token' }
  | {
      id: number;
      type: 'append-changes';
      store: string;
      count: number;
      orderId: number;
      customerId: number;
      email: string;
      /** The order's list entry (the feed's fields are made from it). */
      summary: unknown;
    }
  | { id: number; type: 'stop' };

/** What the bench needs to know about a store's sync (all times epoch ms). */
export interface BenchSyncState {
  enabled: boolean;
  backfillDone: boolean;
  current: boolean;
  running: boolean;
  lastSuccessAt: number | null;
  intervalMs: number | null;
  ordersIndexed: number;
}

export interface BenchUpstreamCall {
  method: string;
  path: string;
  status: number;
  /** Epoch ms (the sandbox's clock). */
  at: number;
}

export interface BenchIndexBytes {
  /** Bytes per index table and SQL index (dbstat), or null when dbstat is not compiled in. */
  orderBytes: number | null;
  customerBytes: number | null;
  orders: number;
  customers: number;
  /** The database file (and its WAL), for when dbstat is missing. */
  fileBytes: number;
  method: 'dbstat' | 'file size';
}

const BENCH_S2S_SECRET = 'bench-s2s-secret-0123456789abcdef0123456789';
const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 100);
const bulkOrders = Number(process.env.BENCH_BULK_ORDERS ?? 0);
const realQuota = process.env.BENCH_REAL_QUOTA === '1';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-bench-'));
const databaseFile = process.env.BENCH_DATABASE_FILE ? path.join(dataDir, 'bench.sqlite') : ':memory:';
const optional = (name: string, value: string | undefined) => (value === undefined ? {} : { [name]: value });

const server = await startServer(
  {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    // The warm rows drive thousands of requests through one session: a load test, not an agent.
    SESSION_RATE_LIMIT_PER_MINUTE: '0',
    SYNC: process.env.BENCH_SYNC === 'on' ? 'on' : 'off',
    // The novomind rows call /s2s/v1/ with tokens this process signs.
    S2S_SECRET: BENCH_S2S_SECRET,
    ...optional('SYNC_INTERVAL_SECONDS', process.env.BENCH_SYNC_INTERVAL_SECONDS),
    ...optional('SYNC_WINDOW_DAYS', process.env.BENCH_SYNC_WINDOW_DAYS),
    ...optional('SYNC_BACKFILL_SHARE', process.env.SYNC_BACKFILL_SHARE),
    // `npm run bench -- --backend postgres`: this product on PostgreSQL and Redis instead of SQLite and memory.
    ...optional('DATABASE_URL', process.env.BENCH_DATABASE_URL),
    ...optional('REDIS_URL', process.env.BENCH_REDIS_URL),
    ...optional('REDIS_KEY_PREFIX', process.env.BENCH_REDIS_KEY_PREFIX),
  },
  {
    database: databaseFile,
    defaultMetrics: false,
    sandbox: {
      latencyMs,
      // The quota is lifted so the bench measures our latency, not the sandbox's 150-per-30-s window; the
      // back-fill row keeps the real one (its minutes are the point).
      ...(realQuota ? {} : { quota: 10_000_000 }),
      ...(bulkOrders > 0 ? { stores: [{ ...DEFAULT_SANDBOX_STORES[0]!, bulkOrders }] } : {}),
    },
  },
);
const sandbox = server.sandbox!;
const { cache, config, repos } = server.context;
const sync = syncOf(server.context);

let baselineServer: ReturnType<ReturnType<typeof express>['listen']> | undefined;

async function syncState(store: string): Promise<BenchSyncState> {
  const orders = await repos.syncState.get(store, 'orders');
  const customers = await repos.syncState.get(store, 'customers');
  const facts = sync ? await sync.scheduler.facts(store) : null;
  return {
    enabled: sync !== undefined,
    backfillDone: orders.backfillDone && customers.backfillDone,
    current: sync ? (await sync.health.verdict(store)).current : false,
    running: facts?.running ?? false,
    lastSuccessAt: orders.lastSuccessAt,
    intervalMs: facts?.intervalMs ?? null,
    ordersIndexed: await repos.orderIndex.countOrders(store),
  };
}

function indexBytes(): Promise<BenchIndexBytes> {
  const fileBytes = ['', '-wal'].reduce((sum, suffix) => {
    try {
      return sum + fs.statSync(`${databaseFile}${suffix}`).size;
    } catch {
      return sum;
    }
  }, 0);
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const count = (table: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const orders = count('index_orders');
    const customers = count('index_customers');
    try {
      const bytesOf = (names: string[]) =>
        (
          db
            .prepare(
              `SELECT coalesce(sum(pgsize), 0) AS bytes FROM dbstat WHERE name IN (${names.map(() => '?').join(',')})`,
            )
            .get(...names) as { bytes: number }
        ).bytes;
      const namesLike = (table: string) =>
        (
          db
            .prepare(`SELECT name FROM sqlite_master WHERE tbl_name = ? AND type IN ('table', 'index')`)
            .all(table) as { name: string }[]
        ).map((row) => row.name);
      return Promise.resolve({
        orderBytes: bytesOf(namesLike('index_orders')),
        customerBytes: bytesOf(namesLike('index_customers')),
        orders,
        customers,
        fileBytes,
        method: 'dbstat',
      });
    } catch {
      return Promise.resolve({
        orderBytes: null,
        customerBytes: null,
        orders,
        customers,
        fileBytes,
        method: 'file size',
      });
    }
  } finally {
    db.close();
  }
}

async function answer(request: BenchRequest): Promise<unknown> {
  switch (request.type) {
    case 'token':
      return signEmbedTokenFor(config, request.input);
    case 'upstream-count':
      return sandbox.requests.length;
    case 'upstream-since':
      return sandbox.requests.slice(request.index).map((r) => `${r.method} ${r.path}`);
    case 'upstream-log':
      return sandbox.requests
        .slice(request.index)
        .map((r): BenchUpstreamCall => ({ method: r.method, path: r.path, status: r.status, at: r.at }));
    case 'clear-all':
      for (const store of Object.keys(config.stores)) cache.invalidatePrefix(cacheKeys.storePrefix(store));
      return true;
    case 'clear-order':
      cache.invalidatePrefix(cacheKeys.orderPrefix(request.store, request.orderId));
      return true;
    case 'baseline': {
      // A bare Express app in this same process answering the same JSON: what the framework alone costs here.
      const app = express();
      app.get('/api/v1/context', (_req, res) => res.type('json').send(request.body));
      const listener = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => listener.once('listening', resolve));
      baselineServer = listener;
      return `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
    }
    case 'sync-state':
      return syncState(request.store);
    case 'run-delta': {
      // A delta run of both streams now (after any run under way), as the console's "run a delta now" does.
      if (!sync) return 'disabled';
      await sync.scheduler.idle(request.store);
      let outcome = await sync.scheduler.runNow(request.store);
      while (outcome === 'already_running') {
        await sync.scheduler.idle(request.store);
        outcome = await sync.scheduler.runNow(request.store);
      }
      await new Promise((resolve) => setImmediate(resolve));
      await sync.scheduler.idle(request.store);
      return outcome;
    }
    case 'set-status': {
      // A merchant changes orders in BigCommerce: date_modified moves and the hooks fire.
      const store = sandbox.store(request.hash);
      for (const orderId of request.orderIds) store.mutate.setStatus(orderId, request.statusId);
      return Date.now();
    }
    case 'deliveries':
      return sandbox.store(request.hash).faults.set({
        deliveries: {
          ...(request.paused === undefined ? {} : { paused: request.paused }),
          ...(request.drop === undefined ? {} : { drop: request.drop }),
        },
      });
    case 'bulk-ids': {
      const bulk = sandbox.store(request.hash).data.bulk;
      if (!bulk) return [];
      // Spread over the store's history, newest last: the changed orders are a sample, not one block.
      const step = Math.max(1, Math.floor(bulk.count / request.count));
      return Array.from({ length: Math.min(request.count, bulk.count) }, (_, i) => bulk.firstId + i * step);
    }
    case 'index-bytes':
      return indexBytes();
    case 's2s-token':
      return signS2sToken(
        { client: 'bench', scopes: ['context:read', 'changes:read', 'events:write'] },
        { secret: BENCH_S2S_SECRET },
      );
    case 'append-changes': {
      // Order changes as the sync room records them (status changes of one order, one after the other).
      for (let i = 0; i < request.count; i++) {
        await repos.orderChanges.append({
          storeKey: request.store,
          orderId: request.orderId,
          kind: 'order.status_changed',
          source: 'webhook',
          customerId: request.customerId,
          email: request.email,
          statusId: i % 2 === 0 ? 9 : 11,
          previousStatusId: i % 2 === 0 ? 11 : 9,
          detail: { summary: request.summary },
          at: Date.now(),
        });
      }
      return request.count;
    }
    case 'stop':
      baselineServer?.close();
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      setImmediate(() => process.exit(0));
      return true;
  }
}

process.on('message', (message: BenchRequest) => {
  void answer(message).then(
    (result) => process.send?.({ id: message.id, result }),
    (error: unknown) =>
      process.send?.({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
// The bench going away (killed, crashed) takes its products with it.
process.on('disconnect', () => {
  void server.close().finally(() => process.exit(0));
});
process.send?.({
  ready: true,
  url: server.url,
  latencyMs,
  sync: sync !== undefined,
  syncWindowDays: Object.values(config.stores)[0]?.sync.windowDays ?? null,
  syncIntervalMs: Object.values(config.stores)[0]?.sync.intervalMs ?? null,
  backfillShare: config.syncBackfillShare,
  stores: sandbox.stores.map((store) => ({ hash: store.hash, personas: store.personas })),
});
