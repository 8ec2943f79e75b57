/**
 * The whole product over HTTP for the novomind side: a BigCommerce sandbox on loopback that outlives app
 * restarts, startServer with a config file (markets de/us, de with a novomind queue and optionally a push),
 * a SQLite file in a temp dir, a virtual clock, and the notes, feed and push workers driven by the test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signEmbedToken } from '../../../bff/src/auth/sign-embed-token.js';
import type { Notes } from '../../../bff/src/notes/index.js';
import { signS2sToken, type Novomind, type S2sScope } from '../../../bff/src/novomind/index.js';
import { startSandbox, type Sandbox } from '../../../bff/src/sandbox/index.js';
import { startServer, type RunningServer } from '../../../bff/src/server.js';
import { backendEnv, type Backend } from '../support/postgres.js';
import type { NewOrderChange } from '../../../bff/src/store/index.js';
import {
  createNotesExtension,
  createNovomindExtension,
  extendWithContext,
} from '../../../bff/src/wiring/index.js';

export const S2S_SECRET = 'novomind-tests-s2s-secret-0123456789abcdef';
export const EMBED_SECRET = 'novomind-tests-embed-secret-0123456789abcd';
export const PUSH_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
export const ALL_SCOPES: readonly S2sScope[] = ['context:read', 'changes:read', 'events:write'];
/** A moment after the sandbox's newest orders. */
export const T0 = Date.UTC(2026, 10, 28, 9, 0, 0);

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export interface NovomindApp {
  running: RunningServer;
  notes: Notes;
  novomind: Novomind;
  url: string;
}

export interface NovomindHarness {
  sandbox: Sandbox;
  clock: { now: number };
  logs: string[];
  app: NovomindApp;
  restart(): Promise<NovomindApp>;
  token(scopes?: readonly S2sScope[], options?: { market?: string; client?: string }): Promise<string>;
  s2s<T = Record<string, unknown>>(
    method: string,
    pathAndQuery: string,
    body?: unknown,
    token?: string | null,
  ): Promise<Reply<T>>;
  embedToken(claims: { ticket: string; email?: string; customer?: string; locale?: string }): Promise<string>;
  /** An order change as the sync room records it (its contract: repos.orderChanges). */
  appendChange(
    change: Partial<NewOrderChange> & Pick<NewOrderChange, 'orderId' | 'customerId' | 'email'>,
  ): Promise<number>;
  /** Runs the notes worker, moving the clock to each next retry, until nothing is queued. */
  drainNotes(maxPasses?: number): Promise<void>;
  close(): Promise<void>;
}

export interface NovomindHarnessOptions {
  /** Push config of market de: where and how fast. */
  push?: { url: string; maxRequestsPerMinute?: number };
  faultSeed?: number;
  env?: Record<string, string>;
  /** Where the product keeps its state; default SQLite in the temp dir. PostgreSQL: a scratch schema. */
  backend?: Backend;
}

let ticketCounter = 0;
export function nextTicket(prefix = 'NM'): string {
  ticketCounter += 1;
  return `${prefix}-${process.pid}-${ticketCounter}`;
}

export async function startNovomindHarness(options: NovomindHarnessOptions = {}): Promise<NovomindHarness> {
  const sandbox = await startSandbox({ quota: 1_000_000, faultSeed: options.faultSeed ?? 5 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'novomind-test-'));
  const clock = { now: T0 };
  const logs: string[] = [];
  const configFile = path.join(dir, 'stores.json');
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      stores: {
        eu: { hash: 'sbx1eu', tokenEnv: 'BC_TOKEN_EU', apiUrl: sandbox.url },
        us: { hash: 'sbx2us', tokenEnv: 'BC_TOKEN_US', apiUrl: sandbox.url },
      },
      markets: {
        de: {
          store: 'eu',
          label: 'Deutschland',
          locales: ['de', 'de-DE'],
          channels: [1],
          permissions: ['orders:read', 'notes:write', 'links:write'],
          novomind: {
            queue: 'bigcommerce-de',
            ...(options.push
              ? {
                  pushUrl: options.push.url,
                  pushSecretEnv: 'NOVOMIND_PUSH_SECRET',
                  ...(options.push.maxRequestsPerMinute === undefined
                    ? {}
                    : { maxRequestsPerMinute: options.push.maxRequestsPerMinute }),
                }
              : {}),
          },
        },
        us: { store: 'us', label: 'United States', locales: ['en-US'], permissions: ['orders:read'] },
      },
      defaultMarket: 'de',
    }),
  );
  const database = await backendEnv(options.backend ?? 'sqlite');
  const env = {
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'debug',
    DATA_DIR: dir,
    CONFIG_FILE: configFile,
    BC_TOKEN_EU: 'sandbox-token-eu',
    BC_TOKEN_US: 'sandbox-token-us',
    EMBED_SECRET,
    S2S_SECRET,
    NOVOMIND_PUSH_SECRET: PUSH_SECRET,
    ...database.env,
    ...options.env,
  };
  const never = () => () => undefined;

  async function openApp(): Promise<NovomindApp> {
    let notes: Notes | undefined;
    let novomind: Novomind | undefined;
    const running = await startServer(env, {
      productExtensions: false,
      extend: [
        extendWithContext,
        createNotesExtension({ setTimer: never, onReady: (room) => (notes = room) }),
        // Workers never run on their own timers: the tests call runOnce() with the clock where they want it.
        createNovomindExtension({ setTimer: never, random: () => 0.5, onReady: (room) => (novomind = room) }),
      ],
      database: path.join(dir, 'order-context.sqlite'),
      now: () => clock.now,
      defaultMetrics: false,
      graceMs: 2_000,
      logDestination: { write: (line: string) => void logs.push(line) },
      bigcommerce: { timeoutMs: 1_500, retry: { baseDelayMs: 1, minDelayMs: 1, maxDelayMs: 5 } },
    });
    if (!notes || !novomind) throw new Error('the notes or novomind extension did not start');
    if (running.context.store.engine !== (options.backend ?? 'sqlite')) throw new Error('wrong store engine');
    return { running, notes, novomind, url: running.url };
  }

  const harness: NovomindHarness = {
    sandbox,
    clock,
    logs,
    app: await openApp(),
    async restart() {
      await harness.app.running.close();
      harness.app = await openApp();
      return harness.app;
    },
    token(scopes = ALL_SCOPES, tokenOptions = {}) {
      return signS2sToken(
        {
          client: tokenOptions.client ?? 'iagent-test',
          scopes,
          ...(tokenOptions.market ? { market: tokenOptions.market } : {}),
        },
        { secret: S2S_SECRET, now: () => clock.now },
      );
    },
    async s2s(method, pathAndQuery, body, token) {
      const headers: Record<string, string> = {};
      const bearer = token === undefined ? await harness.token() : token;
      if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${harness.app.url}${pathAndQuery}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: (text ? JSON.parse(text) : null) as never,
        text,
        headers: response.headers,
      };
    },
    embedToken(claims) {
      return signEmbedToken(
        { agent: 'alice', scope: 'orders:read notes:write', ...claims },
        { secret: EMBED_SECRET, audience: 'order-context', now: () => clock.now },
      );
    },
    appendChange(change) {
      return harness.app.running.context.repos.orderChanges.append({
        storeKey: 'eu',
        kind: 'order.status_changed',
        source: 'webhook',
        statusId: null,
        previousStatusId: null,
        detail: null,
        at: clock.now,
        ...change,
      });
    },
    async drainNotes(maxPasses = 100) {
      const { notes } = harness.app;
      for (let pass = 0; pass < maxPasses; pass += 1) {
        await notes.service.whenIdle();
        const next = await notes.outbox.nextDueAt();
        if (next === null) return;
        clock.now = Math.max(clock.now, next);
        await notes.worker.runOnce();
      }
      throw new Error('the outbox did not drain');
    },
    async close() {
      await harness.app.running.close();
      await sandbox.close();
      await database.release();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}
