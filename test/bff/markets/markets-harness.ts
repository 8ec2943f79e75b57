// The whole product over HTTP with two BigCommerce stores: the sandbox on loopback with both of its stores, a
// CONFIG_FILE with three markets on them (two sharing the EU store by channel), the BFF started by startServer,
// a SQLite file in a temp dir (so `npm run errors` can read it), a movable clock, a gate on every BigCommerce
// sleep (a throttled store stays throttled until the test says so) and the notes worker driven by the test.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { FieldTemplate } from '../../../shared/index.js';
import { signEmbedTokenFor, type EmbedTokenInput } from '../../../bff/src/auth/sign-embed-token.js';
import type { Notes } from '../../../bff/src/notes/index.js';
import { createNotesExtension, extendWithContext } from '../../../bff/src/wiring/index.js';
import {
  DEFAULT_SANDBOX_STORES,
  startSandbox,
  type Sandbox,
  type SandboxRequest,
  type SandboxStoreHandle,
  type SandboxStoreSpec,
} from '../../../bff/src/sandbox/index.js';
import { startServer, type RunningServer } from '../../../bff/src/server.js';
import { DATABASE_FILE } from '../../../bff/src/store/index.js';

export const EMBED_SECRET = 'markets-tests-embed-secret-0123456789abcdef';
/** Market "de" signs with its own secret (embedSecretEnv). */
export const DE_SECRET = 'markets-tests-de-market-secret-0123456789ab';
export const ADMIN_TOKEN = 'markets-tests-admin-token-0123';
/** A moment after the sandbox's newest orders. */
export const T0 = Date.UTC(2026, 10, 28, 9, 0, 0);
export const ALL_SCOPES = 'orders:read notes:write links:write';

/** Market "de": German labels with English fallbacks; a customer and an order half unlike the US one. */
export const DE_TEMPLATE: FieldTemplate = {
  customer: [
    {
      key: 'kundennummer',
      source: 'id',
      label: { en: 'Customer number', de: 'Kundennummer' },
      format: 'number',
    },
    { key: 'email', source: 'email', label: { en: 'Email', de: 'E-Mail' }, format: 'text' },
  ],
  order: [
    {
      key: 'bestellnummer',
      source: 'id',
      label: { en: 'Order number', de: 'Bestellnummer' },
      format: 'number',
    },
    { key: 'gesamt', source: 'totals.total', label: { en: 'Total', de: 'Gesamtbetrag' }, format: 'money' },
    // German only: other locales see the key.
    { key: 'zahlart', source: 'payment.method', label: { de: 'Zahlungsart' }, format: 'text' },
  ],
};

/** Market "us": English only, other fields. */
export const US_TEMPLATE: FieldTemplate = {
  customer: [{ key: 'shopper', source: 'name', label: { en: 'Shopper' }, format: 'text' }],
  order: [
    { key: 'state', source: 'status', label: { en: 'State' }, format: 'status' },
    { key: 'placed', source: 'dateCreated', label: { en: 'Placed' }, format: 'date' },
  ],
};

/**
 * de: EU store, channel 1, every permission, own secret and template.
 * uk: EU store, channel 2, read-only, the built-in template.
 * us: US store, all channels, read and notes (no links), own template; the default market.
 */
export const MARKETS: Record<string, unknown> = {
  de: {
    store: 'eu',
    label: 'Deutschland',
    locales: ['de', 'de-DE', 'de-AT'],
    channels: [1],
    permissions: ['orders:read', 'notes:write', 'links:write'],
    embedSecretEnv: 'EMBED_SECRET_DE',
    template: DE_TEMPLATE,
  },
  uk: {
    store: 'eu',
    label: 'United Kingdom',
    locales: ['en-GB'],
    channels: [2],
    permissions: ['orders:read'],
  },
  us: {
    store: 'us',
    label: 'United States',
    locales: ['en-US', 'en'],
    permissions: ['orders:read', 'notes:write'],
    template: US_TEMPLATE,
  },
};

export interface Clock {
  now(): number;
  advance(ms: number): void;
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  text: string;
}

/** Every sleep of the BigCommerce clients (retry backoff, waiting out a 429) waits here while the gate is shut. */
export interface SleepGate {
  shut(): void;
  /** Opens the gate and wakes every sleeper. */
  open(): void;
  /** Sleeps waiting at the gate right now. */
  waiting(): number;
}

export interface Markets {
  url: string;
  sandbox: Sandbox;
  server: RunningServer;
  clock: Clock;
  gate: SleepGate;
  notes: Notes;
  dataDir: string;
  /** The sandbox stores behind config stores "eu" and "us". */
  eu: SandboxStoreHandle;
  us: SandboxStoreHandle;
  sign(input: Partial<EmbedTokenInput>): Promise<string>;
  /** POST /api/v1/session with a token signed for these claims (defaults: agent alice, a fresh ticket, every scope). */
  openSession(input: Partial<EmbedTokenInput>): Promise<Reply>;
  /** The same, for a token the test signed itself. */
  openSessionWithToken(token: string): Promise<Reply>;
  /** openSession that must succeed; returns the bearer session. */
  session(input: Partial<EmbedTokenInput>): Promise<string>;
  get<T = unknown>(session: string, pathAndQuery: string): Promise<Reply<T>>;
  post<T = unknown>(
    session: string,
    pathAndQuery: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<Reply<T>>;
  /** GET with another bearer (the admin API). */
  getWithBearer<T = unknown>(bearer: string, pathAndQuery: string): Promise<Reply<T>>;
  /** BigCommerce requests the sandbox logged since the last clearUpstream(), of one config store or all. */
  upstream(store?: 'eu' | 'us'): SandboxRequest[];
  clearUpstream(): void;
  close(): Promise<void>;
}

export interface MarketsOptions {
  /** The config file's `markets`; default MARKETS. */
  markets?: Record<string, unknown>;
  /** Default "us". */
  defaultMarket?: string;
  /** The sandbox's two stores (first is "eu", second "us"); default its own two. */
  sandboxStores?: SandboxStoreSpec[];
  /** Per attempt; long by default so a hung store stays hung for the whole test. */
  timeoutMs?: number;
  /** Requests in flight per store. */
  maxConcurrency?: number;
}

let ticketCounter = 0;
/** A ticket id no other test uses (links are kept per ticket). */
export function nextTicket(): string {
  ticketCounter += 1;
  return `M-${process.pid}-${ticketCounter}`;
}

export function createClock(start = T0): Clock {
  let at = start;
  return { now: () => at, advance: (ms) => void (at += ms) };
}

function createSleepGate(clock: Clock): SleepGate & {
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
} {
  let shut = false;
  const sleepers = new Set<() => void>();
  return {
    shut: () => void (shut = true),
    open() {
      shut = false;
      for (const wake of [...sleepers]) wake();
    },
    waiting: () => sleepers.size,
    // Time passes as the sleep says, on the fake clock: a throttle that waits for its window's reset then
    // finds the window reset instead of spinning.
    sleep(ms, signal) {
      if (!shut) {
        clock.advance(ms);
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        const wake = (): void => {
          sleepers.delete(wake);
          clock.advance(ms);
          resolve();
        };
        sleepers.add(wake);
        signal?.addEventListener('abort', wake, { once: true });
      });
    },
  };
}

/** Writes a config file for the sandbox's two stores; returns its path. */
export function writeConfigFile(
  dir: string,
  sandbox: Sandbox,
  markets: Record<string, unknown>,
  defaultMarket: string,
): string {
  const [first, second] = sandbox.stores;
  if (!first || !second) throw new Error('the sandbox needs two stores');
  const file = path.join(dir, 'markets.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      stores: {
        eu: { hash: first.hash, tokenEnv: 'BC_TOKEN_EU', apiUrl: sandbox.url, label: first.label },
        us: { hash: second.hash, tokenEnv: 'BC_TOKEN_US', apiUrl: sandbox.url, label: second.label },
      },
      markets,
      defaultMarket,
    }),
  );
  return file;
}

export async function startMarkets(options: MarketsOptions = {}): Promise<Markets> {
  const clock = createClock();
  const gate = createSleepGate(clock);
  const sandbox = await startSandbox({
    quota: 1_000_000,
    faultSeed: 5,
    stores: options.sandboxStores ?? DEFAULT_SANDBOX_STORES,
  });
  const [eu, us] = sandbox.stores;
  if (!eu || !us) throw new Error('the sandbox needs two stores');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'markets-tests-'));
  const configFile = writeConfigFile(
    dataDir,
    sandbox,
    options.markets ?? MARKETS,
    options.defaultMarket ?? 'us',
  );

  let notes: Notes | undefined;
  const server = await startServer(
    {
      // A free port: a running `npm start` (8080) or a parallel test file must not collide.
      PORT: '0',
      CONFIG_FILE: configFile,
      BC_TOKEN_EU: eu.token,
      BC_TOKEN_US: us.token,
      EMBED_SECRET,
      EMBED_SECRET_DE: DE_SECRET,
      ADMIN_TOKEN,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
    },
    {
      productExtensions: false,
      extend: [
        extendWithContext,
        createNotesExtension({
          // The worker is driven by the test; its own timers never fire.
          setTimer: () => () => undefined,
          // No inline budget: a request waits for its attempt (a hung store's note is never posted inline here).
          sleep: (_ms, signal) =>
            new Promise((resolve) => signal?.addEventListener('abort', () => resolve())),
          random: () => 0.5,
          onReady: (room) => (notes = room),
        }),
      ],
      database: path.join(dataDir, DATABASE_FILE),
      now: clock.now,
      defaultMetrics: false,
      graceMs: 1_000,
      bigcommerce: {
        sleep: gate.sleep,
        timeoutMs: options.timeoutMs ?? 60_000,
        ...(options.maxConcurrency === undefined ? {} : { maxConcurrency: options.maxConcurrency }),
      },
    },
  );
  if (!notes) throw new Error('the notes extension did not start');
  const room = notes;

  // Own keep-alive pool: a pooled socket of an earlier run whose port the OS hands out again would fail.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  function send<T>(
    method: string,
    pathAndQuery: string,
    headers: Record<string, string>,
    body?: unknown,
  ): Promise<Reply<T>> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] = 'application/json';
    return new Promise((resolve, reject) => {
      const outgoing = http.request(
        `${server.url}${pathAndQuery}`,
        { method, agent, headers },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              text,
              body: (text ? JSON.parse(text) : null) as T,
            }),
          );
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  }

  const storeHash = { eu: eu.hash, us: us.hash };
  const sign = (input: Partial<EmbedTokenInput>): Promise<string> =>
    signEmbedTokenFor(
      server.config,
      { agent: 'alice', ticket: nextTicket(), scope: ALL_SCOPES, ...input },
      { now: clock.now },
    );
  const openSessionWithToken = (token: string): Promise<Reply> =>
    send('POST', '/api/v1/session', {}, { token });

  const markets: Markets = {
    url: server.url,
    sandbox,
    server,
    clock,
    gate,
    notes: room,
    dataDir,
    eu,
    us,
    sign,
    openSessionWithToken,
    openSession: async (input) => openSessionWithToken(await sign(input)),
    async session(input) {
      const reply = await markets.openSession(input);
      if (reply.status !== 201) throw new Error(`session: ${reply.status} ${reply.text}`);
      return (reply.body as { session: string }).session;
    },
    get: (session, pathAndQuery) => send('GET', pathAndQuery, { authorization: `Bearer ${session}` }),
    post: (session, pathAndQuery, body, headers = {}) =>
      send('POST', pathAndQuery, { authorization: `Bearer ${session}`, ...headers }, body),
    getWithBearer: (bearer, pathAndQuery) => send('GET', pathAndQuery, { authorization: `Bearer ${bearer}` }),
    upstream: (store) =>
      sandbox.requests.filter((request) => store === undefined || request.store === storeHash[store]),
    clearUpstream: () => sandbox.clearRequests(),
    async close() {
      // Hung and throttled requests end first (the sandbox releases hung ones, sleepers wake), so shutting the
      // server down does not wait for a 60 s timeout.
      gate.open();
      sandbox.faults.clear();
      await sandbox.close();
      agent.destroy();
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return markets;
}

/** Resolves when `predicate` holds, checking after each turn of the event loop; a sync point, never a timing. */
export async function waitUntil(predicate: () => boolean, what: string, turns = 5_000): Promise<void> {
  for (let turn = 0; turn < turns; turn += 1) {
    if (predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  throw new Error(`gave up waiting until ${what}`);
}

/** Tracks whether a promise has settled, without awaiting it. */
export function track<T>(promise: Promise<T>): { settled(): boolean; promise: Promise<T> } {
  let settled = false;
  const tracked = promise.finally(() => {
    settled = true;
  });
  // The test decides when to await; a rejection at close must not be unhandled meanwhile.
  tracked.catch(() => undefined);
  return { settled: () => settled, promise: tracked };
}
