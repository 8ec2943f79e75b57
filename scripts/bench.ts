/**
 * npm run bench — measures the figures the README reports, against the sandbox with injected latency
 * (100 ms per BigCommerce call unless BENCH_LATENCY_MS says otherwise). The product runs in a child process;
 * this process is the load generator. `npm run bench -- --write` also rewrites the README's bench section.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import zlib from 'node:zlib';
import type { EmbedTokenInput } from '../bff/src/auth/sign-embed-token.js';
import type { SandboxPersonas } from '../bff/src/sandbox/index.js';
import type { BenchRequest } from './bench-server.js';

type Ready = {
  ready: true;
  url: string;
  latencyMs: number;
  stores: { hash: string; personas: SandboxPersonas }[];
};
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

const COLD_SAMPLES = Number(process.env.BENCH_COLD_SAMPLES ?? 30);
const WARM_UP_SAMPLES = 3;
const WARM_CLIENTS = 50;
const WARM_SECONDS = Number(process.env.BENCH_WARM_SECONDS ?? 5);

function startProduct(): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = fork(new URL('./bench-server.ts', import.meta.url), [], {
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/oc-prof'] : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    child.once('message', (message) => resolve({ child, ready: message as Ready }));
  });
}

let nextId = 1;
function ask<T>(child: ChildProcess, request: DistributiveOmit<BenchRequest, 'id'>): Promise<T> {
  const id = nextId++;
  return new Promise((resolve) => {
    const onMessage = (message: { id?: number; result?: unknown }) => {
      if (message.id !== id) return;
      child.off('message', onMessage);
      resolve(message.result as T);
    };
    child.on('message', onMessage);
    child.send({ ...request, id });
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  const { child, ready } = await startProduct();
  const base = ready.url;
  const eu = ready.stores[0]!.personas;
  let ticketSeq = 0;

  async function openSession(input: Omit<EmbedTokenInput, 'agent' | 'ticket'>): Promise<string> {
    const token = await ask<string>(child, {
      type: 'token',
      input: {
        agent: 'bench',
        ticket: `B-${++ticketSeq}`,
        scope: 'orders:read notes:write links:write',
        ...input,
      },
    });
    const response = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    if (response.status !== 201) throw new Error(`session: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { session: string }).session;
  }

  // node:http with keep-alive costs the load generator far less CPU than fetch, and it shares 2 cores with the product.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  function timedGet(path: string, session: string, origin = base): Promise<number> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const request = http.get(
        `${origin}${path}`,
        { agent, headers: { authorization: `Bearer ${session}` } },
        (res) => {
          res.on('data', () => undefined);
          res.on('end', () =>
            res.statusCode === 200
              ? resolve(performance.now() - started)
              : reject(new Error(`${path}: ${res.statusCode}`)),
          );
        },
      );
      request.on('error', reject);
    });
  }

  async function upstreamDuring(work: () => Promise<unknown>): Promise<string[]> {
    const index = await ask<number>(child, { type: 'upstream-count' });
    await work();
    return ask<string[]>(child, { type: 'upstream-since', index });
  }

  async function coldSeries(claims: Omit<EmbedTokenInput, 'agent' | 'ticket'>, path: (i: number) => string) {
    const latencies: number[] = [];
    const calls: number[] = [];
    // The first few runs of a path pay for JIT compilation: measured samples start after a short warm-up.
    for (let i = -WARM_UP_SAMPLES; i < COLD_SAMPLES; i++) {
      const session = await openSession(claims);
      await ask(child, { type: 'clear-all' });
      let latency = 0;
      const upstream = await upstreamDuring(async () => {
        latency = await timedGet(path(i), session);
      });
      if (i < 0) continue;
      latencies.push(latency);
      calls.push(upstream.length);
    }
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), maxCalls: Math.max(...calls) };
  }

  async function warmLoad(path: string, session: string, origin = base) {
    await timedGet(path, session, origin);
    const latencies: number[] = [];
    const deadline = performance.now() + WARM_SECONDS * 1000;
    let upstream: string[] = [];
    const started = performance.now();
    upstream = await upstreamDuring(() =>
      Promise.all(
        Array.from({ length: WARM_CLIENTS }, async () => {
          while (performance.now() < deadline) latencies.push(await timedGet(path, session, origin));
        }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    return {
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      rps: latencies.length / seconds,
      upstream: upstream.length,
    };
  }

  console.log(
    `bench: ${base}, ${ready.latencyMs} ms injected per BigCommerce call, ${os.cpus().length} cores`,
  );

  // Cold context: every sample is a new ticket session with empty caches.
  const coldEmail = await coldSeries({ email: eu.registered.email, market: 'de' }, () => '/api/v1/context');
  const coldExternal = await coldSeries(
    { customer: String(eu.registered.customerId), email: eu.registered.email, market: 'de' },
    () => '/api/v1/context',
  );

  // Cold order detail: the agent has the ticket's context (the match is warm); the order itself is not cached.
  const detailSession = await openSession({ email: eu.manyOrders.email, market: 'de' });
  const contextBody = (await (
    await fetch(`${base}/api/v1/context`, { headers: { authorization: `Bearer ${detailSession}` } })
  ).json()) as { orders: { id: number }[] };
  const orderIds = contextBody.orders.map((order) => order.id);
  const detailLatencies: number[] = [];
  const detailCalls: number[] = [];
  for (let i = -WARM_UP_SAMPLES; i < COLD_SAMPLES; i++) {
    const orderId = orderIds[(i + orderIds.length) % orderIds.length]!;
    await ask(child, { type: 'clear-order', store: 'eu', orderId });
    let latency = 0;
    const upstream = await upstreamDuring(async () => {
      latency = await timedGet(`/api/v1/orders/${orderId}`, detailSession);
    });
    if (i < 0) continue;
    detailLatencies.push(latency);
    detailCalls.push(upstream.length);
  }

  // 100 concurrent identical cold requests.
  await ask(child, { type: 'clear-order', store: 'eu', orderId: orderIds[0]! });
  const burstDetail = await upstreamDuring(() =>
    Promise.all(Array.from({ length: 100 }, () => timedGet(`/api/v1/orders/${orderIds[0]}`, detailSession))),
  );
  const burstSession = await openSession({ email: eu.registered.email, market: 'de' });
  await ask(child, { type: 'clear-all' });
  const burstContext = await upstreamDuring(() =>
    Promise.all(Array.from({ length: 100 }, () => timedGet('/api/v1/context', burstSession))),
  );
  const perResource = (calls: string[]) => {
    const counts = new Map<string, number>();
    for (const call of calls) counts.set(call, (counts.get(call) ?? 0) + 1);
    return Math.max(...counts.values());
  };

  // Warm: 50 concurrent clients.
  const warmContext = await warmLoad('/api/v1/context', burstSession);
  const warmDetail = await warmLoad(`/api/v1/orders/${orderIds[0]}`, detailSession);

  // The same answer from a bare Express app in the product's process: the framework's own ceiling on this machine.
  const warmBody = await (
    await fetch(`${base}/api/v1/context`, { headers: { authorization: `Bearer ${burstSession}` } })
  ).text();
  const baselineOrigin = await ask<string>(child, { type: 'baseline', body: warmBody });
  const baseline = await warmLoad('/api/v1/context', burstSession, baselineOrigin);

  const bundle = fs.readFileSync(new URL('../widget/dist/order-context.js', import.meta.url));
  const gzipKb = zlib.gzipSync(bundle, { level: 9 }).length / 1024;

  await ask(child, { type: 'stop' });

  const rows = [
    [
      'Cold context, by email (new ticket, empty cache)',
      `${ms(coldEmail.p50)} / ${ms(coldEmail.p99)}`,
      `${coldEmail.maxCalls} calls`,
    ],
    [
      'Cold context, External ID + email',
      `${ms(coldExternal.p50)} / ${ms(coldExternal.p99)}`,
      `${coldExternal.maxCalls} calls`,
    ],
    [
      'Cold order detail (order not cached)',
      `${ms(percentile(detailLatencies, 50))} / ${ms(percentile(detailLatencies, 99))}`,
      `${Math.max(...detailCalls)} calls`,
    ],
    [
      '100 concurrent identical cold order details',
      '—',
      `${burstDetail.length} calls, ${perResource(burstDetail)} per resource`,
    ],
    [
      '100 concurrent identical cold contexts',
      '—',
      `${burstContext.length} calls, ${perResource(burstContext)} per resource`,
    ],
    [
      `Warm context, ${WARM_CLIENTS} concurrent clients`,
      `${ms(warmContext.p50)} / ${ms(warmContext.p99)}`,
      `${warmContext.upstream} calls, ${Math.round(warmContext.rps)} views/s`,
    ],
    [
      `Warm order detail, ${WARM_CLIENTS} concurrent clients`,
      `${ms(warmDetail.p50)} / ${ms(warmDetail.p99)}`,
      `${warmDetail.upstream} calls, ${Math.round(warmDetail.rps)} views/s`,
    ],
    [
      `Reference: bare Express sending the same JSON, ${WARM_CLIENTS} clients`,
      `${ms(baseline.p50)} / ${ms(baseline.p99)}`,
      `${Math.round(baseline.rps)} views/s`,
    ],
    [
      'Widget JavaScript (order-context.js)',
      `${(bundle.length / 1024).toFixed(1)} kB`,
      `${gzipKb.toFixed(1)} kB gzip`,
    ],
  ];
  const table = [
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench\` on ${os.cpus().length} cores, Node ${process.version}, ` +
      `${ready.latencyMs} ms injected per BigCommerce call, ${COLD_SAMPLES} cold samples each after ${WARM_UP_SAMPLES} warm-up runs.`,
    '',
    '| what | latency p50 / p99 | upstream calls, throughput |',
    '| --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
  console.log(`\n${table}\n`);

  if (process.argv.includes('--write')) {
    const readme = fs.readFileSync('README.md', 'utf8');
    const start = '<!-- bench:start -->';
    const end = '<!-- bench:end -->';
    const from = readme.indexOf(start);
    const to = readme.indexOf(end);
    if (from < 0 || to < from) throw new Error('README.md has no bench markers');
    fs.writeFileSync('README.md', `${readme.slice(0, from + start.length)}\n${table}\n${readme.slice(to)}`);
    console.log('README.md updated');
  }
}

await main();
