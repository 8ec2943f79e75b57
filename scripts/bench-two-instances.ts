/**
 * Issue 15's second target for `npm run bench -- --backend postgres`: 100 notes posted alternately to two BFF
 * instances (one PostgreSQL schema, one Redis prefix) for 10 orders, BigCommerce (the sandbox, in this process)
 * answering after 100 ms with its real quota of 150 requests per 30 s. Reports how long until every note is in
 * its order's staff notes, how many calls it took, and whether the store ever refused a request (429).
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signEmbedToken } from '../bff/src/auth/sign-embed-token.js';
import { SANDBOX_PERSONAS, startSandbox } from '../bff/src/sandbox/index.js';
import { startBffProcess } from './bff-process.js';

const EMBED_SECRET = 'bench-two-instances-embed-secret-0123456789';
const NOTES = 100;
const ORDERS = 10;

export interface TwoInstanceNotes {
  notes: number;
  writtenMs: number | null;
  calls: number;
  puts: number;
  tooMany: number;
  quota: number;
}

export async function benchNotesAcrossTwo(databaseUrl: string, redisUrl: string): Promise<TwoInstanceNotes> {
  const quota = 150;
  const sandbox = await startSandbox({ latencyMs: 100, quota });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-bench-two-'));
  const children: ChildProcess[] = [];
  try {
    const configFile = path.join(dir, 'stores.json');
    fs.writeFileSync(
      configFile,
      JSON.stringify({
        // No index: the quota is the notes' alone.
        stores: {
          eu: { hash: 'sbx1eu', tokenEnv: 'BC_TOKEN_EU', apiUrl: sandbox.url, sync: { enabled: false } },
        },
        markets: { de: { store: 'eu', permissions: ['orders:read', 'notes:write'] } },
        defaultMarket: 'de',
      }),
    );
    const env = (name: string): NodeJS.ProcessEnv => ({
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      PORT: '0',
      CONFIG_FILE: configFile,
      BC_TOKEN_EU: sandbox.store('sbx1eu').token,
      EMBED_SECRET,
      DATA_DIR: path.join(dir, name),
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: `bench-two-${process.pid}:`,
      SESSION_RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'info',
    });
    // One after the other: the first migrates the schema.
    const a = await startBffProcess(env('a'), 'instance A');
    children.push(a.process);
    const b = await startBffProcess(env('b'), 'instance B');
    children.push(b.process);

    const shopper = SANDBOX_PERSONAS.sbx1eu.manyOrders;
    const token = await signEmbedToken(
      {
        agent: 'bench',
        ticket: 'T-BENCH-TWO',
        email: shopper.email,
        market: 'de',
        scope: 'orders:read notes:write',
      },
      { secret: EMBED_SECRET, audience: 'order-context', ttlSec: 300 },
    );
    const opened = await fetch(`${a.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    const { session } = (await opened.json()) as { session: string };
    const auth = { authorization: `Bearer ${session}` };
    // The agent has the ticket open on both instances (a load balancer may send them to either).
    const context = (await (await fetch(`${a.url}/api/v1/context`, { headers: auth })).json()) as {
      orders: { id: number }[];
    };
    await fetch(`${b.url}/api/v1/context`, { headers: auth });
    const orderIds = context.orders.slice(0, ORDERS).map((order) => order.id);
    const before = sandbox.requests.length;

    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: NOTES }, (_, i) =>
        fetch(`${[a, b][i % 2]!.url}/api/v1/orders/${orderIds[i % orderIds.length]}/notes`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': `bench-two-${i}` },
          body: JSON.stringify({ text: `Bench note ${i} across two instances.` }),
        }).then((response) => response.status),
      ),
    );
    if (answers.some((status) => status !== 201 && status !== 202)) {
      throw new Error(`notes refused: ${answers.filter((status) => status >= 300).join(', ')}`);
    }
    const allWritten = () =>
      Array.from({ length: NOTES }, (_, i) => i).every((i) =>
        (sandbox.store('sbx1eu').data.getOrder(orderIds[i % orderIds.length]!)?.staff_notes ?? '').includes(
          `Bench note ${i} across two instances.`,
        ),
      );
    let writtenMs: number | null = null;
    const until = performance.now() + 180_000;
    while (performance.now() < until) {
      if (allWritten()) {
        writtenMs = performance.now() - started;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const calls = sandbox.requests.slice(before).filter((request) => request.store === 'sbx1eu');
    return {
      notes: NOTES,
      writtenMs,
      calls: calls.length,
      puts: calls.filter((request) => request.method === 'PUT').length,
      tooMany: calls.filter((request) => request.status === 429).length,
      quota,
    };
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await sandbox.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
