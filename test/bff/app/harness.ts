// Test harness for the platform: a real createApp on 127.0.0.1:0 with an in-memory database and a movable clock.
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import { Writable } from 'node:stream';
import type { Router } from 'express';
import { createApp, type AppDeps } from '../../../bff/src/app.js';
import { signEmbedToken, type EmbedTokenInput } from '../../../bff/src/auth/sign-embed-token.js';
import { loadConfig, type AppConfig } from '../../../bff/src/config.js';
import { createLogger, type Logger } from '../../../bff/src/http/logger.js';
import { createMetrics, type Metrics } from '../../../bff/src/http/metrics.js';
import type { StorePinger } from '../../../bff/src/routes/health.js';
import { openSqliteStore, type Repos, type SqliteStore } from '../../../bff/src/store/index.js';

export const EMBED_SECRET = 'test-embed-secret-0123456789-abcdefghij';
export const ACCESS_TOKEN = 'bc-access-token-never-logged-42';
export const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

export const BASE_ENV: NodeJS.ProcessEnv = {
  BIGCOMMERCE_STORE_HASH: 'abc123',
  BIGCOMMERCE_ACCESS_TOKEN: ACCESS_TOKEN,
  EMBED_SECRET,
  LOG_LEVEL: 'silent',
};

export interface Clock {
  now(): number;
  advance(ms: number): void;
}

export function createClock(start = T0): Clock {
  let at = start;
  return {
    now: () => at,
    advance: (ms) => {
      at += ms;
    },
  };
}

/** Collects log lines written by pino so tests can read them back. */
export function createLogCapture(): { stream: Writable; text(): string; lines(): Record<string, unknown>[] } {
  let out = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      out += chunk.toString();
      callback();
    },
  });
  return {
    stream,
    text: () => out,
    lines: () =>
      out
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

export interface TestApp {
  url: string;
  config: AppConfig;
  store: SqliteStore;
  repos: Repos;
  metrics: Metrics;
  clock: Clock;
  logger: Logger;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Signs an embed token with the config's key for the input (defaults: ticket T-1001, agent alice, all scopes). */
  sign(
    input?: Partial<EmbedTokenInput>,
    options?: { ttlSec?: number; secret?: string; audience?: string; jti?: string },
  ): Promise<string>;
  /** Opens a session and returns its bearer id. */
  openSession(input?: Partial<EmbedTokenInput>): Promise<string>;
  close(): Promise<void>;
}

export interface StartTestAppOptions {
  env?: NodeJS.ProcessEnv;
  config?: AppConfig;
  apiRouters?: Router[];
  routers?: Router[];
  bigcommerce?: StorePinger;
  logDestination?: Writable;
  widgetDist?: string;
  clock?: Clock;
  logLevel?: AppConfig['logLevel'];
  extraDeps?: Partial<AppDeps>;
}

export async function startTestApp(options: StartTestAppOptions = {}): Promise<TestApp> {
  const clock = options.clock ?? createClock();
  const config = options.config ?? loadConfig({ ...BASE_ENV, ...options.env });
  const store = openSqliteStore(':memory:');
  const { repos } = store;
  const metrics = createMetrics();
  const logger = createLogger({
    level: options.logLevel ?? (options.logDestination ? 'debug' : 'silent'),
    destination: options.logDestination,
    secrets: [ACCESS_TOKEN, EMBED_SECRET],
  });
  const app = createApp({
    config,
    logger,
    store,
    metrics,
    now: clock.now,
    apiRouters: options.apiRouters,
    routers: options.routers,
    bigcommerce: options.bigcommerce,
    widgetDist: options.widgetDist ?? '/nonexistent-widget-dist',
    ...options.extraDeps,
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const sign: TestApp['sign'] = (input = {}, signOptions = {}) =>
    signEmbedToken(
      {
        agent: 'alice',
        ticket: 'T-1001',
        email: 'ada@example.com',
        scope: 'orders:read notes:write links:write',
        ...input,
      },
      {
        secret: signOptions.secret ?? EMBED_SECRET,
        audience: signOptions.audience ?? config.embed.audience,
        ttlSec: signOptions.ttlSec ?? 300,
        now: clock.now,
        jti: signOptions.jti,
      },
    );

  const fetchFrom: TestApp['fetch'] = (path, init) => fetch(`${url}${path}`, init);

  return {
    url,
    config,
    store,
    repos,
    metrics,
    clock,
    logger,
    fetch: fetchFrom,
    sign,
    async openSession(input) {
      const response = await postJson(fetchFrom, '/api/v1/session', { token: await sign(input) });
      if (response.status !== 201) throw new Error(`session: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { session: string }).session;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.close();
    },
  };
}

export function postJson(
  fetchFrom: TestApp['fetch'],
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetchFrom(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

export interface ErrorResponse {
  status: number;
  correlationHeader: string | null;
  body: { error: { code: string; message: string; correlationId: string } };
}

export async function readError(response: Response): Promise<ErrorResponse> {
  return {
    status: response.status,
    correlationHeader: response.headers.get('x-correlation-id'),
    body: (await response.json()) as ErrorResponse['body'],
  };
}
