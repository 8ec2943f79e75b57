// How much Redis memory 1,000 tickets cost (README, "Running several instances"). Starts the product in sandbox
// mode with REDIS_URL under a fresh key prefix, opens 1,000 tickets (each its own session and context view,
// spread over the sandbox's 96 shoppers), then sums MEMORY USAGE over every key under the prefix and reads
// `INFO memory` before and after. Usage: REDIS_URL=redis://127.0.0.1:6379 npm run measure:redis [-- --tickets 1000]
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { signEmbedTokenFor } from '../bff/src/auth/sign-embed-token.js';
import { startServer } from '../bff/src/server.js';
import { syncOf } from '../bff/src/wiring/index.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ticketsArg = process.argv.indexOf('--tickets');
const tickets = ticketsArg > 0 ? Number(process.argv[ticketsArg + 1]) : 1_000;
const prefix = `measure:${randomBytes(4).toString('hex')}:`;
const redis = new Redis(redisUrl);

async function usedMemory(): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? Number.NaN);
}

async function keysByKind(): Promise<Map<string, { keys: number; bytes: number }>> {
  const kinds = new Map<string, { keys: number; bytes: number }>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    for (const key of keys) {
      const rest = key.slice(prefix.length);
      // cache:<store>:ticket:… → "cache ticket"; quota:<store> → "quota"
      const [room, , kind, , sub] = rest.split(':');
      const label =
        room === 'cache' && kind === 'ticket'
          ? `cache ticket ${sub}`
          : room === 'cache' || room === 'gen' || room === 'load'
            ? `${room} ${kind}`
            : room!;
      const bytes = Number(await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
      const row = kinds.get(label) ?? { keys: 0, bytes: 0 };
      kinds.set(label, { keys: row.keys + 1, bytes: row.bytes + bytes });
    }
    cursor = next;
  } while (cursor !== '0');
  return kinds;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-measure-'));
const before = await usedMemory();
const running = await startServer(
  {
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix,
    SESSION_RATE_LIMIT_PER_MINUTE: '0',
  },
  { defaultMetrics: false, sandbox: { latencyMs: 0 } },
);
try {
  // The index is what a ticket view reads in production; wait for the first back-fill of both stores.
  const sync = syncOf(running.context);
  for (let i = 0; sync && i < 600; i += 1) {
    const facts = await Promise.all(Object.keys(running.config.stores).map((k) => sync.scheduler.facts(k)));
    if (facts.every((f) => f.backfill === null && f.running === null && f.nextRunAt !== null)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const shoppers: { email: string; market: string }[] = [];
  const viewTicket = async (i: number): Promise<void> => {
    const shopper = shoppers[i % shoppers.length]!;
    const token = await signEmbedTokenFor(running.config, {
      agent: `agent-${i % 50}`,
      ticket: `T-${100000 + i}`,
      email: shopper.email,
      market: shopper.market,
      scope: 'orders:read notes:write',
    });
    const opened = await fetch(`${running.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    const { session } = (await opened.json()) as { session: string };
    const view = await fetch(`${running.url}/api/v1/context`, {
      headers: { authorization: `Bearer ${session}` },
    });
    if (view.status !== 200) throw new Error(`context view ${i}: ${view.status} ${await view.text()}`);
    await view.arrayBuffer();
  };
  for (const [storeKey, market] of [
    ['eu', 'de'],
    ['us', 'us'],
  ] as const) {
    const ids = Array.from({ length: 48 }, (_, i) => i + 1);
    const customers = await running.context.clientFor(storeKey).getCustomersByIds(ids);
    for (const customer of customers) shoppers.push({ email: customer.email, market });
  }
  const started = Date.now();
  // Ten at a time, so all 1,000 views land within the context's 30 s TTL and the figure is their peak together.
  let next = 0;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      for (let i = next++; i < tickets; i = next++) await viewTicket(i);
    }),
  );
  const kinds = await keysByKind();
  const after = await usedMemory();
  const total = [...kinds.values()].reduce(
    (sum, row) => ({ keys: sum.keys + row.keys, bytes: sum.bytes + row.bytes }),
    {
      keys: 0,
      bytes: 0,
    },
  );
  console.log(`${tickets} tickets (${shoppers.length} shoppers) viewed in ${Date.now() - started} ms`);
  for (const [label, row] of [...kinds].sort((a, b) => b[1].bytes - a[1].bytes)) {
    console.log(
      `  ${label.padEnd(24)} ${String(row.keys).padStart(6)} keys ${String(row.bytes).padStart(10)} bytes`,
    );
  }
  console.log(
    `  ${'total (MEMORY USAGE)'.padEnd(24)} ${String(total.keys).padStart(6)} keys ${String(total.bytes).padStart(10)} bytes`,
  );
  console.log(`  INFO used_memory grew by ${after - before} bytes`);
} finally {
  await running.close();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
