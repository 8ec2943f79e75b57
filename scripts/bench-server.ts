/**
 * The product under benchmark, in its own process (so the load generator does not share its event loop):
 * sandbox mode with injected BigCommerce latency, controlled by the bench over IPC.
 */
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import express from 'express';
import os from 'node:os';
import path from 'node:path';
import { signEmbedTokenFor, type EmbedTokenInput } from '../bff/src/auth/sign-embed-token.js';
import { cacheKeys } from '../bff/src/cache/index.js';
import { startServer } from '../bff/src/server.js';

export type BenchRequest =
  | { id: number; type: 'token'; input: EmbedTokenInput }
  | { id: number; type: 'upstream-count' }
  | { id: number; type: 'upstream-since'; index: number }
  | { id: number; type: 'clear-all' }
  | { id: number; type: 'clear-order'; store: string; orderId: number }
  | { id: number; type: 'baseline'; body: string }
  | { id: number; type: 'stop' };

const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 100);
const server = await startServer(
  {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'oc-bench-')),
    LOG_LEVEL: 'error',
    // The warm rows drive thousands of requests through one session: a load test, not an agent.
    SESSION_RATE_LIMIT_PER_MINUTE: '0',
  },
  // The quota is lifted so the bench measures our latency, not the sandbox's 150-per-30-s window.
  { database: ':memory:', defaultMetrics: false, sandbox: { latencyMs, quota: 10_000_000 } },
);
const sandbox = server.sandbox!;
const { cache, config } = server.context;

let baselineServer: ReturnType<ReturnType<typeof express>['listen']> | undefined;

async function answer(request: BenchRequest): Promise<unknown> {
  switch (request.type) {
    case 'token':
      return signEmbedTokenFor(config, request.input);
    case 'upstream-count':
      return sandbox.requests.length;
    case 'upstream-since':
      return sandbox.requests.slice(request.index).map((r) => `${r.method} ${r.path}`);
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
    case 'stop':
      baselineServer?.close();
      await server.close();
      setImmediate(() => process.exit(0));
      return true;
  }
}

process.on('message', (message: BenchRequest) => {
  void answer(message).then((result) => process.send?.({ id: message.id, result }));
});
process.send?.({
  ready: true,
  url: server.url,
  latencyMs,
  stores: sandbox.stores.map((store) => ({ hash: store.hash, personas: store.personas })),
});
