/**
 * npm run measure:start — how long the product takes from process spawn to `GET /healthz` 200, and its resident
 * memory once started (process_resident_memory_bytes from /metrics, 2 s after start), in sandbox mode as
 * `npm start` runs on a fresh clone. Compares the compiled start with running the TypeScript through tsx.
 * Usage: npm run measure:start [-- runs]   (default 7 runs each; run `npm run build` first)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const RUNS = Number(process.argv[2] ?? 7);
const VARIANTS: Record<string, string[]> = {
  'compiled (npm start)': ['--enable-source-maps', 'dist/bff/src/server.js'],
  'TypeScript through tsx (before)': ['--import', 'tsx', 'bff/src/server.ts'],
};

async function measureOnce(args: string[]): Promise<{ ms: number; rssMb: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-measure-'));
  const startedAt = performance.now();
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /"msg":"listening on (http:\/\/[^"]+)"/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    // The log line comes just before the server answers; poll so the figure ends at a real 200.
    while ((await fetch(`${url}/healthz`).catch(() => null))?.status !== 200) await sleep(5);
    const ms = performance.now() - startedAt;
    await sleep(2_000);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const rss = Number(/^process_resident_memory_bytes (\d+)/m.exec(metrics)?.[1]);
    return { ms, rssMb: rss / 1024 / 1024 };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

console.log(`${RUNS} runs each, Node ${process.version}, ${os.cpus().length} cores, sandbox mode`);
for (const [name, args] of Object.entries(VARIANTS)) {
  const samples: { ms: number; rssMb: number }[] = [];
  // Alternating would be fairer on a busy machine, but one variant at a time keeps the file cache warm for each.
  for (let i = 0; i < RUNS; i += 1) samples.push(await measureOnce(args));
  const ms = samples.map((sample) => sample.ms);
  const rss = samples.map((sample) => sample.rssMb);
  console.log(
    `${name}: start ${median(ms).toFixed(0)} ms median (${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)}), ` +
      `RSS ${median(rss).toFixed(1)} MB median (${Math.min(...rss).toFixed(1)}–${Math.max(...rss).toFixed(1)})`,
  );
}
