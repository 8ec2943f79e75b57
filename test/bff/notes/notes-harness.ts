/**
 * The whole product over HTTP against the BigCommerce sandbox on loopback: startServer with a single store
 * pointing at a sandbox the test owns (so it outlives an app restart), a SQLite file in a temp dir (or a
 * PostgreSQL scratch schema, `backend: 'postgres'`), a virtual
 * clock, and the notes worker driven by the test instead of timers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signEmbedTokenFor } from '../../../bff/src/auth/sign-embed-token.js';
import type { Notes } from '../../../bff/src/notes/index.js';
import { createNotesExtension, extendWithContext } from '../../../bff/src/wiring/index.js';
import { startSandbox, type Sandbox } from '../../../bff/src/sandbox/index.js';
import { startServer, type ExtendServer, type RunningServer } from '../../../bff/src/server.js';
import { backendEnv, type Backend } from '../support/postgres.js';

export const STORE_HASH = 'sbx1eu';
export const STORE_TOKEN = 'sandbox-token-eu';

export interface Clock {
  now: number;
}

export interface NotesApp {
  running: RunningServer;
  notes: Notes;
  url: string;
}

export interface NotesHarness {
  sandbox: Sandbox;
  clock: Clock;
  /** Every log line every app instance wrote. */
  logs: string[];
  dir: string;
  app: NotesApp;
  /** Closes the app (not the sandbox) and opens it again on the same database file. */
  restart(): Promise<NotesApp>;
  openSession(claims: {
    agent: string;
    ticket: string;
    customer?: string;
    email?: string;
    scope: string;
  }): Promise<string>;
  postNote(
    session: string,
    orderId: number | string,
    body: unknown,
    idempotencyKey?: string,
  ): Promise<{ status: number; body: Record<string, unknown>; text: string }>;
  /** Runs the worker, moving the clock to each next retry, until nothing is queued. */
  drain(maxPasses?: number): Promise<void>;
  close(): Promise<void>;
}

export interface NotesHarnessOptions {
  faultSeed?: number;
  extend?: ExtendServer[];
  /** Extensions installed after the notes room (rooms that write through it, like status). */
  after?: ExtendServer[];
  /** The BigCommerce client's per-attempt timeout: how long a hung request holds its order. Default 1500. */
  timeoutMs?: number;
  /** Where the BFF reaches BigCommerce (e.g. a proxy that can refuse connections); default the sandbox. */
  apiUrl?: (sandboxUrl: string) => string;
  /** Keep the product's inline budget (a request answers 202 while its attempt goes on); default: none. */
  inlineBudget?: boolean;
  /** More environment for the product (REQUEST_BUDGET_SECONDS …). */
  env?: Record<string, string>;
  /** Where the product keeps its state; default SQLite in the temp dir. PostgreSQL: a scratch schema. */
  backend?: Backend;
  /** PostgreSQL only: how the product reaches the scratch schema (e.g. through a proxy that can go down). */
  databaseUrl?: (url: string) => string;
}

export async function startNotesHarness(options: NotesHarnessOptions = {}): Promise<NotesHarness> {
  const sandbox = await startSandbox({ quota: 1_000_000, faultSeed: options.faultSeed ?? 7 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notes-test-'));
  const clock: Clock = { now: Date.now() };
  const logs: string[] = [];
  const database = await backendEnv(options.backend ?? 'sqlite');
  const env = {
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'debug',
    DATA_DIR: dir,
    BIGCOMMERCE_STORE_HASH: STORE_HASH,
    BIGCOMMERCE_ACCESS_TOKEN: STORE_TOKEN,
    BIGCOMMERCE_API_URL: options.apiUrl?.(sandbox.url) ?? sandbox.url,
    EMBED_SECRET: 'notes-test-embed-secret-0123456789abcdef',
    ...database.env,
    ...(database.env.DATABASE_URL && options.databaseUrl
      ? { DATABASE_URL: options.databaseUrl(database.env.DATABASE_URL) }
      : {}),
    ...options.env,
  };

  async function openApp(): Promise<NotesApp> {
    let notes: Notes | undefined;
    const running = await startServer(env, {
      productExtensions: false,
      // The product's context room (order detail, ownership) and a notes room the test can drive.
      extend: [
        extendWithContext,
        ...(options.extend ?? []),
        createNotesExtension({
          // The worker is driven by drain(); its own timers never fire.
          setTimer: () => () => undefined,
          // No inline budget unless asked: a request waits for its attempt, which the client's timeout bounds.
          ...(options.inlineBudget
            ? {}
            : {
                sleep: (_ms: number, signal?: AbortSignal) =>
                  new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve())),
              }),
          onReady: (room) => (notes = room),
        }),
        ...(options.after ?? []),
      ],
      database: path.join(dir, 'order-context.sqlite'),
      now: () => clock.now,
      defaultMetrics: false,
      graceMs: 5_000,
      logDestination: { write: (line: string) => void logs.push(line) },
      // Hung requests end after this long; 429 and 5xx GET retries do not sleep for real.
      bigcommerce: {
        timeoutMs: options.timeoutMs ?? 1_500,
        retry: { baseDelayMs: 1, minDelayMs: 1, maxDelayMs: 5 },
      },
    });
    if (!notes) throw new Error('the notes extension did not start');
    if (running.context.store.engine !== (options.backend ?? 'sqlite')) throw new Error('wrong store engine');
    return { running, notes, url: running.url };
  }

  const harness: NotesHarness = {
    sandbox,
    clock,
    logs,
    dir,
    app: await openApp(),
    async restart() {
      await harness.app.running.close();
      harness.app = await openApp();
      return harness.app;
    },
    async openSession(claims) {
      const token = await signEmbedTokenFor(harness.app.running.config, claims, { now: () => clock.now });
      const response = await fetch(`${harness.app.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      const body = (await response.json()) as { session?: string };
      if (response.status !== 201 || !body.session) throw new Error(`session: ${response.status}`);
      return body.session;
    },
    async postNote(session, orderId, body, idempotencyKey) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        authorization: `Bearer ${session}`,
      };
      if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
      const response = await fetch(`${harness.app.url}/api/v1/orders/${orderId}/notes`, {
        method: 'POST',
        headers,
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: JSON.parse(text) as Record<string, unknown>, text };
    },
    async drain(maxPasses = 100) {
      const { notes } = harness.app;
      for (let pass = 0; pass < maxPasses; pass += 1) {
        await notes.service.whenIdle();
        const next = await notes.outbox.nextDueAt();
        if (next === null) return;
        clock.now = Math.max(clock.now, next);
        await notes.worker.runOnce();
      }
      throw new Error(
        `the outbox still holds ${await harness.app.notes.countQueued()} notes after ${maxPasses} passes`,
      );
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

/** How often a note reference appears as one of our header lines. */
export function countRef(staffNotes: string, ref: string): number {
  return staffNotes
    .split(/\r?\n/)
    .filter((line) => line.startsWith('--- Note ') && line.endsWith(` ref ${ref} ---`)).length;
}
