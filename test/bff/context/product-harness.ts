// The whole product over HTTP: a BigCommerce sandbox on loopback, the BFF started by startServer with a config
// file that points at it (so markets, channels and control-panel links behave as with a real store), an
// in-memory database and a movable clock.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FieldTemplate } from '../../../shared/index.js';
import { signEmbedToken, type EmbedTokenInput } from '../../../bff/src/auth/sign-embed-token.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../bff/src/sandbox/index.js';
import { startServer, type ExtendServer, type RunningServer } from '../../../bff/src/server.js';

export const EMBED_SECRET = 'context-tests-embed-secret-0123456789abcdef';
export const EU_TOKEN = 'sandbox-token-eu';
export const US_TOKEN = 'sandbox-token-us';
/** A moment after the sandbox's newest orders. */
export const T0 = Date.UTC(2026, 10, 28, 9, 0, 0);

export interface Clock {
  now(): number;
  advance(ms: number): void;
}

export function createClock(start = T0): Clock {
  let at = start;
  return { now: () => at, advance: (ms) => void (at += ms) };
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  text: string;
  correlationId: string | null;
}

export interface Product {
  url: string;
  sandbox: Sandbox;
  server: RunningServer;
  clock: Clock;
  /** Every response body this product sent during the test run, for "no token in any body". */
  bodies: string[];
  logText(): string;
  openSession(input: Partial<EmbedTokenInput>): Promise<string>;
  get<T = unknown>(session: string, pathAndQuery: string): Promise<Reply<T>>;
  post<T = unknown>(session: string, pathAndQuery: string, body: unknown): Promise<Reply<T>>;
  /** BigCommerce requests the sandbox logged since the last `clearUpstream()`, as "GET /v2/orders?…". */
  upstream(): string[];
  clearUpstream(): void;
  close(): Promise<void>;
}

export interface ProductOptions {
  /** Channels of market "de" (store eu); null = all. Default [1]. */
  channels?: number[] | null;
  /** Field-mapping template of market "de"; default: none (the built-in default applies). */
  template?: FieldTemplate;
  sandbox?: Omit<SandboxOptions, 'host' | 'port'>;
  /** More environment for the product (REQUEST_BUDGET_SECONDS …). */
  env?: Record<string, string>;
  /** The BigCommerce client's per-attempt timeout. Default 5000. */
  timeoutMs?: number;
  /** Extensions after the product's own (a test's stand-in for a room that has not landed yet). */
  extend?: ExtendServer[];
}

let ticketCounter = 0;
/** A ticket id no other test uses (links are stored per ticket). */
export function nextTicket(): string {
  ticketCounter += 1;
  return `T-${process.pid}-${ticketCounter}`;
}

export async function startProduct(options: ProductOptions = {}): Promise<Product> {
  const clock = createClock();
  const sandbox = await startSandbox({ quota: 1_000_000, faultSeed: 11, ...options.sandbox });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'context-tests-'));
  const configFile = path.join(dir, 'stores.json');
  const channels = options.channels === undefined ? [1] : options.channels;
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      stores: {
        eu: { hash: 'sbx1eu', tokenEnv: 'BC_TOKEN_EU', apiUrl: sandbox.url, label: 'Sandbox EU' },
        us: { hash: 'sbx2us', tokenEnv: 'BC_TOKEN_US', apiUrl: sandbox.url, label: 'Sandbox US' },
      },
      markets: {
        de: {
          store: 'eu',
          label: 'Deutschland',
          locales: ['de', 'de-DE'],
          ...(channels === null ? {} : { channels }),
          permissions: ['orders:read', 'notes:write', 'links:write'],
          ...(options.template ? { template: options.template } : {}),
        },
        us: {
          store: 'us',
          label: 'United States',
          locales: ['en-US'],
          permissions: ['orders:read', 'links:write'],
        },
      },
      defaultMarket: 'de',
    }),
  );
  let logs = '';
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs += chunk.toString();
      callback();
    },
  });
  const server = await startServer(
    {
      PORT: '0',
      CONFIG_FILE: configFile,
      BC_TOKEN_EU: EU_TOKEN,
      BC_TOKEN_US: US_TOKEN,
      EMBED_SECRET,
      DATA_DIR: dir,
      LOG_LEVEL: 'info',
      // These tests are about the live path; the sync room's own tests turn it on.
      SYNC: 'off',
      ...options.env,
    },
    {
      database: ':memory:',
      now: clock.now,
      logDestination,
      defaultMetrics: false,
      graceMs: 1_000,
      ...(options.extend ? { extend: options.extend } : {}),
      // Retries happen (the ladder is real), but without sleeping between them.
      bigcommerce: { sleep: async () => undefined, timeoutMs: options.timeoutMs ?? 5_000 },
    },
  );
  const bodies: string[] = [];

  // Own keep-alive pool per product: a pooled socket of an earlier product whose port the OS hands out again
  // would otherwise be reused and fail with "other side closed".
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

  function request(
    method: string,
    pathAndQuery: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }> {
    return new Promise((resolve, reject) => {
      const outgoing = http.request(
        `${server.url}${pathAndQuery}`,
        { method, agent, headers },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, text, headers: response.headers }),
          );
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  async function send<T>(
    session: string,
    pathAndQuery: string,
    method = 'GET',
    body?: unknown,
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { authorization: `Bearer ${session}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await request(
      method,
      pathAndQuery,
      headers,
      body === undefined ? undefined : JSON.stringify(body),
    );
    bodies.push(response.text);
    const correlation = response.headers['x-correlation-id'];
    return {
      status: response.status,
      body: (response.text ? JSON.parse(response.text) : null) as T,
      text: response.text,
      correlationId: typeof correlation === 'string' ? correlation : null,
    };
  }

  return {
    url: server.url,
    sandbox,
    server,
    clock,
    bodies,
    logText: () => logs,
    async openSession(input) {
      const token = await signEmbedToken(
        { agent: 'alice', ticket: nextTicket(), scope: 'orders:read notes:write links:write', ...input },
        { secret: EMBED_SECRET, audience: 'order-context', ttlSec: 300, now: clock.now },
      );
      const response = await request(
        'POST',
        '/api/v1/session',
        { 'content-type': 'application/json' },
        JSON.stringify({ token }),
      );
      const text = response.text;
      bodies.push(text);
      if (response.status !== 201) throw new Error(`session: ${response.status} ${text}`);
      return (JSON.parse(text) as { session: string }).session;
    },
    get: (session, pathAndQuery) => send(session, pathAndQuery),
    post: (session, pathAndQuery, body) => send(session, pathAndQuery, 'POST', body),
    upstream: () => sandbox.requests.map((request) => `${request.method} ${request.path}`),
    clearUpstream: () => sandbox.clearRequests(),
    async close() {
      agent.destroy();
      await server.close();
      await sandbox.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Upstream paths without their query strings, counted: `{ "GET /v2/orders": 2, … }`. */
export function countByPath(requests: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const request of requests) {
    const key = request.split('?')[0] ?? request;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
